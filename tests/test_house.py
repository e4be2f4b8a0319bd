"""CI holds the house: `make lint` runs ruff, ruff format, mypy over all of studio and the import
contracts; .ci/run runs `make lint`; contributors' pre-commit runs the same commands; and a
broken import contract is caught (in a copy of the package, so the tree itself stays clean)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def lint_commands() -> list[str]:
    """The recipe lines of the Makefile's lint target, with $(BIN) spelled out as .venv/bin."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index("lint: setup")
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().replace("$(BIN)", ".venv/bin"))
    return recipe


def test_lint_runs_every_check_of_the_house() -> None:
    commands = lint_commands()
    assert ".venv/bin/ruff check studio resources tests benchmarks" in commands
    assert ".venv/bin/ruff format --check studio resources tests benchmarks" in commands
    assert ".venv/bin/mypy studio" in commands  # the GUI included
    assert ".venv/bin/lint-imports" in commands


def test_ci_runs_lint_and_the_tests() -> None:
    steps = [
        line
        for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert "make lint" in steps and "make test" in steps


def test_pre_commit_runs_what_lint_runs() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = {hook["entry"] for hook in hooks}
    for command in lint_commands():
        # pre-commit passes the changed files where lint names the folders
        tool = command.removesuffix(" studio resources tests benchmarks")
        assert tool in entries, command
    check = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_broken_import_contract_fails_lint_imports(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "studio", tmp_path / "studio", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    def lint_imports() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "lint-imports"), "--no-cache"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": str(tmp_path), "PATH": str(BIN)},
        )

    clean = lint_imports()
    assert clean.returncode == 0, clean.stdout
    with (tmp_path / "studio/model/starter.py").open("a", encoding="utf-8") as module:
        module.write("\nimport PySide6  # noqa: E402,F401\n")
    broken = lint_imports()
    assert broken.returncode == 1
    assert "Qt only in studio.gui BROKEN" in broken.stdout
    assert "studio.model.starter -> PySide6" in broken.stdout
