"""Review comments: notes grouped into threads, and the commands that comment, reply and resolve.

A thread is a note pinned to an element (or to the design, when ``on`` is empty) together
with the notes that answer it. A reply is an ordinary note whose ``on`` names the note it
answers, so the design file needs no new keys and every other reader of the format keeps
every word. The thread's state lives on its first note: resolving a thread sets that note's
``resolved`` flag.

``notes_only`` tells whether a command touches nothing but notes: review mode lets exactly
those through, because commenting is what a reviewer does.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studio.edit.commands import (
    AddElement,
    Command,
    Macro,
    MoveElements,
    RemoveElement,
    ReplaceElement,
)
from studio.edit.refusal import Refusal
from studio.model import Design, Document, Note


@dataclass(frozen=True, slots=True)
class Thread:
    """A pinned comment and its replies, in file order."""

    root: Note
    replies: tuple[Note, ...]

    @property
    def on(self) -> str | None:
        """The element the thread is about (None: the design as a whole)."""
        return self.root.on

    @property
    def resolved(self) -> bool:
        return self.root.resolved

    @property
    def notes(self) -> tuple[Note, ...]:
        return (self.root, *self.replies)


def root_of(design: Design, note: Note) -> Note:
    """The first note of ``note``'s thread (a reply to a reply answers the same thread)."""
    return _root({n.id: n for n in design.notes}, note)


def _root(by_id: dict[str, Note], note: Note) -> Note:
    current, seen = note, {note.id}
    while (parent := by_id.get(current.on or "")) is not None:
        if parent.id in seen:
            return note  # a reply cycle in a hand-edited file: the note stands alone
        seen.add(parent.id)
        current = parent
    return current


def threads(design: Design) -> list[Thread]:
    """Every thread of the design, in the file order of their first notes."""
    by_id = {n.id: n for n in design.notes}
    replies: dict[str, list[Note]] = {}
    roots: list[Note] = []
    for note in design.notes:
        root = _root(by_id, note)
        if root.id == note.id:
            roots.append(note)
        else:
            replies.setdefault(root.id, []).append(note)
    return [Thread(root, tuple(replies.get(root.id, ()))) for root in roots]


def open_threads_by_element(design: Design) -> dict[str, int]:
    """How many unresolved threads each element has (the canvas shows it as a badge)."""
    counts: dict[str, int] = {}
    for thread in threads(design):
        if thread.on and not thread.resolved:
            counts[thread.on] = counts.get(thread.on, 0) + 1
    return counts


def comment(doc: Document, on: str | None, author: str, text: str) -> AddElement:
    """Start a thread on element ``on`` (or on the design)."""
    note = Note(doc.unused_id("note"), on=on, author=author or None, text=text)
    target = f"'{on}'" if on else "the design"
    return AddElement(note, label=f"Comment on {target}")


def comment_on_each(
    doc: Document, targets: Sequence[str], author: str, text: str
) -> AddElement | Macro:
    """Start one thread per element of ``targets`` with the same words, as one step (a
    comment on a selection of several elements); none or one target is ``comment``."""
    if len(targets) <= 1:
        return comment(doc, targets[0] if targets else None, author, text)
    # unused_id's sequence, skipping the ids this step gives out before any of them is added
    candidates = ("note" if n == 1 else f"note-{n}" for n in itertools.count(1))
    free = (c for c in candidates if c not in doc)
    added = [
        AddElement(Note(next(free), on=on, author=author or None, text=text)) for on in targets
    ]
    return Macro(f"Comment on {len(targets)} elements", added)


def reply(doc: Document, note_id: str, author: str, text: str) -> AddElement | Refusal:
    """Answer the thread ``note_id`` belongs to; the reply follows the thread in the file."""
    note = doc.get(note_id)
    if not isinstance(note, Note):
        return Refusal(f"'{note_id}' is not a note.")
    root = root_of(doc.design, note)
    thread = next(t for t in threads(doc.design) if t.root.id == root.id)
    last = thread.notes[-1]
    index = doc.design.notes.index(last) + 1
    new = Note(doc.unused_id("note"), on=root.id, author=author or None, text=text)
    return AddElement(new, index=index, label=f"Reply to '{root.id}'")


def set_resolved(doc: Document, note_id: str, resolved: bool) -> ReplaceElement | Refusal | None:
    """Resolve or reopen the thread ``note_id`` belongs to (None when nothing changes)."""
    note = doc.get(note_id)
    if not isinstance(note, Note):
        return Refusal(f"'{note_id}' is not a note.")
    root = root_of(doc.design, note)
    if root.resolved == resolved:
        return None
    verb = "Resolve" if resolved else "Reopen"
    return ReplaceElement(
        root.id, dataclasses.replace(root, resolved=resolved), label=f"{verb} '{root.id}'"
    )


def notes_only(doc: Document, command: Command) -> bool:
    """True when ``command`` adds, edits, removes or moves notes and nothing else."""
    if isinstance(command, Macro):
        return all(notes_only(doc, c) for c in command.commands)
    if isinstance(command, AddElement):
        return isinstance(command.element, Note)
    if isinstance(command, ReplaceElement):
        return isinstance(command.new, Note) and isinstance(doc.get(command.element_id), Note)
    if isinstance(command, RemoveElement):
        return isinstance(doc.get(command.element_id), Note)
    if isinstance(command, MoveElements):
        return _all_notes(doc, command.moves)
    return False


def _all_notes(doc: Document, ids: Iterable[str]) -> bool:
    return all(isinstance(doc.get(i), Note) for i in ids)
