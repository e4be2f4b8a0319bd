"""Review threads: comment, reply, resolve, and what review mode lets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.edit import delete_elements
from studio.edit.commands import MoveElements, ReplaceElement
from studio.edit.notes import (
    comment,
    notes_only,
    open_threads_by_element,
    reply,
    root_of,
    set_resolved,
    threads,
)
from studio.edit.refusal import Refusal
from studio.io.design_file import dump_design, load_design, parse_design
from studio.model import Design, Document, Note, Position

SAMPLE = Path(__file__).parents[2] / "samples" / "erp-mesh.mesh.yaml"


@pytest.fixture
def doc() -> Document:
    return Document(load_design(SAMPLE).design, SAMPLE)


def test_sample_threads_and_badges(doc: Document) -> None:
    found = threads(doc.design)
    assert [t.root.id for t in found] == ["note-compaction", "note-portal-pin", "note-deleted-v3"]
    assert all(t.replies == () for t in found)
    # the resolved thread on the message does not count
    assert open_threads_by_element(doc.design) == {"customer-changed": 1, "portal": 1}


def test_comment_reply_resolve_round_trip_through_the_file(doc: Document) -> None:
    add = comment(doc, "crm", "rev", "Who owns the CRM?")
    add.do(doc)
    first = add.element.id
    answer = reply(doc, first, "erp-team", "The sales platform team.")
    answer.do(doc)
    # a reply to a reply still answers the same thread
    again = reply(doc, answer.element.id, "rev", "Thanks.")
    again.do(doc)
    resolve = set_resolved(doc, again.element.id, True)
    assert resolve is not None
    resolve.do(doc)

    reloaded = parse_design(dump_design(doc.design), "x.mesh.yaml").design
    thread = next(t for t in threads(reloaded) if t.root.id == first)
    assert thread.on == "crm"
    assert thread.resolved
    assert [n.text for n in thread.replies] == ["The sales platform team.", "Thanks."]
    assert all(n.on == first for n in thread.replies)
    # replies follow their thread in the file, so the YAML reads as a conversation
    ids = [n.id for n in reloaded.notes]
    assert ids.index(first) + 1 == ids.index(answer.element.id)
    assert "crm" not in open_threads_by_element(reloaded)


def test_undo_of_each_step_restores_the_bytes(doc: Document) -> None:
    before = dump_design(doc.design)
    add = comment(doc, "portal", "rev", "Pin to v4?")
    add.do(doc)
    middle = dump_design(doc.design)
    answer = reply(doc, "note-portal-pin", "rev", "+1")
    answer.do(doc)
    answer.undo(doc)
    assert dump_design(doc.design) == middle
    add.undo(doc)
    assert dump_design(doc.design) == before


def test_resolving_twice_is_no_change_and_reopen_works(doc: Document) -> None:
    assert set_resolved(doc, "note-deleted-v3", True) is None
    reopen = set_resolved(doc, "note-deleted-v3", False)
    assert reopen is not None
    reopen.do(doc)
    assert open_threads_by_element(doc.design)["customer-changed-event"] == 1


def test_reply_to_something_that_is_not_a_note_is_refused(doc: Document) -> None:
    assert reply(doc, "crm", "rev", "hello") == Refusal("'crm' is not a note.")
    assert set_resolved(doc, "crm", True) == Refusal("'crm' is not a note.")


def test_deleting_a_thread_takes_its_replies_and_undo_brings_them_back(doc: Document) -> None:
    reply(doc, "note-compaction", "a", "yes").do(doc)
    before = dump_design(doc.design)
    command = delete_elements(doc, ["note-compaction"])
    assert command is not None
    command.do(doc)
    assert [n.id for n in doc.design.notes] == ["note-portal-pin", "note-deleted-v3"]
    command.undo(doc)
    assert dump_design(doc.design) == before


def test_a_reply_cycle_in_a_hand_edited_file_does_not_hang() -> None:
    a, b = Note("a", on="b", text="x"), Note("b", on="a", text="y")
    design = Design(notes=[a, b])
    assert root_of(design, a) == a
    assert [t.root.id for t in threads(design)] == ["a", "b"]  # nothing disappears


def test_notes_only_lets_comments_through_and_nothing_else(doc: Document) -> None:
    assert notes_only(doc, comment(doc, "crm", "r", "t"))
    assert notes_only(doc, reply(doc, "note-compaction", "r", "t"))
    resolve = set_resolved(doc, "note-compaction", True)
    assert resolve is not None and notes_only(doc, resolve)
    delete_note = delete_elements(doc, ["note-compaction"])
    assert delete_note is not None and notes_only(doc, delete_note)
    assert notes_only(doc, MoveElements({"note-compaction": (None, Position(1, 2))}))

    crm = doc.get("crm")
    assert crm is not None
    assert not notes_only(doc, ReplaceElement("crm", crm))
    delete_app = delete_elements(doc, ["crm"])
    assert delete_app is not None and not notes_only(doc, delete_app)
    assert not notes_only(doc, MoveElements({"crm": (None, Position(1, 2))}))
    # a note turned into something else is not a comment
    assert not notes_only(doc, ReplaceElement("note-compaction", crm))
