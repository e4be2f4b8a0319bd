"""A connection or a drop that cannot happen says why where the pointer is; a connection
released a few pixels beside an element snaps to it."""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from studio.gui.canvas.connect_snap import MISSED_BY_DRAG, SNAP_PIXELS
from studio.gui.canvas.view import PALETTE_MIME
from studio.model import Application
from studio.model.relations import PUBLISHES, Link
from tests.gui.conftest import Canvas, drag


def on_screen(canvas: Canvas) -> Canvas:
    """The canvas made to fit the (small, offscreen) screen: tooltips are kept on screen,
    so one shown for a point off it would not be next to that point."""
    canvas.view.resize(760, 700)
    QApplication.processEvents()
    return canvas


def gesture(canvas: Canvas, start: QPointF, end: QPointF) -> tuple[QPoint, QPoint]:
    """Viewport points of a gesture between two scene points, both in view."""
    canvas.view.centerOn((start + end) / 2)
    QApplication.processEvents()
    return canvas.view.mapFromScene(start), canvas.view.mapFromScene(end)


def tooltip_near(canvas: Canvas, view_point: QPoint, text: str) -> None:
    """A tooltip saying ``text`` is shown just by ``view_point`` of the canvas."""
    assert QToolTip.isVisible() and QToolTip.text() == text
    tip = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QWidget) and w.inherits("QTipLabel") and w.isVisible()
    )
    pointer = canvas.view.viewport().mapToGlobal(view_point)
    rect = tip.geometry()  # kept on screen: a long text may start left of the pointer
    dx = max(rect.left() - pointer.x(), 0, pointer.x() - rect.right())
    dy = max(rect.top() - pointer.y(), 0, pointer.y() - rect.bottom())
    assert math.hypot(dx, dy) < 40, (rect, pointer)


def publishes(canvas: Canvas, app_id: str, topic_id: str) -> bool:
    app = canvas.doc.get(app_id)
    return isinstance(app, Application) and any(p.topic == topic_id for p in app.publishes)


def test_a_connection_released_just_beside_an_element_snaps_to_it(canvas: Canvas) -> None:
    topic = canvas.scene.nodes["order-placed"]
    below = topic.mapToScene(QPointF(topic.size.center().x(), topic.size.bottom()))
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(below) + QPoint(0, int(SNAP_PIXELS) - 4)
    assert canvas.scene.node_at(canvas.view.mapToScene(end)) is None  # off the element
    drag(canvas.view, start, end)
    assert publishes(canvas, "sales-cockpit", "order-placed")
    assert Link(PUBLISHES, "sales-cockpit", "order-placed") in {
        e.link for e in canvas.scene.edges()
    }
    assert len(canvas.history.labels) == 1


def test_the_snap_distance_is_in_screen_pixels(canvas: Canvas) -> None:
    canvas.view.set_zoom(2.0)
    topic = canvas.scene.nodes["order-placed"]
    below = topic.mapToScene(QPointF(topic.size.center().x(), topic.size.bottom()))
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(below) + QPoint(0, int(SNAP_PIXELS) + 6)  # too far
    drag(canvas.view, start, end)
    assert not publishes(canvas, "sales-cockpit", "order-placed")


def test_a_connection_released_on_empty_canvas_says_so_at_the_pointer(
    canvas: Canvas, qtbot
) -> None:  # type: ignore[no-untyped-def]
    on_screen(canvas)
    port = canvas.port_of("sales-cockpit")
    start, end = gesture(canvas, port, port + QPointF(0, 300))
    assert canvas.scene.node_at(canvas.view.mapToScene(end)) is None
    with qtbot.waitSignal(canvas.scene.connection_refused) as refused:
        drag(canvas.view, start, end)
    assert refused.args == [MISSED_BY_DRAG]
    tooltip_near(canvas, end, MISSED_BY_DRAG)
    assert canvas.history.labels == []


def test_a_refused_connection_shows_its_reason_at_the_pointer(canvas: Canvas) -> None:
    on_screen(canvas)
    start, end = gesture(
        canvas, canvas.port_of("customer-changed"), canvas.centre_of("product-changed")
    )
    drag(canvas.view, start, end)
    assert "Topics do not feed each other" in QToolTip.text()
    tooltip_near(canvas, end, QToolTip.text())
    assert canvas.history.labels == []


def test_a_refused_palette_drop_says_why_at_the_drop_point(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setData(PALETTE_MIME, QByteArray(b"endpoint"))
    empty = canvas.scene.itemsBoundingRect().bottomRight() + QPointF(150, 150)
    point = on_screen(canvas).point(empty)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = canvas.view.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(point, *args))
    QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
    with qtbot.waitSignal(canvas.view.drop_refused) as refused:
        QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
    reason = "Drop an endpoint onto the application that provides it."
    assert refused.args == [reason]
    tooltip_near(canvas, point, reason)


def test_the_window_says_it_in_the_status_bar_too(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.view.set_zoom(1.0)
    port = win.scene.nodes["sales-cockpit"].mapToScene(
        win.scene.nodes["sales-cockpit"].port_centre()
    )
    win.view.centerOn(port)
    QApplication.processEvents()
    start = win.view.mapFromScene(port)
    drag(win.view, start, start + QPoint(0, 300))
    assert win.statusBar().currentMessage() == MISSED_BY_DRAG
    assert QToolTip.text() == MISSED_BY_DRAG
