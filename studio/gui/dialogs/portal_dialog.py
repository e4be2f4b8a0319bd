"""The Publish Portal dialog: a folder in; the event portal written there, ready to open.

It runs what ``mesh-studio portal`` runs (``publish_portal``) in a worker thread on a snapshot
of the design, with a progress bar fed by the publisher's page count, so a big mesh keeps the
window responsive. The folder is remembered per design, like the export folder. Errors are
the core's one sentence; "Open in Browser" opens the written index with the system browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLayout,
    QWidget,
)

from studio.errors import MeshStudioError
from studio.gui.dialogs.folder_job import FolderJobDialog
from studio.model import Design, snapshot
from studio.portal import PortalResult, ProgressCallback, publish_portal
from studio.registry import Registry


@dataclass(frozen=True)
class Outcome:
    result: PortalResult | None = None
    error: str | None = None


def run_publish(
    design: Design,
    folder: Path,
    registry: Registry | None,
    design_path: Path | None,
    progress: ProgressCallback,
) -> Outcome:
    """Publish, with the core's error sentence as the outcome when it cannot be done."""
    try:
        return Outcome(
            result=publish_portal(
                design, folder, registry=registry, design_path=design_path, progress=progress
            )
        )
    except (MeshStudioError, OSError) as error:
        return Outcome(error=str(error))


class PortalDialog(FolderJobDialog):
    """Choose a folder; publish the portal; open it."""

    title = "Publish Event Portal"
    folder_kind = "portal"
    folder_hint = "Folder for index.html and the pages"
    start_text = "Publish"
    outcome: Outcome | None = None

    def build(self) -> list[tuple[str, QWidget | QLayout]]:
        self.background.signals.progressed.connect(self._progressed)
        self.message.setText(
            "A static site: open index.html from the folder, or publish "
            "the folder from CI (mesh-studio portal)."
        )
        self.open_button = self.buttons.addButton(
            "Open in Browser", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_in_browser)
        return []

    def start(self) -> None:
        if self.running:
            return
        folder = self.folder.chosen()
        if folder is None:
            self.message.setText("Choose a folder to publish into.")
            return
        self.start_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText("Publishing…")
        design, registry, design_path = snapshot(self.doc.design), self.registry, self.doc.path
        progress = self.background.signals.progressed.emit
        self.background.start(lambda: run_publish(design, folder, registry, design_path, progress))

    def open_in_browser(self) -> None:
        if self.outcome and self.outcome.result:
            result = self.outcome.result
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.folder / result.index)))

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.message.setText(what)

    def _finished(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.progress.hide()
        self.start_button.setEnabled(True)
        if outcome.error or outcome.result is None:
            self.message.setText(outcome.error or "Nothing was published.")
            return
        result = outcome.result
        self.folder.remember(result.folder)
        notes = "".join(f"\n• {note}" for note in result.notes)
        self.message.setText(
            f"Published {result.pages_written} pages and {len(result.specs)} "
            f"specs to {result.folder}.{notes}"
        )
        self.open_button.setEnabled(True)
