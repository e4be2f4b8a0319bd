"""What a semantic diff reports: one ``Change`` per difference, and the ``DiffResult`` of a run.

A change says what happened (``kind``: added, removed or changed), to which element (its id,
or None for design-level settings such as the taxonomy and the rules), where in the design
(``path``, in the design file's own keys: ``topics/orders/address``,
``links/publishes:erp>customer-changed``, ``taxonomy/kafka``, ``rules/disable/MS107``),
whether it breaks someone (``breaking``) and why, in one sentence (``reason``, always set).
``affected`` lists the ids of the elements that break (consumers, callers), so the studio can
highlight them; ``old`` and ``new`` carry plain values (what the design file holds) for field
changes. Changes are values: comparing, sorting and serialising them needs nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

ChangeKind = Literal["added", "removed", "changed"]
KINDS: tuple[ChangeKind, ...] = ("added", "removed", "changed")

# The order changes are listed in: the design file's order, with relations after the elements
# they connect (they are fields of applications and notes, but reviewers read them as a set).
SECTION_ORDER: tuple[str, ...] = (
    "info",
    "registry",
    "taxonomy",
    "brokers",
    "applications",
    "topics",
    "messages",
    "endpoints",
    "links",
    "rules",
    "notes",
    "extensions",
)


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic difference between two designs, classified breaking or not.

    ``what`` is a short phrase for lists ("topic customer-changed", "address of topic
    customer-changed"); ``link`` is the canvas key of the relation (``Link.key``) when the
    change is to a relation, so the studio can find the edge it draws.
    """

    kind: ChangeKind
    element: str | None
    path: str
    breaking: bool
    reason: str
    what: str = ""
    old: Any = None
    new: Any = None
    affected: tuple[str, ...] = ()
    link: str | None = None

    @property
    def section(self) -> str:
        """The first part of ``path``: ``topics``, ``links``, ``taxonomy``, ``x-...`` ..."""
        head = self.path.split("/", 1)[0]
        return "extensions" if head.startswith("x-") else head

    def sort_key(self) -> tuple[int, str]:
        """Section, then element id; ``ordered`` keeps the order of the rest (a stable sort),
        which is the design file's key order within an element."""
        rank = (
            SECTION_ORDER.index(self.section)
            if self.section in SECTION_ORDER
            else len(SECTION_ORDER)
        )
        return (rank, self.element or "")

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: the issue's five keys first, then the extras (when set)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "element": self.element,
            "path": self.path,
            "breaking": self.breaking,
            "reason": self.reason,
        }
        extras = {
            "what": self.what or None,
            "old": self.old,
            "new": self.new,
            "affected": list(self.affected) or None,
            "link": self.link or None,
        }
        data.update((key, value) for key, value in extras.items() if value is not None)
        return data


@dataclass(frozen=True)
class DiffResult:
    """Every change between two designs, in a stable order, with the names of both sides.

    ``layout_changed`` says whether canvas positions differ: geometry is not a semantic
    change, so it is never a ``Change``, but a report may mention it.
    """

    changes: tuple[Change, ...] = ()
    old_label: str = "old"
    new_label: str = "new"
    layout_changed: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def same(self) -> bool:
        return not self.changes

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.breaking)

    @property
    def not_breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.breaking)

    def of_element(self, element_id: str) -> tuple[Change, ...]:
        """The changes to one element (the studio's overlay asks per element)."""
        return tuple(c for c in self.changes if c.element == element_id)

    def summary(self) -> dict[str, Any]:
        counts: dict[str, int] = {
            kind: sum(1 for c in self.changes if c.kind == kind) for kind in KINDS
        }
        return {
            "old": self.old_label,
            "new": self.new_label,
            "changes": len(self.changes),
            "breaking": len(self.breaking),
            **counts,
            "layoutChanged": self.layout_changed,
        }

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "changes": [c.as_dict() for c in self.changes],
            "summary": self.summary(),
        }
        if self.notes:
            data["summary"]["notes"] = list(self.notes)
        return data


def ordered(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Changes in report order: section, element id, then the order they were found in."""
    return tuple(sorted(changes, key=Change.sort_key))


def count_text(count: int, noun: str) -> str:
    """``1 change``, ``3 changes``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
