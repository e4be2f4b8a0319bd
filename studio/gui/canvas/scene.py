"""The canvas scene: mirrors the Document as items and turns the user's gestures into commands.

The scene never edits the model directly. Its items follow ``Document.changed`` (an element
added -> an item added: ``scene_mirror``) and it sends every gesture through ``push`` as one
command: a finished drag of a selection is one ``MoveElements`` (``move_gesture``); a drag
from an element's port to another element is a connection, or a refusal with its reason
(``connection_gesture``); a palette drop adds an element. Docked endpoints, broker frames and
unplaced elements are placed by ``arrangement``; drawn links are found through ``edge_index``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Iterable

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from studio.edit import Command, Refusal
from studio.edit.palette import drop_from_palette
from studio.gui import theme
from studio.gui.canvas import connect_snap
from studio.gui.canvas.arrangement import Arrangement
from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.connection_gesture import ConnectionGesture
from studio.gui.canvas.edge_index import EdgeIndex
from studio.gui.canvas.edges import EdgeItem, hairline_at
from studio.gui.canvas.move_gesture import MoveGesture
from studio.gui.canvas.nodes import ApplicationItem, DatastoreItem, NodeItem, TopicItem
from studio.gui.canvas.rename_editor import on_label
from studio.gui.canvas.scene_build import SLICED_FROM, SliceBuild, design_bounds
from studio.gui.canvas.scene_mirror import MARGIN, DocumentMirror
from studio.layout.canvas_style import GRID
from studio.model import Document, Position, Topic
from studio.model.findings import Finding
from studio.model.relations import Link

__all__ = ["GRID", "MeshScene"]

# Qt sizes its BSP index by item count (depth 14 for a 5,000-element mesh: 16,384 cells), and
# puts every item in each cell it overlaps. A link across the canvas then sits in thousands of
# cells, and moving or restyling it walks them all: restyling ten thousand links took 17 s
# at depth 14 and 0.2 s at depth 6, while finding items got no slower.
BSP_DEPTH = 6
GRID_MIN_ZOOM = 0.3  # below this the grid's lines would be closer than 12 pixels: not drawn


class MeshScene(QGraphicsScene):
    """Items for one Document; gestures become commands sent to ``push``."""

    connection_refused = Signal(str)
    element_activated = Signal(str)
    rebuilt = Signal()  # every item was made anew (open, reload, theme): decorations redo theirs
    rebuild_started = Signal()  # items are made anew (at once, or in slices: ``rebuilt`` after)
    rename_requested = Signal(str)  # a double-click on an element's label
    shown_changed = Signal()  # a named view hid or showed items (``view_filter``)

    def __init__(
        self,
        doc: Document,
        push: Callable[[Command], None],
        colours: theme.CanvasColours = theme.LIGHT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setBspTreeDepth(BSP_DEPTH)
        self.doc = doc
        self.push = push
        self.colours = colours
        self.read_only = False
        self._nodes: dict[str, NodeItem] = {}
        self._frames: dict[str, BrokerFrameItem] = {}
        self._edge_index = EdgeIndex()
        self._build: SliceBuild | None = None  # a big design's items still being made
        self._bounds = QRectF()  # meanwhile: the design's bounds from its layout
        self._zoom: float | None = None  # meanwhile: the zoom a view asked for
        self.arrangement = Arrangement(self)
        self.moves = MoveGesture(self)
        self.connection = ConnectionGesture(self)
        self.building = False  # items report moves while placed; nothing to follow yet
        self.hairline = True  # links drawn thin until a view says it shows them at 100 %
        self.show_grid = True
        self.setBackgroundBrush(colours.background)
        self.mirror = DocumentMirror(self)
        doc.changed.connect(self.mirror.on_change)
        self._highlighted: list[EdgeItem] = []
        self.selectionChanged.connect(self._highlight_selected_edges)
        self.rebuild()

    def detach(self) -> None:
        """Stop following the document (a scene about to be dropped)."""
        self.doc.changed.disconnect(self.mirror.on_change)

    # -- building ---------------------------------------------------------------------

    def rebuild(self, lazily: bool = False) -> None:
        """Drop every item and mirror the whole document again (open, reload, theme); a big
        design that opens (``lazily``) is built in slices while the window is already in use
        (``scene_build``)."""
        if self._build is not None:
            self._build.cancel()
            self._build = None
        self._highlighted = []
        self.clear()
        self.mirror.forget_items()
        self.connection.forget_line()
        self.rebuild_started.emit()
        design = self.doc.design
        big = lazily and sum(1 for _ in design.elements()) >= SLICED_FROM
        bounds = design_bounds(design) if big else None
        if bounds is None:
            self.mirror.rebuild()
            self._index_new_items()
            self.rebuilt.emit()
            return
        # the rect first: Qt lays its index out for it once, before any item joins
        self._bounds = bounds
        self.setSceneRect(bounds.adjusted(*MARGIN))
        self._build = SliceBuild(self._sliced_steps(), self._index_new_items, self._built, self)
        self._build.start()

    def _index_new_items(self) -> None:
        # Index the new items now, while the design opens (or in the slice that made them):
        # left to Qt, it happens in the next turn of the event loop, a stall of a tenth of a
        # second after building 20,000 elements at once.
        self.items(QRectF(0, 0, 1, 1))

    def _sliced_steps(self) -> Generator[None, None, None]:
        yield from self.mirror.build()
        # what the layout does not place (or a link's curve) may reach past the bounds
        drawn = QRectF()
        items: list[QGraphicsItem] = [*self._nodes.values(), *self._frames.values()]
        items += self._edge_index.all()
        for start in range(0, len(items), 500):
            for item in items[start : start + 500]:
                drawn = drawn.united(item.sceneBoundingRect())
            yield
        wanted = self.sceneRect().united(drawn.adjusted(*MARGIN))
        if wanted != self.sceneRect():
            self.setSceneRect(wanted)

    def _built(self) -> None:
        """The last slice is done: the scene is as a build at once leaves it."""
        self._build = None
        self._index_new_items()
        if self._zoom is not None:
            self.set_zoom_level(self._zoom)
            self._zoom = None
        self.rebuilt.emit()

    def finish_building(self) -> None:
        """Make the items still to be made now: something needs them all (the mesh is shown
        unfolded, an element is selected or found, the document changes)."""
        if self._build is not None and not self._build.running:
            self._build.finish()

    @property
    def building_in_slices(self) -> bool:
        return self._build is not None

    @property
    def nodes(self) -> dict[str, NodeItem]:
        """Element items by id (all of them: a build under way is finished first)."""
        self.finish_building()
        return self._nodes

    @property
    def frames(self) -> dict[str, BrokerFrameItem]:
        self.finish_building()
        return self._frames

    @property
    def edge_index(self) -> EdgeIndex:
        self.finish_building()
        return self._edge_index

    def has_elements(self) -> bool:
        """Whether the scene shows any element (or will, once its build is done)."""
        return self._build is not None or bool(self._nodes)

    def hidden_ids(self) -> set[str]:
        """The elements a named view hides (``view_filter``); none while building."""
        if self._build is not None:
            return set()
        items = (*self._nodes.items(), *self._frames.items())
        return {element_id for element_id, item in items if not item.isVisible()}

    def tighten_rect(self) -> None:
        """Shrink the rect to the drawing where edits left it too big (before a fit)."""
        self.mirror.tighten_rect()

    def shown_rect(self) -> QRectF | None:
        """The bounds of the elements and frames shown, None when there are none; while a big
        design is built, its bounds from the layout."""
        if self._build is not None:
            return QRectF(self._bounds)
        items = [i for i in (*self._nodes.values(), *self._frames.values()) if i.isVisible()]
        if not items:
            return None
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- problems and links -----------------------------------------------------------

    def mark_findings(self, by_element: dict[str, list[Finding]]) -> None:
        """Show validation findings on the elements they are about (red or amber corner)."""
        rank = {"error": 0, "warning": 1, "info": 2}
        for element_id, item in (*self.nodes.items(), *self.frames.items()):
            found = by_element.get(element_id, [])
            worst = min((f.severity for f in found), key=rank.__getitem__, default=None)
            item.set_findings(worst, [f"{f.rule}: {f.message}" for f in found])

    # -- links ------------------------------------------------------------------------

    def edges(self) -> list[EdgeItem]:
        return self.edge_index.all()

    def edges_of(self, element_id: str) -> list[EdgeItem]:
        """The drawn links from or to ``element_id``."""
        return list(self.edge_index.touching(element_id))

    def edge_for(self, link: Link) -> EdgeItem | None:
        """The item drawing ``link``, if it is drawn."""
        return self.edge_index.find(link)

    # -- level of detail --------------------------------------------------------------

    def set_zoom_level(self, zoom: float) -> None:
        """A view shows the scene at ``zoom``: draw links thin or at full width to match.

        While a big design is built the links made so far are counted (and again once all
        are made): below 100 % links are thin whatever their count, and from 100 % the view
        shows the mesh unfolded, which finishes the build first. So the links still to be made
        take the pen of the zoom they will be seen at, and no turn restyles them all after."""
        if self._build is not None:
            self._zoom = zoom
        edges = self._edge_index
        hairline = hairline_at(zoom, len(edges))  # (not a list of every edge)
        if hairline != self.hairline:
            self.hairline = hairline
            for edge in edges.all():
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

    # -- geometry callbacks from items ------------------------------------------------

    def node_geometry_changed(self, item: NodeItem) -> None:
        """An item moved (the scene calls this after moving it, and while items are
        dragged): keep its links, docked endpoints and broker frame attached."""
        if self.building:
            return
        for edge in self.edge_index.touching(item.element_id):
            edge.update_path()
        if isinstance(item, (ApplicationItem, DatastoreItem)):
            self.arrangement.dock_endpoints(item.element_id)
        if isinstance(item, TopicItem):
            topic = self.doc.get(item.element_id)
            if isinstance(topic, Topic) and topic.broker:
                self.arrangement.refit_frame_soon(topic.broker)

    # -- selection --------------------------------------------------------------------

    def highlight(self, ids: Iterable[str]) -> None:
        """Fade everything but ``ids`` (and the links between them); nothing given: no fading."""
        keep = set(ids)
        if keep:
            self.finish_building()  # every item is faded or not
        # (no fading while building: the items still to be made are not faded either)
        for element_id, item in (*self._nodes.items(), *self._frames.items()):
            item.setOpacity(1.0 if not keep or element_id in keep else 0.2)
        for edge in self._edge_index.all():
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
        items = (self.nodes.get(element_id) or self.frames.get(element_id) for element_id in wanted)
        self.select_only(item for item in items if item is not None)

    def select_only(self, items: Iterable[QGraphicsItem]) -> None:
        """Select exactly ``items``, telling ``selectionChanged``'s listeners once: Qt tells
        them once per item, and each walks the selection (Select All on 5,000 elements, 23,000
        items, took minutes that way)."""
        before = set(self.selectedItems())
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for item in items:
                item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        if set(self.selectedItems()) != before:
            self.selectionChanged.emit()

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
        return self.mouseGrabberItem() is not None or self.connection.active

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The background and its grid, from the exposed ``rect`` only (free off screen).

        The grid belongs to the scene, not the view, so the view's tiles include it.
        """
        super().drawBackground(painter, rect)
        if not self.show_grid or painter.worldTransform().m11() < GRID_MIN_ZOOM:
            return
        area = QRectF(rect)
        step = GRID * 4
        minor = QPen(self.colours.grid, 0)
        major = QPen(self.colours.grid_major, 0)
        x = math.floor(area.left() / step) * step
        while x < area.right():
            painter.setPen(major if round(x / step) % 5 == 0 else minor)
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            x += step
        y = math.floor(area.top() / step) * step
        while y < area.bottom():
            painter.setPen(major if round(y / step) % 5 == 0 else minor)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            y += step

    def set_colours(self, colours: theme.CanvasColours) -> None:
        self.colours = colours
        self.setBackgroundBrush(colours.background)
        self.rebuild()

    # -- gestures ---------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connection.by_click and self.connection.active:
            if event.button() == Qt.MouseButton.LeftButton:
                self.connection.finish(event.scenePos(), connect_snap.snap_radius(event))
            else:
                self.cancel_gesture()
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and not self.read_only:
            item = self.node_at(event.scenePos())
            if item is not None and item.starts_connections and item.is_on_port(event.scenePos()):
                self.connection.start(item)
                event.accept()
                return
        super().mousePressEvent(event)
        self.moves.begin()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connection.follow(event.scenePos()):
            event.accept()
            return
        super().mouseMoveEvent(event)
        self.moves.follow()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connection.active and not self.connection.by_click:
            self.connection.finish(event.scenePos(), connect_snap.snap_radius(event))
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.moves.finish()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.node_at(event.scenePos())
        if item is not None and not self.read_only and on_label(item, event.scenePos()):
            self.rename_requested.emit(item.element_id)
            event.accept()
            return
        if item is not None:
            self.element_activated.emit(item.element_id)
        super().mouseDoubleClickEvent(event)

    def connect_by_click(self, element_id: str) -> bool:
        """Start a connection from an element that the next click ends (Connect to…)."""
        item = self.nodes.get(element_id)
        if item is None or not item.starts_connections or self.read_only:
            return False
        self.cancel_gesture()
        self.connection.start(item, by_click=True)
        return True

    def cancel_gesture(self) -> bool:
        """Escape: drop a connection or a move under way as if it never began; False when
        there was none. Moved items go back; the release that follows does nothing."""
        if self.connection.cancel():
            return True
        grabber = self.mouseGrabberItem()
        if grabber is None:
            return False
        grabber.ungrabMouse()  # the rest of the drag moves nothing
        self.moves.cancel()
        return True

    def move_selection(self, dx: float, dy: float) -> None:
        """Nudge the selected elements (keyboard), as one undoable step."""
        self.moves.nudge(dx, dy)

    # -- creating from the palette ----------------------------------------------------

    def create_element(self, kind: str, scene_pos: QPointF) -> str | None:
        """Add a new element of palette ``kind`` at a point; return why not, or None."""
        if self.read_only:
            return "The design is open read-only (review mode)."
        at = self.moves.snapped(scene_pos)
        under = self.node_at(scene_pos)
        frame = under.element_id if isinstance(under, BrokerFrameItem) else None
        command = drop_from_palette(
            self.doc,
            kind,
            Position(at.x(), at.y()),
            under=under.element_id if under else None,
            into_broker=frame,
        )
        if isinstance(command, Refusal):
            return command.reason
        self.push(command)
        return None
