"""The entry points a hostile file goes through, and what each must make of every case.

``ENTRY_POINTS`` maps a name to the command line for one case: ``(design, registry, out)`` to
the arguments of ``mesh-studio`` (``registry`` is None when the case has no registry file; an
entry point that needs one returns None then). Adding an entry point is adding one line. The
studio's own File > Open is checked in ``test_studio_open.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SAMPLES
from tests.hostile.corpus import DESIGN, REGISTRY, Case

SAMPLE = SAMPLES / "erp-mesh.mesh.yaml"

EntryPoint = Callable[[Path, Path | None, Path], list[str] | None]
ENTRY_POINTS: dict[str, EntryPoint] = {
    "info": lambda d, r, out: ["info", str(d)],
    "validate": lambda d, r, out: ["validate", str(d)],
    "fmt-check": lambda d, r, out: ["fmt", "--check", str(d)],
    "export": lambda d, r, out: ["export", str(d), "-o", str(out / "specs")],
    "render": lambda d, r, out: ["render", str(d), "-o", str(out / "mesh.svg")],
    "portal": lambda d, r, out: ["portal", str(d), "-o", str(out / "portal"), "-q"],
    "diff": lambda d, r, out: [
        "diff",
        str(SAMPLE),
        str(d),
        "--format",
        "markdown",
        "-o",
        str(out / "diff.md"),
    ],
    "diff-old": lambda d, r, out: ["diff", str(d), str(SAMPLE)],
    "registry-check": lambda d, r, out: ["registry", "check", str(r)] if r else None,
}
# commands that stop when the registry a design names cannot be used (validate reports it)
NEEDS_REGISTRY = frozenset({"export", "portal", "registry-check"})
# commands that must succeed on a file that loads, however hostile its content
MUST_SUCCEED = frozenset({"info", "render", "portal"})
TIME_LIMIT_S = 30.0  # "finishes": generous, for a loaded 2-core machine; no speed claim


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float


def applies(case: Case, entry: str) -> bool:
    """Whether ``entry`` has a file to work on: only cases with a registry have one to check
    (the corpus gives every case a registry except those whose design is refused or big)."""
    return entry != "registry-check" or (case.refused != DESIGN and not case.big)


def files_of(case: Case, root: Path) -> tuple[Path, Path | None, Path]:
    """Write the case into ``root/in``; return the design, the registry (if any), ``root/out``."""
    folder = root / "in"
    folder.mkdir(parents=True)
    case.write(folder)
    registry = folder / REGISTRY
    return folder / DESIGN, registry if registry.exists() else None, root / "out"


def check(case: Case, entry: str, design: Path, registry: Path | None, outcome: Outcome) -> None:
    """What ``entry`` must have done with ``case``: a located one-line refusal, or its work."""
    assert outcome.seconds < TIME_LIMIT_S, f"{entry} took {outcome.seconds:.1f} s"
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, (
        outcome.stderr
    )
    refused = case.refused == DESIGN or (case.refused == REGISTRY and entry in NEEDS_REGISTRY)
    if refused:
        bad = design if case.refused == DESIGN else registry
        assert outcome.code == 2, (outcome.code, outcome.stderr)
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"mesh-studio: {bad}:{case.line}:"), lines[0]
        assert case.fragment in lines[0], lines[0]
        assert lines[0].isprintable(), lines[0]
        return
    assert outcome.code in ((0,) if entry in MUST_SUCCEED else (0, 1)), (
        outcome.code,
        outcome.stderr,
    )
    if entry == "validate" and case.refused == REGISTRY:
        assert "MS102" in outcome.stdout and case.fragment in outcome.stdout, outcome.stdout
    elif entry == "validate" and case.fragment:
        assert case.fragment in outcome.stdout, outcome.stdout


Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every path under ``root`` (links not followed) with its size and modification time."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            found[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return found


def changed_outside(before: Snapshot, after: Snapshot, allowed: str) -> list[str]:
    """Paths created, changed or removed anywhere but under ``allowed``."""
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(p for p in changed if p != allowed and not p.startswith(allowed + os.sep))
