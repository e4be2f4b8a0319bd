"""A design as a drawing: shapes with their texts and colours, and edges as curves.

Both diagram writers (SVG and DOT) draw from this one description, so they show the same
things the same way the canvas does: what each element is called, its accent colour, its
problem mark and note badge, and each link's curve between the sides of its two ends
(``EdgeItem.update_path`` on the canvas). Positions come from the design's ``layout:``,
completed by ``studio.layout.completion`` for elements without one. A view's diagram draws
only its members and the links among them (``studio.layout.view_part``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from studio.layout.completion import drawing_positions
from studio.layout.geometry import Box, Scene, endpoints_by_provider, scene_of
from studio.layout.style import kind_accent, method_colour, protocol_accent
from studio.layout.view_part import shown_part
from studio.model import Application, Broker, Design, Element, Position
from studio.model.references import references_of
from studio.model.relations import Link, links_of

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Shape:
    """One drawn element. ``kind`` is application, datastore, topic, endpoint, note or frame;
    ``tag`` is a topic's protocol or an endpoint's method; ``lines`` a note's text."""

    kind: str
    element_id: str
    box: Box
    title: str
    subtitle: str = ""
    accent: str = ""
    tag: str = ""
    lines: tuple[str, ...] = ()
    evented: bool = False
    problem: str = ""
    notes: int = 0
    app_kind: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    """One link drawn as a cubic curve ``start -> c1 -> c2 -> end``; ``forward`` when it
    leaves its source on the right (the target is not left of the source)."""

    link: Link
    start: Point
    c1: Point
    c2: Point
    end: Point
    forward: bool

    @property
    def middle(self) -> Point:
        """The curve's point at t = 0.5, where a webhook's bell sits."""
        return (
            (self.start[0] + 3 * self.c1[0] + 3 * self.c2[0] + self.end[0]) / 8,
            (self.start[1] + 3 * self.c1[1] + 3 * self.c2[1] + self.end[1]) / 8,
        )


@dataclass(frozen=True)
class Diagram:
    """Everything to draw, back to front: frames, then nodes; ``edges`` go between them."""

    title: str
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]
    bounds: Box


def diagram_of(
    design: Design,
    positions: dict[str, Position] | None = None,
    only: Collection[str] | None = None,
) -> Diagram:
    """The drawing of ``design`` at ``positions`` (by default ``drawing_positions``).

    ``only``: the ids to draw (a view's members) with the links among them; problem marks
    still read the whole design, so a link to an element outside is no "unknown" reference.
    """
    known = {e.id for e in design.elements()}
    if only is not None:
        design = shown_part(design, only)
    positions = drawing_positions(design) if positions is None else positions
    scene = scene_of(design, positions)
    pinned = Counter(n.on for n in design.notes if n.on)
    protocols = {b.id: b.protocol for b in design.brokers}
    shapes: list[Shape] = []

    def problem(element: Element) -> str:
        missing = sorted({r for r in references_of(element) if r not in known})
        return ("refers to unknown " + ", ".join(f"'{m}'" for m in missing)) if missing else ""

    for broker in design.brokers:
        if broker.id in scene.frames:
            shapes.append(_frame(broker, scene.frames[broker.id], pinned[broker.id]))
    for app in design.applications:
        if app.id in scene.nodes:
            shapes.append(_application(app, scene.nodes[app.id], problem(app), pinned[app.id]))
    for topic in design.topics:
        if topic.id in scene.nodes:
            protocol = protocols.get(topic.broker or "", "?")
            count = len(topic.messages)
            shapes.append(
                Shape(
                    "topic",
                    topic.id,
                    scene.nodes[topic.id],
                    topic.address,
                    f"{topic.id} · {count} message{'s' if count != 1 else ''}",
                    protocol_accent(protocol),
                    protocol.upper(),
                    problem=problem(topic),
                    notes=pinned[topic.id],
                )
            )
    for endpoints in endpoints_by_provider(design).values():
        for endpoint in endpoints:
            if endpoint.id in scene.endpoints:
                shapes.append(
                    Shape(
                        "endpoint",
                        endpoint.id,
                        scene.endpoints[endpoint.id],
                        endpoint.path,
                        endpoint.summary or "",
                        method_colour(endpoint.method),
                        endpoint.method,
                        problem=problem(endpoint),
                        notes=pinned[endpoint.id],
                    )
                )
    for number, note in enumerate(design.notes, 1):
        if note.id in scene.nodes:
            header = (note.author or "note") + ("  ✓ resolved" if note.resolved else "")
            shapes.append(
                Shape(
                    "note",
                    note.id,
                    scene.nodes[note.id],
                    header,
                    lines=(note.text,),
                    tag=str(number),
                    problem=problem(note),
                )
            )
    edges = tuple(edge for link in links_of(design) if (edge := _edge(link, scene)) is not None)
    bounds = scene.bounds() or Box(0, 0, 0, 0)
    title = " ".join(p for p in (design.info.title, design.info.version) if p)
    return Diagram(title, tuple(shapes), edges, bounds)


def _frame(broker: Broker, box: Box, notes: int) -> Shape:
    # two lines, as on the canvas: the name, then the host (or the protocol without one)
    return Shape(
        "frame",
        broker.id,
        box,
        broker.name or broker.id,
        subtitle=broker.host or broker.protocol,
        accent=protocol_accent(broker.protocol),
        tag=broker.protocol,
        notes=notes,
    )


def _application(app: Application, box: Box, problem: str, notes: int) -> Shape:
    evented = app.webhooks is not None
    role = "evented API" if evented else app.kind
    subtitle = f"{role} · {app.owner}" if app.owner else role
    kind = "datastore" if app.kind == "datastore" else "application"
    return Shape(
        kind,
        app.id,
        box,
        app.name or app.id,
        subtitle,
        kind_accent(app.kind),
        evented=evented,
        problem=problem,
        notes=notes,
        app_kind=app.kind,
    )


def _edge(link: Link, scene: Scene) -> Edge | None:
    source, target = scene.box_of(link.source), scene.box_of(link.target)
    if source is None or target is None:
        return None  # a dangling reference (the element carries a problem mark instead)
    forward = source.centre[0] <= target.centre[0]
    start = (source.right if forward else source.x, source.centre[1])
    end = (target.x if forward else target.right, target.centre[1])
    pull = max(40.0, abs(end[0] - start[0]) * 0.5) * (1 if forward else -1)
    return Edge(link, start, (start[0] + pull, start[1]), (end[0] - pull, end[1]), end, forward)
