"""``mesh-studio diff``: exit codes 0 same, 1 changed, 2 unusable; formats; output file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from studio.cli import main
from tests.conftest import ROOT, SAMPLES
from tests.diff.test_sources import DESIGN, git

ERP = str(SAMPLES / "erp-mesh.mesh.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """The ERP sample without the product-changed topic, beside a copy of its registry."""
    text = Path(ERP).read_text(encoding="utf-8")
    start = text.index("  - id: product-changed\n    address:")
    end = text.index("  - id: order-placed\n    address:")
    (tmp_path / "registry.yaml").write_bytes((SAMPLES / "registry.yaml").read_bytes())
    path = tmp_path / "erp.mesh.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_same_design_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ERP, ERP)
    assert (code, err) == (0, "")
    assert out == f"{ERP} → {ERP}: no semantic changes\n"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_changed_design_exits_1_in_every_format(
    capsys: pytest.CaptureFixture[str], edited: Path, fmt: str
) -> None:
    code, out, err = run(capsys, ERP, str(edited), "--format", fmt)
    assert (code, err) == (1, "")
    if fmt == "json":
        change = json.loads(out)["changes"][0]
        assert (change["kind"], change["element"], change["breaking"]) == (
            "removed",
            "product-changed",
            True,
        )
    elif fmt == "markdown":
        assert out.startswith("### ⚠️ Mesh design diff: 1 change, 1 breaking")
    else:
        assert "removed topic product-changed" in out


def test_report_to_a_file(capsys: pytest.CaptureFixture[str], edited: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "diff.md"
    code, out, _ = run(capsys, ERP, str(edited), "--format", "markdown", "-o", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("### ⚠️ Mesh design diff")


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("missing.mesh.yaml", "missing.mesh.yaml:1:1: no such file"),
        ("git:nope:erp.mesh.yaml", "revision 'nope' is not known"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, message: str
) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "erp.mesh.yaml").write_text(DESIGN, encoding="utf-8")
    code, out, err = run(capsys, old, str(tmp_path / "erp.mesh.yaml"))
    assert code == 2 and out == ""
    assert err.startswith("mesh-studio: ") and message in err and err.count("\n") == 1


def test_git_revision_of_a_repository_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    design = tmp_path / "sub" / "shop.mesh.yaml"
    design.write_text(DESIGN, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path / "sub")
    assert run(capsys, "git:HEAD:sub/shop.mesh.yaml", "shop.mesh.yaml")[0] == 0
    design.write_text(
        DESIGN.replace("shop.order.placed.v1", "shop.order.placed.v2"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "git:HEAD", "shop.mesh.yaml", "--format", "json")
    assert code == 1
    assert [c["path"] for c in json.loads(out)["changes"]] == ["topics/orders/address"]


def test_help_lists_diff(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "semantic changes between two designs" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    assert "git:REV:PATH" in capsys.readouterr().out


def test_the_diff_core_imports_no_qt() -> None:
    code = (
        "import sys, studio.diff, studio.commands.diff\n"
        "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
