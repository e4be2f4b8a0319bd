"""Opening a big design: the window is usable before the canvas's items and the registry are
all made; they are made in slices afterwards (``scene_build``, ``registry_loading``), at once
when something needs them, while validation runs in its own process. The thresholds are
lowered here so that a generated mesh of about 1,000 elements takes the path a
20,000-element one takes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QTabBar

from studio.cli import main as cli
from studio.edit import Refusal
from studio.edit.actions import rename_element
from studio.errors import LoadError
from studio.gui import registry_loading
from studio.gui.canvas import scene as scene_module
from studio.gui.canvas.edges import EdgeItem
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.semantic_zoom import FOLD_BELOW
from studio.gui.main_window import MainWindow
from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import snapshot
from studio.registry import load_registry
from studio.validate.context import RegistryInput
from studio.validate.runner import validate_loaded
from tests.gui.conftest import click_element

WAIT_MS = 60_000


@pytest.fixture
def mesh(tmp_path: Path) -> Path:
    path = tmp_path / "big.mesh.yaml"
    assert cli(["generate", "--apps", "200", "--seed", "5", "-o", str(path)]) == 0
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(scene_module, "SLICED_FROM", 100)
    monkeypatch.setattr(registry_loading, "SLICED_FROM_BYTES", 0)
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.resize(1400, 900)
    win.show()
    QApplication.processEvents()
    yield win
    win.problems.stop()
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def opened(win: MainWindow, path: Path) -> MainWindow:
    assert win.open_file(path)
    win.view.viewport().repaint()
    return win


def settled(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not win.scene.building_in_slices and not registry_loader_reading(win),
        timeout=WAIT_MS,
    )


def registry_loader_reading(win: MainWindow) -> bool:
    return win.registry_loader.reading


def box(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.x(), rect.y(), rect.width(), rect.height()


def picture(scene: MeshScene) -> dict[str, object]:
    """What the canvas shows, in plain values: every element's place, size, text and mark,
    every link, every frame, and the scene's rect."""
    return {
        "nodes": {
            element_id: (item.pos().toTuple(), box(item.size), item.toolTip())
            for element_id, item in scene.nodes.items()
        },
        "edges": sorted(repr(edge.link) for edge in scene.edges()),
        "frames": {
            broker_id: box(frame.sceneBoundingRect()) for broker_id, frame in scene.frames.items()
        },
        "hairline": {edge.pen().widthF() for edge in scene.edges()},
        "items": len(scene.items()),
    }


def picture_of_a_fresh_build(win: MainWindow) -> dict[str, object]:
    """``picture`` of a scene built at once from the window's document (which the window's
    scene must contain, rect and all)."""
    at_once = MeshScene(win.doc, win.push, win.colours)
    at_once.set_zoom_level(win.view.zoom)
    try:
        assert win.scene.sceneRect().contains(at_once.itemsBoundingRect())
        return picture(at_once)
    finally:
        at_once.detach()


