"""The CI workflow in the README works as written, in a repository laid out as it assumes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, SAMPLES


def _workflow() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/mesh\.yaml\n.*?)```", readme, re.S)
    assert block, "the README shows a GitHub workflow"
    return yaml.safe_load(block.group(1))


def test_the_workflow_checks_out_history_and_uses_current_actions() -> None:
    steps = _workflow()["jobs"]["mesh"]["steps"]
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    versions = {name: step["uses"].split("@")[1] for name, step in uses.items()}
    assert versions == {
        "actions/checkout": "v6",
        "actions/setup-python": "v6",
        "github/codeql-action/upload-sarif": "v4",
    }
    installs = [step["run"] for step in steps if "pip install" in step.get("run", "")]
    assert installs and all("git+https://" in line for line in installs)


def test_its_mesh_studio_steps_pass_on_a_team_repository(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    (repo / "designs").mkdir(parents=True)
    for name in ("erp-mesh.mesh.yaml", "iot-mesh.mesh.yaml", "registry.yaml", "iot-registry.yaml"):
        shutil.copy(SAMPLES / name, repo / "designs" / name.replace("erp-mesh", "erp"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (
        ["init", "--quiet"],
        ["add", "."],
        ["commit", "--quiet", "-m", "designs"],
        ["update-ref", "refs/remotes/origin/main", "HEAD"],
    ):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands = [
        step["run"]
        for step in _workflow()["jobs"]["mesh"]["steps"]
        if step.get("run", "").startswith("mesh-studio ")
    ]
    assert len(commands) == 5
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (repo / "mesh.sarif").is_file() and (repo / "specs" / "index.yaml").is_file()
    assert (repo / "public" / "index.html").is_file() and (repo / "diff.md").is_file()
