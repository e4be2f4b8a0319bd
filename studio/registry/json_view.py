"""JSON Schema nodes seen the way Confluent's checker sees them (the everit library's model).

Confluent compares JSON Schemas after everit has loaded them into typed schema objects, and
its verdicts depend on that shape: ``{"type": "string", "enum": [...]}`` is an ``allOf`` of a
string schema and an enum schema, ``{"type": ["string", "null"]}`` an ``anyOf`` of two typed
schemas, ``$ref`` is followed, ``true`` and ``{}`` accept anything. ``Views.of`` builds that
shape lazily from the raw JSON, one ``View`` per node and document, cached for one comparison
so that the diff can memoise pairs by identity (recursive schemas terminate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.registry.json_format import JsonDocument

# kinds; two views compare only when their kinds match (everit's class check)
EMPTY, FALSE, BOOLEAN, NULL = "empty", "false", "boolean", "null"
STRING, NUMBER, OBJECT, ARRAY = "string", "number", "object", "array"
ENUM, CONST, COMBINED, NOT, CONDITIONAL = "enum", "const", "combined", "not", "conditional"

_TYPES = {
    "string": STRING,
    "integer": NUMBER,
    "number": NUMBER,
    "boolean": BOOLEAN,
    "null": NULL,
    "object": OBJECT,
    "array": ARRAY,
}
# keywords that imply a type when "type" is absent (everit's property sniffing), in its order
_SNIFFED = (
    (
        OBJECT,
        (
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "dependencies",
            "patternProperties",
            "propertyNames",
            "dependentRequired",
            "dependentSchemas",
        ),
    ),
    (
        ARRAY,
        (
            "items",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "prefixItems",
        ),
    ),
    (STRING, ("minLength", "maxLength", "pattern")),
    (NUMBER, ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")),
)
CRITERIA = ("allOf", "anyOf", "oneOf")


@dataclass(eq=False)
class View:
    """One node as a typed schema. ``subs`` holds a combined view's alternatives; those of
    an ``allOf``/``anyOf``/``oneOf`` are viewed on first use, because a ``$ref`` among them
    may lead back to this very node (``{"anyOf": [{"$ref": "#/$defs/U"}]}`` as U)."""

    kind: str
    node: Any
    doc: JsonDocument
    views: Views
    integer: bool = False
    criterion: str = ""
    synthetic: bool = False
    parts: list[View] = field(default_factory=list)
    pending: list[Any] | None = None  # subschemas not viewed yet

    @property
    def subs(self) -> list[View]:
        if self.pending is not None:
            nodes, self.pending = self.pending, None
            self.parts = [self.views.of(self.doc, node) for node in nodes]
        return self.parts

    @property
    def raw(self) -> dict[str, Any]:
        return self.node if isinstance(self.node, dict) else {}

    def child(self, node: Any) -> View | None:
        """The view of a subschema of this node (None stays None)."""
        return None if node is None else self.views.of(self.doc, node)

    def describe(self, depth: int = 0) -> str:
        if self.kind == NUMBER:
            return "integer" if self.integer else "number"
        if self.kind == COMBINED:
            if depth > 3:  # a schema that contains itself
                return "..."
            if self.synthetic:  # written as one schema: "type": [a, b] or a type with an enum
                joint = " or " if self.criterion == "anyOf" else " with "
                return joint.join(s.describe(depth + 1) for s in self.subs)
            inner = ", ".join(s.describe(depth + 1) for s in self.subs)
            return f"{self.criterion} [{inner}]"
        return {
            EMPTY: "any value",
            FALSE: "nothing",
            ENUM: "an enum",
            CONST: "a constant",
            NOT: "a 'not' schema",
            CONDITIONAL: "an if/then/else schema",
        }.get(self.kind, self.kind)


class Views:
    """The views of one comparison, cached by (document, node) identity."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], View] = {}

    def of(self, doc: JsonDocument, node: Any) -> View:
        """The view of ``node`` in ``doc``, following ``$ref`` chains (parse refused loops)."""
        seen: set[int] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and id(node) not in seen:
            seen.add(id(node))
            doc, node = doc.resolve(node["$ref"])
        key = (id(doc), id(node))
        view = self._cache.get(key)
        if view is None:
            view = _build(doc, node, self)
            self._cache[key] = view
        return view


def _build(doc: JsonDocument, node: Any, views: Views) -> View:
    if node is False:
        return View(FALSE, node, doc, views)
    if not isinstance(node, dict):
        return View(EMPTY, node, doc, views)
    parts: list[View] = []
    if "enum" in node:
        parts.append(View(ENUM, node, doc, views))
    if "const" in node:
        parts.append(View(CONST, node, doc, views))
    for criterion in CRITERIA:
        if isinstance(node.get(criterion), list):
            parts.append(
                View(COMBINED, node, doc, views, criterion=criterion, pending=list(node[criterion]))
            )
    if "not" in node:
        parts.append(View(NOT, node, doc, views))
    parts += _typed(doc, node, views)
    if "if" in node:
        parts.append(View(CONDITIONAL, node, doc, views))
    if not parts:
        return View(EMPTY, node, doc, views)
    if len(parts) == 1:
        return parts[0]
    return View(COMBINED, node, doc, views, criterion="allOf", synthetic=True, parts=parts)


def _typed(doc: JsonDocument, node: dict[str, Any], views: Views) -> list[View]:
    declared = node.get("type")
    if isinstance(declared, str):
        return [_of_type(doc, node, declared, views)]
    if isinstance(declared, list):
        types = [t for t in declared if isinstance(t, str)]
        if len(types) == 1:
            return [_of_type(doc, node, types[0], views)]
        subs = [_of_type(doc, node, t, views) for t in types]
        return [View(COMBINED, node, doc, views, criterion="anyOf", synthetic=True, parts=subs)]
    return [
        View(kind, node, doc, views)
        for kind, keywords in _SNIFFED
        if any(k in node for k in keywords)
    ]


def _of_type(doc: JsonDocument, node: dict[str, Any], declared: str, views: Views) -> View:
    return View(_TYPES.get(declared, EMPTY), node, doc, views, integer=declared == "integer")
