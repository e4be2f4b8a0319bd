"""Protobuf examples as AsyncAPI's Protobuf schema parser reads them.

Designs write Protobuf examples in the proto3 JSON mapping: lowerCamelCase (or ``json_name``)
keys, 64-bit integers as decimal strings, defaults left out, well-known types in their special
forms. The official parser checks examples against the JSON Schema it derives from the .proto
text (protobufjs, ``keepCase``): proto field names; in proto3 every field not marked
``optional`` required (repeated and message fields too); 64-bit integers as numbers within
JavaScript's safe range; enums by name; ``bytes`` as a string; a real ``oneof`` (two fields or
more) as an optional property per field; well-known types as their messages (a ``Timestamp``
is ``{seconds, nanos}``); the recursion of a type cut off at its third level.

``parser_example`` rewrites one example that way. What an absent proto3 field reads as is its
default (zero, empty, the first enum value, an empty list), so those are filled in where the
parser requires them. An unset message field has no such value (it has presence), a ``map`` is
read by the parser as its value type, ``Struct``/``Value``/``Any`` and ``google.type`` are read
by fields the JSON form does not show, and 64-bit values beyond 2^53 lose precision there:
such an example cannot be written truthfully and raises ``ExampleNotExpressible``.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import re
from datetime import datetime
from typing import Any

from proto_schema_parser import ast

from studio.export.proto_index import ProtoIndex
from studio.export.protobuf_json import join, json_name, package_of, parse_proto, with_comments
from studio.registry.protobuf_model import SCALARS, WRAPPERS

_SAFE = 2**53 - 1
_LIMITS: dict[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "sint32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-_SAFE, _SAFE),
    "sint64": (-_SAFE, _SAFE),
    "uint64": (0, _SAFE),
    # the parser types these as plain numbers; JSON numbers beyond 2^53 still lose precision
    "fixed32": (0, 2**32 - 1),
    "sfixed32": (-(2**31), 2**31 - 1),
    "fixed64": (0, _SAFE),
    "sfixed64": (-_SAFE, _SAFE),
}
_TIMESTAMP = re.compile(
    r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$", re.IGNORECASE
)
_DURATION = re.compile(r"^(-)?(\d+)(?:\.(\d{1,9}))?s$")


class ExampleNotExpressible(ValueError):
    """The example cannot be written truthfully in the form the parser checks."""


def parser_example(text: str, example: Any) -> Any:
    """``example`` (proto3 JSON mapping) for the payload of ``text`` as the parser reads it.

    ``text`` is the self-contained .proto text the document carries; its first message is the
    payload.
    """
    file = parse_proto(text)
    package = package_of(file)
    first = next((e for e in file.file_elements if isinstance(e, ast.Message)), None)
    if first is None:
        raise ExampleNotExpressible("the schema defines no message")
    return _Writer(file).message(join(package, first.name), example, [], "")


class _Writer:
    def __init__(self, file: ast.File) -> None:
        self.index = ProtoIndex([file])
        self.proto3 = file.syntax == "proto3"

    def message(self, fullname: str, value: Any, stack: list[str], where: str) -> Any:
        node = self.index.definitions[fullname].node
        assert isinstance(node, ast.Message)
        if not isinstance(value, dict):
            raise ExampleNotExpressible(
                f"'{where}' is not an object" if where else "the payload is not an object"
            )
        # the parser stops describing a type met twice on the way down: any object does there
        cut = stack.count(node.name) >= 2
        stack = [*stack, node.name]
        fields = _fields(node)
        by_key = {}
        for field, _, _ in fields:
            by_key[field.name] = field
            by_key.setdefault(json_name(field), field)
        for key in value:
            if key not in by_key:
                raise ExampleNotExpressible(f"'{_at(where, key)}' is not a field of {node.name}")
        given = {by_key[key].name: v for key, v in value.items() if v is not None}
        written: dict[str, Any] = {}
        for field, in_oneof, comment in fields:
            path = _at(where, field.name)
            if field.name in given:
                written[field.name] = self.field(field, fullname, given[field.name], stack, path)
            elif not cut and not in_oneof and self._required(field, comment):
                written[field.name] = self.default(field, fullname, path)
        return written

    def _required(self, field: ast.Field | ast.MapField, comment: str | None) -> bool:
        if comment and re.search(r"@Required\b", comment, re.IGNORECASE):
            return True
        cardinality = field.cardinality if isinstance(field, ast.Field) else None
        if cardinality == ast.FieldCardinality.REQUIRED:
            return True
        return self.proto3 and cardinality != ast.FieldCardinality.OPTIONAL

    def field(
        self, field: ast.Field | ast.MapField, scope: str, value: Any, stack: list[str], where: str
    ) -> Any:
        if isinstance(field, ast.MapField):
            raise ExampleNotExpressible(
                f"'{where}' is a map, which the parser reads as a single "
                "value of the map's value type"
            )
        if field.cardinality == ast.FieldCardinality.REPEATED:
            if not isinstance(value, list):
                raise ExampleNotExpressible(f"'{where}' is not a list")
            return [
                self.value(field.type, scope, item, stack, f"{where}[{i}]")
                for i, item in enumerate(value)
            ]
        return self.value(field.type, scope, value, stack, where)

    def default(self, field: ast.Field | ast.MapField, scope: str, where: str) -> Any:
        if isinstance(field, ast.MapField):
            raise ExampleNotExpressible(
                f"'{where}' is a map, which the parser reads as a single "
                "value of the map's value type"
            )
        if field.cardinality == ast.FieldCardinality.REPEATED:
            return []
        if field.type in SCALARS:
            return {"string": "", "bytes": "", "bool": False}.get(field.type, 0)
        target = self._resolve(field.type, scope, where)
        node = self.index.definitions[target].node if target in self.index.definitions else None
        if isinstance(node, ast.Enum):
            return next(v.name for v in node.elements if isinstance(v, ast.EnumValue))
        raise ExampleNotExpressible(
            f"'{where}' is unset, and the parser requires the message field to be set"
        )

    def value(self, type_name: str, scope: str, value: Any, stack: list[str], where: str) -> Any:
        if type_name in SCALARS:
            return _scalar(type_name, value, where)
        target = self._resolve(type_name, scope, where)
        definition = self.index.definitions.get(target)
        if definition is None:
            return _well_known(target, value, where)
        if isinstance(definition.node, ast.Enum):
            return _enum(definition.node, value, where)
        return self.message(target, value, stack, where)

    def _resolve(self, name: str, scope: str, where: str) -> str:
        target = self.index.resolve(name, scope)
        if target is None:
            raise ExampleNotExpressible(f"the type of '{where}', '{name}', is not defined")
        return target


def _scalar(type_name: str, value: Any, where: str) -> Any:
    if type_name in _LIMITS:
        number = _integer(value, where)
        low, high = _LIMITS[type_name]
        if not low <= number <= high:
            raise ExampleNotExpressible(
                f"'{where}' is {number}, outside the range the parser "
                f"allows for {type_name} ({low} to {high})"
            )
        return number
    if type_name in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ExampleNotExpressible(f"'{where}' is not a number")
        if isinstance(value, str):
            try:
                real = float(value)
            except ValueError:
                raise ExampleNotExpressible(f"'{where}' is not a number") from None
            if real != real or real in (float("inf"), float("-inf")):
                raise ExampleNotExpressible(
                    f"'{where}' is {value}, which JSON numbers cannot express"
                )
            return int(real) if real.is_integer() and "." not in value else real
        return value
    if type_name == "bool":
        if not isinstance(value, bool):
            raise ExampleNotExpressible(f"'{where}' is not true or false")
        return value
    if not isinstance(value, str):
        raise ExampleNotExpressible(f"'{where}' is not a string")
    if type_name == "bytes":
        try:
            base64.b64decode(
                value + "=" * (-len(value) % 4),
                altchars=b"-_" if "-" in value or "_" in value else None,
                validate=True,
            )
        except (binascii.Error, ValueError):
            raise ExampleNotExpressible(f"'{where}' is not base64") from None
    return value


def _integer(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise ExampleNotExpressible(f"'{where}' is not an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    raise ExampleNotExpressible(f"'{where}' is not an integer")


def _enum(node: ast.Enum, value: Any, where: str) -> str:
    values = [v for v in node.elements if isinstance(v, ast.EnumValue)]
    if isinstance(value, str) and any(v.name == value for v in values):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        for candidate in values:
            if candidate.number == value:
                return candidate.name
    raise ExampleNotExpressible(f"'{where}' is {value!r}, which is not a value of {node.name}")


def _well_known(fullname: str, value: Any, where: str) -> Any:
    name = fullname.removeprefix("google.protobuf.")
    if name in WRAPPERS:
        return {"value": _scalar(WRAPPERS[name], value, where)}
    if name == "Timestamp":
        return _timestamp(value, where)
    if name == "Duration":
        match = _DURATION.match(value) if isinstance(value, str) else None
        if match is None:
            raise ExampleNotExpressible(f"'{where}' is not a duration such as '1.5s'")
        sign = -1 if match.group(1) else 1
        nanos = int((match.group(3) or "").ljust(9, "0"))
        return {"seconds": sign * int(match.group(2)), "nanos": sign * nanos}
    if name == "FieldMask":
        if not isinstance(value, str):
            raise ExampleNotExpressible(f"'{where}' is not a field mask")
        paths = [
            re.sub(r"[A-Z]", lambda m: "_" + m.group(0).lower(), p) for p in value.split(",") if p
        ]
        return {"paths": paths}
    if name == "Empty":
        if value != {}:
            raise ExampleNotExpressible(f"'{where}' is not an empty object")
        return {}
    raise ExampleNotExpressible(
        f"'{where}' is a {fullname}, which the parser reads by fields the JSON form does not show"
    )


def _timestamp(value: Any, where: str) -> dict[str, int]:
    match = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if match is None:
        raise ExampleNotExpressible(f"'{where}' is not an RFC 3339 timestamp")
    zone = "+00:00" if match.group(3).upper() == "Z" else match.group(3)
    try:
        moment = datetime.fromisoformat(match.group(1) + zone)
    except ValueError:
        raise ExampleNotExpressible(f"'{where}' is not an RFC 3339 timestamp") from None
    seconds = calendar.timegm(moment.utctimetuple())
    return {"seconds": seconds, "nanos": int((match.group(2) or "").ljust(9, "0"))}


def _fields(message: ast.Message) -> list[tuple[ast.Field | ast.MapField, bool, str | None]]:
    """Fields in order: whether the parser takes each as part of a real oneof (two fields or
    more), and the comment before it."""
    found: list[tuple[ast.Field | ast.MapField, bool, str | None]] = []
    for element, comment in with_comments(message.elements):
        if isinstance(element, (ast.Field, ast.MapField)):
            found.append((element, False, comment))
        elif isinstance(element, ast.OneOf):
            members = [
                (f, c) for f, c in with_comments(element.elements) if isinstance(f, ast.Field)
            ]
            found += [(f, len(members) > 1, c) for f, c in members]
    return found


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
