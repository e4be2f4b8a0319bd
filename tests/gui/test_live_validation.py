"""Live validation in the studio: a big design is validated by a child process that keeps a
copy of it, while the window goes on; edits, even those made while it validates the whole
design, travel to the child and are checked there."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

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
    qtbot.waitUntil(lambda: panel._child is not None, timeout=5000)
    child = panel._child
    assert panel.summary.text() == "Checking the whole design…"
    # While the child works, the user deletes an application that produces topics alone.
    victim = sole_producer(win)
    win.view.set_zoom(1.0)  # close enough to pick one application out
    click_element(win, victim)
    assert win.scene.selected_ids() == [victim]
    press(win, win.menu_actions.delete)
    assert victim not in win.doc
    # the window goes on while the child answers: first the whole design, then the deletion
    qtbot.waitUntil(lambda: child.latest >= 2 and panel._answered == child.latest, timeout=60000)
    assert panel._child is child
    shown = sorted(panel.report.findings, key=repr)
    assert shown == full_findings(win)
    assert any(f.rule == "MS107" and "no producer" in f.message for f in shown)


def test_an_edit_is_checked_by_the_child_that_keeps_the_design(big_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """No new child, no validation in the window: the edit travels to the child's copy."""
    win = big_window
    panel = win.problems
    panel.wait()
    child = panel._child
    assert child is not None
    before = len(panel.report.findings)
    win.view.set_zoom(1.0)
    click_element(win, sole_producer(win))
    with qtbot.waitSignal(panel.findings_changed, timeout=10000):
        press(win, win.menu_actions.delete)
    assert panel._child is child
    assert not panel.live.pending or panel.live.needs_full  # the window itself checked nothing
    assert len(panel.report.findings) > before
    assert sorted(panel.report.findings, key=repr) == full_findings(win)
    with qtbot.waitSignal(panel.findings_changed, timeout=10000):
        QTest.keySequence(win, win.menu_actions.undo.shortcut())
    assert panel._child is child
    assert len(panel.report.findings) == before


def test_a_validation_process_that_dies_is_replaced(big_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Killed (out of memory, say): the panel says so, and the next edit starts a new child
    that validates the design again, with that edit."""
    win = big_window
    panel = win.problems
    panel.wait()
    child = panel._child
    assert child is not None and child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: panel._child is None, timeout=10000)
    assert panel.summary.text().startswith("Validation stopped:")
    win.view.set_zoom(1.0)
    click_element(win, sole_producer(win))
    press(win, win.menu_actions.delete)
    qtbot.waitUntil(lambda: panel._child is not None and not panel.checking, timeout=60000)
    assert panel._child is not child
    assert sorted(panel.report.findings, key=repr) == full_findings(win)
