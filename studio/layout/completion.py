"""Positions for drawing a design whose ``layout:`` is incomplete, without moving any of it.

Designs are edited by hand and by tools that know nothing of geometry, so a rendered diagram
often meets elements without a position: a topic just added to a broker, a new consumer, every
note. The user's positions are kept exactly; a new topic of a broker that already has placed
topics goes right under (or over) them, so the broker keeps one tidy frame; the other
newcomers are auto-laid out as a group and put below the drawing; notes go next to what they
are pinned to. A design without any position is simply auto-laid out.
"""

from __future__ import annotations

from studio.layout.engine import auto_layout
from studio.layout.geometry import TOPIC_SIZE, Box, frame_around, node_size, scene_of
from studio.layout.placement import GRID, MARGIN, Occupancy, place_notes
from studio.model import Design, Position, Topic

TOPIC_STEP = TOPIC_SIZE[1] + 2 * GRID
TRIES = 40


def drawing_positions(design: Design, engine: str = "auto") -> dict[str, Position]:
    """The design's positions, completed for drawing (see the module docstring)."""
    positions = dict(design.layout)
    with_topics = {t.broker for t in design.topics}
    nodes = [e.id for e in design.applications] + [t.id for t in design.topics]
    missing = [i for i in nodes if i not in positions]
    missing += [b.id for b in design.brokers if b.id not in with_topics and b.id not in positions]
    if missing and not any(i in positions for i in nodes):
        positions.update(auto_layout(design, engine).positions)
        missing = []
    for topic in design.topics:
        if topic.id in missing and _join_broker(design, topic, positions):
            missing.remove(topic.id)
    if missing:
        _add_below(design, missing, positions, engine)
    notes = [n for n in design.notes if n.id not in positions]
    if notes:
        scene = scene_of(design, positions)
        place_notes(design, notes, scene, positions, Occupancy(scene.all_boxes()))
    return positions


def _join_broker(design: Design, topic: Topic, positions: dict[str, Position]) -> bool:
    """Place ``topic`` under or over its broker's placed topics if the grown frame covers
    nothing else; False when the broker has no placed topic or there is no room."""
    members = [
        t.id
        for t in design.topics
        if t.broker == topic.broker and t.id != topic.id and t.id in positions
    ]
    if topic.broker is None or not members:
        return False
    scene = scene_of(design, positions)
    boxes = [scene.nodes[m] for m in members]
    others = [
        box for i, box in (*scene.nodes.items(), *scene.endpoints.items()) if i not in members
    ]
    others += [frame for broker, frame in scene.frames.items() if broker != topic.broker]
    x = min(b.x for b in boxes)
    below = max(b.bottom for b in boxes) + 2 * GRID
    above = min(b.y for b in boxes) - TOPIC_STEP
    for y in (below, above):
        box = Box(x, y, *node_size(topic))
        frame = frame_around([*boxes, box])
        if frame is not None and not any(frame.overlaps(other) for other in others):
            positions[topic.id] = Position(box.x, box.y)
            return True
    return False


def _add_below(
    design: Design, missing: list[str], positions: dict[str, Position], engine: str
) -> None:
    """Auto-lay out the whole design and take the missing elements' positions, moved as one
    group under what is already placed."""
    auto = auto_layout(design, engine).positions
    wanted = {i: auto[i] for i in missing if i in auto}
    placed, added = scene_of(design, positions).bounds(), scene_of(design, wanted).bounds()
    if placed is None or added is None:
        positions.update(wanted)
        return
    dx = round((placed.x - added.x) / GRID) * GRID
    dy = round((placed.bottom + 2 * MARGIN - added.y) / GRID) * GRID
    positions.update({i: Position(p.x + dx, p.y + dy) for i, p in wanted.items()})
