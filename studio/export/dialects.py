"""JSON Schema in the dialect each target document speaks.

The schema views are draft-07 JSON Schema, which is what AsyncAPI Schema Objects extend, so
AsyncAPI takes them as they are. OpenAPI 3.1 speaks JSON Schema 2020-12: tuple ``items`` become
``prefixItems`` and ``dependencies`` splits into ``dependentRequired``/``dependentSchemas``.
OpenAPI 3.0 has its own subset (the Schema Object): one ``type`` plus ``nullable``, ``enum``
instead of ``const``, one ``example``, boolean ``exclusiveMinimum``, ``allOf`` around a ``$ref``
that has siblings (which 3.0 would ignore), ``format: byte`` for base64 content; keywords it
lacks (``if``, ``patternProperties``, ``propertyNames``, ...) are dropped with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from studio.export.subschemas import SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS

JsonSchema = dict[str, Any]

# What an OpenAPI 3.0 Schema Object may hold besides x- extensions.
_OAS30 = frozenset(
    (
        "title",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "enum",
        "type",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "items",
        "properties",
        "additionalProperties",
        "description",
        "format",
        "default",
        "nullable",
        "discriminator",
        "readOnly",
        "writeOnly",
        "xml",
        "externalDocs",
        "example",
        "deprecated",
        "$ref",
    )
)
_SILENTLY_DROPPED = frozenset(("$comment", "contentMediaType", "additionalItems"))


def map_schema(schema: Any, change: Callable[[JsonSchema], JsonSchema]) -> Any:
    """A copy of ``schema`` with ``change`` applied to every subschema, innermost first."""
    if not isinstance(schema, dict):
        return schema
    out: JsonSchema = {}
    for key, value in schema.items():
        if key in SUBSCHEMA and isinstance(value, dict):
            out[key] = map_schema(value, change)
        elif key in SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [map_schema(item, change) for item in value]
        elif key in SUBSCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: map_schema(item, change) for name, item in value.items()}
        else:
            out[key] = value
    return change(out)


def to_openapi31(schema: JsonSchema) -> JsonSchema:
    """Draft-07 forms rewritten as JSON Schema 2020-12."""
    return map_schema(schema, _draft07_to_2020)  # type: ignore[no-any-return]


def _draft07_to_2020(schema: JsonSchema) -> JsonSchema:
    if isinstance(schema.get("items"), list):
        schema = {**schema, "prefixItems": schema["items"]}
        del schema["items"]
        if "additionalItems" in schema:
            schema["items"] = schema.pop("additionalItems")
    if isinstance(schema.get("dependencies"), dict):
        schema = dict(schema)
        for name, dependency in schema.pop("dependencies").items():
            kind = "dependentRequired" if isinstance(dependency, list) else "dependentSchemas"
            schema.setdefault(kind, {})[name] = dependency
    return schema


def to_openapi30(
    schema: JsonSchema, ref_types: Mapping[str, str] = {}
) -> tuple[JsonSchema, list[str]]:
    """The OpenAPI 3.0 Schema Object closest to ``schema``, and what had to be dropped.
    ``ref_types`` gives the ``type`` of the schemas that ``$ref``s name, by reference."""
    dropped: set[str] = set()

    def change(node: JsonSchema) -> JsonSchema:
        return _to_oas30(node, dropped, ref_types)

    converted = map_schema(schema, change)
    warnings = [f"OpenAPI 3.0 has no '{keyword}'; it is left out" for keyword in sorted(dropped)]
    return converted, warnings


def _to_oas30(node: JsonSchema, dropped: set[str], ref_types: Mapping[str, str]) -> JsonSchema:
    out: JsonSchema = {}
    nullable = False
    for key, value in node.items():
        if key == "type" and isinstance(value, list):
            types = [t for t in value if t != "null"]
            nullable = nullable or len(types) < len(value)
            if len(types) == 1:
                out["type"] = types[0]
            elif types:
                out["anyOf"] = [{"type": t} for t in types]
        elif key == "type" and value == "null":
            nullable = True
            out["enum"] = [None]
        elif key == "const":
            out["enum"] = [value]
        elif key == "examples" and isinstance(value, list):
            if value:
                out["example"] = value[0]
        elif key in ("exclusiveMinimum", "exclusiveMaximum") and not isinstance(value, bool):
            out["minimum" if key == "exclusiveMinimum" else "maximum"] = value
            out[key] = True
        elif key == "contentEncoding":
            if value == "base64":
                out["format"] = "byte"
        elif key in ("anyOf", "oneOf") and isinstance(value, list):
            branches = [b for b in value if not _is_null(b)]
            nullable = nullable or len(branches) < len(value)
            if len(branches) == 1:
                out["allOf"] = [*out.get("allOf", ()), branches[0]]
            elif branches:
                out[key] = branches
        elif key == "items" and isinstance(value, list):
            dropped.add("items as a list (tuple validation)")
            out["items"] = {}
        elif key == "prefixItems":
            dropped.add(key)
            out.setdefault("items", {})
        elif key in _OAS30 or key.startswith("x-"):
            out[key] = value
        elif key not in _SILENTLY_DROPPED:
            dropped.add(key)
    if out.get("type") == "array" and "items" not in out:
        out["items"] = {}
    if nullable:
        out = _nullable30(out, ref_types)
    if "$ref" in out and len(out) > 1:
        # 3.0 ignores everything beside a $ref: keep it in an allOf so the rest counts
        out = {"allOf": [{"$ref": out.pop("$ref")}, *out.pop("allOf", ())], **out}
    if list(out) == ["allOf"] and len(out["allOf"]) == 1:
        return out["allOf"][0]  # type: ignore[no-any-return]
    return out


def _nullable30(out: JsonSchema, ref_types: Mapping[str, str]) -> JsonSchema:
    """``out`` that also accepts null. OpenAPI 3.0.3 honours ``nullable`` only beside a
    ``type``, and null must still pass every ``allOf`` branch and be in ``enum``: a lone
    inline branch is merged into its node; otherwise null gets a branch of its own."""
    if out.get("enum") == [None] and not set(out) & {"allOf", "anyOf", "oneOf", "$ref"}:
        return {"type": "object", **out, "nullable": True}  # null alone (Avro "null")
    branches = out.get("allOf")
    if (
        "type" not in out
        and isinstance(branches, list)
        and len(branches) == 1
        and "$ref" not in branches[0]
        and not set(branches[0]) & (set(out) - {"allOf"})
    ):
        out = {**branches[0], **{k: v for k, v in out.items() if k != "allOf"}}
    if "type" in out and "allOf" not in out:
        out["nullable"] = True
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    choices = out.pop("allOf", None) or out.pop("anyOf", None) or out.pop("oneOf", None) or []
    if "$ref" in out:
        choices = [{"$ref": out.pop("$ref")}, *choices]
    if "type" in out:  # the node's own keywords apply to the non-null value
        choices = [{k: out.pop(k) for k in list(out) if k in _VALUE_KEYWORDS}, *choices]
    kind = next(
        (_branch_type(b, ref_types) for b in choices if _branch_type(b, ref_types)), "object"
    )
    return {"anyOf": [*choices, {"type": kind, "nullable": True, "enum": [None]}], **out}


# keywords that constrain a value (they move into the non-null branch); the rest (description,
# default, example, title, x-...) describe the whole node
_VALUE_KEYWORDS = frozenset(
    _OAS30
    - {
        "title",
        "description",
        "default",
        "example",
        "deprecated",
        "externalDocs",
        "readOnly",
        "writeOnly",
        "xml",
        "nullable",
    }
)


def _branch_type(branch: JsonSchema, ref_types: Mapping[str, str]) -> str | None:
    kind = branch.get("type")
    if isinstance(kind, str):
        return kind
    return ref_types.get(branch.get("$ref", ""))


def _is_null(schema: Any) -> bool:
    # branches are converted first, so {"type": "null"} arrives as the null-only schema
    return schema == {"type": "null"} or (
        isinstance(schema, dict) and schema.get("enum") == [None] and schema.get("nullable") is True
    )
