"""What validation reports: findings, the rule catalogue, and the design's rule settings.

A finding names the rule, its severity, a sentence, the element it is about and where that
element is written (file and line), so CI reports and the studio can point at it. Rule ids
are stable and never reused (PRODUCT.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("MS101", "error", "Reference to an unknown id"),
    Rule("MS102", "error", "Payload names a subject or version missing from the registry"),
    Rule("MS103", "error", "Registry schema does not parse in its declared format"),
    Rule("MS104", "error", "Subject's version history breaks its compatibility level"),
    Rule("MS105", "warning", "Consumer's reader schema cannot read what the producer writes"),
    Rule("MS106", "warning", "Topic address does not match the taxonomy pattern"),
    Rule("MS107", "warning", "Topic has no producer or no consumer"),
    Rule("MS108", "error", "via: names no evented API for that topic"),
    Rule("MS109", "error", "Exported document fails the official AsyncAPI/OpenAPI schema"),
    Rule("MS110", "warning", "Message example does not validate against its payload schema"),
    Rule("MS111", "warning", "Synchronous call cycle between applications"),
    Rule("MS112", "error", "Address illegal for its protocol"),
    Rule("MS113", "warning", "Endpoint path parameter malformed or duplicate method and path"),
    Rule("MS114", "info", "JSON Schema with an open content model"),
    Rule("MS115", "warning", "Remote $ref in a schema written in the design (never fetched)"),
)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``element`` is an element id, a subject name, or None for the file."""

    rule: str
    message: str
    element: str | None
    file: str
    line: int
    severity: Severity = "error"

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "element": self.element, "file": self.file, "line": self.line}


def count_text(counts: dict[str, int]) -> str:
    """``1 error, 2 warnings, 0 info``."""
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    return (f"{errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}, {counts.get('info', 0)} info")


def finding(rule: str, message: str, element: str | None, file: str, line: int) -> Finding:
    """A finding with the rule's default severity."""
    return Finding(rule, message, element, file, line, RULES[rule].severity)
