"""The built-in layout of big designs: groups kept together (an owner's applications, a
broker's topics by domain), frames that never overlap or cover anything, links that mostly
run left to right, the same result in every run; and the block order and columns it uses."""

from __future__ import annotations

import dataclasses
import itertools
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from studio.layout import auto_layout, find_overlaps, scene_of
from studio.layout.block_order import columns_of, sifted
from studio.layout.builtin import GROUPED_FROM
from studio.layout.folding import fold
from studio.layout.geometry import Box, Scene, bounding
from studio.model import Design, Position
from studio.model.relations import PINNED, PUBLISHES, SUBSCRIBES, links_of
from tests.conftest import ROOT
from tests.layout.helpers import generated


def laid_out(apps: int) -> tuple[Design, dict[str, Position], Scene]:
    design = generated(apps)
    assert len(design.applications) + len(design.topics) > GROUPED_FROM
    positions = auto_layout(design, "builtin").positions
    return design, positions, scene_of(design, positions)


def share_left_to_right(design: Design, scene: Scene, kinds: tuple[str, ...] = ()) -> float:
    """The share of links (of ``kinds``, or all but note pins) whose source box ends left of
    where the target box starts."""
    forward = total = 0
    for link in links_of(design):
        if link.kind == PINNED or (kinds and link.kind not in kinds):
            continue
        source, target = scene.box_of(link.source), scene.box_of(link.target)
        assert source is not None and target is not None
        total += 1
        forward += source.right < target.x
    return forward / total


@pytest.fixture(scope="module")
def big() -> tuple[Design, dict[str, Position], Scene]:
    return laid_out(1000)


def test_a_big_mesh_has_frames_that_overlap_nothing(
    big: tuple[Design, dict[str, Position], Scene],
) -> None:
    design, _, scene = big
    assert len(design.brokers) >= 4 and len(design.topics) > 1500
    assert find_overlaps(scene) == []  # no two boxes, no frame over a stranger, no two frames
    boxes = {**scene.nodes, **scene.endpoints}
    for broker, frame in scene.frames.items():
        inside = {i for i, box in boxes.items() if frame.overlaps(box)}
        assert inside == {t.id for t in design.topics if t.broker == broker}
    for (a, first), (b, second) in itertools.combinations(scene.frames.items(), 2):
        assert not first.overlaps(second), (a, b)


def test_a_big_mesh_mostly_flows_left_to_right(
    big: tuple[Design, dict[str, Position], Scene],
) -> None:
    design, _, scene = big
    # producers left of the topics they publish to, consumers right of them, for most links:
    # an owner who both publishes and consumes on one broker gets one side of it
    assert share_left_to_right(design, scene, (PUBLISHES, SUBSCRIBES)) >= 0.75
    assert share_left_to_right(design, scene) >= 0.7


def test_a_big_mesh_folds_into_blocks_that_do_not_overlap(
    big: tuple[Design, dict[str, Position], Scene],
) -> None:
    design, positions, _ = big
    blocks = fold(design, positions).blocks
    assert len(blocks) > 50
    for first, second in itertools.combinations(blocks, 2):
        assert not Box(*first.rect).overlaps(Box(*second.rect)), (first.id, second.id)


def test_topics_of_one_domain_sit_together_in_their_broker(
    big: tuple[Design, dict[str, Position], Scene],
) -> None:
    design, _, scene = big
    areas: dict[tuple[str | None, str], list[Box]] = defaultdict(list)
    for topic in design.topics:
        domain = topic.address.split("/")[1] if "/" in topic.address else topic.address
        areas[topic.broker, domain.split(".")[0]].append(scene.nodes[topic.id])
    for broker in design.brokers:
        mine = [bounding(boxes) for (b, _), boxes in areas.items() if b == broker.id]
        assert len(mine) >= 3  # several domains per broker
        for first, second in itertools.combinations(mine, 2):
            assert first is not None and second is not None
            assert not first.overlaps(second)


def test_the_big_layout_is_the_same_in_every_run() -> None:
    script = (
        "from studio.layout import auto_layout\n"
        "from tests.layout.helpers import generated\n"
        "print(sorted(auto_layout(generated(150), 'builtin').positions.items()))\n"
    )

    def run(hash_seed: str) -> str:
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        return subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    first = run("1")
    assert first == run("2")
    assert first.strip() == str(sorted(auto_layout(generated(150), "builtin").positions.items()))


def test_sifting_moves_a_block_to_where_its_links_point_forward() -> None:
    # c feeds a and b heavily; starting last, it belongs first
    links = {("c", "a"): 8, ("c", "b"): 8, ("a", "b"): 1}
    assert sifted(["a", "b", "c"], links) == ["c", "a", "b"]
    # nothing to gain: the order stays as it is
    assert sifted(["x", "y"], {("x", "y"): 1}) == ["x", "y"]


def test_columns_keep_the_order_stay_under_the_cap_and_keep_heavy_links_apart() -> None:
    order = ["a", "b", "c", "d"]
    heights = dict.fromkeys(order, 100.0)
    # a cap of two blocks a column: two columns are the fewest, but [a, b] [c, d] would
    # draw the heavy link c -> d upright inside a column; a spare column keeps it across
    links = {("a", "b"): 1, ("c", "d"): 5, ("b", "c"): 1}
    columns = columns_of(order, heights, links, cap=250.0, gap=20.0)
    assert [k for column in columns for k in column] == order
    assert all(sum(heights[k] for k in c) + 20.0 * (len(c) - 1) <= 250.0 for c in columns)
    assert not any({"c", "d"} <= set(column) for column in columns)
    # a block taller than the cap stands alone
    assert columns_of(["big", "small"], {"big": 900.0, "small": 10.0}, {}, 250.0, 20.0) == [
        ["big"],
        ["small"],
    ]


def test_a_big_design_of_topics_alone_is_laid_out_by_broker() -> None:
    design = dataclasses.replace(generated(200), applications=[], endpoints=[])
    assert len(design.topics) > GROUPED_FROM
    positions = auto_layout(design, "builtin").positions
    scene = scene_of(design, positions)
    assert set(positions) == {t.id for t in design.topics}
    assert find_overlaps(scene) == []
    assert set(scene.frames) == {b.id for b in design.brokers}
