"""Where elements point at each other, and how to rewrite or cut those references.

Ids are unique across the whole design, so a reference is recognised by its value alone.
Deleting an element cuts the links that point at it; renaming rewrites them; elements that
cannot exist without it (the endpoints an application provides, the notes pinned to it) are
its dependents and go with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from studio.model import (
    Application,
    Design,
    Element,
    Endpoint,
    Note,
    Subscription,
    Topic,
)


def references_of(element: Element) -> Iterator[str]:
    """Every id this element refers to (duplicates possible)."""
    if isinstance(element, Application):
        if element.backend:
            yield element.backend
        yield from (p.topic for p in element.publishes)
        yield from element.calls
        for s in element.subscribes:
            yield s.topic
            if s.via:
                yield s.via
        if element.webhooks:
            yield from element.webhooks.topics
        yield from element.writes
        yield from element.reads
    elif isinstance(element, Topic):
        if element.broker:
            yield element.broker
        yield from element.messages
    elif isinstance(element, Endpoint):
        yield element.provider
        if element.request:
            yield element.request
        yield from (m for m in element.responses.values() if m)
    elif isinstance(element, Note) and element.on:
        yield element.on


def referrers(design: Design, target: str) -> list[Element]:
    """Elements (other than ``target`` itself) that refer to ``target``."""
    return [e for e in design.elements() if e.id != target and target in references_of(e)]


def dependents(design: Design, target: str) -> list[Element]:
    """Elements that cannot exist without ``target``: its endpoints and the notes on it."""
    return [e for e in design.elements()
            if (isinstance(e, Endpoint) and e.provider == target)
            or (isinstance(e, Note) and e.on == target)]


def rewrite(element: Element, old: str, new: str | None) -> Element:
    """``element`` with references to ``old`` pointing at ``new``, or cut when ``new`` is None.

    Cutting drops list entries and clears optional fields; a subscription whose topic or
    ``via`` goes away is dropped as a whole (it is the link that was drawn).
    """

    def one(value: str | None) -> str | None:
        return new if value == old else value

    def many(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new if new is not None and v == old else v
                     for v in values if v != old or new is not None)

    if isinstance(element, Application):
        subscribes: list[Subscription] = []
        for s in element.subscribes:
            if new is None and old in (s.topic, s.via):
                continue
            subscribes.append(dataclasses.replace(s, topic=one(s.topic) or s.topic,
                                                  via=one(s.via)))
        hooks = element.webhooks
        return dataclasses.replace(
            element,
            backend=one(element.backend),
            publishes=tuple(dataclasses.replace(p, topic=new)
                            if new is not None and p.topic == old else p
                            for p in element.publishes if p.topic != old or new is not None),
            calls=many(element.calls),
            subscribes=tuple(subscribes),
            webhooks=hooks and dataclasses.replace(hooks, topics=many(hooks.topics)),
            writes=many(element.writes),
            reads=many(element.reads),
        )
    if isinstance(element, Topic):
        return dataclasses.replace(element, broker=one(element.broker),
                                   messages=many(element.messages))
    if isinstance(element, Endpoint):
        return dataclasses.replace(
            element, provider=one(element.provider) or element.provider,
            request=one(element.request),
            responses={status: one(m) for status, m in element.responses.items()})
    if isinstance(element, Note):
        return dataclasses.replace(element, on=one(element.on))
    return element
