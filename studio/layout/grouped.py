"""The built-in layout of big designs: groups kept together, flowing left to right.

On a mesh of thousands of elements the flow graph is a hundred generations deep, and the
layered drawing of ``studio.layout.builtin`` spreads each broker's frame over all of them,
with applications interleaved between the frames. Big designs are read by their groups
instead (``studio.layout.grouping``): an owner's applications, a broker's topics (by domain
inside the frame). Each group becomes one block, and the layered method runs on the blocks:

1. Block order: the weighted greedy order of ``flow.acyclic_order``, improved by sifting
   (``block_order``). Publishing and subscribing weigh most, so producers' blocks come
   before their brokers and consumers' after.
2. Columns: runs of that order (``block_order.columns_of``) leaving the least link weight
   upright inside a column, each column no taller than a drawing ``ASPECT`` times as wide as
   tall would be; every link between columns keeps its direction.
3. Shapes (``studio.layout.block_shapes``): owners' applications in square grids; a broker's
   topics in one grid per domain, with the fewest grid columns that keep the frame within
   that height.
4. Order and heights in each column: barycentre sweeps on the blocks, then pool adjacent
   violators (``spacing.fit_in_order``) pulling each block towards its links' other ends.
   Members are then sorted by the heights of what they link to, the blocks reshaped and
   placed again.

Blocks of one column are stacked with a gap and columns do not overlap, so no two blocks
meet: frames never overlap and never cover anything else. Each step is linear in the links
or works on the few hundred blocks.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from studio.layout.block_order import columns_of, sifted
from studio.layout.block_shapes import Shape, grid_shape, square_columns
from studio.layout.flow import FlowGraph, acyclic_order
from studio.layout.grouping import BROKER
from studio.layout.spacing import fit_in_order

LAYER_GAP = 240.0  # between columns of blocks: room for the links to fan out
BLOCK_GAP = 120.0  # between blocks of one column, well clear of a frame's margins
ASPECT = 1.6  # the wished width of the drawing over its height: the flow reads across
SWEEPS = 4
ROUNDS = 6
RESHAPES = 2


@dataclass
class _Block:
    """One group: its members (in the order its shape places them), its column, its shape
    and grid columns, and its top."""

    key: str
    members: list[str]
    topics: bool
    layer: int = 0
    shape: Shape = field(default_factory=lambda: Shape({}, 0.0, 0.0))
    y: float = 0.0
    columns: int = 1

    @property
    def framed(self) -> bool:
        return self.key.startswith(BROKER)


def grouped_layout(graph: FlowGraph) -> dict[str, tuple[float, float]]:
    """Top-left positions of every node's own box, block by block."""
    if not graph.nodes:
        return {}
    return _Grouped(graph).run()


