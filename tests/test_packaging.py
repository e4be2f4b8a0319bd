"""The wheel users install carries the whole package and every resource it reads.

The suite itself runs from an editable install, which reads ``resources/`` from the checkout;
this builds the real wheel and compares it with the tree (``.ci/smoke`` then runs it outside
the checkout).
"""

from __future__ import annotations

import email
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=out,
    )
    [built] = out.glob("mesh_studio-*.whl")
    return zipfile.ZipFile(built)


def _tree(folder: Path, prefix: str, pattern: str = "*") -> set[str]:
    return {
        f"{prefix}/{p.relative_to(folder).as_posix()}"
        for p in folder.rglob(pattern)
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_wheel_holds_every_module_and_every_resource(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = _tree(ROOT / "studio", "studio", "*.py")
    resources = _tree(ROOT / "resources", "studio/resources")
    assert modules - names == set()
    assert resources - names == set()
    packaged = {n for n in names if not n.startswith("mesh_studio-")}
    assert packaged - modules - resources == set()  # nothing stray either


def test_the_wheel_declares_its_licence_and_commands(wheel: zipfile.ZipFile) -> None:
    [metadata] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    fields = email.message_from_bytes(wheel.read(metadata))
    assert fields["License-Expression"] == "Apache-2.0"
    assert "LICENSE" in fields.get_all("License-File")
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    scripts = wheel.read(entry_points).decode()
    assert "mesh-studio = studio.cli:main" in scripts
    assert "mesh-studio-gui = studio.cli:gui_main" in scripts
