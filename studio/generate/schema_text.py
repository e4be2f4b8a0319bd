"""The text of one generated schema version in its format: Avro and JSON Schema as compact
JSON, Protobuf as a proto3 file that imports the shared types it uses."""

from __future__ import annotations

import json
from typing import Any

from studio.generate.names import pascal, snake
from studio.generate.payloads import COMMON, Data, Field, SchemaPlan

_JSON_DRAFT = "http://json-schema.org/draft-07/schema#"
# A field kind rendered as (Avro type, JSON Schema, Protobuf type).
_TYPES: dict[str, tuple[Any, Data, str]] = {
    "string": ("string", {"type": "string"}, "string"),
    "timestamp": ("string", {"type": "string", "format": "date-time"}, "string"),
    "int": ("int", {"type": "integer"}, "int32"),
    "double": ("double", {"type": "number"}, "double"),
    "boolean": ("boolean", {"type": "boolean"}, "bool"),
    "nullable": (["null", "string"], {"type": ["string", "null"]}, "string"),
    "strings": (
        {"type": "array", "items": "string"},
        {"type": "array", "items": {"type": "string"}},
        "repeated string",
    ),
}


def render(plan: SchemaPlan, name: str, fields: tuple[Field, ...], required: int) -> str:
    """Schema text in the plan's format; the first ``required`` fields are the v1 ones."""
    if plan.schema_type == "AVRO":
        return _avro(plan.domain, name, fields, required)
    if plan.schema_type == "JSON":
        return _json_schema(name, fields, required)
    return _proto(plan, name, fields)


def common_proto(name: str) -> str:
    """The proto file of a shared type (``COMMON``)."""
    return f'syntax = "proto3";\n\npackage acme.common;\n\n{COMMON[name].body}'


def _avro_type(f: Field) -> Any:
    if f.kind == "enum":
        return {"type": "enum", "name": pascal(f.name), "symbols": list(f.symbols)}
    return _TYPES[f.kind][0]


def _avro(domain: str, name: str, fields: tuple[Field, ...], required: int) -> str:
    rendered = []
    for i, f in enumerate(fields):
        entry: Data = {"name": f.name, "type": _avro_type(f)}
        if i >= required:  # an added field needs a default to stay compatible both ways
            entry["default"] = f.default
        rendered.append(entry)
    schema = {"type": "record", "name": name, "namespace": f"com.acme.{domain}", "fields": rendered}
    return json.dumps(schema, separators=(",", ":"))


def _json_type(f: Field) -> Data:
    if f.kind == "enum":
        return {"type": "string", "enum": list(f.symbols)}
    return _TYPES[f.kind][1]


def _json_schema(name: str, fields: tuple[Field, ...], required: int) -> str:
    schema = {
        "$schema": _JSON_DRAFT,
        "title": name,
        "type": "object",
        "properties": {f.name: _json_type(f) for f in fields},
        "required": [f.name for f in fields[:required]],
        "additionalProperties": False,
    }
    return json.dumps(schema, separators=(",", ":"))


def _proto_type(f: Field) -> str:
    # proto3 JSON carries enums as names, so a string keeps the examples valid either way.
    if f.kind == "enum":
        return "string"
    return _TYPES[f.kind][2] if f.kind in _TYPES else f.kind


def _proto(plan: SchemaPlan, name: str, fields: tuple[Field, ...]) -> str:
    lines = ['syntax = "proto3";', "", f"package acme.{plan.domain}.v1;", ""]
    imports = [
        COMMON[c].path for c in plan.commons if any(f.kind.startswith("acme.") for f in fields)
    ]
    if imports:
        lines += [f'import "{path}";' for path in imports] + [""]
    lines.append(f"message {name} {{")
    lines += [f"  {_proto_type(f)} {snake(f.name)} = {n};" for n, f in enumerate(fields, 1)]
    lines.append("}")
    return "\n".join(lines)
