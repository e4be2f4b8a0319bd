"""Synthetic meshes for demos and benchmarks (``mesh-studio generate``): this module owns turning
an application count and a seed into a design and a matching registry, both as the plain data of
FORMATS.md. At 1,000 applications it yields the benchmark mesh of PRODUCT.md (about 2,000 topics,
1,000 messages, 500 endpoints, 10,000 links; a value subject of 5 versions per message, plus some
key subjects and shared Protobuf types) and everything scales with the count. Output depends only
on the arguments: one ``random.Random(seed)`` drives every choice, in a fixed order, and only
lists and insertion-ordered dicts reach the result. Schema histories only ever add fields with
defaults (Avro), optional properties to a closed model (JSON Schema) or fields with new numbers
(Protobuf), so every subject obeys its level and every pinned older reader can still read what
producers write. Positions come from the built-in layout engine, so a generated mesh opens with
no box overlapping another and every broker frame around its own topics only.
"""

from __future__ import annotations

import copy
import itertools
import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from studio.io.design_codec import design_from_data
from studio.layout import auto_layout

Data = dict[str, Any]

VERSIONS = 5
_JSON_DRAFT = "http://json-schema.org/draft-07/schema#"
_REGISTRY_URL = "https://schema-registry.acme.internal"


def _vocab(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# (domain, label, system of record); the domains that suit MQTT come early so that small meshes
# still show more than one protocol.
_DOMAINS = (
    ("erp", "ERP", "SAP S/4HANA"),
    ("iot", "IoT", "Edge hub"),
    ("shop", "Shop", "Commerce Cloud"),
    ("crm", "CRM", "Salesforce"),
    ("logistics", "Logistics", "Blue Yonder TMS"),
    ("mes", "Manufacturing", "Opcenter MES"),
    ("billing", "Billing", "Zuora"),
    ("payments", "Payments", "Adyen gateway"),
    ("wms", "Warehouse", "Manhattan WMS"),
    ("hr", "HR", "Workday"),
    ("finance", "Finance", "Oracle Financials"),
    ("fleet", "Fleet", "Telematics platform"),
    ("marketing", "Marketing", "Marketing Cloud"),
    ("support", "Support", "ServiceNow"),
)
_MQTT_DOMAINS = frozenset({"iot", "mes", "fleet"})
_REGIONS = _vocab("emea americas apac dach nordics iberia uk china")
_SITES = _vocab("berlin lyon austin pune osaka gdansk monterrey")
# No "subscription": evented APIs own POST /subscriptions for webhook registration.
_NOUNS = _vocab(
    "customer product order invoice payment shipment supplier contract account employee asset "
    "machine sensor ticket lead campaign cart price stock warehouse vehicle route delivery return "
    "refund quote opportunity batch work-order material budget ledger-entry claim policy device "
    "location store coupon review timesheet"
)
_QUALIFIERS = _vocab(
    "sales purchase service spare digital partner field retail wholesale internal inbound "
    "outbound recurring regional"
)
_EVENTS = {
    "kafka": _vocab(
        "created updated deleted approved cancelled completed archived assigned closed "
        "reopened validated rejected scheduled expired"
    ),
    "mqtt": _vocab("telemetry status alarm heartbeat reading state"),
    "amqp": _vocab(
        "sync-requested sync-completed sync-failed export-requested export-completed import-failed"
    ),
}
_PATTERNS = {
    "kafka": "{domain}.{entity}.{event}.v{version}",
    "mqtt": "{site}/{domain}/{entity}/{event}",
    "amqp": "{domain}.{entity}.{event}",
}
_BROKERS = (  # id, name, protocol, host, has a schema registry
    ("kafka-core", "Kafka core (prod)", "kafka", "kafka-core.acme.internal:9092", True),
    ("kafka-analytics", "Kafka analytics", "kafka", "kafka-analytics.acme.internal:9092", True),
    ("mqtt-plants", "HiveMQ plants", "mqtt", "mqtt.acme.internal:8883", False),
    ("rabbitmq-ops", "RabbitMQ operations", "amqp", "rabbitmq.acme.internal:5672", False),
)
# Weighted choices are written "choice:weight ...".
_FORMATS = {
    "kafka": "AVRO:55 PROTOBUF:30 JSON:15",
    "mqtt": "JSON:75 PROTOBUF:25",
    "amqp": "JSON:70 AVRO:30",
}
# Only levels that additive histories obey. A closed JSON Schema model cannot gain properties
# under FORWARD or FULL (COMPATIBILITY.md), so JSON subjects stay BACKWARD-ish.
_LEVELS = {
    "AVRO": "BACKWARD:45 FULL_TRANSITIVE:20 BACKWARD_TRANSITIVE:15 FULL:10 FORWARD_TRANSITIVE:5 "
    "NONE:5",
    "JSON": "BACKWARD:75 BACKWARD_TRANSITIVE:20 NONE:5",
    "PROTOBUF": "BACKWARD:60 BACKWARD_TRANSITIVE:15 FULL:10 FULL_TRANSITIVE:15",
}
_CONTENT_TYPES = {
    "AVRO": "application/avro",
    "JSON": "application/json",
    "PROTOBUF": "application/x-protobuf",
}
_KIND_SHARES = "service:37 backend:8 api:15 client:25 datastore:15"  # percent
_TEAMS = {"backend": "platform", "api": "integration", "client": "digital", "datastore": "data"}
_SERVICE_TEAMS = _vocab("core integration data squad-a squad-b")
_ROLES = _vocab(
    "pricing enrichment matching sync projection notifier scoring router aggregator validator "
    "scheduler reconciler"
)
_CLIENTS = (  # id suffix, label
    ("portal", "customer portal"),
    ("partner-portal", "partner portal"),
    ("mobile", "mobile app"),
    ("dashboard", "operations dashboard"),
    ("field-app", "field service app"),
    ("kiosk", "store kiosk"),
    ("backoffice", "back office"),
    ("pos", "point of sale"),
    ("reports", "BI reports"),
)
_STORES = (
    ("read-model", "read model"),
    ("search", "search index"),
    ("cache", "cache"),
    ("lake", "data lake"),
    ("history", "history store"),
)
# A field kind rendered as (Avro type, JSON Schema, Protobuf type).
_TYPES: dict[str, tuple[Any, Data, str]] = {
    "string": ("string", {"type": "string"}, "string"),
    "timestamp": ("string", {"type": "string", "format": "date-time"}, "string"),
    "int": ("int", {"type": "integer"}, "int32"),
    "double": ("double", {"type": "number"}, "double"),
    "boolean": ("boolean", {"type": "boolean"}, "bool"),
    "nullable": (["null", "string"], {"type": ["string", "null"]}, "string"),
    "strings": (
        {"type": "array", "items": "string"},
        {"type": "array", "items": {"type": "string"}},
        "repeated string",
    ),
}


@dataclass(frozen=True)
class _Field:
    """One payload field; ``kind`` is rendered per schema format, ``default`` used once added."""

    name: str
    kind: str
    example: Any
    default: Any = None
    symbols: tuple[str, ...] = ()


_BASE_FIELDS = (
    _Field("name", "string", "Northwind Traders"),
    _Field("status", "enum", "ACTIVE", symbols=("ACTIVE", "INACTIVE", "PENDING")),
    _Field("quantity", "int", 12),
    _Field("amount", "double", 249.9),
    _Field("currency", "string", "EUR"),
    _Field("region", "string", "emea"),
    _Field("active", "boolean", True),
    _Field("source", "string", "erp"),
    _Field("reference", "string", "REF-20260101-0001"),
    _Field("score", "double", 0.82),
    _Field("count", "int", 3),
    _Field("email", "string", "ops@example.com"),
    _Field("country", "string", "DE"),
    _Field("unit", "string", "pcs"),
)
_ADDED_FIELDS = (
    _Field("channel", "nullable", "web"),
    _Field("priority", "int", 2, 0),
    _Field("tags", "strings", ["priority"], []),
    _Field("correlationId", "nullable", "c0ffee-42"),
    _Field("tenant", "string", "acme", "acme"),
    _Field("retryCount", "int", 1, 0),
    _Field("flagged", "boolean", False, False),
    _Field("locale", "string", "de-DE", "en-GB"),
    _Field("comment", "nullable", "checked"),
    _Field("origin", "enum", "WEB", "UNKNOWN", ("UNKNOWN", "WEB", "STORE", "PARTNER")),
    _Field("weight", "double", 1.5, 0.0),
    _Field("externalRef", "nullable", "EXT-9921"),
    _Field("batchSize", "int", 10, 1),
    _Field("updatedBy", "nullable", "system"),
)
# Shared Protobuf types, imported through registry references: (field, import path, proto text).
_COMMON = {
    "money": (
        _Field("total", "acme.common.Money", {"currencyCode": "EUR", "amount": "249.90"}),
        "acme/common/money.proto",
        'message Money {\n  string currency_code = 1;\n  // Decimal string, e.g. "12.50".\n'
        "  string amount = 2;\n}",
    ),
    "address": (
        _Field(
            "shipTo",
            "acme.common.Address",
            {"street": "Hauptstr. 1", "city": "Berlin", "postalCode": "10115", "countryCode": "DE"},
        ),
        "acme/common/address.proto",
        "message Address {\n  string street = 1;\n  string city = 2;\n"
        "  string postal_code = 3;\n  string country_code = 4;\n}",
    ),
}


@dataclass
class _App:
    id: str
    name: str
    kind: str
    domain: str
    owner: str
    description: str
    backend: str | None = None
    style: str = ""  # an API's role in API-led connectivity: System, Process or Experience
    publishes: list[str] = field(default_factory=list)
    subscribes: list[Data] = field(default_factory=list)
    subscribed: set[str] = field(default_factory=set)
    webhooks: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)


