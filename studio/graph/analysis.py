"""Analyses of a mesh, returning plain data: who produces and consumes a topic, what a change
would touch (transitively), synchronous call cycles, and elements nothing is connected to."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

import networkx as nx

from studio.graph.build import subject_node, to_networkx
from studio.model import Design
from studio.model.references import CALL
from studio.model.uses import Uses, uses_of
from studio.registry.model import Registry


def producers_of(design: Design, topic: str) -> list[str]:
    return uses_of(design).producers(topic)


def consumers_of(design: Design, topic: str) -> list[tuple[str, str | None]]:
    """(application, via) pairs: via is the evented API for webhook deliveries, else None."""
    return [(app.id, s.via) for app, s in uses_of(design).subscriptions(topic)]


@dataclass
class Impact:
    """Everything a change reaches, grouped by kind, each with the path that reaches it."""

    origin: str
    affected: dict[str, list[str]] = field(default_factory=dict)
    paths: dict[str, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.affected.values())

    def as_dict(self) -> dict[str, object]:
        return {"origin": self.origin, "affected": self.affected, "paths": self.paths}


def impact_of_subject(design: Design, subject: str, registry: Registry | None = None) -> Impact:
    """What a change to ``subject`` reaches; with the registry, also through the subjects
    that reference it (an imported .proto, a shared Avro type), transitively."""
    graph = to_networkx(design)
    if registry is not None:
        _add_references(graph, registry)
    return _impact(graph, subject_node(subject), subject)


def _add_references(graph: nx.MultiDiGraph, registry: Registry) -> None:
    """An edge from each subject to every subject whose live versions reference it."""
    for name, entry in registry.subjects.items():
        for version in entry.live_versions():
            for reference in version.references:
                source, target = subject_node(reference.subject), subject_node(name)
                for node in (source, target):
                    if node not in graph:
                        graph.add_node(node, kind="subject")
                if not graph.has_edge(source, target):
                    graph.add_edge(source, target, link="referenced by")


def impact_of_element(design: Design, element_id: str) -> Impact:
    return _impact(to_networkx(design), element_id, element_id)


# How a change travels on: having reached a node through one relation, which relations carry
# it further. A topic's consumer is affected, but only an evented API passes the topic on (by
# webhook); a producer must adapt, and that is where it ends.
_FOLLOW: dict[str, frozenset[str]] = {
    "referenced by": frozenset({"referenced by", "schema of"}),
    "schema of": frozenset({"carried by", "body of"}),
    "carried by": frozenset({"published by", "consumed by"}),
    "consumed by": frozenset({"delivers by webhook to"}),
    "body of": frozenset({"called by"}),
    "provides": frozenset({"called by"}),
    "fronted by": frozenset({"provides"}),
    "writes": frozenset({"read by"}),
}


def _impact(graph: nx.MultiDiGraph, node: str, origin: str) -> Impact:
    """Breadth-first along the relations ``_FOLLOW`` allows (the origin follows them all)."""
    impact = Impact(origin)
    if node not in graph:
        return impact
    paths: dict[str, list[str]] = {node: [node]}
    queue: deque[tuple[str, str | None]] = deque([(node, None)])
    while queue:
        current, reached_by = queue.popleft()
        allowed = None if reached_by is None else _FOLLOW.get(reached_by, frozenset())
        for _, target, relation in graph.out_edges(current, data="link"):
            if target in paths or (allowed is not None and relation not in allowed):
                continue
            paths[target] = [*paths[current], target]
            queue.append((target, relation))
    grouped: dict[str, list[str]] = defaultdict(list)
    for target, path in paths.items():
        if target == node:
            continue
        grouped[_group(graph.nodes[target]["kind"])].append(target)
        impact.paths[target] = [p.removeprefix("subject:") for p in path]
    impact.affected = {kind: sorted(ids) for kind, ids in sorted(grouped.items())}
    return impact


def _group(kind: str) -> str:
    return {
        "message": "messages",
        "topic": "topics",
        "endpoint": "endpoints",
        "note": "notes",
        "broker": "brokers",
        "subject": "subjects",
    }.get(kind, "applications")


def call_cycles(design: Design, uses: Uses | None = None) -> list[list[str]]:
    """Cycles of synchronous calls between applications (each once, smallest id first);
    ``uses`` is the design's uses index when the caller keeps one."""
    uses = uses or uses_of(design)
    calls = nx.DiGraph()
    for endpoint in design.endpoints:
        for caller in uses.owners(endpoint.id, CALL):
            calls.add_edge(caller.id, endpoint.provider)
    cycles = []
    for cycle in nx.simple_cycles(calls):
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles)
