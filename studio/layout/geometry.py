"""Where everything of a design is drawn, as plain rectangles, given the elements' positions.

The canvas owns the look, but diagrams, layout engines and the overlap check all need the same
answer to "how big is this element and what does it cover": boxes grow with their texts by the
rules of ``studio.layout.node_sizes``, which the canvas items use too, and the canvas rules
around them are mirrored here without Qt:
endpoints are docked under their provider (6 px below, 8 px in, stacked with 4 px gaps), a
broker is a frame 18 px around its topics with a 34 px title band, and a broker without topics
is an empty frame at its own position. ``scene_of`` turns positions into these rectangles;
``find_overlaps`` says which of them collide, the promise every layout must keep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from studio.layout.node_sizes import (
    APP_SIZE,
    DATASTORE_SIZE,
    ENDPOINT_SIZE,
    NOTE_SIZE,
    TOPIC_SIZE,
    endpoint_size,
)
from studio.layout.node_sizes import node_size as _node_size
from studio.model import Application, Design, Endpoint, Position, Topic

__all__ = ["APP_SIZE", "DATASTORE_SIZE", "ENDPOINT_SIZE", "NOTE_SIZE", "TOPIC_SIZE"]
ENDPOINT_INDENT, ENDPOINT_TOP, ENDPOINT_GAP = 8.0, 6.0, 4.0
FRAME_SIDE, FRAME_TOP, FRAME_BOTTOM = 18.0, 34.0, 18.0
EMPTY_FRAME_INNER = (220.0, 60.0)
NOTE_GAP, NOTE_OVERHANG = 8.0, 12.0  # a note step of 80 px keeps notes on the 10 px grid


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle, top-left ``(x, y)``, y growing downwards as on the canvas."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def overlaps(self, other: Box) -> bool:
        """True when the interiors meet; touching edges do not count."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


def bounding(boxes: Iterable[Box]) -> Box | None:
    """The smallest box around ``boxes`` (None for none)."""
    result: Box | None = None
    for box in boxes:
        result = box if result is None else result.union(box)
    return result


def node_size(element: Application | Topic) -> tuple[float, float]:
    """The size of the canvas item of an application, datastore or topic."""
    return _node_size(element)


def endpoint_boxes(provider: Box, endpoints: list[Endpoint]) -> list[Box]:
    """The docked tabs of a provider's ``endpoints``, in file order."""
    step = ENDPOINT_SIZE[1] + ENDPOINT_GAP
    return [
        Box(
            provider.x + ENDPOINT_INDENT,
            provider.bottom + ENDPOINT_TOP + i * step,
            *endpoint_size(endpoint),
        )
        for i, endpoint in enumerate(endpoints)
    ]


@dataclass(frozen=True, slots=True)
class Footprint:
    """The space a node needs with what hangs on it (docked endpoints below, notes pinned to
    it above): ``w`` x ``h``, with the node's own box at ``(dx, dy)`` inside."""

    w: float
    h: float
    dx: float
    dy: float
    box_w: float
    box_h: float

    @property
    def anchor(self) -> float:
        """Height of the node's middle inside the footprint, where its links attach."""
        return self.dy + self.box_h / 2


def note_boxes(anchor: Box, count: int) -> list[Box]:
    """Where ``count`` notes pinned to ``anchor`` go: stacked above it, reaching a little past
    its right edge (above-right), the first one nearest."""
    x = anchor.right - NOTE_SIZE[0] + NOTE_OVERHANG
    step = NOTE_SIZE[1] + NOTE_GAP
    return [Box(x, anchor.y - (i + 1) * step, *NOTE_SIZE) for i in range(count)]


def footprint(element: Application | Topic, endpoints: list[Endpoint], notes: int = 0) -> Footprint:
    """What a layout must keep free for a node with its docked ``endpoints`` and reserved
    notes."""
    width, height = node_size(element)
    box = Box(0.0, 0.0, width, height)
    parts = [box, *endpoint_boxes(box, endpoints), *note_boxes(box, notes)]
    around = bounding(parts)
    assert around is not None
    return Footprint(around.w, around.h, -around.x, -around.y, width, height)


def frame_around(topics: Iterable[Box]) -> Box | None:
    """The broker frame the canvas draws around these topic boxes."""
    inner = bounding(topics)
    if inner is None:
        return None
    return Box(
        inner.x - FRAME_SIDE,
        inner.y - FRAME_TOP,
        inner.w + 2 * FRAME_SIDE,
        inner.h + FRAME_TOP + FRAME_BOTTOM,
    )


