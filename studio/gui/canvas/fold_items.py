"""The items of the folded picture (``fold_scene``): blocks, bundles and their labels.

A block is a tinted area over where its members are. A bundle is a line from one block to
another, as wide as the logarithm of its link count, with an arrowhead; all bundles are drawn
by one ``BundleLayer``. A block's name and
counts, and a bundle's count, are ``ScreenText``: pills that keep their size in pixels at
any zoom (``ItemIgnoresTransformations``). They are not children of what they label: a child
is stacked with its parent, under any block drawn after it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from studio.gui import theme
from studio.layout.folding import Block, Bundle

TITLE_FONT = QFont()
TITLE_FONT.setPointSizeF(9)
TITLE_FONT.setBold(True)
CAPTION_FONT = QFont()
CAPTION_FONT.setPointSizeF(7.5)
COUNT_FONT = QFont()
COUNT_FONT.setPointSizeF(7)
COUNT_FONT.setBold(True)
PAD_X, PAD_Y = 8.0, 3.0  # pixels around a label's text
ARROW = 7.0  # pixels
REACH = 600.0  # scene units around a bundle's line that its arrowhead may cover (2 % zoom)
SIDE_SHIFT = 3.0  # pixels a bundle is drawn to its right: A -> B beside B -> A


def block_accent(block: Block, protocols: dict[str, str]) -> QColor:
    """A broker block in its protocol's colour, an owner's applications in a service's."""
    if block.kind == "broker":
        return theme.protocol_accent(protocols.get(block.id, ""))
    return theme.KIND_ACCENTS["service"]


