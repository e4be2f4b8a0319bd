"""What the Export and Publish Portal dialogs share: options and a folder in, work in the
background, its outcome shown.

Both run a core function on a snapshot of the design on a worker thread (``Background``) and
write into an ``OutputFolder``. This base builds and lays out what they have in common: the
options a dialog adds above the folder, a progress bar, a message line, what a dialog shows
below it, and Close beside the button that starts the work. The start button does not close
the dialog (it is not Qt's Accept): the outcome is read here once the work is done. Closing
waits for the worker, so that its signal never reaches a dialog being torn down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from studio.gui.dialogs.background import Background
from studio.gui.dialogs.output_folder import OutputFolder
from studio.model import Document
from studio.registry import Registry


class FolderJobDialog(QDialog):
    """A dialog that writes ``doc`` into a folder in the background; subclasses name it and
    define ``start`` and ``_finished``, and ``build`` and ``results`` when they add widgets."""

    title = ""
    folder_kind = ""  # "export", "portal": the folder's name next to the design, its settings key
    folder_hint = ""
    start_text = ""
    initial_height = 180

    def __init__(
        self,
        doc: Document,
        registry: Registry | None,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        self.doc, self.registry, self.settings = doc, registry, settings
        self.background = Background(self)
        self.background.signals.finished.connect(self._finished)
        self.folder = OutputFolder(self.folder_kind, settings, doc.path, self.folder_hint)
        self.folder_edit = self.folder.edit
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = self.buttons.addButton(
            self.start_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        for label, field in self.build():
            form.addRow(label, field)
        form.addRow("Folder", self.folder)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        for widget in self.results():
            layout.addWidget(widget, 1)
        layout.addWidget(self.buttons)
        self.resize(560, self.initial_height)

    def build(self) -> Sequence[tuple[str, QWidget | QLayout]]:
        """Make the dialog's own widgets; the (label, field) rows returned go above the folder."""
        return ()

    def results(self) -> Sequence[QWidget]:
        """What is shown under the message line, sharing the height left (made in ``build``)."""
        return ()

    @property
    def running(self) -> bool:
        return not self.start_button.isEnabled()

    def start(self) -> None:
        """Start the work in the background; its outcome arrives in ``_finished``."""
        raise TypeError(f"{type(self).__name__} does not define start()")

    def wait(self) -> None:
        """Block until running work is done and its outcome shown (tests)."""
        self.background.wait()
        QApplication.processEvents()

    def done(self, result: int) -> None:
        self.background.wait()  # no worker signal may reach a dialog being torn down
        super().done(result)

    def _finished(self, outcome: Any) -> None:  # each dialog's own Outcome
        raise TypeError(f"{type(self).__name__} does not define _finished()")
