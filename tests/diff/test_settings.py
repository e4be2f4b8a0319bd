"""Design-level changes: taxonomy, rule settings, info, registry, extensions; layout ignored."""

from __future__ import annotations

import dataclasses

from studio.model import Position, TaxonomyRule
from tests.diff.helpers import erp, one, run


def test_taxonomy_that_makes_existing_addresses_off_pattern_is_breaking() -> None:
    old = erp()
    new = erp()
    rule = new.taxonomy["kafka"]
    new.taxonomy["kafka"] = dataclasses.replace(
        rule, levels={**rule.levels, "domain": ("erp", "sales")}
    )
    change = one(run(old, new))
    assert (change.kind, change.element, change.path) == ("changed", None, "taxonomy/kafka")
    assert change.breaking and change.affected == ("order-placed",)
    assert "now rejects the address of topic order-placed (MS106)" in change.reason
    assert change.old["levels"]["domain"] == ["erp", "shop", "fulfilment", "sales"]


def test_taxonomy_changes_every_address_still_follows_are_not_breaking() -> None:
    old = erp()
    new = erp()
    rule = new.taxonomy["kafka"]
    new.taxonomy["kafka"] = dataclasses.replace(
        rule, levels={**rule.levels, "domain": (*rule.levels["domain"], "crm")}
    )
    assert not one(run(old, new)).breaking
    del new.taxonomy["amqp"]
    removed = one(run(old, new), "taxonomy/amqp")
    assert removed.kind == "removed" and not removed.breaking


def test_a_new_taxonomy_for_a_protocol_checks_its_addresses_from_now_on() -> None:
    old = erp()
    new = erp()
    del old.taxonomy["amqp"]
    new.taxonomy["amqp"] = TaxonomyRule("{domain}/{entity}/{event}")
    change = one(run(old, new))
    assert change.kind == "added" and change.breaking
    assert change.affected == ("shipment-dispatched",)


def test_rule_settings_are_noteworthy_but_not_breaking() -> None:
    old = erp()
    new = erp()
    new.rules = dataclasses.replace(
        new.rules, disable=("MS107", "MS110"), severity={"MS105": "info", "MS106": "error"}
    )
    result = run(old, new)
    assert [(c.kind, c.path, c.breaking) for c in result.changes] == [
        ("added", "rules/disable/MS107", False),
        ("added", "rules/disable/MS110", False),
        ("changed", "rules/severity/MS105", False),
        ("added", "rules/severity/MS106", False),
    ]
    assert "no longer reported" in result.changes[0].reason
    assert result.changes[2].reason == (
        "MS105 findings drop from error to info: they no longer fail validate."
    )
    assert "as error instead of warning" in result.changes[3].reason
    back = run(new, old)
    assert back.changes[0].kind == "removed" and "reported again" in back.changes[0].reason


def test_info_registry_and_extensions_are_not_breaking() -> None:
    old = erp()
    new = erp()
    new.info = dataclasses.replace(new.info, version="1.5.0")
    new.registry = "registry-v2.yaml"
    new.extensions = {"x-review": "pending"}
    result = run(old, new)
    assert [(c.path, c.kind, c.breaking) for c in result.changes] == [
        ("info/version", "changed", False),
        ("registry", "changed", False),
        ("x-review", "added", False),
    ]
    assert all(c.element is None for c in result.changes)
    assert result.changes[2].section == "extensions"


def test_layout_is_geometry_not_a_semantic_change() -> None:
    old = erp()
    new = erp()
    new.layout["erp"] = Position(999, 999)
    result = run(old, new)
    assert result.same and result.layout_changed
    assert result.summary()["layoutChanged"] is True
