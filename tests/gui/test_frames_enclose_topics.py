"""A broker frame on the canvas encloses its own topics and nothing else, in the samples and in
generated meshes, and no two frames overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from studio.edit import History
from studio.generate import generate_mesh
from studio.gui.canvas.scene import MeshScene
from studio.io.design_file import load_design
from studio.model import Design, Document
from tests.conftest import SAMPLE_DESIGNS


def frame_problems(design: Design) -> list[tuple[str, str]]:
    doc = Document(design)
    scene = MeshScene(doc, History(doc).push)
    members = {t.id: t.broker for t in design.topics}
    boxes: dict[str, QRectF] = {
        i: item.mapRectToScene(item.size) for i, item in scene.nodes.items()
    }
    frames = {i: frame.mapRectToScene(frame.size) for i, frame in scene.frames.items()}
    found = [
        (broker, element)
        for broker, frame in frames.items()
        for element, box in boxes.items()
        if members.get(element) != broker and frame.intersects(box)
    ]
    found += [(a, b) for a in frames for b in frames if a < b and frames[a].intersects(frames[b])]
    return sorted(found)


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: Path(p).name)
def test_sample_frames_hold_only_their_topics(qtbot, sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert frame_problems(load_design(sample).design) == []


def test_generated_frames_hold_only_their_topics(qtbot) -> None:  # type: ignore[no-untyped-def]
    design = generate_mesh(120, seed=3).design
    assert len(design.brokers) > 1 and len(design.topics) > 200
    assert frame_problems(design) == []
