"""``render --view``: a view's diagram draws its members and the links among them, where the
view (or else the design) places them; an unknown view is one sentence, exit 2."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

import studio.cli
from studio.io.design_file import load_design, save_design
from studio.layout import find_overlaps, render, scene_of
from studio.layout.view_part import shown_part, view_positions
from studio.model import Around, Design, Position, View, ViewFilter, view_members
from studio.model.relations import links_of
from tests.conftest import SAMPLES

DATA_ID = re.compile(r'data-id="([^"]+)"')


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = studio.cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def erp(tmp_path: Path) -> Path:
    path = tmp_path / "erp.mesh.yaml"
    shutil.copy(SAMPLES / "erp-mesh.mesh.yaml", path)
    return path


def only_view(design: Design, view: View) -> Design:
    return dataclasses.replace(design, views=[view])


def test_render_view_draws_the_members_and_the_links_among_them(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path
) -> None:
    design = load_design(erp).design
    view = design.views[0]
    members = view_members(design, view)
    out = tmp_path / "view.svg"
    code, printed, err = run(capsys, "render", str(erp), "-o", str(out), "--view", view.id)
    assert code == 0 and err == ""
    drawn = set(DATA_ID.findall(out.read_text(encoding="utf-8")))
    assert drawn == set(members)
    # every link whose two ends are members, and no other
    among = [link for link in links_of(design) if {link.source, link.target} <= members]
    assert among and f"{len(drawn)} shapes, {len(among)} links" in printed
    whole = tmp_path / "whole.svg"
    assert run(capsys, "render", str(erp), "-o", str(whole))[0] == 0
    assert set(DATA_ID.findall(whole.read_text(encoding="utf-8"))) > drawn


def test_a_view_is_drawn_at_its_own_positions_else_at_the_designs(
    erp: Path, tmp_path: Path
) -> None:
    design = load_design(erp).design
    view = design.views[0]
    diagram = render(design, tmp_path / "a.svg", view=view)
    boxes = {s.element_id: s.box for s in diagram.shapes}
    assert (boxes["erp"].x, boxes["erp"].y) == (design.layout["erp"].x, design.layout["erp"].y)
    assert diagram.title.endswith("· Customer domain")
    own = dataclasses.replace(view, layout={"erp": Position(1000, 900)})
    boxes = {s.element_id: s.box for s in render(design, tmp_path / "b.svg", view=own).shapes}
    assert (boxes["erp"].x, boxes["erp"].y) == (1000, 900)
    # the other members are completed around it without overlapping anything
    part = shown_part(design, view_members(design, own))
    assert not find_overlaps(scene_of(part, view_positions(design, own)))
    assert set(boxes) == set(view_members(design, own))


def test_members_without_any_position_are_auto_laid_out(tmp_path: Path) -> None:
    design = load_design(SAMPLES / "iot-mesh.mesh.yaml").design
    design.layout = {}
    view = View("alarms", include=ViewFilter(around=Around("alarm-api", 1)))
    positions = view_positions(design, view)
    members = view_members(design, view)
    nodes = {i for i in members if design.find(i) in (*design.applications, *design.topics)}
    assert nodes and nodes <= set(positions) <= members
    assert not find_overlaps(scene_of(shown_part(design, members), positions))


def test_links_to_elements_outside_the_view_are_no_problem_marks(tmp_path: Path) -> None:
    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    view = View("portal", include=ViewFilter(elements=("portal",)))
    diagram = render(design, tmp_path / "p.svg", view=view)
    assert {s.element_id for s in diagram.shapes} == {"portal", "note-portal-pin"}
    assert all(s.problem == "" for s in diagram.shapes)
    # a reference to nothing at all still is one
    broken = dataclasses.replace(design.applications[3], calls=("no-such-endpoint",))  # the portal
    assert broken.id == "portal"
    design.applications[3] = broken
    diagram = render(design, tmp_path / "q.svg", view=view)
    (portal,) = [s for s in diagram.shapes if s.element_id == "portal"]
    assert "'no-such-endpoint'" in portal.problem


def test_an_unknown_view_is_one_sentence_naming_the_views_and_exit_2(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path
) -> None:
    design = load_design(erp).design
    design.views.append(View("alarms", "Alarms"))
    save_design(design, erp)
    out = tmp_path / "v.svg"
    code, printed, err = run(capsys, "render", str(erp), "-o", str(out), "--view", "customers")
    assert (code, printed) == (2, "")
    assert err == (
        f"mesh-studio: {erp}:1:1: has no view 'customers'; its views are: customer-domain, alarms\n"
    )
    assert not out.exists()
    design.views.clear()
    save_design(design, erp)
    code, _, err = run(capsys, "render", str(erp), "-o", str(out), "--view", "customers")
    assert code == 2 and "it defines no views" in err and err.count("\n") == 1


def test_help_says_what_view_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        studio.cli.main(["render", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--view ID" in text and "views:" in text and "links among them" in text
