"""The elements of a mesh as plain, immutable, typed values.

Field order is the key order of the design file (FORMATS.md), so the file codec can write
them in declaration order. Elements are frozen: an edit replaces an element with a changed
copy (``dataclasses.replace``), which makes undo a matter of keeping the old value. Lists are
tuples for the same reason. ``extensions`` holds the user's ``x-...`` keys, kept verbatim.

Nothing here knows about geometry, colours or selection: layout lives in ``Design.layout``
and presentation in the studio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Version = int | Literal["latest"]
Extensions = dict[str, Any]

PROTOCOLS = ("kafka", "mqtt", "amqp", "anypointmq", "solace", "nats", "ws", "http")
APPLICATION_KINDS = ("backend", "service", "api", "client", "datastore")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


@dataclass(frozen=True, slots=True)
class Info:
    """What the design is about; ``version`` is copied into exported documents."""

    title: str | None = None
    version: str | None = None
    description: str | None = None
    owner: str | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Broker:
    """A server topics live on (a Kafka cluster, an MQTT broker, ...)."""

    id: str
    name: str | None = None
    protocol: str = "kafka"
    host: str | None = None
    description: str | None = None
    schema_registry_url: str | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Publication:
    """An application publishes to a topic."""

    topic: str
    description: str | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Subscription:
    """An application consumes a topic, directly or (with ``via``) by webhook delivery."""

    topic: str
    via: str | None = None
    group: str | None = None
    schema_version: Version | None = None
    description: str | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Webhooks:
    """Makes an application an evented API: callbacks registered at ``registration``."""

    registration: str = "/subscriptions"
    topics: tuple[str, ...] = ()
    description: str | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Application:
    """A producer, consumer, API, backend or datastore; its roles follow from its links."""

    id: str
    name: str | None = None
    kind: str = "service"
    owner: str | None = None
    description: str | None = None
    backend: str | None = None
    publishes: tuple[Publication, ...] = ()
    calls: tuple[str, ...] = ()
    subscribes: tuple[Subscription, ...] = ()
    webhooks: Webhooks | None = None
    writes: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    extensions: Extensions = field(default_factory=dict)

    @property
    def is_evented_api(self) -> bool:
        return self.webhooks is not None


@dataclass(frozen=True, slots=True)
class Topic:
    """A channel on a broker, addressed by ``address``, carrying ``messages``."""

    id: str
    address: str
    broker: str | None = None
    messages: tuple[str, ...] = ()
    description: str | None = None
    bindings: dict[str, Any] | None = None
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SchemaRef:
    """A schema held in the registry file, by subject and version."""

    subject: str
    version: Version = "latest"


@dataclass(frozen=True, slots=True)
class InlineSchema:
    """A JSON Schema written directly in the design file."""

    schema: dict[str, Any]


SchemaSource = SchemaRef | InlineSchema


@dataclass(frozen=True, slots=True)
class Message:
    """An event or a request/response body with its payload schema."""

    id: str
    name: str | None = None
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    content_type: str | None = None
    payload: SchemaSource | None = None
    key: SchemaSource | None = None
    headers: SchemaSource | None = None
    examples: tuple[Any, ...] = ()
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A synchronous operation provided by an application."""

    id: str
    provider: str
    method: str = "GET"
    path: str = "/"
    summary: str | None = None
    description: str | None = None
    request: str | None = None
    responses: dict[str, str | None] = field(default_factory=dict)
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Note:
    """A review comment pinned to an element."""

    id: str
    on: str | None = None
    author: str | None = None
    text: str = ""
    resolved: bool = False
    extensions: Extensions = field(default_factory=dict)


Element = Broker | Application | Topic | Message | Endpoint | Note


@dataclass(frozen=True, slots=True)
class TaxonomyRule:
    """How addresses are formed for one protocol: a pattern with ``{level}`` placeholders."""

    pattern: str
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rules:
    """Validation settings: rules switched off and severities changed."""

    disable: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    extensions: Extensions = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Position:
    """Canvas geometry of one element; exporters never read it."""

    x: float
    y: float
    extensions: Extensions = field(default_factory=dict)
