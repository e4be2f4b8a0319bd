"""A new version of a referenced subject, tried on every subject that references it.

A registry checks a new version of ``acme/common/money.proto`` against that subject's own
history only. The subjects that import it keep pinning the old version until their owners
move, and only then learn whether their schema still compiles against the new one and
whether the result is compatible with what they already registered. ``moved_referrers``
answers that ahead of time: the latest live version of each subject that references the
subject at another version is re-checked as a candidate of its own subject, with that one
reference moved to the new version, under the referencing subject's level.

Only direct referrers move: a subject that reaches the new version through another subject
keeps its pinned chain until that subject registers a version of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studio.registry.compatibility import check_candidate
from studio.registry.model import Registry, SchemaVersion
from studio.registry.schema_types import SchemaError


@dataclass(frozen=True, slots=True)
class MovedReferrer:
    """A referencing subject's latest version with its reference moved to the new version.

    ``pinned`` is the version it references today; ``problems`` is empty when the moved
    schema still parses and is compatible under ``level``."""

    subject: str
    version: int
    pinned: int
    level: str
    problems: tuple[str, ...]

    @property
    def breaks(self) -> bool:
        return bool(self.problems)


def moved_referrers(registry: Registry, subject: str, version: int) -> list[MovedReferrer]:
    """Every subject whose latest live version references ``subject`` at another version
    than ``version``, checked as if it referenced ``version``; sorted by subject."""
    found = []
    for name in sorted(registry.subjects):
        latest = registry.subjects[name].get("latest")
        pinned = _pinned(latest, subject) if latest else None
        if latest is None or pinned is None or pinned == version:
            continue
        moved = tuple(
            replace(r, version=version) if r.subject == subject else r for r in latest.references
        )
        level = registry.level_of(name)
        try:
            breaks = check_candidate(
                registry, name, latest.schema, latest.schema_type, references=moved
            )
            problems = tuple(
                f"breaks {level} against v{b.old_version} at {b.path or 'the schema'}: {b.message}"
                for b in breaks
            )
        except SchemaError as error:
            problems = (f"no longer parses: {error.message}",)
        found.append(MovedReferrer(name, latest.version, pinned, level, problems))
    return found


def _pinned(entry: SchemaVersion, subject: str) -> int | None:
    return next((r.version for r in entry.references if r.subject == subject), None)
