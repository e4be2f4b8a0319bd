"""Semantic diff of two designs: what a change really does to the mesh, and what it breaks.

``diff_designs(old, new)`` compares two ``Design`` values; ``diff_specs("git:HEAD:x.mesh.yaml",
"x.mesh.yaml")`` loads what a user typed (file paths or ``git:REV:PATH``) and their
registries first. Both return a ``DiffResult``: ``Change`` values (added, removed or changed
elements, relations, payload schemas, taxonomy and rule settings), each classified breaking
or not with a one-sentence reason and the ids it breaks, in the design file's order.
``report.render`` turns a result into text, JSON or Markdown. No Qt here: the studio's
Changes panel and canvas overlay read the same values.

Modules: ``compare`` finds differences, ``breaking`` and ``payloads`` judge them (the latter
asks the registry compatibility engine), ``usage`` indexes who uses what, ``sources`` loads
files and git revisions, ``report`` writes reports, ``differ`` ties them together.
"""

from studio.diff.changes import Change, ChangeKind, DiffResult
from studio.diff.context import Registries
from studio.diff.differ import diff_designs, diff_sides, diff_specs
from studio.diff.report import FORMATS, describe, render
from studio.diff.sources import Side, is_git_spec, load_side, registries_of, registry_of

__all__ = [
    "FORMATS",
    "Change",
    "ChangeKind",
    "DiffResult",
    "Registries",
    "Side",
    "describe",
    "diff_designs",
    "diff_sides",
    "diff_specs",
    "is_git_spec",
    "load_side",
    "registries_of",
    "registry_of",
    "render",
]
