"""The whole mesh as one plain value: every section of a design file, in file order."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from studio.model.elements import (
    Application,
    Broker,
    Element,
    Endpoint,
    Extensions,
    Info,
    Message,
    Note,
    Position,
    Rules,
    TaxonomyRule,
    Topic,
)

if TYPE_CHECKING:  # views.py reads designs (view_members): a run-time import would be a cycle
    from studio.model.views import View

FORMAT_VERSION = 1

# The list each element kind lives in, in file order; ids are unique across all of them.
SECTIONS: dict[type, str] = {
    Broker: "brokers",
    Application: "applications",
    Topic: "topics",
    Message: "messages",
    Endpoint: "endpoints",
    Note: "notes",
}
KIND_NAMES: dict[type, str] = {
    Broker: "broker",
    Application: "application",
    Topic: "topic",
    Message: "message",
    Endpoint: "endpoint",
    Note: "note",
}


def kind_name(element: Element) -> str:
    """'application', 'topic', ... for messages to users."""
    return KIND_NAMES[type(element)]


def display_name(element: Element) -> str:
    """How sentences and tooltips name an element: its name, or its id when it has none."""
    return getattr(element, "name", None) or element.id


@dataclass
class Design:
    """Everything one ``*.mesh.yaml`` holds. Mutated only through ``Document``."""

    format_version: int = FORMAT_VERSION
    info: Info = field(default_factory=Info)
    registry: str | None = None
    taxonomy: dict[str, TaxonomyRule] = field(default_factory=dict)
    brokers: list[Broker] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    endpoints: list[Endpoint] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)
    layout: dict[str, Position] = field(default_factory=dict)
    views: list[View] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    extensions: Extensions = field(default_factory=dict)

    def section(self, kind: type) -> list[Element]:
        """The list that holds elements of ``kind`` (e.g. ``Topic`` -> ``topics``)."""
        return getattr(self, SECTIONS[kind])  # type: ignore[no-any-return]

    def elements(self) -> Iterator[Element]:
        """Every element, section by section in file order."""
        for name in SECTIONS.values():
            yield from getattr(self, name)

    def find(self, element_id: str) -> Element | None:
        """The element with this id (linear scan; ``Document`` keeps an index)."""
        return next((e for e in self.elements() if e.id == element_id), None)


def snapshot(design: Design) -> Design:
    """A copy safe to read in another thread: elements are immutable, lists are copied."""
    return dataclasses.replace(
        design,
        taxonomy=dict(design.taxonomy),
        brokers=list(design.brokers),
        applications=list(design.applications),
        topics=list(design.topics),
        messages=list(design.messages),
        endpoints=list(design.endpoints),
        layout=dict(design.layout),
        views=list(design.views),
        notes=list(design.notes),
    )


def sections_among(design: Design, ids: Collection[str]) -> dict[str, Any]:
    """The element sections and the layout of ``design`` with only what ``ids`` names, by
    field name: the fields to build (or replace) a design of those elements from."""
    kept: dict[str, Any] = {
        name: [e for e in getattr(design, name) if e.id in ids] for name in SECTIONS.values()
    }
    kept["layout"] = {i: p for i, p in design.layout.items() if i in ids}
    return kept
