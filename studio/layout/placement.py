"""What both engines do after placing the nodes: notes, empty brokers, grid and margins.

An engine places applications and topics (with room kept above the ones that carry notes).
This module turns that into the positions the design file stores: snapped to the canvas grid,
notes put in the room kept for them or, for notes on framed topics, endpoints, messages and
brokers, at the nearest free spot above-right of what they are pinned to; brokers without
topics lined up below the drawing; everything moved so the drawing starts at the canvas
margin. Free spots are found with a coarse grid of occupied cells, so placing a hundred notes
on a 5,000-element mesh stays instant.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from studio.layout.canvas_style import GRID  # the canvas snaps to this grid; so do we
from studio.layout.flow import FlowGraph, pinned_notes
from studio.layout.geometry import (
    FRAME_SIDE,
    FRAME_TOP,
    NOTE_GAP,
    NOTE_SIZE,
    Box,
    Scene,
    empty_frame,
    note_boxes,
    scene_of,
)
from studio.model import Design, Note, Position

MARGIN = 40.0  # the canvas leaves this much room left of and above the first column
SEARCH_RINGS = 8  # how far (in note sizes) to look for a free spot before parking a note


def finish(
    design: Design, graph: FlowGraph, tops: Mapping[str, tuple[float, float]]
) -> dict[str, Position]:
    """Final positions of applications, topics, notes and brokers without topics."""
    positions = {i: Position(_snap(x), _snap(y)) for i, (x, y) in tops.items()}
    scene = scene_of(design, positions)
    occupied = Occupancy(scene.all_boxes())
    reserved = pinned_notes(design, graph.group)
    for target, note_ids in reserved.items():
        if target in scene.nodes:
            for note_id, box in zip(
                note_ids, note_boxes(scene.nodes[target], len(note_ids)), strict=True
            ):
                positions[note_id] = Position(box.x, box.y)
                occupied.add(box)
    _place_empty_brokers(design, positions, occupied)
    placed = {n for ids in reserved.values() for n in ids}
    place_notes(design, [n for n in design.notes if n.id not in placed], scene, positions, occupied)
    return _shift_to_margin(design, positions, occupied.bounds())


def place_notes(
    design: Design,
    notes: Iterable[Note],
    scene: Scene,
    positions: dict[str, Position],
    occupied: Occupancy,
) -> None:
    """Put each note at the free spot nearest above-right of its element (parked in a row
    above the drawing when it has none, or nothing is free nearby)."""
    parked: list[Note] = []
    for note in notes:
        anchor = _anchor_of(design, scene, note)
        spot = None if anchor is None else _free_spot(anchor, occupied)
        if spot is None:
            parked.append(note)
            continue
        positions[note.id] = Position(spot.x, spot.y)
        occupied.add(spot)
    if parked:
        bounds = occupied.bounds() or Box(MARGIN, MARGIN, 0, 0)
        y = _snap(bounds.y - NOTE_SIZE[1] - 3 * NOTE_GAP)
        for i, note in enumerate(parked):
            box = Box(_snap(bounds.x) + i * (NOTE_SIZE[0] + 2 * NOTE_GAP), y, *NOTE_SIZE)
            positions[note.id] = Position(box.x, box.y)
            occupied.add(box)


def _anchor_of(design: Design, scene: Scene, note: Note) -> Box | None:
    if note.on is None:
        return None
    box = scene.box_of(note.on)
    if box is not None:
        return box
    # a note on a message sits by the first topic (else endpoint) that carries it
    for topic in design.topics:
        if note.on in topic.messages and topic.id in scene.nodes:
            return scene.nodes[topic.id]
    for endpoint in design.endpoints:
        if note.on in (endpoint.request, *endpoint.responses.values()):
            return scene.endpoints.get(endpoint.id)
    return None


def _free_spot(anchor: Box, occupied: Occupancy) -> Box | None:
    first = note_boxes(anchor, 1)[0]
    base_x, base_y = _snap(first.x), _snap(first.y)
    step_x, step_y = 10 * GRID, NOTE_SIZE[1] + NOTE_GAP  # about half a note across, on the grid
    for i, j in _OFFSETS:
        candidate = Box(base_x + i * step_x, base_y - j * step_y, *NOTE_SIZE)
        if not occupied.hits(candidate):
            return candidate
    return None


# Spots to try, in steps of half a note across and a note up: nearest first, and among equally
# near ones the higher and more to the right (above-right is where a reader looks for a note).
_OFFSETS = sorted(
    (
        (i, j)
        for i in range(-SEARCH_RINGS, SEARCH_RINGS + 1)
        for j in range(-SEARCH_RINGS, SEARCH_RINGS + 1)
    ),
    key=lambda o: (math.hypot(o[0], o[1] * 1.2), -o[1], -o[0]),
)


def _place_empty_brokers(
    design: Design, positions: dict[str, Position], occupied: Occupancy
) -> None:
    with_topics = {t.broker for t in design.topics}
    bounds = occupied.bounds() or Box(MARGIN, MARGIN, 0, 0)
    x = bounds.x + FRAME_SIDE
    y = _snap(bounds.bottom + 3 * NOTE_GAP + FRAME_TOP)
    for broker in design.brokers:
        if broker.id in with_topics:
            continue
        position = Position(_snap(x), y)
        frame = empty_frame(position)
        positions[broker.id] = position
        occupied.add(frame)
        x += frame.w + 4 * NOTE_GAP


def _shift_to_margin(
    design: Design, positions: dict[str, Position], bounds: Box | None
) -> dict[str, Position]:
    """Move everything so the drawing's top-left corner is at the margin. ``bounds`` are
    those of every box placed (endpoints of unknown providers, drawn under the drawing, never
    reach its top or left)."""
    if bounds is None:
        return positions
    # whole grid steps, so the drawing's top-left corner lands just inside the margin
    dx = math.ceil((MARGIN - bounds.x) / GRID) * GRID
    dy = math.ceil((MARGIN - bounds.y) / GRID) * GRID
    # keep the file order of elements, whatever order they were placed in
    order = [e.id for e in design.elements() if e.id in positions]
    return {i: Position(_tidy(positions[i].x + dx), _tidy(positions[i].y + dy)) for i in order}


def _snap(value: float) -> float:
    return round(value / GRID) * GRID


def _tidy(value: float) -> float:
    # whole numbers are written as ints in the file (``x: 340``, not ``x: 340.0``)
    return int(value) if float(value).is_integer() else value


class Occupancy:
    """Boxes already placed, indexed by grid cells for quick "is this spot free?" tests."""

    CELL = 200.0

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self._big: list[Box] = []  # frames can be huge: scanned instead of indexed
        self._bounds: Box | None = None
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        for cx in range(math.floor(box.x / self.CELL), math.floor(box.right / self.CELL) + 1):
            for cy in range(math.floor(box.y / self.CELL), math.floor(box.bottom / self.CELL) + 1):
                yield cx, cy

    def add(self, box: Box) -> None:
        self._bounds = box if self._bounds is None else self._bounds.union(box)
        if box.w * box.h > 16 * self.CELL * self.CELL:
            self._big.append(box)
            return
        for key in self._keys(box):
            self._cells[key].append(box)

    def hits(self, box: Box, gap: float = GRID) -> bool:
        """Whether ``box``, grown by ``gap``, touches anything placed."""
        grown = Box(box.x - gap, box.y - gap, box.w + 2 * gap, box.h + 2 * gap)
        if any(grown.overlaps(big) for big in self._big):
            return True
        return any(
            grown.overlaps(other) for key in self._keys(grown) for other in self._cells.get(key, ())
        )

    def bounds(self) -> Box | None:
        return self._bounds
