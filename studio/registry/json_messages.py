"""Words for JSON Schema differences: a readable path and one sentence per Confluent type.

Confluent reports ``#/properties/address/properties/zip`` and a difference type; people
reading a CI log need ``CustomerChanged.address.zip`` and what breaks for a consumer. Each
sentence names the reader and the writer schema (``v3``, ``the candidate``) and ends on the
consequence: documents one schema accepts fail validation against the other.
"""

from __future__ import annotations

import json
from typing import Any

from studio.registry.breaks import Break, Roles, sentence

_TAIL = ", so documents that {W} accepts can fail validation against {R}"
_LIMIT_NAMES = {
    "maxLength": "maxLength",
    "minLength": "minLength",
    "maximum": "maximum",
    "minimum": "minimum",
    "exclusiveMaximum": "exclusiveMaximum",
    "exclusiveMinimum": "exclusiveMinimum",
    "maxItems": "maxItems",
    "minItems": "minItems",
    "maxProperties": "maxProperties",
    "minProperties": "minProperties",
}

_TEMPLATES = {
    "TYPE_CHANGED": "'{at}' is {old} in {W} but {new} in {R}" + _TAIL,
    "TYPE_NARROWED": "'{at}' is any number in {W} but only an integer in {R}" + _TAIL,
    "SCHEMA_ADDED": "{R} has a schema at '{at}' where {W} has none" + _TAIL,
    "PATTERN_ADDED": "{R} has the pattern {new} at '{at}' where {W} has none" + _TAIL,
    "PATTERN_CHANGED": "{R} has the pattern {new} at '{at}' where {W} has {old}" + _TAIL,
    "MULTIPLE_OF_ADDED": "{R} has multipleOf {new} at '{at}' where {W} has none" + _TAIL,
    "MULTIPLE_OF_EXPANDED": "{R} has multipleOf {new} at '{at}' where {W} has {old}" + _TAIL,
    "MULTIPLE_OF_CHANGED": "{R} has multipleOf {new} at '{at}' where {W} has {old}" + _TAIL,
    "REQUIRED_ATTRIBUTE_ADDED": (
        "{R} requires property '{at}', which has no default and which "
        "{W} lets documents leave out" + _TAIL
    ),
    "DEPENDENCY_ARRAY_ADDED": (
        "{R} has dependencies for property '{name}' that {W} does not have" + _TAIL
    ),
    "DEPENDENCY_ARRAY_EXTENDED": (
        "{R} has more dependencies for property '{name}' than {W}" + _TAIL
    ),
    "DEPENDENCY_ARRAY_CHANGED": (
        "{R} has other dependencies for property '{name}' than {W}" + _TAIL
    ),
    "DEPENDENCY_SCHEMA_ADDED": (
        "{R} has a dependency schema for property '{name}' that {W} does not have" + _TAIL
    ),
    "ADDITIONAL_PROPERTIES_REMOVED": (
        "{R} allows no undeclared properties at '{at}', which {W} allows" + _TAIL
    ),
    "ADDITIONAL_PROPERTIES_NARROWED": (
        "{R} has a schema for the undeclared properties at "
        "'{at}', which {W} allows with any value" + _TAIL
    ),
    "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL": (
        "{R} declares property '{at}' that {W} does not, and {W} has an open content model, so "
        "documents from {W} may carry '{name}' with a value {R} rejects"
    ),
    "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL": (
        "{R} requires property '{at}' that {W} does not declare, and {W} has an open content "
        "model, so documents from {W} may lack '{name}' or carry a value {R} rejects"
    ),
    "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL": (
        "{R} requires property '{at}' that {W} does not declare, and {W} has an open content "
        "model, so documents from {W} may carry '{name}' with a value {R} rejects"
    ),
    "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL": (
        "{R} requires property '{at}' without a default, and {W} does not declare it, so no "
        "document from {W} validates against {R}"
    ),
    "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL": (
        "{R} does not declare property '{at}' and allows no undeclared properties, so "
        "documents from {W} that carry '{name}' fail validation against {R}"
    ),
    "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL": (
        "{R} does not declare property '{at}', and its schema for undeclared properties does "
        "not accept every value {W} allows there" + _TAIL
    ),
    "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL": (
        "{R} declares property '{at}' with a narrower schema than {W} gives it as an "
        "undeclared property" + _TAIL
    ),
    "UNIQUE_ITEMS_ADDED": "{R} requires unique items at '{at}' and {W} does not" + _TAIL,
    "ADDITIONAL_ITEMS_REMOVED": (
        "{R} allows no items beyond its tuple at '{at}', which {W} allows" + _TAIL
    ),
    "ADDITIONAL_ITEMS_NARROWED": (
        "{R} has a schema for the items beyond its tuple at '{at}', "
        "which {W} allows with any value" + _TAIL
    ),
    "ITEM_ADDED_TO_OPEN_CONTENT_MODEL": (
        "{R} has tuple item '{at}' where {W} allows any extra item" + _TAIL
    ),
    "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL": (
        "{R} has no tuple item '{at}' and allows no extra items, where {W} has that item" + _TAIL
    ),
    "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL": (
        "{R} has no tuple item '{at}', and its schema for extra items does not accept what {W} "
        "allows there" + _TAIL
    ),
    "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL": (
        "{R} has tuple item '{at}' with a narrower schema than {W} gives extra items" + _TAIL
    ),
    "ENUM_ARRAY_NARROWED": "{R} does not allow {removed} at '{at}', which {W} allows" + _TAIL,
    "ENUM_ARRAY_CHANGED": "{R} allows other values at '{at}' than {W}" + _TAIL,
    "COMBINED_TYPE_CHANGED": (
        "'{at}' combines its schemas with {old} in {W} but with {new} in {R}" + _TAIL
    ),
    "PRODUCT_TYPE_EXTENDED": "{R} has more schemas in the allOf at '{at}' than {W}" + _TAIL,
    "SUM_TYPE_NARROWED": (
        "{R} has fewer alternatives in the {criterion} at '{at}' than {W}" + _TAIL
    ),
    "COMBINED_TYPE_SUBSCHEMAS_CHANGED": (
        "the alternatives at '{at}' in {R} do not cover those of {W}" + _TAIL
    ),
    "NOT_TYPE_EXTENDED": "{R} excludes more values with 'not' at '{at}' than {W}" + _TAIL,
}


