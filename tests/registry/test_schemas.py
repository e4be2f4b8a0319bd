"""Parsing schemas in their format: references, located errors, bounds, no network, caching."""

from __future__ import annotations

import json
import socket

import pytest

from studio.registry import (
    SchemaError,
    SchemaReference,
    SchemaVersion,
    Subject,
    parse_schema,
    parse_text,
)
from studio.registry.bounds import MAX_NESTING, MAX_REFERENCE_DEPTH, MAX_SCHEMA_BYTES
from studio.registry.model import Registry
from studio.registry.schemas import clear_cache
from tests.registry.helpers import f, obj, proto, record, registry_of, subject_of


def error_of(registry: Registry, subject: str = "s", version: int = 1) -> SchemaError:
    with pytest.raises(SchemaError) as info:
        parse_schema(registry, subject, version)
    return info.value


# -- Avro -----------------------------------------------------------------------------------


def test_avro_parses_with_the_apache_package() -> None:
    parsed = parse_schema(
        registry_of(record(f("a", "int"), name="Order", namespace="acme")), "s", 1
    )
    assert parsed.schema_type == "AVRO"
    assert parsed.model.fullname == "acme.Order"


@pytest.mark.parametrize(
    ("text", "words", "where"),
    [
        ('{"type": "record", "name": "R", "fields": [', "is not JSON", "line 1, column 44"),
        (
            '{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Nope"}]}',
            "uses the type 'Nope', which is neither an Avro type nor a named type",
            None,
        ),
        ('{"type": "recrod", "name": "R"}', "is not a valid Avro schema", None),
        (
            '{"type": "enum", "name": "E", "symbols": ["A", "A"]}',
            "is not a valid Avro schema",
            None,
        ),
        ('{"type": "record", "name": "1R", "fields": []}', "is not a valid Avro schema", None),
        ('{"type": "record", "name": "R", "fields": "x"}', "is not a valid Avro schema", None),
        (
            record(f("a", "int", default="zero")),
            "default \"zero\" of field 'a' is not an int value",
            "R.a",
        ),
        (record(f("a", ["null", "string"], default=3)), "is not a value of any branch", "R.a"),
        (
            record(f("a", {"type": "array", "items": "long"}, default=[1, "x"])),
            "is not an array",
            "R.a",
        ),
        (
            record(f("r", json.loads(record(f("x", "int"), name="In")), default={})),
            "is not a record In",
            "R.r",
        ),
    ],
)
def test_avro_errors_say_subject_version_and_where(
    text: str, words: str, where: str | None
) -> None:
    error = error_of(registry_of(record(f("a", "int")), text), version=2)
    assert (error.subject, error.version) == ("s", 2)
    assert words in error.message
    assert error.where == where
    assert str(error).startswith("subject 's' v2: ")


def test_avro_defaults_that_fit() -> None:
    text = record(
        f("a", ["null", "string"], default=None),
        f("b", "long", default=2**40),
        f("c", {"type": "map", "values": "double"}, default={"x": 1}),
        f("d", {"type": "fixed", "name": "F", "size": 2}, default="\u00ff\u0000"),
        f("e", json.loads(record(f("x", "int", default=1), name="In")), default={}),
    )
    parse_schema(registry_of(text), "s", 1)


def test_avro_references_bring_named_types_into_scope() -> None:
    address = record(f("street", "string"), name="Address", namespace="acme")
    customer = record(f("home", "acme.Address"), name="Customer", namespace="acme")
    ref = SchemaReference("acme.Address", "address", 1)
    registry = registry_of(
        SchemaVersion(1, customer, 1, references=(ref,)),
        others={"address": subject_of("address", address)},
    )
    parsed = parse_schema(registry, "s", 1)
    assert parsed.model.fields[0].type.fullname == "acme.Address"
    # without the reference the name is unknown
    assert "uses the type 'acme.Address'" in error_of(registry_of(customer)).message


def test_unknown_logical_types_do_not_warn() -> None:
    # pytest turns warnings into errors: an ignored logical type must not surface
    parse_schema(registry_of(record(f("a", {"type": "int", "logicalType": "made-up"}))), "s", 1)


