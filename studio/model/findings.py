"""What a check reports: one ``Finding`` type for the design rules and the registry check.

A finding names the rule, its severity, one sentence, what it is about (an element id, or a
registry subject) and where that is written (file and line), so CI reports and the studio can
point at it. A registry finding also says which ``version`` of the subject, the ``where``
inside the schema, and, for a broken compatibility history (MS104), the incompatibilities
behind it. It lives in the model because both the registry and the validator make findings,
and the registry sits below the validator.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import Literal, Protocol

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# the keys of a finding in reports, in their order; the registry's details are not among them
_REPORTED = ("rule", "severity", "message", "element", "file", "line")


class FindingDetail(Protocol):
    """Structured detail behind a finding (an incompatibility), as plain data for JSON."""

    def as_dict(self) -> dict[str, object]: ...


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``element`` is an element id, a subject name, or None for the file."""

    rule: str
    message: str
    element: str | None
    file: str
    line: int
    severity: Severity = "error"
    _: KW_ONLY
    version: int | None = None
    where: str | None = None
    incompatibilities: tuple[FindingDetail, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The finding in validation reports (PRODUCT.md's ``--format json`` shape)."""
        return {key: getattr(self, key) for key in _REPORTED}
