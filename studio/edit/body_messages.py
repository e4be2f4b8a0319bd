"""A new message made the body of an endpoint's request or of one of its responses.

A REST body is a message, as a topic's event is, so that it can carry a registry payload. A
user giving a response a body it does not have yet needs the message and the reference to it
together: one ``Macro`` adds the message (its id derived from the endpoint and the status,
made unique) and points the body at it, so a single undo takes both back.
"""

from __future__ import annotations

import dataclasses
import re

from studio.edit.commands import AddElement, Macro, ReplaceElement
from studio.model import Document, Endpoint, Message

CONTENT_TYPE = "application/json"


def _camel(text: str) -> str:
    """``get-customer`` -> ``GetCustomer``: a readable default name, as for topic messages."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_.]+", text) if part)


def new_body_message(
    doc: Document, endpoint_id: str, status: str | None
) -> tuple[Macro, str] | None:
    """The step adding a message as the body of response ``status`` (None: the request) of
    the endpoint, and the new message's id; None when there is no such endpoint or status."""
    endpoint = doc.get(endpoint_id)
    if not isinstance(endpoint, Endpoint) or (
        status is not None and status not in endpoint.responses
    ):
        return None
    # ids start with a letter (the endpoint's id does) and are at most 64 characters
    part = "request" if status is None else f"{status.lower()}-response"
    new_id = doc.unused_id(f"{endpoint.id[:40]}-{part}")
    if status is None:
        name, where = f"{_camel(endpoint.id)}Request", "request"
        body = dataclasses.replace(endpoint, request=new_id)
    else:
        name, where = f"{_camel(endpoint.id)}{_camel(status)}Response", f"response {status}"
        body = dataclasses.replace(endpoint, responses={**endpoint.responses, status: new_id})
    message = Message(id=new_id, name=name, content_type=CONTENT_TYPE)
    label = f"New message '{new_id}' for the {where} of '{endpoint.id}'"
    return Macro(label, [AddElement(message), ReplaceElement(endpoint.id, body)]), new_id
