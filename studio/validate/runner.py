"""Run the rules a design has not disabled (and its registry), at the severities it sets.

``validate_file`` is what the CLI and the studio call. The registry is optional: when the
design names one that cannot be read, that is itself a finding, and the rules that need it
are skipped rather than reporting every payload as missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import MeshStudioError
from studio.io.design_file import LoadedDesign, load_design
from studio.model.findings import SEVERITIES, Finding, Severity
from studio.model.uses import Uses
from studio.registry import load_registry
from studio.validate.context import Context, RegistryInput
from studio.validate.rules import RULES, Rule


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


def load_registry_for(loaded: LoadedDesign, design_path: Path) -> RegistryInput:
    name = loaded.design.registry
    if not name:
        return RegistryInput()
    return read_registry(design_path.parent / name)


def read_registry(path: Path, positions: bool = True) -> RegistryInput:
    """The registry file at ``path``, or why it cannot be read (``positions``: with the
    source map that gives findings their lines)."""
    try:
        registry, source = load_registry(path, positions=positions)
    except MeshStudioError as error:
        return RegistryInput(path=path, problem=str(error))
    return RegistryInput(registry, source, path)


def validate_file(path: str | Path) -> Report:
    """Validate a design file; raises LoadError when the design itself is unusable."""
    design_path = Path(path)
    loaded = load_design(design_path)
    return validate_loaded(loaded, design_path, load_registry_for(loaded, design_path))


def validate_loaded(
    loaded: LoadedDesign,
    design_path: Path,
    registry: RegistryInput,
    rules: Iterable[Rule] | None = None,
    scope: frozenset[str] | None = None,
) -> Report:
    """Run the check of every rule the design has not disabled (disabled ones never run);
    ``rules`` and ``scope`` narrow the run to some rules and the elements with these ids."""
    ctx = context_for(loaded, design_path, registry, scope)
    found = run_rules(ctx, RULES.values() if rules is None else rules)
    return Report(sorted(found, key=lambda f: (f.file, f.line, f.rule, f.message)))


def context_for(
    loaded: LoadedDesign,
    design_path: Path,
    registry: RegistryInput,
    scope: frozenset[str] | None = None,
    uses: Uses | None = None,
) -> Context:
    """The context a run of the rules shares (its schema conversions among them)."""
    return Context(
        loaded.design,
        loaded.source,
        str(design_path),
        registry,
        severities(loaded.design.rules.severity),
        scope=scope,
        uses=uses,
    )


def run_rules(ctx: Context, rules: Iterable[Rule]) -> list[Finding]:
    """The findings of those of ``rules`` the design has not disabled, unsorted."""
    off = set(ctx.design.rules.disable)
    return [f for rule in rules if rule.id not in off for f in rule.check(ctx)]


def severities(wanted: Mapping[str, str]) -> dict[str, Severity]:
    """Each rule's severity: the catalogue's, unless the design asks for another."""
    result: dict[str, Severity] = {}
    for rule in RULES.values():
        chosen = wanted.get(rule.id)
        result[rule.id] = next((s for s in SEVERITIES if s == chosen), rule.severity)
    return result
