"""The topic form: address, broker, description, bindings and the messages it carries.

Messages are edited where users think of them, under their topic: selecting one in the list
opens the message form below it. "New message" adds a message and lists it on the topic in
one undo step. Bindings are free-form protocol data passed to AsyncAPI as written, so they are
shown as YAML for reading; they are edited in the file.
"""

from __future__ import annotations

import dataclasses
import re

import yaml
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.edit import AddElement, Macro, ReplaceElement
from studio.gui.panels import properties_base as base
from studio.gui.panels.columns import column
from studio.gui.panels.form_box import FormBox
from studio.gui.panels.properties_message import MessageForm
from studio.gui.panels.properties_widgets import PickCombo, RemovableList, must_not_be_empty
from studio.model import Broker, Change, Element, ElementReplaced, Message, Topic
from studio.model.taxonomy import check_address


class TopicForm(base.ElementForm):
    """One topic, with the form of the message selected in its list."""

    def __init__(self, ctx: base.FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._message_id: str | None = None
        topic_box = FormBox.with_id(self, "Topic")
        self.address_field = topic_box.checked_row(
            "Address", "address", must_not_be_empty, "domain.entity.event.v1"
        )
        self.address_edit = self.address_field.edit
        # the taxonomy is advice, not a rule of the file: off-pattern addresses are saved,
        # and flagged here as they are typed (and by MS106 in Problems)
        self.taxonomy_hint = topic_box.row("", QLabel())
        self.taxonomy_hint.setObjectName("taxonomy-hint")
        self.taxonomy_hint.setWordWrap(True)
        self.taxonomy_hint.setStyleSheet("color: #b7791f;")
        self.taxonomy_hint.hide()
        self.address_edit.textEdited.connect(self._check_taxonomy)
        self.broker_combo = topic_box.choice_row("Broker", "broker", optional=True)
        self.description_edit = topic_box.description_row()
        self.bindings_text = topic_box.row("Bindings", base.read_only_text(5, "bindings"))
        self.bindings_text.setPlaceholderText("(no bindings)")

        self.messages_list = RemovableList("messages")
        self.messages_list.remove_requested.connect(self._remove_message)
        self.messages_list.currentRowChanged.connect(self._select_message)
        self.add_message = PickCombo("Add existing message…", "add-message")
        self.add_message.picked.connect(self._add_message)
        self.new_message = QPushButton("New message")
        self.new_message.setObjectName("new-message")
        self.new_message.clicked.connect(self._new_message)
        self.message_form = MessageForm(ctx)

        messages_box = QGroupBox("Messages")
        messages = QVBoxLayout(messages_box)
        messages.addWidget(self.messages_list)
        adding = QHBoxLayout()
        adding.addWidget(self.add_message, 1)
        adding.addWidget(self.new_message)
        messages.addLayout(adding)
        self.message_hint = base.hint_label("Select a message to edit it.")
        messages.addWidget(self.message_hint)
        column(self, topic_box, messages_box, self.message_form)

    @property
    def selected_message(self) -> str | None:
        return self.messages_list.current_key()

    def select_message(self, message_id: str | None) -> None:
        if message_id != self._message_id:
            self.message_form.commit_typed_id()
        self._message_id = message_id
        self.message_form.clear_errors()
        self.refresh()

    def show_element(self, element_id: str | None) -> None:
        if element_id != self.element_id:
            self._message_id = None
        super().show_element(element_id)

    def follow(self, change: Change) -> bool:
        if isinstance(change, ElementReplaced) and change.old.id == self._message_id:
            self._message_id = change.new.id
        return super().follow(change)

    def _check_taxonomy(self, address: str, broker_id: str | None = None) -> None:
        design = self.ctx.doc.design
        if broker_id is None:
            topic = self.ctx.doc.get(self.element_id or "")
            broker_id = topic.broker if isinstance(topic, Topic) else None
        broker = self.ctx.doc.get(broker_id or "")
        rule = design.taxonomy.get(broker.protocol) if isinstance(broker, Broker) else None
        mismatch = check_address(address.strip(), rule) if rule else None
        protocol = broker.protocol if isinstance(broker, Broker) else ""
        self.taxonomy_hint.setText(
            f"Off the {protocol} taxonomy: {mismatch.reason} ({rule.pattern})"
            if mismatch and rule
            else ""
        )
        self.taxonomy_hint.setVisible(mismatch is not None)

    def load(self, element: Element) -> None:
        assert isinstance(element, Topic)
        design = self.ctx.doc.design
        self.address_field.set_value(element.address)
        self._check_taxonomy(element.address, element.broker)
        brokers = [("(none)", "")] + [(b.id, b.id) for b in design.brokers]
        base.show_choice(self.broker_combo, brokers, element.broker)
        base.set_plain_text(self.description_edit, element.description)
        base.set_plain_text(
            self.bindings_text,
            yaml.safe_dump(
                element.bindings, sort_keys=False, allow_unicode=True, default_flow_style=False
            )
            if element.bindings
            else "",
        )

        self.messages_list.set_entries([self._entry(m) for m in element.messages])
        self.add_message.set_choices(
            [(m.id, m.id) for m in design.messages if m.id not in element.messages]
        )
        # The selection is kept while its message is briefly unlisted: renaming a message
        # renames it first and rewrites the topic's list in the next step of the same macro.
        listed = self._message_id in element.messages
        self.messages_list.select_key(self._message_id if listed else None)
        shown = listed and self._message_id in self.ctx.doc
        self.message_form.setVisible(shown)
        self.message_hint.setVisible(bool(element.messages) and not shown)
        if shown:
            self.message_form.element_id = self._message_id
            self.message_form.refresh()

    def _entry(self, message_id: str) -> tuple[str, str, str]:
        message = self.ctx.doc.get(message_id)
        if not isinstance(message, Message):
            return message_id, f"{message_id} (unknown)", "No message has this id."
        return message_id, message_id, message.name or message.summary or ""

    # -- edits -----------------------------------------------------------------------

    def _select_message(self, row: int) -> None:
        keys = self.messages_list.keys()
        self.select_message(keys[row] if 0 <= row < len(keys) else None)

    def _remove_message(self, row: int) -> None:
        topic = self.element()
        if not isinstance(topic, Topic) or row >= len(topic.messages):
            return
        gone = topic.messages[row]
        self.change(
            f"Remove message '{gone}' from '{topic.id}'",
            messages=topic.messages[:row] + topic.messages[row + 1 :],
        )

    def _add_message(self, message_id: str) -> None:
        topic = self.element()
        if isinstance(topic, Topic) and message_id not in topic.messages:
            self.change(
                f"Add message '{message_id}' to '{topic.id}'",
                messages=(*topic.messages, message_id),
            )

    def _new_message(self) -> None:
        topic = self.element()
        if not isinstance(topic, Topic) or self.ctx.read_only:
            return
        new_id = self.ctx.doc.unused_id(f"{topic.id[:48]}-message")
        # A readable default name: "customer-changed" -> "CustomerChanged".
        name = "".join(part.capitalize() for part in re.split(r"[-_.]+", topic.id) if part)
        message = Message(id=new_id, name=name or None, content_type="application/json")
        listed = dataclasses.replace(topic, messages=(*topic.messages, new_id))
        self.ctx.push(
            Macro(
                f"New message '{new_id}' on '{topic.id}'",
                [AddElement(message), ReplaceElement(topic.id, listed)],
            )
        )
        self.select_message(new_id)
