"""A titled box of a Properties form, filled one field at a time.

Most rows of the element forms are the same few editors: an id, a line of optional text, a
choice, a description. A ``FormBox`` makes each one wired to its form's ``edit`` (every
keystroke one edit, merged into one undo step per field) and adds it as a row, so a form says
once per field what it shows and where. An empty text is an absent key in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QPlainTextEdit, QWidget

from studio.gui.panels.properties_base import (
    ElementForm,
    combo,
    form_layout,
    line_edit,
    or_none,
    text_edit,
)
from studio.gui.panels.properties_widgets import CheckedField, IdField

W = TypeVar("W", bound=QWidget)


class FormBox(QGroupBox):
    """Rows of editors for fields of ``form``'s element, under ``title``."""

    def __init__(self, form: ElementForm, title: str) -> None:
        super().__init__(title)
        self.form = form
        self.rows = form_layout(self)

    def row(self, label: str, field: W) -> W:
        """Add ``field`` as the next row and hand it back."""
        self.rows.addRow(label, field)
        return field

    @classmethod
    def with_id(cls, form: ElementForm, title: str) -> FormBox:
        """A form's first box: ``title`` over the element's id, which is the form's
        ``id_field`` (a confirmed new id renames the element everywhere)."""
        box = cls(form, title)
        form.id_field = box.row("Id", IdField())
        form.id_field.rename_requested.connect(form.rename)
        return box

    def text_row(
        self, label: str, field: str, placeholder: str = "", *, key: str = "", what: str = ""
    ) -> QLineEdit:
        """A line for the optional text ``field``; ``key`` names it in the file (also the
        editor's object name) when that is not ``field``, ``what`` names it in undo labels."""
        key = key or field
        return self.row(
            label,
            line_edit(
                lambda t: self.form.edit(what or field, key, **{field: or_none(t)}),
                placeholder,
                key,
            ),
        )

    def checked_row(
        self, label: str, field: str, check: Callable[[str], str | None], placeholder: str
    ) -> CheckedField:
        """A line for the required text ``field`` of a constrained form (a path starts with
        '/'): ``check`` says why a value is refused, and a refused value is never pushed."""
        return self.row(
            label,
            CheckedField(
                check, lambda t: self.form.edit(field, field, **{field: t}), placeholder, field
            ),
        )

    def description_row(self) -> QPlainTextEdit:
        """The element's description, a few lines high."""
        return self.row(
            "Description",
            text_edit(
                lambda t: self.form.edit("description", "description", description=or_none(t)),
                name="description",
            ),
        )

    def choice_row(self, label: str, field: str, *, optional: bool = False) -> QComboBox:
        """A drop-down for ``field``; when ``optional``, its empty choice leaves the key out."""

        def pick(value: str) -> None:
            self.form.edit(field, field, **{field: (value or None) if optional else value})

        return self.row(label, combo(pick, field))
