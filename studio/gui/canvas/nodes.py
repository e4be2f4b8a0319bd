"""Graphics items for elements: applications, datastores, topics, endpoints and notes.

Items only paint and report intent (STYLE.md habit 3). Everything they draw is prepared in
``set_element`` (texts, shapes), so ``paint`` does no layout work; when zoomed far out they
paint a plain silhouette (level of detail), which keeps repainting a 5,000-element view fast.
Boxes grow with their texts by the Qt-free rules of ``studio.layout.node_sizes`` (which the
layout engines use too); each text is a ``Label`` (``labels``), elided in the middle when the
box cannot grow further, and drawn whole when the zoom makes room.
The scene follows their moves (links, docked endpoints) and turns a finished drag into one
undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.gui import theme
from studio.gui.canvas.labels import Label, fit_label, fit_wrapped, metrics
from studio.gui.canvas.node_looks import SMALL_FONT as _SMALL_FONT
from studio.gui.canvas.node_looks import TAG_FONT as _TAG_FONT
from studio.gui.canvas.node_looks import TITLE_FONT as _TITLE_FONT
from studio.gui.canvas.node_looks import Look, app_stripe, look, outline
from studio.gui.icons import draw_glyph
from studio.layout import node_sizes as sizes
from studio.model import Application, Element, Endpoint, Note, Topic

# re-exported: the scene docks endpoints and places notes by these
APP_SIZE, ENDPOINT_SIZE, NOTE_SIZE = sizes.APP_SIZE, sizes.ENDPOINT_SIZE, sizes.NOTE_SIZE
PORT_RADIUS = 6.0
DETAIL_THRESHOLD = 0.35  # below this zoom, items paint silhouettes without text

# Flags combined once: thousands of items are made per open. No ItemSendsGeometryChanges
# and no itemChange override: that costs a Python call for every flag, position and scene
# change of every item; the scene moves links along itself (``node_geometry_changed``).
_MOVABLE = QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
)
_MOVABLE_FLAGS = _FLAGS | _MOVABLE
# enum members looked up once: paint() runs for thousands of items after every zoom
_SELECTED = QStyle.StateFlag.State_Selected
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_PEN = Qt.PenStyle.NoPen
_TAG_TEXT = theme.BADGE_TEXT

_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def shows_detail(level_of_detail: float) -> bool:
    """Whether items drawn at this scale show texts, icons and ports, or a silhouette only
    (text under about 3 pixels is unreadable, and drawing it is most of an item's cost)."""
    return level_of_detail >= DETAIL_THRESHOLD


class NodeItem(QGraphicsItem):
    """Base of every element item: identity, selection look, problem mark, connect port."""

    movable = True
    starts_connections = True
    # what is clicked, when not the rounded box: a cylinder, a pipe, a frame's title bar
    body: QPainterPath | None = None
    corner = 10.0  # the rounded box's corner radius

    def __init__(self, element: Element, colours: theme.CanvasColours) -> None:
        super().__init__()
        self.element_id = element.id
        self.colours = colours
        self.labels: tuple[Label, ...] = ()  # every text drawn, as fitted into the box
        self.problem: str | None = None  # seen by the scene itself (unknown references)
        self.finding_severity: str | None = None  # from validation: error, warning, info
        self._base_tooltip = ""
        self.read_only = False
        self._hovered = False
        self.setFlags(_MOVABLE_FLAGS if self.movable else _FLAGS)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(2)
        self.size = QRectF(0, 0, *APP_SIZE)
        self.set_element(element)

    # -- model -> item ----------------------------------------------------------------

    def set_element(self, element: Element) -> None:
        """Take new data from the model; subclasses prepare their texts here."""
        self.element_id = element.id
        self._base_tooltip = self.tooltip(element)
        self._finding_lines: list[str] = getattr(self, "_finding_lines", [])
        self._refresh_tooltip()
        self.update()

    def _refresh_tooltip(self) -> None:
        lines = [self._base_tooltip]
        if self.problem:
            lines.append(f"\u26a0 {self.problem}")
        lines += self._finding_lines
        self.setToolTip("\n".join(lines))

    def tooltip(self, element: Element) -> str:
        name = getattr(element, "name", None)
        return f"{name} ({element.id})" if name else element.id

    def set_problem(self, problem: str | None) -> None:
        if problem != self.problem:
            self.problem = problem
            self._refresh_tooltip()
            self.update()

    def set_findings(self, severity: str | None, lines: list[str]) -> None:
        """Validation findings about this element: the corner mark and tooltip lines."""
        if severity != self.finding_severity or lines != self._finding_lines:
            self.finding_severity = severity
            self._finding_lines = lines
            self._refresh_tooltip()
            self.update()

    def set_read_only(self, read_only: bool) -> None:
        if read_only == self.read_only:
            return
        self.read_only = read_only
        self.setFlag(_MOVABLE, self.movable and not read_only)

    # -- geometry ---------------------------------------------------------------------

    @property
    def size(self) -> QRectF:
        """The element's box in item coordinates (without port, badges and marks)."""
        return self._size

    @size.setter
    def size(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._size = rect
        centre = rect.center()
        # where links attach, as plain numbers: ten thousand edges read them when built
        self.anchors = (rect.left(), rect.right(), centre.y(), centre.x())
        # boundingRect runs for every item on every repaint: answer it without arithmetic
        self._bounds = self.bounds_of(rect)

    def bounds_of(self, size: QRectF) -> QRectF:
        """The bounding rect of an item whose box is ``size``."""
        margin = PORT_RADIUS + 3
        return size.adjusted(-4, -10, margin, 4)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """The outline (``body`` when a subclass sets one) plus the port, if it has one."""
        path = QPainterPath(self.body) if self.body is not None else QPainterPath()
        if self.body is None:
            path.addRoundedRect(self.size, self.corner, self.corner)
        if self.starts_connections:
            path.addEllipse(self.port_centre(), PORT_RADIUS + 2, PORT_RADIUS + 2)
        return path

    def port_centre(self) -> QPointF:
        """Where a connection drag starts: the middle of the right edge."""
        return QPointF(self.size.right(), self.size.center().y())

    def side_anchor(self, right: bool) -> QPointF:
        """Scene point in the middle of the right (or left) edge, where links attach."""
        r = self.size
        return self.mapToScene(QPointF(r.right() if right else r.left(), r.center().y()))

    def scene_centre(self) -> QPointF:
        return self.mapToScene(self.size.center())

    def is_on_port(self, scene_pos: QPointF) -> bool:
        local = self.mapFromScene(scene_pos)
        delta = local - self.port_centre()
        return (delta.x() ** 2 + delta.y() ** 2) <= (PORT_RADIUS + 3) ** 2

    # -- events -----------------------------------------------------------------------

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    # -- painting ---------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        selected = bool(option.state & _SELECTED)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        paint_look = look(self.colours)
        border, selected_border, fill = self.pens(paint_look)
        painter.setRenderHint(_ANTIALIASING)
        painter.setPen(selected_border if selected else border)
        painter.setBrush(fill)
        detailed = shows_detail(lod)
        self.paint_body(painter, lod)
        if self.problem or self.finding_severity in ("error", "warning"):
            self._paint_problem(painter)
        if (
            (self._hovered or selected)
            and self.starts_connections
            and not self.read_only
            and detailed
        ):
            painter.setPen(paint_look.port)
            painter.setBrush(paint_look.fill)
            painter.drawEllipse(self.port_centre(), PORT_RADIUS, PORT_RADIUS)
            port = self.port_centre()
            painter.drawLine(port + QPointF(-3, 0), port + QPointF(3, 0))
            painter.drawLine(port + QPointF(0, -3), port + QPointF(0, 3))

    def pens(self, paint_look: Look) -> tuple[QPen, QPen, QBrush]:
        """The border, the border when selected, and the fill of this kind of item."""
        return paint_look.border, paint_look.selected_border, paint_look.fill

    def paint_body(self, painter: QPainter, lod: float) -> None:
        """The element's own look at level of detail ``lod`` (texts only where readable)."""
        painter.drawRoundedRect(self.size, self.corner, self.corner)

    def draw_shell(self, painter: QPainter, rim: QPainterPath, rim_pen: QPen | None = None) -> None:
        """The ``body`` filled, then its ``rim`` (a pipe's open end, a cylinder's lid) over
        it unfilled, with ``rim_pen`` or the border's pen."""
        assert self.body is not None
        painter.drawPath(self.body)
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if rim_pen is not None:
            painter.setPen(rim_pen)
        painter.drawPath(rim)
        painter.restore()

    def draw_texts(self, painter: QPainter, lod: float, main: Label, detail: Label) -> None:
        """The item's main text, and its detail line in the muted colour."""
        painter.setPen(self.colours.text)
        main.draw(painter, lod)
        painter.setPen(self.colours.muted_text)
        detail.draw(painter, lod)

    def _paint_problem(self, painter: QPainter) -> None:
        corner = QPainterPath()
        r = self.size
        corner.moveTo(r.right() - 16, r.top())
        corner.lineTo(r.right(), r.top())
        corner.lineTo(r.right(), r.top() + 16)
        corner.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        error = self.problem or self.finding_severity == "error"
        painter.setBrush(theme.PROBLEM if error else theme.WARNING)
        painter.drawPath(corner)


class ApplicationItem(NodeItem):
    """A rounded box with the kind's icon; an evented API carries a bell badge."""

    def set_element(self, element: Element) -> None:
        assert isinstance(element, Application)
        self.kind = element.kind
        self.evented = element.webhooks is not None
        self.accent = theme.KIND_ACCENTS.get(element.kind, theme.KIND_ACCENTS["service"])
        self.size = QRectF(0, 0, *sizes.application_size(element))  # prepares the change
        self.stripe = app_stripe(self.size)
        left, right = sizes.APP_TEXT
        room = self.size.width() - left - right
        self.title_label = fit_label(
            element.name or element.id, _TITLE_FONT, QRectF(left, 12, room, 18)
        )
        self.subtitle_label = fit_label(
            sizes.application_subtitle(element), _SMALL_FONT, QRectF(left, 32, room, 16)
        )
        self.labels = (self.title_label, self.subtitle_label)
        super().set_element(element)

    def paint_body(self, painter: QPainter, lod: float) -> None:
        r = self.size
        painter.drawRoundedRect(r, 10, 10)
        painter.setPen(_NO_PEN)
        painter.setBrush(self.accent)
        painter.drawPath(self.stripe)
        if not shows_detail(lod):
            return
        draw_glyph(
            painter, self.kind, QRectF(r.left() + 14, r.center().y() - 12, 24, 24), self.accent
        )
        self.draw_texts(painter, lod, self.title_label, self.subtitle_label)
        if self.evented:
            badge = QRectF(r.right() - 16, r.top() - 8, 22, 22)
            painter.setPen(QPen(theme.WEBHOOK_ACCENT, 1.2))
            painter.setBrush(self.colours.node_fill)
            painter.drawEllipse(badge)
            draw_glyph(painter, "bell", badge.adjusted(4, 4, -4, -4), theme.WEBHOOK_ACCENT)


class DatastoreItem(ApplicationItem):
    """A cylinder: CQRS read models and other stores."""

    def set_element(self, element: Element) -> None:
        super().set_element(element)
        assert isinstance(element, Application)
        left, right = sizes.DATASTORE_TEXT
        room = self.size.width() - left - right
        self.title_label = fit_label(
            element.name or element.id, _TITLE_FONT, QRectF(left, 26, room, 18), _CENTRE
        )
        self.subtitle_label = fit_label(
            "datastore", _SMALL_FONT, QRectF(left, 46, room, 16), _CENTRE
        )
        self.labels = (self.title_label, self.subtitle_label)
        self.cylinder, self.lid = outline("datastore", self.size)
        self.body = self.cylinder

    def paint_body(self, painter: QPainter, lod: float) -> None:
        self.draw_shell(painter, self.lid, QPen(self.accent, 1.6))
        if shows_detail(lod):
            self.draw_texts(painter, lod, self.title_label, self.subtitle_label)


class TopicItem(NodeItem):
    """A pipe showing the address, with a protocol tag."""

    def __init__(self, element: Element, colours: theme.CanvasColours, protocol: str) -> None:
        super().__init__(element, colours)
        self.set_protocol(protocol)

    def set_protocol(self, protocol: str) -> None:
        """The broker's protocol, shown as a coloured tag (measured here, not in paint)."""
        self.protocol = protocol
        self.tag = protocol.upper()
        width = metrics(_TAG_FONT).horizontalAdvance(self.tag) + 10
        self.tag_pill = QRectF(self.size.left() + 14, self.size.top() - 8, width, 14)
        self.tag_colour = theme.protocol_accent(protocol)
        self.update()

    def set_element(self, element: Element) -> None:
        assert isinstance(element, Topic)
        self.size = QRectF(0, 0, *sizes.topic_size(element))
        self.pipe, self.end = outline("topic", self.size)
        self.body = self.pipe
        left, right = sizes.TOPIC_TEXT
        room = self.size.width() - left - right
        self.address_label = fit_label(element.address, _TITLE_FONT, QRectF(left, 7, room, 18))
        self.detail_label = fit_label(
            sizes.topic_detail(element), _SMALL_FONT, QRectF(left, 25, room, 16)
        )
        self.labels = (self.address_label, self.detail_label)
        super().set_element(element)

    def tooltip(self, element: Element) -> str:
        assert isinstance(element, Topic)
        return f"{element.address}\ntopic {element.id}" + (
            f" on {element.broker}" if element.broker else ""
        )

    def paint_body(self, painter: QPainter, lod: float) -> None:
        self.draw_shell(painter, self.end)
        if not shows_detail(lod):
            return
        self.draw_texts(painter, lod, self.address_label, self.detail_label)
        painter.setPen(_NO_PEN)
        painter.setBrush(self.tag_colour)
        painter.drawRoundedRect(self.tag_pill, 7, 7)
        painter.setPen(_TAG_TEXT)
        painter.setFont(_TAG_FONT)
        painter.drawText(self.tag_pill, Qt.AlignmentFlag.AlignCenter, self.tag)


class EndpointItem(NodeItem):
    """A small tab docked under its provider, with the HTTP method as a coloured badge."""

    movable = False
    starts_connections = False
    corner = 6.0

    def set_element(self, element: Element) -> None:
        assert isinstance(element, Endpoint)
        self.size = QRectF(0, 0, *sizes.endpoint_size(element))
        self.method = element.method
        left, right = sizes.ENDPOINT_TEXT
        self.path_label = fit_label(
            element.path,
            _SMALL_FONT,
            QRectF(left, 0, self.size.width() - left - right, self.size.height()),
        )
        self.labels = (self.path_label,)
        self.provider = element.provider
        super().set_element(element)

    def tooltip(self, element: Element) -> str:
        assert isinstance(element, Endpoint)
        return f"{element.method} {element.path}\nendpoint {element.id}" + (
            f": {element.summary}" if element.summary else ""
        )

    def pens(self, paint_look: Look) -> tuple[QPen, QPen, QBrush]:
        return paint_look.tab_border, paint_look.tab_selected_border, paint_look.fill

    def paint_body(self, painter: QPainter, lod: float) -> None:
        super().paint_body(painter, lod)
        r = self.size
        badge = QRectF(r.left() + 3, r.top() + 3, 48, r.height() - 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.method_colour(self.method))
        painter.drawRoundedRect(badge, 4, 4)
        if not shows_detail(lod):
            return
        painter.setPen(_TAG_TEXT)
        painter.setFont(_TAG_FONT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.method)
        painter.setPen(self.colours.text)
        self.path_label.draw(painter, lod)


class NoteItem(NodeItem):
    """A sticky note with its text; pinned notes are linked to their element."""

    def set_element(self, element: Element) -> None:
        assert isinstance(element, Note)
        self.size = QRectF(0, 0, *NOTE_SIZE)
        width, height = NOTE_SIZE
        header = (element.author or "") + ("  ✓ resolved" if element.resolved else "")
        self.header_label = fit_label(
            header, _SMALL_FONT, QRectF(8, 4, width - 16, 14), int(Qt.AlignmentFlag.AlignLeft)
        )
        self.text_label = fit_wrapped(
            element.text, _SMALL_FONT, QRectF(8, 20, width - 16, height - 24)
        )
        self.labels = (self.header_label, self.text_label)
        super().set_element(element)

    def tooltip(self, element: Element) -> str:
        assert isinstance(element, Note)
        return f"{element.author or 'note'}: {element.text}"

    def paint_body(self, painter: QPainter, lod: float) -> None:
        r = self.size
        painter.setBrush(self.colours.note_fill)
        painter.drawRect(r)
        if not shows_detail(lod):
            return
        painter.setPen(self.colours.muted_text)
        self.header_label.draw(painter, lod)
        painter.setPen(self.colours.text)
        self.text_label.draw(painter, lod)