# -- JSON Schema ----------------------------------------------------------------------------


def test_json_schema_checks_the_metaschema_of_its_draft() -> None:
    error = error_of(registry_of(obj({"a": {"type": "strng"}}), schema_type="JSON"))
    assert "is not a valid JSON Schema (draft7)" in error.message
    assert error.where == "properties.a.type"
    draft4 = json.dumps(
        {
            "$schema": "http://json-schema.org/draft-04/schema#",
            "type": "object",
            "minProperties": -1,
        }
    )
    assert "(draft4)" in error_of(registry_of(draft4, schema_type="JSON")).message
    modern = json.dumps(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "prefixItems": 3,
        }
    )
    assert "(draft202012)" in error_of(registry_of(modern, schema_type="JSON")).message


def test_json_schema_accepts_ecma_patterns_python_does_not_know() -> None:
    text = obj({"a": {"type": "string", "pattern": r"^(?<year>\d{4})$"}})
    assert parse_schema(registry_of(text, schema_type="JSON"), "s", 1).schema_type == "JSON"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[1, 2]", "a schema is a JSON object or a boolean"),
        ('{"type": "object",}', "is not JSON"),
        (
            obj({"a": {"$ref": "#/definitions/missing"}}),
            "$ref '#/definitions/missing' points at nothing in the schema",
        ),
        (
            obj({"a": {"$ref": "other.json"}}),
            "names 'other.json', which is not one of the schema's references",
        ),
        (
            json.dumps(
                {
                    "definitions": {
                        "a": {"$ref": "#/definitions/b"},
                        "b": {"$ref": "#/definitions/a"},
                    },
                    "$ref": "#/definitions/a",
                }
            ),
            "loops back",
        ),
    ],
)
def test_json_schema_errors(text: str, words: str) -> None:
    assert words in error_of(registry_of(text, schema_type="JSON")).message


def test_remote_refs_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a schema was fetched from the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    text = obj({"a": {"$ref": "https://schemas.example.com/address.json"}})
    error = error_of(registry_of(text, schema_type="JSON"))
    assert "never fetches schemas from the network" in error.message


def test_json_refs_resolve_through_references_by_name_or_id() -> None:
    address = json.dumps(
        {
            "$id": "https://acme.example/address.json",
            "type": "object",
            "properties": {"zip": {"type": "string"}},
            "definitions": {"Zip": {"type": "string"}},
        }
    )
    by_name = obj(
        {"home": {"$ref": "address.json"}, "zip": {"$ref": "address.json#/definitions/Zip"}}
    )
    by_id = json.dumps(
        {
            "$id": "https://acme.example/customer.json",
            "type": "object",
            "properties": {
                "home": {"$ref": "address.json"},
                "work": {"$ref": "https://acme.example/address.json"},
            },
        }
    )
    ref = SchemaReference("address.json", "address", 1)
    for text in (by_name, by_id):
        registry = registry_of(
            SchemaVersion(1, text, 1, "JSON", (ref,)),
            others={"address": subject_of("address", address, schema_type="JSON")},
        )
        document = parse_schema(registry, "s", 1).model
        target, node = document.resolve(document.root["properties"]["home"]["$ref"])
        assert target.name == "address.json" and node["properties"]["zip"] == {"type": "string"}


# -- Protobuf -------------------------------------------------------------------------------

MONEY = proto("message Money { string currency = 1; int64 units = 2; }", package="acme.common")


def test_protobuf_imports_resolve_through_references() -> None:
    order = proto(
        'import "acme/common/money.proto";\nmessage Order { acme.common.Money total = 1; }',
        package="acme.shop",
    )
    ref = SchemaReference("acme/common/money.proto", "money", 1)
    registry = registry_of(
        SchemaVersion(1, order, 1, "PROTOBUF", (ref,)),
        others={"money": subject_of("money", MONEY, schema_type="PROTOBUF")},
    )
    parsed = parse_schema(registry, "s", 1)
    assert parsed.model.resolve("acme.common.Money", "acme.shop.Order").origin == ("money", 1)
    without = error_of(registry_of(order, schema_type="PROTOBUF"))
    assert "imports 'acme/common/money.proto' but lists no reference named" in without.message


