"""The Graphviz layout engine: ``dot`` places the nodes, we read its positions back.

The graph handed to ``dot`` is the shared flow graph (``studio.layout.flow``) with its cycles
already broken, so both engines agree on what flows left to right (``rankdir=LR``). Every node
is a fixed-size box as large as its footprint on the canvas (the item, its docked endpoints and
the notes kept above it); each broker is a cluster whose margin covers the frame the canvas
draws around its topics, so ``dot`` keeps other nodes out of the frame. Positions come back
from ``dot -Tjson`` as node centres in points with y growing upwards; one point is one canvas
pixel, so converting means flipping y and moving from the centre to the top-left corner.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import graphviz

from studio.errors import MeshStudioError
from studio.layout.builtin import COLUMN_STEP, COLUMN_WIDTH, ROW_GAP
from studio.layout.flow import FlowGraph, flow_dag
from studio.layout.geometry import FRAME_TOP

POINTS_PER_INCH = 72.0
# dot measures rank separation between the widest nodes of neighbouring ranks
RANK_SEP = (COLUMN_STEP - COLUMN_WIDTH) / POINTS_PER_INCH
NODE_SEP = ROW_GAP / POINTS_PER_INCH
CLUSTER_MARGIN = FRAME_TOP + 4  # points around a cluster's nodes: covers the canvas frame


class DotError(MeshStudioError):
    """``dot`` is missing or failed; the caller falls back to the built-in engine."""


def dot_available() -> bool:
    return shutil.which("dot") is not None


def dot_graph(graph: FlowGraph) -> graphviz.Digraph:
    """The layout question for ``dot``: sized boxes, broker clusters, acyclic flow edges."""
    digraph = graphviz.Digraph(
        "layout",
        graph_attr={
            "rankdir": "LR",
            "ranksep": f"{RANK_SEP:.3f}",
            "nodesep": f"{NODE_SEP:.3f}",
            "splines": "false",  # only positions are read back: routing edges is wasted time
            # rank globally: the old per-cluster ranking puts all of a broker's topics in one
            # column and turns the flow of chained topics backwards
            "newrank": "true",
        },
        node_attr={"shape": "box", "fixedsize": "true", "label": "", "margin": "0"},
    )
    names = {node: f"n{i}" for i, node in enumerate(graph.nodes)}  # ids stay out of DOT
    clustered: dict[str, list[str]] = {}
    for node in graph.nodes:
        broker = graph.group.get(node)
        if broker is not None:
            clustered.setdefault(broker, []).append(node)
    for i, members in enumerate(clustered.values()):
        with digraph.subgraph(name=f"cluster_{i}") as cluster:
            cluster.attr(margin=f"{CLUSTER_MARGIN:.0f}")
            for node in members:
                _add_node(cluster, names[node], graph, node)
    for node in graph.nodes:
        if node not in graph.group:
            _add_node(digraph, names[node], graph, node)
    dag = flow_dag(graph)
    for source, target, weight in dag.edges(data="weight"):
        digraph.edge(names[source], names[target], weight=str(weight))
    return digraph


def _add_node(target: graphviz.Digraph, name: str, graph: FlowGraph, node: str) -> None:
    size = graph.size[node]
    target.node(
        name, width=f"{size.w / POINTS_PER_INCH:.4f}", height=f"{size.h / POINTS_PER_INCH:.4f}"
    )


def dot_layout(graph: FlowGraph) -> dict[str, tuple[float, float]]:
    """Top-left positions of every node's own box, as ``dot`` places them."""
    if not graph.nodes:
        return {}
    if not dot_available():
        raise DotError("Graphviz 'dot' is not installed")
    source = dot_graph(graph).source
    try:
        output = graphviz.Source(source).pipe(
            format="json", engine="dot", quiet=True, encoding="utf-8"
        )
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, OSError) as exc:
        raise DotError(f"Graphviz 'dot' failed ({exc})") from None
    return _positions(json.loads(output), graph)


def _positions(data: dict[str, Any], graph: FlowGraph) -> dict[str, tuple[float, float]]:
    top = float(data["bb"].split(",")[3])
    by_name = {obj["name"]: obj for obj in data.get("objects", []) if "pos" in obj}
    result = {}
    for i, node in enumerate(graph.nodes):
        obj = by_name[f"n{i}"]
        x, y = (float(v) for v in obj["pos"].split(","))
        size = graph.size[node]
        left, upper = x - size.w / 2, (top - y) - size.h / 2
        result[node] = (left + size.dx, upper + size.dy)
    return result
