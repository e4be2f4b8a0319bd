"""The links between elements: what a relation is, and which links a design draws.

Links are not stored on their own: each is a reference field of an element (an application's
``publishes``, a note's target...; see ``studio.model.references``). ``links_of`` lists them
for the canvas, diagrams, layout and diff, drawn from source to target along the data or
request flow; ``link_owner`` says whose field holds a link and ``without_link`` cuts one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from studio.model.design import Design
from studio.model.elements import Application, Element, Note, Subscription
from studio.model.references import (
    BACKEND,
    CALL,
    NOTE_TARGET,
    PUBLICATION,
    READ,
    SUBSCRIPTION,
    SUBSCRIPTION_VIA,
    WRITE,
    Reference,
    mentions,
)

# kind: what the edge means; drawn from source to target along the data or request flow
PUBLISHES, SUBSCRIBES, WEBHOOK, CALLS, WRITES, READS, FRONTS, PINNED = (
    "publishes",
    "subscribes",
    "webhook",
    "calls",
    "writes",
    "reads",
    "fronts",
    "pinned",
)
# a topic an evented API delivers by webhook (its ``webhooks.topics``): canvas only, see
# ``webhook_deliveries``
DELIVERS = "delivers"

# The link each reference is drawn as, and whether it is drawn from the element named to the
# element holding the reference (data flows from a topic to its subscriber, from a store to
# its reader). References not listed here (a topic's broker, an endpoint's provider and
# bodies, webhook topics) are not drawn as links.
_DRAWN: dict[Reference, tuple[str, bool]] = {
    PUBLICATION: (PUBLISHES, False),
    SUBSCRIPTION: (SUBSCRIBES, True),
    SUBSCRIPTION_VIA: (WEBHOOK, True),
    CALL: (CALLS, False),
    WRITE: (WRITES, False),
    READ: (READS, True),
    BACKEND: (FRONTS, False),
    NOTE_TARGET: (PINNED, False),
}


@dataclass(frozen=True, slots=True)
class Link:
    """One drawn relation; ``topic`` names the topic a webhook delivery carries."""

    kind: str
    source: str
    target: str
    topic: str | None = None

    @property
    def key(self) -> str:
        """A stable identity for the canvas."""
        return f"{self.kind}:{self.source}>{self.target}" + (f"@{self.topic}" if self.topic else "")


def links_of(design: Design) -> Iterator[Link]:
    """Every link of the design, application by application, then notes."""
    for app in design.applications:
        yield from owned_links(app)
    for note in design.notes:
        yield from owned_links(note)


def owned_links(element: Element) -> Iterator[Link]:
    """The links held in ``element``'s own fields (see ``link_owner``)."""
    return (link for link, _ in held_links(element))


def held_links(element: Element) -> Iterator[tuple[Link, Any]]:
    """``owned_links`` with the part holding each: its publication or subscription (whose
    settings belong to the link), else the element itself."""
    for mention in mentions(element):
        drawn = _DRAWN.get(mention.reference)
        if drawn is None:
            continue
        kind, inbound = drawn
        holder = mention.holder
        if isinstance(holder, Subscription) and holder.via:
            # delivered by webhook: one link from the evented API carrying the topic, so the
            # subscription's topic draws nothing of its own
            if kind == WEBHOOK:
                yield Link(WEBHOOK, holder.via, element.id, holder.topic), holder
            continue
        source, target = (mention.target, element.id) if inbound else (element.id, mention.target)
        yield Link(kind, source, target), holder


def webhook_deliveries(element: Element) -> Iterator[Link]:
    """The topics an evented API delivers by webhook, as links topic -> API, for the canvas.

    Not part of ``links_of``: the diff reports the ``webhooks`` field itself, and a topic the
    API also subscribes to directly is already joined to it by that subscription's line.
    """
    if not isinstance(element, Application) or element.webhooks is None:
        return
    direct = {s.topic for s in element.subscribes if not s.via}
    for topic in element.webhooks.topics:
        if topic not in direct:
            yield Link(DELIVERS, topic, element.id, topic)


def link_owner(link: Link) -> str:
    """The id of the element whose field holds ``link``."""
    return link.target if link.kind in (SUBSCRIBES, WEBHOOK, READS, DELIVERS) else link.source


def without_link(owner: Element, link: Link) -> Element | None:
    """``owner`` (see ``link_owner``) with ``link`` cut, or None when it has no such link."""
    if isinstance(owner, Note) and link.kind == PINNED:
        return dataclasses.replace(owner, on=None) if owner.on else None
    if not isinstance(owner, Application):
        return None
    app = owner
    if link.kind == PUBLISHES:
        new = dataclasses.replace(
            app, publishes=tuple(p for p in app.publishes if p.topic != link.target)
        )
    elif link.kind == SUBSCRIBES:
        new = dataclasses.replace(
            app,
            subscribes=tuple(
                s for s in app.subscribes if not (s.topic == link.source and not s.via)
            ),
        )
    elif link.kind == WEBHOOK:
        new = dataclasses.replace(
            app,
            subscribes=tuple(
                s for s in app.subscribes if not (s.topic == link.topic and s.via == link.source)
            ),
        )
    elif link.kind == CALLS:
        new = dataclasses.replace(app, calls=tuple(c for c in app.calls if c != link.target))
    elif link.kind == WRITES:
        new = dataclasses.replace(app, writes=tuple(w for w in app.writes if w != link.target))
    elif link.kind == READS:
        new = dataclasses.replace(app, reads=tuple(r for r in app.reads if r != link.source))
    elif link.kind == FRONTS:
        new = dataclasses.replace(app, backend=None)
    elif link.kind == DELIVERS and app.webhooks is not None:
        new = dataclasses.replace(
            app,
            webhooks=dataclasses.replace(
                app.webhooks, topics=tuple(t for t in app.webhooks.topics if t != link.source)
            ),
        )
    else:
        return None
    return None if new == app else new


def link_phrase(link: Link) -> str:
    """A relation as a noun, along its data flow: ``publication erp → customer-changed``."""
    phrases = {
        PUBLISHES: f"publication {link.source} → {link.target}",
        SUBSCRIBES: f"subscription {link.source} → {link.target}",
        WEBHOOK: f"webhook delivery of {link.topic} {link.source} → {link.target}",
        CALLS: f"call {link.source} → {link.target}",
        WRITES: f"write {link.source} → {link.target}",
        READS: f"read {link.source} → {link.target}",
        FRONTS: f"fronting {link.source} → {link.target}",
        PINNED: f"note pin {link.source} → {link.target}",
    }
    return phrases.get(link.kind, link.key)
