"""``mesh-studio --review DESIGN`` opens the studio read-only, as ``mesh-studio gui --review
DESIGN`` does; ``--help`` says so. No Qt in this process: the studio is replaced, or run as a
process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from studio.cli import main
from tests.conftest import ROOT, SAMPLES

ERP = str(SAMPLES / "erp-mesh.mesh.yaml")


@pytest.fixture
def opened(monkeypatch) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """What the studio was asked to open, instead of opening it."""
    calls: list[dict[str, object]] = []

    def run(design: str | None, review: bool = False, screenshot: str | None = None) -> int:
        calls.append({"design": design, "review": review, "screenshot": screenshot})
        return 0

    # the gui command imports studio.gui.app only when it runs: this stands in for it
    monkeypatch.setitem(sys.modules, "studio.gui.app", types.SimpleNamespace(run=run))
    return calls


@pytest.mark.parametrize(
    "args",
    [
        ["--review", ERP],
        [ERP, "--review"],
        ["--debug", "--review", ERP],
        ["--review", "--debug", ERP],
        ["gui", "--review", ERP],
    ],
)
def test_every_spelling_of_review_opens_the_design_read_only(
    capsys, opened: list[dict[str, object]], args: list[str]
) -> None:
    assert main(args) == 0
    assert opened == [{"design": ERP, "review": True, "screenshot": None}]
    assert capsys.readouterr() == ("", "")


def test_a_design_alone_opens_it_for_editing(opened: list[dict[str, object]]) -> None:
    assert main([ERP]) == 0
    assert opened == [{"design": ERP, "review": False, "screenshot": None}]


def test_review_of_a_broken_design_is_one_line_and_no_studio(
    capsys, write, opened: list[dict[str, object]]
) -> None:
    path = write("b.mesh.yaml", "meshStudio: 7\n")
    assert main(["--review", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"mesh-studio: {path}:") and err.count("\n") == 1
    assert opened == []


def test_help_says_how_to_review(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines anywhere
    assert "'mesh-studio --review DESIGN' opens it read-only, for review" in text
    with pytest.raises(SystemExit):
        main(["gui", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "'mesh-studio [--review] [DESIGN]' is the same" in text


def test_review_renders_the_studio_offscreen_as_a_process(tmp_path: Path) -> None:
    target = tmp_path / "review.png"
    result = subprocess.run(
        [sys.executable, "-m", "studio", "--review", ERP, "--screenshot", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" not in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert target.stat().st_size > 20_000  # the whole window, not an empty frame
