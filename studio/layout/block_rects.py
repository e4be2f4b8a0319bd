"""The rectangle around each block of a folded design, measuring as few texts as possible.

A block's rectangle must enclose its members' boxes exactly where ``scene_of`` draws them,
and folding runs again after edits on designs of 20,000 elements, where measuring every
label (what ``scene_of`` does) takes longer than the fold may. But only widths come from
texts: a box's height is fixed by its kind and its width lies between the classic size and
``MAX_WIDTH`` (``studio.layout.node_sizes``). So the left, top and bottom of a block are known
without measuring, and of the boxes only those that might reach past the rightmost edge known
for sure are measured: in a block laid out as a grid, the boxes of its last column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TypeAlias

from studio.layout.geometry import (
    ENDPOINT_GAP,
    ENDPOINT_INDENT,
    ENDPOINT_TOP,
    FRAME_BOTTOM,
    FRAME_SIDE,
    FRAME_TOP,
    empty_frame,
    endpoints_by_provider,
    node_size,
    scene_of,
)
from studio.layout.node_sizes import (
    APP_SIZE,
    DATASTORE_SIZE,
    ENDPOINT_MAX_WIDTH,
    ENDPOINT_SIZE,
    MAX_WIDTH,
    TOPIC_SIZE,
    endpoint_size,
)
from studio.model import Application, Design, Endpoint, Position, Topic

Rect = tuple[float, float, float, float]  # x, y, width, height
NOWHERE: Rect = (0.0, 0.0, 0.0, 0.0)  # a block none of whose members is placed
_Sized: TypeAlias = Application | Topic | Endpoint


class _Extent:
    """One block's boxes as known without measuring: left, top, bottom, the right edge at
    their narrowest and at their widest. The right edge is measured in ``rect`` for just the
    boxes that may reach past the edge surely reached."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float, float, _Sized]] = []

    def add(
        self, x: float, y: float, height: float, widths: tuple[float, float], of: _Sized
    ) -> None:
        """A box at ``(x, y)`` whose width lies in ``widths`` (narrowest, widest)."""
        self.boxes.append((x, y, y + height, x + widths[0], x + widths[1], of))

    def rect(self) -> Rect:
        lefts, tops, bottoms, narrowest, widest, elements = zip(*self.boxes, strict=True)
        left, top, right = min(lefts), min(tops), max(narrowest)
        for x, furthest, element in zip(lefts, widest, elements, strict=True):
            if furthest > right:  # else it cannot reach past the edge known so far
                right = max(right, x + _width(element))
        return left, top, right - left, max(bottoms) - top


def block_rects(
    design: Design, positions: Mapping[str, Position], block_of: Mapping[str, str]
) -> dict[str, Rect]:
    """The rectangle of each block of ``block_of`` around its members' boxes (a broker's:
    its frame); ``NOWHERE`` for a block with nothing placed."""
    extents: dict[str, _Extent] = defaultdict(_Extent)
    provided = endpoints_by_provider(design)
    for app in design.applications:
        at = positions.get(app.id)
        if at is None or app.id not in block_of:
            continue
        narrowest, height = DATASTORE_SIZE if app.kind == "datastore" else APP_SIZE
        extents[block_of[app.id]].add(at.x, at.y, height, (narrowest, MAX_WIDTH), app)
        docked = at.y + height + ENDPOINT_TOP
        for i, endpoint in enumerate(provided.get(app.id, ())):
            y = docked + i * (ENDPOINT_SIZE[1] + ENDPOINT_GAP)
            extents[block_of[endpoint.id]].add(
                at.x + ENDPOINT_INDENT, y, ENDPOINT_SIZE[1], _ENDPOINT_WIDTHS, endpoint
            )
    for topic in design.topics:
        at = positions.get(topic.id)
        if at is not None and topic.id in block_of:
            extents[block_of[topic.id]].add(at.x, at.y, TOPIC_SIZE[1], _TOPIC_WIDTHS, topic)
    _add_stray_endpoints(design, positions, block_of, extents)
    rects = {block: extent.rect() for block, extent in extents.items()}
    for broker in design.brokers:
        block = block_of.get(broker.id)
        if block is None:
            continue
        if block in rects:
            rects[block] = _framed(rects[block])
        elif broker.id in positions:
            frame = empty_frame(positions[broker.id])
            rects[block] = frame.x, frame.y, frame.w, frame.h
    return {block: rects.get(block, NOWHERE) for block in dict.fromkeys(block_of.values())}


_ENDPOINT_WIDTHS = (ENDPOINT_SIZE[0], ENDPOINT_MAX_WIDTH)
_TOPIC_WIDTHS = (TOPIC_SIZE[0], MAX_WIDTH)


def _framed(inner: Rect) -> Rect:
    """The broker frame the canvas draws around topics spanning ``inner``."""
    x, y, w, h = inner
    return x - FRAME_SIDE, y - FRAME_TOP, w + 2 * FRAME_SIDE, h + FRAME_TOP + FRAME_BOTTOM


def _add_stray_endpoints(
    design: Design,
    positions: Mapping[str, Position],
    block_of: Mapping[str, str],
    extents: dict[str, _Extent],
) -> None:
    """Endpoints of a provider that is no application: ``scene_of`` shows them below the
    drawing, so it is asked where (rare, so its cost does not matter)."""
    applications = {a.id for a in design.applications}
    if all(e.provider in applications for e in design.endpoints):
        return
    scene = scene_of(design, positions)
    for endpoint in design.endpoints:
        box = scene.endpoints.get(endpoint.id)
        if endpoint.provider not in applications and box is not None and endpoint.id in block_of:
            extents[block_of[endpoint.id]].add(box.x, box.y, box.h, (box.w, box.w), endpoint)


def _width(element: _Sized) -> float:
    if isinstance(element, Endpoint):
        return endpoint_size(element)[0]
    return node_size(element)[0]