def test_well_known_imports_need_no_reference() -> None:
    text = proto(
        'import "google/protobuf/timestamp.proto";\nimport "google/type/money.proto";\n'
        "message E { google.protobuf.Timestamp at = 1; google.type.Money price = 2;\n"
        "  google.protobuf.NullValue nothing = 3; }"
    )
    parsed = parse_schema(registry_of(text, schema_type="PROTOBUF"), "s", 1)
    assert parsed.model.resolve("google.protobuf.NullValue", "acme.test.E").is_enum


@pytest.mark.parametrize(
    ("body", "words", "where"),
    [
        ("message A { Missing m = 1; }", "uses type 'Missing', which is defined neither", "A.m"),
        ("message A { string a = 1; int32 b = 1; }", "both use number 1", "A.b"),
        ("message A { string a = 1; int32 a = 2; }", "two fields named 'a'", "A.a"),
        ("message A { string a = 0; }", "has number 0", "A.a"),
        ("message A { string a = 19500; }", "except 19000-19999", "A.a"),
        ("message A { required string a = 1; }", "which proto3 does not allow", "A.a"),
        ("message A { map<double, string> m = 1; }", "map keys must be", "A.m"),
        ("message A { }\nmessage A { }", "defines 'acme.test.A' twice", "acme.test.A"),
        ("message A { string a = 1 }", "is not valid Protobuf", "line 3, column 26"),
    ],
)
def test_protobuf_errors_say_where(body: str, words: str, where: str) -> None:
    error = error_of(registry_of(proto(body), schema_type="PROTOBUF"))
    assert words in error.message
    assert error.where == where


def test_nested_and_qualified_names_resolve() -> None:
    text = proto(
        "message Outer { message Inner { E e = 1; } enum E { Z = 0; } Inner i = 1;\n"
        "  .acme.test.Outer.Inner j = 2; Outer.Inner k = 3; }"
    )
    parsed = parse_schema(registry_of(text, schema_type="PROTOBUF"), "s", 1)
    assert parsed.model.resolve("E", "acme.test.Outer.Inner").full_name == "acme.test.Outer.E"


# -- references in general --------------------------------------------------------------------


def _with_refs(**subjects: tuple[str, tuple[SchemaReference, ...]]) -> Registry:
    registry = Registry()
    for name, (text, refs) in subjects.items():
        registry.subjects[name] = Subject(name, [SchemaVersion(1, text, 1, "PROTOBUF", refs)])
    return registry


def ref_to(subject: str, version: int = 1) -> tuple[SchemaReference, ...]:
    return (SchemaReference(f"{subject}.proto", subject, version),)


@pytest.mark.parametrize(
    ("registry", "words"),
    [
        (
            _with_refs(s=(proto(""), ref_to("gone"))),
            "reference 'gone.proto' points at subject 'gone', which is not in the registry",
        ),
        (
            _with_refs(s=(proto(""), ref_to("b", 3)), b=(proto(""), ())),
            "reference 'b.proto' points at version 3 of subject 'b', which is not in the registry",
        ),
        (
            _with_refs(s=(proto(""), ref_to("b")), b=(proto(""), ref_to("s"))),
            "reference 's.proto' of b v1 makes a reference cycle: s v1 -> b v1 -> s v1",
        ),
        (_with_refs(s=(proto(""), ref_to("s"))), "makes a reference cycle: s v1 -> s v1"),
        (
            _with_refs(s=(proto(""), ref_to("b")), b=(MONEY + "\nmessage {", ())),
            "its reference 'b.proto' (b v1) does not parse: is not valid Protobuf",
        ),
        (
            _with_refs(s=(proto(""), ref_to("b")), b=("x" * (MAX_SCHEMA_BYTES + 1), ())),
            "its reference 'b.proto' (b v1) is 1.0 MiB",
        ),
    ],
)
def test_reference_problems(registry: Registry, words: str) -> None:
    error = error_of(registry)
    assert words in error.message
    assert error.reference == 0 or "does not parse" in error.message or "MiB" in error.message


