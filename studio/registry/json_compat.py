"""JSON Schema compatibility with Confluent's diff rules (STRICT), offline.

Confluent decides JSON Schema compatibility by diffing an *original* schema against an
*update* (``io.confluent.kafka.schemaregistry.json.diff``) and refusing the update when any
difference is outside its set of compatible changes. A BACKWARD check diffs old -> new (the
new schema reads old documents), FORWARD swaps them; in reader/writer terms the writer is the
original and the reader the update. The walk here follows Confluent's: the everit-shaped
views of ``json_view``, the same order, the same difference types, maximum matching for
``allOf``/``anyOf``/``oneOf``, pairs memoised and recursive pairs taken as compatible.

Only incompatible differences are collected (compatible ones never change a verdict). Where
Confluent would only say COMBINED_TYPE_SUBSCHEMAS_CHANGED for a typed enum
(``{"type": "string", "enum": [...]}`` is an ``allOf`` of two schemas to everit), the
difference of the enum itself (ENUM_ARRAY_NARROWED) is reported as well, with the same
verdict. Keywords Confluent does not compare (``format``, ``if``/``then``/``else``,
``unevaluatedProperties``, draft-04 boolean ``exclusiveMaximum``) are not compared here either.
"""

from __future__ import annotations

from typing import Any

from studio.registry.breaks import Break, Roles, dedupe, sentence
from studio.registry.json_format import JsonDocument
from studio.registry.json_keywords import (
    ARRAY_LIMITS,
    OBJECT_LIMITS,
    STRING_LIMITS,
    Diff,
    Path,
    canonical,
    dependency_maps,
    enum_diffs,
    has_default,
    is_open,
    items_of,
    items_open,
    limit_diffs,
    mapping_of,
    names_of,
    number_diffs,
    partial_schema,
    pattern_diffs,
)
from studio.registry.json_messages import describe_break
from studio.registry.json_view import (
    ARRAY,
    COMBINED,
    CONST,
    EMPTY,
    ENUM,
    FALSE,
    NOT,
    NUMBER,
    OBJECT,
    STRING,
    View,
    Views,
)

# Pairs of subschemas one comparison may visit. allOf/anyOf/oneOf compare every alternative
# with every other, so a hostile schema could ask for millions; real ones need thousands.
MAX_COMPARISONS = 50_000


class _TooComplex(Exception):
    pass


def json_breaks(reader: JsonDocument, writer: JsonDocument, roles: Roles) -> list[Break]:
    """Every incompatible difference between the writer (original) and the reader (update)."""
    views = Views()
    label = reader.title if reader.title != "$" else writer.title
    try:
        diffs = _Diff().compare(views.of(writer, writer.root), views.of(reader, reader.root))
    except _TooComplex:
        return [
            Break(
                label,
                "COMPARISON_TOO_COMPLEX",
                sentence(
                    f"{roles.reader} and {roles.writer} have too many alternatives to compare "
                    "within "
                    f"{MAX_COMPARISONS} steps, so compatibility is unknown and taken as broken."
                ),
            )
        ]
    except RecursionError:  # the comparison descends one level of nesting per call
        return [
            Break(
                label,
                "COMPARISON_TOO_DEEP",
                sentence(
                    f"{roles.reader} and {roles.writer} nest more deeply than Mesh Studio compares "
                    "(a few hundred levels), so compatibility is unknown and taken as broken."
                ),
            )
        ]
    return dedupe([describe_break(label, path, rule, info, roles) for path, rule, info in diffs])


