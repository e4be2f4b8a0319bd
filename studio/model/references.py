"""Where elements name each other: the one table of references, its walk and its rewrite.

A reference is a field of an element (or of a part of one: a publication, a subscription,
an evented API's webhooks) holding the id of another element. ``REFERENCES`` lists every such
field once, with the kind of element it must name; everything that follows a reference (the
links the canvas draws, the uses index, rule MS101, the graph, the diff, rename and delete)
walks this table through ``mentions`` instead of spelling the fields out again.

Ids are unique across the whole design, so a reference is recognised by its value alone.
Deleting an element cuts the references to it (``rewrite`` with no new id); renaming points
them at the new id; the elements that cannot exist without it (the endpoints it provides, the
notes pinned to it) are its dependents (``Uses.dependents``) and go with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

from studio.model.design import Design
from studio.model.elements import (
    Application,
    Broker,
    Element,
    Endpoint,
    Message,
    Note,
    Topic,
)

Path = tuple[str | int, ...]
# In a reference's ``path``: every item of a list (its index) or every value of a mapping.
EACH = "[]"


@dataclass(frozen=True, slots=True, eq=False)  # each row is one of a kind: hashed by identity
class Reference:
    """One field that names an element: ``owner``'s ``field`` names a ``target``.

    ``field`` is dotted through the parts of an element, ``[]`` standing for each item of a
    list or each value of a mapping (``subscribes[].via``, ``responses[]``). ``target`` is
    None when any kind will do (a note is pinned to anything). ``dependent``: the owner cannot
    exist without what it names. ``key`` is the design file's key for the field when it is
    not the field's name.
    """

    owner: type
    field: str
    target: type | None
    dependent: bool = False
    key: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(
            part
            for name in self.field.split(".")
            for part in ((name[:-2], EACH) if name.endswith(EACH) else (name,))
        )

    def __str__(self) -> str:
        return f"{self.owner.__name__.lower()}.{self.field}"


PUBLICATION = Reference(Application, "publishes[].topic", Topic)
SUBSCRIPTION = Reference(Application, "subscribes[].topic", Topic)
SUBSCRIPTION_VIA = Reference(Application, "subscribes[].via", Application)
CALL = Reference(Application, "calls[]", Endpoint)
WRITE = Reference(Application, "writes[]", Application)
READ = Reference(Application, "reads[]", Application)
BACKEND = Reference(Application, "backend", Application)
WEBHOOK_TOPIC = Reference(Application, "webhooks.topics[]", Topic)
TOPIC_BROKER = Reference(Topic, "broker", Broker)
TOPIC_MESSAGE = Reference(Topic, "messages[]", Message)
PROVIDER = Reference(Endpoint, "provider", Application, dependent=True)
REQUEST = Reference(Endpoint, "request", Message)
RESPONSE = Reference(Endpoint, "responses[]", Message)
NOTE_TARGET = Reference(Note, "on", None, dependent=True, key="target")

# Every reference of the model, in the order an element's are walked (an application's in the
# order its links are drawn and listed).
REFERENCES: tuple[Reference, ...] = (
    PUBLICATION,
    SUBSCRIPTION,
    SUBSCRIPTION_VIA,
    CALL,
    WRITE,
    READ,
    BACKEND,
    WEBHOOK_TOPIC,
    TOPIC_BROKER,
    TOPIC_MESSAGE,
    PROVIDER,
    REQUEST,
    RESPONSE,
    NOTE_TARGET,
)


class Mention(NamedTuple):
    """One id found in a reference field: where (``path`` in the file, from the element) and
    in which part (``holder``: the publication, subscription, webhooks or the element)."""

    reference: Reference
    element: Element
    holder: Any
    path: Path
    target: str


# The table as a tree per element kind, so that the references inside one list item are
# walked item by item (a subscription's topic, then its via) in file order.
_Tree = dict[str, Any]
# One step of a compiled walk: (element, value reached, its path, its holder, found so far).
_Walk = Callable[[Element, Any, Path, Any, list[Mention]], None]


def _trees() -> dict[type, _Tree]:
    trees: dict[type, _Tree] = {}
    for reference in REFERENCES:
        node = trees.setdefault(reference.owner, {})
        for part in reference.path:
            node = node.setdefault(part, {})
        node[""] = reference
    return trees


_TREES = _trees()


def _compile(tree: _Tree) -> _Walk:
    """The walk of one tree as nested closures: the canvas, the uses index and rename all
    walk every element, so the table is interpreted once here rather than on every walk."""
    steps: list[_Walk] = []
    for part, child in tree.items():
        if part == "":
            steps.append(_leaf(child))
        elif part == EACH:
            steps.append(_each(_compile(child), _holds_parts(child)))
        else:
            leaf = child.get("")
            key = leaf.key if leaf is not None and leaf.key else part
            steps.append(_field(part, key, _compile(child), _holds_parts(child)))
    if len(steps) == 1:
        return steps[0]

    def walk_all(
        element: Element, value: Any, path: Path, holder: Any, found: list[Mention]
    ) -> None:
        for step in steps:
            step(element, value, path, holder, found)

    return walk_all


def _holds_parts(tree: _Tree) -> bool:
    """Whether the values a tree is walked on are parts (a publication, webhooks...)."""
    return any(part not in ("", EACH) for part in tree)


def _leaf(reference: Reference) -> _Walk:
    def walk(element: Element, value: Any, path: Path, holder: Any, found: list[Mention]) -> None:
        if value and isinstance(value, str):
            found.append(Mention(reference, element, holder, path, value))

    return walk


def _each(inner: _Walk, parts: bool) -> _Walk:
    def walk(element: Element, value: Any, path: Path, holder: Any, found: list[Mention]) -> None:
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            inner(element, item, (*path, key), item if parts else holder, found)

    return walk


def _field(name: str, key: str, inner: _Walk, part: bool) -> _Walk:
    def walk(element: Element, value: Any, path: Path, holder: Any, found: list[Mention]) -> None:
        inner_value = getattr(value, name)
        if inner_value is not None:
            inner(element, inner_value, (*path, key), inner_value if part else holder, found)

    return walk


_WALKS = {kind: _compile(tree) for kind, tree in _TREES.items()}


def mentions(element: Element) -> list[Mention]:
    """Every id ``element`` names, in table order (duplicates possible)."""
    found: list[Mention] = []
    walk = _WALKS.get(type(element))
    if walk is not None:
        walk(element, element, (), element, found)
    return found


# Only the ids, reference by reference: ``references_of`` is asked of every element on many
# canvas changes (``referrers``), so it skips the paths and holders ``mentions`` builds.
_Ids = Callable[[Any], Sequence[str]]


def _ids_at(path: tuple[str, ...]) -> _Ids:
    get: _Ids = _present
    for part in reversed(path):
        get = _ids_of_each(get) if part == EACH else _ids_of_field(attrgetter(part), get)
    return get


def _present(value: Any) -> Sequence[str]:
    return (value,) if value and isinstance(value, str) else ()


def _ids_of_each(inner: _Ids) -> _Ids:
    def ids(value: Any) -> Sequence[str]:
        found: list[str] = []
        for item in value.values() if isinstance(value, dict) else value:
            found += inner(item)
        return found

    return ids


def _ids_of_field(get: Callable[[Any], Any], inner: _Ids) -> _Ids:
    def ids(value: Any) -> Sequence[str]:
        inner_value = get(value)
        return () if inner_value is None else inner(inner_value)

    return ids


_IDS = {kind: tuple((r, _ids_at(r.path)) for r in REFERENCES if r.owner is kind) for kind in _TREES}


def references_of(element: Element) -> list[str]:
    """Every id ``element`` refers to, reference by reference (duplicates possible)."""
    found: list[str] = []
    for _, ids in _IDS.get(type(element), ()):
        found += ids(element)
    return found


def referrers(design: Design, target: str) -> list[Element]:
    """Elements (other than ``target`` itself) that refer to ``target``."""
    return [e for e in design.elements() if e.id != target and target in references_of(e)]


_CUT = object()  # a reference, or the list item holding it, that goes away


def rewrite(element: Element, old: str, new: str | None) -> Element:
    """``element`` with references to ``old`` pointing at ``new``, or cut when ``new`` is None.

    Cutting drops list entries and clears optional fields (a mapping keeps its key); an item
    whose reference goes away is dropped as a whole (a subscription whose topic or ``via``
    goes: it is the link that was drawn). A required field of the element itself (an
    endpoint's provider) is left as it is: the element is a dependent and goes too.
    """
    tree = _TREES.get(type(element))
    if tree is None:
        return element
    result: Element = _rewrite(tree, element, old, new, in_item=False)
    return result


def _rewrite(tree: _Tree, value: Any, old: str, new: str | None, in_item: bool) -> Any:
    for part, child in tree.items():
        if part == "":
            return value if value != old else (new if new is not None else _CUT)
        if part == EACH:
            if isinstance(value, dict):
                return {
                    key: None if (kept := _rewrite(child, item, old, new, True)) is _CUT else kept
                    for key, item in value.items()
                }
            return tuple(
                kept
                for item in value
                if (kept := _rewrite(child, item, old, new, True)) is not _CUT
            )
        current = getattr(value, part)
        if current is None:
            continue
        changed = _rewrite(child, current, old, new, in_item)
        if changed is _CUT:
            if in_item:
                return _CUT
            if _required(value, part):
                continue
            changed = None
        if changed is not current:
            value = dataclasses.replace(value, **{part: changed})
    return value


def _required(value: Any, name: str) -> bool:
    field = next(f for f in dataclasses.fields(value) if f.name == name)
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
