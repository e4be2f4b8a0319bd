"""Auto-layout: both engines, the fallback, and the promises (no overlaps, left to right,
notes above-right, deterministic)."""

from __future__ import annotations

import networkx as nx
import pytest

from studio.layout import auto_layout, engine, find_overlaps, scene_of
from studio.layout.dot_engine import DotError
from studio.layout.flow import acyclic_order, flow_dag, flow_graph, layers_of
from studio.layout.geometry import Box, Scene
from studio.model import Design
from studio.model.relations import PUBLISHES, SUBSCRIBES, links_of
from tests.layout.helpers import generated, sample, small_design, without_layout

ENGINES = ("dot", "builtin")


def designs() -> dict[str, Design]:
    return {
        "erp": without_layout(sample("erp-mesh.mesh.yaml")),
        "iot": without_layout(sample("iot-mesh.mesh.yaml")),
        "small": small_design(),
        "generated": generated(25, notes=True),
    }


def laid_out_ids(design: Design) -> set[str]:
    with_topics = {t.broker for t in design.topics}
    return {e.id for e in (*design.applications, *design.topics, *design.notes)} | {
        b.id for b in design.brokers if b.id not in with_topics
    }


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("name", ["erp", "iot", "small", "generated"])
def test_every_element_is_placed_and_nothing_overlaps(engine_name: str, name: str) -> None:
    design = designs()[name]
    result = auto_layout(design, engine_name)
    assert result.engine == engine_name and result.remarks == ()
    assert set(result.positions) == laid_out_ids(design)
    scene = scene_of(design, result.positions)
    assert find_overlaps(scene) == []
    # endpoints are docked, not placed; every one of them is drawn
    assert set(scene.endpoints) == {e.id for e in design.endpoints}
    bounds = scene.bounds()
    assert bounds is not None and 40 <= bounds.x < 50 and 40 <= bounds.y < 50


def test_the_benchmark_mesh_lays_out_without_overlaps() -> None:
    design = generated(1000, notes=True)
    assert sum(1 for _ in design.elements()) > 4500  # "5,000 elements" of PRODUCT.md
    result = auto_layout(design, "auto")
    assert result.engine == "builtin" and "built-in" in result.remarks[0]
    assert find_overlaps(scene_of(design, result.positions)) == []


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("name", ["erp", "iot", "small"])
def test_publishes_and_subscribes_flow_left_to_right(engine_name: str, name: str) -> None:
    design = designs()[name]
    scene = scene_of(design, auto_layout(design, engine_name).positions)
    for link in links_of(design):
        if link.kind in (PUBLISHES, SUBSCRIBES):
            source, target = scene.nodes[link.source], scene.nodes[link.target]
            assert source.right < target.x, link


@pytest.mark.parametrize("engine_name", ENGINES)
def test_columns_go_producers_topics_consumers_providers(engine_name: str) -> None:
    design = small_design()
    scene = scene_of(design, auto_layout(design, engine_name).positions)
    x = {i: box.x for i, box in scene.nodes.items()}
    assert x["shop"] < x["order-placed"] < x["orders-api"] < x["portal"]
    assert x["projector"] < x["read-model"] < x["reports"]
    assert x["shop"] < x["reports"]  # a backend is left of the API fronting it


def test_generated_mesh_flows_left_to_right_where_the_links_allow() -> None:
    design = generated(25)
    scene = scene_of(design, auto_layout(design, "builtin").positions)
    flow = [link for link in links_of(design) if link.kind in (PUBLISHES, SUBSCRIBES)]
    forward = [link for link in flow if scene.nodes[link.source].right < scene.nodes[link.target].x]
    # only links closing a cycle (A -> t1 -> B -> t2 -> A) can point back
    assert len(forward) >= 0.9 * len(flow)


def test_cycles_give_way_at_calls_not_at_data_flow() -> None:
    # the portal calls the evented API that delivers to it by webhook: the call gives way
    graph = flow_graph(small_design())
    assert ("portal", "orders-api") in graph.edges and ("orders-api", "portal") in graph.edges
    dag = flow_dag(graph)
    assert nx.is_directed_acyclic_graph(dag)
    assert dag.has_edge("orders-api", "portal") and not dag.has_edge("portal", "orders-api")
    order = acyclic_order(graph)
    assert sorted(order) == sorted(graph.nodes)
    layers = layers_of(graph, dag)
    assert all(layers[s] < layers[t] for s, t in dag.edges)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_topics_of_one_broker_share_a_frame_that_covers_no_one_else(engine_name: str) -> None:
    design = generated(25)
    scene = scene_of(design, auto_layout(design, engine_name).positions)
    for broker in design.brokers:
        members = {t.id for t in design.topics if t.broker == broker.id}
        assert scene.members[broker.id] == members
        frame = scene.frames[broker.id]
        assert all(frame.contains(scene.nodes[t]) for t in members)
        intruders = [
            i for i, box in scene.nodes.items() if i not in members and frame.overlaps(box)
        ]
        assert intruders == []


