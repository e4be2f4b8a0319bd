"""Avro examples as AsyncAPI 2.6's official parser judges them.

In AsyncAPI 2.x the parser checks every example of a message with a ``schemaFormat`` against
the JSON Schema its schema parser derives (rule ``asyncapi2-message-examples-custom-format``);
3.x does not. ``@asyncapi/avro-schema-parser`` derives a JSON Schema that is stricter, and in
places other, than the Avro encoding itself:

- a union is a ``oneOf`` of its branches, so a value two branches accept (``1`` in
  ``["int", "long"]``, ``"x"`` in ``["string", Enum]``) is rejected;
- a named type referenced by name inside a union, an array or a map becomes an empty schema
  that accepts anything, so ``null`` in ``["null", "Status"]`` matches two branches;
- a field is required unless it has a default or its union names ``null``; a field whose type
  names an earlier type is required unless that type's schema has a default;
- ``int`` and ``long`` carry their ranges, ``bytes`` and ``fixed`` a pattern of one character
  per byte, a ``fixed`` its size, a string its ``logicalType`` as a checked ``format``
  (``uuid``); a record allows extra properties.

``parser_schema`` reproduces that reading (names cached as the parser caches them: under the
name and the type's own namespace, with no inheritance) so that the export can leave out, with
a warning, the examples the parser would reject. The test harness runs the parser on the same
schemas and examples to keep the two in step.
"""

from __future__ import annotations

from typing import Any

import jsonschema

JsonSchema = dict[str, Any]

_BYTES = "^[\u0000-\u00ff]*$"
_TYPES = {
    "null": "null",
    "boolean": "boolean",
    "int": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
    "bytes": "string",
    "string": "string",
    "fixed": "string",
    "map": "object",
    "array": "array",
    "enum": "string",
    "record": "object",
    "uuid": "string",
}
_RANGES = {"int": (-(2.0**31), 2.0**31 - 1), "long": (-(2.0**63), 2.0**63 - 1)}
_ATTRIBUTES = {
    "int": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "string": ("pattern", "minLength", "maxLength"),
    "array": ("minItems", "maxItems", "uniqueItems"),
}
# the parser checks the formats it knows (a string's logicalType becomes its format, "uuid"
# above all) and ignores others; jsonschema's checkers are the nearest match
_FORMATS = jsonschema.FormatChecker()
for _number in ("long", "float", "double"):
    _ATTRIBUTES[_number] = _ATTRIBUTES["int"]


def parser_schema(avro: Any) -> JsonSchema:
    """The JSON Schema the official Avro schema parser derives from the Avro schema ``avro``."""
    return _convert(avro, {})


def parser_rejection(avro: Any, example: Any) -> str | None:
    """Why the official parser rejects ``example`` of a payload with schema ``avro``, if it does."""
    validator = jsonschema.Draft7Validator(parser_schema(avro), format_checker=_FORMATS)
    error = jsonschema.exceptions.best_match(validator.iter_errors(example))
    if error is None:
        return None
    where = "/" + "/".join(str(part) for part in error.absolute_path)
    if error.validator == "oneOf":
        how = "several branches" if "valid under each of" in error.message else "no branch"
        return f"{where} matches {how} of its union"
    return f"{where}: {error.message}"


def _name(node: Any) -> str | None:
    """The parser's cache key of a named type: its name, with only its own namespace."""
    if not isinstance(node, dict) or not isinstance(node.get("name"), str):
        return None
    namespace = node.get("namespace")
    return f"{namespace}.{node['name']}" if namespace else node["name"]


def _convert(node: Any, cache: dict[str, JsonSchema]) -> JsonSchema:
    if isinstance(node, list):
        return _union(node, cache)
    kind = node.get("type") if isinstance(node, dict) else node
    kind = kind if isinstance(kind, str) else None  # {"type": {...}} is no type the parser knows
    schema: JsonSchema = {}
    if kind in _TYPES:
        schema["type"] = _TYPES[kind]
    if kind in _RANGES:
        schema["minimum"], schema["maximum"] = _RANGES[kind]
    elif kind == "bytes":
        schema["pattern"] = _BYTES
    elif kind == "fixed" and isinstance(node, dict):
        schema.update(pattern=_BYTES, minLength=node.get("size"), maxLength=node.get("size"))
    elif kind == "map" and isinstance(node, dict):
        schema["additionalProperties"] = _convert(node.get("values"), {})  # a fresh cache
    elif kind == "array" and isinstance(node, dict):
        schema["items"] = _convert(node.get("items"), {})
    elif kind == "enum" and isinstance(node, dict):
        schema["enum"] = node.get("symbols")
    elif kind in ("float", "double"):
        schema["format"] = kind
    elif kind == "record" and isinstance(node, dict):
        _record(node, schema, cache)
    elif kind not in _TYPES:
        # a name: the parser looks it up by the node's own name, which a reference lacks
        schema = cache.get(_name(node) or "", schema)
    if isinstance(node, dict):
        if "default" in node:
            schema["default"] = node["default"]
        _attributes(kind, node, schema)
    return schema


def _record(node: dict[str, Any], schema: JsonSchema, cache: dict[str, JsonSchema]) -> None:
    properties: dict[str, JsonSchema] = {}
    required: list[str] = []
    for field in node.get("fields") or ():
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            continue
        kind = field.get("type")
        cached = cache.get(kind) if isinstance(kind, str) else None
        if cached is not None:
            properties[field["name"]] = cached
            if "default" not in cached:
                required.append(field["name"])
            continue
        converted = _convert(kind, cache)
        nullable = isinstance(kind, list) and "null" in kind
        if not nullable and "default" not in field:
            required.append(field["name"])
        if "default" in field:
            converted["default"] = field["default"]
        _attributes(kind, field, converted)
        properties[field["name"]] = converted
        name = _name(kind)
        if name:
            cache[name] = converted
    if required:
        schema["required"] = required
    schema["properties"] = properties
    name = _name(node)
    if name:
        cache[name] = {}  # the parser caches the record's property map, read as no schema


def _union(branches: list[Any], cache: dict[str, JsonSchema]) -> JsonSchema:
    one_of, null = [], None
    for branch in branches:
        converted = _convert(branch, cache)
        kind = branch.get("type") if isinstance(branch, dict) else branch
        if kind == "null":
            null = converted  # the parser lists null last
            continue
        one_of.append(converted)
        name = _name(branch)
        if name:
            cache[name] = converted
    return {"oneOf": one_of + ([null] if null is not None else [])}


def _attributes(kind: Any, node: dict[str, Any], schema: JsonSchema) -> None:
    """Validation keywords the parser copies from an Avro node (or field) to its schema; for a
    union, to the first branch, and only the first non-null branch's type counts."""
    if isinstance(kind, list) and kind:
        kind = kind[1] if kind[0] == "null" and len(kind) > 1 else kind[0]
        schema = schema["oneOf"][0] if schema.get("oneOf") else schema
    if not isinstance(kind, str):
        return
    if kind == "string" and node.get("logicalType"):
        schema["format"] = node["logicalType"]
    for keyword in _ATTRIBUTES.get(kind, ()):
        value = node.get(keyword)
        if value is None:
            continue
        if keyword in ("minLength", "maxLength") and not value > -1:
            continue
        if keyword == "multipleOf" and not value > 0:
            continue
        schema[keyword] = value
