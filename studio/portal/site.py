"""The mesh as the portal sees it: every element by id and every relation both ways.

A design file says things from one side only: an application lists the topics it publishes,
a message names its subject. A portal page needs the other side too (who produces this topic,
which messages use this subject): the model's uses index (``studio.model.uses``) answers for
the design's own references, ``Site`` inverts the subjects messages name, and the templates
only read. A page never breaks because a design is wrong (``validate`` reports it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Generic, TypeVar

from studio.model import (
    Application,
    Broker,
    Design,
    Element,
    Endpoint,
    InlineSchema,
    Message,
    Publication,
    SchemaRef,
    Subscription,
    Topic,
)
from studio.model.references import BACKEND, CALL, NOTE_TARGET, READ, TOPIC_BROKER, WRITE
from studio.model.uses import uses_of
from studio.portal.paths import PagePaths, anchor
from studio.registry.model import Registry


@dataclass(frozen=True, slots=True)
class SpecLink:
    """An exported document of an application, or why it could not be written."""

    kind: str  # asyncapi | openapi
    version: str
    path: str  # relative to the portal's root
    title: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SchemaUse:
    """A message using a subject: as ``payload``, ``key`` or ``headers``, at a version."""

    message: Message
    part: str
    version: int | str


@dataclass(frozen=True, slots=True)
class BodyUse:
    """An endpoint carrying a message: ``request`` or ``response 200``."""

    endpoint: Endpoint
    role: str


T = TypeVar("T")


class Lookup(Generic[T]):
    """One question to the uses index, read like a mapping from id to a list (the templates
    ask ``site.producers.get(topic.id, [])``)."""

    def __init__(self, answer: Callable[[str], list[T]]) -> None:
        self._answer = answer

    def get(self, key: str, default: Sequence[T] = ()) -> Sequence[T]:
        return self._answer(key) or default

    def __getitem__(self, key: str) -> list[T]:
        return self._answer(key)


@dataclass
class Site:
    """Indexes and inverted relations of one design, for rendering one portal."""

    design: Design
    registry: Registry | None
    missing_registry: str | None
    paths: PagePaths = field(default_factory=PagePaths)
    specs: dict[str, list[SpecLink]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        d = self.design
        self.brokers: dict[str, Broker] = {b.id: b for b in d.brokers}
        self.topics: dict[str, Topic] = {t.id: t for t in d.topics}
        self.applications: dict[str, Application] = {a.id: a for a in d.applications}
        self.messages: dict[str, Message] = {m.id: m for m in d.messages}
        self.endpoints: dict[str, Endpoint] = {e.id: e for e in d.endpoints}
        uses = uses_of(d)
        self.producers: Lookup[tuple[Application, Publication]] = Lookup(uses.publications)
        self.consumers: Lookup[tuple[Application, Subscription]] = Lookup(uses.subscriptions)
        self.webhook_apis: Lookup[Application] = Lookup(uses.webhook_apis)
        self.provided: Lookup[Endpoint] = Lookup(uses.endpoints_of)
        self.callers: Lookup[Element] = Lookup(partial(uses.owners, reference=CALL))
        self.readers: Lookup[Element] = Lookup(partial(uses.owners, reference=READ))
        self.writers: Lookup[Element] = Lookup(partial(uses.owners, reference=WRITE))
        self.fronted_by: Lookup[Element] = Lookup(partial(uses.owners, reference=BACKEND))
        self.topics_of_message: Lookup[Topic] = Lookup(uses.topics_of_message)
        self.bodies_of_message: Lookup[BodyUse] = Lookup(
            lambda message: [
                BodyUse(endpoint, "request" if status is None else f"response {status}")
                for endpoint, status in uses.bodies_of(message)
            ]
        )
        self.notes_on: Lookup[Element] = Lookup(partial(uses.owners, reference=NOTE_TARGET))
        self.topics_on: Lookup[Element] = Lookup(partial(uses.owners, reference=TOPIC_BROKER))
        self.uses_of_subject: dict[str, list[SchemaUse]] = defaultdict(list)
        for message in d.messages:
            for part in ("payload", "key", "headers"):
                source = getattr(message, part)
                if isinstance(source, SchemaRef):
                    self.uses_of_subject[source.subject].append(
                        SchemaUse(message, part, source.version)
                    )

    # -- lookups the templates use ---------------------------------------------------------

    def broker_of(self, topic: Topic) -> Broker | None:
        return self.brokers.get(topic.broker or "")

    def protocol_of(self, topic: Topic) -> str:
        broker = self.broker_of(topic)
        return broker.protocol if broker else "unknown"

    def topic_messages(self, topic: Topic) -> list[Message]:
        return [self.messages[m] for m in dict.fromkeys(topic.messages) if m in self.messages]

    def subjects(self) -> list[str]:
        """Every subject with a page: the registry's, then those only the design names."""
        names = list(self.registry.subjects) if self.registry else []
        known = set(names)
        names += [s for s in self.uses_of_subject if s not in known]
        return names

    def topics_of_subject(self, subject: str) -> list[Topic]:
        seen: dict[str, Topic] = {}
        for use in self.uses_of_subject.get(subject, ()):
            for topic in self.topics_of_message.get(use.message.id, ()):
                seen.setdefault(topic.id, topic)
        return list(seen.values())

    def referenced_by(self, subject: str) -> list[tuple[str, int]]:
        """Registry subjects (and versions) whose schema imports a version of ``subject``."""
        if self.registry is None:
            return []
        return [
            (name, v.version)
            for name, entry in self.registry.subjects.items()
            for v in entry.versions
            for r in v.references
            if r.subject == subject
        ]

    def endpoint_href(self, endpoint_id: str) -> str | None:
        """Link to an endpoint: an anchor on its provider's page (None when dangling)."""
        endpoint = self.endpoints.get(endpoint_id)
        if endpoint is None or endpoint.provider not in self.applications:
            return None
        return f"{self.paths.application(endpoint.provider)}#{anchor(endpoint.id)}"

    def application_roles(self, app: Application) -> list[str]:
        """What an application does, in words: producer, consumer, provider, evented API."""
        roles = []
        if app.publishes:
            roles.append("producer")
        if app.subscribes:
            roles.append("consumer")
        if self.provided.get(app.id):
            roles.append("API provider")
        if app.webhooks is not None:
            roles.append("evented API")
        return roles

    def facets_of_topic(self, topic: Topic) -> tuple[set[str], set[str]]:
        broker = self.broker_of(topic)
        return ({broker.id} if broker else set()), {self.protocol_of(topic)}

    def facets_of_application(self, app: Application) -> tuple[set[str], set[str]]:
        """Brokers and protocols an application touches through the topics it uses."""
        brokers: set[str] = set()
        protocols: set[str] = set()
        topic_ids = [p.topic for p in app.publishes] + [s.topic for s in app.subscribes]
        topic_ids += list(app.webhooks.topics) if app.webhooks else []
        for topic_id in topic_ids:
            if topic_id in self.topics:
                b, p = self.facets_of_topic(self.topics[topic_id])
                brokers |= b
                protocols |= p
        return brokers, protocols

    def facets_of_message(self, message_id: str) -> tuple[set[str], set[str]]:
        brokers: set[str] = set()
        protocols: set[str] = set()
        for topic in self.topics_of_message.get(message_id, ()):
            b, p = self.facets_of_topic(topic)
            brokers |= b
            protocols |= p
        if self.bodies_of_message.get(message_id):
            protocols.add("http")
        return brokers, protocols

    def facets_of_subject(self, subject: str) -> tuple[set[str], set[str]]:
        brokers: set[str] = set()
        protocols: set[str] = set()
        for use in self.uses_of_subject.get(subject, ()):
            b, p = self.facets_of_message(use.message.id)
            brokers |= b
            protocols |= p
        return brokers, protocols


def is_inline(message: Message) -> bool:
    return isinstance(message.payload, InlineSchema)
