"""What every Properties form shares: the context it edits through, and quiet widget setters.

A form never writes the document: each edit becomes one command handed to ``FormContext.push``
(the main window's undo stack), and the form redraws itself from the document's events like
any other view. Redrawing must not fight the user who is typing, so every setter here touches a
widget only when its value differs, with the widget's signals blocked, which also keeps a
refresh from echoing back as a new edit. Review mode is applied last on every refresh, so rows
created on the fly are read-only too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from studio.edit import Command, Refusal, ReplaceElement, rename_element
from studio.model import Change, Document, Element, ElementReplaced
from studio.registry import Registry

if TYPE_CHECKING:
    from studio.gui.panels.properties_widgets import IdField

# Errors are shown inline in the house red (the DELETE badge colour of the canvas).
ERROR_STYLE = "color: #c2413b;"
HINT_STYLE = "color: palette(placeholder-text);"
# Widgets carrying this property stay read-only whatever the mode (bindings, inline schemas).
ALWAYS_READ_ONLY = "alwaysReadOnly"
# Lists whose items the user edits in place (checkable lists) are disabled in review mode.
EDITABLE_VIEW = "editableView"
# Per-row remove buttons are hidden in review mode: a column of dead buttons is only noise.
REMOVES_ENTRY = "removesEntry"


class FormContext:
    """The document, where commands go, the registry in use, and whether editing is allowed."""

    def __init__(self, doc: Document, push: Callable[[Command], None]) -> None:
        self.doc = doc
        self.registry: Registry | None = None
        self.registry_problem: str | None = None  # why the design's registry file did not load
        self.read_only = False
        self._push = push

    def push(self, command: Command) -> None:
        # Widgets are read-only in review mode already; this guard keeps a stray signal
        # (a focus-out, a programmatic change) from editing a design under review.
        if not self.read_only:
            self._push(command)


class ElementForm(QWidget):
    """A form for one element; subclasses build widgets and implement ``load``."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.element_id: str | None = None
        self.id_field: IdField | None = None

    def element(self) -> Element | None:
        return self.ctx.doc.get(self.element_id) if self.element_id else None

    def show_element(self, element_id: str | None) -> None:
        if element_id != self.element_id:
            self.commit_typed_id()
        self.element_id = element_id
        self.clear_errors()
        self.refresh()

    def follow(self, change: Change) -> bool:
        """Track a rename of the shown element; False when the element is gone."""
        if self.element_id is None:
            return True
        if isinstance(change, ElementReplaced) and change.old.id == self.element_id:
            self.element_id = change.new.id
        return self.element_id in self.ctx.doc

    def commit_typed_id(self) -> None:
        """Rename the element to the id typed but not confirmed yet: it counts, as on leaving
        the field (another element is about to be shown)."""
        if self.id_field is not None:
            self.id_field.commit_pending()

    def refresh(self) -> None:
        element = self.element()
        if element is not None:
            if self.id_field is not None:
                self.id_field.set_id(element.id)
            self.load(element)
        apply_read_only(self, self.ctx.read_only)

    def load(self, element: Element) -> None:
        """Show ``element`` in the form's widgets; every concrete form defines it (Qt's
        metaclass rules out ``abc.abstractmethod`` here)."""
        raise TypeError(f"{type(self).__name__} does not define load()")

    def clear_errors(self) -> None:
        """Forget inline error messages (a new element is shown)."""
        if self.id_field is not None:
            self.id_field.clear_error()

    # -- edits -----------------------------------------------------------------------

    def edit(self, what: str, merge_key: Hashable | None, /, **changes: Any) -> None:
        """Push one ReplaceElement changing ``changes``; ``merge_key`` merges repeated typing."""
        element = self.element()
        if element is None:
            return
        new = dataclasses.replace(element, **changes)
        if new != element:
            self.ctx.push(
                ReplaceElement(
                    element.id, new, label=f"Edit {what} of '{element.id}'", key=merge_key
                )
            )

    def change(self, label: str, /, **changes: Any) -> None:
        """Push a structural change (add/remove an entry): one undo step each, never merged."""
        element = self.element()
        if element is None:
            return
        new = dataclasses.replace(element, **changes)
        if new != element:
            self.ctx.push(ReplaceElement(element.id, new, label=label))

    def rename(self, new_id: str) -> None:
        """Rename the shown element everywhere, or show in the id field why that is refused."""
        if self.element_id is None or new_id == self.element_id or self.ctx.read_only:
            return
        command = rename_element(self.ctx.doc, self.element_id, new_id)
        if isinstance(command, Refusal):
            if self.id_field is not None:
                self.id_field.show_error(command.reason)
            return
        if self.id_field is not None:
            self.id_field.clear_error()
        self.ctx.push(command)


# -- building ----------------------------------------------------------------------------


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A compact form with right-aligned labels that lets fields grow with the dock."""
    layout = QFormLayout(parent)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setVerticalSpacing(5)
    return layout


def line_edit(on_edit: Callable[[str], None], placeholder: str = "", name: str = "") -> QLineEdit:
    """A line edit reporting every user keystroke (programmatic changes stay silent)."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setObjectName(name)
    edit.textEdited.connect(on_edit)
    return edit


