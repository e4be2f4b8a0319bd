"""Moving elements on the canvas: a drag of the selection, and nudges from the keyboard.

Qt moves the dragged items itself; this remembers where they started, keeps their links and
frames following while they move, and on release makes the whole drag one ``MoveElements``
command at grid-snapped positions. Escape puts them back as if the drag never began.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from studio.edit import MoveElements
from studio.gui.canvas.nodes import NodeItem
from studio.layout.canvas_style import GRID
from studio.model import Position

if TYPE_CHECKING:
    from studio.gui.canvas.scene import MeshScene

Moves = dict[str, tuple[Position | None, Position | None]]


class MoveGesture:
    """The drag under way in ``scene``: where each moved element started."""

    def __init__(self, scene: MeshScene) -> None:
        self.scene = scene
        self.snap = True
        self._start: dict[str, QPointF] = {}

    def begin(self) -> None:
        """A press: the selected movable elements may be dragged from where they are."""
        self._start = {
            item.element_id: item.pos()
            for item in self.scene.selectedItems()
            if isinstance(item, NodeItem) and item.movable
        }

    def follow(self) -> None:
        """Qt moved the selection: keep links, docked endpoints and frames attached."""
        for item in self._moved():
            self.scene.node_geometry_changed(item)

    def _moved(self) -> list[NodeItem]:
        items = (self.scene.nodes.get(element_id) for element_id in self._start)
        return [
            item
            for item in items
            if item is not None and item.pos() != self._start[item.element_id]
        ]

    def cancel(self) -> None:
        """Put every moved element back where the drag started it."""
        for item in self._moved():
            item.setPos(self._start[item.element_id])
            self.scene.node_geometry_changed(item)
        self._start = {}

    def finish(self) -> None:
        """The release: the drag is one undoable move, on the grid."""
        layout = self.scene.doc.design.layout
        moves: Moves = {}
        for item in self._moved():
            end = self.snapped(item.pos())
            moves[item.element_id] = (layout.get(item.element_id), Position(end.x(), end.y()))
        self._start = {}
        if moves:
            self.scene.push(MoveElements(moves))

    def snapped(self, point: QPointF) -> QPointF:
        if not self.snap:
            return QPointF(round(point.x()), round(point.y()))
        return QPointF(round(point.x() / GRID) * GRID, round(point.y() / GRID) * GRID)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selected elements by ``dx``, ``dy`` (keyboard), as one undoable step."""
        scene, moves = self.scene, Moves()
        for element_id in scene.selected_ids():
            item = scene.nodes.get(element_id)
            if item is None or not item.movable:
                continue
            moves[element_id] = (
                scene.doc.design.layout.get(element_id),
                Position(item.pos().x() + dx, item.pos().y() + dy),
            )
        if moves:
            scene.push(MoveElements(moves, label="Nudge"))
