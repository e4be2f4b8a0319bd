"""Keeps the scene's items equal to the Document: built whole, then following every change.

The model never knows the scene (STYLE.md, after orange-canvas-core): the mirror listens to
``Document.changed`` and adds, replaces or removes the items an event is about, the links the
changed element holds (and links that dangled until it came), the problem marks of elements
that refer to it, docked endpoints and the broker frames around topics.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QTimer

from studio.gui.canvas import nodes
from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.edges import EdgeItem
from studio.model import (
    Application,
    Broker,
    Change,
    DocumentReset,
    Element,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    Endpoint,
    Note,
    PositionChanged,
    Topic,
)
from studio.model.references import references_of
from studio.model.relations import Link, owned_links, webhook_deliveries

if TYPE_CHECKING:
    from studio.gui.canvas.scene import MeshScene


MARGIN = (-400, -400, 400, 400)  # room around the drawing to scroll and drop into


class DocumentMirror:
    """Builds and updates the items of ``scene`` from its document."""

    def __init__(self, scene: MeshScene) -> None:
        self.scene = scene
        self.doc = scene.doc
        self.rect_may_shrink = False  # a removal or a move may have left it too big
        self._to_mark: set[str] = set()  # elements whose problem marks are to be redone

    # -- building ---------------------------------------------------------------------

    def forget_items(self) -> None:
        """Drop every reference to the scene's items: it has just deleted them all (a build
        in slices makes the new ones later, and until then nothing may reach the old)."""
        scene = self.scene
        scene.nodes.clear()
        scene.frames.clear()
        scene.edge_index.clear()
        scene.arrangement.clear()
        self.rect_may_shrink = False  # the build sets it anew

    def rebuild(self) -> None:
        """Make every item of the document anew (the scene has just been cleared)."""
        for _ in self.build():
            pass
        self._update_scene_rect()

    def build(self) -> Iterator[None]:
        """Make every item of the document anew, pausing (a ``yield``) after each element or
        so: a big design is built in slices between turns of the event loop (``scene_build``).
        The scene has just been cleared (``forget_items``); its rect is the caller's to set."""
        scene, arrangement = self.scene, self.scene.arrangement
        design = self.doc.design
        scene.building = True  # items report moves while placed; nothing to follow yet
        try:
            for broker in design.brokers:
                self._add_frame(broker)
            placed: list[Element] = [*design.applications, *design.topics, *design.notes]
            for element in placed:
                self._add_node(element)
                yield
            provided: dict[str, list[Endpoint]] = defaultdict(list)
            for endpoint in design.endpoints:
                self._add_node(endpoint)
                provided[endpoint.provider].append(endpoint)
                yield
            for provider, endpoints in provided.items():
                arrangement.dock_endpoints(provider, endpoints)
                yield
            owners: list[Element] = [*design.applications, *design.notes]
            for owner in owners:
                self._refresh_links(owner)
                yield
        finally:
            scene.building = False
        # grouped here, not asked of the uses index: building that is 0.3 s of one turn at
        # 20,000 elements
        topics_on: dict[str | None, list[Topic]] = defaultdict(list)
        for topic in design.topics:
            topics_on[topic.broker].append(topic)
        for broker in design.brokers:
            arrangement.refit_frame(broker.id, topics_on[broker.id])
            yield
        for element in design.elements():
            self._mark_problems(element)
            yield

    def _make_item(self, element: Element) -> nodes.NodeItem | None:
        colours = self.scene.colours
        if isinstance(element, Application):
            datastore = element.kind == "datastore"
            return (nodes.DatastoreItem if datastore else nodes.ApplicationItem)(element, colours)
        if isinstance(element, Topic):
            return nodes.TopicItem(element, colours, self._protocol_of(element))
        if isinstance(element, Endpoint):
            return nodes.EndpointItem(element, colours)
        if isinstance(element, Note):
            # a reply is read in its thread (Notes panel), not as a sticky note of its own
            answers_a_note = isinstance(self.doc.get(element.on or ""), Note)
            return None if answers_a_note else nodes.NoteItem(element, colours)
        return None

    def _protocol_of(self, topic: Topic) -> str:
        broker = self.doc.get(topic.broker) if topic.broker else None
        return broker.protocol if isinstance(broker, Broker) else "?"

    def _add_node(self, element: Element) -> None:
        item = self._make_item(element)
        if item is None:
            return
        scene = self.scene
        item.set_read_only(scene.read_only)
        if not isinstance(element, Endpoint):  # placed before it joins: no move to index
            position = self.doc.design.layout.get(element.id)
            item.setPos(
                QPointF(position.x, position.y)
                if position
                else scene.arrangement.fallback_position(element)
            )
        scene.addItem(item)
        scene.nodes[element.id] = item

    def _add_frame(self, broker: Broker) -> None:
        frame = BrokerFrameItem(broker, self.scene.colours)
        frame.set_read_only(self.scene.read_only)
        self.scene.addItem(frame)
        self.scene.frames[broker.id] = frame

    def _mark_problems(self, element: Element) -> None:
        item = self.scene.nodes.get(element.id) or self.scene.frames.get(element.id)
        if item is None:
            return
        missing = sorted({ref for ref in references_of(element) if ref not in self.doc})
        item.set_problem(
            f"refers to unknown id{'s' if len(missing) > 1 else ''} "
            + ", ".join(f"'{m}'" for m in missing)
            if missing
            else None
        )

    def _mark_problems_soon(self, ids: Iterable[str]) -> None:
        """Mark these elements once the burst of changes is over: an element coming or going
        changes which of its referrers' references are unknown, and deleting many elements
        (or undoing that) would otherwise mark most referrers once for each element, often
        only to remove them in the same burst."""
        marked = set(ids)
        if marked and not self._to_mark:
            QTimer.singleShot(0, self.scene, self._mark_pending)
        self._to_mark |= marked

    def _mark_pending(self) -> None:
        pending, self._to_mark = self._to_mark, set()
        for element_id in pending:
            element = self.doc.get(element_id)
            if element is not None:
                self._mark_problems(element)

    def _refresh_links(self, owner: Element) -> None:
        """Redraw the links held in ``owner``'s fields (with the topics an evented API
        delivers by webhook, which no other link may show)."""
        for edge in self.scene.edge_index.pop_owned(owner.id):
            self.scene.removeItem(edge)
        for link in (*owned_links(owner), *webhook_deliveries(owner)):
            self._add_edge(link)

    def _draw_links_to(self, owner: Element, element_id: str) -> None:
        """Draw the links held in ``owner`` to ``element_id``, which has just joined: they
        could not be drawn without it, and its other links stay (redrawing them all made
        undoing the deletion of thousands of elements quadratic)."""
        for link in (*owned_links(owner), *webhook_deliveries(owner)):
            if element_id in (link.source, link.target):
                self._add_edge(link)

    def _add_edge(self, link: Link) -> None:
        scene = self.scene
        source, target = scene.nodes.get(link.source), scene.nodes.get(link.target)
        if source is None or target is None:
            return  # a dangling reference: the element is marked instead
        edge = EdgeItem(link, source, target, scene.colours, scene.hairline)
        scene.addItem(edge)
        scene.edge_index.add(edge)

    def tighten_rect(self) -> None:
        """Fit the scene's rect to the drawing again if a removal or a move may have left it
        too big (a fit asks: the user then scrolls over the drawing, not the room it left)."""
        if self.rect_may_shrink and not self.scene.building_in_slices:
            self.rect_may_shrink = False
            self._update_scene_rect()

    def _update_scene_rect(self, grown_by: str | None = None) -> None:
        """Fit the scene's rect to the drawing (built anew), or grow it around the element an
        edit placed: asking Qt for the bounds of every item takes 50 ms at 20,000 elements,
        too long after each edit. A rect an edit left too big shrinks at the next fit
        (``tighten_rect``)."""
        scene = self.scene
        if grown_by is None:
            scene.setSceneRect(scene.itemsBoundingRect().adjusted(*MARGIN))
            return
        item = scene.nodes.get(grown_by) or scene.frames.get(grown_by)
        if item is not None:
            wanted = scene.sceneRect().united(item.sceneBoundingRect().adjusted(*MARGIN))
            if wanted != scene.sceneRect():
                scene.setSceneRect(wanted)

    # -- following changes ------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        scene = self.scene
        if isinstance(change, DocumentReset):
            scene.rebuild(lazily=True)
            return
        scene.finish_building()  # an edit while a big design is still being built: build it all
        if isinstance(change, ElementAdded):
            self._element_added(change.element)
            self._update_scene_rect(change.element.id)
        elif isinstance(change, ElementRemoved):
            self._element_removed(change.element)
            self.rect_may_shrink = True
        elif isinstance(change, ElementReplaced):
            self._element_replaced(change.old, change.new)
            self._update_scene_rect(change.new.id)
        elif isinstance(change, PositionChanged):
            item = scene.nodes.get(change.element_id)
            if item is not None and change.new is not None:
                target = QPointF(change.new.x, change.new.y)
                if item.pos() != target:
                    item.setPos(target)
                    scene.node_geometry_changed(item)
            elif change.element_id in scene.frames:
                scene.arrangement.refit_frame(change.element_id)
            self._update_scene_rect(change.element_id)
            self.rect_may_shrink = True

    def _element_added(self, element: Element) -> None:
        arrangement = self.scene.arrangement
        if isinstance(element, Broker):
            self._add_frame(element)
            arrangement.refit_frame(element.id)
        else:
            self._add_node(element)
        if isinstance(element, Endpoint):
            arrangement.dock_endpoints(element.provider)
        if isinstance(element, Application):
            arrangement.dock_endpoints(element.id)
        self._refresh_links(element)
        referrers = self.doc.referrers(element.id)
        for other in referrers:  # links that were dangling
            self._draw_links_to(other, element.id)
        self._mark_problems_soon(other.id for other in referrers)
        self._mark_problems(element)
        if isinstance(element, Topic) and element.broker:  # once after adding many (undo)
            arrangement.refit_frame_soon(element.broker)

    def _element_removed(self, element: Element) -> None:
        scene = self.scene
        edges: list[EdgeItem] = [
            *scene.edge_index.pop_owned(element.id),
            *scene.edge_index.pop_touching(element.id),
        ]
        for edge in edges:
            scene.removeItem(edge)
        item = scene.nodes.pop(element.id, None) or scene.frames.pop(element.id, None)
        if item is not None:
            scene.removeItem(item)
        if isinstance(element, Endpoint):
            scene.arrangement.dock_endpoints(element.provider)
        if isinstance(element, Topic) and element.broker:  # once after deleting many
            scene.arrangement.refit_frame_soon(element.broker)
        self._mark_problems_soon(other.id for other in self.doc.referrers(element.id))

    def _element_replaced(self, old: Element, new: Element) -> None:
        scene, arrangement = self.scene, self.scene.arrangement
        needs_new_item = old.id != new.id or (
            isinstance(old, Application)
            and isinstance(new, Application)
            and (old.kind == "datastore") != (new.kind == "datastore")
        )
        if needs_new_item:
            old_item = scene.nodes.get(old.id) or scene.frames.get(old.id)
            selected = bool(old_item and old_item.isSelected())
            self._element_removed(old)
            self._element_added(new)
            if selected:
                scene.select_ids([new.id])
            return
        item = scene.nodes.get(new.id) or scene.frames.get(new.id)
        if item is not None:
            item.set_element(new)
        self._refresh_links(new)
        self._mark_problems(new)
        if isinstance(new, Topic) and isinstance(item, nodes.TopicItem):
            item.set_protocol(self._protocol_of(new))
            old_broker = old.broker if isinstance(old, Topic) else None
            for broker_id in {b for b in (old_broker, new.broker) if b is not None}:
                arrangement.refit_frame(broker_id)
        if isinstance(new, Broker):
            for topic in self.doc.design.topics:
                topic_item = scene.nodes.get(topic.id)
                if topic.broker == new.id and isinstance(topic_item, nodes.TopicItem):
                    topic_item.set_protocol(new.protocol)
        if isinstance(new, Endpoint) and isinstance(old, Endpoint):
            arrangement.dock_endpoints(old.provider)
            arrangement.dock_endpoints(new.provider)
