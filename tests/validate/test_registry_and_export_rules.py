"""Rules that need the registry or the exporter: MS102-MS105, MS109, MS110, MS114.

Each is triggered by a small change to a clean design + registry, and stays quiet without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.validate.runner import validate_file

AVRO_V1 = {"type": "record", "name": "Reading", "fields": [{"name": "a", "type": "int"}]}
AVRO_V2 = {
    "type": "record",
    "name": "Reading",
    "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}],
}
CLOSED_JSON = {
    "type": "object",
    "properties": {"sku": {"type": "string"}},
    "additionalProperties": False,
}


def registry_text(
    avro_level: str = "NONE", json_schema: dict | None = None, key_schema: str = '"string"'
) -> str:
    def line(schema: object) -> str:
        return json.dumps(json.dumps(schema, separators=(",", ":")))

    return (
        "formatVersion: 1\nsubjects:\n"
        f"  readings-value:\n    config: {{compatibilityLevel: {avro_level}}}\n    versions:\n"
        f"      - {{version: 1, id: 1, schemaType: AVRO, schema: {line(AVRO_V1)}}}\n"
        f"      - {{version: 2, id: 2, schemaType: AVRO, schema: {line(AVRO_V2)}}}\n"
        f"  products-value:\n    versions:\n"
        f"      - {{version: 1, id: 3, schemaType: JSON, "
        f"schema: {line(json_schema or CLOSED_JSON)}}}\n"
        f"  readings-key:\n    versions:\n"
        f"      - {{version: 1, id: 4, schemaType: AVRO, schema: {json.dumps(key_schema)}}}\n"
    )


DESIGN = """\
meshStudio: 1
registry: registry.yaml
brokers:
  - {id: kafka, protocol: kafka}
applications:
  - id: sensor
    publishes: [{topic: readings}, {topic: products}]
  - id: dashboard
    subscribes: [{topic: readings, schemaVersion: 1}, {topic: products}]
topics:
  - {id: readings, address: plant.readings.v1, broker: kafka, messages: [reading]}
  - {id: products, address: shop.products.v1, broker: kafka, messages: [product]}
messages:
  - id: reading
    payload: {subject: readings-value, version: 1}
    key: {subject: readings-key, version: 1}
    examples: [{a: 1}]
  - id: product
    payload: {subject: products-value, version: 1}
    examples: [{sku: P-1}]
"""


def run(
    tmp_path: Path, design: str = DESIGN, registry: str | None = None
) -> list[tuple[str, str | None, str]]:
    (tmp_path / "d.mesh.yaml").write_text(design)
    (tmp_path / "registry.yaml").write_text(registry if registry is not None else registry_text())
    report = validate_file(tmp_path / "d.mesh.yaml")
    return [(f.rule, f.element, f.message) for f in report.findings]


def test_clean(tmp_path: Path) -> None:
    assert run(tmp_path) == []


def only(found: list[tuple[str, str | None, str]], rule: str) -> list[tuple[str, str | None, str]]:
    hits = [f for f in found if f[0] == rule]
    assert hits, found
    return hits


def test_ms102_missing_subject_and_version(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        DESIGN.replace(
            "{subject: products-value, version: 1}", "{subject: products-value, version: 7}"
        ),
    )
    assert only(found, "MS102") == [
        ("MS102", "product", "payload subject 'products-value' has no version 7 (live versions: 1)")
    ]
    found = run(tmp_path, DESIGN.replace("subject: readings-key", "subject: readings-kee"))
    assert "'readings-kee' is not in the registry" in only(found, "MS102")[0][2]


def test_ms103_schema_that_does_not_parse(tmp_path: Path) -> None:
    found = run(tmp_path, registry=registry_text(key_schema='"strnig"'))
    ((_, element, message),) = only(found, "MS103")
    assert element == "readings-key" and "v1" in message


def test_ms104_history_breaking_its_level(tmp_path: Path) -> None:
    found = run(tmp_path, registry=registry_text(avro_level="BACKWARD"))
    ((_, element, message),) = only(found, "MS104")
    assert element == "readings-value" and "v2" in message


def test_ms105_pinned_reader_cannot_read_the_producer(tmp_path: Path) -> None:
    # the producer writes v1 (no b); a consumer built on v2 needs b and has no default
    design = DESIGN.replace(
        "{topic: readings, schemaVersion: 1}", "{topic: readings, schemaVersion: 2}"
    )
    ((_, element, message),) = only(run(tmp_path, design), "MS105")
    assert element == "dashboard"
    assert "readings-value v2, which cannot read the v1 producers write" in message
    # reading v2 data with the v1 reader is fine: b is ignored
    newer_writer = DESIGN.replace(
        "{subject: readings-value, version: 1}", "{subject: readings-value, version: 2}"
    ).replace("examples: [{a: 1}]", "examples: [{a: 1, b: x}]")
    assert run(tmp_path, newer_writer) == []


def test_ms110_example_not_matching_payload(tmp_path: Path) -> None:
    found = run(tmp_path, DESIGN.replace("examples: [{a: 1}]", "examples: [{a: one}]"))
    assert only(found, "MS110") == [
        ("MS110", "reading", "example 1 does not validate against the payload schema")
    ]


def test_ms114_open_content_model(tmp_path: Path) -> None:
    open_schema = {"type": "object", "properties": {"sku": {"type": "string"}}}
    found = run(tmp_path, registry=registry_text(json_schema=open_schema))
    ((_, element, message),) = only(found, "MS114")
    assert element == "product" and "open content model" in message
    partly_open = {**open_schema, "additionalProperties": {"type": "string"}}
    assert run(tmp_path, registry=registry_text(json_schema=partly_open)) == []


def test_ms109_exported_document_invalid(tmp_path: Path) -> None:
    design = DESIGN.replace(
        "broker: kafka, messages: [reading]}",
        "broker: kafka, messages: [reading],\n     bindings: {kafka: {partitions: six}}}",
    )
    hits = only(run(tmp_path, design), "MS109")
    assert {element for _, element, _ in hits} == {"sensor", "dashboard"}


@pytest.mark.parametrize("content", ["formatVersion: 1\nsubjects: [\n", None])
def test_unusable_registry_is_one_finding_not_many(tmp_path: Path, content: str | None) -> None:
    (tmp_path / "d.mesh.yaml").write_text(DESIGN)
    if content is not None:
        (tmp_path / "registry.yaml").write_text(content)
    report = validate_file(tmp_path / "d.mesh.yaml")
    assert [f.rule for f in report.findings] == ["MS102"]
    assert "registry file cannot be used" in report.findings[0].message
