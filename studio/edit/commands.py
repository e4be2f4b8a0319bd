"""Undoable edits of a Document, as small Qt-free command objects.

Every user edit is one of these (STYLE.md habit 3). A command remembers what it needs to
undo itself; ``do`` and ``undo`` only call Document methods, so the studio's scene follows
through the Document's events and never needs to be told. The studio wraps each command in
one generic QUndoCommand; the CLI and tests use ``History``.

``merge_key`` lets consecutive edits of the same thing become one undo step (typing a name
letter by letter); a drag of many elements is one ``MoveElements``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from studio.model import Design, Document, Element, Position, kind_name


class Command(Protocol):
    label: str

    def do(self, doc: Document) -> None: ...

    def undo(self, doc: Document) -> None: ...

    @property
    def merge_key(self) -> Hashable | None: ...

    def merge(self, newer: Command) -> bool: ...


class _Unmergeable:
    merge_key: Hashable | None = None

    def merge(self, newer: Command) -> bool:
        return False


@dataclass
class AddElement(_Unmergeable):
    """Add an element (optionally at an index and a canvas position)."""

    element: Element
    position: Position | None = None
    index: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or f"Add {kind_name(self.element)} '{self.element.id}'"

    def do(self, doc: Document) -> None:
        # the position first: the canvas then places the element where it belongs at once
        if self.position is not None:
            doc.set_position(self.element.id, self.position)
        doc.add(self.element, self.index)

    def undo(self, doc: Document) -> None:
        if self.position is not None:
            doc.set_position(self.element.id, None)
        doc.remove(self.element.id)


@dataclass
class RemoveElement(_Unmergeable):
    """Remove one element and its canvas position; undo puts both back where they were.

    Links from other elements are not touched here: ``delete_elements`` builds the macro
    that also removes them.
    """

    element_id: str
    label: str = ""
    _removed: tuple[Element, int] | None = field(default=None, repr=False)
    _position: Position | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.label = self.label or f"Delete '{self.element_id}'"

    def do(self, doc: Document) -> None:
        self._position = doc.design.layout.get(self.element_id)
        if self._position is not None:
            doc.set_position(self.element_id, None)
        self._removed = doc.remove(self.element_id)

    def undo(self, doc: Document) -> None:
        assert self._removed is not None, "undo before do"
        # the position first, as in AddElement: placed anywhere else first, thousands of
        # returning elements would grow the canvas's rect around a column of them
        if self._position is not None:
            doc.set_position(self.element_id, self._position)
        doc.add(*self._removed)  # the element at the index it had


@dataclass
class ReplaceElement:
    """Change an element's fields (and maybe its id); ``merge_key`` merges typing."""

    element_id: str
    new: Element
    label: str = ""
    key: Hashable | None = None
    _old: Element | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.label = self.label or f"Edit '{self.element_id}'"

    @property
    def merge_key(self) -> Hashable | None:
        return None if self.key is None else (self.element_id, self.key)

    def do(self, doc: Document) -> None:
        self._old = doc.replace(self.element_id, self.new)

    def undo(self, doc: Document) -> None:
        assert self._old is not None, "undo before do"
        doc.replace(self.new.id, self._old)

    def merge(self, newer: Command) -> bool:
        if not (
            isinstance(newer, ReplaceElement)
            and newer.merge_key == self.merge_key
            and self.merge_key is not None
            and newer.element_id == self.new.id
        ):
            return False
        self.new = newer.new
        return True


@dataclass
class MoveElements(_Unmergeable):
    """Move elements on the canvas; a whole drag of a selection is one step."""

    moves: dict[str, tuple[Position | None, Position | None]]
    label: str = ""

    def __post_init__(self) -> None:
        count = len(self.moves)
        self.label = self.label or (
            f"Move '{next(iter(self.moves))}'" if count == 1 else f"Move {count} elements"
        )

    def do(self, doc: Document) -> None:
        for element_id, (_, new) in self.moves.items():
            doc.set_position(element_id, new)

    def undo(self, doc: Document) -> None:
        for element_id, (old, _) in self.moves.items():
            doc.set_position(element_id, old)


@dataclass
class SetSection:
    """Replace ``info``, ``registry``, ``taxonomy``, ``rules`` or ``views``."""

    name: str
    value: Any
    label: str = ""
    key: Hashable | None = None
    _old: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.label = self.label or f"Edit {self.name}"

    @property
    def merge_key(self) -> Hashable | None:
        return None if self.key is None else ("section", self.name, self.key)

    def do(self, doc: Document) -> None:
        self._old = doc.set_section(self.name, self.value)

    def undo(self, doc: Document) -> None:
        doc.set_section(self.name, self._old)

    def merge(self, newer: Command) -> bool:
        if (
            isinstance(newer, SetSection)
            and self.merge_key is not None
            and newer.merge_key == self.merge_key
        ):
            self.value = newer.value
            return True
        return False


@dataclass
class Macro(_Unmergeable):
    """Several commands as one step; undone in reverse order so indexes come back right."""

    label: str
    commands: Sequence[Command]

    def do(self, doc: Document) -> None:
        for command in self.commands:
            command.do(doc)

    def undo(self, doc: Document) -> None:
        for command in reversed(self.commands):
            command.undo(doc)


@dataclass
class ReplaceDesign(_Unmergeable):
    """Swap the whole design (reloading a file changed on disk, merging imported specs); undo
    brings back the old one, so a reload never costs the user their unsaved work."""

    design: Design
    label: str = "Reload from disk"
    _old: Design | None = field(default=None, repr=False)

    def do(self, doc: Document) -> None:
        self._old = doc.design
        doc.reset(self.design, doc.path)

    def undo(self, doc: Document) -> None:
        assert self._old is not None, "undo before do"
        doc.reset(self._old, doc.path)