class _Diff:
    def __init__(self) -> None:
        self.memo: dict[tuple[int, int], list[Diff]] = {}
        self.active: set[tuple[int, int]] = set()
        self.steps = 0

    def compare(self, original: View | None, update: View | None) -> list[Diff]:
        self.steps += 1
        if self.steps > MAX_COMPARISONS:
            raise _TooComplex
        if original is None:
            return [] if update is None else [((), "SCHEMA_ADDED", {})]
        if update is None:
            return []  # SCHEMA_REMOVED is compatible
        # a pair met again: the memo, or, while it is being compared, a recursive schema
        # (also one whose only alternative is itself), assumed compatible as Confluent does
        key = (id(original), id(update))
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            return []
        self.active.add(key)
        try:
            result = self._pair(original, update)
        finally:
            self.active.discard(key)
        self.memo[key] = result
        return result

    def _pair(self, original: View, update: View) -> list[Diff]:
        if original.kind != COMBINED and update.kind == COMBINED:
            if len(update.subs) == 1:
                if not self.compare(original, update.subs[0]):
                    return []
            elif update.criterion in ("anyOf", "oneOf") and any(
                not self.compare(original, sub) for sub in update.subs
            ):
                return []  # SUM_TYPE_EXTENDED
        elif (
            original.kind == COMBINED
            and update.kind != COMBINED
            and len(original.subs) == 1
            and not self.compare(original.subs[0], update)
        ):
            return []
        if original.kind != update.kind:
            if original.kind == FALSE or update.kind == EMPTY:
                return []
            return [((), "TYPE_CHANGED", {"old": original.describe(), "new": update.describe()})]
        if not (original.doc.has_refs or update.doc.has_refs) and original.node == update.node:
            return []  # the same JSON, with no $ref to mean something else: the same schema
        return self._same_kind(original, update)

    def _same_kind(self, original: View, update: View) -> list[Diff]:
        kind = original.kind
        if kind == STRING:
            diffs = limit_diffs(original.raw, update.raw, STRING_LIMITS)
            return diffs + pattern_diffs(original.raw.get("pattern"), update.raw.get("pattern"))
        if kind == NUMBER:
            return number_diffs(original, update)
        if kind == ENUM:
            return enum_diffs(original.raw.get("enum"), update.raw.get("enum"))
        if kind == CONST:
            if canonical(original.raw.get("const")) != canonical(update.raw.get("const")):
                return [
                    (
                        ("const",),
                        "ENUM_ARRAY_CHANGED",
                        {"old": original.raw.get("const"), "new": update.raw.get("const")},
                    )
                ]
            return []
        if kind == COMBINED:
            return self._combined(original, update)
        if kind == NOT:
            inner = self.compare(
                update.child(update.raw.get("not")), original.child(original.raw.get("not"))
            )
            return [(("not",), "NOT_TYPE_EXTENDED", {})] if inner else []
        if kind == OBJECT:
            return self._object(original, update)
        if kind == ARRAY:
            return self._array(original, update)
        return []  # boolean, null, empty, false, if/then/else: nothing Confluent compares

    # -- allOf / anyOf / oneOf -----------------------------------------------------------

    def _combined(self, original: View, update: View) -> list[Diff]:
        before, after = original.criterion, update.criterion
        if before != after and not _criterion_extended(original, update):
            return [((), "COMBINED_TYPE_CHANGED", {"old": before, "new": after})]
        olds, news = _distinct(original), _distinct(update)
        diffs: list[Diff] = []
        if len(olds) < len(news) and after == "allOf":
            diffs.append(((), "PRODUCT_TYPE_EXTENDED", {"criterion": after}))
        elif len(olds) > len(news) and after != "allOf":
            diffs.append(((), "SUM_TYPE_NARROWED", {"criterion": after}))
        results = {
            (i, j): self.compare(o, n) for i, o in enumerate(olds) for j, n in enumerate(news)
        }
        edges = {i: [j for j in range(len(news)) if not results[i, j]] for i in range(len(olds))}
        if _max_matching(edges, len(news)) < min(len(olds), len(news)):
            diffs.append(((), "COMBINED_TYPE_SUBSCHEMAS_CHANGED", {"criterion": after}))
            # say why, where the alternatives pair up by kind (a typed enum narrowed ...)
            for i, old in enumerate(olds):
                same = [j for j, new in enumerate(news) if new.kind == old.kind]
                if len(same) == 1 and results[i, same[0]]:
                    prefix: Path = () if original.synthetic else (original.criterion, i)
                    diffs += [(prefix + p, r, info) for p, r, info in results[i, same[0]]]
        return diffs

    # -- objects -------------------------------------------------------------------------

    def _object(self, original: View, update: View) -> list[Diff]:
        old, new = original.raw, update.raw
        old_props, new_props = mapping_of(old.get("properties")), mapping_of(new.get("properties"))
        old_required, new_required = names_of(old.get("required")), names_of(new.get("required"))
        diffs: list[Diff] = []
        for name in old_props:
            if (
                name in new_props
                and name not in old_required
                and name in new_required
                and not has_default(new_props[name])
            ):
                diffs.append((("required", name), "REQUIRED_ATTRIBUTE_ADDED", {"name": name}))
        for name in sorted(set(old_props) | set(new_props)):
            at: Path = ("properties", name)
            info = {"name": name}
            if name not in new_props:
                diffs += self._property_removed(original, update, name, at, info)
            elif name not in old_props:
                diffs += self._property_added(original, update, name, at, info, new_required)
            else:
                diffs += _under(
                    at, self.compare(original.child(old_props[name]), update.child(new_props[name]))
                )
        diffs += self._dependencies(original, update)
        diffs += self._additional(original, update, "additionalProperties", "PROPERTIES")
        return diffs + limit_diffs(old, new, OBJECT_LIMITS)

    def _property_removed(
        self, original: View, update: View, name: str, at: Path, info: dict[str, Any]
    ) -> list[Diff]:
        if is_open(update.raw, "additionalProperties", "patternProperties"):
            return []  # PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL
        old_schema = original.child(mapping_of(original.raw.get("properties"))[name])
        partial = partial_schema(update.raw, name)
        if partial is not None:
            return _uncovered(
                at,
                self.compare(old_schema, update.child(partial)),
                "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                info,
            )
        if old_schema is not None and old_schema.kind == FALSE:
            return []
        return [(at, "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", info)]

    def _property_added(
        self,
        original: View,
        update: View,
        name: str,
        at: Path,
        info: dict[str, Any],
        required: set[str],
    ) -> list[Diff]:
        schema = mapping_of(update.raw.get("properties"))[name]
        if is_open(original.raw, "additionalProperties", "patternProperties"):
            added = update.child(schema)
            if added is not None and added.kind == EMPTY:
                return []  # PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
            if name not in required:
                return [(at, "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", info)]
            rule = (
                "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL"
                if has_default(schema)
                else "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"
            )
            return [(at, rule, info)]
        diffs: list[Diff] = []
        partial = partial_schema(original.raw, name)
        if partial is not None:
            diffs += _uncovered(
                at,
                self.compare(original.child(partial), update.child(schema)),
                "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                info,
            )
        if name in required and not has_default(schema):
            diffs.append((at, "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", info))
        return diffs

    def _dependencies(self, original: View, update: View) -> list[Diff]:
        old_arrays, old_schemas = dependency_maps(original.raw)
        new_arrays, new_schemas = dependency_maps(update.raw)
        diffs: list[Diff] = []
        for name in sorted(set(old_arrays) | set(new_arrays)):
            at: Path = ("dependencies", name)
            before, after = old_arrays.get(name), new_arrays.get(name)
            if after is None or before == after or (before is not None and after <= before):
                continue  # removed or narrowed: compatible
            rule = (
                "DEPENDENCY_ARRAY_ADDED"
                if before is None
                else "DEPENDENCY_ARRAY_EXTENDED"
                if after >= before
                else "DEPENDENCY_ARRAY_CHANGED"
            )
            diffs.append((at, rule, {"name": name}))
        for name in sorted(set(old_schemas) | set(new_schemas)):
            at = ("dependencies", name)
            if name not in new_schemas:
                continue
            if name not in old_schemas:
                diffs.append((at, "DEPENDENCY_SCHEMA_ADDED", {"name": name}))
            else:
                diffs += _under(
                    at,
                    self.compare(
                        original.child(old_schemas[name]), update.child(new_schemas[name])
                    ),
                )
        return diffs

    def _additional(self, original: View, update: View, keyword: str, noun: str) -> list[Diff]:
        old, new = original.raw.get(keyword, True), update.raw.get(keyword, True)
        at: Path = (keyword,)
        if (old is not False) != (new is not False):
            return [] if new is not False else [(at, f"ADDITIONAL_{noun}_REMOVED", {})]
        old_schema = old if isinstance(old, dict) else None
        new_schema = new if isinstance(new, dict) else None
        if old_schema is None and new_schema is not None:
            return [(at, f"ADDITIONAL_{noun}_NARROWED", {})]
        if new_schema is None:
            return []  # extended, or neither has a schema
        return _under(at, self.compare(original.child(old_schema), update.child(new_schema)))

    # -- arrays --------------------------------------------------------------------------

    def _array(self, original: View, update: View) -> list[Diff]:
        old_all, old_items, old_extra = items_of(original.raw)
        new_all, new_items, new_extra = items_of(update.raw)
        diffs = _under(("items",), self.compare(original.child(old_all), update.child(new_all)))
        for index in range(min(len(old_items), len(new_items))):
            diffs += _under(
                ("items", index),
                self.compare(original.child(old_items[index]), update.child(new_items[index])),
            )
        for index in range(len(new_items), len(old_items)):  # items the update dropped
            at: Path = ("items", index)
            if items_open(new_extra):
                continue
            if isinstance(new_extra, dict):
                inner = self.compare(original.child(old_items[index]), update.child(new_extra))
                diffs += _uncovered(
                    at, inner, "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", {}
                )
            elif old_items[index] is not False:
                diffs.append((at, "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL", {}))
        for index in range(len(old_items), len(new_items)):  # items the update added
            at = ("items", index)
            added = update.child(new_items[index])
            if items_open(old_extra):
                if added is None or added.kind != EMPTY:
                    diffs.append((at, "ITEM_ADDED_TO_OPEN_CONTENT_MODEL", {}))
            elif isinstance(old_extra, dict):
                diffs += _uncovered(
                    at,
                    self.compare(original.child(old_extra), added),
                    "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                    {},
                )
        diffs += self._additional_items(original, update, old_extra, new_extra)
        diffs += limit_diffs(original.raw, update.raw, ARRAY_LIMITS)
        if update.raw.get("uniqueItems") is True and original.raw.get("uniqueItems") is not True:
            diffs.append((("uniqueItems",), "UNIQUE_ITEMS_ADDED", {}))
        return diffs

    def _additional_items(self, original: View, update: View, old: Any, new: Any) -> list[Diff]:
        at: Path = ("additionalItems",)
        if (old is not False) != (new is not False):
            return [] if new is not False else [(at, "ADDITIONAL_ITEMS_REMOVED", {})]
        old_schema = old if isinstance(old, dict) else None
        new_schema = new if isinstance(new, dict) else None
        if old_schema is None and new_schema is not None:
            return [(at, "ADDITIONAL_ITEMS_NARROWED", {})]
        if new_schema is None:
            return []
        return _under(at, self.compare(original.child(old_schema), update.child(new_schema)))


