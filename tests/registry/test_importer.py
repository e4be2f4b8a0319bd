"""Confluent REST dumps into registries: the shape is checked and every refusal is located."""

from __future__ import annotations

import json

import pytest

from studio.errors import LoadError
from studio.registry.file import dump_registry
from studio.registry.importer import load_dump, parse_dump

DUMP = [
    {
        "subject": "orders-value",
        "version": 2,
        "id": 12,
        "schemaType": "PROTOBUF",
        "schema": 'syntax = "proto3";',
        "references": [{"name": "money.proto", "subject": "money.proto", "version": 1}],
        "metadata": {"properties": {"owner": "shop"}},
        "ruleSet": None,
    },
    {
        "subject": "orders-value",
        "version": 1,
        "id": 11,
        "schemaType": "PROTOBUF",
        "schema": 'syntax = "proto3";',
    },
    {
        "subject": "money.proto",
        "version": 1,
        "id": 10,
        "schemaType": "PROTOBUF",
        "schema": 'syntax = "proto3";',
        "deleted": True,
    },
    {"subject": "customer-value", "version": 1, "id": 3, "schema": '"string"'},
]


def test_a_dump_becomes_a_registry() -> None:
    registry = parse_dump(json.dumps(DUMP))
    assert list(registry.subjects) == ["customer-value", "money.proto", "orders-value"]
    orders = registry.subjects["orders-value"]
    assert [v.version for v in orders.versions] == [1, 2]  # sorted
    assert orders.versions[1].references[0].subject == "money.proto"
    assert registry.subjects["customer-value"].versions[0].schema_type == "AVRO"  # the default
    assert registry.subjects["money.proto"].versions[0].deleted
    assert registry.source == {"kind": "confluent"}
    assert "metadata" not in dump_registry(registry)


def test_an_empty_dump_is_an_empty_registry(write) -> None:
    assert load_dump(write("d.json", "[]")).subjects == {}


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("{", 1, 2, "is not JSON: Expecting property name"),
        ('{"subjects": []}', 1, 1, "is not a Confluent REST dump: expected a JSON list"),
        ("[\n  1\n]", 2, 3, "item 1 is not a JSON object"),
        ('[{"version": 1, "schema": "x"}]', 1, 2, "item 1 needs a 'subject'"),
        ('[{"subject": "s", "version": true, "schema": "x"}]', 1, 2, "needs a 'version' that is"),
        ('[{"subject": "s", "version": 1}]', 1, 2, "item 1 (subject 's') needs a 'schema' string"),
        ('[{"subject": "s", "version": 1, "schema": "x", "id": -1}]', 1, 2, "has an 'id' that is"),
        (
            '[{"subject": "s", "version": 1, "schema": "x", "schemaType": "XML"}]',
            1,
            2,
            'has schemaType "XML"; use one of AVRO, JSON, PROTOBUF',
        ),
        (
            '[{"subject": "s", "version": 1, "schema": "x", "deleted": "no"}]',
            1,
            2,
            "has a 'deleted' that is not true or false",
        ),
        (
            '[{"subject": "s", "version": 1, "schema": "x", "references": {}}]',
            1,
            2,
            "has 'references' that are not a list",
        ),
        (
            '[{"subject": "s", "version": 1, "schema": "x", "references": [{"name": "a"}]}]',
            1,
            2,
            "has reference 1 without a 'name', a 'subject' and a whole 'version'",
        ),
        (
            '[{"subject": "s", "version": 1, "schema": "x"},\n {"subject": "s", "version": 1, '
            '"schema": "y"}]',
            2,
            2,
            "item 2 repeats version 1 of subject 's'",
        ),
        (
            '[{"subject": "' + "x" * 300 + '", "version": 1, "schema": "x"}]',
            1,
            2,
            "needs a 'subject' of 1 to 255 characters",
        ),
    ],
)
def test_unusable_dumps_are_refused_with_a_place(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(LoadError) as info:
        parse_dump(text, "dump.json")
    assert words in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


def test_a_missing_dump_file(tmp_path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_dump(tmp_path / "nope.json")
