"""Which links may be made between elements, and why not.

``plan_connection`` turns "drag from A to B" into the changed element or into a ``Refusal``
whose reason the studio shows. What a link is and which exist is the model's business
(``studio.model.relations``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from studio.edit.refusal import Refusal
from studio.model import (
    Application,
    Broker,
    Element,
    Endpoint,
    Note,
    Publication,
    Subscription,
    Topic,
    display_name,
    kind_name,
)


@dataclass(frozen=True, slots=True)
class Connection:
    """A connection that can be made: the element to change and its new value."""

    element_id: str
    new: Element
    label: str


def plan_connection(source: Element, target: Element) -> Connection | Refusal:
    """What dragging from ``source`` to ``target`` means, or why it means nothing."""
    if source.id == target.id:
        return Refusal("An element cannot be connected to itself.")
    if isinstance(source, Note):
        return Connection(
            source.id, dataclasses.replace(source, on=target.id), f"Pin note to '{target.id}'"
        )
    if isinstance(source, Application):
        return _from_application(source, target)
    if isinstance(source, Topic):
        return _from_topic(source, target)
    if isinstance(source, Endpoint):
        return Refusal(
            "Endpoints are called, they call nothing: drag from the calling "
            "application to the endpoint."
        )
    return Refusal(f"A {kind_name(source)} cannot start a connection.")


def _from_application(app: Application, target: Element) -> Connection | Refusal:
    if isinstance(target, Topic):
        if any(p.topic == target.id for p in app.publishes):
            return Refusal(f"{display_name(app)} already publishes to {target.address}.")
        if app.kind == "datastore":
            return Refusal("A datastore does not publish; connect the service that reads it.")
        new = dataclasses.replace(app, publishes=(*app.publishes, Publication(target.id)))
        return Connection(app.id, new, f"{display_name(app)} publishes to {target.address}")
    if isinstance(target, Endpoint):
        if target.provider == app.id:
            return Refusal(
                f"{display_name(app)} provides {target.method} {target.path}; an "
                "application does not call its own endpoint."
            )
        if target.id in app.calls:
            return Refusal(f"{display_name(app)} already calls {target.method} {target.path}.")
        new = dataclasses.replace(app, calls=(*app.calls, target.id))
        return Connection(app.id, new, f"{display_name(app)} calls {target.method} {target.path}")
    if isinstance(target, Application):
        return _between_applications(app, target)
    if isinstance(target, Broker):
        return Refusal("Applications reach a broker through its topics: connect to a topic.")
    return Refusal(f"An application cannot be connected to a {kind_name(target)}.")


def _between_applications(app: Application, target: Application) -> Connection | Refusal:
    if app.webhooks and app.webhooks.topics and target.kind != "datastore":
        topics = [
            t
            for t in app.webhooks.topics
            if not any(s.topic == t and s.via == app.id for s in target.subscribes)
        ]
        if not topics:
            return Refusal(
                f"{display_name(target)} already receives every webhook topic of "
                f"{display_name(app)}."
            )
        added = tuple(Subscription(t, via=app.id) for t in topics)
        new = dataclasses.replace(target, subscribes=(*target.subscribes, *added))
        return Connection(
            target.id, new, f"{display_name(target)} registers a webhook at {display_name(app)}"
        )
    if target.kind == "datastore" and app.kind != "datastore":
        if target.id in app.writes:
            return Refusal(f"{display_name(app)} already writes {display_name(target)}.")
        new = dataclasses.replace(app, writes=(*app.writes, target.id))
        return Connection(app.id, new, f"{display_name(app)} writes {display_name(target)}")
    if app.kind == "datastore" and target.kind != "datastore":
        if app.id in target.reads:
            return Refusal(f"{display_name(target)} already reads {display_name(app)}.")
        new = dataclasses.replace(target, reads=(*target.reads, app.id))
        return Connection(target.id, new, f"{display_name(target)} reads {display_name(app)}")
    if app.kind == "api" and target.kind == "backend":
        new = dataclasses.replace(app, backend=target.id)
        return Connection(app.id, new, f"{display_name(app)} fronts {display_name(target)}")
    return Refusal(
        f"{display_name(app)} and {display_name(target)} cannot be linked directly: "
        "applications connect through a topic, an endpoint, a datastore, an evented API's "
        "webhooks, or an API fronting a backend."
    )


def _from_topic(topic: Topic, target: Element) -> Connection | Refusal:
    if isinstance(target, Application):
        if target.kind == "datastore":
            return Refusal(
                "A datastore does not consume topics; connect the service that writes it."
            )
        if any(s.topic == topic.id and not s.via for s in target.subscribes):
            return Refusal(f"{display_name(target)} already subscribes to {topic.address}.")
        new = dataclasses.replace(target, subscribes=(*target.subscribes, Subscription(topic.id)))
        return Connection(target.id, new, f"{display_name(target)} subscribes to {topic.address}")
    if isinstance(target, Broker):
        return Connection(
            topic.id,
            dataclasses.replace(topic, broker=target.id),
            f"Move {topic.address} to {display_name(target)}",
        )
    if isinstance(target, Topic):
        return Refusal(
            "Topics do not feed each other: add an application that consumes one "
            "and publishes the other."
        )
    return Refusal(
        f"A topic cannot be connected to a {kind_name(target)}; topics deliver to applications."
    )
