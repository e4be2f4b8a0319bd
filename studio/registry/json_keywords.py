"""JSON Schema keywords compared one at a time, for ``json_compat``'s walk.

The walk in ``json_compat`` pairs the subschemas of two versions; what one pair's keywords
mean is decided here: numbers and their limits (``multipleOf``, minimum/maximum, lengths, item
and property counts, each with whether a larger value is looser), ``pattern``, ``enum``, and
how a schema node reads (open or closed content models, partial schemas for undeclared
properties, tuple items, dependencies, defaults). Values are compared in a canonical form so
that ``1`` and ``1.0`` are equal, as in Confluent's Java.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.registry.json_view import View

Path = tuple[str | int, ...]
Diff = tuple[Path, str, dict[str, Any]]

# (keyword, rule prefix, whether a larger value is looser)
STRING_LIMITS = (("maxLength", "MAX_LENGTH", True), ("minLength", "MIN_LENGTH", False))
NUMBER_LIMITS = (
    ("maximum", "MAXIMUM", True),
    ("minimum", "MINIMUM", False),
    ("exclusiveMaximum", "EXCLUSIVE_MAXIMUM", True),
    ("exclusiveMinimum", "EXCLUSIVE_MINIMUM", False),
)
OBJECT_LIMITS = (
    ("maxProperties", "MAX_PROPERTIES", True),
    ("minProperties", "MIN_PROPERTIES", False),
)
ARRAY_LIMITS = (("maxItems", "MAX_ITEMS", True), ("minItems", "MIN_ITEMS", False))


def number_diffs(original: View, update: View) -> list[Diff]:
    diffs = limit_diffs(original.raw, update.raw, NUMBER_LIMITS)
    before, after = _decimal(original.raw.get("multipleOf")), _decimal(update.raw.get("multipleOf"))
    if before != after and after is not None:
        at: Path = ("multipleOf",)
        info = {"old": original.raw.get("multipleOf"), "new": update.raw.get("multipleOf")}
        if before is None:
            diffs.append((at, "MULTIPLE_OF_ADDED", info))
        elif before and after % before == 0:
            diffs.append((at, "MULTIPLE_OF_EXPANDED", info))
        elif not (after and before % after == 0):  # a divisor of the old one is looser
            diffs.append((at, "MULTIPLE_OF_CHANGED", info))
    if update.integer and not original.integer:
        diffs.append(((), "TYPE_NARROWED", {"old": "number", "new": "integer"}))
    return diffs


def limit_diffs(
    old: dict[str, Any], new: dict[str, Any], limits: tuple[tuple[str, str, bool], ...]
) -> list[Diff]:
    diffs: list[Diff] = []
    for keyword, rule, larger_is_looser in limits:
        before, after = _number_value(old.get(keyword)), _number_value(new.get(keyword))
        if after is None or before == after:
            continue  # removed or unchanged: compatible
        info = {"keyword": keyword, "old": before, "new": after}
        if before is None:
            diffs.append(((keyword,), f"{rule}_ADDED", info))
        elif (after < before) == larger_is_looser:
            diffs.append(
                ((keyword,), f"{rule}_{'DECREASED' if after < before else 'INCREASED'}", info)
            )
    return diffs


def pattern_diffs(before: Any, after: Any) -> list[Diff]:
    if not isinstance(after, str) or before == after:
        return []
    rule = "PATTERN_ADDED" if not isinstance(before, str) else "PATTERN_CHANGED"
    return [(("pattern",), rule, {"old": before, "new": after})]


def enum_diffs(before: Any, after: Any) -> list[Diff]:
    old = {canonical(v): v for v in before} if isinstance(before, list) else {}
    new = {canonical(v): v for v in after} if isinstance(after, list) else {}
    if old.keys() == new.keys() or new.keys() >= old.keys():
        return []  # ENUM_ARRAY_EXTENDED is compatible
    removed = [old[k] for k in old if k not in new]
    rule = "ENUM_ARRAY_NARROWED" if new.keys() <= old.keys() else "ENUM_ARRAY_CHANGED"
    return [(("enum",), rule, {"removed": removed})]


def is_open(node: dict[str, Any], keyword: str, patterns: str) -> bool:
    return not node.get(patterns) and node.get(keyword, True) is True


def items_open(additional: Any) -> bool:
    return additional is None or additional is True


def partial_schema(node: dict[str, Any], name: str) -> Any:
    """The schema a partially open model gives an undeclared property, or None."""
    for pattern, schema in mapping_of(node.get("patternProperties")).items():
        try:
            if re.search(pattern, name):
                return schema
        except re.error:
            continue  # an ECMA-262 construct Python lacks: treat as not matching
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def items_of(node: dict[str, Any]) -> tuple[Any, list[Any], Any]:
    """(schema for all items, tuple item schemas, additional items) in any draft."""
    items = node.get("items")
    if isinstance(node.get("prefixItems"), list):  # 2020-12: items means "the rest"
        return None, node["prefixItems"], items
    if isinstance(items, list):
        return None, items, node.get("additionalItems")
    return items, [], node.get("additionalItems")


def dependency_maps(node: dict[str, Any]) -> tuple[dict[str, frozenset[str]], dict[str, Any]]:
    arrays: dict[str, frozenset[str]] = {}
    schemas: dict[str, Any] = {}
    for keyword in ("dependencies", "dependentRequired", "dependentSchemas"):
        for name, value in mapping_of(node.get(keyword)).items():
            if isinstance(value, list):
                arrays[name] = frozenset(v for v in value if isinstance(v, str))
            else:
                schemas[name] = value
    return arrays, schemas


def mapping_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def names_of(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def has_default(schema: Any) -> bool:
    return isinstance(schema, dict) and "default" in schema


def _number_value(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _decimal(value: Any) -> Decimal | None:
    if _number_value(value) is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
