"""Small editors the Properties forms are made of: an id field, lists, pickers, versions.

Each one shows a value and emits what the user asked for (rename, remove entry n, add id x);
the form turns that intent into a command. They hold only what they were last told to show,
so undo and redo only need to call their setters again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QPainter,
    QPaintEvent,
    QPalette,
    QRegularExpressionValidator,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.gui.panels.properties_base import (
    REMOVES_ENTRY,
    error_label,
    quiet,
    set_items,
    set_text,
)
from studio.model import Version

W = TypeVar("W", bound=QWidget)

# What a version field accepts: nothing, "latest" or a positive integer.
VERSION_PATTERN = QRegularExpression(r"^(latest|[1-9][0-9]{0,8})?$")


def parse_version(text: str) -> Version | None:
    """``""`` -> None, ``"latest"`` -> "latest", ``"3"`` -> 3; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if text == "latest":
        return "latest"
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise ValueError(f"'{text}' is not a version: use a number or 'latest'.")


def version_text(version: Version | None) -> str:
    return "" if version is None else str(version)


def version_combo(name: str = "") -> QComboBox:
    """An editable combo accepting only a version number, ``latest`` or nothing."""
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setValidator(QRegularExpressionValidator(VERSION_PATTERN, box))
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    box.setMinimumContentsLength(6)
    return box


def remove_button(tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setAutoRaise(True)
    button.setIcon(button.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton))
    button.setToolTip(tooltip)
    button.setAccessibleName(tooltip)
    button.setProperty(REMOVES_ENTRY, True)
    return button


def fit_height(view: QAbstractItemView, rows: int, most: int = 8) -> None:
    """Size a list to its rows (at least one, at most ``most``, then it scrolls): a form of
    many short lists reads better than a form of scroll boxes."""
    row = view.sizeHintForRow(0) if view.model().rowCount() else -1
    if row <= 0:
        row = view.fontMetrics().height() + 10
    view.setFixedHeight(row * max(1, min(rows, most)) + 2 * view.frameWidth())


def cell(table: QTableWidget, row: int, column: int, kind: type[W]) -> W:
    """The editor widget in a table cell."""
    widget = table.cellWidget(row, column)
    assert isinstance(widget, kind), f"no {kind.__name__} at {row}, {column}"
    return widget


class EditorTable(QTableWidget):
    """A table whose cells are editors, as tall as its rows and never clipping an editor.

    Qt sizes rows and columns by their items and ignores cell widgets, which leaves combos
    clipped. Here every column gets its widest editor except ``stretch``, which takes the room
    left; in a dock too narrow for that the table scrolls sideways instead.
    """

    STRETCH_MIN = 80

    def __init__(
        self,
        headers: Sequence[str],
        stretch: int,
        name: str = "",
        most_rows: int = 6,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.horizontalHeader().setMinimumSectionSize(16)
        self._stretch, self._most = stretch, most_rows
        self._row_height = self.verticalHeader().defaultSectionSize()
        self._fit_width()

    def fit(self) -> None:
        """Size rows and columns to the editors; call once the rows are filled in."""
        editors = [
            (c, w)
            for r in range(self.rowCount())
            for c in range(self.columnCount())
            if (w := self.cellWidget(r, c)) is not None
        ]
        self._row_height = max(
            [self.verticalHeader().defaultSectionSize()]
            + [w.sizeHint().height() for _, w in editors]
        )
        for row in range(self.rowCount()):
            self.setRowHeight(row, self._row_height)
        header = self.horizontalHeader()
        for column in range(self.columnCount()):
            if column != self._stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(
                    column,
                    max(
                        [header.sectionSizeHint(column)]
                        + [
                            min(w.sizeHint().width(), w.maximumWidth())
                            for c, w in editors
                            if c == column
                        ]
                    ),
                )
        self._fit_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def _fit_width(self) -> None:
        header = self.horizontalHeader()
        fixed = sum(self.columnWidth(c) for c in range(self.columnCount()) if c != self._stretch)
        narrow = self.width() - 2 * self.frameWidth() - fixed < self.STRETCH_MIN
        if narrow:
            header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(self._stretch, self.STRETCH_MIN)
        else:
            header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)
        height = (
            self._row_height * max(1, min(self.rowCount(), self._most))
            + header.sizeHint().height()
            + 2 * self.frameWidth()
        )
        if narrow:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)


