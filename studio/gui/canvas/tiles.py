"""A cache of the rendered canvas in square tiles, so panning and repainting blit pixmaps.

A 5,000-element mesh has ten thousand links, many of them screens long: drawing them takes
a few hundred milliseconds however few pixels change, and a view that pans must repaint
in 16. So the view keeps what it drew: tiles of ``TILE`` device pixels on a grid fixed to
the scene at the current zoom. A repaint blits the tiles it needs; only tiles the scene
has changed under (``QGraphicsScene.changed``), and new ones scrolled into view, are drawn
again. Tiles are drawn by ``QGraphicsScene.render`` (items with their own caches, the grid
of the scene's background), several adjacent tiles in one pass, so a long link is stroked
once per pass, not once per tile.

The grid is fixed to "canvas" coordinates: scene coordinates times the zoom, shifted by the
fractional part of the view's scroll offset so that tiles land on whole device pixels.
Changing the zoom (or that fraction) empties the cache. The cache holds at most
``limit_bytes`` of pixmaps and forgets the least recently used beyond that.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsScene

TILE = 256
LIMIT_BYTES = 64 * 1024 * 1024
_STEPS = 64  # offsets are kept to 1/64 pixel, so rounding noise does not empty the cache

Tile = tuple[int, int]
_DEFAULT_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


class Grid:
    """Where tiles are for one view transform (a scale and a whole-pixel offset)."""

    def __init__(self, transform: QTransform, ratio: float) -> None:
        self.scale = transform.m11()
        dx = round(transform.dx() * _STEPS) / _STEPS
        dy = round(transform.dy() * _STEPS) / _STEPS
        self.shift_x, self.shift_y = math.floor(dx), math.floor(dy)  # whole device pixels
        self.fraction = (dx - self.shift_x, dy - self.shift_y)
        self.ratio = ratio
        self.key = (self.scale, self.fraction, ratio)

    @staticmethod
    def usable(transform: QTransform) -> bool:
        """Tiles need a plain zoom: no rotation, shear or different x and y scales."""
        return (
            transform.m12() == 0
            and transform.m21() == 0
            and transform.m11() > 0
            and transform.m11() == transform.m22()
        )

    def tiles_in_view(self, rect: QRect) -> Iterator[Tile]:
        """The tiles covering ``rect`` (viewport pixels)."""
        return self._tiles_in_canvas(
            rect.left() - self.shift_x,
            rect.top() - self.shift_y,
            rect.right() + 1 - self.shift_x,
            rect.bottom() + 1 - self.shift_y,
        )

    def tiles_in_scene(self, rect: QRectF, margin: float = 2.0) -> Iterator[Tile]:
        """The tiles a scene rect touches, with ``margin`` pixels for antialiasing."""
        return self._tiles_in_range(self.scene_range(rect, margin))

    def scene_range(self, rect: QRectF, margin: float = 2.0) -> tuple[int, int, int, int]:
        """The columns and rows (first, first, past the last, past the last) of the tiles a
        scene rect touches."""
        fx, fy = self.fraction
        return self._range(
            rect.left() * self.scale + fx - margin,
            rect.top() * self.scale + fy - margin,
            rect.right() * self.scale + fx + margin,
            rect.bottom() * self.scale + fy + margin,
        )

    @staticmethod
    def _range(left: float, top: float, right: float, bottom: float) -> tuple[int, int, int, int]:
        return (
            math.floor(left / TILE),
            math.floor(top / TILE),
            math.ceil(right / TILE),
            math.ceil(bottom / TILE),
        )

    @classmethod
    def _tiles_in_canvas(
        cls, left: float, top: float, right: float, bottom: float
    ) -> Iterator[Tile]:
        return cls._tiles_in_range(cls._range(left, top, right, bottom))

    @staticmethod
    def _tiles_in_range(columns_rows: tuple[int, int, int, int]) -> Iterator[Tile]:
        i0, j0, i1, j1 = columns_rows
        for j in range(j0, j1):
            for i in range(i0, i1):
                yield (i, j)

    def view_pos(self, tile: Tile) -> QPointF:
        """The viewport point where ``tile``'s top-left corner goes."""
        return QPointF(tile[0] * TILE + self.shift_x, tile[1] * TILE + self.shift_y)

    def scene_rect(self, first: Tile, last: Tile) -> QRectF:
        """The scene rect covered by the block of tiles from ``first`` to ``last``."""
        fx, fy = self.fraction
        left, top = (first[0] * TILE - fx) / self.scale, (first[1] * TILE - fy) / self.scale
        columns, rows = last[0] - first[0] + 1, last[1] - first[1] + 1
        return QRectF(left, top, columns * TILE / self.scale, rows * TILE / self.scale)