@dataclass
class _Message:
    id: str
    name: str
    domain: str
    entity: str
    protocol: str
    schema_type: str
    level: str
    version: int | str
    fields: list[_Field]
    added: list[_Field]
    commons: list[str]
    keyed: bool
    subject: str = ""


@dataclass
class _Topic:
    id: str
    address: str
    broker: str
    message: _Message
    description: str
    bindings: Data | None
    producers: list[_App] = field(default_factory=list)


class _Ids:
    """One id space for the whole design, as FORMATS.md requires; clashes get a numeric suffix."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, base: str) -> str:
        stem = re.sub(r"[^a-z0-9_.-]+", "-", base.lower()).strip("-.")[:58] or "x"
        stem = stem if stem[0].isalpha() else f"x-{stem}"
        candidate, n = stem, 2
        while candidate in self._taken:
            candidate, n = f"{stem}-{n}", n + 1
        self._taken.add(candidate)
        return candidate


def _words(entity: str) -> str:
    return entity.replace("-", " ")


def _pascal(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_ ]", text) if part)


def _camel(text: str) -> str:
    pascal = _pascal(text)
    return pascal[:1].lower() + pascal[1:]


def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", r"_\1", name).lower()


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _letters(n: int) -> str:
    text = ""
    while True:
        n, rest = divmod(n, 26)
        text = chr(ord("a") + rest) + text
        if n == 0:
            return text


def _entity_pool(rng: random.Random) -> list[str]:
    """Plain nouns first, then qualified ones: plain names are what real meshes mostly have."""
    plain, qualified = list(_NOUNS), [f"{q}-{n}" for q in _QUALIFIERS for n in _NOUNS]
    rng.shuffle(plain)
    rng.shuffle(qualified)
    return plain + qualified


def _table(spec: str) -> list[tuple[str, int]]:
    pairs = [item.rsplit(":", 1) for item in spec.split()]
    return [(choice, int(weight)) for choice, weight in pairs]


def _weighted(rng: random.Random, spec: str) -> str:
    table = _table(spec)
    return rng.choices([c for c, _ in table], weights=[w for _, w in table])[0]


def _kind_counts(apps: int) -> dict[str, int]:
    """Largest-remainder split of _KIND_SHARES. Tiny meshes take one of each kind in share
    order instead, so a single application is a service that both produces and consumes."""
    shares = _table(_KIND_SHARES)
    if apps <= len(shares):
        return {kind: int(i < apps) for i, (kind, _share) in enumerate(shares)}
    counts = {kind: apps * share // 100 for kind, share in shares}
    order = sorted(shares, key=lambda ks: -(apps * ks[1] % 100))
    for kind, _share in order[: apps - sum(counts.values())]:
        counts[kind] += 1
    return counts


class _Builder:
    """Builds one mesh step by step; each step only adds to what the earlier ones made."""

    def __init__(self, apps: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = apps
        self.seed = seed
        self.ids = _Ids()
        self.domains = _DOMAINS[: min(len(_DOMAINS), max(1, math.ceil(apps / 30)))]
        self.labels = {d: label for d, label, _ in _DOMAINS}
        self.systems = {d: system for d, _, system in _DOMAINS}
        self.pools: dict[str, list[str]] = {}
        self.apps: list[_App] = []
        self.messages: list[_Message] = []
        self.topics: list[_Topic] = []
        self.endpoints: list[Data] = []
        self.used_brokers: set[str] = set()
        self.topic_by_id: dict[str, _Topic] = {}
        self.backends: dict[str, list[_App]] = {}  # by domain; "" holds them all
        self.topics_of: dict[str, list[_Topic]] = {d: [] for d, _, _ in self.domains}
        self.messages_of: dict[str, list[_Message]] = {d: [] for d, _, _ in self.domains}

    def build(self) -> None:
        self._make_apps()
        self._make_messages()
        self._make_endpoints()
        self._subscribe_directly()
        self._make_evented_apis()
        self._make_calls()
        self._make_cqrs()

    # -- applications -------------------------------------------------------------------

    def _of(self, *kinds: str) -> list[_App]:
        return [a for a in self.apps if a.kind in kinds]

    def _make_apps(self) -> None:
        counts = _kind_counts(self.n)
        makers = {
            "backend": self._backend,
            "service": self._service,
            "api": self._api,
            "client": self._client,
            "datastore": self._datastore,
        }
        # File order groups kinds the way people write them: systems first, clients last.
        for kind, make in makers.items():
            for i in range(counts[kind]):
                self.apps.append(make(i, self._home(kind, i), kind))

    def _home(self, kind: str, i: int) -> str:
        # Backends go round the domains so that each one has a system of record.
        if kind == "backend":
            return self.domains[i % len(self.domains)][0]
        return self.rng.choice(self.domains)[0]

    def _new_app(self, base: str, domain: str, kind: str, name: str, text: str) -> _App:
        team = _TEAMS.get(kind) or self.rng.choice(_SERVICE_TEAMS)
        return _App(self.ids.claim(base), name, kind, domain, f"{domain}-{team}", text)

    def _backend(self, i: int, domain: str, kind: str) -> _App:
        region = _REGIONS[(i // len(self.domains)) % len(_REGIONS)]
        name = f"{self.systems[domain]} ({region.upper()})"
        text = f"{self.labels[domain]} system of record for {region.upper()}."
        return self._new_app(f"{domain}-{region}", domain, kind, name, text)

    def _service(self, _i: int, domain: str, kind: str) -> _App:
        noun, role = self.rng.choice(_NOUNS), self.rng.choice(_ROLES)
        name = f"{_words(noun).capitalize()} {role}"
        text = f"{role.capitalize()} of {_plural(_words(noun))} in {self.labels[domain]}."
        return self._new_app(f"{noun}-{role}", domain, kind, name, text)

    def _api(self, _i: int, domain: str, kind: str) -> _App:
        # Named once it knows the resources it serves (_name_api).
        app = _App("", "", kind, domain, f"{domain}-{_TEAMS[kind]}", "")
        app.style = self.rng.choice(("System", "System", "Process", "Experience"))
        if app.style == "System":  # the System API pattern: it fronts one backend
            app.backend = self._backend_for(domain)
        return app

    def _name_api(self, api: _App, entity: str) -> None:
        style = api.style
        api.id = self.ids.claim(f"{entity}-{style.lower()}-api")
        api.name = f"{_words(entity).title()} {style} API"
        api.description = f"{style} API for {_plural(_words(entity))} in {self.labels[api.domain]}."

    def _backend_for(self, domain: str) -> str | None:
        if not self.backends:  # every backend exists before the first API is made
            self.backends = {"": self._of("backend")}
            for b in self.backends[""]:
                self.backends.setdefault(b.domain, []).append(b)
        same = self.backends.get(domain) or self.backends[""]
        return self.rng.choice(same).id if same else None

    def _client(self, _i: int, domain: str, kind: str) -> _App:
        slug, label = self.rng.choice(_CLIENTS)
        name, text = f"{self.labels[domain]} {label}", f"The {label} of {self.labels[domain]}."
        return self._new_app(f"{domain}-{slug}", domain, kind, name, text)

    def _datastore(self, _i: int, domain: str, kind: str) -> _App:
        noun, (slug, label) = self.rng.choice(_NOUNS), self.rng.choice(_STORES)
        name, text = f"{_words(noun).capitalize()} {label}", f"CQRS {label} of {_words(noun)} data."
        return self._new_app(f"{noun}-{slug}", domain, kind, name, text)

    # -- messages and topics --------------------------------------------------------------

    def _next_entity(self, domain: str) -> str:
        pool = self.pools.get(domain)
        if pool is None:
            pool = self.pools[domain] = _entity_pool(self.rng)
            pool.reverse()  # pop() from the end then yields the pool in order
        if pool:
            return pool.pop()
        # Only for very large meshes: suffix letters, never digits, to keep names readable.
        self.pools[domain] = [f"{e}-{_letters(len(self.messages))}" for e in _NOUNS]
        return self.pools[domain].pop()

    def _make_messages(self) -> None:
        producers = self._of("backend", "service")
        same_domain: dict[str, list[_App]] = {}
        for app in producers:
            same_domain.setdefault(app.domain, []).append(app)
        # Systems of record publish far more than microservices do.
        weights = list(itertools.accumulate(4 if a.kind == "backend" else 1 for a in producers))
        for i in range(self.n):
            producer = self.rng.choices(producers, cum_weights=weights)[0]
            message = self._new_message(i, producer.domain)
            self.messages.append(message)
            for topic in self._new_topics(message):
                topic.producers.append(producer)
                self._add_second_producer(topic, same_domain)
                self.topics.append(topic)
        for topic in self.topics:
            for app in topic.producers:
                app.publishes.append(topic.id)
        self.topic_by_id = {t.id: t for t in self.topics}
        for topic in self.topics:
            self.topics_of[topic.message.domain].append(topic)
        for message in self.messages:
            self.messages_of[message.domain].append(message)

    def _add_second_producer(self, topic: _Topic, same_domain: dict[str, list[_App]]) -> None:
        # A second system of the same domain publishing the same event, e.g. two regional ERPs.
        producers = same_domain[topic.producers[0].domain]
        if len(producers) > 1 and self.rng.random() < 0.1:
            other = self.rng.choice(producers)
            if other not in topic.producers:
                topic.producers.append(other)

    def _new_message(self, i: int, domain: str) -> _Message:
        rng = self.rng
        entity = self._next_entity(domain)
        if domain in _MQTT_DOMAINS:
            protocol = "mqtt" if rng.random() < 0.7 else "kafka"
        else:
            protocol = "kafka" if rng.random() < 0.75 else "amqp"
        schema_type = self._schema_type(i, protocol)
        commons = self._commons(i, schema_type)
        id_field = _Field(
            f"{_camel(entity)}Id",
            "string",
            f"{''.join(p[0] for p in entity.split('-')).upper()}-{1000 + i}",
        )
        fields = [id_field, _Field("occurredAt", "timestamp", "2026-01-01T10:00:00Z")]
        fields += rng.sample(_BASE_FIELDS, rng.randint(2, 4))
        fields += [_COMMON[c][0] for c in commons]
        return _Message(
            id="",
            name="",
            domain=domain,
            entity=entity,
            protocol=protocol,
            schema_type=schema_type,
            level=_weighted(rng, _LEVELS[schema_type]),
            version=self._payload_version(schema_type),
            fields=fields,
            added=rng.sample(_ADDED_FIELDS, VERSIONS - 1),
            commons=commons,
            keyed=protocol == "kafka" and rng.random() < 0.15,
        )

    def _schema_type(self, i: int, protocol: str) -> str:
        if i < 3:  # even a three-application mesh shows all three formats
            return ("AVRO", "JSON", "PROTOBUF")[i]
        return _weighted(self.rng, _FORMATS[protocol])

    def _commons(self, i: int, schema_type: str) -> list[str]:
        # Message 2 is the first Protobuf one: it always imports, so references always show up.
        if schema_type != "PROTOBUF" or (i != 2 and self.rng.random() >= 0.3):
            return []
        return _weighted(self.rng, "money:6 address:2 money,address:2").split(",")

    def _payload_version(self, schema_type: str) -> int | str:
        roll = self.rng.random()
        # Avro examples carry every field of the newest version, so Avro producers stay on it;
        # a lagging producer is shown with JSON and Protobuf only.
        if roll < 0.2:
            return "latest"
        if schema_type != "AVRO" and roll < 0.4:
            return self.rng.randint(VERSIONS - 2, VERSIONS - 1)
        return VERSIONS

    def _new_topics(self, message: _Message) -> list[_Topic]:
        rng, protocol = self.rng, message.protocol
        count = rng.choices((1, 2, 3), weights=(3, 4, 3))[0]
        events = rng.sample(_EVENTS[protocol], count if protocol != "mqtt" else 1)
        family = {"kafka": "event", "mqtt": events[0], "amqp": "notification"}[protocol]
        suffix = events[0] if count == 1 else family
        message.name = _pascal(message.entity) + _pascal(suffix)
        message.id = self.ids.claim(f"{message.domain}-{message.entity}-{suffix}")
        if protocol == "mqtt":
            pairs = [(site, events[0]) for site in rng.sample(_SITES, count)]
        else:
            pairs = [("", event) for event in events]
        topics = [self._new_topic(message, site, event) for site, event in pairs]
        message.subject = f"{topics[0].address}-value"
        return topics

    def _new_topic(self, message: _Message, site: str, event: str) -> _Topic:
        rng, d, e = self.rng, message.domain, message.entity
        if message.protocol == "kafka":
            broker = "kafka-analytics" if rng.random() < 0.25 else "kafka-core"
            address = f"{d}.{e}.{event}.v{2 if rng.random() < 0.1 else 1}"
            bindings: Data | None = {
                "kafka": {"partitions": rng.choice((3, 6, 12, 24)), "replicas": 3}
            }
            text = f"{_a(_words(e)).capitalize()} was {event} in {self.labels[d]}."
        elif message.protocol == "mqtt":
            broker, address, bindings = "mqtt-plants", f"{site}/{d}/{e}/{event}", None
            text = f"{event.capitalize()} of each {_words(e)} at the {site} site."
        else:
            broker, address = "rabbitmq-ops", f"{d}.{e}.{event}"
            bindings = {
                "amqp": {
                    "is": "routingKey",
                    "exchange": {
                        "name": f"{d}.events",
                        "type": "topic",
                        "durable": True,
                        "autoDelete": False,
                    },
                }
            }
            text = f"{_words(e).capitalize()} {_words(event)} ({self.labels[d]} work queue)."
        self.used_brokers.add(broker)
        return _Topic(
            self.ids.claim(address.replace("/", ".")), address, broker, message, text, bindings
        )

    # -- consumers ---------------------------------------------------------------------

    def _subscribe(self, app: _App, topic: _Topic, **extra: Any) -> bool:
        if topic.id in app.subscribed:
            return False
        app.subscribed.add(topic.id)
        app.subscribes.append({"topic": topic.id, **extra})
        return True

    def _group(self, app: _App, topic: _Topic) -> Data:
        # A consumer group (Kafka) or queue (AMQP); MQTT subscriptions have neither.
        protocol = topic.message.protocol
        return (
            {}
            if protocol == "mqtt"
            else {"group": app.id if protocol == "kafka" else f"q.{app.id}"}
        )

    def _subscribe_directly(self) -> None:
        pool = self._of("service", "backend", "client")
        weights = list(itertools.accumulate(3 if a.kind == "service" else 1 for a in pool))
        for topic in self.topics:
            wanted = self.rng.choices((1, 2, 3, 4, 5), weights=(35, 30, 20, 10, 5))[0]
            picks = self.rng.choices(pool, cum_weights=weights, k=wanted + 1)
            # Every topic needs a consumer; the producer reads its own topic only when alone.
            takers = [a for a in picks if a not in topic.producers] or self._other(pool, topic)
            for app in takers[:wanted]:
                self._subscribe(app, topic, **self._group(app, topic))

    def _other(self, pool: list[_App], topic: _Topic) -> list[_App]:
        others = [a for a in pool if a not in topic.producers]
        return [self.rng.choice(others)] if others else pool[:1]

    def _make_evented_apis(self) -> None:
        systems = [a for a in self._of("api") if a.backend]
        evented = [a for i, a in enumerate(systems) if i == 0 or self.rng.random() < 0.8]
        by_producer: dict[str, list[_Topic]] = {}
        for topic in self.topics:
            for app in topic.producers:
                by_producer.setdefault(app.id, []).append(topic)
        for api in evented:
            # It pushes the events of the backend it fronts, else those of its domain.
            own = by_producer.get(api.backend or "") or self.topics_of[api.domain] or self.topics
            for topic in self.rng.sample(own, min(len(own), self.rng.randint(2, 8))):
                self._subscribe(api, topic, **self._group(api, topic))
                api.webhooks.append(topic.id)
        evented = [a for a in evented if a.webhooks]
        for i, client in enumerate(self._of("client")):
            if evented and (i == 0 or self.rng.random() < 0.6):
                self._subscribe_via(client, self.rng.choice(evented))

    def _subscribe_via(self, client: _App, api: _App) -> None:
        chosen = self.rng.sample(api.webhooks, min(len(api.webhooks), self.rng.randint(1, 3)))
        for topic in (self.topic_by_id[t] for t in chosen):
            extra: Data = {"via": api.id}
            pin = self._older_readable(topic.message)
            if pin is not None:
                extra["schemaVersion"] = pin
            self._subscribe(client, topic, **extra)

    def _older_readable(self, message: _Message) -> int | None:
        """An older reader version, for formats where old readers ignore added fields; a closed
        JSON Schema model rejects them, so JSON consumers never pin."""
        writer = VERSIONS if message.version == "latest" else int(message.version)
        if message.schema_type == "JSON" or writer < 2 or self.rng.random() >= 0.35:
            return None
        return self.rng.randint(1, writer - 1)

    # -- endpoints, calls and CQRS -------------------------------------------------------

    def _make_endpoints(self) -> None:
        apis = self._of("api")
        total = max(len(apis), round(self.n / 2))  # every API provides at least one
        for i, api in enumerate(apis):
            self._endpoints_for(api, total // len(apis) + (i < total % len(apis)))

    def _endpoints_for(self, api: _App, count: int) -> None:
        same = self.messages_of[api.domain] or self.messages
        resources = self.rng.sample(same, min(len(same), math.ceil(count / _OPERATIONS)))
        self._name_api(api, resources[0].entity)
        # Two domains may share an entity name: skip a path this API already serves.
        served: set[tuple[str, str]] = set()
        ops = [op for m in resources for op in _operations(m.entity, m.id)]
        for base, method, path, summary, request, responses in ops:
            if count == 0 or (method, path) in served:
                continue
            served.add((method, path))
            count -= 1
            endpoint: Data = {
                "id": self.ids.claim(base),
                "provider": api.id,
                "method": method,
                "path": path,
                "summary": summary,
            }
            if request:
                endpoint["request"] = request
            endpoint["responses"] = responses
            self.endpoints.append(endpoint)

    def _make_calls(self) -> None:
        # Only clients, services and process/experience APIs call, and only APIs provide, so
        # calls never form a cycle.
        system_ids = {a.id for a in self._of("api") if a.backend}
        to_systems = [e["id"] for e in self.endpoints if e["provider"] in system_ids]
        every = [e["id"] for e in self.endpoints]
        for app in self.apps:
            if app.kind == "client":
                self._call(app, every, self.rng.randint(2, 6))
            elif app.kind == "service" and self.rng.random() < 0.4:
                self._call(app, every, self.rng.randint(1, 4))
            elif app.kind == "api" and not app.backend:
                self._call(app, to_systems, self.rng.randint(1, 3))

    def _call(self, app: _App, endpoints: list[str], count: int) -> None:
        app.calls.extend(self.rng.sample(endpoints, min(count, len(endpoints))))

    def _make_cqrs(self) -> None:
        writers = self._of("service", "backend")
        readers = self._of("service", "api", "client")
        for store in self._of("datastore"):
            for app in self.rng.sample(writers, min(len(writers), self.rng.randint(1, 3))):
                app.writes.append(store.id)
            for app in self.rng.sample(readers, min(len(readers), self.rng.randint(2, 5))):
                if store.id not in app.writes:
                    app.reads.append(store.id)

    # -- output ------------------------------------------------------------------------

    def design(self, registry_file: str) -> Data:
        data = {
            "meshStudio": 1,
            "info": {
                "title": f"Acme synthetic mesh ({self.n} applications)",
                "version": "1.0.0",
                "description": f"Generated service and event mesh across {len(self.domains)} "
                f"domain{'s' * (len(self.domains) > 1)} (seed {self.seed}).",
                "owner": "integration-architecture",
            },
            "registry": registry_file,
            "taxonomy": self._taxonomy(),
            "brokers": [_broker_data(b) for b in _BROKERS if b[0] in self.used_brokers],
            "applications": [_app_data(a) for a in self.apps],
            "topics": [_topic_data(t) for t in self.topics],
            "messages": [_message_data(m) for m in self.messages],
            "endpoints": self.endpoints,
        }
        # Empty sections are left out, as the canonical form does (a mesh without APIs).
        data = {key: value for key, value in data.items() if value != []}
        data["layout"] = _layout(data)
        return data

    def _taxonomy(self) -> Data:
        used = [p for p in _PATTERNS if any(m.protocol == p for m in self.messages)]
        domains = [d for d, _, _ in self.domains]
        taxonomy: Data = {}
        for protocol in used:
            levels: Data = {"domain": list(domains)}
            if protocol == "mqtt":
                levels = {"site": list(_SITES), **levels}
            taxonomy[protocol] = {"pattern": _PATTERNS[protocol], "levels": levels}
        return taxonomy

    def registry(self) -> Data:
        subjects: Data = {}
        ids = itertools.count(100001)
        for name in ("money", "address"):
            if any(name in m.commons for m in self.messages):
                subjects[_COMMON[name][1]] = _common_subject(name, next(ids))
        for message in self.messages:
            subjects[message.subject] = _value_subject(message, ids)
            if message.keyed:
                subjects[message.subject[: -len("value")] + "key"] = _key_subject(
                    message, next(ids)
                )
        return {
            "formatVersion": 1,
            "source": {
                "kind": "confluent",
                "url": _REGISTRY_URL,
                "exportedAt": "2026-01-01T00:00:00Z",
            },
            "config": {"compatibilityLevel": "BACKWARD"},
            "subjects": subjects,
        }


_OPERATIONS = 7


def _operations(entity: str, message: str) -> list[tuple[str, str, str, str, str | None, Data]]:
    """The REST operations of one resource, most common first."""
    collection, words, e = f"/{_plural(entity)}", _words(entity), entity
    a_words = _a(words)
    item = f"{collection}/{{{_camel(entity)}Id}}"
    history = f"{item}/history"
    return [
        (f"get-{e}", "GET", item, f"Read one {words}", None, {"200": message, "404": None}),
        (f"create-{e}", "POST", collection, f"Create {a_words}", message, {"201": message}),
        (f"update-{e}", "PUT", item, f"Replace {a_words}", message, {"204": None, "404": None}),
        (f"list-{_plural(e)}", "GET", collection, f"List {_plural(words)}", None, {"200": message}),
        (f"delete-{e}", "DELETE", item, f"Delete {a_words}", None, {"204": None, "404": None}),
        (f"history-of-{e}", "GET", history, f"History of {a_words}", None, {"200": message}),
        (f"cancel-{e}", "POST", f"{item}/cancel", f"Cancel {a_words}", None, {"202": None}),
    ]


# -- plain data of the design ----------------------------------------------------------------


def _broker_data(broker: tuple[str, str, str, str, bool]) -> Data:
    broker_id, name, protocol, host, has_registry = broker
    data: Data = {"id": broker_id, "name": name, "protocol": protocol, "host": host}
    if has_registry:
        data["schemaRegistryUrl"] = _REGISTRY_URL
    return data


def _app_data(app: _App) -> Data:
    data: Data = {
        "id": app.id,
        "name": app.name,
        "kind": app.kind,
        "owner": app.owner,
        "description": app.description,
    }
    if app.backend:
        data["backend"] = app.backend
    # Key order is the canonical one (FORMATS.md example, the model's field order).
    if app.publishes:
        data["publishes"] = [{"topic": t} for t in app.publishes]
    if app.calls:
        data["calls"] = app.calls
    if app.subscribes:
        data["subscribes"] = app.subscribes
    if app.webhooks:
        data["webhooks"] = {"registration": "/subscriptions", "topics": app.webhooks}
    if app.writes:
        data["writes"] = app.writes
    if app.reads:
        data["reads"] = app.reads
    return data


def _topic_data(topic: _Topic) -> Data:
    data: Data = {
        "id": topic.id,
        "address": topic.address,
        "broker": topic.broker,
        "messages": [topic.message.id],
        "description": topic.description,
    }
    if topic.bindings:
        data["bindings"] = topic.bindings
    return data


def _message_data(message: _Message) -> Data:
    data: Data = {
        "id": message.id,
        "name": message.name,
        "contentType": _CONTENT_TYPES[message.schema_type],
        "payload": {"subject": message.subject, "version": message.version},
    }
    if message.keyed:
        data["key"] = {"subject": message.subject[: -len("value")] + "key", "version": 1}
    # Fields up to the producer's version: valid there and, as later versions only add
    # optional fields, against the latest too.
    written = VERSIONS if message.version == "latest" else int(message.version)
    fields = message.fields + message.added[: written - 1]
    # Deep copies: shared objects would become YAML aliases, and edits would leak across messages.
    data["examples"] = [{f.name: copy.deepcopy(f.example) for f in fields}]
    return data


# -- plain data of the registry --------------------------------------------------------------


def _config(level: str) -> Data:
    return {} if level == "BACKWARD" else {"config": {"compatibilityLevel": level}}


def _common_subject(name: str, schema_id: int) -> Data:
    _field, _path, body = _COMMON[name]
    schema = f'syntax = "proto3";\n\npackage acme.common;\n\n{body}'
    return {
        "config": {"compatibilityLevel": "FULL_TRANSITIVE"},
        "versions": [{"version": 1, "id": schema_id, "schemaType": "PROTOBUF", "schema": schema}],
    }


def _value_subject(message: _Message, ids: Iterator[int]) -> Data:
    versions = []
    for version in range(1, VERSIONS + 1):
        fields = message.fields + message.added[: version - 1]
        entry: Data = {"version": version, "id": next(ids), "schemaType": message.schema_type}
        if message.commons:
            entry["references"] = [
                {"name": _COMMON[c][1], "subject": _COMMON[c][1], "version": 1}
                for c in message.commons
            ]
        entry["schema"] = _render(message, message.name, fields, len(message.fields))
        versions.append(entry)
    return {**_config(message.level), "versions": versions}


def _key_subject(message: _Message, schema_id: int) -> Data:
    schema = _render(message, f"{_pascal(message.entity)}Key", message.fields[:1], 1)
    return {
        "versions": [
            {"version": 1, "id": schema_id, "schemaType": message.schema_type, "schema": schema}
        ]
    }


def _render(message: _Message, name: str, fields: list[_Field], required: int) -> str:
    """Schema text in the message's format; the first ``required`` fields are the v1 ones."""
    if message.schema_type == "AVRO":
        return _avro(message.domain, name, fields, required)
    if message.schema_type == "JSON":
        return _json_schema(name, fields, required)
    return _proto(message, name, fields)


