"""Run every rule on a design (and its registry) and apply the design's rule settings.

``validate_file`` is what the CLI and the studio call. The registry is optional: when the
design names one that cannot be read, that is itself a finding, and the rules that need it
are skipped rather than reporting every payload as missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import MeshStudioError
from studio.export.schemas import SchemaResolver
from studio.io.design_file import LoadedDesign, load_design
from studio.io.yaml_source import SourceMap
from studio.registry import Registry, load_registry
from studio.validate.design_rules import DESIGN_RULES, Context
from studio.validate.export_rules import examples, exported_documents
from studio.validate.findings import SEVERITIES, Finding, finding
from studio.validate.registry_rules import (
    open_content_models,
    payload_references,
    pinned_readers,
    registry_health,
)


@dataclass
class Report:
    """The findings of one validation run, sorted by file and line."""

    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass
class RegistryInput:
    """The registry a design names: loaded, or the reason it could not be."""

    registry: Registry | None = None
    source: SourceMap | None = None
    path: Path | None = None
    problem: str | None = None


def load_registry_for(loaded: LoadedDesign, design_path: Path) -> RegistryInput:
    name = loaded.design.registry
    if not name:
        return RegistryInput()
    path = design_path.parent / name
    try:
        registry, source = load_registry(path)
    except MeshStudioError as error:
        return RegistryInput(path=path, problem=str(error))
    return RegistryInput(registry, source, path)


def validate_file(path: str | Path) -> Report:
    """Validate a design file; raises LoadError when the design itself is unusable."""
    design_path = Path(path)
    loaded = load_design(design_path)
    return validate_loaded(loaded, design_path, load_registry_for(loaded, design_path))


def validate_loaded(loaded: LoadedDesign, design_path: Path,
                    registry: RegistryInput) -> Report:
    ctx = Context(loaded.design, loaded.source, str(design_path))
    found: list[Finding] = []
    for rule in DESIGN_RULES:
        found.extend(rule(ctx))
    if registry.problem:
        found.append(finding("MS102", f"registry file cannot be used ({registry.problem}); "
                             "payload references were not checked", None, str(design_path),
                             loaded.source.line(("registry",))))
    found.extend(payload_references(ctx, registry.registry))
    if registry.registry is not None and registry.path is not None:
        found.extend(registry_health(registry.registry, registry.source, registry.path))
    found.extend(pinned_readers(ctx, registry.registry))
    found.extend(open_content_models(ctx, registry.registry))
    missing = registry.problem or (None if loaded.design.registry else
                                   "the design names no registry file")
    resolver = SchemaResolver(registry.registry, missing)  # one conversion per schema for both
    found.extend(examples(ctx, resolver))
    found.extend(exported_documents(ctx, resolver))
    return Report(sorted(apply_settings(found, loaded.design.rules.disable,
                                        loaded.design.rules.severity),
                         key=lambda f: (f.file, f.line, f.rule, f.message)))


def apply_settings(findings: Iterable[Finding], disabled: Iterable[str],
                   severities: dict[str, str]) -> list[Finding]:
    """Drop disabled rules; change severities the design asks for."""
    off = set(disabled)
    result = []
    for f in findings:
        if f.rule in off:
            continue
        wanted = severities.get(f.rule)
        result.append(f.with_severity(wanted) if wanted in SEVERITIES else f)  # type: ignore[arg-type]
    return result
