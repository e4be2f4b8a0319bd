"""Live validation in the studio: a big design is validated whole in a child process while the
window goes on, and edits, even those made while that runs, are checked where they touch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.cli import main as cli
from studio.gui.main_window import MainWindow
from studio.gui.panels import problems
from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import snapshot
from studio.model.uses import uses_of
from studio.validate.runner import validate_loaded
from tests.gui.conftest import click_element, press


@pytest.fixture
def big_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The studio on a generated mesh of about 500 elements: over the size validated at once."""
    path = tmp_path / "big.mesh.yaml"
    assert cli(["generate", "--apps", "100", "--seed", "3", "-o", str(path)]) == 0
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    assert win.open_file(path)
    assert len(list(win.doc.design.elements())) >= problems.IN_PROCESS_BELOW
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def sole_producer(win: MainWindow) -> str:
    """An application that is the only producer of some topic: deleting it leaves MS107."""
    uses = uses_of(win.doc.design)
    return next(
        producers[0]
        for topic in win.doc.design.topics
        if len(producers := uses.producers(topic.id)) == 1
    )


def full_findings(win: MainWindow) -> list[object]:
    path = win.doc.path
    assert path is not None
    loaded = LoadedDesign(snapshot(win.doc.design), SourceMap(str(path), {}))
    return sorted(validate_loaded(loaded, path, win.problems.registry()).findings, key=repr)


def test_a_big_design_is_validated_in_a_child_while_edits_go_on(big_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = big_window
    panel = win.problems
    qtbot.waitUntil(lambda: panel._job is not None, timeout=5000)
    assert panel.summary.text() == "Checking the whole design…"
    # While the child works, the user deletes an application that produces topics alone.
    victim = sole_producer(win)
    click_element(win, victim)
    assert win.scene.selected_ids() == [victim]
    press(win, win.menu_actions.delete)
    assert victim not in win.doc
    with qtbot.waitSignal(panel.findings_changed, timeout=60000):
        pass  # the child's findings arrive, with the deletion applied on top
    assert panel._job is None
    shown = sorted(panel.report.findings, key=repr)
    assert shown == full_findings(win)
    assert any(f.rule == "MS107" and "no producer" in f.message for f in shown)


def test_an_edit_is_shown_in_problems_without_a_full_validation(big_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = big_window
    panel = win.problems
    panel.wait()
    before = len(panel.report.findings)
    started: list[object] = []
    panel.live.start_full = lambda: started.append(True)  # type: ignore[method-assign]
    click_element(win, sole_producer(win))
    with qtbot.waitSignal(panel.findings_changed, timeout=5000):
        press(win, win.menu_actions.delete)
    QApplication.processEvents()
    assert started == []  # checked where the edit touched, not validated whole
    assert len(panel.report.findings) > before
    assert sorted(panel.report.findings, key=repr) == full_findings(win)
    with qtbot.waitSignal(panel.findings_changed, timeout=5000):
        QTest.keySequence(win, win.menu_actions.undo.shortcut())
    assert len(panel.report.findings) == before
