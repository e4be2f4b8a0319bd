"""Protobuf examples from AsyncAPI documents back into the proto3 JSON mapping designs use.

Documents carry Protobuf examples as AsyncAPI's Protobuf schema parser reads them (proto field
names, every field given, 64-bit integers as numbers, well-known types as their messages;
``studio.export.protobuf_examples`` writes them so). Designs write the proto3 JSON mapping:
lowerCamelCase names, defaults left out, 64-bit integers as strings, a ``Timestamp`` as an RFC
3339 string. ``json_mapping_example`` turns the first into the second; a value it cannot place
(a key that is no field) is kept as it is.

The .proto text is read with the registry's fast reader (``parse_proto_file``): an export
repeats each message's text in every document that carries it, and the full grammar takes
milliseconds per text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from studio.registry.bounds import SchemaProblem
from studio.registry.protobuf_model import (
    SCALARS,
    WRAPPERS,
    ProtoEnum,
    ProtoField,
    ProtoFile,
    ProtoMessage,
)
from studio.registry.protobuf_parser import parse_proto_file

_INT64 = {"int64", "uint64", "sint64", "fixed64", "sfixed64"}
_DEFAULTS: tuple[Any, ...] = (0, 0.0, "", False, [], None)
Definition = ProtoMessage | ProtoEnum


def json_mapping_example(text: str, example: Any) -> Any:
    """``example`` of the payload of ``text`` (its first message) in the proto3 JSON mapping."""
    reader = _reader(text)
    return example if reader is None else reader.message(reader.payload, example)


@lru_cache(maxsize=256)
def _reader(text: str) -> _Reader | None:
    try:
        file = parse_proto_file(text)
    except SchemaProblem:
        return None
    return _Reader(file) if file.messages else None


class _Reader:
    def __init__(self, file: ProtoFile) -> None:
        self.definitions: dict[str, Definition] = {}
        prefix = f".{file.package}" if file.package else ""
        self._index(prefix, file.messages, file.enums)
        self.payload = f"{prefix}.{file.messages[0].name}"

    def _index(self, scope: str, messages: list[ProtoMessage], enums: list[ProtoEnum]) -> None:
        for enum in enums:
            self.definitions[f"{scope}.{enum.name}"] = enum
        for message in messages:
            name = f"{scope}.{message.name}"
            self.definitions[name] = message
            self._index(name, message.messages, message.enums)

    def resolve(self, type_name: str, scope: str) -> str:
        """The full name (``.pkg.Msg``) ``type_name`` means inside ``scope``, as protoc finds
        it: from the innermost scope outwards; a leading dot is already absolute."""
        if type_name.startswith("."):
            return type_name
        first = type_name.split(".")[0]
        while True:
            candidate = f"{scope}.{first}"
            if candidate in self.definitions:
                return f"{scope}.{type_name}"
            if not scope:
                return f".{type_name}"
            scope = scope.rpartition(".")[0]

    def message(self, fullname: str, value: Any) -> Any:
        definition = self.definitions.get(fullname)
        if not isinstance(definition, ProtoMessage) or not isinstance(value, dict):
            return value
        fields = {f.name: f for f in definition.all_fields()}
        written: dict[str, Any] = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                written[key] = item
                continue
            converted = self.field(field, fullname, item)
            # a set message field stays, even empty; a scalar's default is left out
            if isinstance(converted, dict) or converted not in _DEFAULTS:
                written[_json_name(field.name)] = converted
        return written

    def field(self, field: ProtoField, scope: str, value: Any) -> Any:
        if field.type == "map":
            return value
        if field.label == "repeated" and isinstance(value, list):
            return [self.value(field.type, scope, item) for item in value]
        return self.value(field.type, scope, value)

    def value(self, type_name: str, scope: str, value: Any) -> Any:
        if type_name in SCALARS:
            if type_name in _INT64 and isinstance(value, int) and not isinstance(value, bool):
                return str(value)
            return value
        target = self.resolve(type_name, scope)
        definition = self.definitions.get(target)
        if definition is None:
            return _well_known(target.lstrip("."), value)
        if isinstance(definition, ProtoEnum):
            first = definition.values[0][0] if definition.values else None
            return None if value == first else value  # the zero value is the default
        return self.message(target, value)


def _json_name(name: str) -> str:
    """protoc's JSON name: underscores dropped, the letter after each one upper-cased."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _well_known(fullname: str, value: Any) -> Any:
    name = fullname.removeprefix("google.protobuf.")
    if not isinstance(value, dict):
        return value
    if name in WRAPPERS:
        inner = value.get("value")
        return (
            str(inner)
            if name in ("Int64Value", "UInt64Value") and isinstance(inner, int)
            else inner
        )
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
        return ",".join(_json_name(path) for path in value["paths"])
    return value