class _Grouped:
    def __init__(self, graph: FlowGraph) -> None:
        self.graph = graph
        self.size = graph.size
        self.index = graph.index
        self.blocks: dict[str, _Block] = {}
        for node in graph.nodes:
            key = graph.cluster[node]
            if key not in self.blocks:
                self.blocks[key] = _Block(key, [], graph.is_topic[node])
            self.blocks[key].members.append(node)
        self.links: dict[tuple[str, str], int] = defaultdict(int)
        for (source, target), weight in graph.edges.items():
            a, b = graph.cluster[source], graph.cluster[target]
            if a != b:
                self.links[a, b] += weight
        self.layers: list[list[_Block]] = []

    def run(self) -> dict[str, tuple[float, float]]:
        for block in self.blocks.values():
            block.columns = square_columns(block.members, self.size)
        self._shape_all({})
        cap = self._wished_height()
        for block in self.blocks.values():
            if block.topics:
                self._narrow(block, cap)
        self._assign_columns(cap)
        self._order_layers()
        self._place_blocks()
        for _ in range(RESHAPES):
            self._shape_all(self._member_wishes())
            self._place_blocks()
        return self._positions()

    # -- columns ------------------------------------------------------------------------

    def _wished_height(self) -> float:
        """The height of a drawing of all blocks ``ASPECT`` times as wide as tall (or of the
        tallest block of applications, which cannot be narrowed)."""
        blocks = self.blocks.values()
        area = sum((b.shape.w + LAYER_GAP) * (b.shape.h + BLOCK_GAP) for b in blocks)
        tallest = max((b.shape.h for b in blocks if not b.topics), default=0.0)
        return max(math.sqrt(area / ASPECT), tallest)

    def _assign_columns(self, cap: float) -> None:
        blocks = FlowGraph(
            nodes=list(self.blocks),
            is_topic={k: b.topics for k, b in self.blocks.items()},
            edges=dict(self.links),
        )
        order = sifted(acyclic_order(blocks), self.links)
        heights = {k: b.shape.h for k, b in self.blocks.items()}
        columns = columns_of(order, heights, self.links, cap, BLOCK_GAP)
        self.layers = [[self.blocks[key] for key in column] for column in columns]
        for i, layer in enumerate(self.layers):
            for block in layer:
                block.layer = i

    # -- shapes -------------------------------------------------------------------------

    def _shape_all(self, wished: Mapping[str, float]) -> None:
        """Shape every block with its members sorted by ``wished`` heights (file order for
        members without a wish)."""

        def key(node: str) -> tuple[float, int]:
            return wished.get(node, 0.0), self.index[node]

        for block in self.blocks.values():
            block.members.sort(key=key)
            self._reshape(block)

    def _reshape(self, block: _Block) -> None:
        groups = self._by_domain(block) if block.topics else [block.members]
        block.shape = grid_shape(groups, self.size, block.columns, framed=block.framed)

    def _narrow(self, block: _Block, cap: float) -> None:
        """Give a topic block the fewest grid columns that keep it within ``cap`` (found by
        bisection: more columns never make a block taller)."""
        low, high = 1, len(block.members)
        while low < high:
            block.columns = (low + high) // 2
            self._reshape(block)
            if block.shape.h <= cap:
                high = block.columns
            else:
                low = block.columns + 1
        block.columns = low
        self._reshape(block)

    def _by_domain(self, block: _Block) -> list[list[str]]:
        """A topic block's members grouped by domain, domains in the order of their first
        member (members are sorted already)."""
        groups: dict[str, list[str]] = {}
        for member in block.members:
            groups.setdefault(self.graph.domain.get(member, ""), []).append(member)
        return list(groups.values())

    # -- order and heights in each column -------------------------------------------------

    def _neighbour_blocks(self) -> dict[str, list[tuple[str, int]]]:
        result: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (a, b), weight in self.links.items():
            result[a].append((b, weight))
            result[b].append((a, weight))
        return result

    def _order_layers(self) -> None:
        """Barycentre sweeps over whole blocks, against crossings between columns."""
        neighbours = self._neighbour_blocks()
        position: dict[str, float] = {}
        for layer in self.layers:
            for i, block in enumerate(layer):
                position[block.key] = (i + 0.5) / len(layer)
        sweep = list(range(len(self.layers)))
        for _ in range(SWEEPS):
            for columns, before in ((sweep[1:], True), (sweep[-2::-1], False)):
                for column in columns:
                    layer = self.layers[column]
                    wished = {}
                    for block in layer:
                        seen = [
                            (position[other], weight)
                            for other, weight in neighbours[block.key]
                            if (self.blocks[other].layer < column) == before
                            and self.blocks[other].layer != column
                        ]
                        total = sum(w for _, w in seen)
                        mean = sum(p * w for p, w in seen) / total if total else None
                        wished[block.key] = position[block.key] if mean is None else mean
                    layer.sort(key=lambda b: (wished[b.key], position[b.key]))
                    for i, block in enumerate(layer):
                        position[block.key] = (i + 0.5) / len(layer)

    def _place_blocks(self) -> None:
        """Stack each column, then pull blocks towards their links' other ends, column by
        column, alternately left to right and back."""
        for layer in self.layers:
            y = 0.0
            for block in layer:
                block.y = y
                y += block.shape.h + BLOCK_GAP
        pulls = self._pulls()
        for round_ in range(ROUNDS):
            layers = self.layers if round_ % 2 == 0 else self.layers[::-1]
            for layer in layers:
                wished = [self._wished_top(block, pulls) for block in layer]
                heights = [block.shape.h for block in layer]
                tops = fit_in_order(wished, heights, BLOCK_GAP, -math.inf, math.inf)
                for block, top in zip(layer, tops, strict=True):
                    block.y = top

    def _pulls(self) -> dict[str, tuple[dict[str, float], dict[str, int], float, int]]:
        """For each block, what its wished top needs: per linked block, the sum of the
        anchors (within that block) of the linked members and their count; the sum of its own
        members' anchors on those links, and how many links there are."""
        pulls: dict[str, tuple[dict[str, float], dict[str, int], float, int]] = {}
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        own: dict[str, float] = defaultdict(float)
        total: dict[str, int] = defaultdict(int)
        cluster, anchor = self.graph.cluster, self._anchors_in_blocks()
        for source, target in self.graph.edges:
            a, b = cluster[source], cluster[target]
            if a == b:
                continue
            for mine, theirs, block, other in ((source, target, a, b), (target, source, b, a)):
                sums[block][other] += anchor[theirs]
                counts[block][other] += 1
                own[block] += anchor[mine]
                total[block] += 1
        for key in self.blocks:
            pulls[key] = (sums[key], counts[key], own[key], total[key])
        return pulls

    def _anchors_in_blocks(self) -> dict[str, float]:
        """How far below its block's top each node's links attach."""
        return {
            member: block.shape.offsets[member][1] + self.size[member].anchor
            for block in self.blocks.values()
            for member in block.members
        }

    def _wished_top(
        self,
        block: _Block,
        pulls: Mapping[str, tuple[dict[str, float], dict[str, int], float, int]],
    ) -> float:
        """The top that puts the block's linked members, on average, level with what they
        link to."""
        sums, counts, own, total = pulls[block.key]
        if not total:
            return block.y
        theirs = sum(counts[other] * self.blocks[other].y + s for other, s in sums.items())
        return (theirs - own) / total

    def _member_wishes(self) -> dict[str, float]:
        """Each member's wished height: the mean anchor of the nodes it links to."""
        anchor = self._anchors_in_blocks()
        for block in self.blocks.values():
            for member in block.members:
                anchor[member] += block.y
        seen: dict[str, list[float]] = defaultdict(list)
        for source, target in self.graph.edges:
            seen[source].append(anchor[target])
            seen[target].append(anchor[source])
        return {node: sum(heights) / len(heights) for node, heights in seen.items()}

    # -- result -------------------------------------------------------------------------

    def _positions(self) -> dict[str, tuple[float, float]]:
        widths = [max(b.shape.w for b in layer) for layer in self.layers]
        lefts = itertools.accumulate((w + LAYER_GAP for w in widths[:-1]), initial=0.0)
        result: dict[str, tuple[float, float]] = {}
        for layer, left, width in zip(self.layers, lefts, widths, strict=True):
            for block in layer:
                x = left + (width - block.shape.w) / 2
                for member in block.members:
                    dx, dy = block.shape.offsets[member]
                    size = self.size[member]
                    result[member] = (x + dx + size.dx, block.y + dy + size.dy)
        return {node: result[node] for node in self.graph.nodes}