def _avro_type(f: _Field) -> Any:
    if f.kind == "enum":
        return {"type": "enum", "name": _pascal(f.name), "symbols": list(f.symbols)}
    return _TYPES[f.kind][0]


def _avro(domain: str, name: str, fields: list[_Field], required: int) -> str:
    rendered = []
    for i, f in enumerate(fields):
        entry: Data = {"name": f.name, "type": _avro_type(f)}
        if i >= required:  # an added field needs a default to stay compatible both ways
            entry["default"] = f.default
        rendered.append(entry)
    schema = {"type": "record", "name": name, "namespace": f"com.acme.{domain}", "fields": rendered}
    return json.dumps(schema, separators=(",", ":"))


def _json_type(f: _Field) -> Data:
    if f.kind == "enum":
        return {"type": "string", "enum": list(f.symbols)}
    return _TYPES[f.kind][1]


def _json_schema(name: str, fields: list[_Field], required: int) -> str:
    schema = {
        "$schema": _JSON_DRAFT,
        "title": name,
        "type": "object",
        "properties": {f.name: _json_type(f) for f in fields},
        "required": [f.name for f in fields[:required]],
        "additionalProperties": False,
    }
    return json.dumps(schema, separators=(",", ":"))


def _proto_type(f: _Field) -> str:
    # proto3 JSON carries enums as names, so a string keeps the examples valid either way.
    if f.kind == "enum":
        return "string"
    return _TYPES[f.kind][2] if f.kind in _TYPES else f.kind


