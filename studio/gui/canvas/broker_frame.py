"""The graphics item of a broker: a frame around its topics, titled with its name and host.

The frame is not placed by the user: the scene fits it around the broker's topics whenever
one moves (``set_frame``), with the margins ``studio.layout.geometry`` gives diagrams. Only
its title bar is clickable, so the topics inside stay easy to grab.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from studio.gui import theme
from studio.gui.canvas.labels import fit_label
from studio.gui.canvas.node_looks import SMALL_FONT, Look
from studio.gui.canvas.nodes import NodeItem, shows_detail
from studio.gui.icons import draw_glyph
from studio.layout.geometry import FRAME_BOTTOM, FRAME_SIDE, FRAME_TOP
from studio.model import Broker, Element


class BrokerFrameItem(NodeItem):
    """A frame around the topics of one broker; its header says the broker's name, and
    below it the host (or the protocol), on two lines so that both fit a frame one topic
    wide: a name and a host in one line did not, even at the sample's sizes."""

    movable = False
    starts_connections = False
    corner = 12.0

    def __init__(self, element: Element, colours: theme.CanvasColours) -> None:
        super().__init__(element, colours)
        self.setZValue(0)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # frames are large; cache little

    def set_element(self, element: Element) -> None:
        assert isinstance(element, Broker)
        self.full_title = f"{element.name or element.id}  ·  {element.protocol}" + (
            f"  ·  {element.host}" if element.host else ""
        )
        self.name_text = element.name or element.id
        self.detail_text = element.host or element.protocol
        self.protocol = element.protocol
        self._fit_header()
        super().set_element(element)

    def tooltip(self, element: Element) -> str:
        return f"{self.full_title}\nbroker {element.id}"

    def _fit_header(self) -> None:
        """The header's two lines fitted to the frame's width, and the title bar as the only
        part that is clicked (so that the topics inside stay easy to grab)."""
        width = self.size.width() - 40
        self.title_label = fit_label(self.name_text, SMALL_FONT, QRectF(32, 1, width, 12))
        self.detail_label = fit_label(self.detail_text, SMALL_FONT, QRectF(32, 12, width, 12))
        self.labels = (self.title_label, self.detail_label)
        self.body = QPainterPath()
        self.body.addRect(QRectF(0, 0, self.size.width(), 30))

    def set_frame(self, rect: QRectF) -> None:
        """Fit the frame around ``rect`` (scene coordinates of its topics), with the margins
        diagrams draw too (``studio.layout.geometry``)."""
        self.setPos(rect.topLeft() - QPointF(FRAME_SIDE, FRAME_TOP))
        self.size = QRectF(
            0, 0, rect.width() + 2 * FRAME_SIDE, rect.height() + FRAME_TOP + FRAME_BOTTOM
        )
        self._fit_header()
        self.update()

    def bounds_of(self, size: QRectF) -> QRectF:
        return size.adjusted(-2, -2, 2, 2)

    def pens(self, paint_look: Look) -> tuple[QPen, QPen, QBrush]:
        return paint_look.frame_border, paint_look.frame_selected_border, paint_look.frame_fill

    def paint_body(self, painter: QPainter, lod: float) -> None:
        painter.drawRoundedRect(self.size, self.corner, self.corner)
        if not shows_detail(lod):
            return
        draw_glyph(
            painter,
            "broker",
            QRectF(10, 4, 16, 16),
            theme.PROTOCOL_ACCENTS.get(self.protocol, self.colours.muted_text),
        )
        self.draw_texts(painter, lod, self.title_label, self.detail_label)
