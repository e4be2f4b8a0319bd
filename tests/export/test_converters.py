"""Avro and Protobuf to JSON Schema, flattening, and the OpenAPI 3.0 dialect."""

from __future__ import annotations

import jsonschema_rs
import pytest

from studio.export.avro_json import AvroConversionError, avro_to_json_schema
from studio.export.dialects import to_openapi30, to_openapi31
from studio.export.flatten import Flattener
from studio.export.protobuf_json import ProtobufConversionError, protobuf_to_json_schema


def test_avro_primitives_unions_and_logical_types() -> None:
    schema, warnings = avro_to_json_schema(
        {
            "type": "record",
            "name": "R",
            "fields": [
                {"name": "i", "type": "int"},
                {"name": "b", "type": "bytes"},
                {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "either", "type": ["int", "string"]},
                {"name": "maybe", "type": ["null", "int", "string"], "default": None},
                {"name": "fixed", "type": {"type": "fixed", "name": "F", "size": 4}},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {
                    "name": "price",
                    "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2},
                },
                {
                    "name": "span",
                    "type": {"type": "fixed", "name": "D", "size": 12, "logicalType": "duration"},
                },
            ],
        }
    )
    assert warnings == []
    props = schema["properties"]
    assert props["i"] == {"type": "integer", "format": "int32"}
    assert props["b"] == {"type": "string"}
    # logical types keep the JSON type and format of their encoding: a date is days as int32
    assert props["day"] == {"type": "integer", "format": "int32", "x-avro-logicalType": "date"}
    assert props["id"] == {"type": "string", "format": "uuid", "x-avro-logicalType": "uuid"}
    assert props["at"] == {
        "type": "integer",
        "format": "int64",
        "x-avro-logicalType": "timestamp-millis",
    }
    assert props["price"] == {
        "type": "string",
        "x-avro-logicalType": "decimal",
        "x-avro-precision": 9,
        "x-avro-scale": 2,
    }
    assert props["span"] == {
        "type": "string",
        "title": "D",
        "minLength": 12,
        "maxLength": 12,
        "x-avro-logicalType": "duration",
    }
    assert props["either"] == {
        "anyOf": [{"type": "integer", "format": "int32"}, {"type": "string"}]
    }
    assert props["maybe"] == {
        "anyOf": [{"type": "integer", "format": "int32"}, {"type": "string"}, {"type": "null"}],
        "default": None,
    }
    assert props["fixed"] == {"type": "string", "title": "F", "minLength": 4, "maxLength": 4}
    assert schema["required"] == ["i", "b", "day", "id", "either", "fixed", "at", "price", "span"]
    assert avro_to_json_schema("string")[0] == {"type": "string"}


def test_avro_recursion_and_referenced_subjects() -> None:
    address = {
        "type": "record",
        "name": "Address",
        "namespace": "acme.common",
        "fields": [{"name": "city", "type": "string"}],
    }
    schema, warnings = avro_to_json_schema(
        {
            "type": "record",
            "name": "Node",
            "namespace": "a",
            "fields": [
                {"name": "next", "type": ["null", "Node"]},
                {"name": "home", "type": "acme.common.Address"},
                {"name": "ghost", "type": "Missing"},
            ],
        },
        [address],
    )
    assert schema["$ref"] == "#/$defs/a.Node"
    node = schema["$defs"]["a.Node"]
    assert node["properties"]["next"] == {"anyOf": [{"$ref": "#/$defs/a.Node"}, {"type": "null"}]}
    # used once: inlined where it is used
    assert node["properties"]["home"]["properties"] == {"city": {"type": "string"}}
    assert node["properties"]["ghost"] == {}
    assert warnings == [
        "the Avro type 'Missing' is not defined here or in a referenced subject; "
        "it is described as any value"
    ]
    validator = jsonschema_rs.Draft7Validator(schema)
    assert validator.is_valid(
        {
            "next": {"next": None, "home": {"city": "x"}, "ghost": 1},
            "home": {"city": "y"},
            "ghost": None,
        }
    )
    assert not validator.is_valid({"next": {"next": 5}, "home": {"city": "y"}, "ghost": 1})


