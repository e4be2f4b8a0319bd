"""The minimap: the whole design, small, in the canvas's corner, with the area in view.

It draws the folded picture (the blocks and bundles of ``semantic_zoom``'s folding: a few
hundred shapes) into a pixmap once per folding, never the mesh itself, which at 20,000
elements takes about a second to render; a repaint blits that pixmap and draws the visible
area over it. A click or a drag in it centres the view there. View > Minimap shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from studio.gui.canvas.semantic_zoom import SemanticZoom
    from studio.gui.canvas.view import CanvasView

SIZE = (260, 180)  # pixels
MARGIN = 12  # from the viewport's corner
INSET = 6  # between the minimap's border and its picture
LEAST_AREA = 10.0  # pixels: the area in view is drawn at least this wide and high


class Minimap(QWidget):
    """An overview over a canvas view's bottom-right corner."""

    def __init__(self, view: CanvasView, semantic: SemanticZoom) -> None:
        super().__init__(view)
        self.view, self.semantic = view, semantic
        self.setObjectName("minimap")
        self.setFixedSize(*SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole design: click or drag to move the view there")
        self.bounds = QRectF()  # the scene rect the minimap shows
        self._picture: QPixmap | None = None
        semantic.folding_changed.connect(self._follow_folding)
        self.hide()

    def set_shown(self, on: bool) -> None:
        self.semantic.overview_shown = on
        self.setVisible(on)
        if on:
            self.semantic.current()
            self.place()
            self.raise_()

    def place(self) -> None:
        """In the viewport's bottom-right corner (clear of the scroll bars)."""
        area = self.view.viewport().geometry()
        self.move(
            area.right() + 1 - self.width() - MARGIN, area.bottom() + 1 - self.height() - MARGIN
        )

    def _follow_folding(self) -> None:
        """A new folding: the whole design's bounds, and a picture to draw again."""
        bounds = QRectF()
        for block in self.semantic.scene.blocks.values():
            bounds = bounds.united(block.rect())
        self.bounds = bounds.adjusted(-200, -200, 200, 200) if not bounds.isEmpty() else bounds
        self._picture = None
        self.update()

    # -- between the minimap and the scene --------------------------------------------

    def to_map(self) -> QTransform:
        """Scene coordinates to the minimap's pixels: ``bounds`` fitted, centred."""
        area = QRectF(self.rect()).adjusted(INSET, INSET, -INSET, -INSET)
        bounds = self.bounds
        if bounds.isEmpty():
            return QTransform()
        scale = min(area.width() / bounds.width(), area.height() / bounds.height())
        dx = area.left() + (area.width() - bounds.width() * scale) / 2 - bounds.left() * scale
        dy = area.top() + (area.height() - bounds.height() * scale) / 2 - bounds.top() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def scene_point(self, pixel: QPointF) -> QPointF:
        inverted, invertible = self.to_map().inverted()
        return inverted.map(pixel) if invertible else QPointF()

    # -- painting ---------------------------------------------------------------------

    def _draw_picture(self) -> QPixmap:
        """The folded picture fitted into the minimap, without texts."""
        fold = self.semantic.scene
        ratio = self.devicePixelRatioF()
        picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self.to_map())
        faint = QColor(fold.colours.edge)
        faint.setAlpha(90)
        link = QPen(faint, 0)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(link)
        painter.drawLines([QLineF(line.start, line.end) for line in fold.drawn_bundles()])
        for block in sorted(fold.blocks.values(), key=lambda item: item.zValue()):
            border = QPen(block.accent, 0)
            painter.setPen(border)
            painter.setBrush(block.fill)
            painter.drawRect(block.rect())
        painter.end()
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._picture is None:
            self._picture = self._draw_picture()
        colours = self.semantic.scene.colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colours.node_border, 1))
        painter.setBrush(colours.background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.drawPixmap(0, 0, self._picture)
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        shown = self.to_map().mapRect(visible)
        grow = max(LEAST_AREA - shown.width(), LEAST_AREA - shown.height(), 0.0) / 2
        shown = shown.adjusted(-grow, -grow, grow, grow)  # visible even zoomed far in
        shown = shown.intersected(QRectF(self.rect()).adjusted(2, 2, -2, -2))
        if not shown.isEmpty():
            fill = QColor(colours.selection)
            fill.setAlpha(40)
            painter.setPen(QPen(colours.selection, 2))
            painter.setBrush(fill)
            painter.drawRect(shown)
        painter.end()

    # -- moving the view --------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
        event.accept()

    def _centre_at(self, pixel: QPointF) -> None:
        self.view.centerOn(self.scene_point(pixel))
        self.update()