def test_reference_chains_are_bounded() -> None:
    registry = Registry()
    for depth in range(MAX_REFERENCE_DEPTH + 2):
        refs = ref_to(f"n{depth + 1}") if depth <= MAX_REFERENCE_DEPTH else ()
        registry.subjects[f"n{depth}"] = Subject(
            f"n{depth}", [SchemaVersion(1, proto(""), 1, "PROTOBUF", refs)]
        )
    assert "reference chain deeper than" in error_of(registry, "n0").message
    assert parse_schema(registry, "n3", 1)  # a short enough tail is fine


def test_references_must_be_of_the_same_type() -> None:
    registry = registry_of(
        SchemaVersion(1, proto(""), 1, "PROTOBUF", ref_to("avro")),
        others={"avro": subject_of("avro", '"string"')},
    )
    assert "is a AVRO schema; a PROTOBUF schema can only reference" in error_of(registry).message


# -- bounds, types, candidates, caching ------------------------------------------------------


@pytest.mark.parametrize("schema_type", ["AVRO", "JSON", "PROTOBUF"])
def test_enormous_schemas_are_refused(schema_type: str) -> None:
    text = " " * MAX_SCHEMA_BYTES + '"string"'
    assert (
        "schemas over 1 MiB are refused"
        in error_of(registry_of(text, schema_type=schema_type)).message
    )


@pytest.mark.parametrize(
    ("schema_type", "text"),
    [
        ("AVRO", '{"type": "array", "items": ' * 5000 + '"int"' + "}" * 5000),
        ("AVRO", "[" * 5000 + "]" * 5000),
        ("JSON", '{"items": ' * 5000 + "{}" + "}" * 5000),
        ("PROTOBUF", proto("message A { " * 300 + "}" * 300)),
    ],
)
def test_deeply_nested_schemas_are_refused_without_recursion_errors(
    schema_type: str, text: str
) -> None:
    error = error_of(registry_of(text, schema_type=schema_type))
    assert f"nests deeper than {MAX_NESTING} levels" in error.message


def test_nesting_inside_strings_does_not_count() -> None:
    text = record(f("a", "int", doc="[" * 500))
    assert parse_schema(registry_of(text), "s", 1)


def test_unknown_schema_types_and_missing_versions() -> None:
    registry = registry_of(record(f("a", "int")))
    with pytest.raises(SchemaError, match="schema type 'XML' is unknown"):
        parse_text(registry, "s", "<x/>", "XML")
    with pytest.raises(SchemaError, match="there is no version 9 of subject 's'"):
        parse_schema(registry, "s", 9)


def test_candidate_errors_are_marked_as_candidates() -> None:
    with pytest.raises(SchemaError) as info:
        parse_text(registry_of(), "s", "{", "AVRO")
    assert info.value.candidate and info.value.version is None
    assert str(info.value).startswith("subject 's' candidate: is not JSON")


def test_parsing_is_cached_by_content() -> None:
    clear_cache()
    text = record(f("a", "int"))
    registry = registry_of(text, text, others={"t": subject_of("t", text)})
    first = parse_schema(registry, "s", 1)
    assert parse_schema(registry, "s", 2) is first
    assert parse_schema(registry, "t", 1) is first
    registry.subjects["s"].versions[0] = SchemaVersion(1, record(f("b", "int")), 1)
    assert parse_schema(registry, "s", 1) is not first  # an edit is never served stale


def test_a_referenced_json_schema_with_a_broken_ref_is_refused() -> None:
    broken = json.dumps({"type": "object", "properties": {"a": {"$ref": "#/nowhere"}}})
    ref = SchemaReference("b.json", "b", 1)
    registry = registry_of(
        SchemaVersion(1, obj({"x": {"$ref": "b.json"}}), 1, "JSON", (ref,)),
        others={"b": subject_of("b", broken, schema_type="JSON")},
    )
    assert (
        "its reference 'b.json' (b v1) does not parse: $ref '#/nowhere'"
        in error_of(registry).message
    )
