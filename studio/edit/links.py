"""The links between elements: which exist (to draw them), which may be made (and why not).

Links are not stored on their own: each is a field of an element (an application's
``publishes``, a topic's ``broker``...). ``links_of`` lists them for the canvas and
diagrams; ``plan_connection`` turns "drag from A to B" into the changed element or into a
``Refusal`` whose reason the studio shows; ``without_link`` cuts one link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from studio.model import (
    Application,
    Broker,
    Design,
    Element,
    Endpoint,
    Note,
    Publication,
    Subscription,
    Topic,
    kind_name,
)

# kind: what the edge means; drawn from source to target along the data or request flow
PUBLISHES, SUBSCRIBES, WEBHOOK, CALLS, WRITES, READS, FRONTS, PINNED = (
    "publishes", "subscribes", "webhook", "calls", "writes", "reads", "fronts", "pinned")
# a topic an evented API delivers by webhook (its ``webhooks.topics``): canvas only, see
# ``webhook_deliveries``
DELIVERS = "delivers"


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


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a connection cannot be made, in one sentence for the user."""

    reason: str


@dataclass(frozen=True, slots=True)
class Connection:
    """A connection that can be made: the element to change and its new value."""

    element_id: str
    new: Element
    label: str


def links_of(design: Design) -> Iterator[Link]:
    """Every link of the design, application by application, then notes."""
    for app in design.applications:
        yield from owned_links(app)
    for note in design.notes:
        yield from owned_links(note)


def owned_links(element: Element) -> Iterator[Link]:
    """The links held in ``element``'s own fields (see ``link_owner``)."""
    if isinstance(element, Note) and element.on:
        yield Link(PINNED, element.id, element.on)
    if not isinstance(element, Application):
        return
    app = element
    for p in app.publishes:
        yield Link(PUBLISHES, app.id, p.topic)
    for s in app.subscribes:
        yield (Link(WEBHOOK, s.via, app.id, s.topic) if s.via
               else Link(SUBSCRIBES, s.topic, app.id))
    for endpoint in app.calls:
        yield Link(CALLS, app.id, endpoint)
    for store in app.writes:
        yield Link(WRITES, app.id, store)
    for store in app.reads:
        yield Link(READS, store, app.id)
    if app.backend:
        yield Link(FRONTS, app.id, app.backend)


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


def _name(element: Element) -> str:
    return getattr(element, "name", None) or element.id


def plan_connection(source: Element, target: Element) -> Connection | Refusal:
    """What dragging from ``source`` to ``target`` means, or why it means nothing."""
    if source.id == target.id:
        return Refusal("An element cannot be connected to itself.")
    if isinstance(source, Note):
        return Connection(source.id, dataclasses.replace(source, on=target.id),
                          f"Pin note to '{target.id}'")
    if isinstance(source, Application):
        return _from_application(source, target)
    if isinstance(source, Topic):
        return _from_topic(source, target)
    if isinstance(source, Endpoint):
        return Refusal("Endpoints are called, they call nothing: drag from the calling "
                       "application to the endpoint.")
    return Refusal(f"A {kind_name(source)} cannot start a connection.")


def _from_application(app: Application, target: Element) -> Connection | Refusal:
    if isinstance(target, Topic):
        if any(p.topic == target.id for p in app.publishes):
            return Refusal(f"{_name(app)} already publishes to {target.address}.")
        if app.kind == "datastore":
            return Refusal("A datastore does not publish; connect the service that reads it.")
        new = dataclasses.replace(app, publishes=(*app.publishes, Publication(target.id)))
        return Connection(app.id, new, f"{_name(app)} publishes to {target.address}")
    if isinstance(target, Endpoint):
        if target.provider == app.id:
            return Refusal(f"{_name(app)} provides {target.method} {target.path}; an "
                           "application does not call its own endpoint.")
        if target.id in app.calls:
            return Refusal(f"{_name(app)} already calls {target.method} {target.path}.")
        new = dataclasses.replace(app, calls=(*app.calls, target.id))
        return Connection(app.id, new, f"{_name(app)} calls {target.method} {target.path}")
    if isinstance(target, Application):
        return _between_applications(app, target)
    if isinstance(target, Broker):
        return Refusal("Applications reach a broker through its topics: connect to a topic.")
    return Refusal(f"An application cannot be connected to a {kind_name(target)}.")


