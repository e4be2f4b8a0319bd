"""The words and odds a generated mesh is made of: domains, nouns, events, brokers, address
patterns, schema formats and compatibility levels, application kinds and their shares.

Weighted choices are written ``"choice:weight ..."`` and drawn with ``weighted``; a change to any
table here changes the output for every seed.
"""

from __future__ import annotations

import random

from studio.model import Broker

REGISTRY_URL = "https://schema-registry.acme.internal"


def _vocab(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# (domain, label, system of record); the domains that suit MQTT come early so that small meshes
# still show more than one protocol.
DOMAINS = (
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
LABELS = {domain: label for domain, label, _system in DOMAINS}
SYSTEMS = {domain: system for domain, _label, system in DOMAINS}
MQTT_DOMAINS = frozenset({"iot", "mes", "fleet"})
REGIONS = _vocab("emea americas apac dach nordics iberia uk china")
SITES = _vocab("berlin lyon austin pune osaka gdansk monterrey")
# No "subscription": evented APIs own POST /subscriptions for webhook registration.
NOUNS = _vocab(
    "customer product order invoice payment shipment supplier contract account employee asset "
    "machine sensor ticket lead campaign cart price stock warehouse vehicle route delivery return "
    "refund quote opportunity batch work-order material budget ledger-entry claim policy device "
    "location store coupon review timesheet"
)
QUALIFIERS = _vocab(
    "sales purchase service spare digital partner field retail wholesale internal inbound "
    "outbound recurring regional"
)
EVENTS = {
    "kafka": _vocab(
        "created updated deleted approved cancelled completed archived assigned closed "
        "reopened validated rejected scheduled expired"
    ),
    "mqtt": _vocab("telemetry status alarm heartbeat reading state"),
    "amqp": _vocab(
        "sync-requested sync-completed sync-failed export-requested export-completed import-failed"
    ),
}
PATTERNS = {
    "kafka": "{domain}.{entity}.{event}.v{version}",
    "mqtt": "{site}/{domain}/{entity}/{event}",
    "amqp": "{domain}.{entity}.{event}",
}
BROKERS = (
    Broker(
        "kafka-core",
        "Kafka core (prod)",
        "kafka",
        "kafka-core.acme.internal:9092",
        schema_registry_url=REGISTRY_URL,
    ),
    Broker(
        "kafka-analytics",
        "Kafka analytics",
        "kafka",
        "kafka-analytics.acme.internal:9092",
        schema_registry_url=REGISTRY_URL,
    ),
    Broker("mqtt-plants", "HiveMQ plants", "mqtt", "mqtt.acme.internal:8883"),
    Broker("rabbitmq-ops", "RabbitMQ operations", "amqp", "rabbitmq.acme.internal:5672"),
)
PROTOCOL_OF_BROKER = {broker.id: broker.protocol for broker in BROKERS}
FORMATS = {
    "kafka": "AVRO:55 PROTOBUF:30 JSON:15",
    "mqtt": "JSON:75 PROTOBUF:25",
    "amqp": "JSON:70 AVRO:30",
}
# Only levels that additive histories obey. A closed JSON Schema model cannot gain properties
# under FORWARD or FULL (COMPATIBILITY.md), so JSON subjects stay BACKWARD-ish.
LEVELS = {
    "AVRO": "BACKWARD:45 FULL_TRANSITIVE:20 BACKWARD_TRANSITIVE:15 FULL:10 FORWARD_TRANSITIVE:5 "
    "NONE:5",
    "JSON": "BACKWARD:75 BACKWARD_TRANSITIVE:20 NONE:5",
    "PROTOBUF": "BACKWARD:60 BACKWARD_TRANSITIVE:15 FULL:10 FULL_TRANSITIVE:15",
}
CONTENT_TYPES = {
    "AVRO": "application/avro",
    "JSON": "application/json",
    "PROTOBUF": "application/x-protobuf",
}
KIND_SHARES = "service:37 backend:8 api:15 client:25 datastore:15"  # percent
TEAMS = {"backend": "platform", "api": "integration", "client": "digital", "datastore": "data"}
SERVICE_TEAMS = _vocab("core integration data squad-a squad-b")
ROLES = _vocab(
    "pricing enrichment matching sync projection notifier scoring router aggregator validator "
    "scheduler reconciler"
)
CLIENTS = (  # id suffix, label
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
STORES = (
    ("read-model", "read model"),
    ("search", "search index"),
    ("cache", "cache"),
    ("lake", "data lake"),
    ("history", "history store"),
)


def table(spec: str) -> list[tuple[str, int]]:
    """The (choice, weight) pairs of a ``"choice:weight ..."`` spec, in written order."""
    pairs = [item.rsplit(":", 1) for item in spec.split()]
    return [(choice, int(weight)) for choice, weight in pairs]


def weighted(rng: random.Random, spec: str) -> str:
    """One choice of a ``"choice:weight ..."`` spec."""
    pairs = table(spec)
    return rng.choices([c for c, _ in pairs], weights=[w for _, w in pairs])[0]
