"""The forms without links of their own: the design itself, brokers and review notes.

The design form edits document sections (``info`` and the ``registry`` path) with
``SetSection``; the others replace their element like every form. The registry path is typed
or picked in a ``RegistryPathField``, which stores it relative to the design file as FORMATS.md
wants; the window loads the file as soon as the path changes, and this form then says what
was loaded, or why nothing was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from studio.edit import SetSection
from studio.gui.panels.properties_base import (
    ElementForm,
    FormContext,
    combo,
    form_layout,
    hint_label,
    line_edit,
    or_none,
    set_checked,
    set_current,
    set_items,
    set_plain_text,
    set_text,
    text_edit,
    with_current,
)
from studio.gui.panels.properties_widgets import IdField
from studio.gui.panels.registry_path_field import RegistryPathField
from studio.model import PROTOCOLS, Broker, Element, Note


class DesignForm(ElementForm):
    """What the design is about (``info``) and which registry file it uses."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title_edit = line_edit(lambda t: self._edit_info("title", t), "Mesh title", "title")
        self.version_edit = line_edit(lambda t: self._edit_info("version", t), "1.0.0", "version")
        self.owner_edit = line_edit(lambda t: self._edit_info("owner", t), "team", "owner")
        self.description_edit = text_edit(
            lambda t: self._edit_info("description", t), 5, "description"
        )
        self.registry_field = RegistryPathField(lambda: self.ctx.doc.path, self._edit_registry)
        self.registry_edit = self.registry_field.edit
        self.registry_browse = self.registry_field.browse
        self.registry_error = self.registry_field.error
        self.registry_status = hint_label()
        self.file_label = hint_label()

        info = QGroupBox("Design")
        form = form_layout(info)
        form.addRow("Title", self.title_edit)
        form.addRow("Version", self.version_edit)
        form.addRow("Owner", self.owner_edit)
        form.addRow("Description", self.description_edit)
        form.addRow("File", self.file_label)
        registry = QGroupBox("Schema registry")
        registry_form = form_layout(registry)
        registry_form.addRow("Registry file", self.registry_field)
        registry_form.addRow("", self.registry_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(info)
        layout.addWidget(registry)

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
        self.id_field: IdField = IdField()
        self.id_field.rename_requested.connect(self.rename)
        self.name_edit = line_edit(
            lambda t: self.edit("name", "name", name=or_none(t)), "Kafka (prod)", "name"
        )
        self.protocol_combo = combo(
            lambda p: self.edit("protocol", "protocol", protocol=p), "protocol"
        )
        self.host_edit = line_edit(
            lambda t: self.edit("host", "host", host=or_none(t)), "kafka.internal:9092", "host"
        )
        self.description_edit = text_edit(
            lambda t: self.edit("description", "description", description=or_none(t)),
            name="description",
        )
        self.registry_url_edit = line_edit(
            lambda t: self.edit(
                "schema registry URL", "schemaRegistryUrl", schema_registry_url=or_none(t)
            ),
            "https://registry.internal",
            "schemaRegistryUrl",
        )
        box = QGroupBox("Broker")
        form = form_layout(box)
        form.addRow("Id", self.id_field)
        form.addRow("Name", self.name_edit)
        form.addRow("Protocol", self.protocol_combo)
        form.addRow("Host", self.host_edit)
        form.addRow("Description", self.description_edit)
        form.addRow("Schema registry", self.registry_url_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def load(self, element: Element) -> None:
        assert isinstance(element, Broker)
        self.id_field.set_id(element.id)
        set_text(self.name_edit, element.name)
        set_items(self.protocol_combo, with_current([(p, p) for p in PROTOCOLS], element.protocol))
        set_current(self.protocol_combo, element.protocol)
        set_text(self.host_edit, element.host)
        set_plain_text(self.description_edit, element.description)
        set_text(self.registry_url_edit, element.schema_registry_url)


class NoteForm(ElementForm):
    """A review comment: who wrote it, what it says, whether it is settled."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.on_label = QLabel()
        self.on_label.setObjectName("on")
        self.author_edit = line_edit(self._text_edit("author"), "reviewer", "author")
        self.text_edit = text_edit(self._text_edit("text", empty=""), 6, "text")
        self.resolved_check = QCheckBox("Resolved")
        self.resolved_check.setObjectName("resolved")
        self.resolved_check.toggled.connect(
            lambda checked: self.edit("resolved flag", "resolved", resolved=checked)
        )
        box = QGroupBox("Review note")
        form = form_layout(box)
        form.addRow("On", self.on_label)
        form.addRow("Author", self.author_edit)
        form.addRow("Text", self.text_edit)
        form.addRow("", self.resolved_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def _text_edit(self, field: str, empty: str | None = None) -> Callable[[str], None]:
        def edit(text: str) -> None:
            self.edit(field, field, **{field: or_none(text) or empty})

        return edit

    def load(self, element: Element) -> None:
        assert isinstance(element, Note)
        set_text(self.on_label, element.on or "(the design)")
        set_text(self.author_edit, element.author)
        set_plain_text(self.text_edit, element.text)
        set_checked(self.resolved_check, element.resolved)