def describe_break(
    label: str, path: tuple[str | int, ...], rule: str, info: dict[str, Any], roles: Roles
) -> Break:
    at = render_path(label, path)
    values = {
        "R": roles.reader,
        "W": roles.writer,
        "at": at,
        "name": info.get("name", ""),
        "criterion": info.get("criterion", ""),
        "old": _show(info.get("old")),
        "new": _show(info.get("new")),
        "removed": ", ".join(_show(v) for v in info.get("removed", ())),
    }
    template = _TEMPLATES.get(rule) or _limit_template(rule, info)
    return Break(at, rule, sentence(template.format(**values)) + ".")


def _limit_template(rule: str, info: dict[str, Any]) -> str:
    keyword = _LIMIT_NAMES.get(info.get("keyword", ""), "a limit")
    if rule.endswith("_ADDED"):
        return f"{{R}} has {keyword} {{new}} at '{{at}}' where {{W}} has none" + _TAIL
    return f"{{R}} has {keyword} {{new}} at '{{at}}' where {{W}} has {{old}}" + _TAIL


def render_path(label: str, path: tuple[str | int, ...]) -> str:
    """``("properties", "address", "properties", "zip")`` under ``Customer`` reads
    ``Customer.address.zip``; array items read ``[]``, tuple items ``[0]``."""
    out = label
    index = 0
    while index < len(path):
        segment = path[index]
        following = path[index + 1] if index + 1 < len(path) else None
        if segment in ("properties", "required") and isinstance(following, str):
            out += f".{following}"
            index += 2
            continue
        if segment == "items":
            out += f"[{following}]" if isinstance(following, int) else "[]"
            index += 2 if isinstance(following, int) else 1
            continue
        out += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
        index += 1
    return out


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return value if value.isidentifier() or " " in value else json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if not isinstance(value, (int, float)) else str(value)
