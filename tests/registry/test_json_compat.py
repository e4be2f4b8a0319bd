"""JSON Schema compatibility beyond the table: paths, arrays, combinations, refs, recursion."""

from __future__ import annotations

import json
from typing import Any

import pytest

from studio.registry import check_versions
from tests.registry.helpers import registry_of


def backward(old: Any, new: Any) -> list[tuple[str, str]]:
    """(rule, path) of what breaks when ``new`` replaces ``old`` under BACKWARD."""
    registry = registry_of(json.dumps(old), json.dumps(new), schema_type="JSON")
    return [(i.rule, i.path) for i in check_versions(registry, "s", 1, 2, "BACKWARD")]


def titled(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"title": "Customer", "type": "object", "properties": properties, **extra}


def test_paths_follow_properties_and_items() -> None:
    old = titled(
        {
            "address": {"type": "object", "properties": {"zip": {"type": "string"}}},
            "tags": {"type": "array", "items": {"type": "string"}},
        }
    )
    new = titled(
        {
            "address": {"type": "object", "properties": {"zip": {"type": "integer"}}},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}},
        }
    )
    assert backward(old, new) == [
        ("TYPE_CHANGED", "Customer.address.zip"),
        ("MAX_LENGTH_ADDED", "Customer.tags[].maxLength"),
    ]


def test_untitled_schemas_are_rooted_at_dollar() -> None:
    assert backward({"type": "string"}, {"type": "integer"}) == [("TYPE_CHANGED", "$")]


def test_refs_are_followed_and_changes_behind_them_found() -> None:
    def schema(zip_type: str) -> dict[str, Any]:
        return titled(
            {"home": {"$ref": "#/definitions/Address"}, "work": {"$ref": "#/definitions/Address"}},
            definitions={"Address": {"type": "object", "properties": {"zip": {"type": zip_type}}}},
        )

    assert backward(schema("string"), schema("string")) == []
    assert backward(schema("string"), schema("boolean")) == [
        ("TYPE_CHANGED", "Customer.home.zip"),
        ("TYPE_CHANGED", "Customer.work.zip"),
    ]


def test_recursive_schemas_terminate() -> None:
    def tree(value: str) -> dict[str, Any]:
        return {
            "title": "Node",
            "type": "object",
            "properties": {
                "value": {"type": value},
                "children": {"type": "array", "items": {"$ref": "#"}},
            },
        }

    assert backward(tree("string"), tree("string")) == []
    assert ("TYPE_CHANGED", "Node.value") in backward(tree("string"), tree("integer"))


def test_a_schema_whose_only_alternative_is_itself_is_compared_not_crashed() -> None:
    selfish = {"$defs": {"U": {"anyOf": [{"$ref": "#/$defs/U"}]}}, "$ref": "#/$defs/U"}
    wider = {
        "$defs": {"U": {"anyOf": [{"$ref": "#/$defs/U"}, {"type": "string"}]}},
        "$ref": "#/$defs/U",
    }
    assert backward(selfish, selfish) == []
    assert backward(selfish, wider) == []
    assert backward(wider, selfish) == [("SUM_TYPE_NARROWED", "$")]  # the string is gone


def _chain(links: int, last: dict[str, Any]) -> dict[str, Any]:
    defs: dict[str, Any] = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}"} for i in range(links)}
    defs[f"d{links}"] = last
    return {"$defs": defs, "$ref": "#/$defs/d0"}


def test_a_chain_of_refs_costs_its_length_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.registry import json_format

    calls = {"n": 0}
    resolve = json_format.JsonDocument.resolve

    def counted(self, ref):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return resolve(self, ref)

    monkeypatch.setattr(json_format.JsonDocument, "resolve", counted)
    costs = []
    for links in (500, 1000, 2000):
        calls["n"] = 0
        assert backward(_chain(links, {"type": "string"}), _chain(links, {"type": "string"})) == []
        costs.append(calls["n"])
    assert costs[2] / costs[0] < 4.5, costs  # linear: 4x the links, about 4x the work
    assert backward(_chain(2000, {"type": "string"}), _chain(2000, {"type": "integer"})) == [
        ("TYPE_CHANGED", "$")
    ]


def test_nesting_deeper_than_compared_is_a_verdict_not_a_crash() -> None:
    # a schema nests at most 100 levels in itself, but $refs can chain levels without end
    def nested(levels: int, leaf: str) -> dict[str, Any]:
        defs: dict[str, Any] = {
            f"d{i}": {"type": "object", "properties": {"next": {"$ref": f"#/$defs/d{i + 1}"}}}
            for i in range(levels)
        }
        defs[f"d{levels}"] = {"type": leaf}
        return {"$defs": defs, "$ref": "#/$defs/d0"}

    assert backward(nested(50, "string"), nested(50, "integer")) == [
        ("TYPE_CHANGED", "$" + ".next" * 50)
    ]
    assert backward(nested(2000, "string"), nested(2000, "integer")) == [
        ("COMPARISON_TOO_DEEP", "$")
    ]


