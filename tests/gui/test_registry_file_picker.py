"""The registry file of the design, typed or picked in Properties, loaded at once.

The design lives in ``design/`` beside a ``schemas/`` folder, so a file picked there must be
stored as ``../schemas/…``. After each change (and its undo and redo) the window, the registry
browser, the status bar, Properties and Problems all follow the file the design names.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.gui.main_window import MainWindow
from studio.gui.panels.properties_basic import DesignForm
from studio.registry import load_registry
from tests.conftest import SAMPLES


def open_window(tmp_path: Path, monkeypatch, design: Path | None) -> MainWindow:  # type: ignore[no-untyped-def]
    # every unexpected dialog would block a test: fail loudly instead
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"prompt {a[2]}"))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: pytest.fail(f"error {a[2]}"))
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    if design is not None:
        assert win.open_file(design)
    return win


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The ERP sample in ``design/`` with its registry; the IoT registry in ``schemas/``."""
    (tmp_path / "design").mkdir()
    (tmp_path / "schemas").mkdir()
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / "design" / name)
    shutil.copy(SAMPLES / "iot-registry.yaml", tmp_path / "schemas" / "iot.yaml")
    win = open_window(tmp_path, monkeypatch, tmp_path / "design" / "erp-mesh.mesh.yaml")
    win.problems.wait()
    yield win
    win.problems.wait()
    win.undo_stack.setClean()  # closing must not prompt
    win.close()
    win.deleteLater()


@pytest.fixture
def unsaved(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_window(tmp_path, monkeypatch, None)
    yield win
    win.problems.wait()
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def design_form(win: MainWindow) -> DesignForm:
    form = win.properties.form
    assert isinstance(form, DesignForm)
    return form


def retype(qtbot, edit, text: str, enter: bool = False) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    if enter:
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def shortcut(win: MainWindow, qtbot, keys: str) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, keys)


def rules(win: MainWindow) -> set[str]:
    return {finding.rule for finding in win.problems.report.findings}


def assert_registry(win: MainWindow, path: str, file: Path) -> None:
    """Everything in the window shows the registry of ``file``, named ``path`` in the design."""
    subjects = sorted(load_registry(file)[0].subjects)
    assert win.doc.design.registry == path and win.registry_link == path
    assert win.registry is not None and sorted(win.registry.subjects) == subjects
    assert sorted(win.registry_browser.subjects()) == subjects
    assert win.status_labels.registry_label.text() == f"Registry: {path} ({len(subjects)} subjects)"
    form = design_form(win)
    assert form.registry_edit.text() == path and not form.registry_error.isVisible()
    assert form.registry_status.text() == f"{len(subjects)} subjects loaded from {path}."


def test_browse_stores_the_file_relative_and_loads_it_at_once(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    win = window
    erp, iot = tmp_path / "design" / "registry.yaml", tmp_path / "schemas" / "iot.yaml"
    assert_registry(win, "registry.yaml", erp)
    assert "MS102" not in rules(win)
    asked: list[str] = []

    def choose(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        assert "*.yaml" in filters
        return str(iot), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    form = design_form(win)
    with qtbot.waitSignal(win.problems.findings_changed, timeout=5000):
        QTest.mouseClick(form.registry_browse, Qt.MouseButton.LeftButton)

    assert asked == [str(erp)]  # the dialog starts at the current file
    assert_registry(win, "../schemas/iot.yaml", iot)
    # checked against the new file: the ERP's subjects are not in the IoT registry
    assert "MS102" in rules(win)
    assert win.undo_stack.undoText() == "Choose registry file of the design"

    with qtbot.waitSignal(win.problems.findings_changed, timeout=5000):
        shortcut(win, qtbot, "Ctrl+Z")
    assert_registry(win, "registry.yaml", erp)
    assert "MS102" not in rules(win)

    with qtbot.waitSignal(win.problems.findings_changed, timeout=5000):
        shortcut(win, qtbot, "Ctrl+Shift+Z")
    assert_registry(win, "../schemas/iot.yaml", iot)
    assert "MS102" in rules(win)


def test_an_absolute_path_typed_is_stored_relative(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    win = window
    form = design_form(win)
    iot = tmp_path / "schemas" / "iot.yaml"
    retype(qtbot, form.registry_edit, str(iot))
    # not converted under the user's fingers: Enter (or leaving the field) does it
    assert win.doc.design.registry == "registry.yaml"
    assert form.registry_edit.text() == str(iot)
    assert "Press Enter" in form.registry_error.text() and form.registry_error.isVisible()

    qtbot.keyClick(form.registry_edit, Qt.Key.Key_Return)
    assert_registry(win, "../schemas/iot.yaml", iot)


def test_a_broken_or_missing_file_is_explained_and_the_text_kept(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    win = window
    form = design_form(win)
    broken = tmp_path / "schemas" / "broken.yaml"
    broken.write_text("formatVersion: 1\nsubjects:\n  a: [not, versions]\n", encoding="utf-8")
    retype(qtbot, form.registry_edit, "../schemas/broken.yaml", enter=True)

    assert win.doc.design.registry == "../schemas/broken.yaml"
    assert form.registry_edit.text() == "../schemas/broken.yaml"
    assert win.registry is None
    assert win.status_labels.registry_label.text() == "Registry: unavailable"
    assert form.registry_error.isVisible()
    # one sentence with file and line, the path as the CLI's `validate` names it
    assert form.registry_error.text().startswith(
        f"{tmp_path / 'design' / '../schemas/broken.yaml'}:3:"
    )
    assert form.registry_error.text() == win.registry_problem
    assert win.registry_browser.subjects() == []

    retype(qtbot, form.registry_edit, "../schemas/nope.yaml", enter=True)
    assert win.doc.design.registry == "../schemas/nope.yaml"
    assert form.registry_edit.text() == "../schemas/nope.yaml"
    assert form.registry_error.text().endswith("nope.yaml:1:1: no such file")

    # a URL is no file: said so, kept for the user to fix, never in the document
    form.registry_edit.setFocus()
    retype(qtbot, form.registry_edit, "https://registry.internal/r.yaml")
    assert "URLs are not allowed" in form.registry_error.text()
    QTest.mouseClick(form.title_edit, Qt.MouseButton.LeftButton)  # leave the field
    assert form.registry_edit.text() == "https://registry.internal/r.yaml"
    assert "URLs are not allowed" in form.registry_error.text()
    assert win.doc.design.registry == "../schemas/nope.yaml"


def test_an_unsaved_design_must_be_saved_first(
    unsaved: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    win = unsaved
    form = design_form(win)
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: opened.append(a[2]) or ("", ""))
    QTest.mouseClick(form.registry_browse, Qt.MouseButton.LeftButton)
    assert opened == []  # a relative path needs the design's folder: none yet
    assert form.registry_error.isVisible()
    assert form.registry_error.text().startswith("Save the design first")

    registry = tmp_path / "registry.yaml"
    shutil.copy(SAMPLES / "registry.yaml", registry)
    retype(qtbot, form.registry_edit, str(registry), enter=True)
    assert form.registry_edit.text() == str(registry)  # kept, not wiped
    assert form.registry_error.text().startswith("Save the design first")
    assert win.doc.design.registry is None

    design = tmp_path / "mesh.mesh.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(design), ""))
    shortcut(win, qtbot, "Ctrl+S")
    assert win.doc.path == design
    assert form.registry_edit.text() == str(registry)  # still there after the save
    qtbot.keyClick(form.registry_edit, Qt.Key.Key_Return)
    assert_registry(win, "registry.yaml", registry)
