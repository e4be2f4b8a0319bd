"""The view around the canvas: zoom, pan, fit, rubber-band selection, keyboard moves,
palette drops, and painting from a tile cache.

Wheel zooms around the cursor; middle-drag or Space+drag pans; dragging on empty canvas
draws a rubber band. Tab/Shift+Tab walk through elements, arrow keys nudge the selection
(one undo step each), Delete removes, +/-/0 zoom and fit. Escape cancels the gesture under
way (a connection, a move, a rubber band); F2 edits the selected element's label in place
(``rename_editor``); a right-click, the Menu key or Shift+F10 pops up the menu that
``context_menu`` (set by the window) gives for that point. A gesture refused says why at
the pointer.

Painting: the mesh is painted from a tile cache (``tile_painting``). The zoom also sets the
scene's level of detail, and below ``semantic_zoom.FOLD_BELOW`` the view shows the folded
picture (``fold_scene``) instead of the mesh; a ``minimap`` in the corner shows the whole
design and where the view is.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QMenu, QToolTip, QWidget

from studio.gui.canvas.minimap import Minimap
from studio.gui.canvas.rename_editor import RenameEditor
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.semantic_zoom import FOLD_BELOW, SemanticZoom
from studio.gui.canvas.tile_painting import TiledPainting
from studio.gui.canvas.tiles import TileCache
from studio.layout.canvas_style import GRID

PALETTE_MIME = "application/x-mesh-studio-palette"
MIN_ZOOM, MAX_ZOOM = 0.02, 4.0  # 2 %: a 20,000-element design fits (folded)
FIT_MARGIN = 60  # pixels kept clear around a fitted design that shows folded
NUDGE = GRID


class CanvasView(QGraphicsView):
    """Shows a MeshScene and handles navigation and drops."""

    zoom_changed = Signal(float)
    drop_refused = Signal(str)

    def __init__(self, scene: MeshScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._mesh = scene  # shown, or standing behind its folded picture
        # A scene counts itself active while a view of it is in an active window; each time
        # that count reaches 0 or leaves it, Qt sorts all its items and sends each a
        # (de)activation event: 40-200 ms at 20,000 elements whenever the folded picture took
        # the mesh's place or gave it back. One activation of its own keeps the mesh's count
        # above 0 (its items look as in an active window while the window is not).
        QCoreApplication.sendEvent(scene, QEvent(QEvent.Type.WindowActivate))
        self.tiles = TileCache()
        self.painting = TiledPainting(self, self.tiles)
        self._prefetch = self.painting.prefetch  # (the benchmark waits for it to settle)
        # every change of the scene reports the rects it touched: their tiles are redrawn
        scene.changed.connect(self._scene_changed)
        # The view keeps a scene rect of its own (what it can scroll over): following the
        # scene's would shift everything on screen whenever an edit grows or shrinks the
        # drawing's bounds (a small design is centred in the viewport, so every drop moved it)
        self.setSceneRect(scene.sceneRect())
        scene.sceneRectChanged.connect(self._scene_rect_changed)
        self._panning = False
        self._pan_from = QPointF()
        self._space_down = False
        self._fit_when_shown = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        # no background cache: the tiles hold the background with everything else
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops are delivered to the viewport
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # (scene point, from the keyboard) -> the menu to pop up there; set by the window
        self.context_menu: Callable[[QPointF, bool], QMenu | None] | None = None
        self.rename_editor = RenameEditor(self)
        self._pointer = QPoint()  # where the last mouse gesture was, for refusals
        self._selected_at_press: list[QGraphicsItem] = []  # what Escape on a band restores
        scene.rename_requested.connect(self._rename)
        scene.connection_refused.connect(lambda reason: self.show_at(reason, self._pointer))
        self.semantic = SemanticZoom(self)
        self.minimap = Minimap(self, self.semantic)

    def mesh_scene(self) -> MeshScene:
        """The mesh's scene, also while the view shows its folded picture."""
        return self._mesh

    @property
    def show_grid(self) -> bool:
        return self.mesh_scene().show_grid

    @show_grid.setter
    def show_grid(self, on: bool) -> None:
        self.mesh_scene().set_grid(on)

    # -- zoom -------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self._zoomed()

    def _zoomed(self) -> None:
        self.resetCachedContent()
        self.mesh_scene().set_zoom_level(self.zoom)
        self.semantic.follow_zoom()
        self.zoom_changed.emit(self.zoom)
        self.minimap.update()

    def zoom_to(self, rect: QRectF, least: float = MIN_ZOOM) -> None:
        """Show scene ``rect`` whole, zoomed to ``least`` at the least and 100 % at the most."""
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        self.set_zoom(min(1.0, max(least, self.zoom)))
        self.centerOn(rect.center())

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def _scene_rect_changed(self, rect: QRectF) -> None:
        """Scroll over the new bounds and over what is on screen now, which stays put."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        wanted = rect.united(visible)
        if wanted != self.sceneRect():
            centre = visible.center()
            self.setSceneRect(wanted)
            self.centerOn(centre)

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
        scene.tighten_rect()
        self.setSceneRect(scene.sceneRect())  # a fit starts afresh from the drawing's bounds
        shown = scene.shown_rect()  # what a view (view_filter) hides is not fitted
        if shown is None:
            self.set_zoom(1.0)
            return
        rect = shown.adjusted(-40, -40, 40, 40)
        zoom = _fitting(rect, self.viewport().rect())
        if zoom < FOLD_BELOW:  # folded: room in pixels for its labels, which do not zoom
            margins = (FIT_MARGIN, FIT_MARGIN, -FIT_MARGIN, -FIT_MARGIN)
            zoom = _fitting(rect, self.viewport().rect().adjusted(*margins))
        self.set_zoom(min(1.0, zoom))
        self.centerOn(rect.center())

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
        self._pointer = event.position().toPoint()
        if event.button() == Qt.MouseButton.RightButton:
            if not self.mesh_scene().cancel_gesture():  # a right-click mid-gesture cancels it
                self.popup_menu(self._pointer, from_keyboard=False)
            event.accept()
            return
        self._selected_at_press = self.mesh_scene().selectedItems()
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
        self._pointer = event.position().toPoint()
        if self._panning:
            self._panning = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # a right press has opened the menu already (QTest and every platform send the
        # press; only the platform adds this event): another one would open a second menu
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            self.popup_menu(self._selection_point(), from_keyboard=True)
        event.accept()

    def popup_menu(self, view_pos: QPoint, from_keyboard: bool) -> QMenu | None:
        """Pop up the context menu for a viewport point (or, from the keyboard, the
        selection); the menu is returned open, not run: it deletes itself on closing."""
        if self.context_menu is None or self.folded:  # blocks have no menu
            return None
        menu = self.context_menu(self.mapToScene(view_pos), from_keyboard)
        if menu is not None:
            menu.popup(self.viewport().mapToGlobal(view_pos))
        return menu

    def _selection_point(self) -> QPoint:
        """Where a menu opened from the keyboard appears: on the selection, or mid-view."""
        items = self.mesh_scene().selectedItems()
        if not items:
            return self.viewport().rect().center()
        rect = items[0].sceneBoundingRect()
        return self.mapFromScene(rect.center())

    def show_at(self, text: str, view_pos: QPoint) -> None:
        """Say something next to a viewport point: why a gesture ended there doing nothing."""
        QToolTip.showText(self.viewport().mapToGlobal(view_pos), text, self.viewport())

    def pan_by(self, dx: float, dy: float) -> None:
        self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() + dx))
        self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() + dy))

    # -- keyboard ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        scene = self.mesh_scene()
        arrows = {
            Qt.Key.Key_Left: (-NUDGE, 0),
            Qt.Key.Key_Right: (NUDGE, 0),
            Qt.Key.Key_Up: (0, -NUDGE),
            Qt.Key.Key_Down: (0, NUDGE),
        }
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in arrows and scene.selected_ids() and not scene.read_only and not self.folded:
            dx, dy = arrows[Qt.Key(key)]
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
        elif key == Qt.Key.Key_Escape and self._cancel_gesture():
            pass  # cancelled; an Escape with nothing to cancel goes on to the scene
        elif key == Qt.Key.Key_F2:
            ids = scene.selected_ids()
            if len(ids) == 1:
                self._rename(ids[0])
            else:
                self.show_at("Select one element to rename it.", self._selection_point())
        elif key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.popup_menu(self._selection_point(), from_keyboard=True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _cancel_gesture(self) -> bool:
        """Escape: the scene's gesture, or the rubber band (the selection goes back)."""
        if self.mesh_scene().cancel_gesture():
            return True
        if self.rubberBandRect().isNull():
            return False
        # QGraphicsView ends a band only on release or on a change of drag mode
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        scene = self.mesh_scene()
        # the selection at the press, but for what was dropped meanwhile
        kept = [i for i in self._selected_at_press if shiboken6.isValid(i) and i.scene() is scene]
        scene.select_only(kept)
        self.viewport().update()
        return True

    def _rename(self, element_id: str) -> None:
        reason = self.rename_editor.open(element_id)
        if reason:
            self.show_at(reason, self._selection_point())

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
        items = sorted(
            (i for i in scene.nodes.values()),
            key=lambda i: (round(i.scenePos().y() / 40), i.scenePos().x()),
        )
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
            self._pointer = event.position().toPoint()
            self.show_at(reason, self._pointer)
            self.drop_refused.emit(reason)
        event.acceptProposedAction()

    # -- painting and the folded picture ---------------------------------------------

    @property
    def use_tiles(self) -> bool:
        return self.painting.enabled

    @use_tiles.setter
    def use_tiles(self, on: bool) -> None:
        self.painting.enabled = on

    @property
    def folded(self) -> bool:
        """Whether the view shows the folded picture rather than the mesh."""
        return self.scene() is not self._mesh

    def show_scene(self, scene: QGraphicsScene) -> None:
        """Show ``scene`` (the mesh or its folded picture, in the same coordinates) where
        the other was: the same zoom, the same area."""
        area, centre = self.sceneRect(), self.mapToScene(self.viewport().rect().center())
        # While folded no tile of the mesh is drawn, so the mesh's changes are not followed:
        # after a big design is built, its first report of changes lists every item (60,000
        # rects at 20,000 elements, 200 ms just to hand them to Python). Unfolding starts the
        # tiles afresh instead.
        unfolding, folding = scene is self._mesh, self.scene() is self._mesh
        if unfolding and not folding:
            self._mesh.changed.connect(self._scene_changed)
            # the folded picture stands in while the mesh's tiles are drawn, a row per turn
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            self.tiles.show_meanwhile(shown, self.viewport().grab())
        elif folding and not unfolding:
            self._mesh.changed.disconnect(self._scene_changed)
        self.setScene(scene)
        self.setSceneRect(area)
        self.centerOn(centre)

    def _scene_changed(self, rects: list[QRectF]) -> None:
        self.tiles.invalidate(rects, self.sceneRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.painting.paint(event):
            super().paintEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.minimap.update()  # where the view is

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.minimap.place()


def _fitting(rect: QRectF, area: QRect) -> float:
    """The zoom at which ``rect`` (scene) just fits in ``area`` (viewport pixels)."""
    return min(area.width() / rect.width(), area.height() / rect.height())
