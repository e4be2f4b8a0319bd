"""The view switcher: choosing a named view with the keyboard or the mouse shows only its
elements (and the links among them, and the frames of its brokers); editing in a view edits
the design; "Whole mesh" shows everything again; undo restores what an edit in a view did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from studio.gui.main_window import MainWindow
from studio.gui.view_selector import WHOLE_MESH
from studio.model import Application, Topic
from tests.conftest import SAMPLES
from tests.gui.conftest import click_element, press
from tests.gui.test_starter_taxonomy import drop_topic

VIEWS = """
views:
  - id: logistics
    name: Logistics
    include:
      brokers: [rabbitmq]
      owners: [logistics-team]
      elements: [notification-service]
  - id: customer-domain
    include:
      domains: [erp]
"""
# what the Logistics view picks from the ERP sample: the RabbitMQ topic and its frame, the
# logistics team's service and the hand-picked notification service
LOGISTICS_NODES = {"fulfilment", "shipment-dispatched", "notification-service"}
LOGISTICS_FRAMES = {"rabbitmq"}


def sample_without_views() -> str:
    """The ERP sample's text with its own ``views:`` (if any) left out."""
    kept, skipping = [], False
    for line in (SAMPLES / "erp-mesh.mesh.yaml").read_text().splitlines(keepends=True):
        if line.startswith("views:"):
            skipping = True
        elif skipping and line[:1] not in (" ", "-", "\n"):
            skipping = False  # the next top-level key
        if not skipping:
            kept.append(line)
    return "".join(kept)


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """The studio on the ERP sample with two views of this test's in its file."""

    def fail(_parent: object, title: str, text: str) -> None:
        pytest.fail(f"{title}: {text}")  # a modal message box would wait forever

    monkeypatch.setattr(QMessageBox, "critical", fail)
    design = tmp_path / "erp-mesh.mesh.yaml"
    design.write_text(sample_without_views() + VIEWS)
    (tmp_path / "registry.yaml").write_text((SAMPLES / "registry.yaml").read_text())
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.resize(1400, 900)
    win.show()
    assert win.open_file(design)
    qtbot.waitExposed(win)
    yield win
    win.problems.wait()
    win.undo_stack.setClean()  # closing must not prompt
    win.close()
    win.deleteLater()


def selector(win: MainWindow) -> QComboBox:
    return win.view_switcher.selector


def entries(win: MainWindow) -> list[str]:
    combo = selector(win)
    return [combo.itemText(i) for i in range(combo.count())]


def visible_nodes(win: MainWindow) -> set[str]:
    return {i for i, item in win.scene.nodes.items() if item.isVisible()}


def visible_frames(win: MainWindow) -> set[str]:
    return {i for i, item in win.scene.frames.items() if item.isVisible()}


def visible_links(win: MainWindow) -> set[tuple[str, str]]:
    return {(e.link.source, e.link.target) for e in win.scene.edges() if e.isVisible()}


def choose_with_keyboard(win: MainWindow, steps: int, key: Qt.Key = Qt.Key.Key_Down) -> None:
    """Ctrl+Shift+V, then arrow keys on the closed list (as a user switches views)."""
    press(win, win.menu_actions.choose_view)
    assert QApplication.focusWidget() is selector(win)
    for _ in range(steps):
        QTest.keyClick(selector(win), key)


def choose_with_mouse(win: MainWindow, qtbot, label: str) -> None:  # type: ignore[no-untyped-def]
    """Click the list open, then click the entry."""
    combo = selector(win)
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    # the open list takes no release for a double-click interval (the click that opened it)
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    where = popup.visualRect(popup.model().index(entries(win).index(label), 0)).center()
    QTest.mouseMove(popup.viewport(), where)  # the entry under the pointer becomes current
    QTest.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not popup.isVisible())


def empty_spot(win: MainWindow) -> QPoint:
    """A point of the canvas with no element (shown) under it and room for a new one."""
    rect = win.view.viewport().rect()
    for x in range(rect.left() + 40, rect.right() - 200, 40):
        for y in range(rect.top() + 40, rect.bottom() - 120, 40):
            at = win.view.mapToScene(QPoint(x, y))
            area = QRectF(at.x() - 20, at.y() - 20, 260, 160)
            if not any(item.isVisible() for item in win.scene.items(area)):
                return QPoint(x, y)
    raise AssertionError("no empty spot in view")


def assert_whole_mesh(win: MainWindow) -> None:
    assert visible_nodes(win) == set(win.scene.nodes)
    assert visible_frames(win) == set(win.scene.frames)
    assert all(edge.isVisible() for edge in win.scene.edges())


def test_the_list_names_every_view_and_has_a_shortcut(window: MainWindow) -> None:
    assert entries(window) == [WHOLE_MESH, "Logistics", "customer-domain"]  # id without name
    assert selector(window).currentText() == WHOLE_MESH
    assert window.menu_actions.choose_view.shortcut().toString() == "Ctrl+Shift+V"
    assert_whole_mesh(window)


