"""The main window: files, title and modified marker, prompts, undo, clipboard, review mode."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.gui.main_window import MainWindow
from studio.io.design_file import dump_design, load_design
from studio.model import Application
from tests.gui.conftest import ERP, drag, press


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, theme_mode="light")
    win.show()
    # every unexpected dialog would block a test: fail loudly instead
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"prompt {a[2]}"))
    yield win
    win.undo_stack.setClean()  # closing at teardown must not prompt
    win.close()
    win.deleteLater()


def open_copy(window: MainWindow, tmp_path: Path) -> Path:
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(ERP.parent / name, tmp_path / name)
    path = tmp_path / "erp-mesh.mesh.yaml"
    assert window.open_file(path)
    return path


def test_open_shows_design_registry_and_title(window: MainWindow, tmp_path: Path) -> None:
    open_copy(window, tmp_path)
    assert window.windowTitle().startswith("erp-mesh.mesh.yaml[*]")
    assert not window.isWindowModified()
    assert "erp" in window.scene.nodes
    labels = window.status_labels
    assert window.registry is not None and "7 subjects" in labels.registry_label.text()
    assert "13 applications" in window.status_labels.counts_label.text()


def test_edit_marks_modified_save_clears_and_reopens_identical(
    window: MainWindow, tmp_path: Path
) -> None:
    path = open_copy(window, tmp_path)
    start = window.view.mapFromScene(window.scene.nodes["erp"].sceneBoundingRect().center())
    window.view.centerOn(window.scene.nodes["erp"])
    QApplication.processEvents()
    start = window.view.mapFromScene(window.scene.nodes["erp"].sceneBoundingRect().center())
    drag(window.view, start, start + QPoint(80, 0))
    assert window.isWindowModified()
    press(window, window.menu_actions.save)
    assert not window.isWindowModified()
    assert path.read_text() == dump_design(window.doc.design)
    assert load_design(path).design == window.doc.design
    press(window, window.menu_actions.undo)
    assert window.isWindowModified()


def test_unsaved_changes_prompt_cancel_keeps_work(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    open_copy(window, tmp_path)
    window.scene.select_ids(["analytics"])
    press(window, window.menu_actions.delete)
    assert "analytics" not in window.doc
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: next(answers))
    press(window, window.menu_actions.new)  # cancelled: nothing lost
    assert window.isWindowModified() and "shop" in window.doc
    press(window, window.menu_actions.new)  # discarded: an empty design
    assert "shop" not in window.doc and not window.isWindowModified()
    assert window.windowTitle().startswith("Untitled")


def test_broken_file_shows_error_and_keeps_current_design(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    open_copy(window, tmp_path)
    broken = tmp_path / "broken.mesh.yaml"
    broken.write_text("meshStudio: 1\napplications:\n  - id: Bad\n")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, text: shown.append(text))
    assert not window.open_file(broken)
    assert shown and "broken.mesh.yaml:3:5:" in shown[0] and "not a valid id" in shown[0]
    assert "erp" in window.doc and window.doc.path == tmp_path / "erp-mesh.mesh.yaml"


def test_missing_registry_is_reported_and_editing_goes_on(
    window: MainWindow, tmp_path: Path
) -> None:
    shutil.copy(ERP, tmp_path / "erp-mesh.mesh.yaml")  # without registry.yaml
    assert window.open_file(tmp_path / "erp-mesh.mesh.yaml")
    assert window.registry is None
    assert window.status_labels.registry_label.text() == "Registry: unavailable"
    assert "no such file" in window.status_labels.registry_label.toolTip()
    window.edits.add_at_centre("service")
    assert "service" in window.doc


def test_recent_files_are_remembered(window: MainWindow, tmp_path: Path) -> None:
    path = open_copy(window, tmp_path)
    assert window.recent.files()[0] == str(path.resolve())
    assert window.recent_menu.actions()[0].toolTip() == str(path.resolve())


def test_copy_paste_duplicate_and_cut(window: MainWindow, tmp_path: Path) -> None:
    open_copy(window, tmp_path)
    window.scene.select_ids(["shop"])
    press(window, window.menu_actions.copy)
    press(window, window.menu_actions.paste)
    pasted = window.doc.get("shop-2")
    assert isinstance(pasted, Application) and pasted.name == "Web shop"
    assert window.doc.design.layout["shop-2"].x == window.doc.design.layout["shop"].x + 30
    assert window.scene.selected_ids() == ["shop-2"]
    press(window, window.menu_actions.duplicate)
    assert "shop-3" in window.doc
    window.scene.select_ids(["shop-3"])
    press(window, window.menu_actions.cut)
    assert "shop-3" not in window.doc
    window.undo_stack.undo()
    assert "shop-3" in window.doc


def test_typing_in_palette_enter_adds_element(window: MainWindow, tmp_path: Path) -> None:
    open_copy(window, tmp_path)
    palette = window.palette_panel
    palette.setFocus()
    palette.setCurrentRow(1)  # Service
    QTest.keyClick(palette, Qt.Key.Key_Return)
    assert isinstance(window.doc.get("service"), Application)
    assert window.undo_stack.undoText() == "Add application 'service'"


def test_review_mode_is_read_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(review=True, settings=settings, theme_mode="dark")
    qtbot.addWidget(win)
    shutil.copy(ERP, tmp_path / "erp.mesh.yaml")
    win.open_file(tmp_path / "erp.mesh.yaml")
    assert "(read-only)" in win.windowTitle()
    assert "Review mode" in win.status_labels.mode_label.text()
    assert not any(a.isEnabled() for a in win.menu_actions.edits)
    assert not win.palette_panel.isEnabled()
    before = dump_design(win.doc.design)
    win.scene.select_ids(["erp"])
    win.edits.delete()
    win.edits.add_at_centre("topic")
    assert dump_design(win.doc.design) == before and win.undo_stack.count() == 0
    win.set_review_mode(False)
    assert all(a.isEnabled() for a in win.menu_actions.edits)


def test_window_layout_is_remembered(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings, theme_mode="light")
    first.show()
    first.resize(760, 650)  # within the offscreen screen, which is 800 pixels wide
    first.docks.problems.hide()
    QApplication.processEvents()
    first.close()
    second = MainWindow(settings=settings, theme_mode="light")
    qtbot.addWidget(second)
    second.show()
    QApplication.processEvents()
    assert (second.width(), second.height()) == (760, 650)
    assert not second.docks.problems.isVisible()


def test_theme_switch_rebuilds_scene_with_dark_colours(window: MainWindow, tmp_path: Path) -> None:
    from studio.gui import theme

    open_copy(window, tmp_path)
    window.set_theme("dark")
    assert window.scene.colours is theme.DARK
    assert window.scene.backgroundBrush().color() == theme.DARK.background
    assert "erp" in window.scene.nodes


def test_auto_layout_is_one_undo_step(window: MainWindow, tmp_path: Path) -> None:
    from studio.layout import dot_available, find_overlaps, scene_of

    open_copy(window, tmp_path)
    before = dict(window.doc.design.layout)
    press(window, window.menu_actions.layout)
    after = dict(window.doc.design.layout)
    assert after != before and window.undo_stack.undoText().startswith("Auto-layout")
    engine = "Graphviz" if dot_available() else "the built-in engine"
    assert window.statusBar().currentMessage().startswith(f"Laid out with {engine}.")
    assert find_overlaps(scene_of(window.doc.design, after)) == []
    steps = window.undo_stack.count()
    press(window, window.menu_actions.layout)  # laid out already: no step, and it says so
    assert window.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "Auto-layout moved nothing: the mesh is laid out."
    erp = after["erp"]
    assert window.scene.nodes["erp"].pos().x() == erp.x
    window.undo_stack.undo()
    assert window.doc.design.layout == before
    assert window.scene.nodes["erp"].pos().x() == before["erp"].x


def test_export_diagram_and_its_errors(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    open_copy(window, tmp_path)
    assert window.tools.export_diagram(str(tmp_path / "mesh.svg"))
    assert (tmp_path / "mesh.svg").read_text().startswith("<?xml")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, text: shown.append(text))
    assert not window.tools.export_diagram(str(tmp_path / "mesh.bmp"))
    assert not window.tools.export_diagram(str(tmp_path / "no" / "such" / "dir" / "mesh.svg"))
    assert len(shown) == 2 and "bmp" in shown[0]


def test_a_design_opened_before_the_window_shows_is_fitted_on_show(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    # the way `make run` opens the studio: open first, show afterwards
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    qtbot.addWidget(win)
    assert win.open_file(ERP)
    win.show()
    QApplication.processEvents()
    assert win.view.zoom > 0.2
    visible = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    assert visible.contains(win.scene.nodes["erp"].sceneBoundingRect())


@pytest.mark.parametrize("redo_key", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_every_platform_binding_of_a_standard_shortcut_works(
    erp_window: MainWindow, qtbot, redo_key: str
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    win = erp_window
    for action, key in (
        (win.menu_actions.undo, QKeySequence.StandardKey.Undo),
        (win.menu_actions.redo, QKeySequence.StandardKey.Redo),
        (win.menu_actions.save, QKeySequence.StandardKey.Save),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(key)
    before = dump_design(win.doc.design)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, "Ctrl+A")  # select all, then delete: one undoable change
    QTest.keyClick(win.view, Qt.Key.Key_Delete)
    assert dump_design(win.doc.design) != before
    changed = dump_design(win.doc.design)
    QTest.keySequence(win, "Ctrl+Z")
    assert dump_design(win.doc.design) == before
    QTest.keySequence(win, redo_key)
    assert dump_design(win.doc.design) == changed
