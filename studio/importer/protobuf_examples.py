"""Protobuf examples from AsyncAPI documents back into the proto3 JSON mapping designs use.

Documents carry Protobuf examples as AsyncAPI's Protobuf schema parser reads them (proto field
names, every field given, 64-bit integers as numbers, well-known types as their messages;
``studio.export.protobuf_examples`` writes them so). Designs write the proto3 JSON mapping:
lowerCamelCase names, defaults left out, 64-bit integers as strings, a ``Timestamp`` as an RFC
3339 string. ``json_mapping_example`` turns the first into the second; a value it cannot place
(a key that is no field) is kept as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from proto_schema_parser import ast

from studio.export.protobuf_json import join, json_name, package_of, parse_proto
from studio.export.protobuf_text import SCALARS, ProtoIndex

_INT64 = {"int64", "uint64", "sint64", "fixed64", "sfixed64"}
_DEFAULTS: tuple[Any, ...] = (0, 0.0, "", False, [], None)
_WRAPPERS = {"DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value",
             "UInt32Value", "BoolValue", "StringValue", "BytesValue"}


def json_mapping_example(text: str, example: Any) -> Any:
    """``example`` of the payload of ``text`` (its first message) in the proto3 JSON mapping."""
    try:
        file = parse_proto(text)
    except ValueError:
        return example
    first = next((e for e in file.file_elements if isinstance(e, ast.Message)), None)
    if first is None:
        return example
    return _Reader(file).message(join(package_of(file), first.name), example)


class _Reader:
    def __init__(self, file: ast.File) -> None:
        self.index = ProtoIndex([file])

    def message(self, fullname: str, value: Any) -> Any:
        definition = self.index.definitions.get(fullname)
        if definition is None or not isinstance(value, dict):
            return value
        fields = {f.name: f for f in _fields(definition.node)}
        written: dict[str, Any] = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                written[key] = item
                continue
            converted = self.field(field, fullname, item)
            # a set message field stays, even empty; a scalar's default is left out
            if isinstance(converted, dict) or converted not in _DEFAULTS:
                written[json_name(field)] = converted
        return written

    def field(self, field: ast.Field | ast.MapField, scope: str, value: Any) -> Any:
        if isinstance(field, ast.MapField):
            return value
        if field.cardinality == ast.FieldCardinality.REPEATED and isinstance(value, list):
            return [self.value(field.type, scope, item) for item in value]
        return self.value(field.type, scope, value)

    def value(self, type_name: str, scope: str, value: Any) -> Any:
        if type_name in SCALARS:
            if type_name in _INT64 and isinstance(value, int) and not isinstance(value, bool):
                return str(value)
            return value
        target = self.index.resolve(type_name, scope)
        if target is None:
            return value
        definition = self.index.definitions.get(target)
        if definition is None:
            return _well_known(target, value)
        if isinstance(definition.node, ast.Enum):
            first = next((v.name for v in definition.node.elements
                          if isinstance(v, ast.EnumValue)), None)
            return None if value == first else value  # the zero value is the default
        return self.message(target, value)


def _fields(message: Any) -> list[ast.Field | ast.MapField]:
    found: list[ast.Field | ast.MapField] = []
    for element in getattr(message, "elements", ()):
        if isinstance(element, (ast.Field, ast.MapField)):
            found.append(element)
        elif isinstance(element, ast.OneOf):
            found += [f for f in element.elements if isinstance(f, ast.Field)]
    return found


def _well_known(fullname: str, value: Any) -> Any:
    name = fullname.removeprefix("google.protobuf.")
    if not isinstance(value, dict):
        return value
    if name in _WRAPPERS:
        inner = value.get("value")
        return str(inner) if name in ("Int64Value", "UInt64Value") and isinstance(inner, int) \
            else inner
    seconds, nanos = value.get("seconds", 0), value.get("nanos", 0)
    if name == "Timestamp" and isinstance(seconds, int) and isinstance(nanos, int):
        moment = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        fraction = f".{nanos:09d}".rstrip("0") if nanos else ""
        return f"{moment}{fraction}Z"
    if name == "Duration" and isinstance(seconds, int) and isinstance(nanos, int):
        sign = "-" if seconds < 0 or nanos < 0 else ""
        fraction = f".{abs(nanos):09d}".rstrip("0") if nanos else ""
        return f"{sign}{abs(seconds)}{fraction}s"
    if name == "FieldMask" and isinstance(value.get("paths"), list):
        return ",".join(_camel(path) for path in value["paths"])
    return value


def _camel(path: str) -> str:
    head, *rest = path.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
