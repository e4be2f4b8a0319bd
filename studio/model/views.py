"""Views: named diagrams of part of a mesh, and which elements each one shows.

A view (FORMATS.md, ``views:``) is a filter, not a copy: ``include`` lines pick elements by
taxonomy domain, owner, broker, protocol, hand-picked id or neighbourhood, ``exclude`` takes
some away again, and ``view_members`` works out the ids shown from the design as it is now, so
a view follows the mesh as it changes. What cannot be drawn alone follows what it hangs on:
endpoints come with their provider, notes with their target, brokers with their topics. A view
may keep positions of its own (``layout``); it never changes what is exported, and ids it names
that do not exist are findings (MS101), not errors.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.model.design import Design
from studio.model.elements import Application, Extensions, Position, Topic
from studio.model.relations import links_of
from studio.model.taxonomy import level_values

DOMAIN_LEVEL = "domain"  # the taxonomy level a view's ``domains`` line reads


@dataclass(frozen=True, slots=True)
class Around:
    """The neighbourhood of ``element``: it and everything within ``hops`` links of it."""

    element: str
    hops: int = 1


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """The lines of an ``include`` or ``exclude``: an element matches if any line matches it."""

    domains: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    brokers: tuple[str, ...] = ()
    protocols: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()
    around: Around | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.domains
            or self.owners
            or self.brokers
            or self.protocols
            or self.elements
            or self.around
        )


@dataclass(frozen=True, slots=True)
class View:
    """A named diagram of part of the mesh, with optional positions of its own."""

    id: str
    name: str | None = None
    include: ViewFilter = field(default_factory=ViewFilter)
    exclude: ViewFilter = field(default_factory=ViewFilter)
    layout: dict[str, Position] = field(default_factory=dict)
    extensions: Extensions = field(default_factory=dict)

    def named_ids(self) -> list[tuple[str, tuple[str | int, ...]]]:
        """Every element id the view names, with its path inside the view (for MS101)."""
        named: list[tuple[str, tuple[str | int, ...]]] = []
        for part, lines in (("include", self.include), ("exclude", self.exclude)):
            named += [(i, (part, "elements", n)) for n, i in enumerate(lines.elements)]
            if lines.around is not None:
                named.append((lines.around.element, (part, "around", "element")))
        named += [(i, ("layout", i)) for i in self.layout]
        return named


def rename_in_views(views: list[View], old: str, new: str | None) -> list[View]:
    """``views`` with every mention of element ``old`` renamed to ``new``, or cut when ``new``
    is None (the element was deleted): hand-picked ids, neighbourhoods and positions follow
    the element as references in elements do."""
    return [_rename_in_view(view, old, new) for view in views]


def _rename_in_view(view: View, old: str, new: str | None) -> View:
    layout = dict(view.layout)
    if old in layout:
        position = layout.pop(old)
        if new is not None:
            layout[new] = position
    return dataclasses.replace(
        view,
        include=_rename_in_filter(view.include, old, new),
        exclude=_rename_in_filter(view.exclude, old, new),
        layout=layout,
    )


def _rename_in_filter(lines: ViewFilter, old: str, new: str | None) -> ViewFilter:
    if new is None:
        elements = tuple(i for i in lines.elements if i != old)
    else:
        elements = tuple(new if i == old else i for i in lines.elements)
    around = lines.around
    if around is not None and around.element == old:
        around = None if new is None else dataclasses.replace(around, element=new)
    return dataclasses.replace(lines, elements=elements, around=around)


def view_members(design: Design, view: View) -> frozenset[str]:
    """The ids of the applications, topics, endpoints, brokers and notes ``view`` shows."""
    excluded = _matched(design, view.exclude)
    core = _matched(design, view.include) - excluded
    # an endpoint cannot be drawn without its provider: picking one brings the provider
    core |= {e.provider for e in design.endpoints if e.id in core} - excluded
    members = {a.id for a in design.applications if a.id in core}
    topics = [t for t in design.topics if t.id in core]
    members |= {t.id for t in topics}
    brokers = {b.id for b in design.brokers}
    members |= ({b for b in core if b in brokers} | {t.broker for t in topics if t.broker}) & (
        brokers - excluded
    )
    members |= {e.id for e in design.endpoints if e.provider in members and e.id not in excluded}
    members |= {n.id for n in design.notes if n.on in members and n.id not in excluded}
    return frozenset(members)


def _matched(design: Design, lines: ViewFilter) -> set[str]:
    """The ids any line of ``lines`` matches (before what follows them is added)."""
    if lines.is_empty:
        return set()
    matched = set(lines.elements)
    protocols = {b.id: b.protocol for b in design.brokers}
    matched |= {b for b in lines.brokers if b in protocols}
    matched |= {b for b, protocol in protocols.items() if protocol in lines.protocols}
    matched |= {
        t.id
        for t in design.topics
        if t.broker in lines.brokers or protocols.get(t.broker or "") in lines.protocols
    }
    if lines.domains:
        domains = set(lines.domains)
        in_domain = {t.id for t in design.topics if _domain_of(design, t, protocols) in domains}
        matched |= in_domain
        # the domain's clients: who publishes or consumes its topics
        matched |= {a.id for a in design.applications if in_domain.intersection(_topics_of(a))}
    owners = set(lines.owners)
    matched |= {a.id for a in design.applications if a.owner is not None and a.owner in owners}
    if lines.around is not None:
        matched |= _neighbourhood(design, lines.around)
    return matched


def _domain_of(design: Design, topic: Topic, protocols: dict[str, str]) -> str | None:
    """The ``domain`` level of ``topic``'s address in its protocol's taxonomy, if it has one."""
    protocol = protocols.get(topic.broker or "")
    rule = design.taxonomy.get(protocol) if protocol else None
    values = level_values(topic.address, rule) if rule is not None else None
    return values.get(DOMAIN_LEVEL) if values else None


def _topics_of(app: Application) -> Iterable[str]:
    """The topics ``app`` publishes or consumes (directly or by webhook)."""
    yield from (p.topic for p in app.publishes)
    yield from (s.topic for s in app.subscribes)


def _neighbourhood(design: Design, around: Around) -> set[str]:
    """``around.element`` and the ids within ``around.hops`` links of it, either way."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in links_of(design):
        neighbours[link.source].add(link.target)
        neighbours[link.target].add(link.source)
    reached = {around.element}
    frontier = {around.element}
    for _ in range(around.hops):
        frontier = {n for i in frontier for n in neighbours[i]} - reached
        if not frontier:
            break
        reached |= frontier
    return reached
