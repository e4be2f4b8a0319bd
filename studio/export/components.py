"""Placing JSON Schema views into one document's ``components.schemas``.

A view's named parts (an Avro record used twice, a shared Protobuf ``Money``, a JSON Schema's
definitions) become entries of ``components.schemas`` under their own names, so a type shared
by several messages appears once per document. Two different schemas wanting the same name in
one document (``acme.common.Money`` v1 and v2) are told apart by prefixing the later one with
the message id. Views are converted to the target dialect and their references rewritten once
per export (``Placer``) and then shared by every document that uses them, which keeps both
building and serialising cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from studio.export.dialects import map_schema, to_openapi30, to_openapi31
from studio.export.schemas import JsonView

JsonSchema = dict[str, Any]
Target = Literal["asyncapi", "openapi-3.1", "openapi-3.0"]
SCHEMAS = "#/components/schemas/"
_DEFS = "#/$defs/"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A view in the target dialect with references into ``components.schemas``."""

    root: JsonSchema
    defs: dict[str, JsonSchema]
    warnings: tuple[str, ...]


class Placer:
    """Prepares views for one target once per export and shares the results."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._prepared: dict[int, tuple[JsonView, Prepared]] = {}

    def prepare(self, view: JsonView) -> Prepared:
        cached = self._prepared.get(id(view))
        if cached is None:
            cached = (view, self._prepare(view))  # the view is kept so its id stays unique
            self._prepared[id(view)] = cached
        return cached[1]

    def _prepare(self, view: JsonView) -> Prepared:
        warnings: list[str] = []

        ref_types = {
            _DEFS + name: kind
            for name, kind in ((name, _simple_type(body)) for name, body in view.defs.items())
            if kind
        }

        def convert(schema: JsonSchema) -> JsonSchema:
            if self.target == "openapi-3.0":
                schema, dropped = to_openapi30(schema, ref_types)
                warnings.extend(w for w in dropped if w not in warnings)
            elif self.target == "openapi-3.1":
                schema = to_openapi31(schema)
            return rename_refs(schema, {})

        return Prepared(
            convert(view.root),
            {name: convert(body) for name, body in view.defs.items()},
            tuple(warnings),
        )


class Components:
    """The ``components.schemas`` of one document being built."""

    def __init__(self) -> None:
        self.schemas: dict[str, JsonSchema] = {}

    def place(self, prepared: Prepared, scope: str) -> JsonSchema:
        """Add a view's parts; returns its root, with references renamed if names clashed."""
        renames: dict[str, str] = {}
        for name, body in prepared.defs.items():
            existing = self.schemas.get(name)
            if existing is not None and existing is not body and existing != body:
                renames[name] = self.free_name(f"{scope}.{name}")
        if not renames:
            for name, body in prepared.defs.items():
                self.schemas.setdefault(name, body)
            return prepared.root
        for name, body in prepared.defs.items():
            self.schemas.setdefault(renames.get(name, name), rename_refs(body, renames))
        return rename_refs(prepared.root, renames)

    def add(self, name: str, schema: JsonSchema) -> dict[str, str]:
        """Put ``schema`` under ``name`` (or a free variant) and return a ``$ref`` to it."""
        existing = self.schemas.get(name)
        if existing is not None and existing is not schema and existing != schema:
            name = self.free_name(name)
        self.schemas[name] = schema
        return {"$ref": SCHEMAS + name}

    def free_name(self, name: str) -> str:
        candidate, number = name, 2
        while candidate in self.schemas:
            candidate, number = f"{name}-{number}", number + 1
        return candidate

    def sorted(self) -> dict[str, JsonSchema]:
        # by name: adding or removing a schema then moves no other one
        return {name: self.schemas[name] for name in sorted(self.schemas)}


def _simple_type(schema: Any) -> str | None:
    """The one non-null ``type`` of a schema, if it has one."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    return kind if isinstance(kind, str) else None


def rename_refs(schema: JsonSchema, renames: dict[str, str]) -> JsonSchema:
    """``#/$defs/X`` becomes ``#/components/schemas/X`` (or X's new name)."""

    def change(node: JsonSchema) -> JsonSchema:
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node
        for prefix in (_DEFS, SCHEMAS):
            if ref.startswith(prefix):
                name, slash, rest = ref[len(prefix) :].partition("/")
                return {**node, "$ref": SCHEMAS + renames.get(name, name) + slash + rest}
        return node

    return map_schema(schema, change)  # type: ignore[no-any-return]