@pytest.mark.parametrize("engine_name", ENGINES)
def test_notes_sit_above_right_of_their_application(engine_name: str) -> None:
    design = generated(25, notes=True)
    positions = auto_layout(design, engine_name).positions
    scene = scene_of(design, positions)
    for note in design.notes:
        note_box = scene.nodes[note.id]
        if note.on in {a.id for a in design.applications}:
            target = scene.nodes[note.on]
            assert note_box.bottom <= target.y, note.id
            assert note_box.centre[0] > target.centre[0], note.id
            assert target.y - note_box.bottom <= 3 * note_box.h  # next to it, not far away


def test_notes_on_framed_topics_messages_and_endpoints_find_a_free_spot() -> None:
    design = small_design()
    positions = auto_layout(design, "builtin").positions
    scene = scene_of(design, positions)
    topic, note = scene.nodes["order-placed"], scene.nodes["note-2"]
    assert abs(note.centre[0] - topic.centre[0]) < 600
    assert abs(note.centre[1] - topic.centre[1]) < 600
    assert "note-3" in positions  # pinned to a message: placed by the topic carrying it
    assert find_overlaps(scene) == []


def test_a_broker_without_topics_gets_an_empty_frame_clear_of_the_rest() -> None:
    design = small_design()
    positions = auto_layout(design, "builtin").positions
    scene = scene_of(design, positions)
    assert "spare" in positions and "kafka" not in positions
    assert "spare" in scene.frames and scene.members["spare"] == set()


@pytest.mark.parametrize("engine_name", ENGINES)
def test_layout_is_deterministic(engine_name: str) -> None:
    first = auto_layout(generated(25, notes=True), engine_name).positions
    second = auto_layout(generated(25, notes=True), engine_name).positions
    assert first == second
    assert list(first) == list(second)  # the same order too: the file diff stays quiet


def test_positions_are_on_the_grid_and_in_file_order() -> None:
    design = without_layout(sample("erp-mesh.mesh.yaml"))
    positions = auto_layout(design, "builtin").positions
    ids = [e.id for e in design.elements() if e.id in positions]
    assert list(positions) == ids
    apps_and_topics = {e.id for e in (*design.applications, *design.topics)}
    assert all(
        p.x % 10 == 0 and p.y % 10 == 0 for i, p in positions.items() if i in apps_and_topics
    )


def test_an_empty_design_lays_out_to_nothing() -> None:
    assert auto_layout(Design(), "builtin").positions == {}
    assert auto_layout(Design(), "dot").positions == {}


def test_auto_prefers_dot_for_small_meshes() -> None:
    result = auto_layout(small_design())
    assert result.engine == "dot" and result.remarks == ()


def test_auto_uses_builtin_above_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "DOT_NODE_LIMIT", 3)
    result = auto_layout(small_design())
    assert result.engine == "builtin"
    assert "more than 3" in result.remarks[0]


@pytest.mark.parametrize("asked", ["auto", "dot"])
def test_falls_back_to_builtin_when_dot_is_missing(no_dot: None, asked: str) -> None:
    design = small_design()
    result = auto_layout(design, asked)
    assert result.engine == "builtin"
    assert result.remarks == (
        "Graphviz 'dot' was not found: used the built-in engine "
        "(install Graphviz for the tidiest layout)",
    )
    assert result.positions == auto_layout(design, "builtin").positions


def test_falls_back_to_builtin_when_dot_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(graph: object) -> None:
        raise DotError("Graphviz 'dot' failed (killed)")

    monkeypatch.setattr(engine, "dot_layout", broken)
    result = auto_layout(small_design(), "dot")
    assert result.engine == "builtin"
    assert result.remarks == ("Graphviz 'dot' failed (killed): used the built-in engine",)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout engine 'neato'"):
        auto_layout(small_design(), "neato")


def test_find_overlaps_reports_collisions_frames_and_touching_is_fine() -> None:
    scene = Scene(
        nodes={
            "a": Box(0, 0, 100, 50),
            "b": Box(100, 0, 100, 50),
            "c": Box(150, 40, 10, 10),
            "t": Box(400, 100, 220, 48),
            "x": Box(630, 100, 50, 50),
        },
        frames={"kafka": Box(382, 66, 256, 100), "other": Box(600, 150, 50, 50)},
        members={"kafka": {"t"}, "other": set()},
    )
    assert find_overlaps(scene) == [("b", "c"), ("kafka", "other"), ("kafka", "x")]
