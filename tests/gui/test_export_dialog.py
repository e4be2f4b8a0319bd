"""The Export dialog: writes the folder in a worker, reports it, remembers it, never crashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from studio.gui.dialogs.export_dialog import ExportDialog
from studio.gui.dialogs.output_folder import folder_key
from studio.io.design_file import load_design
from studio.model import Document
from studio.registry import load_registry
from tests.conftest import SAMPLES

ERP = SAMPLES / "erp-mesh.mesh.yaml"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_dialog(qtbot, settings: QSettings) -> Iterator:  # type: ignore[no-untyped-def,type-arg]
    dialogs: list[ExportDialog] = []

    def _open() -> ExportDialog:
        doc = Document(load_design(ERP).design, ERP)
        dialog = ExportDialog(doc, load_registry(SAMPLES / "registry.yaml")[0], settings)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield _open
    for dialog in dialogs:
        dialog.wait()
        dialog.close()


def type_folder(dialog: ExportDialog, qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.folder_edit.clear()
    qtbot.keyClicks(dialog.folder_edit, str(folder))


def test_export_writes_the_folder_and_reports(open_dialog, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    out = tmp_path / "out"
    type_folder(dialog, qtbot, out)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()
    dialog.wait()
    assert not dialog.progress.isVisible()
    assert dialog.result_text.startswith(f"10 documents exported to {out}.")
    assert "Files: 11 written, 0 unchanged, 0 removed." in dialog.result_text
    assert (out / "asyncapi" / "erp.yaml").read_text().startswith("asyncapi: 3.0.0")
    assert (out / "openapi" / "customer-api.yaml").is_file()
    assert dialog.isVisible()  # the report is read in the dialog
    # again, as JSON with other versions: YAML files removed, JSON written
    qtbot.mouseClick(dialog.json_button, Qt.MouseButton.LeftButton)
    dialog.asyncapi_combo.setFocus()
    qtbot.keyClick(dialog.asyncapi_combo, Qt.Key.Key_End)  # the oldest: 2.6.0
    assert dialog.asyncapi_combo.currentText() == "2.6.0"
    dialog.start()
    dialog.wait()
    # the ten YAML documents and index.yaml (the index follows the format: index.json)
    assert "Files: 11 written, 0 unchanged, 11 removed." in dialog.result_text
    assert '"asyncapi": "2.6.0"' in (out / "asyncapi" / "erp.json").read_text()
    assert not (out / "asyncapi" / "erp.yaml").exists() and not (out / "index.yaml").exists()
    assert (out / "index.json").is_file()


def test_folder_is_remembered_per_design(
    open_dialog, qtbot, tmp_path: Path, monkeypatch, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    first = open_dialog()
    assert first.folder_edit.text() == str(ERP.parent / "export")
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *_args: str(chosen)
    )
    qtbot.mouseClick(first.browse_button, Qt.MouseButton.LeftButton)
    assert first.folder_edit.text() == str(chosen)
    first.start()
    first.wait()
    assert "documents exported" in first.result_text
    first.close()
    assert settings.value(folder_key("export", ERP)) == str(chosen)
    assert open_dialog().folder_edit.text() == str(chosen)


def test_unwritable_folder_shows_a_sentence(
    open_dialog, qtbot, tmp_path: Path, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    type_folder(dialog, qtbot, blocker / "out")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    dialog.wait()
    assert dialog.result_text.startswith(f"Export failed: {blocker / 'out'} cannot be created")
    assert "Traceback" not in dialog.result_text
    assert dialog.start_button.isEnabled()
    assert settings.value(folder_key("export", ERP)) is None  # a failed folder is not remembered


def test_empty_folder_asks_for_one(open_dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    dialog.folder_edit.clear()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result_text == "Choose a folder to export into."
