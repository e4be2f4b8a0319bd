"""File > Publish Portal: the dialog publishes in a worker and reports what it wrote."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.gui.dialogs.output_folder import folder_key
from studio.gui.dialogs.portal_dialog import PortalDialog
from studio.gui.main_window import MainWindow


def dialog_for(win: MainWindow) -> PortalDialog:
    dialog = PortalDialog(win.doc, win.registry, win.settings, win)
    dialog.show()
    return dialog


def test_publishing_writes_the_site_and_remembers_the_folder(
    erp_window: MainWindow, tmp_path: Path
) -> None:
    win = erp_window
    dialog = dialog_for(win)
    assert dialog.folder_edit.text() == str(tmp_path / "portal")  # next to the design
    folder = tmp_path / "site"
    dialog.folder_edit.setText(str(folder))
    QTest.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    dialog.wait()
    assert (folder / "index.html").is_file()
    assert dialog.message.text().startswith("Published ")
    assert dialog.open_button.isEnabled() and not dialog.running
    assert win.settings.value(folder_key("portal", win.doc.path)) == str(folder)
    # every topic of the design has its page
    pages = {p.name for p in folder.rglob("*.html")}
    assert all(any(t.id in name for name in pages) for t in win.doc.design.topics)
    dialog.close()


def test_a_folder_that_cannot_be_used_is_one_sentence(
    erp_window: MainWindow, tmp_path: Path
) -> None:
    dialog = dialog_for(erp_window)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    dialog.folder_edit.setText(str(blocker))
    QTest.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    dialog.wait()
    assert "not-a-folder" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert not dialog.open_button.isEnabled()
    dialog.close()
