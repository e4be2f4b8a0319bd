"""Run a semantic diff: find the differences, judge each one, return them in a stable order.

``diff_designs`` works on two ``Design`` values (the studio diffs the open document against
a saved or committed one this way); ``diff_sides`` on two loaded sides with their
registries; ``diff_specs`` on what a user typed (file paths or ``git:REV:PATH``), which is
what ``mesh-studio diff`` calls.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from studio.diff.breaking import classify
from studio.diff.changes import Change, DiffResult, ordered
from studio.diff.compare import deltas, layout_changed
from studio.diff.context import Context, Registries
from studio.diff.payloads import Reader
from studio.diff.sources import Side, is_git_spec, load_side, registries_of
from studio.model import Design


def diff_designs(
    old: Design,
    new: Design,
    registries: Registries | None = None,
    old_label: str = "old",
    new_label: str = "new",
) -> DiffResult:
    """Every semantic change from ``old`` to ``new``, each classified breaking or not.

    ``registries`` are the registry files payload references resolve in on each side;
    without them, payload version changes that someone reads are breaking "cannot be
    checked" (see ``payloads``).
    """
    ctx = Context.of(old, new, registries)
    reader = Reader(ctx)
    changes: list[Change] = []
    for delta in deltas(old, new):
        verdict = classify(delta, ctx, reader)
        changes.append(
            Change(
                delta.kind,
                delta.element,
                delta.path,
                verdict.breaking,
                verdict.reason,
                delta.what,
                _plain(delta.old),
                _plain(delta.new),
                verdict.affected,
                delta.link.key if delta.link else None,
            )
        )
    return DiffResult(
        ordered(changes),
        old_label,
        new_label,
        layout_changed(old, new),
        _notes(old, new, ctx.registries),
    )


def diff_sides(old: Side, new: Side) -> DiffResult:
    """Diff two loaded sides, each with the registry it names."""
    return diff_designs(old.design, new.design, registries_of(old, new), old.label, new.label)


def diff_specs(old: str, new: str, cwd: Path | None = None) -> DiffResult:
    """Diff what a user typed: file paths or ``git:REV:PATH`` (see ``sources``).

    Plain files are loaded first, so a missing file is reported as such rather than as a
    repository problem of the other side.
    """
    specs = (old, new)
    sides: dict[int, Side] = {}
    for index in sorted(range(2), key=lambda i: is_git_spec(specs[i])):
        sides[index] = load_side(specs[index], specs[1 - index], cwd)
    return diff_sides(sides[0], sides[1])


def _notes(old: Design, new: Design, registries: Registries) -> tuple[str, ...]:
    """Why schema checks were missing, when a side names a registry it cannot use (asked
    only of registries a check needed: the others were never read)."""
    notes = []
    for side, design in (("old", old), ("new", new)):
        if not registries.loaded(side):
            continue
        _, problem = registries.of(side)
        if design.registry and problem:
            notes.append(f"{side} side: {problem}")
    return tuple(notes)


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a value from the design file (tuples become lists)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.loads(json.dumps(value, default=str))
