"""The pre-commit hooks this repository offers, run by pre-commit itself.

pre-commit installs the hooks' package into an environment of its own, as it would for a user's
repository, here from the wheelhouse ``make setup`` fills (no index: tests use no network), and
passes every matching file to one call of each hook.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_validate_and_fmt_hooks_check_several_designs(tmp_path: Path) -> None:
    repo = tmp_path / "team-repo"
    repo.mkdir()
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, repo / name)
    broken = (
        "meshStudio: 1\napplications: [{id: shop, name: Shop, publishes: [{topic: nowhere}]}]\n"
    )
    (repo / "shop.mesh.yaml").write_text(broken, encoding="utf-8")
    _git(repo, "init", "--quiet")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_DOWNLOAD": "1",
    }

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "--all-files",
            "--color",
            "never",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = run.stdout + run.stderr

    assert run.returncode == 1, out
    assert "unrecognized arguments" not in out
    # validate: one report over both files, the broken one's error named by file and line
    assert "mesh-studio validate" in out
    assert re.search(r"^shop\.mesh\.yaml:\d+: error MS101 \[shop\]", out, re.M)
    assert out.count("1 error, 0 warnings, 0 info") == 1 and out.count(" warnings, ") == 1
    # fmt: the canonical sample untouched, the other one rewritten (so the hook fails)
    assert "shop.mesh.yaml: reformatted" in out and "files were modified by this hook" in out
    assert "erp-mesh.mesh.yaml: reformatted" not in out
    sample = (SAMPLES / "erp-mesh.mesh.yaml").read_bytes()
    assert (repo / "erp-mesh.mesh.yaml").read_bytes() == sample
    assert (
        (repo / "shop.mesh.yaml")
        .read_text(encoding="utf-8")
        .startswith("meshStudio: 1\napplications:\n  - id: shop\n")
    )