def test_choosing_a_view_shows_only_its_elements_links_and_frames(window: MainWindow) -> None:
    everything = set(window.scene.nodes)
    whole_mesh_zoom = window.view.zoom
    choose_with_keyboard(window, 1)
    assert selector(window).currentText() == "Logistics"
    assert visible_nodes(window) == LOGISTICS_NODES
    assert visible_frames(window) == LOGISTICS_FRAMES
    assert visible_links(window) == {
        ("fulfilment", "shipment-dispatched"),
        ("shipment-dispatched", "notification-service"),
    }
    # the hidden links to the rest of the mesh are still drawn items, only hidden
    hidden = [e for e in window.scene.edges() if not e.isVisible()]
    assert any(e.link.source == "order-placed" for e in hidden)
    assert set(window.scene.nodes) == everything  # nothing was removed from the canvas
    # the frame fits the topics shown, and the view is fitted to what is shown
    frame = window.scene.frames["rabbitmq"].sceneBoundingRect()
    assert frame.contains(window.scene.nodes["shipment-dispatched"].sceneBoundingRect())
    assert window.view.zoom > whole_mesh_zoom  # fitted to the few elements shown
    on_screen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    for element_id in LOGISTICS_NODES:
        assert on_screen.contains(window.scene.nodes[element_id].sceneBoundingRect())
    # the next view, by the id it has no name for: the erp domain's topics and their clients
    QTest.keyClick(selector(window), Qt.Key.Key_Down)
    shown = visible_nodes(window)
    assert {"customer-changed", "product-changed", "erp", "analytics"} <= shown
    assert "shipment-dispatched" not in shown and "fulfilment" not in shown
    assert visible_frames(window) == {"kafka"}


def test_whole_mesh_with_the_mouse_shows_everything_again(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    choose_with_mouse(window, qtbot, "Logistics")
    assert visible_nodes(window) == LOGISTICS_NODES
    choose_with_mouse(window, qtbot, WHOLE_MESH)
    assert selector(window).currentText() == WHOLE_MESH
    assert_whole_mesh(window)


def test_delete_in_a_view_edits_the_design_and_undo_restores(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    choose_with_keyboard(window, 1)
    click_element(window, "notification-service")
    assert window.scene.selected_ids() == ["notification-service"]
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert window.doc.get("notification-service") is None
    assert "notification-service" not in window.scene.nodes
    assert visible_nodes(window) == LOGISTICS_NODES - {"notification-service"}
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.doc.get("notification-service"), Application)
    assert visible_nodes(window) == LOGISTICS_NODES  # back, and in the view
    assert ("shipment-dispatched", "notification-service") in visible_links(window)
    choose_with_keyboard(window, 1, Qt.Key.Key_Up)
    assert selector(window).currentText() == WHOLE_MESH
    assert_whole_mesh(window)


def test_select_all_and_delete_in_a_view_leave_the_hidden_elements(window: MainWindow) -> None:
    before = {e.id for e in window.doc.design.elements()}
    choose_with_keyboard(window, 1)
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    left = {e.id for e in window.doc.design.elements()}
    assert not (LOGISTICS_NODES | LOGISTICS_FRAMES) & left
    assert {"erp", "kafka", "order-placed", "customer-changed"} <= left  # hidden: untouched
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {e.id for e in window.doc.design.elements()} == before
    assert visible_nodes(window) == LOGISTICS_NODES


def test_an_element_added_in_a_view_is_shown_until_the_view_is_left(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    choose_with_keyboard(window, 1)
    drop_topic(window, empty_spot(window))  # not into the RabbitMQ frame, which the view picks
    topic = window.doc.get("topic")
    assert isinstance(topic, Topic) and topic.broker == "kafka"  # added to the design
    assert "topic" in visible_nodes(window)
    assert visible_frames(window) == {"rabbitmq", "kafka"}  # shown with its broker's frame
    frame = window.scene.frames["kafka"].sceneBoundingRect()
    hidden_on_kafka = ("customer-changed", "product-changed", "order-placed")
    # fitted to the topic shown, not stretched around the hidden ones
    assert frame.contains(window.scene.nodes["topic"].sceneBoundingRect())
    assert not all(
        frame.contains(window.scene.nodes[i].sceneBoundingRect()) for i in hidden_on_kafka
    )
    choose_with_mouse(window, qtbot, WHOLE_MESH)
    assert_whole_mesh(window)
    choose_with_mouse(window, qtbot, "Logistics")
    assert "topic" not in visible_nodes(window)  # the view's rules do not pick it
    assert visible_nodes(window) == LOGISTICS_NODES
    assert visible_frames(window) == LOGISTICS_FRAMES


def test_opening_a_design_without_views_goes_back_to_the_whole_mesh(
    window: MainWindow, tmp_path: Path
) -> None:
    choose_with_keyboard(window, 1)
    plain = tmp_path / "plain.mesh.yaml"
    plain.write_text(sample_without_views())
    assert window.open_file(plain)
    assert entries(window) == [WHOLE_MESH]
    assert_whole_mesh(window)


def test_finding_an_element_the_view_hides_shows_the_whole_mesh(window: MainWindow) -> None:
    choose_with_keyboard(window, 1)
    assert not window.scene.nodes["erp"].isVisible()
    press(window, window.menu_actions.find)
    QTest.keyClicks(window.search, "SAP S/4HANA")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert selector(window).currentText() == WHOLE_MESH
    assert_whole_mesh(window)
    assert window.scene.selected_ids() == ["erp"]  # selected where the user can see it
    assert "not in the view Logistics" in window.statusBar().currentMessage()
