"""Every hostile file through every command, in this process: a clear, located, one-line
error or the command's work; in bounded time; offline; nothing written outside the output
folder. (The cases too big for this process run under a memory limit in test_bounded.py.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.cli import main
from tests.hostile.corpus import CASES, Case
from tests.hostile.entry_points import (
    ENTRY_POINTS,
    Outcome,
    applies,
    changed_outside,
    check,
    files_of,
    snapshot,
)

RUNS = [
    pytest.param(case, entry, id=f"{case.name}-{entry}")
    for case in CASES
    if not case.big
    for entry in ENTRY_POINTS
    if applies(case, entry)
]


@pytest.mark.parametrize(("case", "entry"), RUNS)
def test_every_command_on_every_hostile_file(
    case: Case, entry: str, tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    design, registry, out = files_of(case, tmp_path)
    argv = ENTRY_POINTS[entry](design, registry, out)
    assert argv is not None
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")  # relative paths in names must not land anywhere
    before = snapshot(tmp_path)
    capsys.readouterr()
    start = time.perf_counter()
    code = main(argv)
    seconds = time.perf_counter() - start
    captured = capsys.readouterr()
    check(case, entry, design, registry, Outcome(code, captured.out, captured.err, seconds))
    assert changed_outside(before, snapshot(tmp_path), "out") == []