@pytest.mark.parametrize(
    "bad",
    [{"type": "record", "fields": []}, {"type": "array"}, 42, {"type": "enum", "name": "E"}, []],
)
def test_malformed_avro_is_an_error(bad: object) -> None:
    with pytest.raises(AvroConversionError):
        avro_to_json_schema(bad)


PROTO = """\
syntax = "proto3";
package acme.v1;
import "acme/common/money.proto";
import "google/protobuf/wrappers.proto";
import "google/protobuf/struct.proto";

/* A thing
 * with a long comment. */
message Thing {
  // the id
  string thing_id = 1;
  uint64 big = 2;
  bytes blob = 3;
  map<string, Inner> inners = 4;
  repeated common.Money prices = 5;  // partially qualified
  optional string label = 6 [json_name = "title"];
  google.protobuf.Int32Value maybe = 7;
  google.protobuf.Struct extra = 8;
  oneof choice {
    string text = 9;
    Thing child = 10;
  }
  message Inner { .acme.v1.Kind kind = 1; }
  unknown.Type lost = 11;
}
enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }
"""
MONEY = "syntax = 'proto3'; package acme.common; message Money { int64 units = 1; }"


def test_protobuf_fields_follow_the_proto3_json_mapping() -> None:
    schema, warnings = protobuf_to_json_schema(PROTO, {"acme/common/money.proto": MONEY})
    thing = schema["$defs"]["acme.v1.Thing"]  # recursive through the oneof: kept in $defs
    assert schema["$ref"] == "#/$defs/acme.v1.Thing"
    assert thing["description"] == "A thing\nwith a long comment."
    props = thing["properties"]
    assert list(props) == [
        "thingId",
        "big",
        "blob",
        "inners",
        "prices",
        "title",
        "maybe",
        "extra",
        "text",
        "child",
        "lost",
    ]
    assert props["thingId"] == {"type": "string", "description": "the id"}
    assert props["big"]["anyOf"][1] == {"type": "string", "pattern": "^[0-9]+$"}
    assert props["blob"] == {"type": "string", "contentEncoding": "base64"}
    assert props["inners"]["additionalProperties"]["properties"]["kind"]["enum"] == [
        "KIND_UNSPECIFIED",
        "KIND_A",
    ]
    assert props["prices"]["items"]["properties"]["units"]["anyOf"][0]["format"] == "int64"
    assert props["prices"]["description"] == "partially qualified"
    assert props["maybe"] == {"type": ["integer", "null"], "format": "int32"}
    assert props["extra"] == {"type": "object"}
    assert props["child"] == {"$ref": "#/$defs/acme.v1.Thing"}
    assert props["lost"] == {}
    assert warnings == [
        "the Protobuf type 'unknown.Type' is not defined in the schema or its "
        "imports; it is described as any value"
    ]


def test_protobuf_without_the_referenced_import_or_with_bad_syntax() -> None:
    schema, warnings = protobuf_to_json_schema(PROTO)
    assert warnings[0] == (
        "the import 'acme/common/money.proto' is not among the schema's "
        "registry references; its types are described as any value"
    )
    assert schema["$defs"]["acme.v1.Thing"]["properties"]["prices"]["items"] == {}
    with pytest.raises(ProtobufConversionError, match="line 1"):
        protobuf_to_json_schema("syntax = 'proto3'; message { }")
    with pytest.raises(ProtobufConversionError, match="no message"):
        protobuf_to_json_schema("syntax = 'proto3'; enum E { A = 0; }")


