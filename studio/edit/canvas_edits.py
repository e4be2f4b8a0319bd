"""The edits the canvas offers on one element, decided without Qt: its label typed in place,
a new message on a topic, a topic moved into a broker.

The label of an element is the text its canvas item shows: an application's or broker's
name (the id stands in while it has none), a topic's address, an endpoint's path, a note's
text. Editing it in place changes that field, never the id: an id is a key other elements
and other files refer to, and it is renamed (with every reference) in Properties.
"""

from __future__ import annotations

import dataclasses
import re

from studio.edit.commands import AddElement, Command, Macro, ReplaceElement
from studio.edit.refusal import Refusal
from studio.model import (
    Application,
    Broker,
    Document,
    Element,
    Endpoint,
    Message,
    Note,
    Topic,
    kind_name,
)

# which field of each kind its canvas label shows
_LABEL_FIELDS: tuple[tuple[type, str], ...] = (
    (Application, "name"),
    (Broker, "name"),
    (Topic, "address"),
    (Endpoint, "path"),
    (Note, "text"),
)


def label_field(element: Element) -> str | None:
    """The field the element's canvas label shows, or None when it has no label."""
    return next((name for kind, name in _LABEL_FIELDS if isinstance(element, kind)), None)


def label_of(element: Element) -> str:
    """The text an in-place editor starts with: the label as the canvas shows it."""
    field = label_field(element)
    value = getattr(element, field, None) if field else None
    return value if value else (element.id if field == "name" else "")


def relabel(doc: Document, element_id: str, text: str) -> Command | Refusal | None:
    """The command giving an element the label ``text``; a Refusal saying why it cannot be
    given; None when nothing changes."""
    element = doc.get(element_id)
    field = label_field(element) if element is not None else None
    if element is None or field is None:
        return Refusal(f"'{element_id}' has no label to edit.")
    text = text.strip()
    if field == "name":
        # an emptied name (or the id typed back) means "no name": the id shows again
        value: str | None = text if text and text != element.id else None
    elif not text:
        article = "an" if field == "address" else "a"
        return Refusal(
            f"A {kind_name(element)} needs {article} {field}; press Escape to keep the old one."
        )
    elif field == "path" and not text.startswith("/"):
        return Refusal("An endpoint's path starts with '/', e.g. /customers/{id}.")
    else:
        value = text
    if getattr(element, field) == value:
        return None
    new = dataclasses.replace(element, **{field: value})  # type: ignore[arg-type]
    shown = value if value is not None else element.id
    return ReplaceElement(element_id, new, label=f"Rename '{element_id}' to '{shown}'")


def new_message(doc: Document, topic_id: str) -> Command | Refusal:
    """A new JSON message listed on the topic, named after it (as Properties adds one)."""
    topic = doc.get(topic_id)
    if not isinstance(topic, Topic):
        return Refusal("Messages are added to topics.")
    new_id = doc.unused_id(f"{topic.id[:48]}-message")
    # a readable default name: "customer-changed" -> "CustomerChanged"
    name = "".join(part.capitalize() for part in re.split(r"[-_.]+", topic.id) if part)
    message = Message(id=new_id, name=name or None, content_type="application/json")
    listed = dataclasses.replace(topic, messages=(*topic.messages, new_id))
    return Macro(
        f"New message '{new_id}' on '{topic.id}'",
        [AddElement(message), ReplaceElement(topic.id, listed)],
    )


def into_broker(doc: Document, topic_id: str, broker_id: str) -> Command | Refusal | None:
    """Put a topic on a broker (or move it to another); None when it is there already."""
    topic, broker = doc.get(topic_id), doc.get(broker_id)
    if not isinstance(topic, Topic) or not isinstance(broker, Broker):
        return Refusal("Only a topic can be brought into a broker.")
    if topic.broker == broker_id:
        return None
    return ReplaceElement(
        topic_id,
        dataclasses.replace(topic, broker=broker_id),
        label=f"Move '{topic_id}' into broker '{broker_id}'",
    )