class LineWithError(QWidget):
    """A line edit over the sentence that says why its text was refused (hidden until then)."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setPlaceholderText(placeholder)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)


class IdField(LineWithError):
    """The id of an element: committed on Enter or focus-out, with a refusal shown inline."""

    rename_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("id", parent=parent)
        self._current = ""
        self.edit.editingFinished.connect(self._finished)

    def set_id(self, element_id: str) -> None:
        # Keep what the user is typing unless the id itself changed (a rename, an undo).
        if element_id != self._current or not self.edit.isModified():
            set_text(self.edit, element_id)
            self.edit.setModified(False)
        self._current = element_id

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        set_text(self.edit, self._current)
        self.edit.setModified(False)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def commit_pending(self) -> None:
        """Ask for the rename the user typed but has not confirmed yet."""
        if self.edit.isModified():
            self._finished()

    def _finished(self) -> None:
        text = self.edit.text().strip()
        self.edit.setModified(False)
        if text == self._current:
            self.clear_error()
            return
        self.rename_requested.emit(text)


class CheckedField(LineWithError):
    """A line edit for a field the file format constrains (a path must start with '/').

    A value that breaks the rule is explained inline and never pushed: the design file must
    stay loadable. Leaving the field, or any change of the document, puts its value back.
    """

    def __init__(
        self,
        check: Callable[[str], str | None],
        on_edit: Callable[[str], None],
        placeholder: str = "",
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, placeholder, parent)
        self._check, self._on_edit, self._value = check, on_edit, ""
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)

    def set_value(self, value: str | None) -> None:
        # Refused text pushes nothing, so a refresh comes only from a real change of the
        # document (undo, another element shown): the document's value wins then.
        self._value = value or ""
        self.error.hide()
        set_text(self.edit, self._value)

    def _edited(self, text: str) -> None:
        problem = self._check(text.strip())
        self.error.setText(problem or "")
        self.error.setHidden(problem is None)
        if problem is None:
            self._on_edit(text.strip())

    def _finished(self) -> None:
        if not self.error.isHidden():
            self.error.hide()
            set_text(self.edit, self._value)


def must_start_with_slash(text: str) -> str | None:
    return None if text.startswith("/") else "A path starts with '/'."


def must_not_be_empty(text: str) -> str | None:
    return None if text else "This cannot be empty."


class RemovableList(QListWidget):
    """Entries with a remove button each; ``remove_requested`` carries the row number."""

    remove_requested = Signal(int)

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._entries: list[tuple[str, str, str]] = []
        fit_height(self, 0)

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """Show (key, text, tooltip) rows; rebuilt only when they change."""
        entries = list(entries)
        if entries == self._entries:
            return
        selected = self.current_key()
        self._entries = entries
        with quiet(self):
            self.clear()
            for row, (key, text, tooltip) in enumerate(entries):
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(tooltip)
                self.addItem(item)
                self.setItemWidget(item, self._row_widget(row, text, tooltip))
                item.setSizeHint(self.itemWidget(item).sizeHint())
                if key == selected:
                    self.setCurrentItem(item)
        fit_height(self, len(entries))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:
            # An empty box says nothing; "None" says there is nothing.
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(6, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                "None",
            )
            painter.end()

    def keys(self) -> list[str]:
        return [key for key, _, _ in self._entries]

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_key(self, key: str | None) -> None:
        with quiet(self):
            if key in self.keys():
                self.setCurrentRow(self.keys().index(key))
            else:
                self.setCurrentRow(-1)

    def remove_buttons(self) -> list[QToolButton]:
        """The row buttons in row order (for keyboard-less access and tests)."""
        buttons = [
            self.itemWidget(self.item(row)).findChild(QToolButton) for row in range(self.count())
        ]
        return [button for button in buttons if button is not None]

    def _row_widget(self, row: int, text: str, tooltip: str) -> QWidget:
        widget = QWidget()
        layout = QHBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        label = QLabel(text)
        label.setToolTip(tooltip)
        layout.addWidget(label, 1)
        button = remove_button(f"Remove {text}")
        button.clicked.connect(lambda: self.remove_requested.emit(row))
        layout.addWidget(button)
        return widget


class PickCombo(QComboBox):
    """A prompt ("Add topic…") over choices; picking one emits its id and shows the prompt
    again, so the same combo serves for the next addition."""

    picked = Signal(str)

    def __init__(self, prompt: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._prompt = prompt
        self.addItem(prompt, "")
        self.activated.connect(self._activated)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        set_items(self, [(self._prompt, ""), *choices])
        with quiet(self):
            self.setCurrentIndex(0)

    def _activated(self, index: int) -> None:
        data = self.itemData(index) or ""
        with quiet(self):
            self.setCurrentIndex(0)
        if data:
            self.picked.emit(data)
