"""Escape cancels the gesture under way: a connection drag, a move, a rubber band. The
release that follows changes nothing, in the Document or on the canvas."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.model import Application
from studio.model.relations import PUBLISHES, Link
from tests.gui.conftest import Canvas


def move_held(canvas: Canvas, start: QPoint, end: QPoint, steps: int = 4) -> None:
    """Move with the left button held (QTest.mouseMove carries no buttons)."""
    viewport = canvas.view.viewport()
    for i in range(1, steps + 1):
        point = QPointF(start + (end - start) * (i / steps))
        QApplication.sendEvent(
            viewport,
            QMouseEvent(
                QEvent.Type.MouseMove,
                point,
                viewport.mapToGlobal(point),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    QApplication.processEvents()


def press(canvas: Canvas, at: QPoint) -> None:
    QTest.mousePress(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at
    )


def release(canvas: Canvas, at: QPoint) -> None:
    QTest.mouseRelease(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at
    )
    QApplication.processEvents()


def escape(canvas: Canvas) -> None:
    QTest.keyClick(canvas.view.viewport(), Qt.Key.Key_Escape)


def test_escape_cancels_a_connection_drag(canvas: Canvas) -> None:
    items_before = len(canvas.scene.items())
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(canvas.centre_of("order-placed"))
    press(canvas, start)
    move_held(canvas, start, (start + end) / 2)
    assert canvas.scene.interacting() and len(canvas.scene.items()) == items_before + 1
    escape(canvas)
    assert not canvas.scene.interacting()
    assert len(canvas.scene.items()) == items_before  # the dashed line is gone
    move_held(canvas, (start + end) / 2, end)
    release(canvas, end)  # on the target: still nothing
    app = canvas.doc.get("sales-cockpit")
    assert isinstance(app, Application)
    assert all(p.topic != "order-placed" for p in app.publishes)
    assert Link(PUBLISHES, "sales-cockpit", "order-placed") not in {
        e.link for e in canvas.scene.edges()
    }
    assert canvas.history.labels == []


def test_escape_cancels_a_move_and_puts_the_items_back(canvas: Canvas) -> None:
    erp = canvas.scene.nodes["erp"]
    before_item, before_model = erp.pos(), canvas.doc.design.layout["erp"]
    edge = next(e for e in canvas.scene.edges() if e.link.source == "erp")
    start = canvas.point(canvas.centre_of("erp"))
    press(canvas, start)
    move_held(canvas, start, start + QPoint(150, 90))
    assert erp.pos() != before_item  # it was following the pointer
    escape(canvas)
    assert erp.pos() == before_item
    assert edge.path().elementAt(0).x == erp.side_anchor(True).x()  # links came back too
    move_held(canvas, start + QPoint(150, 90), start + QPoint(300, 120))
    assert erp.pos() == before_item  # the rest of the drag moves nothing
    release(canvas, start + QPoint(300, 120))
    assert canvas.doc.design.layout["erp"] == before_model
    assert canvas.history.labels == []  # no MoveElements pushed


def test_escape_cancels_a_rubber_band_and_keeps_the_selection(canvas: Canvas) -> None:
    canvas.view.set_zoom(0.5)
    canvas.scene.select_ids(["erp"])
    erp, shop = canvas.scene.nodes["erp"], canvas.scene.nodes["shop"]
    corner = erp.sceneBoundingRect().topLeft() - QPointF(20, 20)
    far = shop.sceneBoundingRect().bottomRight() + QPointF(5, 5)
    canvas.view.centerOn((corner + far) / 2)
    QApplication.processEvents()
    start, end = canvas.view.mapFromScene(corner), canvas.view.mapFromScene(far)
    press(canvas, start)
    move_held(canvas, start, end)
    assert not canvas.view.rubberBandRect().isNull()
    assert {"erp", "shop"} <= set(canvas.scene.selected_ids())  # the band selects as it grows
    escape(canvas)
    assert canvas.view.rubberBandRect().isNull()
    assert canvas.scene.selected_ids() == ["erp"]  # as before the band began
    move_held(canvas, end, end + QPoint(40, 40))
    release(canvas, end + QPoint(40, 40))
    assert canvas.scene.selected_ids() == ["erp"] and canvas.history.labels == []


def test_escape_with_no_gesture_changes_nothing(canvas: Canvas) -> None:
    canvas.scene.select_ids(["erp"])
    escape(canvas)
    assert canvas.scene.selected_ids() == ["erp"] and canvas.history.labels == []
