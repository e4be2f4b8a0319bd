"""Schemas and examples made readable: indented text, and a table of a payload's fields.

Registry schemas are kept byte-for-byte, which for Avro and JSON Schema usually means one long
line; the portal shows them indented (parsed and re-dumped for display only, never written
back). Protobuf is already laid out by its author and is shown as it is. The field table comes
from the exporter's JSON Schema view of a payload (``SchemaResolver.view``), so Avro, Protobuf
and JSON Schema payloads all read the same way: name, type, required, description.

Everything here returns plain text; escaping is the templates' job (autoescape).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from studio.export.schemas import JsonView

MAX_TEXT = 200_000  # characters of one schema or example shown; a page must stay openable


@dataclass(frozen=True, slots=True)
class Field:
    """One top-level property of a payload."""

    name: str
    type: str
    required: bool
    description: str


def schema_text(text: str, schema_type: str) -> str:
    """A registry schema as people read it: JSON indented, Protobuf unchanged."""
    if schema_type in ("AVRO", "JSON"):
        try:
            return _cut(json.dumps(json.loads(text), indent=2, ensure_ascii=False))
        except ValueError:
            pass  # a broken schema is shown as written; validate reports it
    return _cut(text)


def data_text(value: Any) -> str:
    """An inline schema, an example or bindings as indented JSON."""
    try:
        return _cut(json.dumps(value, indent=2, ensure_ascii=False, default=str))
    except ValueError:  # a circular structure cannot come from YAML; be safe anyway
        return _cut(repr(value))


def fields_of(view: JsonView | None) -> list[Field]:
    """The properties of the payload's root object, in schema order; [] when not an object."""
    if view is None:
        return []
    root = _follow(view.root, view)
    properties = root.get("properties")
    if not isinstance(properties, dict):
        return []
    required = root.get("required")
    required_names = set(required) if isinstance(required, list) else set()
    fields = []
    for name, prop in properties.items():
        prop = prop if isinstance(prop, dict) else {}
        description = prop.get("description", "")
        fields.append(
            Field(
                str(name),
                type_label(prop, view),
                name in required_names,
                description if isinstance(description, str) else "",
            )
        )
    return fields


def type_label(node: Any, view: JsonView | None = None, depth: int = 0) -> str:
    """A short human label for a JSON Schema node: ``string (email)``, ``array of Money``."""
    if not isinstance(node, dict) or depth > 4:
        return "any"
    ref = node.get("$ref")
    if isinstance(ref, str):
        return ref.rsplit("/", 1)[-1]
    if "const" in node:
        return f"const {json.dumps(node['const'], ensure_ascii=False)}"
    if isinstance(node.get("enum"), list):
        values = [str(v) for v in node["enum"][:8]]
        more = " | …" if len(node["enum"]) > 8 else ""
        return "one of " + " | ".join(values) + more
    for combiner in ("oneOf", "anyOf"):
        options = node.get(combiner)
        if isinstance(options, list) and options:
            return " or ".join(type_label(o, view, depth + 1) for o in options[:4])
    kinds = node.get("type")
    names = [kinds] if isinstance(kinds, str) else [k for k in kinds or () if isinstance(k, str)]
    labels = []
    for kind in names:
        if kind == "array":
            labels.append(f"array of {type_label(node.get('items'), view, depth + 1)}")
        elif (
            kind == "object"
            and isinstance(node.get("additionalProperties"), dict)
            and not node.get("properties")
        ):
            labels.append(f"map of {type_label(node['additionalProperties'], view, depth + 1)}")
        else:
            labels.append(kind)
    label = " or ".join(labels) if labels else ("object" if "properties" in node else "any")
    fmt = node.get("format")
    return f"{label} ({fmt})" if isinstance(fmt, str) else label


def _follow(node: dict[str, Any], view: JsonView) -> dict[str, Any]:
    """The node a root ``$ref`` into the view's ``$defs`` stands for (a few hops at most)."""
    for _ in range(4):
        ref = node.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/$defs/")):
            break
        target = view.defs.get(ref.removeprefix("#/$defs/"))
        if not isinstance(target, dict):
            break
        node = target
    return node


def _cut(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT] + f"\n… ({len(text) - MAX_TEXT:,} more characters not shown)"
