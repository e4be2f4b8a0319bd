"""How the canvas view paints the mesh: from a tile cache, drawing ahead while idle.

A big mesh takes far longer to draw than a frame lasts, so the view paints from tiles of
what it drew before (``tiles.py``) and draws again only what the scene changed and what
scrolls into view; while the view is idle it draws the tiles just around the visible area,
so panning finds them ready. Zooming shows the tiles of the zoom before, scaled, and draws the
new zoom's a row per turn of the event loop, so a zoom step is a blit however big the mesh
(what is shown sharpens within a few turns). While items are dragged (the scene changes under
the mouse on every move) the view paints the scene directly, as QGraphicsView does; so it
does when it shows the folded picture (``fold_scene``), a few hundred items that are cheaper to draw
than to cache.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QRubberBand, QStyle, QStyleHintReturnMask, QStyleOptionRubberBand

from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.tiles import TILE, Grid, Tile, TileCache

if TYPE_CHECKING:
    from studio.gui.canvas.view import CanvasView

PREFETCH_RING = 1  # tiles drawn ahead around the visible ones while idle
PREFETCH_BATCH = 1  # tiles drawn per idle turn at first; doubled while turns stay quick
MAX_BATCH = 16
TURN_MS = 25.0  # what an idle turn of drawing ahead should stay under


class TiledPainting:
    """Paints a view's mesh scene from ``tiles`` and draws missing tiles while idle."""

    def __init__(self, view: CanvasView, tiles: TileCache) -> None:
        self.view = view
        self.tiles = tiles
        self.enabled = True
        self.batch = PREFETCH_BATCH
        self.prefetch = QTimer(view)
        self.prefetch.setSingleShot(True)
        self.prefetch.setInterval(0)
        self.prefetch.timeout.connect(self.draw_ahead)

    def grid(self) -> Grid | None:
        """The tile grid for the current transform, or None when tiles cannot be used."""
        view = self.view
        scene = view.scene()
        if not self.enabled or not isinstance(scene, MeshScene) or scene.interacting():
            return None
        transform = view.viewportTransform()
        if not Grid.usable(transform):
            return None
        return Grid(transform, view.viewport().devicePixelRatioF())

    def paint(self, event: QPaintEvent) -> bool:
        """Paint the exposed region from tiles; False when the view must paint directly."""
        grid = self.grid()
        if grid is None:
            return False
        view, tiles = self.view, self.tiles
        tiles.use_grid(grid)
        exposed = event.region().boundingRect()
        needed = list(grid.tiles_in_view(exposed))
        painter = QPainter(view.viewport())
        missing = tiles.missing(needed)
        if missing and tiles.previous is not None:
            # just zoomed: the tiles of the zoom before, scaled, until these are drawn
            painter.fillRect(exposed, view.backgroundBrush())
            self._paint_previous(painter)
        else:
            # drawn now, in one pass; painting directly instead and tiling later would paint
            # every item twice (item caches are kept per device: the viewport, a tile)
            tiles.render(view.mesh_scene(), missing, view.renderHints())
        for tile in needed:
            pixmap = tiles.get(tile)
            if pixmap is not None:
                painter.drawPixmap(grid.view_pos(tile), pixmap)
        painter.setWorldTransform(view.viewportTransform())
        view.drawForeground(painter, view.mapToScene(exposed).boundingRect())
        painter.resetTransform()
        self._paint_rubber_band(painter)
        painter.end()
        if tiles.missing(self._ahead(grid)):
            self.prefetch.start()
        return True

    def _paint_previous(self, painter: QPainter) -> None:
        """What was on screen before (the previous zoom's tiles, or the folded picture), each
        part scaled onto where its part of the scene is now."""
        assert self.tiles.previous is not None
        to_view = self.view.viewportTransform()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        visible = self.view.viewport().rect()
        for scene_rect, pixmap in self.tiles.previous:
            target = to_view.mapRect(scene_rect)
            if target.intersects(visible):
                painter.drawPixmap(target, pixmap, pixmap.rect().toRectF())
        painter.restore()

    def _paint_rubber_band(self, painter: QPainter) -> None:
        """The rubber band, as QGraphicsView's own paintEvent draws it."""
        band = self.view.rubberBandRect()
        if band.isEmpty():
            return
        viewport = self.view.viewport()
        option = QStyleOptionRubberBand()
        option.initFrom(viewport)
        option.rect = band
        option.shape = QRubberBand.Shape.Rectangle
        mask = QStyleHintReturnMask()
        style = viewport.style()
        if style.styleHint(QStyle.StyleHint.SH_RubberBand_Mask, option, viewport, mask):
            painter.setClipRegion(mask.region, Qt.ClipOperation.IntersectClip)
        style.drawControl(QStyle.ControlElement.CE_RubberBand, option, painter, viewport)

    def _ahead(self, grid: Grid) -> list[Tile]:
        """The visible tiles and a ring around them, nearest rows first."""
        ring = PREFETCH_RING * TILE
        area = self.view.viewport().rect().adjusted(-ring, -ring, ring, ring)
        return list(grid.tiles_in_view(area))

    def draw_ahead(self) -> None:
        """While idle: draw the missing visible tiles, then the ring, one batch per turn."""
        grid = self.grid()
        view, tiles = self.view, self.tiles
        if grid is None or not view.isVisible():
            return
        tiles.use_grid(grid)
        visible = tiles.missing(grid.tiles_in_view(view.viewport().rect()))
        if visible:
            # part of a row per turn, so a zoom step never waits for the whole view
            row = [tile for tile in visible if tile[1] == visible[0][1]]
            self._render(row[: self.batch])
            view.viewport().update()
        else:
            tiles.forget_previous()
            missing = tiles.missing(self._ahead(grid))
            if not missing:
                return
            self._render(_strip(missing, self.batch))
        self.prefetch.start()

    def _render(self, tiles: list[Tile]) -> None:
        """Draw adjacent tiles in one pass, and size the next batch to keep a turn short.

        What a tile costs is mostly the links whose bounding box crosses it (2,000 of them
        in a 256-pixel tile of the benchmark mesh), and a batch pays for them once, not per
        tile; but a turn of the event loop must stay short (the user may be zooming), so the
        batch halves after a slow turn and doubles after a quick one.
        """
        start = time.perf_counter()
        self.tiles.render(self.view.mesh_scene(), tiles, self.view.renderHints())
        took = (time.perf_counter() - start) * 1000
        if took > TURN_MS:
            self.batch = max(1, self.batch // 2)
        elif took < TURN_MS / 3 and len(tiles) == self.batch:
            self.batch = min(MAX_BATCH, self.batch * 2)


def _strip(tiles: list[Tile], most: int) -> list[Tile]:
    """The longest run of adjacent tiles, across or down, from the first of ``tiles``
    (``most`` at the most)."""
    first, present = tiles[0], set(tiles)
    across, down = [first], [first]
    while (across[-1][0] + 1, first[1]) in present and len(across) < most:
        across.append((across[-1][0] + 1, first[1]))
    while (first[0], down[-1][1] + 1) in present and len(down) < most:
        down.append((first[0], down[-1][1] + 1))
    return across if len(across) >= len(down) else down
