"""The registry file: structure checks with locations, byte-exact schemas, references, deletes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.errors import LoadError
from studio.registry import Registry, SchemaVersion, Subject, load_registry, parse_registry
from studio.registry.file import dump_registry, registry_to_data
from tests.conftest import SAMPLES

REGISTRY = """\
formatVersion: 1
config: {compatibilityLevel: FULL}
subjects:
  a-value:
    config: {compatibilityLevel: NONE}
    versions:
      - {version: 1, id: 1, schema: '"string"'}
      - {version: 2, id: 2, schemaType: AVRO, deleted: true, schema: '"long"'}
  orders.proto:
    versions:
      - version: 1
        id: 3
        schemaType: PROTOBUF
        references: [{name: common.proto, subject: common.proto, version: 1}]
        schema: |-
          syntax = "proto3";
          import "common.proto";
          message Order { Money total = 1; }
  common.proto:
    versions:
      - version: 1
        schemaType: PROTOBUF
        schema: "syntax = \\"proto3\\";\\r\\nmessage Money {  }  \\n"
"""


def test_model_of_levels_references_and_soft_deletes() -> None:
    registry, source = parse_registry(REGISTRY, "r.yaml")
    assert registry.level_of("a-value") == "NONE"
    assert registry.level_of("orders.proto") == "FULL"
    subject = registry.subjects["a-value"]
    assert [v.version for v in subject.live_versions()] == [1]
    assert subject.get("latest").version == 1  # the deleted v2 is not "latest"
    assert subject.get(2).deleted
    order = registry.lookup("orders.proto", 1)
    assert order.schema_type == "PROTOBUF"
    assert registry.resolve(order.references[0]).schema.startswith('syntax = "proto3";\r\n')
    assert registry.lookup("a-value", 7) is None and registry.lookup("nope", 1) is None
    assert source.line(("subjects", "orders.proto", "versions", 0)) == 11


def test_default_level_is_backward() -> None:
    registry, _ = parse_registry("formatVersion: 1\nsubjects: {s: {versions: []}}\n")
    assert registry.level_of("s") == "BACKWARD"


def test_schema_strings_are_kept_byte_for_byte() -> None:
    registry, _ = parse_registry(REGISTRY)
    again, _ = parse_registry(dump_registry(registry))
    assert again == registry
    assert again.subjects["common.proto"].versions[0].schema == (
        'syntax = "proto3";\r\nmessage Money {  }  \n'
    )


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_schema_text_survives_save_and_load(schema: str) -> None:
    registry = Registry(subjects={"s": Subject("s", [SchemaVersion(1, schema, id=1)])})
    loaded, _ = parse_registry(dump_registry(registry))
    assert loaded.subjects["s"].versions[0].schema == schema


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("subjects: {}\n", 1, "is not a registry file"),
        ("formatVersion: 3\n", 1, "newer than format 1"),
        (
            "formatVersion: 1\nsubjects:\n  s:\n    versions:\n      - {version: 1, schema: x, "
            "schemaType: XML}\n",
            5,
            "'XML' is not one of: AVRO, JSON, PROTOBUF",
        ),
        ("formatVersion: 1\nconfig: {compatibilityLevel: SIDEWAYS}\n", 2, "is not one of: NONE"),
        (
            "formatVersion: 1\nsubjects:\n  s:\n    versions:\n      - {version: 1}\n",
            5,
            "missing required key 'schema'",
        ),
        (
            "formatVersion: 1\nsubjects:\n  s:\n    versions:\n      - {version: 1, schema: a}\n"
            "      - {version: 1, schema: b}\n",
            6,
            "lists version 1 twice",
        ),
    ],
)
def test_bad_registry_files(text: str, line: int, message: str) -> None:
    with pytest.raises(LoadError) as info:
        parse_registry(text, "r.yaml")
    assert message in info.value.message
    assert info.value.line == line


@pytest.mark.parametrize("name", ["registry.yaml", "iot-registry.yaml"])
def test_sample_registries_load_and_are_canonical(name: str) -> None:
    path: Path = SAMPLES / name
    registry, _ = load_registry(path)
    assert dump_registry(registry) == path.read_text(encoding="utf-8")
    types = {v.schema_type for s in registry.subjects.values() for v in s.versions}
    assert types == {"AVRO", "JSON", "PROTOBUF"}
    assert any(len(s.versions) >= 3 for s in registry.subjects.values())
    for subject in registry.subjects.values():
        for version in subject.versions:
            for reference in version.references:
                assert registry.resolve(reference) is not None


def test_key_order_follows_formats() -> None:
    registry, _ = parse_registry(REGISTRY)
    data = registry_to_data(registry)
    assert list(data) == ["formatVersion", "config", "subjects"]
    assert list(data["subjects"]["orders.proto"]["versions"][0]) == [
        "version",
        "id",
        "schemaType",
        "references",
        "schema",
    ]
