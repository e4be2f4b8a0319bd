"""The Problems panel: live validation both ways (canvas/model -> panel -> canvas)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.edit import ReplaceElement
from studio.gui.main_window import MainWindow
from studio.model import Application
from tests.validate.test_design_rules import BASE


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    broken = BASE.replace("calls: [get-customer]", "calls: [nope]")
    path = tmp_path / "broken.mesh.yaml"
    path.write_text(broken)
    assert win.open_file(path)
    yield win
    win.problems.wait()
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def settle(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Validate now (instead of after the debounce) and let the worker's result arrive."""
    window.problems.validate_now()
    window.problems.wait()
    qtbot.waitUntil(lambda: not window.problems._timer.isActive(), timeout=2000)
    for _ in range(5):
        QApplication.processEvents()


def rows(window: MainWindow) -> list[tuple[str, str]]:
    tree = window.problems.tree
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def test_problems_listed_counted_and_marked(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    settle(window, qtbot)
    assert rows(window) == [("MS101", "portal")]
    assert window.status_labels.problem_labels["warning"].text().endswith(" 0")
    assert window.status_labels.problem_labels["error"].text().endswith(" 1")
    assert window.scene.nodes["portal"].finding_severity == "error"
    assert "MS101" in window.scene.nodes["portal"].toolTip()
    assert window.scene.nodes["erp"].finding_severity is None


def test_activating_a_problem_selects_the_element(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    settle(window, qtbot)
    tree = window.problems.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert window.scene.selected_ids() == ["portal"]
    assert window.properties.shown_id == "portal"


def test_fixing_in_the_model_clears_the_problem_and_undo_brings_it_back(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    settle(window, qtbot)
    portal = window.doc.get("portal")
    assert isinstance(portal, Application)
    window.push(ReplaceElement("portal", dataclasses.replace(portal, calls=("get-customer",))))
    assert window.problems._timer.isActive()  # debounced, not run on every keystroke
    settle(window, qtbot)
    assert rows(window) == []
    assert window.problems.summary.text() == "No problems found."
    assert window.scene.nodes["portal"].finding_severity is None
    window.undo_stack.undo()
    settle(window, qtbot)
    assert rows(window) == [("MS101", "portal")]
