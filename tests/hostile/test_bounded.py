"""The big hostile files (deep nesting, megabytes of text, huge lists) through every command in
a separate process with its address space limited to 1.5 GiB: a command that tried to hold a
blow-up in memory would fail there instead of swapping the machine. The same checks as in
test_entry_points.py apply to each command's outcome."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES, Case
from tests.hostile.entry_points import (
    ENTRY_POINTS,
    Outcome,
    changed_outside,
    check,
    files_of,
    snapshot,
)

RUNNER = Path(__file__).with_name("bounded_runner.py")
MEMORY_LIMIT = 1536 * 1024 * 1024
BIG = [case for case in CASES if case.big]


def _limit_memory() -> None:  # runs in the child, before it starts Python
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", BIG, ids=[case.name for case in BIG])
def test_big_hostile_files_in_bounded_memory_and_time(case: Case, tmp_path: Path) -> None:
    design, registry, out = files_of(case, tmp_path)
    runs = {
        entry: argv
        for entry, build in ENTRY_POINTS.items()
        if (argv := build(design, registry, out)) is not None
    }
    (tmp_path / "cwd").mkdir()
    before = snapshot(tmp_path)
    child = subprocess.run(
        [sys.executable, str(RUNNER), json.dumps(list(runs.values()))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path / "cwd",
        preexec_fn=_limit_memory,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    report = json.loads(child.stdout)
    assert report["network"] == []
    assert report["peak_kib"] * 1024 < MEMORY_LIMIT
    for entry, result in zip(runs, report["results"], strict=True):
        check(
            case,
            entry,
            design,
            registry,
            Outcome(result["code"], result["stdout"], result["stderr"], result["seconds"]),
        )
    assert changed_outside(before, snapshot(tmp_path), "out") == []
