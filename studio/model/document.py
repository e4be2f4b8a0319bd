"""The Document: the single mutable aggregate of an open design, emitting typed events.

Every change to a design goes through one of the few methods below, each of which emits
exactly one event on ``changed`` after the change is made. Undoable commands (``studio.edit``)
are built from these methods; the studio's scene listens to ``changed``. The Document keeps an
index of ids so lookups stay constant-time on big meshes, and (once asked for) the uses index,
kept up to date edit by edit, so "who names this element" is too: rename, delete, the canvas
and live validation ask it after every edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.model import events
from studio.model.design import SECTIONS, Design, kind_name
from studio.model.elements import Element, Position
from studio.model.uses import Uses

DOCUMENT_SECTIONS = ("info", "registry", "taxonomy", "rules", "views")


class Document:
    """An open design: its data, where it lives, and the events of its changes."""

    def __init__(self, design: Design | None = None, path: str | Path | None = None) -> None:
        self.design = design or Design()
        self.path = Path(path) if path else None
        self.changed: events.Signal[events.Change] = events.Signal()
        self._index: dict[str, Element] = {}
        self._reindex()

    def _reindex(self) -> None:
        self._index = {element.id: element for element in self.design.elements()}
        self._uses: Uses | None = None
        self._places: dict[str, int] = {}  # where each element was last seen in its list

    @property
    def uses(self) -> Uses:
        """Who uses what, built at the first question and kept up to date after that."""
        if self._uses is None:
            self._uses = Uses(self.design)
        return self._uses

    def referrers(self, target: str) -> list[Element]:
        """The elements (other than ``target``) naming ``target``."""
        return [self._index[i] for i in self.uses.referrers(target) if i in self._index]

    # -- reading ---------------------------------------------------------------------

    def get(self, element_id: str) -> Element | None:
        return self._index.get(element_id)

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._index

    def index_of(self, element_id: str) -> int:
        """Position of the element in its section's list.

        Where it was last seen, if it is still there; else the list is looked over once for
        all its elements. Deleting many elements from the end of each list first (as
        ``delete_elements`` does) thus finds each at once, where a scan for each made deleting
        a whole big mesh quadratic."""
        element = self._require(element_id)
        section = self.design.section(type(element))
        place = self._places.get(element_id, -1)
        if not (0 <= place < len(section) and section[place] is element):
            self._places.update((e.id, i) for i, e in enumerate(section))
            place = self._places[element_id]
        return place

    def unused_id(self, stem: str) -> str:
        """``stem`` if free, else ``stem-2``, ``stem-3``, ... (ids are stable once given)."""
        candidate, n = stem, 1
        while candidate in self._index:
            n += 1
            candidate = f"{stem}-{n}"
        return candidate

    def _require(self, element_id: str) -> Element:
        try:
            return self._index[element_id]
        except KeyError:
            raise KeyError(f"no element with id '{element_id}'") from None

    # -- changing --------------------------------------------------------------------

    def add(self, element: Element, index: int | None = None) -> None:
        """Insert ``element`` into its section (at the end unless ``index`` is given)."""
        if element.id in self._index:
            other = kind_name(self._index[element.id])
            raise ValueError(f"id '{element.id}' is already used by a {other}")
        section = self.design.section(type(element))
        index = len(section) if index is None else index
        section.insert(index, element)
        self._index[element.id] = element
        if self._uses is not None:
            self._uses.learn(element)
        self.changed.emit(events.ElementAdded(element, index))

    def remove(self, element_id: str) -> tuple[Element, int]:
        """Remove an element (not its links, nor its position); return it and its index."""
        index = self.index_of(element_id)
        element = self.design.section(type(self._index[element_id])).pop(index)
        del self._index[element_id]
        if self._uses is not None:
            self._uses.forget(element)
        self.changed.emit(events.ElementRemoved(element, index))
        return element, index

    def replace(self, element_id: str, new: Element) -> Element:
        """Put ``new`` where the element ``element_id`` is; return the old element."""
        old = self._require(element_id)
        if type(new) is not type(old):
            raise TypeError(f"cannot replace a {kind_name(old)} with a {kind_name(new)}")
        if new.id != element_id and new.id in self._index:
            raise ValueError(f"id '{new.id}' is already used")
        section = self.design.section(type(old))
        section[self.index_of(element_id)] = new
        del self._index[element_id]
        self._index[new.id] = new
        if self._uses is not None:
            self._uses.forget(old)
            self._uses.learn(new)
        self.changed.emit(events.ElementReplaced(old=old, new=new))
        return old

    def set_position(self, element_id: str, position: Position | None) -> Position | None:
        """Move an element on the canvas (``None`` forgets its position); return the old one."""
        layout = self.design.layout
        old = layout.get(element_id)
        if position is None:
            layout.pop(element_id, None)
        else:
            layout[element_id] = position
        self.changed.emit(events.PositionChanged(element_id, old=old, new=position))
        return old

    def set_section(self, name: str, value: Any) -> Any:
        """Replace ``info``, ``registry``, ``taxonomy``, ``rules`` or ``views``; return the old
        value."""
        if name not in DOCUMENT_SECTIONS:
            raise ValueError(f"'{name}' is not a document section")
        old = getattr(self.design, name)
        setattr(self.design, name, value)
        self.changed.emit(events.SectionChanged(name, old=old, new=value))
        return old

    def reset(self, design: Design, path: str | Path | None = None) -> None:
        """Replace the whole design (open, reload)."""
        self.design = design
        self.path = Path(path) if path else self.path
        self._reindex()
        self.changed.emit(events.DocumentReset(design))


__all__ = ["SECTIONS", "Document"]
