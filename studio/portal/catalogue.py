"""The searchable catalogue of the index page: one entry per topic, application, message,
subject and broker, with the words it is found by and the facets it is filtered by.

The index page lists every entry server-side (the portal works without JavaScript); the
entries also travel as JSON inside the page, which ``portal.js`` reads to filter rows by a
query and by kind, broker and protocol. The JSON is embedded by the template's ``tojson``
filter, which escapes ``<``, ``>``, ``&`` and quotes, so no text can close the script block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.model import SchemaRef
from studio.portal.site import Site

KINDS = ("topic", "application", "message", "subject", "broker")
KIND_LABELS = {
    "topic": "Topics",
    "application": "Applications",
    "message": "Messages",
    "subject": "Schema subjects",
    "broker": "Brokers",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the catalogue; ``row`` is its element id in the page (``row-7``)."""

    kind: str
    key: str
    row: str
    page: str
    brokers: tuple[str, ...]
    protocols: tuple[str, ...]
    text: str


@dataclass
class Catalogue:
    """All entries, grouped by kind, and the values the filters offer."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    brokers: list[tuple[str, str]] = field(default_factory=list)  # (id, label)
    protocols: list[str] = field(default_factory=list)

    def by_key(self, kind: str) -> dict[str, Entry]:
        return {e.key: e for e in self.entries.get(kind, ())}

    def data(self) -> dict[str, Any]:
        """What ``portal.js`` reads: every entry's row id, kind, facets and search text."""
        return {
            "entries": [
                {
                    "row": e.row,
                    "kind": e.kind,
                    "brokers": list(e.brokers),
                    "protocols": list(e.protocols),
                    "text": e.text,
                }
                for kind in KINDS
                for e in self.entries.get(kind, ())
            ]
        }

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.entries.values())


def catalogue_of(site: Site) -> Catalogue:
    """The catalogue of ``site``, entries in design order within each kind."""
    cat = Catalogue({kind: [] for kind in KINDS})
    counter = iter(range(1, 1_000_000_000))

    def add(
        kind: str, key: str, page: str, facets: tuple[set[str], set[str]], *words: str | None
    ) -> None:
        text = "\n".join(w for w in (key, *words) if w).lower()
        cat.entries[kind].append(
            Entry(
                kind,
                key,
                f"row-{next(counter)}",
                page,
                tuple(sorted(facets[0])),
                tuple(sorted(facets[1])),
                text,
            )
        )

    paths = site.paths
    for topic in site.design.topics:
        broker = site.broker_of(topic)
        messages = site.topic_messages(topic)
        add(
            "topic",
            topic.id,
            paths.topic(topic.id),
            site.facets_of_topic(topic),
            topic.address,
            topic.description,
            broker.name if broker else None,
            topic.broker,
            site.protocol_of(topic),
            *(m.id for m in messages),
            *(m.name for m in messages),
            *(_subjects(m) for m in messages),
        )
    for app in site.design.applications:
        add(
            "application",
            app.id,
            paths.application(app.id),
            site.facets_of_application(app),
            app.name,
            app.kind,
            app.owner,
            app.description,
            "evented api webhook" if app.webhooks else None,
        )
    for message in site.design.messages:
        add(
            "message",
            message.id,
            paths.message(message.id),
            site.facets_of_message(message.id),
            message.name,
            message.title,
            message.summary,
            message.description,
            message.content_type,
            _subjects(message),
        )
    for subject in site.subjects():
        types = ""
        if site.registry and subject in site.registry.subjects:
            types = " ".join({v.schema_type for v in site.registry.subjects[subject].versions})
        add("subject", subject, paths.subject(subject), site.facets_of_subject(subject), types)
    for broker in site.design.brokers:
        add(
            "broker",
            broker.id,
            paths.broker(broker.id),
            ({broker.id}, {broker.protocol}),
            broker.name,
            broker.protocol,
            broker.host,
            broker.description,
        )
    cat.brokers = [(b.id, b.name or b.id) for b in site.design.brokers]
    cat.protocols = sorted(
        {p for entries in cat.entries.values() for e in entries for p in e.protocols}
    )
    return cat


def _subjects(message: Any) -> str:
    return " ".join(
        s.subject
        for s in (message.payload, message.key, message.headers)
        if isinstance(s, SchemaRef)
    )
