"""What each palette entry adds: a new element, placed where it was dropped, or why not.

The canvas reports only where the entry was dropped and what lies under that point (an
element, or a broker's frame); everything the drop means is decided here, without Qt: an
application kind or evented API, a topic on the broker it was dropped into (with an address
following that broker's taxonomy), an endpoint of the application it was dropped onto, a
broker, or a note pinned to what it was dropped on.
"""

from __future__ import annotations

from studio.edit.commands import AddElement
from studio.edit.refusal import Refusal
from studio.model import (
    Application,
    Broker,
    Document,
    Element,
    Endpoint,
    Note,
    Position,
    Topic,
    Webhooks,
)
from studio.model.taxonomy import propose_address

APPLICATION_KINDS = ("backend", "service", "api", "client", "datastore", "evented")
NEW_BROKER_PROTOCOL = "kafka"


def proposed_address(doc: Document, broker_id: str | None, fallback: str) -> str:
    """An address following the taxonomy of the broker's protocol, when there is one; a
    topic on no broker yet follows the protocol a new broker gets (Kafka)."""
    broker = doc.get(broker_id) if broker_id else None
    protocol = broker.protocol if isinstance(broker, Broker) else NEW_BROKER_PROTOCOL
    rule = doc.design.taxonomy.get(protocol)
    if rule is None:
        return fallback.replace("-", ".")
    return propose_address(rule, {"version": "1"})


def drop_from_palette(
    doc: Document,
    kind: str,
    position: Position,
    under: str | None = None,
    into_broker: str | None = None,
) -> AddElement | Refusal:
    """The command adding a ``kind`` dropped at ``position``; ``under`` is the element
    dropped on, ``into_broker`` the broker whose frame it was dropped into."""
    element: Element
    if kind in APPLICATION_KINDS:
        evented = kind == "evented"
        element = Application(
            doc.unused_id("evented-api" if evented else kind),
            name="New evented API" if evented else f"New {kind}",
            kind="api" if evented else kind,
            webhooks=Webhooks() if evented else None,
        )
    elif kind == "topic":
        broker = into_broker or (doc.design.brokers[0].id if doc.design.brokers else None)
        topic_id = doc.unused_id("topic")
        element = Topic(topic_id, address=proposed_address(doc, broker, topic_id), broker=broker)
    elif kind == "endpoint":
        provider = doc.get(under) if under else None
        if not isinstance(provider, Application) or provider.kind == "datastore":
            return Refusal("Drop an endpoint onto the application that provides it.")
        # docked under its provider, so it has no position of its own
        return AddElement(
            Endpoint(
                doc.unused_id("endpoint"), provider=provider.id, method="GET", path="/resources"
            )
        )
    elif kind == "broker":
        element = Broker(doc.unused_id("broker"), name="New broker", protocol=NEW_BROKER_PROTOCOL)
    elif kind == "note":
        element = Note(doc.unused_id("note"), on=under, author=None, text="")
    else:
        return Refusal(f"Unknown palette entry '{kind}'.")
    return AddElement(element, position)