def test_flattening_makes_every_definition_a_named_part() -> None:
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "urn:x",
        "type": "object",
        "properties": {
            "a": {"$ref": "#/definitions/a"},
            "b": {"$ref": "other.json#/definitions/b"},
            "self": {"$ref": "#"},
            "far": {"$ref": "https://example.com/x.json"},
        },
        "definitions": {
            "a": {
                "$defs": {"deep": {"type": "integer"}},
                "items": {"$ref": "#/definitions/a/$defs/deep"},
            }
        },
    }
    other = {"definitions": {"b": {"type": "string"}}, "type": "object"}
    flattener = Flattener({"other.json": ("com.acme.Other", other)})
    root = flattener.flatten(schema, "msg")
    defs = flattener.result()
    assert root == {"$ref": "#/$defs/msg"}  # referenced itself, so it is a named part too
    assert defs["msg"]["properties"] == {
        "a": {"$ref": "#/$defs/msg.a"},
        "b": {"$ref": "#/$defs/com.acme.Other.b"},
        "self": {"$ref": "#/$defs/msg"},
        "far": {},
    }
    assert defs["msg.a"] == {"items": {"$ref": "#/$defs/msg.a.deep"}}
    assert defs["msg.a.deep"] == {"type": "integer"}
    assert defs["com.acme.Other"] == {"type": "object"}
    assert "$schema" not in defs["msg"] and "$id" not in defs["msg"]
    assert flattener.warnings == [
        "the reference 'https://example.com/x.json' leads outside the "
        "registry and is not followed; that part is described as any "
        "value"
    ]


def test_the_openapi_dialects() -> None:
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": ["integer", "null"], "exclusiveMinimum": 0},
            "c": {"const": "x", "examples": ["x"]},
            "u": {"type": ["string", "integer"]},
            "r": {"$ref": "#/components/schemas/R", "description": "d"},
            "o": {"anyOf": [{"$ref": "#/components/schemas/R"}, {"type": "null"}]},
            "t": {"type": "array", "items": [{"type": "string"}], "additionalItems": False},
            "p": {"type": "object", "patternProperties": {"^x": {}}},
            "e": {"type": ["string", "null"], "enum": ["a", None]},
            "bin": {"type": "string", "contentEncoding": "base64"},
            "m": {"anyOf": [{"type": "object", "title": "A"}, {"type": "null"}], "default": None},
            "s": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            "z": {"type": "null"},
        },
        "dependencies": {"a": ["b"]},
    }
    converted, warnings = to_openapi30(schema)
    props = converted["properties"]
    assert props["n"] == {
        "type": "integer",
        "minimum": 0,
        "exclusiveMinimum": True,
        "nullable": True,
    }
    assert props["c"] == {"enum": ["x"], "example": "x"}
    assert props["u"] == {"anyOf": [{"type": "string"}, {"type": "integer"}]}
    assert props["r"] == {"allOf": [{"$ref": "#/components/schemas/R"}], "description": "d"}
    # 3.0.3 honours nullable only beside a type, and null must pass every allOf branch
    assert props["o"] == {
        "anyOf": [
            {"$ref": "#/components/schemas/R"},
            {"type": "object", "nullable": True, "enum": [None]},
        ]
    }
    assert props["t"] == {"type": "array", "items": {}}
    assert props["p"] == {"type": "object"}
    assert props["e"] == {"type": "string", "enum": ["a", None], "nullable": True}
    assert props["bin"] == {"type": "string", "format": "byte"}
    assert props["m"] == {"type": "object", "title": "A", "default": None, "nullable": True}
    assert props["s"] == {
        "anyOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "string", "nullable": True, "enum": [None]},
        ]
    }
    assert props["z"] == {"type": "object", "nullable": True, "enum": [None]}
    assert warnings == [
        "OpenAPI 3.0 has no 'dependencies'; it is left out",
        "OpenAPI 3.0 has no 'items as a list (tuple validation)'; it is left out",
        "OpenAPI 3.0 has no 'patternProperties'; it is left out",
    ]
    modern = to_openapi31(schema)
    assert modern["dependentRequired"] == {"a": ["b"]}
    assert modern["properties"]["t"] == {
        "type": "array",
        "prefixItems": [{"type": "string"}],
        "items": False,
    }
