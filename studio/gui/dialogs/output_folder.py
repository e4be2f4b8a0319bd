"""The output-folder field of the Export and Publish Portal dialogs.

A line edit with Browse…, filled with the folder last used for this design (or a folder next
to the design), and remembered once a run has succeeded. The settings key holds a hash of the
design's resolved path, so two designs never share a folder and the key is a valid name. A
relative folder is taken relative to the design, as the CLI takes it relative to its cwd.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget


def folder_key(kind: str, design_path: Path | None) -> str:
    """The settings key of the ``kind`` folder ("export", "portal") of a design."""
    if design_path is None:
        return f"{kind}Folder/untitled"
    digest = hashlib.sha1(str(design_path.resolve()).encode("utf-8")).hexdigest()
    return f"{kind}Folder/{digest}"


class OutputFolder(QWidget):
    """Where a dialog writes: typed or browsed, remembered per design."""

    def __init__(
        self,
        kind: str,
        settings: QSettings,
        design_path: Path | None,
        placeholder: str,
    ) -> None:
        super().__init__()  # placed in a dialog's form, which becomes its parent
        self.kind, self.settings, self.design_path = kind, settings, design_path
        self.edit = QLineEdit(self._initial())
        self.edit.setPlaceholderText(placeholder)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, f"{self.kind.capitalize()} folder", self.edit.text()
        )
        if folder:
            self.edit.setText(folder)

    def chosen(self) -> Path | None:
        """The folder typed or browsed (None when empty)."""
        text = self.edit.text().strip()
        if not text:
            return None
        folder = Path(text).expanduser()
        if not folder.is_absolute() and self.design_path is not None:
            folder = self.design_path.parent / folder
        return folder

    def remember(self, folder: Path) -> None:
        self.settings.setValue(folder_key(self.kind, self.design_path), str(folder))

    def _initial(self) -> str:
        remembered = self.settings.value(folder_key(self.kind, self.design_path))
        if remembered:
            return str(remembered)
        return str(self.design_path.parent / self.kind) if self.design_path else ""
