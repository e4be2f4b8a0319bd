"""``registry check``: every schema parses, references resolve, histories obey their levels.

``check_registry`` yields the registry's findings, located on the line of the registry file a
user must edit:

* **MS103** - a schema does not parse in its declared format, a reference points at a
  missing subject or version, references form a cycle or a chain too deep, or a schema is
  over the size or nesting bounds. Located at the version's ``schema`` (or the reference).
* **MS104** - a live version breaks its subject's compatibility level against the live
  versions before it. One finding per new version, failed direction, place and rule, naming
  every older version it breaks against; the ``Incompatibility`` records ride along.

Both are errors. The design validator (``validate``) reuses these findings as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.io.yaml_source import SourceMap
from studio.registry.compatibility import Incompatibility, check_history
from studio.registry.model import Registry
from studio.registry.schemas import SchemaError, parse_version

SCHEMA_DOES_NOT_PARSE = "MS103"
HISTORY_BREAKS_LEVEL = "MS104"


@dataclass(frozen=True, slots=True)
class RegistryFinding:
    """One problem of a registry file: rule id, severity, where, and one sentence."""

    rule: str
    severity: str
    subject: str
    version: int
    message: str
    file: str
    line: int
    where: str | None = None
    incompatibilities: tuple[Incompatibility, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON reports (camelCase keys, as the other reports use)."""
        data: dict[str, Any] = {
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "subject": self.subject, "version": self.version, "file": self.file,
            "line": self.line,
        }
        if self.where:
            data["where"] = self.where
        if self.incompatibilities:
            data["incompatibilities"] = [
                {"oldVersion": i.old_version, "newVersion": i.new_version,
                 "direction": i.direction, "path": i.path, "rule": i.rule,
                 "message": i.message} for i in self.incompatibilities]
        return data


def check_registry(registry: Registry, source: SourceMap | None = None) -> list[RegistryFinding]:
    """Every MS103 and MS104 finding of ``registry``, in file order.

    ``source`` (from ``load_registry``) gives lines; without it every finding is on line 1.
    """
    file = source.path if source else "<registry>"
    findings: list[RegistryFinding] = []
    for name, subject in registry.subjects.items():
        lines: dict[int, int] = {}
        for index, entry in enumerate(subject.versions):
            at: tuple[str | int, ...] = ("subjects", name, "versions", index)
            lines[entry.version] = _line(source, at)
            try:
                parse_version(registry, name, entry)
            except SchemaError as error:
                place = (*at, "references", error.reference) if error.reference is not None \
                    else (*at, "schema")
                findings.append(RegistryFinding(
                    SCHEMA_DOES_NOT_PARSE, "error", name, entry.version,
                    _sentence(error.message), file, _line(source, place), error.where))
        findings += _history(registry, name, file, lines)
    findings.sort(key=lambda f: (f.line, f.rule))
    return findings


def _history(registry: Registry, subject: str, file: str, lines: dict[int, int]
             ) -> list[RegistryFinding]:
    level = registry.level_of(subject)
    groups: dict[tuple[Any, ...], list[Incompatibility]] = {}
    for item in check_history(registry, subject):
        groups.setdefault((item.new_version, item.direction, item.path, item.rule), []).append(
            item)
    findings = []
    for (version, _direction, path, _rule), items in groups.items():
        olds = ", ".join(f"v{i.old_version}" for i in items)
        # the sentence of the most recent older version reads best; the others are listed
        message = f"breaks {level} against {olds}: {items[0].message}"
        findings.append(RegistryFinding(HISTORY_BREAKS_LEVEL, "error", subject, version,
                                        message, file, lines.get(version, 1), path or None,
                                        tuple(items)))
    return findings


def _line(source: SourceMap | None, path: tuple[str | int, ...]) -> int:
    return source.line(path) if source else 1


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def format_finding(finding: RegistryFinding) -> str:
    """``FILE:LINE: RULE subject vN: sentence`` (the text report's one line per finding)."""
    return (f"{finding.file}:{finding.line}: {finding.rule} {finding.subject} "
            f"v{finding.version}: {finding.message}")
