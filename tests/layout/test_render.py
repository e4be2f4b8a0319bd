"""Diagrams: SVG from our writer, DOT from the graphviz package, PNG through the system dot;
hostile names stay text."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest

from studio.layout import (
    RenderError,
    diagram_of,
    dot_of,
    drawing_positions,
    find_overlaps,
    format_of,
    render,
    scene_of,
    style,
    svg_of,
)
from studio.layout.text import ELLIPSIS, clean, elide, text_width, wrap
from studio.model import Position
from studio.model.relations import WEBHOOK
from tests.layout.helpers import HOSTILE, generated, sample, small_design

SVG = "{http://www.w3.org/2000/svg}"
PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def hostile_design():  # type: ignore[no-untyped-def]
    return small_design(
        app_name=HOSTILE,
        topic_address=f"a&b\"c'<d>{HOSTILE}",
        note_text=f"]]> {HOSTILE} \\N \\G",
        broker_name=HOSTILE,
    )


def parse_svg(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == kind]


@pytest.mark.parametrize("name", ["erp-mesh.mesh.yaml", "iot-mesh.mesh.yaml"])
def test_svg_of_the_samples_is_well_formed_and_complete(name: str) -> None:
    design = sample(name)
    root = parse_svg(svg_of(diagram_of(design)))
    assert root.tag == f"{SVG}svg"
    ids = {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")}
    assert {a.id for a in design.applications} <= ids
    assert {t.id for t in design.topics} <= ids
    assert {e.id for e in design.endpoints} <= ids
    assert {n.id for n in design.notes} <= ids
    assert {b.id for b in design.brokers} <= ids
    assert len(groups(root, "topic")) == len(design.topics)


def test_svg_draws_each_kind_like_the_canvas() -> None:
    design = sample("erp-mesh.mesh.yaml")
    root = parse_svg(svg_of(diagram_of(design)))
    text = "".join(root.itertext())
    assert "KAFKA" in text and "AMQP" in text  # protocol tags on topics
    assert "GET" in text and "POST" in text  # method badges on endpoints
    assert "evented API · integrat" in text  # the subtitle, elided as on the canvas
    datastore = groups(root, "datastore")[0]
    assert datastore.find(f"{SVG}path[@stroke='{style.KIND_ACCENTS['datastore']}']") is not None
    webhooks = groups(root, f"link {WEBHOOK}")
    assert len(webhooks) == 2
    assert all(g.find(f"{SVG}circle") is not None for g in webhooks)  # the bell
    assert all(g.get("stroke") == style.WEBHOOK_ACCENT for g in webhooks)
    dashes = {
        g.get("class"): g.find(f"{SVG}path").get("stroke-dasharray")  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("link")
    }
    assert dashes["link publishes"] is None and dashes["link calls"] == "1.8 3.6"
    assert dashes["link webhook"] == "6.4 3.2"


def test_svg_uses_the_design_positions() -> None:
    design = sample("erp-mesh.mesh.yaml")
    diagram = diagram_of(design)
    boxes = {s.element_id: s.box for s in diagram.shapes}
    for element_id, position in design.layout.items():
        assert (boxes[element_id].x, boxes[element_id].y) == (position.x, position.y)


def test_elements_without_a_position_are_added_around_the_placed_ones() -> None:
    design = sample("erp-mesh.mesh.yaml")
    placed = dict(design.layout)
    for element_id in ("sales-cockpit", "order-placed", "analytics"):
        del placed[element_id]
    design = dataclasses.replace(design, layout=placed)
    positions = drawing_positions(design)
    assert all(positions[i] == p for i, p in placed.items())  # the user's stay put
    # a new topic joins its broker's frame, right under the topics already there
    assert positions["order-placed"] == Position(340, placed["product-changed"].y + 68)
    lowest = max(p.y for p in placed.values())
    assert positions["sales-cockpit"].y > lowest and positions["analytics"].y > lowest
    assert all(n.id in positions for n in design.notes)
    assert find_overlaps(scene_of(design, positions)) == []


def test_hostile_names_stay_inert_in_svg() -> None:
    text = svg_of(diagram_of(hostile_design()))
    root = parse_svg(text)  # well formed despite quotes, ampersands and "]]>"
    assert "<script" not in text
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert "&lt;script&gt;" in text
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any(HOSTILE in t for t in titles)  # kept, as text, in the tooltips
    assert any(f"a&b\"c'<d>{HOSTILE}" in t for t in titles)


def test_characters_xml_cannot_carry_are_replaced() -> None:
    design = small_design(app_name="bell\x07 and nul\x00")
    root = parse_svg(svg_of(diagram_of(design)))
    assert any("bell\ufffd and nul\ufffd" in (t.text or "") for t in root.iter(f"{SVG}title"))


def test_dot_parses_and_keeps_the_canvas_styles() -> None:
    diagram = diagram_of(sample("erp-mesh.mesh.yaml"))
    source = dot_of(diagram).source
    laid = json.loads(
        graphviz.Source(source).pipe(format="json", engine="neato", neato_no_op=2, encoding="utf-8")
    )
    assert len([o for o in laid["objects"] if "pos" in o]) == len(diagram.shapes)
    assert len(laid["edges"]) == len(diagram.edges)
    assert "layout=neato" in source and "shape=cylinder" in source
    assert f'fillcolor="{style.NOTE_FILL}"' in source
    assert f'color="{style.WEBHOOK_ACCENT}"' in source and "style=dashed" in source
    assert "style=dotted" in source  # calls


def test_dot_pins_nodes_to_the_diagram_positions() -> None:
    diagram = diagram_of(sample("erp-mesh.mesh.yaml"))
    laid = json.loads(
        graphviz.Source(dot_of(diagram).source).pipe(
            format="json", engine="neato", neato_no_op=2, encoding="utf-8"
        )
    )
    shapes = {
        f"n{i}": s for i, s in enumerate(sorted(diagram.shapes, key=lambda s: s.kind != "frame"))
    }
    shifts = set()  # Graphviz moves the whole drawing to its origin, nothing else
    for obj in laid["objects"]:
        if "pos" in obj:
            cx, cy = shapes[obj["name"]].box.centre
            x, y = (float(v) for v in obj["pos"].split(","))
            shifts.add((round(x - cx, 1), round(-y - cy, 1)))
    assert len(shifts) == 1


def test_hostile_names_stay_inert_in_dot() -> None:
    source = dot_of(diagram_of(hostile_design())).source
    assert "<script>" not in source and "&lt;script&gt;" in source
    drawn = graphviz.Source(source).pipe(
        format="svg", engine="neato", neato_no_op=2, encoding="utf-8"
    )
    root = ET.fromstring(drawn.encode("utf-8"))
    assert not list(root.iter(f"{SVG}script"))
    texts = "".join(root.itertext())
    assert "<script>" in texts  # shown as the text it is (elided where long)
    assert "\\N" in texts  # Graphviz escapes are not expanded in labels


def test_png_is_rasterised_by_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "mesh.png"
    render(sample("erp-mesh.mesh.yaml"), out)
    assert out.read_bytes().startswith(PNG_HEADER)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mesh.png"]


def test_png_without_graphviz_is_a_clear_error(tmp_path: Path, no_dot: None) -> None:
    out = tmp_path / "mesh.png"
    with pytest.raises(RenderError, match=r"PNG needs Graphviz.*SVG"):
        render(small_design(), out)
    assert not out.exists()
    render(small_design(), tmp_path / "mesh.svg")  # SVG and DOT work without it
    render(small_design(), tmp_path / "mesh.dot")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mesh.dot", "mesh.svg"]


def test_format_follows_the_extension() -> None:
    assert [format_of(f"a.{e}") for e in ("svg", "SVG", "png", "dot", "gv")] == [
        "svg",
        "svg",
        "png",
        "dot",
        "dot",
    ]
    with pytest.raises(RenderError, match=r"a\.pdf:1:1: cannot render to '\.pdf'"):
        format_of("a.pdf")
    with pytest.raises(RenderError, match="no extension"):
        format_of("diagram")


def test_a_big_mesh_renders(tmp_path: Path) -> None:
    design = generated(60)
    render(design, tmp_path / "big.svg")
    parse_svg((tmp_path / "big.svg").read_text(encoding="utf-8"))


def test_unplaced_notes_in_a_design_without_layout() -> None:
    design = dataclasses.replace(small_design(), layout={"shop": Position(40, 40)})
    positions = drawing_positions(design)
    assert {"note-1", "note-2", "note-3", "orders-api"} <= set(positions)
    assert find_overlaps(scene_of(design, positions)) == []


def test_text_fitting() -> None:
    assert elide("short", 12, 100) == "short"
    cut = elide("a very long application name indeed", 12, 100)
    assert cut.endswith(ELLIPSIS) and text_width(cut, 12) <= 100
    lines = wrap("one two three four five six seven eight nine ten eleven twelve", 10, 80, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line, 10) <= 80 for line in lines)
    assert wrap("", 10, 80, 3) == []
    assert clean("a\x00b\x1fc\td") == "a\ufffdb\ufffdc\td"


def test_endpoints_of_an_unknown_provider_are_drawn_apart_with_a_problem_mark() -> None:
    design = small_design()
    design.endpoints.append(dataclasses.replace(design.endpoints[0], id="lost", provider="nobody"))
    diagram = diagram_of(design)
    lost = next(s for s in diagram.shapes if s.element_id == "lost")
    assert lost.problem == "refers to unknown 'nobody'"
    others = [s.box for s in diagram.shapes if s.element_id != "lost"]
    assert all(lost.box.y > box.bottom for box in others)
    assert find_overlaps(scene_of(design, drawing_positions(design))) == []
    assert "lost" in "".join(parse_svg(svg_of(diagram)).itertext())