class TileCache:
    """Rendered tiles of one scene for one grid, least recently used first."""

    def __init__(self, limit_bytes: int = LIMIT_BYTES) -> None:
        self.limit = max(1, limit_bytes // (TILE * TILE * 4))
        self.grid: Grid | None = None
        self._tiles: OrderedDict[Tile, QPixmap] = OrderedDict()
        # what was on screen before a zoom step or unfolding: scene rects and their pictures
        self.previous: list[tuple[QRectF, QPixmap]] | None = None
        self.rendered = 0  # tiles drawn so far (for tests and the benchmark)

    def __len__(self) -> int:
        return len(self._tiles)

    def use_grid(self, grid: Grid) -> None:
        """Switch to ``grid``. Tiles of another offset are thrown away; those of another zoom
        are kept as ``previous`` until the new zoom's tiles are drawn, to show scaled in
        the meantime (a zoom step then costs a blit, not a redraw of the whole view)."""
        if self.grid is not None and grid.key != self.grid.key:
            if grid.scale != self.grid.scale and self._tiles:
                before = self.grid
                self.previous = [
                    (before.scene_rect(t, t), pixmap) for t, pixmap in self._tiles.items()
                ]
                self._tiles = OrderedDict()
            else:
                self._tiles.clear()
        self.grid = grid

    def show_meanwhile(self, scene_rect: QRectF, picture: QPixmap) -> None:
        """Start afresh, showing ``picture`` (of ``scene_rect``) until tiles are drawn: what
        the view showed folded, when it unfolds."""
        self.clear()
        self.previous = [(scene_rect, picture)]

    def forget_previous(self) -> None:
        """The new zoom's tiles are all drawn: the scaled stand-ins are no longer needed."""
        self.previous = None

    def clear(self) -> None:
        self._tiles.clear()
        self.previous = None

    def get(self, tile: Tile) -> QPixmap | None:
        pixmap = self._tiles.get(tile)
        if pixmap is not None:
            self._tiles.move_to_end(tile)
        return pixmap

    def missing(self, tiles: Iterable[Tile]) -> list[Tile]:
        return [t for t in tiles if t not in self._tiles]

    def invalidate(self, scene_rects: Iterable[QRectF], scene_rect: QRectF) -> None:
        """Forget the tiles under changed scene rects (the whole scene: every tile)."""
        self.previous = None  # stand-ins of another zoom would show the scene as it was
        if self.grid is None or not self._tiles:
            return
        for rect in scene_rects:
            if rect.contains(scene_rect):  # "everything changed": cheaper than a tile walk
                self._tiles.clear()
                return
            if rect.isEmpty():
                continue
            i0, j0, i1, j1 = self.grid.scene_range(rect)
            if (i1 - i0) * (j1 - j0) > len(self._tiles):  # zoomed in: walk the cache instead
                for tile in [t for t in self._tiles if i0 <= t[0] < i1 and j0 <= t[1] < j1]:
                    del self._tiles[tile]
            else:
                for tile in Grid._tiles_in_range((i0, j0, i1, j1)):
                    self._tiles.pop(tile, None)

    def render(
        self, scene: QGraphicsScene, tiles: list[Tile], hints: QPainter.RenderHint = _DEFAULT_HINTS
    ) -> None:
        """Draw ``tiles`` (of the current grid) in one pass over the block they span, with
        the view's render ``hints`` (links are antialiased by the painter, not by items)."""
        grid = self.grid
        if grid is None or not tiles:
            return
        first = (min(t[0] for t in tiles), min(t[1] for t in tiles))
        last = (max(t[0] for t in tiles), max(t[1] for t in tiles))
        columns, rows = last[0] - first[0] + 1, last[1] - first[1] + 1
        if len(tiles) > 1 and columns * rows > 2 * len(tiles):  # scattered: one by one
            for tile in tiles:
                self.render(scene, [tile], hints)
            return
        ratio = grid.ratio
        block = QPixmap(round(columns * TILE * ratio), round(rows * TILE * ratio))
        block.setDevicePixelRatio(ratio)
        painter = QPainter(block)
        painter.setRenderHints(hints)
        scene.render(
            painter,
            QRectF(0, 0, columns * TILE, rows * TILE),
            grid.scene_rect(first, last),
            Qt.AspectRatioMode.IgnoreAspectRatio,
        )
        painter.end()
        size = round(TILE * ratio)
        for tile in tiles:
            x, y = (tile[0] - first[0]) * size, (tile[1] - first[1]) * size
            pixmap = block.copy(x, y, size, size)
            pixmap.setDevicePixelRatio(ratio)
            self._tiles[tile] = pixmap
            self._tiles.move_to_end(tile)
        self.rendered += len(tiles)
        while len(self._tiles) > self.limit:
            self._tiles.popitem(last=False)
