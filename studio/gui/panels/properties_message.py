"""The message form, shown for a message or under the topic that carries it.

Payload and key are usually references into the schema registry: the subject is chosen from
the registry's subjects (or typed freely when no registry file is loaded) and the version from
that subject's live versions or ``latest``. A line under them says what the reference resolves
to, so a missing subject or a soft-deleted version is seen while editing, not at export time.
Inline JSON Schemas are shown read-only: they are structured data best edited in the file.
"""

from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from studio.gui.panels.columns import column
from studio.gui.panels.form_box import FormBox
from studio.gui.panels.properties_base import (
    ERROR_STYLE,
    HINT_STYLE,
    ElementForm,
    FormContext,
    hint_label,
    line_of,
    or_none,
    quiet,
    read_only_text,
    set_edit_text,
    set_items,
    set_plain_text,
    set_text,
)
from studio.gui.panels.properties_widgets import parse_version, version_combo, version_text
from studio.model import Element, InlineSchema, Message, SchemaRef, SchemaSource
from studio.registry import Registry

CONTENT_TYPES = (
    "application/json",
    "avro/binary",
    "application/vnd.apache.avro+json",
    "application/x-protobuf",
    "application/problem+json",
    "text/plain",
)


class SchemaSourceEditor(QWidget):
    """A payload or key: registry subject + version, or an inline schema shown as JSON."""

    edited = Signal(object, str)  # the new SchemaSource or None; "subject" or "version"

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: SchemaSource | None = None
        self._registry: Registry | None = None

        self.subject = QComboBox()
        self.subject.setObjectName(f"{name}-subject")
        self.subject.setEditable(True)
        self.subject.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line_of(self.subject).setPlaceholderText("registry subject (empty = none)")
        self.version = version_combo(f"{name}-version")
        self.status = hint_label()
        self.inline = read_only_text(8, f"{name}-inline")
        self.inline_note = hint_label(
            "Inline JSON Schema, kept as written in the design file; edit it there."
        )

        self.reference_row = QWidget()
        row = QHBoxLayout(self.reference_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.subject, 1)
        row.addWidget(QLabel("version"))
        row.addWidget(self.version)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for widget in (self.reference_row, self.status, self.inline, self.inline_note):
            layout.addWidget(widget)

        # Committed on a choice, Enter or focus-out: a half-typed subject is not a reference.
        self.subject.activated.connect(self._commit_subject)
        line_of(self.subject).editingFinished.connect(self._commit_subject)
        self.version.activated.connect(self._commit_version)
        line_of(self.version).editingFinished.connect(self._commit_version)

    def set_source(self, source: SchemaSource | None, registry: Registry | None) -> None:
        self._source, self._registry = source, registry
        inline = isinstance(source, InlineSchema)
        self.reference_row.setVisible(not inline)
        self.status.setVisible(not inline)
        self.inline.setVisible(inline)
        self.inline_note.setVisible(inline)
        if isinstance(source, InlineSchema):
            set_plain_text(self.inline, json.dumps(source.schema, indent=2, ensure_ascii=False))
            return
        subjects = sorted(registry.subjects) if registry else []
        set_items(self.subject, [(s, s) for s in subjects])
        subject = source.subject if source else ""
        set_edit_text(self.subject, subject)
        current = source.version if source else None
        set_items(self.version, self._version_items(subject, current))
        set_edit_text(self.version, version_text(current))
        message, is_error = self._status()
        set_text(self.status, message)
        self.status.setStyleSheet(ERROR_STYLE if is_error else HINT_STYLE)

    def _version_items(self, subject: str, current: object) -> list[tuple[str, str]]:
        versions = ["latest"]
        entry = self._registry.subjects.get(subject) if self._registry else None
        if entry is not None:
            versions += [str(v.version) for v in reversed(entry.live_versions())]
        if isinstance(current, int) and str(current) not in versions:
            versions.append(str(current))
        return [(v, v) for v in versions]

    def _status(self) -> tuple[str, bool]:
        """What the reference resolves to, and whether that is a problem."""
        source, registry = self._source, self._registry
        if not isinstance(source, SchemaRef):
            return "No schema.", False
        if registry is None:
            return "No registry loaded: the reference is not checked.", False
        subject = registry.subjects.get(source.subject)
        if subject is None:
            return f"'{source.subject}' is not a subject of the registry.", True
        found = subject.get(source.version)
        if found is None:
            return f"The subject has no version {source.version}.", True
        if found.deleted:
            return f"Version {found.version} is soft-deleted in the registry.", True
        level = registry.level_of(subject.name)
        return f"{found.schema_type} schema, version {found.version}, {level}.", False

    def _commit_subject(self) -> None:
        if isinstance(self._source, InlineSchema):
            return
        text = self.subject.currentText().strip()
        new: SchemaRef | None = None
        if text:
            version = self._source.version if self._source else "latest"
            registry = self._registry
            # A version number of the old subject means nothing for the new one.
            if registry and text in registry.subjects and registry.lookup(text, version) is None:
                version = "latest"
            new = SchemaRef(text, version)
        if new != self._source:
            self.edited.emit(new, "subject")

    def _commit_version(self) -> None:
        source = self._source
        if not isinstance(source, SchemaRef):
            with quiet(self.version):
                self.version.setEditText("")
            return
        try:
            version = parse_version(self.version.currentText()) or "latest"
        except ValueError:
            set_edit_text(self.version, version_text(source.version))
            return
        if version != source.version:
            self.edited.emit(dataclasses.replace(source, version=version), "version")


class MessageForm(ElementForm):
    """Id, names, content type, description, payload and key of one message."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.box = FormBox.with_id(self, "Message")
        self.name_edit = self.box.text_row("Name", "name", "CustomerChanged")
        self.summary_edit = self.box.text_row("Summary", "summary")
        self.content_type = self.box.row("Content type", QComboBox())
        self.content_type.setObjectName("contentType")
        self.content_type.setEditable(True)
        self.content_type.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.content_type.addItems(CONTENT_TYPES)
        self.content_type.editTextChanged.connect(
            lambda t: self.edit("content type", "contentType", content_type=or_none(t))
        )
        self.description_edit = self.box.description_row()
        self.examples = self.box.row("", hint_label())
        schemas = FormBox(self, "Schemas")
        self.payload = schemas.row("Payload", SchemaSourceEditor("payload"))
        self.payload.edited.connect(
            lambda s, part: self.edit(f"payload {part}", ("payload", part), payload=s)
        )
        self.key = schemas.row("Key", SchemaSourceEditor("key"))
        self.key.edited.connect(lambda s, part: self.edit(f"key {part}", ("key", part), key=s))
        column(self, self.box, schemas)

    def load(self, element: Element) -> None:
        assert isinstance(element, Message)
        self.box.setTitle(f"Message '{element.id}'")
        set_text(self.name_edit, element.name)
        set_text(self.summary_edit, element.summary)
        set_edit_text(self.content_type, element.content_type)
        set_plain_text(self.description_edit, element.description)
        count = len(element.examples)
        set_text(
            self.examples,
            f"{count} example{'s' if count != 1 else ''} in the design file."
            if count
            else "No examples.",
        )
        self.payload.set_source(element.payload, self.ctx.registry)
        self.key.set_source(element.key, self.ctx.registry)
