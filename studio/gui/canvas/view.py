"""The view around the canvas: zoom, pan, fit, grid, rubber-band selection, keyboard moves,
and palette drops.

Wheel zooms around the cursor; middle-drag or Space+drag pans; dragging on empty canvas
draws a rubber band. Tab/Shift+Tab walk through elements, arrow keys nudge the selection
(one undo step each), Delete removes, +/-/0 zoom and fit. The grid is painted in
``drawBackground`` from the view's exposed rect only, so it costs nothing off screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from studio.gui.canvas.nodes import NodeItem
from studio.gui.canvas.scene import GRID, MeshScene

PALETTE_MIME = "application/x-mesh-studio-palette"
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
NUDGE = GRID


class CanvasView(QGraphicsView):
    """Shows a MeshScene and handles navigation and drops."""

    zoom_changed = Signal(float)
    drop_refused = Signal(str)

    def __init__(self, scene: MeshScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.show_grid = True
        self._panning = False
        self._pan_from = QPointF()
        self._space_down = False
        self._fit_when_shown = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops are delivered to the viewport
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mesh_scene(self) -> MeshScene:
        scene = self.scene()
        assert isinstance(scene, MeshScene)
        return scene

    # -- zoom -------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self.resetCachedContent()
        self.zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def fit_all(self) -> None:
        """Fit every element in view (never zooming in past 100 %).

        Before the view is shown its viewport has no real size yet, so fitting then would
        zoom out to nothing; the fit waits for the first show instead.
        """
        if not self.isVisible():
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        scene = self.mesh_scene()
        items = [i for i in scene.items() if isinstance(i, NodeItem)]
        if not items:
            self.set_zoom(1.0)
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if not MIN_ZOOM <= self.zoom <= 1.0:
            self.set_zoom(min(1.0, self.zoom))
        self.centerOn(rect.center())
        self.resetCachedContent()
        self.zoom_changed.emit(self.zoom)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_when_shown:
            self.fit_all()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # Shift+wheel scrolls sideways, as elsewhere
            return
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(math.pow(1.15, steps))
        event.accept()

    # -- pan --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space_down and event.button() == Qt.MouseButton.LeftButton):
            self._panning = True
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan_by(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning:
            self._panning = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() + dx))
        self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() + dy))

    # -- keyboard ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        scene = self.mesh_scene()
        arrows = {Qt.Key.Key_Left: (-NUDGE, 0), Qt.Key.Key_Right: (NUDGE, 0),
                  Qt.Key.Key_Up: (0, -NUDGE), Qt.Key.Key_Down: (0, NUDGE)}
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in arrows and scene.selected_ids() and not scene.read_only:
            dx, dy = arrows[key]  # type: ignore[index]
            scale = 5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
            scene.move_selection(dx * scale, dy * scale)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.select_next(backwards=key == Qt.Key.Key_Backtab)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.fit_all()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().unsetCursor()
        super().keyReleaseEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False

    def select_next(self, backwards: bool = False) -> None:
        """Select the next element in reading order (top-to-bottom, left-to-right)."""
        scene = self.mesh_scene()
        items = sorted((i for i in scene.nodes.values()),
                       key=lambda i: (round(i.scenePos().y() / 40), i.scenePos().x()))
        if not items:
            return
        current = scene.selected_ids()
        ids = [i.element_id for i in items]
        index = ids.index(current[0]) if current and current[0] in ids else -1
        index = (index + (-1 if backwards else 1)) % len(items)
        scene.select_ids([ids[index]])
        self.ensureVisible(items[index], 60, 60)

    # -- palette drops ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME) and not self.mesh_scene().read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        kind = bytes(event.mimeData().data(PALETTE_MIME).data()).decode()
        scene_pos = self.mapToScene(event.position().toPoint())
        reason = self.mesh_scene().create_element(kind, scene_pos)
        if reason:
            self.drop_refused.emit(reason)
        event.acceptProposedAction()

    # -- grid -------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawBackground(painter, rect)
        if not self.show_grid or self.zoom < 0.3:
            return
        colours = self.mesh_scene().colours
        step = GRID * 4
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        minor = QPen(colours.grid, 0)
        major = QPen(colours.grid_major, 0)
        x = left
        while x < rect.right():
            painter.setPen(major if round(x / step) % 5 == 0 else minor)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            painter.setPen(major if round(y / step) % 5 == 0 else minor)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step