def empty_frame(position: Position | tuple[float, float]) -> Box:
    """The frame of a broker without topics placed at ``position``."""
    x, y = (position.x, position.y) if isinstance(position, Position) else position
    return frame_around([Box(x, y, *EMPTY_FRAME_INNER)])  # type: ignore[return-value]


def endpoints_by_provider(design: Design) -> dict[str, list[Endpoint]]:
    provided: dict[str, list[Endpoint]] = defaultdict(list)
    for endpoint in design.endpoints:
        provided[endpoint.provider].append(endpoint)
    return provided


@dataclass
class Scene:
    """Every rectangle a design covers: nodes (applications, topics, notes), docked
    endpoints, and broker frames with the ids of the topics inside them."""

    nodes: dict[str, Box] = field(default_factory=dict)
    endpoints: dict[str, Box] = field(default_factory=dict)
    frames: dict[str, Box] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)

    def box_of(self, element_id: str) -> Box | None:
        return (
            self.nodes.get(element_id)
            or self.endpoints.get(element_id)
            or self.frames.get(element_id)
        )

    def all_boxes(self) -> Iterable[Box]:
        yield from self.nodes.values()
        yield from self.endpoints.values()
        yield from self.frames.values()

    def bounds(self) -> Box | None:
        return bounding(self.all_boxes())


def scene_of(design: Design, positions: Mapping[str, Position]) -> Scene:
    """The rectangles of every element that has a position (endpoints follow providers)."""
    scene = Scene()
    for app in design.applications:
        if app.id in positions:
            p = positions[app.id]
            scene.nodes[app.id] = Box(p.x, p.y, *node_size(app))
    for topic in design.topics:
        if topic.id in positions:
            p = positions[topic.id]
            scene.nodes[topic.id] = Box(p.x, p.y, *node_size(topic))
    for note in design.notes:
        if note.id in positions:
            p = positions[note.id]
            scene.nodes[note.id] = Box(p.x, p.y, *NOTE_SIZE)
    orphans = []
    applications = {a.id for a in design.applications}
    for provider, endpoints in endpoints_by_provider(design).items():
        box = scene.nodes.get(provider)
        if box is not None:
            for endpoint, tab in zip(endpoints, endpoint_boxes(box, endpoints), strict=True):
                scene.endpoints[endpoint.id] = tab
        elif provider not in applications:  # unknown provider: shown apart, as on the canvas
            orphans.extend(endpoints)
    for broker in design.brokers:
        members = {t.id for t in design.topics if t.broker == broker.id and t.id in scene.nodes}
        frame = frame_around(scene.nodes[t] for t in sorted(members))
        if frame is None and broker.id in positions:
            frame = empty_frame(positions[broker.id])
        if frame is not None:
            scene.frames[broker.id] = frame
            scene.members[broker.id] = members
    below = scene.bounds()
    if orphans and below is not None:
        x = below.x
        for endpoint in orphans:
            tab = scene.endpoints[endpoint.id] = Box(x, below.bottom + 40, *endpoint_size(endpoint))
            x = tab.right + 20
    return scene


def find_overlaps(scene: Scene) -> list[tuple[str, str]]:
    """Pairs of ids whose drawings collide: two nodes or endpoints, a frame and an element
    that is not one of its topics, or two frames. Empty means the layout is clean."""
    items = sorted([*scene.nodes.items(), *scene.endpoints.items()])
    found: set[tuple[str, str]] = set()
    # a uniform grid: each box is compared only with boxes sharing one of its cells
    cell = 256.0
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, (_, box) in enumerate(items):
        for cx in range(int(box.x // cell), int(box.right // cell) + 1):
            for cy in range(int(box.y // cell), int(box.bottom // cell) + 1):
                grid[cx, cy].append(index)
    for members in grid.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if items[a][1].overlaps(items[b][1]):
                    found.add((items[a][0], items[b][0]))
    frames = sorted(scene.frames.items())
    for i, (broker, frame) in enumerate(frames):
        inside = scene.members.get(broker, set())
        for element_id, box in items:
            if element_id not in inside and frame.overlaps(box):
                found.add((broker, element_id))
        for other, other_frame in frames[i + 1 :]:
            if frame.overlaps(other_frame):
                found.add((broker, other))
    return sorted(found)
