"""``mesh-studio layout`` and ``mesh-studio render``: what they write, print and exit with."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import studio.cli
from studio.commands import layout as layout_command
from studio.io.design_file import dump_design, load_design, save_design
from studio.layout import ENGINES, find_overlaps, scene_of
from studio.model import Position
from tests.conftest import ROOT, SAMPLES
from tests.layout.helpers import small_design

ERROR_LINE = re.compile(r"mesh-studio: [^\n]+\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = studio.cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def erp(tmp_path: Path) -> Path:
    path = tmp_path / "erp.mesh.yaml"
    shutil.copy(SAMPLES / "erp-mesh.mesh.yaml", path)
    return path


@pytest.mark.parametrize("engine", ["auto", "dot", "builtin"])
def test_layout_writes_positions_in_place(
    capsys: pytest.CaptureFixture[str], erp: Path, engine: str
) -> None:
    code, out, err = run(capsys, "layout", str(erp), "--engine", engine)
    assert code == 0 and err == ""
    used = "builtin" if engine == "builtin" else "dot"
    assert re.fullmatch(
        rf"laid out 20 elements with the {used} engine in \d+\.\d\d s; "
        rf"wrote {re.escape(str(erp))}\n",
        out,
    )
    design = load_design(erp).design
    ids = {e.id for e in (*design.applications, *design.topics, *design.notes)}
    assert ids <= set(design.layout)
    assert find_overlaps(scene_of(design, design.layout)) == []
    assert dump_design(design) == erp.read_text(encoding="utf-8")  # canonical, as saved


def test_layout_to_another_file_leaves_the_design_alone(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path
) -> None:
    before = erp.read_bytes()
    out_path = tmp_path / "out" / "laid-out.mesh.yaml"
    code, out, _ = run(capsys, "layout", str(erp), "-o", str(out_path), "--engine", "builtin")
    assert code == 0 and out.endswith(f"wrote {out_path}\n")
    assert erp.read_bytes() == before
    assert load_design(out_path).design.layout != load_design(erp).design.layout


def test_layout_keeps_extension_keys_and_unknown_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    design = small_design()
    design.layout["shop"] = Position(0, 0, {"x-pinned": True})
    design.layout["gone"] = Position(5, 5)
    path = tmp_path / "small.mesh.yaml"
    save_design(design, path)
    assert run(capsys, "layout", str(path), "--engine", "builtin")[0] == 0
    layout = load_design(path).design.layout
    assert layout["shop"].extensions == {"x-pinned": True} and layout["shop"] != Position(0, 0)
    assert layout["gone"] == Position(5, 5)


def test_layout_says_when_it_falls_back(
    capsys: pytest.CaptureFixture[str], erp: Path, no_dot: None
) -> None:
    code, out, _ = run(capsys, "layout", str(erp), "--engine", "dot")
    assert code == 0
    assert out.splitlines()[0] == (
        "note: Graphviz 'dot' was not found: used the built-in "
        "engine (install Graphviz for the tidiest layout)"
    )
    assert "with the builtin engine" in out


def test_layout_says_why_a_big_design_gets_the_built_in_engine(
    capsys: pytest.CaptureFixture[str], erp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import studio.layout
    from studio.layout import engine

    monkeypatch.setattr(engine, "DOT_NODE_LIMIT", 5)  # the sample is then a big design
    monkeypatch.setattr(studio.layout, "dot_available", lambda: True)
    code, out, _ = run(capsys, "layout", str(erp))
    assert code == 0
    count = len(load_design(erp).design.applications) + len(load_design(erp).design.topics)
    assert out.splitlines()[:2] == [
        f"note: {count} applications and topics are more than 5: used the built-in engine "
        "(Graphviz would be slow)",
        "note: ask for --engine dot to wait for Graphviz",
    ]


def test_layout_of_an_unusable_design_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.mesh.yaml"
    bad.write_text("meshStudio: 1\napplications: [{id: 'Not An Id'}]\n", encoding="utf-8")
    before = bad.read_bytes()
    code, out, err = run(capsys, "layout", str(bad))
    assert code == 2 and out == "" and ERROR_LINE.fullmatch(err)
    assert bad.read_bytes() == before
    code, _, err = run(capsys, "layout", str(tmp_path / "missing.mesh.yaml"))
    assert code == 2 and ERROR_LINE.fullmatch(err)


@pytest.mark.parametrize(
    ("name", "header"),
    [("mesh.svg", b"<?xml"), ("mesh.dot", b"digraph"), ("mesh.png", b"\x89PNG\r\n\x1a\n")],
)
def test_render_writes_only_the_file_asked_for(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path, name: str, header: bytes
) -> None:
    out_dir = tmp_path / "diagrams"
    out_dir.mkdir()
    before = erp.read_bytes()
    code, out, err = run(capsys, "render", str(erp), "-o", str(out_dir / name))
    assert code == 0 and err == ""
    assert out.startswith(f"wrote {out_dir / name} ({name.split('.')[1].upper()}, ")
    assert [p.name for p in out_dir.iterdir()] == [name]
    assert (out_dir / name).read_bytes().startswith(header)
    assert erp.read_bytes() == before  # render never writes positions back


def test_render_to_an_unknown_extension_exits_2(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mesh.pdf"
    code, out, err = run(capsys, "render", str(erp), "-o", str(target))
    assert code == 2 and out == ""
    assert err == (
        f"mesh-studio: {target}:1:1: cannot render to '.pdf'; name the output "
        "FILE.svg, FILE.png or FILE.dot\n"
    )
    assert not target.exists()


def test_render_png_without_graphviz_exits_2(
    capsys: pytest.CaptureFixture[str], erp: Path, tmp_path: Path, no_dot: None
) -> None:
    code, _, err = run(capsys, "render", str(erp), "-o", str(tmp_path / "mesh.png"))
    assert code == 2 and ERROR_LINE.fullmatch(err)
    assert "PNG needs Graphviz" in err and "SVG" in err
    assert list(tmp_path.glob("*.png")) == []
    assert run(capsys, "render", str(erp), "-o", str(tmp_path / "mesh.svg"))[0] == 0


def test_render_of_an_unusable_design_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "render", str(tmp_path / "none.mesh.yaml"), "-o", str(tmp_path / "x.svg")
    )
    assert code == 2 and ERROR_LINE.fullmatch(err)
    assert not (tmp_path / "x.svg").exists()


def test_help_lists_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        studio.cli.main(["--help"])
    text = capsys.readouterr().out
    assert "layout" in text and "render" in text
    assert layout_command.ENGINES == ENGINES


def test_building_the_cli_does_not_import_the_layout_package() -> None:
    # every command starts by building the parser: layout and graphviz load only when used
    code = (
        "import sys, studio.cli\n"
        "studio.cli.build_parser()\n"
        "sys.exit(1 if {'studio.layout', 'graphviz'} & set(sys.modules) else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
