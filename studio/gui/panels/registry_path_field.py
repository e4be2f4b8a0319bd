"""The registry file field of the design form: a path typed or picked, stored relative.

FORMATS.md keeps ``registry:`` relative to the design file, so the field turns what users
naturally give it (an absolute path pasted from a file manager, a file picked with Browse…)
into that relative path, ``../`` included, instead of refusing it. A relative path is pushed
as it is typed, so the window loads the file at once; an absolute one is converted on Enter or
focus-out, because converting under the user's fingers would rewrite what they are typing.
Text that cannot become a relative path (a URL, a design never saved) is explained under the
field and kept there, never wiped: the user fixes it or saves the design first. Why the named
file does not load (missing, broken at line N) is shown under the field too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path, PurePath

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.gui.panels.properties_base import (
    ERROR_STYLE,
    HINT_STYLE,
    error_label,
    set_text,
)

REGISTRY_FILE_FILTER = "Registry files (*.yaml *.yml);;All files (*)"
# design.schema.json refuses what this matches (a leading slash or backslash, a drive, a URL
# scheme); an absolute path of this system is converted before it gets that far.
ABSOLUTE_RE = re.compile(r"^([/\\]|[A-Za-z][A-Za-z0-9+.-]*:)")
SAVE_FIRST = (
    "Save the design first: the registry file is stored relative to the design "
    "file, which has no folder yet."
)
NOT_A_FILE = (
    "The registry must be a local file given relative to the design file; URLs are not allowed."
)
CONVERT_ON_ENTER = "Press Enter to store this path relative to the design file."


def is_local_absolute(text: str) -> bool:
    """An absolute path of this system (``~`` counts: it is the user's home)."""
    return os.path.isabs(os.path.expanduser(text))


def relative_to_design(text: str, design_path: Path) -> str:
    """``text`` (absolute) as a path from the design file's folder, with ``/`` separators
    whatever the system, as the design file is shared. ValueError when there is no such
    path (another drive on Windows)."""
    relative = os.path.relpath(os.path.expanduser(text), design_path.parent)
    return PurePath(relative).as_posix()


class RegistryPathField(QWidget):
    """A line edit, a Browse… button and a line saying what is wrong, if anything."""

    def __init__(
        self,
        design_path: Callable[[], Path | None],
        on_edit: Callable[[str | None, bool], None],
        parent: QWidget | None = None,
    ) -> None:
        """``design_path`` tells where the design lives now; ``on_edit(path, picked)`` is
        called with a relative path (None: no registry); ``picked`` is True for a file chosen
        in the dialog, which is a step of its own rather than more typing."""
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("registry")
        self.edit.setPlaceholderText("registry.yaml")
        self.browse = QPushButton("Browse…")
        self.browse.setObjectName("registry-browse")
        self.browse.setToolTip(
            "Choose the registry file; it is stored relative to the design file."
        )
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._design_path, self._on_edit = design_path, on_edit
        self._value = ""  # the document's path, as last shown
        self._pending: str | None = None  # why the typed text is not in the document
        self._problem: str | None = None  # why the document's file did not load
        self._before: str | None = None  # the document's path when this typing began
        self._typing = False  # between the first keystroke and Enter or focus-out
        self._pushing = False  # our own edit is on its way through the document
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        self.browse.clicked.connect(self._browse)

    # -- what the form shows ---------------------------------------------------------

    def set_value(self, value: str | None, problem: str | None = None) -> None:
        """Show the document's path and why its file did not load. Text the user typed that
        is not in the document yet stays until the document's path itself changes (undo, a
        file picked), so a refresh caused by any other edit never wipes it."""
        value = value or ""
        if self._pushing:
            pass  # the text is the user's; the document follows it
        elif value != self._value or self._pending is None:
            self._pending, self._typing = None, False
            set_text(self.edit, value)
        elif self._pending in (SAVE_FIRST, CONVERT_ON_ENTER):
            self._pending = self._judge(self.edit.text().strip())  # saved meanwhile?
        self._value, self._problem = value, problem
        self._show_message()

    def _judge(self, text: str) -> str | None:
        """Why ``text`` cannot go to the document as it is, or None."""
        if is_local_absolute(text):
            return CONVERT_ON_ENTER if self._design_path() else SAVE_FIRST
        return NOT_A_FILE if ABSOLUTE_RE.match(text) else None

    def _show_message(self) -> None:
        message = self._pending or self._problem
        self.error.setText(message or "")
        self.error.setStyleSheet(HINT_STYLE if message == CONVERT_ON_ENTER else ERROR_STYLE)
        self.error.setHidden(message is None)

    # -- the user's edits -----------------------------------------------------------

    def _edited(self, text: str) -> None:
        if not self._typing:
            self._typing, self._before = True, self._value or None
        text = text.strip()
        self._pending = self._judge(text)
        # "https:" was a relative "https" one keystroke ago: what the text no longer means
        # leaves the document again, which keeps the path it had before this typing
        self._push(text or None if self._pending is None else self._before, False)
        self._show_message()

    def _finished(self) -> None:
        self._typing = False
        text = self.edit.text().strip()
        if self._pending is None or not is_local_absolute(text):
            return  # pushed while typed, or explained and kept for the user to fix
        self._store(text, picked=False)

    def _push(self, path: str | None, picked: bool) -> None:
        self._pushing = True
        try:
            self._on_edit(path, picked)
        finally:
            self._pushing = False

    def _browse(self) -> None:
        design = self._design_path()
        if design is None:
            self._pending = SAVE_FIRST
            self._show_message()
            return
        current = design.parent / self._value if self._value else None
        start = current if current is not None and current.parent.is_dir() else design.parent
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the registry file", str(start), REGISTRY_FILE_FILTER
        )
        if name:
            self._store(name, picked=True)

    def _store(self, absolute: str, picked: bool) -> None:
        design = self._design_path()
        if design is None:
            self._pending = SAVE_FIRST
            self._show_message()
            return
        try:
            relative = relative_to_design(absolute, design)
        except ValueError:
            self._pending = (
                f"{absolute} cannot be reached from the design's folder by a "
                "relative path (another drive); copy it next to the design."
            )
            self._show_message()
            return
        self._pending = None
        set_text(self.edit, relative)
        self._show_message()
        self._push(relative, picked)
