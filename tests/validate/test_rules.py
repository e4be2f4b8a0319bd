"""The rule table: one entry per documented rule, one check signature, disabled rules not run."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.io.design_file import load_design, parse_design
from studio.model.findings import SEVERITIES, Finding
from studio.validate import export_rules
from studio.validate.context import Context, RegistryInput
from studio.validate.rules import RULES
from studio.validate.runner import load_registry_for, severities, validate_loaded
from tests.conftest import ROOT
from tests.validate.test_design_rules import BASE
from tests.validate.test_registry_and_export_rules import DESIGN, registry_text

# one finding for most rules: a dangling call, an off-pattern address, a topic nobody
# publishes to, a payload version the registry lacks, a history that breaks its level
BROKEN = (
    DESIGN.replace("{topic: readings}, {topic: products}", "{topic: readings}")
    .replace("address: shop.products.v1", "address: shop/products")
    .replace("    subscribes:", "    calls: [nowhere]\n    subscribes:", 1)
    .replace(
        "payload: {subject: products-value, version: 1}",
        "payload: {subject: products-value, version: 9}",
    )
    + "taxonomy:\n  kafka: {pattern: '{domain}.{entity}.v{version}'}\n"
)


def test_the_rule_table_is_the_documented_catalogue() -> None:
    rows = re.findall(
        r"^\| (MS\d{3}) \| (\w+) \|",
        (ROOT / "docs" / "validation.md").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert {rule_id: rule.severity for rule_id, rule in RULES.items()} == dict(rows)
    assert list(RULES) == sorted(RULES)  # reports list rules in id order
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and rule.severity in SEVERITIES
        assert rule.title and rule.description and callable(rule.check)


def _context(folder: Path) -> Context:
    (folder / "registry.yaml").write_text(
        registry_text("BACKWARD").replace('"name":"b","type":"string"', '"name":"b","type":"long"'),
        encoding="utf-8",
    )
    path = folder / "d.mesh.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    loaded = load_design(path)
    return Context(
        loaded.design, loaded.source, str(path), load_registry_for(loaded, path), severities({})
    )


def test_every_check_reports_its_own_rule_only(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    seen = set()
    for rule_id, rule in RULES.items():
        found = list(rule.check(ctx))
        assert all(isinstance(f, Finding) and f.rule == rule_id for f in found), found
        assert all(f.severity == rule.severity for f in found)
        seen.update(f.rule for f in found)
    # the design above trips enough rules for the check to mean something
    assert {"MS101", "MS102", "MS104", "MS106", "MS107"} <= seen


def test_a_disabled_rule_is_never_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Context] = []

    def spy(ctx: Context) -> Iterator[Finding]:
        calls.append(ctx)
        yield ctx.at("MS107", "spied", "temperature")

    monkeypatch.setitem(RULES, "MS107", dataclasses.replace(RULES["MS107"], check=spy))
    quiet = parse_design(BASE + "rules:\n  disable: [MS107]\n", "d.mesh.yaml")
    report = validate_loaded(quiet, Path("d.mesh.yaml"), RegistryInput())
    assert calls == [] and report.findings == []
    loud = parse_design(BASE, "d.mesh.yaml")
    report = validate_loaded(loud, Path("d.mesh.yaml"), RegistryInput())
    assert len(calls) == 1 and [f.message for f in report.findings] == ["spied"]


def test_disabling_the_export_rule_skips_the_export(monkeypatch: pytest.MonkeyPatch) -> None:
    """MS109 exports every document, the dearest check: disabled, the export never starts."""
    exports: list[object] = []
    real = export_rules.export_design

    def counting(*args: object, **kwargs: object) -> object:
        exports.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_rules, "export_design", counting)
    validate_loaded(parse_design(BASE, "d.mesh.yaml"), Path("d.mesh.yaml"), RegistryInput())
    assert len(exports) == 1
    off = parse_design(BASE + "rules:\n  disable: [MS109]\n", "d.mesh.yaml")
    validate_loaded(off, Path("d.mesh.yaml"), RegistryInput())
    assert len(exports) == 1


def test_severities_follow_the_design_and_ignore_unknown_words() -> None:
    chosen = severities({"MS107": "error", "MS105": "fatal", "MS999": "info"})
    assert chosen["MS107"] == "error" and chosen["MS105"] == RULES["MS105"].severity
    assert set(chosen) == set(RULES)
