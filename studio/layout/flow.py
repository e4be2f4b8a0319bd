"""The data-flow graph both layout engines share: what is laid out, and which way it flows.

Nodes are the applications and topics (endpoints ride along under their provider, notes and
empty brokers are placed afterwards). Edges point left to right along the flow the diagram
tells: producer -> topic -> consumer, evented API -> webhook receiver, writer -> datastore ->
reader, backend -> the API fronting it, caller -> endpoint provider. Data flow outweighs
requests, so when the links form a cycle (a client calls the evented API that also delivers
to it by webhook) it is a call that gives way: cycles are broken with the weighted greedy
heuristic of Eades, Lin and Smyth, which networkx does not offer. Layers are the topological
generations of what remains; both engines use them so that ``dot`` and the built-in engine
agree on the columns.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from studio.layout.geometry import Footprint, endpoints_by_provider, footprint
from studio.layout.grouping import application_groups, topic_domains, topic_groups
from studio.model import Application, Design, Topic
from studio.model.relations import (
    CALLS,
    FRONTS,
    PUBLISHES,
    READS,
    SUBSCRIBES,
    WEBHOOK,
    WRITES,
    links_of,
)

# How strongly a link kind pulls its ends into left-to-right order.
WEIGHTS = {PUBLISHES: 8, SUBSCRIBES: 8, WEBHOOK: 6, WRITES: 3, READS: 3, FRONTS: 2, CALLS: 1}


@dataclass
class FlowGraph:
    """What a layout engine places: node sizes, broker groups and weighted flow edges."""

    nodes: list[str] = field(default_factory=list)
    size: dict[str, Footprint] = field(default_factory=dict)
    is_topic: dict[str, bool] = field(default_factory=dict)
    group: dict[str, str] = field(default_factory=dict)
    edges: dict[tuple[str, str], int] = field(default_factory=dict)
    # for big designs (see ``studio.layout.grouping``): each node's group, each topic's domain
    cluster: dict[str, str] = field(default_factory=dict)
    domain: dict[str, str] = field(default_factory=dict)

    @property
    def index(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.nodes)}

    def neighbours(self) -> dict[str, list[str]]:
        """Each node's neighbours either way, in a stable order."""
        result: dict[str, list[str]] = {n: [] for n in self.nodes}
        for source, target in self.edges:
            result[source].append(target)
            result[target].append(source)
        return result


def flow_graph(design: Design) -> FlowGraph:
    """The flow graph of ``design``; links to unknown ids are left out."""
    graph = FlowGraph()
    provided = endpoints_by_provider(design)
    brokers = {b.id for b in design.brokers}
    for topic in design.topics:
        if topic.broker in brokers:
            graph.group[topic.id] = topic.broker  # type: ignore[assignment]
    pinned = pinned_notes(design, graph.group)
    graph.domain = dict(topic_domains(design))
    graph.cluster = {
        **application_groups(design, graph.domain),
        **topic_groups(design, graph.domain),
    }
    elements: list[Application | Topic] = [*design.applications, *design.topics]
    for element in elements:
        graph.nodes.append(element.id)
        graph.is_topic[element.id] = isinstance(element, Topic)
        graph.size[element.id] = footprint(
            element, provided.get(element.id, []), len(pinned.get(element.id, ()))
        )
    provider_of = {e.id: e.provider for e in design.endpoints}
    for link in links_of(design):
        if link.kind not in WEIGHTS:
            continue
        source, target = link.source, link.target
        if link.kind == CALLS:
            target = provider_of.get(target, "")
        elif link.kind == FRONTS:  # the API is drawn right of the backend it fronts
            source, target = target, source
        if source == target or source not in graph.size or target not in graph.size:
            continue
        key = (source, target)
        graph.edges[key] = graph.edges.get(key, 0) + WEIGHTS[link.kind]
    return graph


def pinned_notes(design: Design, framed: Mapping[str, str]) -> dict[str, list[str]]:
    """Notes pinned to applications and frameless topics, by element: the layout keeps room
    for them above their element. (A framed topic has its frame's title band above it; its
    notes are placed afterwards, like notes on messages or endpoints.)"""
    nodes = {a.id for a in design.applications} | {
        t.id for t in design.topics if t.id not in framed
    }
    pinned: dict[str, list[str]] = defaultdict(list)
    for note in design.notes:
        if note.on in nodes:
            pinned[note.on].append(note.id)
    return pinned


