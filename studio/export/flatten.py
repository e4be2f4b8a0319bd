"""Flatten a JSON Schema so that every reusable part is one named entry of ``$defs``.

Documents keep reusable schemas in ``components.schemas``, and a ``$ref`` in an exported document
resolves against the document's root, not the schema's. A JSON Schema copied in unchanged would
break both ways: its ``#/definitions/...`` references would point nowhere, and OpenAPI 3.0 has
no ``definitions`` keyword at all. So every ``definitions`` and ``$defs`` entry, wherever it is
nested, becomes a top-level entry named after its owner (``com.acme.Customer.address``), every
local ``$ref`` is rewritten to ``#/$defs/<name>`` (plus the rest of its pointer), and a reference
into the root itself moves the root to ``$defs`` too. The subjects a registry schema references
are flattened the same way and take part under their subject name. References that lead out
of the document (``https://...``, unknown files) are dropped with a warning: export never
touches the network. ``$schema`` and ``$id`` are dropped; the registry origin is recorded by
the caller instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from studio.export.subschemas import SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS

JsonSchema = dict[str, Any]

_DEFINITIONS = ("definitions", "$defs")
_DROPPED = ("$schema", "$id", "id")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def component_name(text: str) -> str:
    """A name allowed as a key of ``components.schemas`` in AsyncAPI and OpenAPI."""
    return _UNSAFE.sub("_", text).strip("_") or "schema"


def walk_schemas(
    schema: Any,
    visit: Callable[[dict[str, Any], tuple[str, ...]], None],
    path: tuple[str, ...] = (),
) -> None:
    """Call ``visit`` on every subschema (not on data such as ``enum`` or ``default``)."""
    if not isinstance(schema, dict):
        return
    visit(schema, path)
    for key, value in schema.items():
        if key in SUBSCHEMA and isinstance(value, dict):
            walk_schemas(value, visit, (*path, key))
        elif key in SUBSCHEMA_LISTS and isinstance(value, list):
            for index, item in enumerate(value):
                walk_schemas(item, visit, (*path, key, str(index)))
        elif (key in SUBSCHEMA_MAPS or key in _DEFINITIONS) and isinstance(value, dict):
            for name, item in value.items():
                walk_schemas(item, visit, (*path, key, name))


class Flattener:
    """Flattens one schema and the referenced subjects it reaches into a root and ``$defs``.

    ``external`` maps a reference name (as written in ``$ref``) to the owner name and parsed
    schema of the subject it denotes.
    """

    def __init__(self, external: Mapping[str, tuple[str, Any]] = {}) -> None:
        self.external = external
        self.defs: dict[str, JsonSchema] = {}
        self.warnings: list[str] = []
        self._pointers: dict[str, dict[str, str]] = {}  # owner -> JSON pointer -> def name
        self._roots_used: set[str] = set()

    def flatten(self, schema: Any, owner: str) -> JsonSchema:
        """The root of ``schema`` with its references rewritten; fills ``self.defs``."""
        owner = component_name(owner)
        self._index(schema, owner)
        root = self._copy(schema, owner, ())
        if owner in self._roots_used:
            self.defs[owner] = root
            return {"$ref": f"#/$defs/{owner}"}
        return root if isinstance(root, dict) else {} if root else {"not": {}}

    def result(self) -> dict[str, JsonSchema]:
        return {name: self.defs[name] for name in sorted(self.defs)}

    def _index(self, schema: Any, owner: str) -> None:
        pointers: dict[str, str] = {}
        names: dict[tuple[str, ...], str] = {(): owner}

        def visit(node: dict[str, Any], path: tuple[str, ...]) -> None:
            # a definition is named after the definition (or root) that contains it
            parent = next(names[path[:i]] for i in range(len(path), -1, -1) if path[:i] in names)
            for keyword in _DEFINITIONS:
                for name in node.get(keyword) or {}:
                    if isinstance(node[keyword], dict):
                        full = component_name(f"{parent}.{name}")
                        names[(*path, keyword, name)] = full
                        pointers[_pointer((*path, keyword, name))] = full

        walk_schemas(schema, visit)
        self._pointers[owner] = pointers
        for path, full in names.items():
            if path:
                self.defs.setdefault(full, {})  # reserved; filled by _copy

    def _copy(self, node: Any, owner: str, path: tuple[str, ...]) -> Any:
        if not isinstance(node, dict):
            return node
        out: JsonSchema = {}
        for key, value in node.items():
            if key in _DROPPED and isinstance(value, str):
                continue
            if key == "$ref" and isinstance(value, str):
                target = self._target(value, owner)
                if target is not None:
                    out["$ref"] = target
                continue
            if key in _DEFINITIONS and isinstance(value, dict):
                for name, item in value.items():
                    full = self._pointers[owner][_pointer((*path, key, name))]
                    self.defs[full] = self._copy(item, owner, (*path, key, name))
                continue
            if key in SUBSCHEMA and isinstance(value, dict):
                out[key] = self._copy(value, owner, (*path, key))
            elif key in SUBSCHEMA_LISTS and isinstance(value, list):
                out[key] = [
                    self._copy(item, owner, (*path, key, str(i))) for i, item in enumerate(value)
                ]
            elif key in SUBSCHEMA_MAPS and isinstance(value, dict):
                out[key] = {
                    name: self._copy(item, owner, (*path, key, name))
                    for name, item in value.items()
                }
            else:
                out[key] = value
        return out

    def _target(self, ref: str, owner: str) -> str | None:
        """Where a reference points once flattened, or None when it leaves the document."""
        base, _, fragment = ref.partition("#")
        if base:
            if base not in self.external:
                self.warnings.append(
                    f"the reference '{ref}' leads outside the registry and is "
                    "not followed; that part is described as any value"
                )
                return None
            other, schema = self.external[base]
            owner = component_name(other)
            if owner not in self._pointers:
                # a referenced subject lives in $defs as a whole: it is only reachable by $ref
                self._index(schema, owner)
                self._roots_used.add(owner)
                copied = self._copy(schema, owner, ())
                self.defs[owner] = copied if isinstance(copied, dict) else {}
        return self._local(fragment, owner)

    def _local(self, fragment: str, owner: str) -> str:
        pointers = self._pointers[owner]
        # the longest definition pointer that the fragment starts with
        probe = fragment
        while probe:
            if probe in pointers:
                return f"#/$defs/{pointers[probe]}{fragment[len(probe) :]}"
            probe = probe.rpartition("/")[0]
        self._roots_used.add(owner)
        return f"#/$defs/{owner}{fragment}"


def _pointer(path: tuple[str, ...]) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in path)
