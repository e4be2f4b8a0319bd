"""``registry check``: every schema parses, references resolve, histories obey their levels.

``check_registry`` yields the registry's findings, located on the line of the registry file a
user must edit:

* **MS103** - a schema does not parse in its declared format, a reference points at a
  missing subject or version, references form a cycle or a chain too deep, or a schema is
  over the size or nesting bounds. Located at the version's ``schema`` (or the reference).
* **MS104** - a live version breaks its subject's compatibility level against the live
  versions before it. One finding per new version, failed direction, place and rule, naming
  every older version it breaks against; the ``Incompatibility`` records ride along.

Both are errors, reported as ``studio.model.findings.Finding`` (the subject is the
finding's ``element``). The design validator (``validate``) reuses them as they are.
"""

from __future__ import annotations

from typing import Any

from studio.io.yaml_source import SourceMap
from studio.model.findings import Finding
from studio.registry.compatibility import Incompatibility, check_history
from studio.registry.model import Registry, Subject
from studio.registry.schema_types import SchemaError
from studio.registry.schemas import parse_version

SCHEMA_DOES_NOT_PARSE = "MS103"
HISTORY_BREAKS_LEVEL = "MS104"


def check_registry(registry: Registry, source: SourceMap | None = None) -> list[Finding]:
    """Every MS103 and MS104 finding of ``registry``, in file order.

    ``source`` (from ``load_registry``) gives lines; without it every finding is on line 1.
    A finding's ``element`` is the subject, ``version`` its version.
    """
    findings = [*schema_findings(registry, source), *history_findings(registry, source)]
    findings.sort(key=lambda f: (f.line, f.rule))
    return findings


def schema_findings(registry: Registry, source: SourceMap | None = None) -> list[Finding]:
    """MS103: the versions whose schema does not parse or whose references do not resolve."""
    file = _file(source)
    findings = []
    for name, subject in registry.subjects.items():
        for index, entry in enumerate(subject.versions):
            try:
                parse_version(registry, name, entry)
            except SchemaError as error:
                at: tuple[str | int, ...] = ("subjects", name, "versions", index)
                place = (
                    (*at, "references", error.reference)
                    if error.reference is not None
                    else (*at, "schema")
                )
                findings.append(
                    Finding(
                        SCHEMA_DOES_NOT_PARSE,
                        _sentence(error.message),
                        name,
                        file,
                        _line(source, place),
                        version=entry.version,
                        where=error.where,
                    )
                )
    return findings


def history_findings(registry: Registry, source: SourceMap | None = None) -> list[Finding]:
    """MS104: the live versions that break their subject's compatibility level."""
    file = _file(source)
    findings = []
    for name, subject in registry.subjects.items():
        findings += _history(registry, name, file, _version_lines(source, name, subject))
    return findings


def _history(registry: Registry, subject: str, file: str, lines: dict[int, int]) -> list[Finding]:
    level = registry.level_of(subject)
    groups: dict[tuple[Any, ...], list[Incompatibility]] = {}
    for item in check_history(registry, subject):
        groups.setdefault((item.new_version, item.direction, item.path, item.rule), []).append(item)
    findings = []
    for (version, _direction, path, _rule), items in groups.items():
        olds = ", ".join(f"v{i.old_version}" for i in items)
        # the sentence of the most recent older version reads best; the others are listed
        message = f"breaks {level} against {olds}: {items[0].message}"
        findings.append(
            Finding(
                HISTORY_BREAKS_LEVEL,
                message,
                subject,
                file,
                lines.get(version, 1),
                version=version,
                where=path or None,
                incompatibilities=tuple(items),
            )
        )
    return findings


def _version_lines(source: SourceMap | None, name: str, subject: Subject) -> dict[int, int]:
    return {
        entry.version: _line(source, ("subjects", name, "versions", index))
        for index, entry in enumerate(subject.versions)
    }


def _file(source: SourceMap | None) -> str:
    return source.path if source else "<registry>"


def _line(source: SourceMap | None, path: tuple[str | int, ...]) -> int:
    return source.line(path) if source else 1


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def format_finding(finding: Finding) -> str:
    """``FILE:LINE: RULE subject vN: sentence`` (the text report's one line per finding)."""
    return (
        f"{finding.file}:{finding.line}: {finding.rule} {finding.element} "
        f"v{finding.version}: {finding.message}"
    )


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The finding in ``registry check --format json`` (camelCase keys, as other reports)."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "subject": finding.element,
        "version": finding.version,
        "file": finding.file,
        "line": finding.line,
    }
    if finding.where:
        data["where"] = finding.where
    if finding.incompatibilities:
        data["incompatibilities"] = [i.as_dict() for i in finding.incompatibilities]
    return data
