"""Choosing a layout engine and running it: ``auto_layout(design, engine)``.

``dot`` draws the tidiest layered diagrams but needs Graphviz installed and grows slow on big
meshes (its crossing minimisation and network simplex are superlinear: it had not finished the
5,000-element benchmark mesh after 30 minutes, where the built-in engine takes 0.3 s), so
``auto`` uses it only up to ``DOT_NODE_LIMIT`` nodes and when ``dot`` is on the PATH, and the
built-in networkx engine otherwise. Asking for ``dot`` when it is missing or failing also falls
back to the built-in engine; every such choice is reported in ``LayoutResult.remarks`` so the
command can tell the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.layout.builtin import builtin_layout
from studio.layout.dot_engine import DotError, dot_available, dot_layout
from studio.layout.flow import flow_graph
from studio.layout.placement import finish
from studio.model import Design, Position

ENGINES = ("auto", "dot", "builtin")
DOT_NODE_LIMIT = 300  # applications + topics; dot took 2.7 s at 296, 4.7 s at 400, 29 s at 479


@dataclass(frozen=True)
class LayoutResult:
    """Positions for applications, topics, notes and brokers without topics; the engine that
    placed them; and why, if it is not the one asked for."""

    positions: dict[str, Position]
    engine: str
    remarks: tuple[str, ...] = ()


def auto_layout(design: Design, engine: str = "auto") -> LayoutResult:
    """Lay out ``design`` left to right with ``engine`` (``auto``, ``dot`` or ``builtin``)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown layout engine '{engine}'; use one of {', '.join(ENGINES)}")
    graph = flow_graph(design)
    remarks: list[str] = []
    chosen = engine
    if engine == "auto":
        chosen = "dot"
        if len(graph.nodes) > DOT_NODE_LIMIT:
            chosen = "builtin"
            remarks.append(
                f"{len(graph.nodes)} applications and topics are more than "
                f"{DOT_NODE_LIMIT}: used the built-in engine (Graphviz would be slow)"
            )
    if chosen == "dot" and not dot_available():
        chosen = "builtin"
        remarks.append(
            "Graphviz 'dot' was not found: used the built-in engine (install "
            "Graphviz for the tidiest layout)"
        )
    if chosen == "dot":
        try:
            tops = dot_layout(graph)
        except DotError as exc:
            chosen = "builtin"
            remarks.append(f"{exc}: used the built-in engine")
    if chosen == "builtin":
        tops = builtin_layout(graph)
    return LayoutResult(finish(design, graph, tops), chosen, tuple(remarks))
