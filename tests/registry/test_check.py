"""``check_registry``: samples and generated registries are clean; broken ones give findings."""

from __future__ import annotations

import json

import pytest

from studio.generate import generate_mesh
from studio.registry import check_registry, load_registry, parse_registry
from studio.registry.check import finding_dict, format_finding
from studio.registry.file import dump_registry
from tests.conftest import SAMPLES


@pytest.mark.parametrize("name", ["registry.yaml", "iot-registry.yaml"])
def test_sample_registries_check_clean(name: str) -> None:
    registry, source = load_registry(SAMPLES / name)
    assert check_registry(registry, source) == []


@pytest.mark.parametrize(("apps", "seed"), [(1, 1), (40, 2), (150, 3), (300, 4)])
def test_generated_registries_check_clean(apps: int, seed: int) -> None:
    registry, source = parse_registry(dump_registry(generate_mesh(apps, seed).registry), "gen.yaml")
    assert [format_finding(f) for f in check_registry(registry, source)] == []


BROKEN = """\
formatVersion: 1
config: {compatibilityLevel: BACKWARD}
subjects:
  orders-value:
    config: {compatibilityLevel: BACKWARD_TRANSITIVE}
    versions:
      - version: 1
        schema: '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}'
      - version: 2
        schema: '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},
          {"name":"qty","type":"int","default":0}]}'
      - version: 3
        schema: '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},
          {"name":"qty","type":"int"},{"name":"note","type":"string"}]}'
  broken-avro:
    versions:
      - {version: 1, schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]}'}
  broken-json:
    versions:
      - version: 1
        schemaType: JSON
        schema: |-
          {"type": "object",
           "properties": {"a": {"type": 5}}}
  orders.proto:
    versions:
      - version: 1
        schemaType: PROTOBUF
        references:
          - {name: money.proto, subject: money.proto, version: 1}
          - {name: missing.proto, subject: missing.proto, version: 1}
        schema: |-
          syntax = "proto3";
          import "money.proto";
          message Order { Money total = 1; }
  money.proto:
    versions:
      - version: 1
        schemaType: PROTOBUF
        schema: 'syntax = "proto3"; message Money { string currency = 1 }'
  cycle-a:
    versions:
      - version: 1
        schemaType: PROTOBUF
        references: [{name: b.proto, subject: cycle-b, version: 1}]
        schema: 'syntax = "proto3";'
  cycle-b:
    versions:
      - version: 1
        schemaType: PROTOBUF
        references: [{name: a.proto, subject: cycle-a, version: 1}]
        schema: 'syntax = "proto3";'
  flip-flop:
    config: {compatibilityLevel: FULL}
    versions:
      - {version: 1, schemaType: JSON, schema: '{"type":"object",
          "properties":{"a":{"type":"string"}},"additionalProperties":false}'}
      - {version: 2, schemaType: JSON, deleted: true, schema: '{"type":"integer"}'}
      - {version: 3, schemaType: JSON, schema: '{"type":"object",
          "properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}'}
      - {version: 4, schemaType: AVRO, schema: '"string"'}
"""


def test_a_seeded_broken_registry_gives_the_expected_findings() -> None:
    registry, source = parse_registry(BROKEN, "broken.yaml")
    findings = check_registry(registry, source)
    got = [(f.line, f.rule, f.element, f.version) for f in findings]
    assert got == [
        (12, "MS104", "orders-value", 3),  # id string -> long, against v2 and v1
        (12, "MS104", "orders-value", 3),  # note has no default
        (12, "MS104", "orders-value", 3),  # qty lost its default: v1 lacks it
        (17, "MS103", "broken-avro", 1),
        (22, "MS103", "broken-json", 1),  # the line of its schema
        (31, "MS103", "orders.proto", 1),  # the line of the missing reference
        (40, "MS103", "money.proto", 1),
        (45, "MS103", "cycle-a", 1),
        (51, "MS103", "cycle-b", 1),
        (59, "MS104", "flip-flop", 3),  # FULL: v1 cannot read v3's "b" (closed model)
        (61, "MS104", "flip-flop", 4),  # JSON -> AVRO; the deleted v2 is skipped
    ]
    by_key = {(f.element, f.version, f.where): f for f in findings}
    id_change = by_key["orders-value", 3, "Order.id"]
    assert id_change.message.startswith(
        "breaks BACKWARD_TRANSITIVE against v2, v1: v3 cannot "
        "read 'Order.id': it expects long where v2 writes string"
    )
    assert [(i.old_version, i.rule) for i in id_change.incompatibilities] == [
        (2, "TYPE_MISMATCH"),
        (1, "TYPE_MISMATCH"),
    ]
    note = by_key["orders-value", 3, "Order.note"]
    assert "needs field 'note'" in note.message
    assert "uses the type 'Nope', which is neither" in by_key["broken-avro", 1, None].message
    json_error = by_key["broken-json", 1, "properties.a.type"]
    assert "is not a valid JSON Schema (draft7)" in json_error.message
    assert (
        "points at subject 'missing.proto', which is not in the registry"
        in by_key["orders.proto", 1, None].message
    )
    assert "money.proto v1) does not parse" not in by_key["orders.proto", 1, None].message
    money = by_key["money.proto", 1, "line 1, column 56"]
    assert money.message.startswith("is not valid Protobuf")
    assert (
        "reference cycle: cycle-a v1 -> cycle-b v1 -> cycle-a v1"
        in by_key["cycle-a", 1, None].message
    )
    assert "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL" in {
        i.rule for i in by_key["flip-flop", 3, "$.b"].incompatibilities
    }
    assert by_key["flip-flop", 4, None].incompatibilities[0].rule == "SCHEMA_TYPE_CHANGED"
    for finding in findings:
        assert finding.severity == "error" and finding.file == "broken.yaml"
        assert finding.message.endswith(".") and "\n" not in finding.message


def test_findings_as_text_and_json() -> None:
    registry, source = parse_registry(BROKEN, "broken.yaml")
    finding = check_registry(registry, source)[0]
    assert format_finding(finding).startswith("broken.yaml:12: MS104 orders-value v3: breaks ")
    data = json.loads(json.dumps(finding_dict(finding)))
    assert data["rule"] == "MS104" and data["line"] == 12 and data["where"]
    assert data["incompatibilities"][0]["rule"] == "TYPE_MISMATCH"
    assert {"oldVersion", "newVersion", "direction", "path", "message"} <= set(
        data["incompatibilities"][0]
    )


def test_without_a_source_map_findings_sit_on_line_one() -> None:
    registry, _ = parse_registry(BROKEN)
    assert {f.line for f in check_registry(registry)} == {1}


def test_level_none_checks_only_parsing() -> None:
    text = BROKEN.replace("BACKWARD_TRANSITIVE", "NONE").replace(
        "{compatibilityLevel: FULL}", "{compatibilityLevel: NONE}"
    )
    registry, source = parse_registry(text, "broken.yaml")
    assert {f.rule for f in check_registry(registry, source)} == {"MS103"}
