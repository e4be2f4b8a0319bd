"""The forms without links of their own: the design itself, brokers and review notes.

The design form edits document sections (``info`` and the ``registry`` path) with
``SetSection``; the others replace their element like every form. The registry path is typed
or picked in a ``RegistryPathField``, which stores it relative to the design file as FORMATS.md
wants; the window loads the file as soon as the path changes, and this form then says what
was loaded, or why nothing was.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from studio.edit import SetSection
from studio.gui.panels.columns import column
from studio.gui.panels.form_box import FormBox
from studio.gui.panels.properties_base import (
    ElementForm,
    FormContext,
    hint_label,
    line_edit,
    or_none,
    set_checked,
    set_plain_text,
    set_text,
    show_choice,
    text_edit,
)
from studio.gui.panels.registry_path_field import RegistryPathField
from studio.model import PROTOCOLS, Broker, Element, Note


class DesignForm(ElementForm):
    """What the design is about (``info``) and which registry file it uses."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        info = FormBox(self, "Design")
        self.title_edit = info.row("Title", self._info_line("title", "Mesh title"))
        self.version_edit = info.row("Version", self._info_line("version", "1.0.0"))
        self.owner_edit = info.row("Owner", self._info_line("owner", "team"))
        self.description_edit = info.row(
            "Description", text_edit(lambda t: self._edit_info("description", t), 5, "description")
        )
        self.file_label = info.row("File", hint_label())
        registry = FormBox(self, "Schema registry")
        self.registry_field = registry.row(
            "Registry file", RegistryPathField(lambda: self.ctx.doc.path, self._edit_registry)
        )
        self.registry_edit = self.registry_field.edit
        self.registry_browse = self.registry_field.browse
        self.registry_error = self.registry_field.error
        self.registry_status = registry.row("", hint_label())
        column(self, info, registry)

    def _info_line(self, field: str, placeholder: str) -> QLineEdit:
        return line_edit(lambda t: self._edit_info(field, t), placeholder, field)

    def refresh(self) -> None:
        self.load(None)
        super().refresh()

    def load(self, element: Element | None) -> None:
        design = self.ctx.doc.design
        set_text(self.title_edit, design.info.title)
        set_text(self.version_edit, design.info.version)
        set_text(self.owner_edit, design.info.owner)
        set_plain_text(self.description_edit, design.info.description)
        path = self.ctx.doc.path
        set_text(self.file_label, str(path) if path else "Not saved yet.")
        self.registry_field.set_value(design.registry, self.ctx.registry_problem)
        set_text(self.registry_status, self._registry_status())

    def _edit_info(self, field: str, text: str) -> None:
        info = self.ctx.doc.design.info
        changes: dict[str, Any] = {field: or_none(text)}  # title, version or description
        new = dataclasses.replace(info, **changes)
        if new != info:
            self.ctx.push(SetSection("info", new, label=f"Edit {field} of the design", key=field))

    def _registry_status(self) -> str:
        registry, name = self.ctx.registry, self.ctx.doc.design.registry
        if registry is not None:
            count = len(registry.subjects)
            return f"{count} subject{'s' if count != 1 else ''} loaded from {name}."
        if name and self.ctx.doc.path is None:
            return "Not loaded yet: the file is found relative to the design file, once saved."
        return "No registry loaded: subjects are typed freely."

    def _edit_registry(self, path: str | None, picked: bool) -> None:
        if path != self.ctx.doc.design.registry:
            # typing merges into one step; a picked file is a step of its own
            label = (
                "Choose registry file of the design"
                if picked
                else "Edit registry file of the design"
            )
            self.ctx.push(
                SetSection("registry", path, label=label, key=None if picked else "registry")
            )


class BrokerForm(ElementForm):
    """A server topics live on."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        broker = FormBox.with_id(self, "Broker")
        self.name_edit = broker.text_row("Name", "name", "Kafka (prod)")
        self.protocol_combo = broker.choice_row("Protocol", "protocol")
        self.host_edit = broker.text_row("Host", "host", "kafka.internal:9092")
        self.description_edit = broker.description_row()
        self.registry_url_edit = broker.text_row(
            "Schema registry",
            "schema_registry_url",
            "https://registry.internal",
            key="schemaRegistryUrl",
            what="schema registry URL",
        )
        column(self, broker)

    def load(self, element: Element) -> None:
        assert isinstance(element, Broker)
        set_text(self.name_edit, element.name)
        show_choice(self.protocol_combo, [(p, p) for p in PROTOCOLS], element.protocol)
        set_text(self.host_edit, element.host)
        set_plain_text(self.description_edit, element.description)
        set_text(self.registry_url_edit, element.schema_registry_url)


class NoteForm(ElementForm):
    """A review comment: who wrote it, what it says, whether it is settled."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        note = FormBox(self, "Review note")
        self.on_label = note.row("On", QLabel())
        self.on_label.setObjectName("on")
        self.author_edit = note.text_row("Author", "author", "reviewer")
        # a note's text is a string, never absent: a blank one is ""
        self.text_edit = note.row(
            "Text", text_edit(lambda t: self.edit("text", "text", text=or_none(t) or ""), 6, "text")
        )
        self.resolved_check = note.row("", QCheckBox("Resolved"))
        self.resolved_check.setObjectName("resolved")
        self.resolved_check.toggled.connect(
            lambda checked: self.edit("resolved flag", "resolved", resolved=checked)
        )
        column(self, note)

    def load(self, element: Element) -> None:
        assert isinstance(element, Note)
        set_text(self.on_label, element.on or "(the design)")
        set_text(self.author_edit, element.author)
        set_plain_text(self.text_edit, element.text)
        set_checked(self.resolved_check, element.resolved)