@pytest.mark.parametrize(
    ("old", "new", "broken"),
    [
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            [],
        ),
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            {"anyOf": [{"type": "string"}]},
            [("SUM_TYPE_NARROWED", "$")],
        ),
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            {"anyOf": [{"type": "string"}, {"type": "boolean"}]},
            [("COMBINED_TYPE_SUBSCHEMAS_CHANGED", "$")],
        ),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            [],
        ),
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            {"allOf": [{"type": "string"}, {"type": "integer"}]},
            [("COMBINED_TYPE_CHANGED", "$")],
        ),
        (
            {"allOf": [{"type": "object"}]},
            {"allOf": [{"type": "object"}, {"required": ["a"]}]},
            [("PRODUCT_TYPE_EXTENDED", "$")],
        ),
        ({"type": "string"}, {"oneOf": [{"type": "string"}, {"type": "null"}]}, []),
        (
            {"not": {"type": "string"}},
            {"not": {"type": ["string", "integer"]}},
            [("NOT_TYPE_EXTENDED", "$.not")],
        ),
        ({"not": {"type": ["string", "integer"]}}, {"not": {"type": "string"}}, []),
        ({"const": "a"}, {"const": "b"}, [("ENUM_ARRAY_CHANGED", "$.const")]),
        ({"enum": ["a", "b"]}, {"enum": ["a", "c"]}, [("ENUM_ARRAY_CHANGED", "$.enum")]),
        (
            {"type": "number", "multipleOf": 2},
            {"type": "number", "multipleOf": 4},
            [("MULTIPLE_OF_EXPANDED", "$.multipleOf")],
        ),
        ({"type": "number", "multipleOf": 4}, {"type": "number", "multipleOf": 2}, []),
        ({"type": "number", "multipleOf": 0.02}, {"type": "number", "multipleOf": 0.01}, []),
        (
            {"type": "number", "multipleOf": 2},
            {"type": "number", "multipleOf": 3},
            [("MULTIPLE_OF_CHANGED", "$.multipleOf")],
        ),
        ({"type": "string"}, {"type": "string", "pattern": "^a"}, [("PATTERN_ADDED", "$.pattern")]),
        ({"type": "string", "pattern": "^a"}, {"type": "string"}, []),
        (
            {"type": "number", "exclusiveMaximum": 5},
            {"type": "number", "exclusiveMaximum": 3},
            [("EXCLUSIVE_MAXIMUM_DECREASED", "$.exclusiveMaximum")],
        ),
        (
            {"type": "array"},
            {"type": "array", "items": {"type": "string"}},
            [("SCHEMA_ADDED", "$[]")],
        ),
        ({"type": "array", "items": {"type": "string"}}, {"type": "array"}, []),
        (
            {"type": "array"},
            {"type": "array", "uniqueItems": True},
            [("UNIQUE_ITEMS_ADDED", "$.uniqueItems")],
        ),
        (
            {"type": "array", "items": [{"type": "string"}]},
            {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]},
            [("ITEM_ADDED_TO_OPEN_CONTENT_MODEL", "$[1]")],
        ),
        (
            {"type": "array", "items": [{"type": "string"}], "additionalItems": False},
            {
                "type": "array",
                "items": [{"type": "string"}, {"type": "integer"}],
                "additionalItems": False,
            },
            [],
        ),
        (
            {
                "type": "array",
                "items": [{"type": "string"}, {"type": "integer"}],
                "additionalItems": False,
            },
            {"type": "array", "items": [{"type": "string"}], "additionalItems": False},
            [("ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL", "$[1]")],
        ),
        (
            {"type": "array", "prefixItems": [{"type": "string"}], "items": False},
            {"type": "array", "prefixItems": [{"type": "integer"}], "items": False},
            [("TYPE_CHANGED", "$[0]")],
        ),
        (
            {"type": "object", "properties": {"a": {}}, "dependencies": {"a": ["b"]}},
            {"type": "object", "properties": {"a": {}}, "dependencies": {"a": ["b", "c"]}},
            [("DEPENDENCY_ARRAY_EXTENDED", "$.dependencies.a")],
        ),
        (
            {"type": "object", "dependencies": {"a": ["b", "c"]}},
            {"type": "object", "dependencies": {"a": ["b"]}},
            [],
        ),
        (
            {"type": "object"},
            {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}},
            [("DEPENDENCY_SCHEMA_ADDED", "$.dependencies.a")],
        ),
        (
            {"type": "object", "minProperties": 1},
            {"type": "object", "minProperties": 2},
            [("MIN_PROPERTIES_INCREASED", "$.minProperties")],
        ),
        (
            {"type": "object"},
            {"type": "object", "additionalProperties": {"type": "string"}},
            [("ADDITIONAL_PROPERTIES_NARROWED", "$.additionalProperties")],
        ),
        (
            {"type": "object", "additionalProperties": {"type": "string"}},
            {"type": "object", "additionalProperties": {"type": "integer"}},
            [("TYPE_CHANGED", "$.additionalProperties")],
        ),
        (
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "properties": {"a": {"type": "string"}, "b": {}}},
            [],
        ),
        (
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {
                "type": "object",
                "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                "required": ["b"],
            },
            [("REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "$.b")],
        ),
        (
            {"type": "object", "additionalProperties": False},
            {
                "type": "object",
                "properties": {"b": {"type": "string"}},
                "required": ["b"],
                "additionalProperties": False,
            },
            [("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "$.b")],
        ),
        (
            {"type": "object", "additionalProperties": False},
            {
                "type": "object",
                "properties": {"b": {"type": "string", "default": ""}},
                "required": ["b"],
                "additionalProperties": False,
            },
            [],
        ),
        (
            {"type": "object", "properties": {"a": False}, "additionalProperties": False},
            {"type": "object", "additionalProperties": False},
            [],
        ),
        (
            {
                "type": "object",
                "properties": {"x": {"type": "string"}},
                "patternProperties": {"^(?<n>x)": {"type": "string"}},
                "additionalProperties": False,
            },
            {
                "type": "object",
                "patternProperties": {"^(?<n>x)": {"type": "string"}},
                "additionalProperties": False,
            },
            [("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", "$.x")],
        ),  # a pattern Python cannot read
        (True, {"type": "string"}, [("TYPE_CHANGED", "$")]),
        ({"type": "string"}, True, []),
        (False, {"type": "string"}, []),
        ({"type": "string", "format": "email"}, {"type": "string", "format": "uri"}, []),
        (
            {"type": "string", "title": "a", "description": "b", "default": "c"},
            {"type": "string", "title": "x", "description": "y", "default": "z"},
            [],
        ),
    ],
)
def test_differences(old: Any, new: Any, broken: list[tuple[str, str]]) -> None:
    assert backward(old, new) == broken


def test_removing_an_enum_from_a_typed_property_is_a_type_change_as_in_confluent() -> None:
    # everit reads {"type": "string", "enum": [...]} as allOf [string, enum]; Confluent then
    # sees allOf -> string as a change of type, although it accepts more values
    old = {"type": "string", "enum": ["A", "B"]}
    assert backward(old, {"type": "string"}) == [("TYPE_CHANGED", "$")]
    assert backward(old, {"type": "string", "enum": ["A", "B", "C"]}) == []


def test_sentences_name_both_versions_and_the_consequence() -> None:
    registry = registry_of(
        json.dumps(titled({"a": {"type": "string"}})),
        json.dumps(
            titled(
                {"a": {"type": "string"}, "b": {"type": "string"}},
                required=["b"],
                additionalProperties=False,
            )
        ),
        schema_type="JSON",
    )
    messages = {i.rule: i.message for i in check_versions(registry, "s", 1, 2, "BACKWARD")}
    assert messages == {
        "ADDITIONAL_PROPERTIES_REMOVED": (
            "v2 allows no undeclared properties at 'Customer.additionalProperties', which v1 "
            "allows, so documents that v1 accepts can fail validation against v2."
        ),
        "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL": (
            "v2 requires property 'Customer.b' that v1 does not declare, and v1 has an open "
            "content model, so documents from v1 may lack 'b' or carry a value v2 rejects."
        ),
    }


def test_enum_values_that_look_like_refs_are_data() -> None:
    schema = {
        "type": "object",
        "enum": [{"$ref": "https://not.a/ref"}],
        "default": {"$ref": "#/nowhere"},
    }
    assert backward(schema, schema) == []


def test_hostile_combinations_stop_at_a_bound() -> None:
    def many(kind: str) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "object", "properties": {f"p{i}": {"type": kind}}, "required": [f"p{i}"]}
                for i in range(300)
            ]
        }

    assert backward(many("string"), many("integer")) == [("COMPARISON_TOO_COMPLEX", "$")]