def acyclic_order(graph: FlowGraph) -> list[str]:
    """A node order in which as little edge weight as possible points backwards.

    Greedy: peel sinks to the right end and sources to the left end; when neither is left,
    move the node with the largest (outgoing - incoming) weight to the left end. Ties go to
    the node earliest in the file, which keeps the result deterministic.
    """
    index = graph.index
    out_edges: dict[str, dict[str, int]] = defaultdict(dict)
    in_edges: dict[str, dict[str, int]] = defaultdict(dict)
    for (source, target), weight in graph.edges.items():
        out_edges[source][target] = weight
        in_edges[target][source] = weight
    out_w = {n: sum(out_edges[n].values()) for n in graph.nodes}
    in_w = {n: sum(in_edges[n].values()) for n in graph.nodes}
    sinks = [index[n] for n in graph.nodes if not out_edges[n]]
    sources = [index[n] for n in graph.nodes if not in_edges[n] and out_edges[n]]
    best = [(in_w[n] - out_w[n], index[n]) for n in graph.nodes]
    heapq.heapify(sinks)
    heapq.heapify(sources)
    heapq.heapify(best)
    removed: set[str] = set()
    left: list[str] = []
    right: list[str] = []

    def cut(
        node: str,
        neighbour: str,
        edges: dict[str, dict[str, int]],
        weight: dict[str, int],
        emptied: list[int],
        amount: int,
    ) -> None:
        """Drop the edge between ``node`` (removed) and ``neighbour`` from ``neighbour``'s
        side; a neighbour left without edges on that side becomes a source or a sink."""
        del edges[neighbour][node]
        weight[neighbour] -= amount
        if neighbour not in removed:
            heapq.heappush(best, (in_w[neighbour] - out_w[neighbour], index[neighbour]))
            if not edges[neighbour]:
                heapq.heappush(emptied, index[neighbour])

    def remove(node: str) -> None:
        removed.add(node)
        for target, amount in out_edges.pop(node, {}).items():
            cut(node, target, in_edges, in_w, sources, amount)
        for source, amount in in_edges.pop(node, {}).items():
            cut(node, source, out_edges, out_w, sinks, amount)

    while len(removed) < len(graph.nodes):
        # sinks go to the right end, then sources to the left end, before any guess
        heap, end = (sinks, right) if sinks else (sources, left)
        if heap:
            node = graph.nodes[heapq.heappop(heap)]
            if node not in removed:
                end.append(node)
                remove(node)
            continue
        score, position = heapq.heappop(best)
        node = graph.nodes[position]
        if node in removed or score != in_w[node] - out_w[node]:
            continue  # a stale entry: the node was removed or its weights changed
        left.append(node)
        remove(node)
    return left + right[::-1]


def flow_dag(graph: FlowGraph) -> nx.DiGraph:
    """The flow graph without the edges that would close a cycle."""
    rank = {n: i for i, n in enumerate(acyclic_order(graph))}
    dag = nx.DiGraph()
    dag.add_nodes_from(graph.nodes)
    dag.add_weighted_edges_from((s, t, w) for (s, t), w in graph.edges.items() if rank[s] < rank[t])
    return dag


def layers_of(graph: FlowGraph, dag: nx.DiGraph) -> dict[str, int]:
    """The column of every node: its topological generation, with two refinements.

    A node that only starts flows (a producer, a client that only calls) moves right next to
    the nearest node it feeds, so its edges stay short; a node with no links at all goes to
    the first column (applications) or the second (topics).
    """
    layer: dict[str, int] = {}
    for depth, generation in enumerate(nx.topological_generations(dag)):
        for node in generation:
            layer[node] = depth
    for node in graph.nodes:
        if dag.in_degree(node) == 0 and dag.out_degree(node) > 0:
            layer[node] = max(0, min(layer[s] for s in dag.successors(node)) - 1)
    deepest = max(layer.values(), default=0)
    for node in graph.nodes:
        if dag.degree(node) == 0:
            layer[node] = 1 if graph.is_topic[node] and deepest >= 1 else 0
    return layer
