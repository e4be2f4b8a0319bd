"""Find what differs between two designs, as ``Delta`` records, before anyone judges it.

Elements are matched by id within their section (an id that moves to another section is a
removal and an addition). Common elements are compared on the plain data the design file
holds (``design_codec``), so paths use the file's own keys (``schemaVersion``, not
``schema_version``) and ``old``/``new`` are what a reviewer would read in the YAML. Relations
(the model's links: publishes, subscribes, webhook deliveries, calls, writes, reads, fronts,
note pins) are compared as a set per owner; a relation of an element that is itself added or
removed is part of that change and not listed again. Canvas geometry (``layout``) is never a
delta; ``layout_changed`` only says whether it moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from studio.diff.changes import ChangeKind
from studio.io.design_codec import (
    application_to_data,
    broker_to_data,
    endpoint_to_data,
    message_to_data,
    note_to_data,
    topic_to_data,
)
from studio.model import SECTIONS, Application, Design, Element, Note, Publication, Subscription
from studio.model.design import KIND_NAMES
from studio.model.relations import Link, held_links, link_phrase

Data = dict[str, Any]

# How each section's elements become file data; relations are compared as links instead.
_TO_DATA: dict[str, Callable[[Any], Data]] = {
    "brokers": broker_to_data,
    "applications": application_to_data,
    "topics": topic_to_data,
    "messages": message_to_data,
    "endpoints": endpoint_to_data,
    "notes": note_to_data,
}
_RELATION_KEYS = frozenset(
    {"publishes", "subscribes", "calls", "writes", "reads", "backend", "target"}
)
# Mappings whose entries are compared one by one (a response per status, a webhook setting).
_NESTED = {("endpoints", "responses"), ("applications", "webhooks")}


@dataclass(frozen=True, slots=True)
class Delta:
    """One raw difference; ``breaking.classify`` turns it into a ``Change``.

    ``field`` is the file key that changed (``address``; ``responses/200``; for a relation, the
    subscription attribute such as ``schemaVersion``), None when a whole element, relation or
    setting was added or removed.
    """

    kind: ChangeKind
    section: str
    element: str | None
    path: str
    what: str
    field: str | None = None
    old: Any = None
    new: Any = None
    link: Link | None = None


def deltas(old: Design, new: Design) -> Iterator[Delta]:
    """Every difference between ``old`` and ``new``, section by section."""
    yield from _mapping_deltas("info", None, "info", _info(old), _info(new), None, "info {key}")
    yield from _value_deltas(
        "registry", None, "registry", "registry file", old.registry, new.registry
    )
    yield from _taxonomy(old, new)
    for kind, section in SECTIONS.items():
        yield from _elements(section, KIND_NAMES[kind], old.section(kind), new.section(kind))
    yield from _links(old, new)
    yield from _rules(old, new)
    for key in _keys(old.extensions, new.extensions):
        yield from _value_deltas(
            "extensions",
            None,
            key,
            f"design extension {key}",
            old.extensions.get(key),
            new.extensions.get(key),
        )


def layout_changed(old: Design, new: Design) -> bool:
    """Whether canvas positions differ (never a semantic change)."""
    return {k: (p.x, p.y) for k, p in old.layout.items()} != {
        k: (p.x, p.y) for k, p in new.layout.items()
    }


def _info(design: Design) -> Data:
    info = design.info
    data = {
        "title": info.title,
        "version": info.version,
        "description": info.description,
        "owner": info.owner,
        **info.extensions,
    }
    return {k: v for k, v in data.items() if v is not None}


def _taxonomy(old: Design, new: Design) -> Iterator[Delta]:
    for protocol in _keys(old.taxonomy, new.taxonomy):
        as_data = [
            None
            if r is None
            else {
                "pattern": r.pattern,
                **({"levels": {k: list(v) for k, v in r.levels.items()}} if r.levels else {}),
                **r.extensions,
            }
            for r in (old.taxonomy.get(protocol), new.taxonomy.get(protocol))
        ]
        yield from _value_deltas(
            "taxonomy",
            None,
            f"taxonomy/{protocol}",
            f"taxonomy for {protocol}",
            as_data[0],
            as_data[1],
            protocol,
        )


def _elements(section: str, noun: str, old: list[Element], new: list[Element]) -> Iterator[Delta]:
    before = {e.id: e for e in old}
    after = {e.id: e for e in new}
    for element_id in before:
        if element_id not in after:
            yield Delta(
                "removed", section, element_id, f"{section}/{element_id}", f"{noun} {element_id}"
            )
    for element_id, element in after.items():
        if element_id not in before:
            yield Delta(
                "added", section, element_id, f"{section}/{element_id}", f"{noun} {element_id}"
            )
            continue
        if before[element_id] == element:
            continue
        old_data, new_data = (_TO_DATA[section](e) for e in (before[element_id], element))
        for key in _keys(old_data, new_data):
            if key == "id" or (key in _RELATION_KEYS and section in ("applications", "notes")):
                continue
            what = f"{key} of {noun} {element_id}"
            if (section, key) in _NESTED and old_data.get(key) and new_data.get(key):
                yield from _mapping_deltas(
                    section,
                    element_id,
                    f"{section}/{element_id}/{key}",
                    old_data[key],
                    new_data[key],
                    key,
                    f"{key} {{key}} of {noun} {element_id}",
                )
            else:
                yield from _value_deltas(
                    section,
                    element_id,
                    f"{section}/{element_id}/{key}",
                    what,
                    old_data.get(key),
                    new_data.get(key),
                    key,
                )


def _links(old: Design, new: Design) -> Iterator[Delta]:
    """Relations of owners present on both sides: added, removed, attributes changed."""
    before: dict[str, Application | Note] = {e.id: e for e in old.applications}
    before.update((n.id, n) for n in old.notes)
    owners: list[Application | Note] = [*new.applications, *new.notes]
    for owner in owners:
        previous = before.get(owner.id)
        if previous is None or type(previous) is not type(owner) or previous == owner:
            continue
        old_links, new_links = _link_attributes(previous), _link_attributes(owner)
        for key, (link, _) in old_links.items():
            if key not in new_links:
                yield Delta(
                    "removed", "links", owner.id, f"links/{key}", link_phrase(link), link=link
                )
        for key, (link, attributes) in new_links.items():
            if key not in old_links:
                yield Delta(
                    "added", "links", owner.id, f"links/{key}", link_phrase(link), link=link
                )
                continue
            previous_attributes = old_links[key][1]
            for name in _keys(previous_attributes, attributes):
                for delta in _value_deltas(
                    "links",
                    owner.id,
                    f"links/{key}/{name}",
                    f"{name} of {link_phrase(link)}",
                    previous_attributes.get(name),
                    attributes.get(name),
                    name,
                ):
                    yield Delta(
                        delta.kind,
                        delta.section,
                        delta.element,
                        delta.path,
                        delta.what,
                        delta.field,
                        delta.old,
                        delta.new,
                        link,
                    )


def _link_attributes(owner: Element) -> dict[str, tuple[Link, Data]]:
    """Each relation the owner holds, by ``Link.key``, with its own settings (a
    subscription's group, schemaVersion and description; a publication's description)."""
    found: dict[str, tuple[Link, Data]] = {}
    for link, part in held_links(owner):
        if isinstance(part, Publication):
            settings = _set({"description": part.description}, part.extensions)
        elif isinstance(part, Subscription):
            settings = _set(
                {
                    "group": part.group,
                    "schemaVersion": part.schema_version,
                    "description": part.description,
                },
                part.extensions,
            )
        else:  # the relations without settings of their own
            settings = {}
        found.setdefault(link.key, (link, settings))
    return found


def _set(values: Data, extensions: Data) -> Data:
    return {**{k: v for k, v in values.items() if v is not None}, **extensions}


def _rules(old: Design, new: Design) -> Iterator[Delta]:
    before, after = set(old.rules.disable), set(new.rules.disable)
    for rule in sorted(after - before):
        yield Delta(
            "added", "rules", None, f"rules/disable/{rule}", f"disabled rule {rule}", "disable"
        )
    for rule in sorted(before - after):
        yield Delta(
            "removed", "rules", None, f"rules/disable/{rule}", f"disabled rule {rule}", "disable"
        )
    yield from _mapping_deltas(
        "rules",
        None,
        "rules/severity",
        old.rules.severity,
        new.rules.severity,
        "severity",
        "severity of {key}",
    )
    for key in _keys(old.rules.extensions, new.rules.extensions):
        yield from _value_deltas(
            "rules",
            None,
            f"rules/{key}",
            f"rules {key}",
            old.rules.extensions.get(key),
            new.rules.extensions.get(key),
            key,
        )


def _mapping_deltas(
    section: str,
    element: str | None,
    prefix: str,
    old: Data,
    new: Data,
    field: str | None = None,
    what: str = "{key}",
) -> Iterator[Delta]:
    """One delta per differing entry; ``what`` is a phrase with a ``{key}`` placeholder."""
    for key in _keys(old, new):
        name = f"{field}/{key}" if field else key
        yield from _value_deltas(
            section,
            element,
            f"{prefix}/{key}",
            what.format(key=key),
            old.get(key),
            new.get(key),
            name,
        )


def _value_deltas(
    section: str,
    element: str | None,
    path: str,
    what: str,
    old: Any,
    new: Any,
    field: str | None = None,
) -> Iterator[Delta]:
    """The delta of a value that differs (none when ``old`` equals ``new``)."""
    if old != new:
        kind: ChangeKind = "added" if old is None else "removed" if new is None else "changed"
        yield Delta(kind, section, element, path, what, field or path.rsplit("/", 1)[-1], old, new)


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The keys of both mappings: ``old``'s order, then keys only ``new`` has."""
    return list(dict.fromkeys([*old, *new]))
