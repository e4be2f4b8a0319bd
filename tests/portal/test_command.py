"""``mesh-studio portal``: exit codes, messages and help, as the other commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.cli import main
from tests.conftest import SAMPLES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_publishes_the_sample_and_exits_0(capsys, tmp_path: Path) -> None:
    code, out, err = run(
        capsys, "portal", str(SAMPLES / "iot-mesh.mesh.yaml"), "-o", str(tmp_path / "site")
    )
    assert code == 0, err
    assert "published" in out and "index.html" in out
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_missing_design_is_one_line_and_exit_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "portal", str(tmp_path / "nope.mesh.yaml"), "-o", str(tmp_path / "site")
    )
    assert code == 2
    assert err.startswith("mesh-studio: ") and err.count("\n") == 1
    assert f"{tmp_path / 'nope.mesh.yaml'}:1:1:" in err
    assert not (tmp_path / "site").exists()


def test_a_broken_design_names_file_line_and_column(capsys, tmp_path: Path) -> None:
    design = tmp_path / "bad.mesh.yaml"
    design.write_text("meshStudio: 1\ntopics:\n  - id: Bad Id\n    address: x\n", encoding="utf-8")
    code, _, err = run(capsys, "portal", str(design), "-o", str(tmp_path / "site"))
    assert code == 2
    assert err.startswith(f"mesh-studio: {design}:3:") and "Traceback" not in err


def test_an_output_that_is_a_file_is_exit_2(capsys, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "portal", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(target))
    assert code == 2 and "is not a folder" in err


def test_a_missing_registry_still_publishes_with_a_warning(capsys, tmp_path: Path) -> None:
    design = tmp_path / "erp.mesh.yaml"
    design.write_text((SAMPLES / "erp-mesh.mesh.yaml").read_text("utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "portal", str(design), "-o", str(tmp_path / "site"))
    assert code == 0
    assert "warning: no payload schemas: the registry file registry.yaml does not exist" in out


def test_help_describes_the_portal(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["portal", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "-o DIR" in out and "static event portal" in out and "file system" in out
    main_help = run_help(capsys)
    assert "portal" in main_help


def run_help(capsys) -> str:
    with pytest.raises(SystemExit):
        main(["--help"])
    return capsys.readouterr().out