class ScreenText(QGraphicsItem):
    """Lines of text in a pill that keeps its size in pixels, centred on its position.

    Drawn once into a pixmap (at the screen's pixel density) and blitted after: laying out
    its texts again on every paint is most of what a label costs. Qt's own item caches do
    not fit: the device cache is redrawn whenever the label lands on another fraction of a
    pixel, the item cache is drawn at the wrong size for an item that ignores the zoom.
    """

    def __init__(self, lines: list[tuple[str, QFont, QColor]]) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.lines = lines
        sizes = [QFontMetricsF(font).size(0, text) for text, font, _ in lines]
        width = math.ceil(max(size.width() for size in sizes) + 2 * PAD_X)
        height = math.ceil(sum(size.height() for size in sizes) + 2 * PAD_Y)
        self.box = QRectF(-(width // 2), -(height // 2), width, height)
        self.heights = [size.height() for size in sizes]
        self.fill = QBrush(QColor(255, 255, 255))
        self.border = QPen(Qt.PenStyle.NoPen)
        self._pixmap: QPixmap | None = None

    def text(self) -> str:
        return "\n".join(text for text, _, _ in self.lines)

    def boundingRect(self) -> QRectF:
        return self.box

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.drawPixmap(self.box.topLeft(), self.pixmap(painter.device().devicePixelRatioF()))

    def drawn(self, ratio: float) -> bool:
        """Whether the pixmap for a screen of pixel density ``ratio`` is drawn already."""
        return self._pixmap is not None and self._pixmap.devicePixelRatioF() == ratio

    def pixmap(self, ratio: float) -> QPixmap:
        """The label drawn for a screen of pixel density ``ratio`` (drawn now if not yet)."""
        if self._pixmap is None or self._pixmap.devicePixelRatioF() != ratio:
            self._pixmap = self._draw(ratio)
        return self._pixmap

    def _draw(self, ratio: float) -> QPixmap:
        box = self.box.translated(-self.box.topLeft())
        pixmap = QPixmap(round(box.width() * ratio), round(box.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self.border)
        painter.setBrush(self.fill)
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        top = PAD_Y
        for (text, font, colour), height in zip(self.lines, self.heights, strict=True):
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(
                QRectF(0, top, box.width(), height), Qt.AlignmentFlag.AlignCenter, text
            )
            top += height
        painter.end()
        return pixmap


class BlockItem(QGraphicsRectItem):
    """One block: an area over where its members are, tinted by its accent, labelled in
    its middle with its name and what it holds ("12 applications, 30 endpoints"). Painted
    by Qt itself (a rect item): a Python ``paint`` costs a call per block per frame."""

    def __init__(
        self, block: Block, holds: str, accent: QColor, colours: theme.CanvasColours
    ) -> None:
        x, y, w, h = block.rect
        super().__init__(x, y, w, h)
        self.block = block
        self.accent = accent
        # the tint mixed with the canvas once: an opaque fill is a plain copy of pixels, a
        # translucent one blends each (a hundred blocks across the view took 60 ms a frame)
        self.fill = QBrush(_tint(accent, colours.background, 40 if block.kind == "broker" else 28))
        self.setBrush(self.fill)
        self.border = QPen(accent, 1.5)
        self.border.setCosmetic(True)  # one width in pixels at every zoom
        self.chosen_border = QPen(colours.selection, 3)
        self.chosen_border.setCosmetic(True)
        self.setPen(self.border)
        self.setZValue(0 if block.kind == "broker" else 1)  # owners' blocks over brokers'
        self.setToolTip(f"{block.label}\n{holds}\nDouble-click to zoom in")
        self.label = ScreenText(
            [(block.label, TITLE_FONT, colours.text), (holds, CAPTION_FONT, colours.muted_text)]
        )
        label_fill = QColor(colours.node_fill)
        label_fill.setAlpha(235)
        self.label.fill = QBrush(label_fill)
        self.label.border = QPen(accent, 1.2)
        self.label.setPos(self.rect().center())
        self.label.setZValue(4)

    def show_chosen(self, chosen: bool) -> None:
        """Outline the block in the selection colour (a click chose it)."""
        self.setPen(self.chosen_border if chosen else self.border)


def _tint(accent: QColor, background: QColor, alpha: int) -> QColor:
    """``accent`` at ``alpha`` (of 255) over ``background``, as one opaque colour."""
    share = alpha / 255
    return QColor.fromRgbF(
        *(
            a * share + b * (1 - share)
            for a, b in zip(
                (accent.redF(), accent.greenF(), accent.blueF()),
                (background.redF(), background.greenF(), background.blueF()),
                strict=True,
            )
        )
    )


class BundleLine:
    """One bundle: the links from one block to another, as a straight line between the
    blocks' borders, and the label with their count (made when the bundle is first drawn:
    a big design has thousands of bundles, and most are never drawn)."""

    def __init__(
        self, bundle: Bundle, source: BlockItem, target: BlockItem, colours: theme.CanvasColours
    ) -> None:
        self.bundle = bundle
        self.start, self.end = _bundle_ends(source.rect(), target.rect())
        self.scene_ends = ((self.start.x(), self.start.y()), (self.end.x(), self.end.y()))
        length = QLineF(self.start, self.end).length() or 1.0
        delta = self.end - self.start
        self.direction = (delta.x() / length, delta.y() / length)
        self.width = round(bundle_width(bundle.count))
        # what paint needs besides the zoom, worked out once: the 3-pixel shift to the
        # line's right (y grows down) and the arrowhead's two barbs, from its tip, in pixels
        ux, uy = self.direction
        back_x, back_y = -ux * ARROW * 1.6, -uy * ARROW * 1.6
        side_x, side_y = -uy * ARROW * 0.7, ux * ARROW * 0.7
        self.pixel_offsets = (
            -uy * SIDE_SHIFT,
            ux * SIDE_SHIFT,
            back_x + side_x,
            back_y + side_y,
            back_x - side_x,
            back_y - side_y,
        )
        self.tooltip = (
            f"{bundle.count} link{'s' if bundle.count != 1 else ''}: "
            f"{source.block.label} → {target.block.label}"
        )
        self.colours = colours
        self._count: ScreenText | None = None

    @property
    def count(self) -> ScreenText:
        """The label with the count, in the middle of the line (not yet in a scene)."""
        if self._count is None:
            self._count = ScreenText([(str(self.bundle.count), COUNT_FONT, self.colours.text)])
            self._count.setPos((self.start + self.end) / 2)
            self._count.setZValue(3)
            self._count.setVisible(False)  # until given room
        return self._count

    def distance_to(self, point: QPointF) -> float:
        """How far ``point`` is from the line, in scene units."""
        line = QLineF(self.start, self.end)
        if line.length() == 0:
            return QLineF(self.start, point).length()
        along = QPointF.dotProduct(point - self.start, self.end - self.start) / line.length() ** 2
        nearest = self.start + (self.end - self.start) * min(1.0, max(0.0, along))
        return QLineF(nearest, point).length()


class BundleLayer(QGraphicsItem):
    """The bundles drawn, all in one item.

    Why one item and straight lines: stroking is what the folded picture costs. Measured on
    this machine, 250 bundles as items of their own took 9 ms in per-item overhead alone and
    100 ms stroked as antialiased curves; as straight lines in one ``drawLines`` per width,
    without antialiasing, about 10 ms. The lines are mapped to pixels in ``paint`` (their
    widths, arrowheads and the 3-pixel offset that keeps A -> B beside B -> A do not zoom).
    """

    def __init__(self, colours: theme.CanvasColours) -> None:
        super().__init__()
        self.colours = colours
        self.drawn: list[BundleLine] = []
        self._bounds = QRectF()
        self._pixel_key: tuple[float, float, float] | None = None
        self._pixels: list[tuple[int, list[QLineF]]] = []
        self.setZValue(2)

    def set_drawn(self, drawn: list[BundleLine]) -> None:
        self.prepareGeometryChange()
        self.drawn = drawn
        self._pixel_key = None
        bounds = QRectF()
        for line in drawn:
            bounds = bounds.united(QRectF(line.start, line.end).normalized())
        self._bounds = bounds.adjusted(-REACH, -REACH, REACH, REACH)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def line_near(self, point: QPointF, reach: float) -> BundleLine | None:
        """The drawn bundle nearest ``point`` within ``reach`` scene units."""
        near = [(line.distance_to(point), n, line) for n, line in enumerate(self.drawn)]
        found = min((d, n, line) for d, n, line in near if d <= reach) if near else None
        return found[2] if found else None

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        to_pixels = painter.worldTransform()  # a plain zoom: the view allows no other
        painter.save()
        painter.resetTransform()  # widths and arrowheads in pixels, whatever the zoom
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for width, lines in self._pixel_lines(to_pixels.m11(), to_pixels.dx(), to_pixels.dy()):
            colour = QColor(self.colours.edge)
            colour.setAlpha(40 + 30 * width)  # a bundle of one or two links is faint
            painter.setPen(QPen(colour, width))
            painter.drawLines(lines)
        painter.restore()

    def _pixel_lines(self, scale: float, dx: float, dy: float) -> list[tuple[int, list[QLineF]]]:
        """The lines in pixels at this zoom and scroll, by width, the thinnest first.

        Kept until the zoom, the scroll or the bundles change: a tooltip or a click repaints
        at the same place. Made from plain floats: building them from ``QPointF`` sums was
        three times what drawing them costs (150 bundles: 3.5 ms, then 1 ms to draw).
        """
        key = (scale, dx, dy)
        if self._pixel_key == key:
            return self._pixels
        by_width: dict[int, list[QLineF]] = {}
        for line in self.drawn:
            (sx, sy), (ex, ey) = line.scene_ends
            rx, ry, ax, ay, bx, by = line.pixel_offsets
            x0, y0 = sx * scale + dx + rx, sy * scale + dy + ry
            x1, y1 = ex * scale + dx + rx, ey * scale + dy + ry
            by_width.setdefault(line.width, []).extend(
                (
                    QLineF(x0, y0, x1, y1),
                    QLineF(x1 + ax, y1 + ay, x1, y1),
                    QLineF(x1 + bx, y1 + by, x1, y1),
                )
            )
        self._pixel_key, self._pixels = key, sorted(by_width.items())
        return self._pixels


def bundle_width(count: int) -> float:
    """A bundle's width in pixels: 1 for one link, growing with the logarithm of the count."""
    return min(1.0 + math.log2(count), 4.0)


def _bundle_ends(source: QRectF, target: QRectF) -> tuple[QPointF, QPointF]:
    """Where the line between two blocks' middles leaves the one and enters the other."""
    line = QLineF(source.center(), target.center())
    return _exit_point(source, line), _exit_point(target, QLineF(line.p2(), line.p1()))


def _exit_point(rect: QRectF, line: QLineF) -> QPointF:
    """Where ``line``, starting inside ``rect``, crosses its border (its start if never)."""
    corners = [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        kind, point = line.intersects(QLineF(a, b))
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return point
    return line.p1()
