"""Assigning a registry subject to a message from the Registry browser.

The browser says which subject and version the user chose; the message it goes to is the one
Properties shows, or the only message of the topic Properties shows. The change is one
undoable command; anything else is refused with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from studio.edit import Command, ReplaceElement
from studio.model import Document, Message, SchemaRef, Topic, Version

NO_TARGET = (
    "Select a topic with one message (or open a message in Properties) to assign a subject to it."
)


class SubjectAssignment:
    """Makes a subject/version the payload of the message Properties points at."""

    def __init__(
        self,
        doc: Document,
        shown_id: Callable[[], str | None],
        push: Callable[[Command], None],
        refuse: Callable[[str], None],
    ) -> None:
        self.doc, self.shown_id, self.push, self.refuse = doc, shown_id, push, refuse

    def target_message(self) -> Message | None:
        """The message shown in Properties, or the only message of the topic shown there."""
        shown = self.doc.get(self.shown_id() or "")
        if isinstance(shown, Message):
            return shown
        if isinstance(shown, Topic) and len(shown.messages) == 1:
            message = self.doc.get(shown.messages[0])
            return message if isinstance(message, Message) else None
        return None

    def assign(self, subject: str, version: Version) -> None:
        message = self.target_message()
        if message is None:
            self.refuse(NO_TARGET)
            return
        new = dataclasses.replace(message, payload=SchemaRef(subject, version))
        label = f"Assign {subject} v{version} to '{message.id}'"
        self.push(ReplaceElement(message.id, new, label=label))
