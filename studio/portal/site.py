"""The mesh as the portal sees it: every element by id and every relation both ways.

A design file says things from one side only: an application lists the topics it publishes,
a message names its subject. A portal page needs the other side too (who produces this topic,
which messages use this subject), so ``Site`` inverts every reference once, in file order,
and the templates only read. Dangling references are skipped here (``validate`` reports them);
a page never breaks because a design is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from studio.model import (
    Application,
    Broker,
    Design,
    Endpoint,
    InlineSchema,
    Message,
    Note,
    Publication,
    SchemaRef,
    Subscription,
    Topic,
)
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
        self.producers: dict[str, list[tuple[Application, Publication]]] = defaultdict(list)
        self.consumers: dict[str, list[tuple[Application, Subscription]]] = defaultdict(list)
        self.webhook_apis: dict[str, list[Application]] = defaultdict(list)
        self.provided: dict[str, list[Endpoint]] = defaultdict(list)
        self.callers: dict[str, list[Application]] = defaultdict(list)
        self.readers: dict[str, list[Application]] = defaultdict(list)
        self.writers: dict[str, list[Application]] = defaultdict(list)
        self.fronted_by: dict[str, list[Application]] = defaultdict(list)
        self.topics_of_message: dict[str, list[Topic]] = defaultdict(list)
        self.bodies_of_message: dict[str, list[BodyUse]] = defaultdict(list)
        self.uses_of_subject: dict[str, list[SchemaUse]] = defaultdict(list)
        self.notes_on: dict[str, list[Note]] = defaultdict(list)
        self.topics_on: dict[str, list[Topic]] = defaultdict(list)
        for app in d.applications:
            for pub in app.publishes:
                self.producers[pub.topic].append((app, pub))
            for sub in app.subscribes:
                self.consumers[sub.topic].append((app, sub))
            for topic_id in app.webhooks.topics if app.webhooks else ():
                self.webhook_apis[topic_id].append(app)
            for endpoint_id in app.calls:
                self.callers[endpoint_id].append(app)
            for store in app.reads:
                self.readers[store].append(app)
            for store in app.writes:
                self.writers[store].append(app)
            if app.backend:
                self.fronted_by[app.backend].append(app)
        for topic in d.topics:
            if topic.broker:
                self.topics_on[topic.broker].append(topic)
            for message_id in dict.fromkeys(topic.messages):
                self.topics_of_message[message_id].append(topic)
        for endpoint in d.endpoints:
            self.provided[endpoint.provider].append(endpoint)
            if endpoint.request:
                self.bodies_of_message[endpoint.request].append(BodyUse(endpoint, "request"))
            for status, response in endpoint.responses.items():
                if response:
                    self.bodies_of_message[response].append(
                        BodyUse(endpoint, f"response {status}"))
        for message in d.messages:
            for part in ("payload", "key", "headers"):
                source = getattr(message, part)
                if isinstance(source, SchemaRef):
                    self.uses_of_subject[source.subject].append(
                        SchemaUse(message, part, source.version))
        for note in d.notes:
            if note.on:
                self.notes_on[note.on].append(note)

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
        return [(name, v.version) for name, entry in self.registry.subjects.items()
                for v in entry.versions for r in v.references if r.subject == subject]

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
