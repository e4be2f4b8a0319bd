"""Search (Ctrl+F) over element names, ids, topic addresses, endpoint paths and subjects.

A line edit with a completer that matches anywhere in the text, case-insensitively; choosing
an entry (or Enter on the text of one) reveals that element. The list is rebuilt lazily, only
when the design has changed since the last search.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from studio.model import (
    Application,
    Broker,
    Document,
    Element,
    Endpoint,
    InlineSchema,
    Message,
    Note,
    Topic,
    kind_name,
)


def search_text(element: Element) -> str:
    """What a person would search an element by, on one line ending with its kind and id."""
    parts: list[str] = []
    if isinstance(element, (Application, Broker, Message)) and element.name:
        parts.append(element.name)
    if isinstance(element, Topic):
        parts.append(element.address)
    if isinstance(element, Endpoint):
        parts.append(f"{element.method} {element.path}")
    if isinstance(element, Message):
        parts += [
            ref.subject
            for ref in (element.payload, element.key, element.headers)
            if ref is not None and not isinstance(ref, InlineSchema)
        ]
    if isinstance(element, Note):
        parts.append(element.text[:60])
    parts.append(f"{kind_name(element)} {element.id}")
    return " · ".join(parts)


class SearchField(QLineEdit):
    """Type to find; emits the id of the chosen element, and ``tell``s (a status bar's
    ``showMessage``) when Enter finds nothing."""

    element_chosen = Signal(str)

    def __init__(
        self,
        doc: Document,
        tell: Callable[[str, int], None] = lambda _message, _ms: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self._tell = tell
        self.setPlaceholderText("Search names, ids, addresses, subjects (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self._ids: dict[str, str] = {}
        self._stale = True
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        completer.activated.connect(self._choose)
        self._matches_list = completer.popup()
        self.setCompleter(completer)
        self.returnPressed.connect(lambda: self._choose(self.text()))
        doc.changed.connect(self._mark_stale)

    def _mark_stale(self, _change: object) -> None:
        self._stale = True

    def refresh(self) -> None:
        if not self._stale:
            return
        self._ids = {search_text(e): e.id for e in self.doc.design.elements()}
        self._model.setStringList(sorted(self._ids, key=str.lower))
        self._stale = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.refresh()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.refresh()
        super().keyPressEvent(event)

    def matches(self, text: str) -> list[str]:
        """Ids of the elements whose search text contains ``text`` (case-insensitive)."""
        self.refresh()
        needle = text.lower()
        return [element_id for line, element_id in self._ids.items() if needle in line.lower()]

    def _choose(self, text: str) -> None:
        element_id = self._ids.get(text)
        if element_id is None:
            found = self.matches(text) if text else []
            element_id = found[0] if found else None
        if element_id is not None:
            if self._matches_list is not None:  # chosen: the list no longer covers the canvas
                self._matches_list.hide()
            self.element_chosen.emit(element_id)
        elif text:  # Enter doing nothing at all would look broken
            self._tell(f"Nothing matches '{text}'.", 4000)
