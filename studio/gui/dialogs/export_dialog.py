"""The Export dialog: versions, format and folder in; the written folder and its report out.

It runs what ``mesh-studio export`` runs (``export_design`` then ``write_export``) in a worker
thread on a snapshot of the design, so the window stays responsive on big meshes and edits made
meanwhile cannot tear the export. The last folder is remembered per design (keyed by a hash of
the design's resolved path, so two designs never share one and the key is a valid settings
name). A folder that cannot be written is reported with the core's sentence, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from studio.errors import LoadError, MeshStudioError
from studio.export import (
    ASYNCAPI_VERSIONS,
    OPENAPI_VERSIONS,
    ExportResult,
    WriteSummary,
    export_design,
    write_export,
)
from studio.gui.dialogs.folder_job import FolderJobDialog
from studio.model import Design, snapshot
from studio.registry import Registry

MAX_PROBLEMS_PER_DOCUMENT = 3


@dataclass
class Outcome:
    """What one export run did, or the sentence saying why it could not."""

    folder: Path
    result: ExportResult | None = None
    summary: WriteSummary | None = None
    error: str | None = None


def run_export(
    design: Design,
    registry: Registry | None,
    missing_registry: str | None,
    folder: Path,
    asyncapi: str,
    openapi: str,
    as_json: bool,
) -> Outcome:
    """Export and write; errors users can cause become the outcome's sentence."""
    try:
        result = export_design(
            design, registry, asyncapi=asyncapi, openapi=openapi, missing_registry=missing_registry
        )
        summary = write_export(result, design, folder, as_json)
    except LoadError as exc:
        return Outcome(folder, error=f"{exc.path} {exc.message}.")
    except (MeshStudioError, OSError, ValueError) as exc:
        return Outcome(folder, error=f"{exc}")
    return Outcome(folder, result, summary)


def summary_text(outcome: Outcome) -> str:
    """The report the dialog shows after an export."""
    if outcome.error or outcome.result is None or outcome.summary is None:
        return f"Export failed: {outcome.error}"
    result, summary = outcome.result, outcome.summary
    exported = len(result.documents) - len(result.failed)
    lines = [
        f"{exported} documents exported to {outcome.folder}.",
        f"Files: {len(summary.written)} written, {len(summary.unchanged)} unchanged, "
        f"{len(summary.removed)} removed.",
    ]
    if result.failed:
        lines += ["", f"{len(result.failed)} documents failed validation and were not written:"]
        for doc in result.failed:
            lines.append(f"  {doc.name}:")
            lines += [f"    - {p}" for p in doc.problems[:MAX_PROBLEMS_PER_DOCUMENT]]
    if result.notes:
        lines += ["", f"Notes ({len(result.notes)}):"]
        lines += [f"  {note}" for note in result.notes]
    return "\n".join(lines)


class ExportDialog(FolderJobDialog):
    """Choose versions, format and folder; export; read what was written."""

    title = "Export AsyncAPI and OpenAPI"
    folder_kind = "export"
    folder_hint = "Folder to write the documents and their index into"
    start_text = "Export"
    initial_height = 260
    outcome: Outcome | None = None

    def build(self) -> list[tuple[str, QWidget | QLayout]]:
        self.browse_button = self.folder.browse_button
        self.progress.setRange(0, 0)  # busy: an export has no meaningful percentage
        self.asyncapi_combo = QComboBox()
        self.asyncapi_combo.addItems(list(ASYNCAPI_VERSIONS))
        self.openapi_combo = QComboBox()
        self.openapi_combo.addItems(list(OPENAPI_VERSIONS))
        self.yaml_button = QRadioButton("YAML")
        self.json_button = QRadioButton("JSON")
        self.yaml_button.setChecked(True)
        self._format_group = QButtonGroup(self)
        self._format_group.addButton(self.yaml_button)
        self._format_group.addButton(self.json_button)
        formats = QHBoxLayout()
        formats.addWidget(self.yaml_button)
        formats.addWidget(self.json_button)
        formats.addStretch(1)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.hide()
        return [
            ("AsyncAPI version", self.asyncapi_combo),
            ("OpenAPI version", self.openapi_combo),
            ("Format", formats),
        ]

    def results(self) -> list[QWidget]:
        return [self.report]

    @property
    def result_text(self) -> str:
        """The summary (or the error sentence) of the last export, as shown."""
        return self.report.toPlainText() if self.report.isVisibleTo(self) else self.message.text()

    def start(self) -> None:
        if self.running:
            return
        folder = self.folder.chosen()
        if folder is None:
            self._show_error("Choose a folder to export into.")
            return
        missing = None
        if self.registry is None and self.doc.design.registry:
            missing = f"the registry file {self.doc.design.registry} could not be loaded"
        self.start_button.setEnabled(False)
        self.progress.show()
        self.message.setText("Exporting…")
        self.message.show()
        self.report.hide()
        args = (
            snapshot(self.doc.design),
            self.registry,
            missing,
            folder,
            self.asyncapi_combo.currentText(),
            self.openapi_combo.currentText(),
            self.json_button.isChecked(),
        )
        self.background.start(lambda: run_export(*args))

    def _finished(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.progress.hide()
        self.start_button.setEnabled(True)
        if outcome.error:
            self._show_error(summary_text(outcome))
            return
        self.folder.remember(outcome.folder)
        self.message.setText("")
        self.message.hide()
        self.report.setPlainText(summary_text(outcome))
        self.report.show()

    def _show_error(self, sentence: str) -> None:
        self.report.hide()
        self.message.setText(sentence)
        self.message.show()
