"""The built-in layout engine: a layered (Sugiyama-style) drawing that needs only networkx.

Columns come from ``studio.layout.flow`` (shared with the ``dot`` engine). Within a column,
nodes are ordered by barycenter sweeps: each node moves to the mean position of its
neighbours in the columns already visited, alternately left to right and right to left,
which removes most edge crossings. A broker's topics must sit together in one frame, and a
frame spanning several columns must not cover the nodes of the columns in between, so each
broker is a *block*: one vertical band, the same in every column it spans, holding its topics;
the blocks keep one order in every column (else two frames would cross). Vertical positions
start as the tightest stacking that respects the gaps (longest paths in the constraint graph),
then each column is pulled towards its neighbours by isotonic regression (pool adjacent
violators), which finds the positions nearest to the wished ones that keep order and gaps.
Each sweep and round is linear in the links: the 5,000-element benchmark mesh takes 0.3 s.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from studio.layout.flow import FlowGraph, flow_dag, layers_of
from studio.layout.geometry import FRAME_BOTTOM, FRAME_TOP, TOPIC_SIZE
from studio.layout.grouped import grouped_layout
from studio.layout.spacing import fit_in_order

COLUMN_STEP = 300.0  # the distance between columns, as in the samples drawn on the canvas
COLUMN_WIDTH = TOPIC_SIZE[0]
ROW_GAP = 24.0
SWEEPS = 4
ROUNDS = 4
# Above this many applications and topics a design is laid out by groups: node by node, its
# flow is too deep to read. It is where ``auto`` stops asking Graphviz, so ``dot`` draws the
# designs small enough to read node by node when it is installed, and this engine the rest.
GROUPED_FROM = 300


@dataclass
class _Block:
    """The band of one broker: its topics per column, the columns it spans, its top."""

    broker: str
    columns: dict[int, list[str]] = field(default_factory=dict)
    height: float = 0.0
    y: float = 0.0

    @property
    def span(self) -> range:
        return range(min(self.columns), max(self.columns) + 1)

    def slot(self) -> str:
        return "\0" + self.broker  # ids cannot start with NUL, so slots never clash with them


def builtin_layout(graph: FlowGraph) -> dict[str, tuple[float, float]]:
    """Top-left positions of every node's own box (not its footprint): by groups for a big
    design (``studio.layout.grouped``), node by node otherwise."""
    if not graph.nodes:
        return {}
    if len(graph.nodes) > GROUPED_FROM and graph.cluster:
        return grouped_layout(graph)
    layer = layers_of(graph, flow_dag(graph))
    return _Layered(graph, layer).run()


class _Layered:
    def __init__(self, graph: FlowGraph, layer: dict[str, int]) -> None:
        self.graph = graph
        self.layer = layer
        self.neighbours = graph.neighbours()
        self.depth = max(layer.values()) + 1
        self.blocks: dict[str, _Block] = {}
        for node in graph.nodes:  # file order, so topics start in file order in their block
            broker = graph.group.get(node)
            if broker is not None:
                block = self.blocks.setdefault(broker, _Block(broker))
                block.columns.setdefault(layer[node], []).append(node)
        self.by_slot = {b.slot(): b for b in self.blocks.values()}
        self.pos: dict[str, float] = {}
        self.y: dict[str, float] = {}
        self.columns: list[list[str]] = [[] for _ in range(self.depth)]
        self.in_column: list[list[str]] = [[] for _ in range(self.depth)]
        for node in graph.nodes:
            self.in_column[layer[node]].append(node)

    def run(self) -> dict[str, tuple[float, float]]:
        self._order()
        self._stack()
        for round_ in range(ROUNDS):
            columns = range(self.depth) if round_ % 2 == 0 else range(self.depth - 1, -1, -1)
            for column in columns:
                self._balance_column(column)
            for block in self.blocks.values():
                self._balance_block(block)
        # a column is as wide as its widest footprint (boxes grow with their texts), and
        # keeps the classic gap to the next one
        widths = [COLUMN_WIDTH] * self.depth
        for node in self.graph.nodes:
            widths[self.layer[node]] = max(widths[self.layer[node]], self.graph.size[node].w)
        lefts = list(
            itertools.accumulate((w + COLUMN_STEP - COLUMN_WIDTH for w in widths[:-1]), initial=0.0)
        )
        result = {}
        for node in self.graph.nodes:
            size, column = self.graph.size[node], self.layer[node]
            x = lefts[column] + (widths[column] - size.box_w) / 2
            result[node] = (x, self.y[node] + size.dy)
        return result

    # -- ordering ---------------------------------------------------------------------

    def _order(self) -> None:
        start = {n: float(i) for i, n in enumerate(_dfs_order(self.graph))}
        self.pos = dict(start)
        keys = self._block_keys()
        for column in range(self.depth):
            self._arrange(column, start, keys)
        for _ in range(SWEEPS):
            keys = self._block_keys()
            for column in range(1, self.depth):
                self._arrange(column, self._barycentres(column, left=True), keys)
            keys = self._block_keys()
            for column in range(self.depth - 2, -1, -1):
                self._arrange(column, self._barycentres(column, left=False), keys)

    def _barycentres(self, column: int, left: bool) -> dict[str, float]:
        wished: dict[str, float] = {}
        for node in self._nodes_in(column):
            seen = [
                self.pos[m]
                for m in self.neighbours[node]
                if (self.layer[m] < column if left else self.layer[m] > column)
            ]
            wished[node] = sum(seen) / len(seen) if seen else self.pos[node]
        return wished

    def _nodes_in(self, column: int) -> list[str]:
        if self.columns[column]:
            return [n for unit in self.columns[column] for n in self._unit_nodes(unit, column)]
        return self.in_column[column]

    def _unit_nodes(self, unit: str, column: int) -> list[str]:
        block = self.by_slot.get(unit)
        return [unit] if block is None else block.columns.get(column, [])

    def _arrange(self, column: int, key: dict[str, float], global_key: dict[str, float]) -> None:
        """Sort one column by ``key``, topics grouped per broker, brokers in global order."""
        old = {n: i for i, n in enumerate(self._nodes_in(column))}
        units: list[tuple[float, float, str]] = []
        for node in self.in_column[column]:
            if node not in self.graph.group:
                units.append((key.get(node, 0.0), old.get(node, 0), node))
        for block in self.blocks.values():
            if column not in block.span:
                continue
            members = block.columns.get(column, [])
            if members:
                members.sort(key=lambda n: (key.get(n, 0.0), old.get(n, 0)))
                mean = sum(key.get(n, 0.0) for n in members) / len(members)
            else:
                mean = global_key[block.broker]
            units.append((mean, min((old.get(n, 0) for n in members), default=-1), block.slot()))
        units.sort()
        order = [unit for _, _, unit in units]
        # blocks take the slots in the order the whole drawing uses, so frames never cross
        slots = [i for i, unit in enumerate(order) if unit in self.by_slot]
        ranked = sorted((order[i] for i in slots), key=lambda s: global_key[s[1:]])
        for i, slot in zip(slots, ranked, strict=True):
            order[i] = slot
        self.columns[column] = order
        nodes = [n for unit in order for n in self._unit_nodes(unit, column)]
        for i, node in enumerate(nodes):
            self.pos[node] = (i + 0.5) / len(nodes)

    def _block_keys(self) -> dict[str, float]:
        keys = {}
        for index, block in enumerate(self.blocks.values()):
            members = [n for ns in block.columns.values() for n in ns]
            known = [self.pos[n] for n in members if n in self.pos]
            keys[block.broker] = (sum(known) / len(known) if known else 0.0) + index * 1e-9
        return keys

    # -- vertical positions -------------------------------------------------------------

    def _height(self, unit: str) -> float:
        block = self.by_slot.get(unit)
        return block.height if block is not None else self.graph.size[unit].h

    def _stack(self) -> None:
        """The tightest positions: longest paths through 'a is above b' constraints."""
        for block in self.blocks.values():
            stacks = [
                _stack_height([self.graph.size[n].h for n in members])
                for members in block.columns.values()
            ]
            block.height = FRAME_TOP + max(stacks) + FRAME_BOTTOM
        constraints = nx.DiGraph()
        for order in self.columns:
            constraints.add_nodes_from(order)
            for above, below in itertools.pairwise(order):
                constraints.add_edge(above, below, gap=self._height(above) + ROW_GAP)
        top: dict[str, float] = {}
        for unit in nx.topological_sort(constraints):
            top[unit] = max(
                (
                    top[u] + constraints.edges[u, unit]["gap"]
                    for u in constraints.predecessors(unit)
                ),
                default=0.0,
            )
        for unit, y in top.items():
            band = self.by_slot.get(unit)
            if band is None:
                self.y[unit] = y
            else:
                band.y = y
        for block in self.blocks.values():
            for members in block.columns.values():
                y = block.y + FRAME_TOP
                for node in members:
                    self.y[node] = y
                    y += self.graph.size[node].h + ROW_GAP

    def _wished(self, node: str) -> float:
        """The top that puts ``node``'s link anchor at the mean height of its neighbours'."""
        anchors = [self.y[m] + self.graph.size[m].anchor for m in self.neighbours[node]]
        if not anchors:
            return self.y[node]
        return sum(anchors) / len(anchors) - self.graph.size[node].anchor

    def _balance_column(self, column: int) -> None:
        order = self.columns[column]
        segment: list[str] = []
        low = float("-inf")
        for unit in [*order, None]:
            block = self.by_slot.get(unit) if unit is not None else None
            if unit is not None and block is None:
                segment.append(unit)
                continue
            high = block.y - ROW_GAP if block is not None else float("inf")
            self._place(segment, low, high)
            segment = []
            if block is not None:
                members = block.columns.get(column, [])
                self._place(members, block.y + FRAME_TOP, block.y + block.height - FRAME_BOTTOM)
                low = block.y + block.height + ROW_GAP

    def _place(self, nodes: Sequence[str], low: float, high: float) -> None:
        if not nodes:
            return
        heights = [self.graph.size[n].h for n in nodes]
        tops = fit_in_order([self._wished(n) for n in nodes], heights, ROW_GAP, low, high)
        for node, y in zip(nodes, tops, strict=True):
            self.y[node] = y

    def _balance_block(self, block: _Block) -> None:
        """Move a whole band towards its topics' neighbours, as far as its columns allow."""
        members = [n for ns in block.columns.values() for n in ns]
        shift = sum(self._wished(n) - self.y[n] for n in members) / len(members)
        low, high = float("-inf"), float("inf")
        for column in block.span:
            order = self.columns[column]
            at = order.index(block.slot())
            if at > 0:
                low = max(low, self._bottom(order[at - 1]) + ROW_GAP)
            if at + 1 < len(order):
                high = min(high, self._top(order[at + 1]) - ROW_GAP - block.height)
        target = min(max(block.y + shift, low), high)
        delta = target - block.y
        block.y = target
        for node in members:
            self.y[node] += delta

    def _top(self, unit: str) -> float:
        block = self.by_slot.get(unit)
        return block.y if block is not None else self.y[unit]

    def _bottom(self, unit: str) -> float:
        return self._top(unit) + self._height(unit)


def _stack_height(heights: Sequence[float]) -> float:
    return sum(heights) + ROW_GAP * (len(heights) - 1) if heights else 0.0


def _dfs_order(graph: FlowGraph) -> list[str]:
    """Nodes in depth-first order over links either way: neighbours start out together."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from(graph.edges)
    return list(nx.dfs_preorder_nodes(undirected))
