"""The inside of one block of a big design: where its applications or topics sit.

The layout of big designs (``studio.layout.grouped``) places whole blocks; this module decides
each block's shape. Members sit in a grid, row by row in the order given (the layout passes
them sorted by the height of what they link to, so rows line up with their neighbours). A
column is as wide as its widest footprint and a row as tall as its tallest, so docked
endpoints and reserved notes always fit. An owner's applications form one roughly square
grid. A broker's topics are one grid per domain, stacked, all with the same columns, inside
the frame's margins: the frame the canvas draws around them is never larger than the block.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studio.layout.geometry import FRAME_BOTTOM, FRAME_SIDE, FRAME_TOP, Footprint

CELL_GAP = 40.0  # between columns inside a block
ROW_GAP = 24.0  # between rows, as between nodes of a column in the layered layout
DOMAIN_GAP = 48.0  # between the domains of one broker: a visible break, less than a frame's


@dataclass(frozen=True)
class Shape:
    """A block's size and the top-left of each member's footprint inside it."""

    offsets: dict[str, tuple[float, float]]
    w: float
    h: float


def square_columns(members: Sequence[str], size: Mapping[str, Footprint]) -> int:
    """How many columns make a grid of ``members`` about as wide as it is tall."""
    if not members:
        return 1
    height = sum(size[m].h + ROW_GAP for m in members)
    width = max(size[m].w for m in members) + CELL_GAP
    return max(1, min(len(members), round(math.sqrt(height / width))))


def grid_shape(
    groups: Sequence[Sequence[str]],
    size: Mapping[str, Footprint],
    columns: int,
    framed: bool = False,
) -> Shape:
    """``groups`` of members one under the other, each filled row by row into ``columns``
    shared columns; inside broker frame margins when ``framed``."""
    rows = [list(group[i : i + columns]) for group in groups for i in range(0, len(group), columns)]
    widths = [0.0] * columns
    for row in rows:
        for j, member in enumerate(row):
            widths[j] = max(widths[j], size[member].w)
    lefts = list(itertools.accumulate((w + CELL_GAP for w in widths[:-1]), initial=0.0))
    left, top = (FRAME_SIDE, FRAME_TOP) if framed else (0.0, 0.0)
    offsets: dict[str, tuple[float, float]] = {}
    y = top
    for group in groups:
        for i in range(0, len(group), columns):
            cells = group[i : i + columns]
            for j, member in enumerate(cells):
                offsets[member] = (left + lefts[j], y)
            y += max(size[m].h for m in cells) + ROW_GAP
        y += DOMAIN_GAP - ROW_GAP
    inner_w = lefts[-1] + widths[-1] if rows else 0.0
    inner_h = max(0.0, y - top - DOMAIN_GAP)
    if framed:
        return Shape(offsets, inner_w + 2 * FRAME_SIDE, inner_h + FRAME_TOP + FRAME_BOTTOM)
    return Shape(offsets, inner_w, inner_h)


def rows_needed(groups: Sequence[Sequence[str]], columns: int) -> int:
    """How many rows ``grid_shape`` makes of ``groups`` in ``columns`` columns."""
    return sum(math.ceil(len(group) / columns) for group in groups)
