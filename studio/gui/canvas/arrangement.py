"""Where the scene puts what the user does not place: docked endpoints, broker frames, and
elements the design has no position for.

An endpoint is docked under its provider, in file order; a broker's frame is fitted around
its topics (after a burst of moves, once); both with the sizes ``studio.layout.geometry``
gives diagrams, so the canvas and a rendered diagram agree. An element without a saved
position is shown in a column by its role (notes above the diagram), and that spot is not
written to the file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer

from studio.layout.geometry import EMPTY_FRAME_INNER, ENDPOINT_GAP, ENDPOINT_INDENT, ENDPOINT_TOP
from studio.layout.node_sizes import ENDPOINT_SIZE, NOTE_SIZE
from studio.model import Application, Element, Endpoint, Note, Topic
from studio.model.references import TOPIC_BROKER

if TYPE_CHECKING:
    from studio.gui.canvas.scene import MeshScene

COLUMN_X = {"producer": 40, "topic": 360, "consumer": 700, "other": 1040}
ROW_STEP = 110


class Arrangement:
    """Places docked, framed and unplaced items of ``scene``."""

    def __init__(self, scene: MeshScene) -> None:
        self.scene = scene
        self._rows: dict[str, int] = defaultdict(int)  # unplaced elements per column so far
        self._dirty_frames: set[str] = set()

    def clear(self) -> None:
        self._rows.clear()
        self._dirty_frames.clear()

    def fallback_position(self, element: Element) -> QPointF:
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
        row = self._rows[column]
        self._rows[column] += 1
        return QPointF(COLUMN_X[column], 40 + row * ROW_STEP)

    def _note_slot(self) -> QPointF:
        """Unplaced notes line up above the diagram, where they cover nothing."""
        placed = [QPointF(p.x, p.y) for p in self.scene.doc.design.layout.values()]
        top = min((p.y() for p in placed), default=40.0)
        left = min((p.x() for p in placed), default=40.0)
        row = self._rows["note"]
        self._rows["note"] += 1
        return QPointF(left + row * (NOTE_SIZE[0] + 20), top - NOTE_SIZE[1] - 60)

    def dock_endpoints(self, provider_id: str, endpoints: list[Endpoint] | None = None) -> None:
        """Stack a provider's endpoints under it, in file order."""
        scene = self.scene
        provider = scene.nodes.get(provider_id)
        if endpoints is None:
            endpoints = [e for e in scene.doc.design.endpoints if e.provider == provider_id]
        for index, endpoint in enumerate(endpoints):
            item = scene.nodes.get(endpoint.id)
            if item is None:
                continue
            if provider is None:  # orphan: its provider is unknown; show it apart
                item.setPos(self.fallback_position(endpoint))
            else:
                base = provider.pos() + QPointF(
                    ENDPOINT_INDENT, provider.size.height() + ENDPOINT_TOP
                )
                item.setPos(base + QPointF(0, index * (ENDPOINT_SIZE[1] + ENDPOINT_GAP)))
            if not scene.building:
                for edge in scene.edge_index.touching(endpoint.id):
                    edge.update_path()

    def refit_frame(self, broker_id: str, topics: Iterable[Element] | None = None) -> None:
        """Fit a broker's frame around its topics (``topics``: them, when the caller knows
        them; else from the design's uses); without topics, at its own position."""
        scene = self.scene
        frame = scene.frames.get(broker_id)
        if frame is None:
            return
        if topics is None:
            topics = scene.doc.uses.owners(broker_id, TOPIC_BROKER)
        rect = QRectF()
        for topic in topics:
            item = scene.nodes.get(topic.id)
            # a topic a view hides (view_filter) leaves no empty space in the frame
            if item is not None and item.isVisible():
                rect = rect.united(item.mapRectToScene(item.size))
        if rect.isNull():
            position = scene.doc.design.layout.get(broker_id)
            origin = (
                QPointF(position.x, position.y) if position else QPointF(COLUMN_X["topic"], -160)
            )
            rect = QRectF(origin, origin + QPointF(*EMPTY_FRAME_INNER))
        frame.set_frame(rect)

    def refit_frame_soon(self, broker_id: str) -> None:
        """Refit once after a burst of moves or removals (a drag of many topics, a deletion),
        not once for each."""
        if not self._dirty_frames:
            QTimer.singleShot(0, self.scene, self._refit_dirty_frames)  # not after the scene
        self._dirty_frames.add(broker_id)

    def _refit_dirty_frames(self) -> None:
        dirty, self._dirty_frames = self._dirty_frames, set()
        for broker_id in dirty:
            self.refit_frame(broker_id)
