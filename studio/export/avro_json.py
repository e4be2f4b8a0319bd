"""Avro schemas as JSON Schema, for OpenAPI documents and for checking JSON examples.

The JSON Schema describes the natural JSON form of an Avro datum, the form the samples'
examples and evented APIs' webhook deliveries use: a record is an object whose fields without
a default are required, a union with ``null`` is nullable (``type: [string, "null"]`` or
``anyOf`` with ``{type: "null"}``), an enum is a string enum, an array and a map are an array and
an object. A logical type is true to its encoding: the JSON type and format stay those of the
underlying type (an Avro ``date`` is an int32 count of days, a ``timestamp-millis`` an int64),
and the logical type with its parameters is kept as ``x-avro-logicalType``,
``x-avro-precision``, ``x-avro-scale``. Only where a JSON Schema format says the same thing as
the logical type (``uuid`` on a string) is it the ``format``. A ``fixed`` is a string of exactly
``size`` characters (Avro's JSON encoding writes one character per byte). Plain numbers get the
OpenAPI formats int32, int64, float and double. ``doc`` becomes ``description`` and a record's
or enum's name its ``title``.

Named types (record, enum, fixed) used once are inlined where they are defined; a named type
used again, or recursively, goes to ``$defs`` under its full name and is referenced with
``$ref``. Named types defined in other subjects (registry ``references``) are passed in as
their parsed schemas. No library converts Avro to JSON Schema; the ``avro`` package only
parses and serialises, so this small walker is hand-written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from studio.export.named_types import NamedTypes

JsonSchema = dict[str, Any]

_PRIMITIVES: dict[str, JsonSchema] = {
    "null": {"type": "null"},
    "boolean": {"type": "boolean"},
    "int": {"type": "integer", "format": "int32"},
    "long": {"type": "integer", "format": "int64"},
    "float": {"type": "number", "format": "float"},
    "double": {"type": "number", "format": "double"},
    "bytes": {"type": "string"},
    "string": {"type": "string"},
}
_NAMED = ("record", "error", "enum", "fixed")


class AvroConversionError(ValueError):
    """The Avro schema is malformed in a way that leaves no sensible JSON Schema."""


def avro_to_json_schema(
    schema: Any, referenced: Iterable[Any] = ()
) -> tuple[JsonSchema, list[str]]:
    """The JSON Schema of a parsed Avro schema, and warnings about what could not be mapped.

    ``referenced`` holds the parsed schemas of the subjects this one references; their named
    types can be used by name. Raises AvroConversionError for a malformed schema.
    """
    converter = _Converter()
    for other in referenced:
        converter.index(other, None)
    root = converter.convert(schema, None)
    return converter.finish(root), converter.warnings


class _Converter(NamedTypes):
    def __init__(self) -> None:
        super().__init__()
        # named types of referenced subjects, converted when first used
        self.pending: dict[str, tuple[dict[str, Any], str | None]] = {}
        self.warnings: list[str] = []

    def index(self, node: Any, namespace: str | None) -> None:
        """Remember the named types in a referenced schema without converting them yet."""
        if isinstance(node, list):
            for branch in node:
                self.index(branch, namespace)
        elif isinstance(node, dict):
            kind = node.get("type")
            if kind in _NAMED and isinstance(node.get("name"), str):
                fullname, inner = _full_name(node, namespace)
                self.pending.setdefault(fullname, (node, namespace))
                namespace = inner
            for field in node.get("fields") or ():
                if isinstance(field, dict):
                    self.index(field.get("type"), namespace)
            for key in ("items", "values"):
                self.index(node.get(key), namespace)
            if isinstance(kind, (dict, list)):
                self.index(kind, namespace)

    def convert(self, node: Any, namespace: str | None) -> JsonSchema:
        if isinstance(node, str):
            if node in _PRIMITIVES:
                return dict(_PRIMITIVES[node])
            return self._use(node, namespace)
        if isinstance(node, list):
            return self._union(node, namespace)
        if not isinstance(node, dict):
            raise AvroConversionError(f"{node!r} is not an Avro schema")
        kind = node.get("type")
        if kind in _NAMED:
            return self._define(node, namespace)
        if kind == "array":
            return {"type": "array", "items": self.convert(_required(node, "items"), namespace)}
        if kind == "map":
            return {
                "type": "object",
                "additionalProperties": self.convert(_required(node, "values"), namespace),
            }
        if isinstance(kind, str) and kind in _PRIMITIVES:
            return _logical(dict(_PRIMITIVES[kind]), node)
        if isinstance(kind, (str, dict, list)):
            return self.convert(kind, namespace)
        raise AvroConversionError(f"an Avro schema object needs a 'type', got {node!r}")

    def _define(self, node: dict[str, Any], namespace: str | None) -> JsonSchema:
        if not isinstance(node.get("name"), str):
            raise AvroConversionError(f"an Avro {node['type']} needs a 'name'")
        fullname, inner = _full_name(node, namespace)
        if fullname in self.defs:
            raise AvroConversionError(f"the Avro type {fullname} is defined twice")
        self.pending.pop(fullname, None)
        site = self.site(fullname)
        self.defs[fullname] = {}  # defined before the body, so the body can refer to itself
        body: JsonSchema = {
            "type": "object" if node["type"] in ("record", "error") else "string",
            "title": node["name"].rsplit(".", 1)[-1],
        }
        if isinstance(node.get("doc"), str):
            body["description"] = node["doc"]
        if node["type"] == "enum":
            body["enum"] = list(_required(node, "symbols"))
        elif node["type"] == "fixed":
            size = _required(node, "size")
            if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
                body["minLength"] = body["maxLength"] = size
            body = _logical(body, node)
        else:
            body.update(self._record(node, inner))
        self.defs[fullname] = body
        return site

    def _record(self, node: dict[str, Any], namespace: str | None) -> JsonSchema:
        properties: dict[str, JsonSchema] = {}
        required: list[str] = []
        for field in _required(node, "fields"):
            if not isinstance(field, dict) or not isinstance(field.get("name"), str):
                raise AvroConversionError(f"record {node['name']} has a field without a name")
            schema = self.convert(_required(field, "type"), namespace)
            if isinstance(field.get("doc"), str):
                schema["description"] = field["doc"]
            if "default" in field:
                schema["default"] = field["default"]
            else:
                required.append(field["name"])
            properties[field["name"]] = schema
        body: JsonSchema = {"properties": properties}
        if required:
            body["required"] = required
        return body

    def _use(self, name: str, namespace: str | None) -> JsonSchema:
        candidates = [name] if "." in name or not namespace else [f"{namespace}.{name}", name]
        for fullname in candidates:
            if fullname in self.defs:
                return self.site(fullname)
            if fullname in self.pending:
                definition, outer = self.pending[fullname]
                return self._define(definition, outer)
        self.warnings.append(
            f"the Avro type '{name}' is not defined here or in a referenced "
            "subject; it is described as any value"
        )
        return {}

    def _union(self, branches: list[Any], namespace: str | None) -> JsonSchema:
        if not branches:
            raise AvroConversionError("an Avro union needs at least one branch")
        converted = [self.convert(branch, namespace) for branch in branches]
        others = [schema for schema in converted if schema != {"type": "null"}]
        nullable = len(others) < len(converted)
        if not nullable:
            return converted[0] if len(converted) == 1 else {"anyOf": converted}
        if len(others) == 1 and isinstance(others[0].get("type"), str):
            schema = dict(others[0])
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
            return schema
        return {"anyOf": [*others, {"type": "null"}]}


# logical types that a JSON Schema format describes exactly, on the JSON type they annotate
_FORMATS = {("uuid", "string"): "uuid"}


def _logical(schema: JsonSchema, node: dict[str, Any]) -> JsonSchema:
    """``schema`` of an Avro type, with the logical type ``node`` names kept truthfully."""
    logical = node.get("logicalType")
    if not isinstance(logical, str):
        return schema
    same = _FORMATS.get((logical, str(schema.get("type"))))
    if same:
        schema["format"] = same
    schema["x-avro-logicalType"] = logical
    for key in ("precision", "scale"):
        if isinstance(node.get(key), int) and not isinstance(node.get(key), bool):
            schema[f"x-avro-{key}"] = node[key]
    return schema


def _full_name(node: dict[str, Any], namespace: str | None) -> tuple[str, str | None]:
    """The full name of a named type and the namespace its members resolve names in."""
    name: str = node["name"]
    if "." in name:
        return name, name.rsplit(".", 1)[0]
    own = node.get("namespace")
    space = own if isinstance(own, str) else namespace
    return (f"{space}.{name}" if space else name), space or None


def _required(node: dict[str, Any], key: str) -> Any:
    if key not in node:
        raise AvroConversionError(f"an Avro {node.get('type', 'schema')} needs '{key}'")
    return node[key]
