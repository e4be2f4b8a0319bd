"""Every row of COMPATIBILITY.md, at every level, through every public entry point.

Each row is one change from v1 to v2 with the verdict of each reading: ``backward`` (v2 reads
what v1 wrote; the table's column or "compatible?") and ``forward`` (v1 reads what v2 wrote;
the table's FORWARD column, or for JSON Schema and Protobuf the same diff with the versions
swapped). The level decides which readings count: NONE none, BACKWARD* the first, FORWARD*
the second, FULL* both. The rule named for a failing reading must be among the reported ones.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from studio.registry import (
    LEVELS,
    SchemaVersion,
    check_candidate,
    check_history,
    check_versions,
)
from tests.registry.helpers import f, obj, proto, record, registry_of


class Row(NamedTuple):
    name: str
    schema_type: str
    v1: str
    v2: str
    backward: bool
    forward: bool
    backward_rule: str | None = None
    forward_rule: str | None = None


ENUM_ABC = {"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}
ENUM_AB = {"type": "enum", "name": "E", "symbols": ["A", "B"]}
ENUM_AB_DEFAULT = {**ENUM_AB, "default": "A"}

AVRO = [
    Row(
        "add field with default",
        "AVRO",
        record(f("a", "int")),
        record(f("a", "int"), f("b", "string", default="")),
        True,
        True,
    ),
    Row(
        "add field without default",
        "AVRO",
        record(f("a", "int")),
        record(f("a", "int"), f("b", "string")),
        False,
        True,
        "READER_FIELD_MISSING_DEFAULT_VALUE",
    ),
    Row(
        "remove field",
        "AVRO",
        record(f("a", "int"), f("b", "string")),
        record(f("a", "int")),
        True,
        False,
        None,
        "READER_FIELD_MISSING_DEFAULT_VALUE",
    ),
    Row(
        "remove field that had a default",
        "AVRO",
        record(f("a", "int"), f("b", "string", default="x")),
        record(f("a", "int")),
        True,
        True,
    ),
    Row(
        "promote int -> long",
        "AVRO",
        record(f("a", "int")),
        record(f("a", "long")),
        True,
        False,
        None,
        "TYPE_MISMATCH",
    ),
    Row(
        "promote long -> float",
        "AVRO",
        record(f("a", "long")),
        record(f("a", "float")),
        True,
        False,
        None,
        "TYPE_MISMATCH",
    ),
    Row(
        "promote float -> double",
        "AVRO",
        record(f("a", "float")),
        record(f("a", "double")),
        True,
        False,
        None,
        "TYPE_MISMATCH",
    ),
    Row(
        "promote int -> double",
        "AVRO",
        record(f("a", "int")),
        record(f("a", "double")),
        True,
        False,
        None,
        "TYPE_MISMATCH",
    ),
    Row(
        "demote long -> int",
        "AVRO",
        record(f("a", "long")),
        record(f("a", "int")),
        False,
        True,
        "TYPE_MISMATCH",
    ),
    Row("string -> bytes", "AVRO", record(f("a", "string")), record(f("a", "bytes")), True, True),
    Row("bytes -> string", "AVRO", record(f("a", "bytes")), record(f("a", "string")), True, True),
    Row(
        "T -> union [null, T]",
        "AVRO",
        record(f("a", "string")),
        record(f("a", ["null", "string"])),
        True,
        False,
        None,
        "TYPE_MISMATCH",
    ),
    Row(
        "add a union branch",
        "AVRO",
        record(f("a", ["null", "string"])),
        record(f("a", ["null", "string", "int"])),
        True,
        False,
        None,
        "MISSING_UNION_BRANCH",
    ),
    Row(
        "add enum symbol",
        "AVRO",
        record(f("e", ENUM_AB)),
        record(f("e", ENUM_ABC)),
        True,
        False,
        None,
        "MISSING_ENUM_SYMBOLS",
    ),
    Row(
        "add enum symbol, reader enum has a default",
        "AVRO",
        record(f("e", ENUM_AB_DEFAULT)),
        record(f("e", {**ENUM_ABC, "default": "A"})),
        True,
        True,
    ),
    Row(
        "rename field",
        "AVRO",
        record(f("a", "int")),
        record(f("b", "int")),
        False,
        False,
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "READER_FIELD_MISSING_DEFAULT_VALUE",
    ),
    Row(
        "rename field with an alias on the reader",
        "AVRO",
        record(f("a", "int")),
        record(f("b", "int", aliases=["a"])),
        True,
        False,
        None,
        "READER_FIELD_MISSING_DEFAULT_VALUE",
    ),
    Row(
        "rename record",
        "AVRO",
        record(f("a", "int"), name="Old"),
        record(f("a", "int"), name="New"),
        False,
        False,
        "NAME_MISMATCH",
        "NAME_MISMATCH",
    ),
    Row(
        "rename record with an alias",
        "AVRO",
        record(f("a", "int"), name="Old", namespace="n"),
        record(f("a", "int"), name="New", namespace="n", aliases=["Old"]),
        True,
        False,
        None,
        "NAME_MISMATCH",
    ),
    Row(
        "namespace-only change",
        "AVRO",
        record(f("a", "int"), name="R", namespace="com.a"),
        record(f("a", "int"), name="R", namespace="org.b"),
        True,
        True,
    ),
]

OPEN_A = obj({"a": {"type": "string"}})
CLOSED_A = obj({"a": {"type": "string"}}, closed=True)
PARTIAL = {"additionalProperties": {"type": "string"}}

JSON = [
    Row(
        "add optional property, open content model",
        "JSON",
        OPEN_A,
        obj({"a": {"type": "string"}, "b": {"type": "string"}}),
        False,
        True,
        "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    Row(
        "add optional property, additionalProperties: false",
        "JSON",
        CLOSED_A,
        obj({"a": {"type": "string"}, "b": {"type": "string"}}, closed=True),
        True,
        False,
        None,
        "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
    ),
    Row(
        "remove property, open content model",
        "JSON",
        obj({"a": {"type": "string"}, "b": {"type": "string"}}),
        OPEN_A,
        True,
        False,
        None,
        "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    Row(
        "remove property, closed content model",
        "JSON",
        obj({"a": {"type": "string"}, "b": {"type": "string"}}, closed=True),
        CLOSED_A,
        False,
        True,
        "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
    ),
    Row(
        "add property covered by an additionalProperties schema",
        "JSON",
        obj({"a": {"type": "string"}}, **PARTIAL),
        obj({"a": {"type": "string"}, "b": {"type": "string"}}, **PARTIAL),
        True,
        True,
    ),
    Row(
        "add property not covered by an additionalProperties schema",
        "JSON",
        obj({"a": {"type": "string"}}, **PARTIAL),
        obj({"a": {"type": "string"}, "b": {"type": "integer"}}, **PARTIAL),
        False,
        False,
        "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
        "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    ),
    Row(
        "add and remove properties covered by patternProperties",
        "JSON",
        obj(
            {"x_a": {"type": "string"}},
            patternProperties={"^x_": {"type": "string"}},
            additionalProperties=False,
        ),
        obj(
            {"x_b": {"type": "string"}},
            patternProperties={"^x_": {"type": "string"}},
            additionalProperties=False,
        ),
        True,
        True,
    ),
    Row(
        "existing property becomes required",
        "JSON",
        OPEN_A,
        obj({"a": {"type": "string"}}, required=("a",)),
        False,
        True,
        "REQUIRED_ATTRIBUTE_ADDED",
    ),
    Row(
        "existing property with a default becomes required",
        "JSON",
        obj({"a": {"type": "string", "default": "x"}}),
        obj({"a": {"type": "string", "default": "x"}}, required=("a",)),
        True,
        True,
    ),
    Row(
        "property dropped from required",
        "JSON",
        obj({"a": {"type": "string"}}, required=("a",)),
        OPEN_A,
        True,
        False,
        None,
        "REQUIRED_ATTRIBUTE_ADDED",
    ),
    Row(
        "integer -> number",
        "JSON",
        obj({"a": {"type": "integer"}}),
        obj({"a": {"type": "number"}}),
        True,
        False,
        None,
        "TYPE_NARROWED",
    ),
    Row(
        "T -> [T, null]",
        "JSON",
        OPEN_A,
        obj({"a": {"type": ["string", "null"]}}),
        True,
        False,
        None,
        "TYPE_CHANGED",
    ),
    Row(
        "number -> integer",
        "JSON",
        obj({"a": {"type": "number"}}),
        obj({"a": {"type": "integer"}}),
        False,
        True,
        "TYPE_NARROWED",
    ),
    Row(
        "other type change",
        "JSON",
        OPEN_A,
        obj({"a": {"type": "boolean"}}),
        False,
        False,
        "TYPE_CHANGED",
        "TYPE_CHANGED",
    ),
    Row(
        "enum extended",
        "JSON",
        obj({"a": {"enum": ["A", "B"]}}),
        obj({"a": {"enum": ["A", "B", "C"]}}),
        True,
        False,
        None,
        "ENUM_ARRAY_NARROWED",
    ),
    Row(
        "enum narrowed",
        "JSON",
        obj({"a": {"enum": ["A", "B"]}}),
        obj({"a": {"enum": ["A"]}}),
        False,
        True,
        "ENUM_ARRAY_NARROWED",
    ),
    Row(
        "typed enum narrowed",
        "JSON",
        obj({"a": {"type": "string", "enum": ["A", "B"]}}),
        obj({"a": {"type": "string", "enum": ["A"]}}),
        False,
        True,
        "ENUM_ARRAY_NARROWED",
    ),
    Row(
        "limit loosened (maxLength increased)",
        "JSON",
        obj({"a": {"type": "string", "maxLength": 10}}),
        obj({"a": {"type": "string", "maxLength": 20}}),
        True,
        False,
        None,
        "MAX_LENGTH_DECREASED",
    ),
    Row(
        "limit removed (maxLength)",
        "JSON",
        obj({"a": {"type": "string", "maxLength": 10}}),
        OPEN_A,
        True,
        False,
        None,
        "MAX_LENGTH_ADDED",
    ),
    Row(
        "limit added (minimum)",
        "JSON",
        obj({"a": {"type": "number"}}),
        obj({"a": {"type": "number", "minimum": 0}}),
        False,
        True,
        "MINIMUM_ADDED",
    ),
    Row(
        "limit tightened (minimum increased)",
        "JSON",
        obj({"a": {"type": "number", "minimum": 0}}),
        obj({"a": {"type": "number", "minimum": 5}}),
        False,
        True,
        "MINIMUM_INCREASED",
    ),
    Row(
        "limit tightened (maxItems decreased)",
        "JSON",
        obj({"a": {"type": "array", "maxItems": 5}}),
        obj({"a": {"type": "array", "maxItems": 3}}),
        False,
        True,
        "MAX_ITEMS_DECREASED",
    ),
    Row(
        "additionalProperties false -> true",
        "JSON",
        CLOSED_A,
        obj({"a": {"type": "string"}}, closed=False),
        True,
        False,
        None,
        "ADDITIONAL_PROPERTIES_REMOVED",
    ),
    Row(
        "additionalProperties true -> false",
        "JSON",
        obj({"a": {"type": "string"}}, closed=False),
        CLOSED_A,
        False,
        True,
        "ADDITIONAL_PROPERTIES_REMOVED",
    ),
]

MONEY = "message Money { string currency = 1; int64 units = 2; }\n"
PROTOBUF = [
    Row(
        "message added",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string a = 1; }\nmessage B { string b = 1; }"),
        True,
        False,
        None,
        "MESSAGE_REMOVED",
    ),
    Row(
        "message moved",
        "PROTOBUF",
        proto("message A { string a = 1; }\nmessage B { }"),
        proto("message B { }\nmessage A { string a = 1; }"),
        True,
        True,
    ),
    Row(
        "field added",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string a = 1; int32 b = 2; }"),
        True,
        True,
    ),
    Row(
        "field removed (no reserved needed)",
        "PROTOBUF",
        proto("message A { string a = 1; int32 b = 2; }"),
        proto("message A { string a = 1; }"),
        True,
        True,
    ),
    Row(
        "field renamed",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string b = 1; }"),
        True,
        True,
    ),
    Row(
        "enum added",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string a = 1; }\nenum E { E_UNKNOWN = 0; }"),
        True,
        True,
    ),
    Row(
        "enum constant added, changed and removed",
        "PROTOBUF",
        proto("message A { E e = 1; }\nenum E { E_UNKNOWN = 0; E_OLD = 1; E_GONE = 2; }"),
        proto("message A { E e = 1; }\nenum E { E_UNKNOWN = 0; E_NEW = 1; E_MORE = 3; }"),
        True,
        True,
    ),
    Row(
        "repeated <-> single on string",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { repeated string a = 1; }"),
        True,
        True,
    ),
    Row(
        "repeated <-> single on bytes",
        "PROTOBUF",
        proto("message A { repeated bytes a = 1; }"),
        proto("message A { bytes a = 1; }"),
        True,
        True,
    ),
    Row(
        "oneof added",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string a = 1; oneof o { string x = 2; int32 y = 3; } }"),
        True,
        True,
    ),
    Row(
        "field added to a oneof",
        "PROTOBUF",
        proto("message A { oneof o { string x = 1; } }"),
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        True,
        False,
        None,
        "ONEOF_FIELD_REMOVED",
    ),
    Row(
        "oneof field moved to top level",
        "PROTOBUF",
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        proto("message A { string x = 1; oneof o { int32 y = 2; } }"),
        True,
        False,
        None,
        "FIELD_MOVED_TO_EXISTING_ONEOF",
    ),
    Row(
        "package changed",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { string a = 1; }", package="acme.other"),
        False,
        False,
        "PACKAGE_CHANGED",
        "PACKAGE_CHANGED",
    ),
    Row(
        "message removed",
        "PROTOBUF",
        proto("message A { string a = 1; }\nmessage B { }"),
        proto("message A { string a = 1; }"),
        False,
        True,
        "MESSAGE_REMOVED",
    ),
    Row(
        "field kind changed scalar -> message",
        "PROTOBUF",
        proto("message A { string a = 1; }\n" + MONEY),
        proto("message A { Money a = 1; }\n" + MONEY),
        False,
        False,
        "FIELD_KIND_CHANGED",
        "FIELD_KIND_CHANGED",
    ),
    Row(
        "field kind changed scalar -> map",
        "PROTOBUF",
        proto("message A { string a = 1; }"),
        proto("message A { map<string, string> a = 1; }"),
        False,
        False,
        "FIELD_KIND_CHANGED",
        "FIELD_KIND_CHANGED",
    ),
    Row(
        "scalar kind changed across groups (int32 -> sint32)",
        "PROTOBUF",
        proto("message A { int32 a = 1; }"),
        proto("message A { sint32 a = 1; }"),
        False,
        False,
        "FIELD_SCALAR_KIND_CHANGED",
        "FIELD_SCALAR_KIND_CHANGED",
    ),
    Row(
        "scalar kind changed across groups (float -> double)",
        "PROTOBUF",
        proto("message A { float a = 1; }"),
        proto("message A { double a = 1; }"),
        False,
        False,
        "FIELD_SCALAR_KIND_CHANGED",
        "FIELD_SCALAR_KIND_CHANGED",
    ),
    Row(
        "scalar kind within a group (int32 -> uint64, enum)",
        "PROTOBUF",
        proto("message A { int32 a = 1; bool b = 2; }\nenum E { Z = 0; }"),
        proto("message A { uint64 a = 1; E b = 2; }\nenum E { Z = 0; }"),
        True,
        True,
    ),
    Row(
        "scalar kind within a group (fixed32 -> sfixed32)",
        "PROTOBUF",
        proto("message A { fixed32 a = 1; }"),
        proto("message A { sfixed32 a = 1; }"),
        True,
        True,
    ),
    Row(
        "named type changed",
        "PROTOBUF",
        proto("message A { Money a = 1; }\n" + MONEY + "message Price { int64 cents = 1; }"),
        proto("message A { Price a = 1; }\n" + MONEY + "message Price { int64 cents = 1; }"),
        False,
        False,
        "FIELD_NAMED_TYPE_CHANGED",
        "FIELD_NAMED_TYPE_CHANGED",
    ),
    Row(
        "repeated <-> single on a numeric field",
        "PROTOBUF",
        proto("message A { int64 a = 1; }"),
        proto("message A { repeated int64 a = 1; }"),
        False,
        False,
        "FIELD_NUMERIC_LABEL_CHANGED",
        "FIELD_NUMERIC_LABEL_CHANGED",
    ),
    Row(
        "required field added",
        "PROTOBUF",
        proto("message A { optional string a = 1; }", "proto2"),
        proto("message A { optional string a = 1; required int32 b = 2; }", "proto2"),
        False,
        False,
        "REQUIRED_FIELD_ADDED",
        "REQUIRED_FIELD_REMOVED",
    ),
    Row(
        "required field removed",
        "PROTOBUF",
        proto("message A { optional string a = 1; required int32 b = 2; }", "proto2"),
        proto("message A { optional string a = 1; }", "proto2"),
        False,
        False,
        "REQUIRED_FIELD_REMOVED",
        "REQUIRED_FIELD_ADDED",
    ),
    Row(
        "oneof field removed",
        "PROTOBUF",
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        proto("message A { oneof o { string x = 1; } }"),
        False,
        True,
        "ONEOF_FIELD_REMOVED",
    ),
    Row(
        "field moved into an existing oneof",
        "PROTOBUF",
        proto("message A { string x = 1; oneof o { int32 y = 2; } }"),
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        False,
        True,
        "FIELD_MOVED_TO_EXISTING_ONEOF",
    ),
    Row(
        "several fields moved into a oneof",
        "PROTOBUF",
        proto("message A { string x = 1; int32 y = 2; }"),
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        False,
        True,
        "MULTIPLE_FIELDS_MOVED_TO_ONEOF",
    ),
]

ROWS = AVRO + JSON + PROTOBUF


def expected(row: Row, level: str) -> bool:
    base = level.removesuffix("_TRANSITIVE")
    return {
        "NONE": True,
        "BACKWARD": row.backward,
        "FORWARD": row.forward,
        "FULL": row.backward and row.forward,
    }[base]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.schema_type}: {r.name}")
def test_row_at_every_level(row: Row, level: str) -> None:
    registry = registry_of(row.v1, row.v2, schema_type=row.schema_type, level=level)
    by_versions = check_versions(registry, "s", 1, 2, level)
    assert (not by_versions) is expected(row, level), [i.message for i in by_versions]
    candidate = check_candidate(
        registry_of(row.v1, schema_type=row.schema_type), "s", row.v2, row.schema_type, level
    )
    assert [(i.rule, i.path, i.direction) for i in candidate] == [
        (i.rule, i.path, i.direction) for i in by_versions
    ]
    assert [(i.rule, i.path) for i in check_history(registry, "s")] == [
        (i.rule, i.path) for i in by_versions
    ]
    for item in by_versions:
        assert (item.subject, item.old_version, item.new_version) == ("s", 1, 2)
        assert item.message.endswith(".") and "\n" not in item.message
    rules = {(i.direction, i.rule) for i in by_versions}
    if level.startswith(("BACKWARD", "FULL")) and not row.backward:
        assert ("backward", row.backward_rule) in rules
    if level.startswith(("FORWARD", "FULL")) and not row.forward:
        assert ("forward", row.forward_rule) in rules


@pytest.mark.parametrize("level", LEVELS)
def test_a_change_of_schema_type_is_always_incompatible(level: str) -> None:
    avro = SchemaVersion(1, record(f("a", "string")), 1, "AVRO")
    json_schema = SchemaVersion(2, obj({"a": {"type": "string"}}), 2, "JSON")
    registry = registry_of(avro, json_schema, level=level)
    found = check_versions(registry, "s", 1, 2)
    assert (not found) is (level == "NONE")
    assert all(i.rule == "SCHEMA_TYPE_CHANGED" for i in found)
    # said once, not once per direction
    assert len(found) == (0 if level == "NONE" else 1)


TRANSITIVE = [
    record(f("a", "int")),
    record(f("b", "int", default=0)),
    record(f("b", "int", default=0), f("a", "string", default="")),
]


@pytest.mark.parametrize(
    ("level", "compatible"),
    [
        ("BACKWARD", True),
        ("BACKWARD_TRANSITIVE", False),
        ("FULL", True),
        ("FULL_TRANSITIVE", False),
        ("FORWARD", True),
        ("FORWARD_TRANSITIVE", False),
    ],
)
def test_the_example_that_separates_the_transitive_levels(level: str, compatible: bool) -> None:
    # v1 a:int; v2 drops a; v3 re-adds a:string with a default
    registry = registry_of(*TRANSITIVE[:2])
    found = check_candidate(registry, "s", TRANSITIVE[2], "AVRO", level)
    assert (not found) is compatible
    assert {(i.old_version, i.rule, i.path) for i in found} <= {(1, "TYPE_MISMATCH", "R.a")}


@pytest.mark.parametrize(
    ("level", "broken"), [("BACKWARD", []), ("BACKWARD_TRANSITIVE", [(3, 1, "TYPE_MISMATCH")])]
)
def test_the_transitive_example_as_a_history(level: str, broken: list[tuple[int, ...]]) -> None:
    history = check_history(registry_of(*TRANSITIVE, level=level), "s")
    assert [(i.new_version, i.old_version, i.rule) for i in history] == broken


def test_soft_deleted_versions_are_skipped() -> None:
    v1 = SchemaVersion(1, record(f("a", "int")), 1)
    v2 = SchemaVersion(2, record(f("a", "string")), 2, deleted=True)
    registry = registry_of(v1, v2, level="BACKWARD_TRANSITIVE")
    assert check_candidate(registry, "s", record(f("a", "long"))) == []
    assert check_history(registry, "s") == []
    # a deleted version can still be compared on purpose
    assert check_versions(registry, "s", 1, 2, "BACKWARD")


def test_latest_live_version_is_the_one_backward_checks() -> None:
    registry = registry_of(record(f("a", "string")), record(f("a", "int")))
    # compatible with v2 (the latest), not with v1: plain BACKWARD only looks at v2
    assert check_candidate(registry, "s", record(f("a", "long"))) == []
    assert check_candidate(registry, "s", record(f("a", "long")), level="BACKWARD_TRANSITIVE")


def test_a_new_subject_accepts_anything_and_the_default_level_is_backward() -> None:
    registry = registry_of(record(f("a", "int")))
    assert check_candidate(registry, "new-subject", record(f("x", "int"))) == []
    found = check_candidate(registry, "s", record(f("a", "int"), f("b", "int")))
    assert [(i.direction, i.rule) for i in found] == [
        ("backward", "READER_FIELD_MISSING_DEFAULT_VALUE")
    ]