# -- helpers -------------------------------------------------------------------------------


def _under(prefix: Path, diffs: list[Diff]) -> list[Diff]:
    return [(prefix + path, rule, info) for path, rule, info in diffs]


def _uncovered(at: Path, inner: list[Diff], rule: str, info: dict[str, Any]) -> list[Diff]:
    """A partially open model that does not cover a property: why, then the verdict."""
    return [*_under(at, inner), (at, rule, info)] if inner else []


def _criterion_extended(original: View, update: View) -> bool:
    before, after = original.criterion, update.criterion
    if after == "anyOf":
        return True  # allOf/oneOf -> anyOf accepts more
    if after == "oneOf":
        return len(original.subs) == 1
    return len(original.subs) == 1 and len(update.subs) == 1 and before != after


def _distinct(view: View) -> list[View]:
    """The alternatives without duplicates, as Confluent collapses equal subschemas."""
    if view.synthetic:
        return view.subs
    seen: set[tuple[str, str]] = set()
    unique = []
    for sub in view.subs:
        key = (sub.kind, canonical(sub.node))
        if key not in seen:
            seen.add(key)
            unique.append(sub)
    return unique


def _max_matching(edges: dict[int, list[int]], right: int) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths; the sets are tiny)."""
    match: list[int | None] = [None] * right

    def augment(left: int, visited: set[int]) -> bool:
        for j in edges[left]:
            if j not in visited:
                visited.add(j)
                owner = match[j]
                if owner is None or augment(owner, visited):
                    match[j] = left
                    return True
        return False

    return sum(augment(i, set()) for i in edges)
