"""The mesh-studio command: exit codes, one-line errors, info, fmt, generate."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studio import __version__
from studio.cli import main
from studio.io.design_file import load_design
from studio.registry import load_registry
from tests.conftest import ROOT, SAMPLE_DESIGNS, SAMPLES

ERROR_LINE = re.compile(r"mesh-studio: .+:\d+:\d+: [^\n]+\n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mesh-studio {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    for command in ("info", "fmt", "generate"):
        assert command in help_text


def test_info_counts_the_erp_sample(capsys) -> None:
    code, out, _ = run(capsys, "info", "--json", str(SAMPLES / "erp-mesh.mesh.yaml"))
    assert code == 0
    counts = json.loads(out)
    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    assert counts["applications"] == len(design.applications) == 13
    assert counts["topics"] == 4 and counts["messages"] == 13 and counts["endpoints"] == 7
    assert counts["links"]["subscribes (webhook)"] == 2
    assert counts["linkTotal"] == sum(counts["links"].values())


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_info_text_on_every_sample(capsys, sample: Path) -> None:
    code, out, err = run(capsys, "info", str(sample))
    design = load_design(sample).design
    assert code == 0 and err == ""
    assert re.search(rf"applications\s+{len(design.applications)}\b", out)
    assert re.search(rf"topics\s+{len(design.topics)}\b", out)
    assert re.search(rf"endpoints\s+{len(design.endpoints)}\b", out)


def test_unusable_input_is_one_line_and_exit_2(capsys, write, tmp_path: Path) -> None:
    bad = write("bad.mesh.yaml", "meshStudio: 1\napplications:\n  - id: a\n    kind: robot\n")
    for target in (bad, tmp_path / "missing.mesh.yaml", tmp_path):
        code, out, err = run(capsys, "info", str(target))
        assert code == 2 and out == ""
        assert ERROR_LINE.fullmatch(err), err


def test_debug_shows_the_traceback(capsys, tmp_path: Path) -> None:
    from studio.errors import LoadError

    with pytest.raises(LoadError):
        main(["--debug", "info", str(tmp_path / "missing.yaml")])


def test_fmt_check_then_fmt_then_clean(capsys, write) -> None:
    path = write("d.mesh.yaml", "meshStudio: 1\napplications: [{id: a, name: A}]\n")
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert code == 1 and "not in canonical form" in out
    assert path.read_text() == "meshStudio: 1\napplications: [{id: a, name: A}]\n"
    assert run(capsys, "fmt", str(path))[0] == 0
    # canonical form spells out the default kind
    expected = "meshStudio: 1\napplications:\n  - id: a\n    name: A\n    kind: service\n"
    assert path.read_text() == expected
    assert run(capsys, "fmt", "--check", str(path))[:2] == (0, "")


def test_fmt_keeps_files_with_comments_unless_told_to_drop_them(capsys, write) -> None:
    original = (
        "meshStudio: 1\n# owned by the integration team\n"
        "applications: [{id: a, name: 'A # not a comment'}]  # inline\n"
    )
    path = write("d.mesh.yaml", original)
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert code == 1 and "YAML comments (lines 2, 3) would be dropped" in out
    code, out, err = run(capsys, "fmt", str(path))
    assert code == 2 and out == "" and ERROR_LINE.fullmatch(err)
    assert f"{path}:2:1: has YAML comments (lines 2, 3)" in err and "--drop-comments" in err
    assert path.read_text() == original
    assert run(capsys, "fmt", "--drop-comments", str(path))[0] == 0
    assert "#" not in path.read_text().replace("A # not", "")
    assert "name: 'A # not a comment'" in path.read_text()


def test_fmt_and_validate_take_many_files_and_go_on_past_a_broken_one(
    capsys, write, tmp_path: Path
) -> None:
    loose = write("a.mesh.yaml", "meshStudio: 1\napplications: [{id: a, name: A}]\n")
    broken = write("b.mesh.yaml", "meshStudio: 1\ntopics: [\n")
    bad_ref = write(
        "c.mesh.yaml",
        "meshStudio: 1\napplications:\n  - id: c\n    name: C\n"
        "    kind: service\n    publishes: [{topic: nowhere}]\n",
    )
    code, out, err = run(capsys, "fmt", str(loose), str(broken), str(bad_ref))
    assert code == 2 and f"{loose}: reformatted" in out
    assert err.count("mesh-studio: ") == 1 and f"{broken}:" in err
    assert "kind: service" in loose.read_text()

    code, out, err = run(capsys, "validate", "--format", "json", str(loose), str(bad_ref))
    report = json.loads(out)
    assert code == 1 and err == ""
    assert {(f["file"], f["rule"]) for f in report["findings"] if f["severity"] == "error"} == {
        (str(bad_ref), "MS101")
    }
    code, out, err = run(capsys, "validate", str(loose), str(broken), str(bad_ref))
    assert code == 2 and re.search(rf"^{re.escape(str(bad_ref))}:\d+: error MS101", out, re.M)
    assert f"{broken}:" in err
    # nothing was read: no report claims "0 errors", only the file's sentence
    code, out, err = run(capsys, "validate", str(broken))
    assert (code, out) == (2, "") and ERROR_LINE.fullmatch(err)


def test_fmt_refuses_broken_files_without_touching_them(capsys, write) -> None:
    path = write("d.mesh.yaml", "meshStudio: 1\ntopics: [\n")
    code, _, err = run(capsys, "fmt", str(path))
    assert code == 2 and ERROR_LINE.fullmatch(err)
    assert path.read_text() == "meshStudio: 1\ntopics: [\n"


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_samples_pass_fmt_check(capsys, sample: Path) -> None:
    assert run(capsys, "fmt", "--check", str(sample))[0] == 0


def test_generate_is_deterministic_and_loads(capsys, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "big.mesh.yaml", tmp_path / "b" / "big.mesh.yaml"
    for target in (first, second):
        code, out, _ = run(capsys, "generate", "--apps", "40", "--seed", "7", "-o", str(target))
        assert code == 0 and "wrote" in out
    assert first.read_bytes() == second.read_bytes()
    registry_path = first.with_name("big.registry.yaml")
    assert registry_path.read_bytes() == second.with_name("big.registry.yaml").read_bytes()
    design = load_design(first).design
    assert design.registry == "big.registry.yaml"
    assert len(design.applications) == 40
    registry, _ = load_registry(registry_path)
    assert {v.schema_type for s in registry.subjects.values() for v in s.versions} == {
        "AVRO",
        "JSON",
        "PROTOBUF",
    }
    other = tmp_path / "c.mesh.yaml"
    run(capsys, "generate", "--apps", "40", "--seed", "8", "-o", str(other))
    assert other.read_bytes() != first.read_bytes()


def test_generate_rejects_bad_arguments(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["generate", "--apps", "0", "-o", "x.mesh.yaml"])
    assert info.value.code == 2


def test_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio", "info", str(tmp_path / "x.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"mesh-studio: {tmp_path / 'x.yaml'}:1:1: no such file\n"
    assert "Traceback" not in result.stderr


def test_gui_screenshot_renders_the_sample(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "gui",
            str(SAMPLES / "erp-mesh.mesh.yaml"),
            "--screenshot",
            str(target),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert target.stat().st_size > 20_000


def test_gui_without_display_says_so_and_renders_offscreen(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "studio", str(SAMPLES / "iot-mesh.mesh.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mesh-studio: no display found")
    assert (tmp_path / "mesh-studio-iot-mesh.png").exists()


def test_gui_on_a_broken_file_is_one_line_exit_2(write) -> None:
    path = write("b.mesh.yaml", "meshStudio: 7\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "gui",
            str(path),
            "--screenshot",
            str(path.with_suffix(".png")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert ERROR_LINE.fullmatch(result.stderr)


def test_impact_of_a_subject_follows_the_registry_references(capsys) -> None:
    design = str(SAMPLES / "erp-mesh.mesh.yaml")
    code, out, _ = run(capsys, "impact", design, "--subject", "acme/common/money.proto")
    assert code == 0
    assert out.startswith("A change to acme/common/money.proto reaches ")
    assert "    order-placed-event  (via shop.order.placed.v1-value)\n" in out
    assert "    shop.order.placed.v1-value  (via direct)\n" in out
    code, _, err = run(capsys, "impact", design, "--subject", "acme/unused.proto")
    assert (
        code == 2
        and "no message of this design uses subject 'acme/unused.proto', "
        "directly or through the subjects that reference it"
        in err
    )


MONEY_V3 = """\
      - version: 3
        id: 100099
        schemaType: PROTOBUF
        schema: |-
          syntax = "proto3";
          package acme.common;
          message Money { string currency_code = 1; string units = 2; int32 nanos = 3; }