def _between_applications(app: Application, target: Application) -> Connection | Refusal:
    if app.webhooks and app.webhooks.topics and target.kind != "datastore":
        topics = [t for t in app.webhooks.topics
                  if not any(s.topic == t and s.via == app.id for s in target.subscribes)]
        if not topics:
            return Refusal(f"{_name(target)} already receives every webhook topic of "
                           f"{_name(app)}.")
        added = tuple(Subscription(t, via=app.id) for t in topics)
        new = dataclasses.replace(target, subscribes=(*target.subscribes, *added))
        return Connection(target.id, new, f"{_name(target)} registers a webhook at {_name(app)}")
    if target.kind == "datastore" and app.kind != "datastore":
        if target.id in app.writes:
            return Refusal(f"{_name(app)} already writes {_name(target)}.")
        new = dataclasses.replace(app, writes=(*app.writes, target.id))
        return Connection(app.id, new, f"{_name(app)} writes {_name(target)}")
    if app.kind == "datastore" and target.kind != "datastore":
        if app.id in target.reads:
            return Refusal(f"{_name(target)} already reads {_name(app)}.")
        new = dataclasses.replace(target, reads=(*target.reads, app.id))
        return Connection(target.id, new, f"{_name(target)} reads {_name(app)}")
    if app.kind == "api" and target.kind == "backend":
        new = dataclasses.replace(app, backend=target.id)
        return Connection(app.id, new, f"{_name(app)} fronts {_name(target)}")
    return Refusal(
        f"{_name(app)} and {_name(target)} cannot be linked directly: applications connect "
        "through a topic, an endpoint, a datastore, an evented API's webhooks, or an API "
        "fronting a backend.")


def _from_topic(topic: Topic, target: Element) -> Connection | Refusal:
    if isinstance(target, Application):
        if target.kind == "datastore":
            return Refusal("A datastore does not consume topics; connect the service that "
                           "writes it.")
        if any(s.topic == topic.id and not s.via for s in target.subscribes):
            return Refusal(f"{_name(target)} already subscribes to {topic.address}.")
        new = dataclasses.replace(target, subscribes=(*target.subscribes,
                                                      Subscription(topic.id)))
        return Connection(target.id, new, f"{_name(target)} subscribes to {topic.address}")
    if isinstance(target, Broker):
        return Connection(topic.id, dataclasses.replace(topic, broker=target.id),
                          f"Move {topic.address} to {_name(target)}")
    if isinstance(target, Topic):
        return Refusal("Topics do not feed each other: add an application that consumes one "
                       "and publishes the other.")
    return Refusal(f"A topic cannot be connected to a {kind_name(target)}; topics deliver to "
                   "applications.")


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
        new = dataclasses.replace(app, publishes=tuple(p for p in app.publishes
                                                       if p.topic != link.target))
    elif link.kind == SUBSCRIBES:
        new = dataclasses.replace(app, subscribes=tuple(
            s for s in app.subscribes if not (s.topic == link.source and not s.via)))
    elif link.kind == WEBHOOK:
        new = dataclasses.replace(app, subscribes=tuple(
            s for s in app.subscribes if not (s.topic == link.topic and s.via == link.source)))
    elif link.kind == CALLS:
        new = dataclasses.replace(app, calls=tuple(c for c in app.calls if c != link.target))
    elif link.kind == WRITES:
        new = dataclasses.replace(app, writes=tuple(w for w in app.writes if w != link.target))
    elif link.kind == READS:
        new = dataclasses.replace(app, reads=tuple(r for r in app.reads if r != link.source))
    elif link.kind == FRONTS:
        new = dataclasses.replace(app, backend=None)
    elif link.kind == DELIVERS and app.webhooks is not None:
        new = dataclasses.replace(app, webhooks=dataclasses.replace(app.webhooks, topics=tuple(
            t for t in app.webhooks.topics if t != link.source)))
    else:
        return None
    return None if new == app else new
