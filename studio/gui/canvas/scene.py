"""The canvas scene: mirrors the Document as items and turns the user's gestures into commands.

The scene never edits the model directly. It listens to ``Document.changed`` (an element
added -> an item added) and sends every gesture through ``push`` as one command: a finished
drag of a selection is one ``MoveElements``; a drag from an element's port to another element
is a connection (or a refusal with its reason); a palette drop adds an element.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from studio.edit import Command, MoveElements, Refusal, connect
from studio.edit.links import Link, link_owner, owned_links, webhook_deliveries
from studio.edit.palette import drop_from_palette
from studio.edit.references import references_of, referrers
from studio.gui import theme
from studio.gui.canvas import connect_snap
from studio.gui.canvas.edges import EdgeItem, hairline_at
from studio.gui.canvas.nodes import (
    ENDPOINT_SIZE,
    NOTE_SIZE,
    ApplicationItem,
    BrokerFrameItem,
    DatastoreItem,
    EndpointItem,
    NodeItem,
    NoteItem,
    TopicItem,
)
from studio.gui.canvas.rename_editor import on_label
from studio.model import (
    Application,
    Broker,
    Change,
    Document,
    DocumentReset,
    Element,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    Endpoint,
    Note,
    Position,
    PositionChanged,
    Topic,
)
from studio.validate.findings import Finding

GRID = 10
# Qt sizes its BSP index by item count (depth 14 for a 5,000-element mesh: 16,384 cells), and
# puts every item in each cell it overlaps. A link across the canvas then sits in thousands of
# cells, and moving or restyling it walks them all: restyling ten thousand links took 17 s
# at depth 14 and 0.2 s at depth 6, while finding items got no slower.
BSP_DEPTH = 6
GRID_MIN_ZOOM = 0.3  # below this the grid's lines would be closer than 12 pixels: not drawn
COLUMN_X = {"producer": 40, "topic": 360, "consumer": 700, "other": 1040}
ROW_STEP = 110


class MeshScene(QGraphicsScene):
    """Items for one Document; gestures become commands sent to ``push``."""

    connection_refused = Signal(str)
    element_activated = Signal(str)
    rebuilt = Signal()  # every item was made anew (open, reload, theme): decorations redo theirs
    rename_requested = Signal(str)  # a double-click on an element's label

    def __init__(self, doc: Document, push: Callable[[Command], None],
                 colours: theme.CanvasColours = theme.LIGHT, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.setBspTreeDepth(BSP_DEPTH)
        self.doc = doc
        self.push = push
        self.colours = colours
        self.read_only = False
        self.snap = True
        self.nodes: dict[str, NodeItem] = {}
        self.frames: dict[str, BrokerFrameItem] = {}
        self._edges_by_owner: dict[str, list[EdgeItem]] = defaultdict(list)
        self._edges_by_node: dict[str, set[EdgeItem]] = defaultdict(set)
        self._fallback_rows: dict[str, int] = defaultdict(int)
        self._drag_start: dict[str, QPointF] = {}
        self._building = False
        self._dirty_frames: set[str] = set()
        self._connect_from: NodeItem | None = None
        self._rubber_line: QGraphicsPathItem | None = None
        self._connect_by_click = False  # Connect to…: the next click ends the connection
        self._hairline = True  # links drawn thin until a view says it shows them at 100 %
        self.show_grid = True
        self.setBackgroundBrush(colours.background)
        doc.changed.connect(self._on_change)
        self._highlighted: list[EdgeItem] = []
        self.selectionChanged.connect(self._highlight_selected_edges)
        self.rebuild()

    def detach(self) -> None:
        """Stop following the document (a scene about to be dropped)."""
        self.doc.changed.disconnect(self._on_change)

    # -- building ---------------------------------------------------------------------

    def rebuild(self) -> None:
        """Drop every item and mirror the whole document again (open, reload)."""
        self._highlighted = []
        self.clear()
        self.nodes.clear()
        self.frames.clear()
        self._edges_by_owner.clear()
        self._edges_by_node.clear()
        self._fallback_rows.clear()
        self._rubber_line = None
        self._dirty_frames.clear()
        design = self.doc.design
        self._building = True  # items report moves while placed; nothing to follow yet
        try:
            for broker in design.brokers:
                self._add_frame(broker)
            for element in (*design.applications, *design.topics, *design.notes):
                self._add_node(element)
            provided: dict[str, list[Endpoint]] = defaultdict(list)
            for endpoint in design.endpoints:
                self._add_node(endpoint)
                provided[endpoint.provider].append(endpoint)
            for provider, endpoints in provided.items():
                self._dock_endpoints(provider, endpoints)
            for element in (*design.applications, *design.notes):
                self._refresh_links(element)
        finally:
            self._building = False
        for broker in design.brokers:
            self._refit_frame(broker.id)
        for element in design.elements():
            self._mark_problems(element)
        self._update_scene_rect()
        self.rebuilt.emit()

    def _make_item(self, element: Element) -> NodeItem | None:
        if isinstance(element, Application):
            cls = DatastoreItem if element.kind == "datastore" else ApplicationItem
            return cls(element, self.colours)
        if isinstance(element, Topic):
            return TopicItem(element, self.colours, self._protocol_of(element))
        if isinstance(element, Endpoint):
            return EndpointItem(element, self.colours)
        if isinstance(element, Note):
            # a reply is read in its thread (Notes panel), not as a sticky note of its own
            answers_a_note = isinstance(self.doc.get(element.on or ""), Note)
            return None if answers_a_note else NoteItem(element, self.colours)
        return None

    def _protocol_of(self, topic: Topic) -> str:
        broker = self.doc.get(topic.broker) if topic.broker else None
        return broker.protocol if isinstance(broker, Broker) else "?"

    def _add_node(self, element: Element) -> None:
        item = self._make_item(element)
        if item is None:
            return
        item.set_read_only(self.read_only)
        if not isinstance(element, Endpoint):  # placed before it joins: no move to index
            position = self.doc.design.layout.get(element.id)
            item.setPos(QPointF(position.x, position.y) if position
                        else self._fallback_position(element))
        self.addItem(item)
        self.nodes[element.id] = item

    def _add_frame(self, broker: Broker) -> None:
        frame = BrokerFrameItem(broker, self.colours)
        frame.set_read_only(self.read_only)
        self.addItem(frame)
        self.frames[broker.id] = frame

    def _fallback_position(self, element: Element) -> QPointF:
        """Where an element without a saved position is shown (not written to the file)."""
        if isinstance(element, Note):
            return self._note_slot()
        if isinstance(element, Topic):
            column = "topic"
        elif isinstance(element, Application) and element.publishes:
            column = "producer"
        elif isinstance(element, Application) and element.subscribes:
            column = "consumer"
        else:
            column = "other"
        row = self._fallback_rows[column]
        self._fallback_rows[column] += 1
        return QPointF(COLUMN_X[column], 40 + row * ROW_STEP)

    def _note_slot(self) -> QPointF:
        """Unplaced notes line up above the diagram, where they cover nothing."""
        placed = [QPointF(p.x, p.y) for p in self.doc.design.layout.values()]
        top = min((p.y() for p in placed), default=40.0)
        left = min((p.x() for p in placed), default=40.0)
        row = self._fallback_rows["note"]
        self._fallback_rows["note"] += 1
        return QPointF(left + row * (NOTE_SIZE[0] + 20), top - NOTE_SIZE[1] - 60)

    # -- endpoints, frames, problems --------------------------------------------------

    def _dock_endpoints(self, provider_id: str, endpoints: list[Endpoint] | None = None) -> None:
        """Stack a provider's endpoints under it, in file order."""
        provider = self.nodes.get(provider_id)
        if endpoints is None:
            endpoints = [e for e in self.doc.design.endpoints if e.provider == provider_id]
        for index, endpoint in enumerate(endpoints):
            item = self.nodes.get(endpoint.id)
            if item is None:
                continue
            if provider is None:  # orphan: its provider is unknown; show it apart
                item.setPos(self._fallback_position(endpoint))
            else:
                base = provider.pos() + QPointF(8, provider.size.height() + 6)
                item.setPos(base + QPointF(0, index * (ENDPOINT_SIZE[1] + 4)))
            if not self._building:
                for edge in self._edges_by_node.get(endpoint.id, ()):
                    edge.update_path()

    def _refit_frame(self, broker_id: str) -> None:
        frame = self.frames.get(broker_id)
        if frame is None:
            return
        rect = QRectF()
        for topic in self.doc.design.topics:
            item = self.nodes.get(topic.id)
            if topic.broker == broker_id and item is not None:
                rect = rect.united(item.sceneBoundingRect().adjusted(4, 10, -9, -4))
        if rect.isNull():
            position = self.doc.design.layout.get(broker_id)
            origin = (QPointF(position.x, position.y) if position
                      else QPointF(COLUMN_X["topic"], -160))
            rect = QRectF(origin, origin + QPointF(220, 60))
        frame.set_frame(rect)

    def _mark_problems(self, element: Element) -> None:
        item = self.nodes.get(element.id) or self.frames.get(element.id)
        if item is None:
            return
        missing = sorted({ref for ref in references_of(element) if ref not in self.doc})
        item.set_problem(
            f"refers to unknown id{'s' if len(missing) > 1 else ''} "
            + ", ".join(f"'{m}'" for m in missing) if missing else None)

    def mark_findings(self, by_element: dict[str, list[Finding]]) -> None:
        """Show validation findings on the elements they are about (red or amber corner)."""
        rank = {"error": 0, "warning": 1, "info": 2}
        for element_id, item in (*self.nodes.items(), *self.frames.items()):
            found = by_element.get(element_id, [])
            worst = min((f.severity for f in found), key=rank.__getitem__, default=None)
            item.set_findings(worst, [f"{f.rule}: {f.message}" for f in found])

    # -- links ------------------------------------------------------------------------

    def _refresh_links(self, owner: Element) -> None:
        """Redraw the links held in ``owner``'s fields (with the topics an evented API
        delivers by webhook, which no other link may show)."""
        self._remove_owned_edges(owner.id)
        for link in (*owned_links(owner), *webhook_deliveries(owner)):
            self._add_edge(link)

    def _add_edge(self, link: Link) -> None:
        source, target = self.nodes.get(link.source), self.nodes.get(link.target)
        if source is None or target is None:
            return  # a dangling reference: the element is marked instead
        edge = EdgeItem(link, source, target, self.colours, self._hairline)
        self.addItem(edge)
        self._edges_by_owner[link_owner(link)].append(edge)
        self._edges_by_node[link.source].add(edge)
        self._edges_by_node[link.target].add(edge)

    def _remove_owned_edges(self, owner_id: str) -> None:
        for edge in self._edges_by_owner.pop(owner_id, []):
            self._edges_by_node[edge.link.source].discard(edge)
            self._edges_by_node[edge.link.target].discard(edge)
            self.removeItem(edge)

    def edges(self) -> list[EdgeItem]:
        return [e for edges in self._edges_by_owner.values() for e in edges]

    def edges_of(self, element_id: str) -> list[EdgeItem]:
        """The drawn links from or to ``element_id``."""
        return list(self._edges_by_node.get(element_id, ()))

    def edge_for(self, link: Link) -> EdgeItem | None:
        """The item drawing ``link``, if it is drawn (found among its owner's few links)."""
        return next((e for e in self._edges_by_owner.get(link_owner(link), ())
                     if e.link == link), None)

    # -- level of detail --------------------------------------------------------------

    def set_zoom_level(self, zoom: float) -> None:
        """A view shows the scene at ``zoom``: draw links thin or at full width to match."""
        edges = self.edges()
        hairline = hairline_at(zoom, len(edges))
        if hairline != self._hairline:
            self._hairline = hairline
            for edge in edges:
                edge.set_hairline(hairline)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips; a link's text is made when it is hovered, not for all links up front."""
        for item in self.items(event.scenePos()):
            text = item.toolTip() or (item.tooltip_text() if isinstance(item, EdgeItem) else "")
            if text:
                QToolTip.showText(event.screenPos(), text, event.widget())
                event.accept()
                return
        QToolTip.hideText()
        event.ignore()

    # -- mirroring the document -------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if isinstance(change, DocumentReset):
            self.rebuild()
        elif isinstance(change, ElementAdded):
            self._element_added(change.element)
        elif isinstance(change, ElementRemoved):
            self._element_removed(change.element)
        elif isinstance(change, ElementReplaced):
            self._element_replaced(change.old, change.new)
        elif isinstance(change, PositionChanged):
            item = self.nodes.get(change.element_id)
            if item is not None and change.new is not None:
                target = QPointF(change.new.x, change.new.y)
                if item.pos() != target:
                    item.setPos(target)
                    self.node_geometry_changed(item)
            elif change.element_id in self.frames:
                self._refit_frame(change.element_id)
        self._update_scene_rect()

    def _element_added(self, element: Element) -> None:
        if isinstance(element, Broker):
            self._add_frame(element)
            self._refit_frame(element.id)
        else:
            self._add_node(element)
        if isinstance(element, Endpoint):
            self._dock_endpoints(element.provider)
        if isinstance(element, Application):
            self._dock_endpoints(element.id)
        self._refresh_links(element)
        for other in referrers(self.doc.design, element.id):  # links that were dangling
            self._refresh_links(other)
            self._mark_problems(other)
        self._mark_problems(element)
        if isinstance(element, Topic) and element.broker:
            self._refit_frame(element.broker)

    def _element_removed(self, element: Element) -> None:
        self._remove_owned_edges(element.id)
        for edge in list(self._edges_by_node.pop(element.id, ())):
            owner = link_owner(edge.link)
            if edge in self._edges_by_owner.get(owner, []):
                self._edges_by_owner[owner].remove(edge)
            other = edge.link.target if edge.link.source == element.id else edge.link.source
            self._edges_by_node[other].discard(edge)
            self.removeItem(edge)
        item = self.nodes.pop(element.id, None) or self.frames.pop(element.id, None)
        if item is not None:
            self.removeItem(item)
        if isinstance(element, Endpoint):
            self._dock_endpoints(element.provider)
        if isinstance(element, Topic) and element.broker:
            self._refit_frame(element.broker)
        for other in referrers(self.doc.design, element.id):
            self._mark_problems(other)

    def _element_replaced(self, old: Element, new: Element) -> None:
        needs_new_item = (old.id != new.id or (
            isinstance(old, Application) and isinstance(new, Application)
            and (old.kind == "datastore") != (new.kind == "datastore")))
        if needs_new_item:
            selected = self._is_selected(old.id)
            self._element_removed(old)
            self._element_added(new)
            if selected:
                self.select_ids([new.id])
            return
        item = self.nodes.get(new.id) or self.frames.get(new.id)
        if item is not None:
            item.set_element(new)
        self._refresh_links(new)
        self._mark_problems(new)
        if isinstance(new, Topic) and isinstance(item, TopicItem):
            item.set_protocol(self._protocol_of(new))
            for broker_id in {getattr(old, "broker", None), new.broker} - {None}:
                self._refit_frame(broker_id)  # type: ignore[arg-type]
        if isinstance(new, Broker):
            for topic in self.doc.design.topics:
                topic_item = self.nodes.get(topic.id)
                if topic.broker == new.id and isinstance(topic_item, TopicItem):
                    topic_item.set_protocol(new.protocol)
        if isinstance(new, Endpoint) and isinstance(old, Endpoint):
            self._dock_endpoints(old.provider)
            self._dock_endpoints(new.provider)

    def _is_selected(self, element_id: str) -> bool:
        item = self.nodes.get(element_id) or self.frames.get(element_id)
        return bool(item and item.isSelected())

    # -- geometry callbacks from items ------------------------------------------------

    def node_geometry_changed(self, item: NodeItem) -> None:
        """An item moved (the scene calls this after moving it, and while items are
        dragged): keep its links, docked endpoints and broker frame attached."""
        if self._building:
            return
        for edge in self._edges_by_node.get(item.element_id, ()):
            edge.update_path()
        if isinstance(item, (ApplicationItem, DatastoreItem)):
            self._dock_endpoints(item.element_id)
        if isinstance(item, TopicItem):
            topic = self.doc.get(item.element_id)
            if isinstance(topic, Topic) and topic.broker:
                self._refit_frame_soon(topic.broker)

    def _refit_frame_soon(self, broker_id: str) -> None:
        """Refit once after a burst of moves (a drag of many topics), not once per move."""
        if not self._dirty_frames:
            QTimer.singleShot(0, self._refit_dirty_frames)
        self._dirty_frames.add(broker_id)

    def _refit_dirty_frames(self) -> None:
        dirty, self._dirty_frames = self._dirty_frames, set()
        for broker_id in dirty:
            self._refit_frame(broker_id)

    def _update_scene_rect(self) -> None:
        bounds = self.itemsBoundingRect().adjusted(-400, -400, 400, 400)
        self.setSceneRect(bounds)

    # -- selection --------------------------------------------------------------------

    def highlight(self, ids: Iterable[str]) -> None:
        """Fade everything but ``ids`` (and the links between them); nothing given: no fading."""
        keep = set(ids)
        for element_id, item in (*self.nodes.items(), *self.frames.items()):
            item.setOpacity(1.0 if not keep or element_id in keep else 0.2)
        for edge in self.edges():
            inside = edge.link.source in keep and edge.link.target in keep
            edge.setOpacity(1.0 if not keep or inside else 0.12)

    def _highlight_selected_edges(self) -> None:
        for edge in self._highlighted:
            edge.show_selected(False)
        self._highlighted = [i for i in self.selectedItems() if isinstance(i, EdgeItem)]
        for edge in self._highlighted:
            edge.show_selected(True)

    def selected_ids(self) -> list[str]:
        return [item.element_id for item in self.selectedItems() if isinstance(item, NodeItem)]

    def selected_links(self) -> list[Link]:
        return [item.link for item in self.selectedItems() if isinstance(item, EdgeItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self.clearSelection()
        for element_id in wanted:
            item = self.nodes.get(element_id) or self.frames.get(element_id)
            if item is not None:
                item.setSelected(True)

    def node_at(self, scene_pos: QPointF, exclude: NodeItem | None = None) -> NodeItem | None:
        """The element under a point; broker frames only when nothing else is there."""
        frame: NodeItem | None = None
        for item in self.items(scene_pos):
            if isinstance(item, BrokerFrameItem):
                frame = frame or item
            elif isinstance(item, NodeItem) and item is not exclude:
                return item
        return frame

    # -- modes ------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for item in (*self.nodes.values(), *self.frames.values()):
            item.set_read_only(read_only)

    def set_grid(self, on: bool) -> None:
        if on != self.show_grid:
            self.show_grid = on
            self.update()

    def interacting(self) -> bool:
        """Whether a gesture is changing the scene under the mouse (a drag, a connection)."""
        return self.mouseGrabberItem() is not None or self._connect_from is not None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """The background and its grid, from the exposed ``rect`` only (free off screen).

        The grid belongs to the scene, not the view, so the view's tiles include it.
        """
        super().drawBackground(painter, rect)
        if not self.show_grid or painter.worldTransform().m11() < GRID_MIN_ZOOM:
            return
        step = GRID * 4
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        minor = QPen(self.colours.grid, 0)
        major = QPen(self.colours.grid_major, 0)
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

    def set_colours(self, colours: theme.CanvasColours) -> None:
        self.colours = colours
        self.setBackgroundBrush(colours.background)
        self.rebuild()

    # -- gestures ---------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect_by_click and self._connect_from is not None:
            if event.button() == Qt.MouseButton.LeftButton:
                self._finish_connection(event.scenePos(), connect_snap.snap_radius(event))
            else:
                self.cancel_gesture()
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and not self.read_only:
            item = self.node_at(event.scenePos())
            if item is not None and item.starts_connections and item.is_on_port(event.scenePos()):
                self._start_connection(item)
                event.accept()
                return
        super().mousePressEvent(event)
        self._drag_start = {item.element_id: item.pos() for item in self.selectedItems()
                            if isinstance(item, NodeItem) and item.movable}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect_from is not None and self._rubber_line is not None:
            path = QPainterPath(self._connect_from.side_anchor(right=True))
            path.lineTo(event.scenePos())
            self._rubber_line.setPath(path)
            event.accept()
            return
        super().mouseMoveEvent(event)
        for element_id, start in self._drag_start.items():  # Qt moved the selection
            item = self.nodes.get(element_id)
            if item is not None and item.pos() != start:
                self.node_geometry_changed(item)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect_from is not None and not self._connect_by_click:
            self._finish_connection(event.scenePos(), connect_snap.snap_radius(event))
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._push_moves()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.node_at(event.scenePos())
        if item is not None and not self.read_only and on_label(item, event.scenePos()):
            self.rename_requested.emit(item.element_id)
            event.accept()
            return
        if item is not None:
            self.element_activated.emit(item.element_id)
        super().mouseDoubleClickEvent(event)

    def _start_connection(self, item: NodeItem) -> None:
        self._connect_from = item
        self._rubber_line = QGraphicsPathItem()
        pen = QPen(self.colours.selection, 1.6, Qt.PenStyle.DashLine)
        self._rubber_line.setPen(pen)
        self._rubber_line.setZValue(10)
        self.addItem(self._rubber_line)

    def connect_by_click(self, element_id: str) -> bool:
        """Start a connection from an element that the next click ends (Connect to…)."""
        item = self.nodes.get(element_id)
        if item is None or not item.starts_connections or self.read_only:
            return False
        self.cancel_gesture()
        self._start_connection(item)
        self._connect_by_click = True
        return True

    def cancel_gesture(self) -> bool:
        """Escape: drop a connection or a move under way as if it never began; False when
        there was none. Moved items go back; the release that follows does nothing."""
        if self._connect_from is not None:
            self._connect_from, self._connect_by_click = None, False
            if self._rubber_line is not None:
                self.removeItem(self._rubber_line)
                self._rubber_line = None
            return True
        grabber = self.mouseGrabberItem()
        if grabber is None:
            return False
        grabber.ungrabMouse()  # the rest of the drag moves nothing
        for element_id, start in self._drag_start.items():
            item = self.nodes.get(element_id)
            if item is not None and item.pos() != start:
                item.setPos(start)
                self.node_geometry_changed(item)
        self._drag_start = {}
        return True

    def _finish_connection(self, scene_pos: QPointF, snap: float = 0.0) -> None:
        source = self._connect_from
        by_click, self._connect_from, self._connect_by_click = self._connect_by_click, None, False
        if self._rubber_line is not None:
            self.removeItem(self._rubber_line)
            self._rubber_line = None
        # released a few pixels beside an element still means that element
        target = (self.node_at(scene_pos, exclude=source)
                  or connect_snap.nearest_node(self, scene_pos, snap, exclude=source))
        if source is None or self.node_at(scene_pos) is source:
            return  # let go where it began: a click on the port, not a connection
        if target is None:
            self.connection_refused.emit(connect_snap.MISSED_BY_CLICK if by_click
                                         else connect_snap.MISSED_BY_DRAG)
            return
        result = connect(self.doc, source.element_id, target.element_id)
        if isinstance(result, Refusal):
            self.connection_refused.emit(result.reason)
        else:
            self._push_and_select_new_links(result, source.element_id)

    def _push_and_select_new_links(self, command: Command, source_id: str) -> None:
        """Make a connection and select what it drew, alone: the press on the port started
        no click selection, so what was selected before would otherwise stay selected."""
        before = {edge.link for edge in self.edges_of(source_id)}
        self.push(command)
        self.clearSelection()
        for edge in self.edges_of(source_id):
            if edge.link not in before:
                edge.setSelected(True)

    def _push_moves(self) -> None:
        moves: dict[str, tuple[Position | None, Position | None]] = {}
        for element_id, start in self._drag_start.items():
            item = self.nodes.get(element_id)
            if item is None or item.pos() == start:
                continue
            end = self.snapped(item.pos())
            moves[element_id] = (self.doc.design.layout.get(element_id),
                                 Position(end.x(), end.y()))
        self._drag_start = {}
        if moves:
            self.push(MoveElements(moves))

    def snapped(self, point: QPointF) -> QPointF:
        if not self.snap:
            return QPointF(round(point.x()), round(point.y()))
        return QPointF(round(point.x() / GRID) * GRID, round(point.y() / GRID) * GRID)

    def move_selection(self, dx: float, dy: float) -> None:
        """Nudge the selected elements (keyboard), as one undoable step."""
        moves: dict[str, tuple[Position | None, Position | None]] = {}
        for element_id in self.selected_ids():
            item = self.nodes.get(element_id)
            if item is None or not item.movable:
                continue
            moves[element_id] = (self.doc.design.layout.get(element_id),
                                 Position(item.pos().x() + dx, item.pos().y() + dy))
        if moves:
            self.push(MoveElements(moves, label="Nudge"))

    # -- creating from the palette ----------------------------------------------------

    def create_element(self, kind: str, scene_pos: QPointF) -> str | None:
        """Add a new element of palette ``kind`` at a point; return why not, or None."""
        if self.read_only:
            return "The design is open read-only (review mode)."
        at = self.snapped(scene_pos)
        under = self.node_at(scene_pos)
        frame = under.element_id if isinstance(under, BrokerFrameItem) else None
        command = drop_from_palette(self.doc, kind, Position(at.x(), at.y()),
                                    under=under.element_id if under else None,
                                    into_broker=frame)
        if isinstance(command, Refusal):
            return command.reason
        self.push(command)
        return None