"""


def test_impact_tries_a_new_version_on_the_subjects_that_reference_it(capsys, tmp_path) -> None:
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    registry = tmp_path / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    last_money_line = "            int32 nanos = 3;\n          }\n"
    registry.write_text(
        text.replace(last_money_line, last_money_line + MONEY_V3, 1), encoding="utf-8"
    )
    design = str(tmp_path / "erp-mesh.mesh.yaml")
    code, out, _ = run(capsys, "impact", design, "--subject", "acme/common/money.proto")
    assert code == 0
    assert (
        "If the 1 subject(s) that reference acme/common/money.proto moved to v3, 1 would "
        "break:\n  shop.order.placed.v1-value v2 (references v2): would break; as a "
        "candidate referencing v3 it\n    breaks BACKWARD_TRANSITIVE against v2 at "
        "OrderPlaced.lines.unit_price.units: "
    ) in out
    code, out, _ = run(
        capsys,
        "impact",
        design,
        "--subject",
        "acme/common/money.proto",
        "--version",
        "2",
        "--format",
        "json",
    )
    moved = json.loads(out)["movedReferrers"]
    assert code == 0 and moved == {"version": 2, "subjects": []}
    code, _, err = run(
        capsys, "impact", design, "--subject", "acme/common/money.proto", "--version", "9"
    )
    assert code == 2 and "subject 'acme/common/money.proto' has no version 9" in err
