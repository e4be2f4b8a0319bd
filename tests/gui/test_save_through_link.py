"""Saving a design opened through a symbolic link writes the linked file and keeps the link."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from studio.gui.main_window import MainWindow
from studio.io.design_file import dump_design
from tests.conftest import SAMPLES
from tests.gui.test_review_notes import click_element


def test_ctrl_s_writes_through_the_link(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, shared / name)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    link = checkout / "erp-mesh.mesh.yaml"
    link.symlink_to(shared / "erp-mesh.mesh.yaml")
    (checkout / "registry.yaml").symlink_to(shared / "registry.yaml")
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    qtbot.addWidget(win)
    win.show()
    assert win.open_file(link)
    click_element(win, "customer-changed")
    assert win.scene.selected_ids() == ["customer-changed"]
    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_Delete)
    assert win.doc.get("customer-changed") is None and win.isWindowModified()

    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not win.isWindowModified()
    assert link.is_symlink() and link.resolve() == shared / "erp-mesh.mesh.yaml"
    saved = (shared / "erp-mesh.mesh.yaml").read_text(encoding="utf-8")
    assert saved == dump_design(win.doc.design) and "- id: customer-changed\n" not in saved
    win.problems.wait()
    win.close()