def text_edit(on_edit: Callable[[str], None], lines: int = 4, name: str = "") -> QPlainTextEdit:
    """A multi-line editor a few lines high; Tab moves on instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    edit.textChanged.connect(lambda: on_edit(edit.toPlainText()))
    return edit


def read_only_text(lines: int = 6, name: str = "") -> QPlainTextEdit:
    """A monospaced text shown for reading only (bindings, inline schemas)."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    edit.setProperty(ALWAYS_READ_ONLY, True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    font = edit.font()
    font.setFamily("monospace")
    font.setStyleHint(font.StyleHint.Monospace)
    edit.setFont(font)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def combo(on_pick: Callable[[str], None], name: str = "") -> QComboBox:
    """A drop-down whose items carry ids as data; reports only the user's choices."""
    box = QComboBox()
    box.setObjectName(name)
    box.activated.connect(lambda index: on_pick(box.itemData(index) or ""))
    return box


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def or_none(text: str) -> str | None:
    """Empty fields are absent keys in the file, not empty strings."""
    return text if text.strip() else None


# -- quiet setters ---------------------------------------------------------------------


@contextmanager
def quiet(widget: QObject) -> Iterator[None]:
    was_blocked = widget.blockSignals(True)
    try:
        yield
    finally:
        widget.blockSignals(was_blocked)


def set_text(edit: QLineEdit | QLabel, text: str | None) -> None:
    text = text or ""
    # Fields store text trimmed (or absent when blank): the space just typed is not a change.
    if edit.text() != text and not (
        isinstance(edit, QLineEdit) and edit.text().strip() == text.strip()
    ):
        with quiet(edit):
            edit.setText(text)
        if isinstance(edit, QLineEdit):
            edit.setCursorPosition(0)


LONG_LINE = 5000  # characters; longer lines are not wrapped


def set_plain_text(edit: QPlainTextEdit, text: str | None) -> None:
    text = text or ""
    if edit.toPlainText() != text and (
        edit.isReadOnly() or edit.toPlainText().strip() != text.strip()
    ):
        # wrapping one very long line takes Qt seconds (a 250 KB line: 5 s); scroll it instead
        long_line = len(text) > LONG_LINE and max(map(len, text.split("\n"))) > LONG_LINE
        edit.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.NoWrap
            if long_line
            else QPlainTextEdit.LineWrapMode.WidgetWidth
        )
        with quiet(edit):
            edit.setPlainText(text)


def set_items(box: QComboBox, items: Sequence[tuple[str, str]]) -> None:
    """Give a combo these (text, data) items, rebuilding it only when they differ."""
    current = [(box.itemText(i), box.itemData(i) or "") for i in range(box.count())]
    if current == list(items):
        return
    text = box.currentText()
    with quiet(box):
        box.clear()
        for label, data in items:
            box.addItem(label, data)
        if box.isEditable():
            box.setEditText(text)


def set_current(box: QComboBox, data: str | None) -> None:
    """Select the item carrying ``data`` (the caller made sure it is there)."""
    index = box.findData(data or "")
    if index != box.currentIndex():
        with quiet(box):
            box.setCurrentIndex(index)


def line_of(box: QComboBox) -> QLineEdit:
    """The line edit of an editable combo."""
    edit = box.lineEdit()
    assert edit is not None, "the combo is not editable"
    return edit


def set_edit_text(box: QComboBox, text: str | None) -> None:
    text = text or ""
    if box.currentText() != text:
        with quiet(box):
            box.setEditText(text)
        line_of(box).setCursorPosition(0)


def set_checked(button: QAbstractButton, checked: bool) -> None:
    if button.isChecked() != checked:
        with quiet(button):
            button.setChecked(checked)


def with_current(
    options: Sequence[tuple[str, str]], value: str | None, suffix: str = " (unknown)"
) -> list[tuple[str, str]]:
    """``options`` plus the current value when it is not among them (a dangling reference
    stays visible, so the user sees what the file says and can fix it)."""
    items = list(options)
    if value and all(data != value for _, data in items):
        items.append((value + suffix, value))
    return items


def show_choice(
    box: QComboBox,
    options: Sequence[tuple[str, str]],
    value: str | None,
    suffix: str = " (unknown)",
) -> None:
    """Offer ``options`` (and ``value`` when it is not among them) and select ``value``."""
    set_items(box, with_current(options, value, suffix))
    set_current(box, value)


def apply_read_only(root: QWidget, read_only: bool) -> None:
    """Make every editor under ``root`` read-only (texts) or disabled (choices, buttons)."""
    for widget in root.findChildren(QWidget):
        if widget.property(ALWAYS_READ_ONLY):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            # The line edits inside combos and spin boxes follow their owner.
            if not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
                widget.setReadOnly(read_only)
        elif isinstance(widget, QComboBox | QAbstractButton | QAbstractSpinBox) or (
            isinstance(widget, QAbstractItemView) and widget.property(EDITABLE_VIEW)
        ):
            widget.setEnabled(not read_only)
            if widget.property(REMOVES_ENTRY):
                widget.setHidden(read_only)