def test_a_big_design_is_usable_folded_before_its_items_are_made(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened(window, mesh)
    elements = len(list(win.doc.design.elements()))
    assert win.view.folded and win.view.zoom < FOLD_BELOW
    assert win.scene.building_in_slices
    assert len(win.scene.items()) < elements  # not made yet: the folded picture is shown
    assert win.view.semantic.scene.blocks  # ... with every block
    assert win.registry is None and "loading" in win.status_labels.registry_label.text()
    settled(win, qtbot)
    assert picture(win.scene) == picture_of_a_fresh_build(win)  # as a build at once makes
    assert win.registry is not None and len(win.registry.subjects) > 0
    assert "subjects" in win.status_labels.registry_label.text()


def test_zooming_in_while_building_shows_every_element_at_once(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened(window, mesh)
    assert win.scene.building_in_slices
    win.view.setFocus()
    for _ in range(40):
        if not win.view.folded:
            break
        QTest.keyClick(win.view, Qt.Key.Key_Plus)
    assert not win.view.folded and win.view.scene() is win.scene
    assert not win.scene.building_in_slices  # unfolded: every item is made
    assert set(win.scene.nodes) >= {a.id for a in win.doc.design.applications}
    edges = [item for item in win.scene.items() if isinstance(item, EdgeItem)]
    assert len(edges) == len(win.scene.edges()) > 0
    # the mesh shown is the mesh to work with: a click selects, Properties show it
    app = win.doc.design.applications[0].id
    click_element(win, app)
    assert win.scene.selected_ids() == [app]
    settled(win, qtbot)
    assert win.registry is not None  # a selection needs the registry: read at once
    assert win.properties._ctx.registry is win.registry


def test_a_found_element_is_selected_while_building(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened(window, mesh)
    assert win.scene.building_in_slices and registry_loader_reading(win)
    topic = win.doc.design.topics[-1].id  # among the last items a build makes
    win.reveal(topic)
    assert not win.scene.building_in_slices
    assert win.scene.selected_ids() == [topic]
    assert not registry_loader_reading(win)  # its subjects are wanted for Properties
    assert win.registry is not None


def test_an_edit_while_building_is_on_the_canvas_and_undoes(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened(window, mesh)
    assert win.scene.building_in_slices
    old = win.doc.design.applications[-1].id
    command = rename_element(win.doc, old, "renamed-while-building")
    assert not isinstance(command, Refusal)
    win.push(command)
    assert not win.scene.building_in_slices
    assert "renamed-while-building" in win.scene.nodes and old not in win.scene.nodes
    win.undo_stack.undo()
    assert old in win.scene.nodes and "renamed-while-building" not in win.scene.nodes
    settled(win, qtbot)


def test_validation_starts_at_once_and_finds_what_a_whole_check_finds(  # type: ignore[no-untyped-def]
    window, mesh, qtbot
) -> None:
    win = opened(window, mesh)
    assert win.problems.checking
    # the validation process is running while the window still reads the registry and
    # builds the canvas: it reads the registry itself
    assert getattr(win.problems, "_child", None) is not None
    assert registry_loader_reading(win) and win.scene.building_in_slices
    settled(win, qtbot)
    qtbot.waitUntil(lambda: not win.problems.checking, timeout=WAIT_MS)
    assert sorted(map(repr, win.problems.report.findings)) == whole_check(win)


def test_a_small_design_is_validated_here_once_its_registry_is_in(  # type: ignore[no-untyped-def]
    window, tmp_path: Path, qtbot, monkeypatch
) -> None:
    # the registry's reading starts well after validation would have (AFTER_PAINT_MS)
    monkeypatch.setattr(registry_loading, "AFTER_FIRST_FRAME_MS", 600)
    path = tmp_path / "small.mesh.yaml"
    assert cli(["generate", "--apps", "20", "--seed", "3", "-o", str(path)]) == 0
    text = path.read_text(encoding="utf-8")  # a version the registry lacks: a finding it makes
    path.write_text(text.replace("version: 5}", "version: 99}", 1), encoding="utf-8")
    win = opened(window, path)
    assert registry_loader_reading(win) and win.problems.checking
    assert getattr(win.problems, "_child", None) is None  # validated in the window's process
    settled(win, qtbot)
    qtbot.waitUntil(lambda: not win.problems.checking, timeout=WAIT_MS)
    found = sorted(map(repr, win.problems.report.findings))
    assert found == whole_check(win)
    assert any("has no version 99" in finding for finding in found)


def whole_check(win: MainWindow) -> list[str]:
    """The findings of the open design and its registry, checked whole at once."""
    path = win.doc.path
    assert path is not None and win.doc.design.registry
    registry_path = path.parent / win.doc.design.registry
    registry = RegistryInput(load_registry(registry_path)[0], None, registry_path)
    loaded = LoadedDesign(snapshot(win.doc.design), SourceMap(str(path), {}))
    return sorted(map(repr, validate_loaded(loaded, path, registry).findings))


def test_a_big_design_opened_over_another_replaces_it(  # type: ignore[no-untyped-def]
    window, mesh, tmp_path: Path, qtbot
) -> None:
    other = tmp_path / "other.mesh.yaml"
    assert cli(["generate", "--apps", "150", "--seed", "9", "-o", str(other)]) == 0
    win = opened(window, mesh)
    assert win.scene.building_in_slices
    # while the first is still being built, then once it is: the old items are gone (this
    # crashed, reaching the deleted items of the design before)
    for path in (other, mesh):
        opened(win, path)
        settled(win, qtbot)
        design = win.doc.design
        placed = [*design.applications, *design.topics, *design.endpoints, *design.notes]
        assert set(win.scene.nodes) == {element.id for element in placed}
        assert set(win.scene.frames) == {broker.id for broker in design.brokers}
    qtbot.waitUntil(lambda: not win.problems.checking, timeout=WAIT_MS)


def test_select_all_delete_and_undo_tell_the_selection_once(  # type: ignore[no-untyped-def]
    window, mesh, qtbot
) -> None:
    # Qt tells selectionChanged for each item selected or removed one at a time, and its
    # listeners walk the selection each time: Select All and Delete on the 5,000-element
    # benchmark mesh took minutes that way
    win = opened(window, mesh)
    settled(win, qtbot)
    before, bounds = snapshot(win.doc.design), win.scene.sceneRect()
    told: list[None] = []
    win.scene.selectionChanged.connect(lambda: told.append(None))
    viewport = win.view.viewport()
    QTest.keyClick(viewport, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(told) == 1
    selectable = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    assert set(win.scene.selectedItems()) == {
        item for item in win.scene.items() if item.flags() & selectable
    }
    told.clear()
    QTest.keyClick(viewport, Qt.Key.Key_Delete)
    assert len(told) == 1
    design = win.doc.design
    assert not design.applications and not design.topics and not win.scene.nodes
    QTest.keyClick(viewport, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(win.doc.design) == before
    QApplication.processEvents()  # broker frames are refitted once, after the turn
    assert picture(win.scene) == picture_of_a_fresh_build(win)
    # each element comes back where it stood, not first in a column that grew the rect
    assert win.scene.sceneRect() == bounds


def test_the_registry_panel_is_filled_when_it_shows(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.docks.registry.hide()  # (View > Registry off)
    QApplication.processEvents()
    assert not win.registry_browser.isVisible()
    opened(win, mesh)
    settled(win, qtbot)
    assert win.registry is not None
    win.docks.registry.show()
    QApplication.processEvents()
    # back as a tab behind Properties: Qt calls it visible, but nothing is on screen yet
    assert win.registry_browser.registry is None
    bar, index = registry_tab(win)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: win.registry_browser.registry is not None, timeout=WAIT_MS)
    assert win.registry_browser.registry is win.registry
    shown = {
        win.registry_browser.subject_tree.topLevelItem(i).text(0)
        for i in range(win.registry_browser.subject_tree.topLevelItemCount())
    }
    assert shown == set(win.registry.subjects)


def test_a_registry_that_cannot_be_read_says_where_as_before(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    registry_path = mesh.parent / "big.registry.yaml"
    lines = registry_path.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40] + ' "unclosed'  # a YAML error far into the file
    registry_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as at_once:
        load_registry(registry_path)
    assert at_once.value.line is not None and at_once.value.line > 40
    win = opened(window, mesh)
    settled(win, qtbot)
    assert win.registry is None
    assert win.registry_problem == str(at_once.value)


def test_opening_another_design_while_building_leaves_only_its_items(  # type: ignore[no-untyped-def]
    window, mesh, tmp_path, qtbot
) -> None:
    other = tmp_path / "other" / "small.mesh.yaml"
    other.parent.mkdir()
    assert cli(["generate", "--apps", "60", "--seed", "9", "-o", str(other)]) == 0
    win = opened(window, mesh)
    assert win.scene.building_in_slices
    opened(win, other)
    settled(win, qtbot)
    expected = {e.id for e in win.doc.design.elements() if e.id in win.scene.nodes}
    assert set(win.scene.nodes) == expected
    assert {a.id for a in win.doc.design.applications} <= set(win.scene.nodes)
    assert len([i for i in win.scene.items() if isinstance(i, EdgeItem)]) == len(win.scene.edges())


def test_comment_badges_come_with_the_items(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    text = mesh.read_text(encoding="utf-8")
    app = text.split("applications:\n", 1)[1].split("\n", 1)[0].split("id:")[1].strip()
    thread = (
        "notes:\n  - id: note-while-building\n    target: "
        + app
        + "\n    author: reviewer\n    text: Is this the owner?\n    resolved: false\n"
    )
    mesh.write_text(text.replace("\nlayout:\n", "\n" + thread + "layout:\n", 1), encoding="utf-8")
    win = opened(window, mesh)
    assert win.scene.building_in_slices  # the thread's badge does not make every item at once
    settled(win, qtbot)
    badge = win.badges.badges[app]
    assert badge.count == 1 and badge.parentItem() is win.scene.nodes[app]


def registry_tab(win):  # type: ignore[no-untyped-def]
    """The tab bar holding the Registry dock's tab, and the tab's index."""
    for bar in win.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.isVisible() and bar.tabText(index) == "Registry":
                return bar, index
    raise AssertionError("no visible Registry tab")


def test_what_the_slices_made_is_left_out_of_garbage_collection(window, mesh, qtbot) -> None:  # type: ignore[no-untyped-def]
    # the collector walking a big design's items in one turn was a stall of a fifth of a second
    gc.unfreeze()
    win = opened(window, mesh)
    settled(win, qtbot)
    items = win.scene.nodes
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # the rest of the suite as it was
    assert frozen >= len(items) > 0
