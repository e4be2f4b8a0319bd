"""The view stays where the user put it while they edit: drops, property edits, undo, comments.

Each gesture is made with real events on a window scrolled away from its origin; what the
user sees must not move: the same scene point stays under the viewport's centre.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from studio.gui.main_window import MainWindow
from studio.model import Topic
from tests.gui.test_starter_taxonomy import drop_topic


def centre(window: MainWindow) -> QPointF:
    return window.view.mapToScene(window.view.viewport().rect().center())


def click_analytics(window: MainWindow) -> None:
    """A click on an element already in view (click_element would scroll to it)."""
    item = window.scene.nodes["analytics"]
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.view.mapFromScene(item.mapToScene(item.size.center())),
    )


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def scrolled(window: MainWindow) -> QPointF:
    window.resize(1200, 800)
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(700, 420))
    settle()
    return centre(window)


def test_dropping_a_topic_into_a_broker_and_undoing_keep_the_view(erp_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    before = scrolled(window)
    frame = window.scene.frames["kafka"]
    target = frame.mapToScene(frame.size.bottomLeft() + QPointF(60, -20))
    drop_topic(window, window.view.mapFromScene(target))
    settle()
    topic = window.doc.get("topic")
    assert isinstance(topic, Topic) and topic.broker == "kafka"
    assert centre(window) == before
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.doc.get("topic") is None
    assert centre(window) == before


def test_editing_a_name_in_properties_keeps_the_view(erp_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    before = scrolled(window)
    click_analytics(window)
    assert window.scene.selected_ids() == ["analytics"]
    assert centre(window) == before
    name = window.properties.findChild(QLineEdit, "name")
    assert name is not None and name.isVisible()
    QTest.mouseClick(name, Qt.MouseButton.LeftButton)
    QTest.keyClick(name, Qt.Key.Key_End)
    QTest.keyClicks(name, " and a much longer name than before")
    settle()
    assert window.doc.get("analytics").name.endswith("longer name than before")  # type: ignore[union-attr]
    assert centre(window) == before


def test_commenting_on_the_selection_keeps_the_view(erp_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    before = scrolled(window)
    click_analytics(window)
    qtbot.keyClick(
        window.view.viewport(),
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    box = window.notes.text
    QTest.keyClicks(box, "Why does this read the raw topic?")
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert any(n.on == "analytics" for n in window.doc.design.notes)
    assert centre(window) == before


def test_drawing_a_new_design_does_not_shift_what_is_drawn(erp_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    middle = window.view.viewport().rect().center()
    drop_topic(window, middle, "service")
    settle()
    service = window.scene.nodes["service"]

    def on_screen() -> QPointF:
        return QPointF(window.view.mapFromScene(service.mapToScene(service.size.topLeft())))

    before = on_screen()
    for kind, offset in (("topic", (300, 150)), ("broker", (-350, -200)), ("client", (0, 260))):
        drop_topic(window, middle + QPointF(*offset).toPoint(), kind)
        settle()
        assert on_screen() == before, kind
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert on_screen() == before