def _proto(message: _Message, name: str, fields: list[_Field]) -> str:
    lines = ['syntax = "proto3";', "", f"package acme.{message.domain}.v1;", ""]
    imports = [
        _COMMON[c][1] for c in message.commons if any(f.kind.startswith("acme.") for f in fields)
    ]
    if imports:
        lines += [f'import "{path}";' for path in imports] + [""]
    lines.append(f"message {name} {{")
    lines += [f"  {_proto_type(f)} {_snake(f.name)} = {n};" for n, f in enumerate(fields, 1)]
    lines.append("}")
    return "\n".join(lines)


def _layout(data: Data) -> dict[str, dict[str, int]]:
    """Positions from the built-in layout engine, which keeps the promise every layout keeps
    (no overlaps, a frame encloses only its broker's topics) at any size and fast."""
    design = design_from_data(data)
    positions = auto_layout(design, "builtin").positions
    order = [*(a.id for a in design.applications), *(t.id for t in design.topics),
             *(b.id for b in design.brokers)]
    return {node: {"x": round(positions[node].x), "y": round(positions[node].y)}
            for node in order if node in positions}


def generate_mesh(
    apps: int, seed: int = 1, registry_file: str = "registry.yaml"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (design, registry) as plain data shaped exactly like the design file and the
    registry file of FORMATS.md."""
    if apps < 1:
        raise ValueError(f"a mesh needs at least one application, not {apps}")
    builder = _Builder(apps, seed)
    builder.build()
    return builder.design(registry_file), builder.registry()
