"""The messages and topics of a generated mesh, with who produces them.

Each step draws one message for a producer (systems of record publish four times as often as
microservices), its schema plan, and one to three topics that carry it: Kafka topics per event,
MQTT topics per site, AMQP routing keys per event. A message's subject is named after its
first topic, as Confluent's TopicNameStrategy does.
"""

from __future__ import annotations

import itertools
import random

from studio.generate.draft import Draft
from studio.generate.names import a, camel, entity_pool, letters, pascal, words
from studio.generate.payloads import (
    ADDED_FIELDS,
    BASE_FIELDS,
    COMMON,
    VERSIONS,
    Data,
    Field,
    SchemaPlan,
    example,
)
from studio.generate.vocabulary import (
    CONTENT_TYPES,
    EVENTS,
    FORMATS,
    LABELS,
    LEVELS,
    MQTT_DOMAINS,
    NOUNS,
    SITES,
    weighted,
)
from studio.model import Message, Publication, SchemaRef, Topic, Version


def make_messages(draft: Draft) -> None:
    """One message per application, each on its own topics, each topic with its producers."""
    producers = draft.of("backend", "service")
    same_domain: dict[str, list[int]] = {}
    for slot in producers:
        same_domain.setdefault(draft.homes[slot], []).append(slot)
    weights = list(
        itertools.accumulate(4 if draft.apps[slot].kind == "backend" else 1 for slot in producers)
    )
    pools: dict[str, list[str]] = {}
    for i in range(draft.size):
        producer = draft.rng.choices(producers, cum_weights=weights)[0]
        message, topics = _new_message(draft, pools, i, draft.homes[producer])
        draft.messages.append(message)
        draft.message_by_id[message.id] = message
        draft.messages_of[draft.homes[producer]].append(message)
        for topic in topics:
            takers = [producer]
            _add_second_producer(draft, takers, same_domain)
            draft.topics.append(topic)
            draft.producers[topic.id] = takers
            draft.topics_of[draft.homes[producer]].append(topic)
            for slot in takers:
                draft.extend(slot, publishes=(Publication(topic.id),))


def _add_second_producer(
    draft: Draft, takers: list[int], same_domain: dict[str, list[int]]
) -> None:
    # A second system of the same domain publishing the same event, e.g. two regional ERPs.
    candidates = same_domain[draft.homes[takers[0]]]
    if len(candidates) > 1 and draft.rng.random() < 0.1:
        other = draft.rng.choice(candidates)
        if other not in takers:
            takers.append(other)


def _next_entity(draft: Draft, pools: dict[str, list[str]], domain: str) -> str:
    pool = pools.get(domain)
    if pool is None:
        pool = pools[domain] = entity_pool(draft.rng)
        pool.reverse()  # pop() from the end then yields the pool in order
    if pool:
        return pool.pop()
    # Only for very large meshes: suffix letters, never digits, to keep names readable.
    pools[domain] = [f"{e}-{letters(len(draft.messages))}" for e in NOUNS]
    return pools[domain].pop()


def _new_message(
    draft: Draft, pools: dict[str, list[str]], i: int, domain: str
) -> tuple[Message, list[Topic]]:
    # The order of the draws below is part of the output: same seed, same mesh.
    rng = draft.rng
    entity = _next_entity(draft, pools, domain)
    if domain in MQTT_DOMAINS:
        protocol = "mqtt" if rng.random() < 0.7 else "kafka"
    else:
        protocol = "kafka" if rng.random() < 0.75 else "amqp"
    schema_type = _schema_type(rng, i, protocol)
    commons = _commons(rng, i, schema_type)
    initials = "".join(p[0] for p in entity.split("-")).upper()
    fields = [
        Field(f"{camel(entity)}Id", "string", f"{initials}-{1000 + i}"),
        Field("occurredAt", "timestamp", "2026-01-01T10:00:00Z"),
    ]
    fields += rng.sample(BASE_FIELDS, rng.randint(2, 4))
    fields += [COMMON[c].field for c in commons]
    level = weighted(rng, LEVELS[schema_type])
    version = _payload_version(rng, schema_type)
    added = rng.sample(ADDED_FIELDS, VERSIONS - 1)
    keyed = protocol == "kafka" and rng.random() < 0.15
    plan = SchemaPlan(
        domain, entity, schema_type, tuple(fields), tuple(added), tuple(commons), level
    )
    name, message_id, topics = _new_topics(draft, plan, protocol)
    subject = f"{topics[0].address}-value"
    draft.plans[message_id] = plan
    message = Message(
        message_id,
        name,
        content_type=CONTENT_TYPES[schema_type],
        payload=SchemaRef(subject, version),
        key=SchemaRef(subject.removesuffix("value") + "key", 1) if keyed else None,
        examples=(example(plan, version),),
    )
    return message, topics


def _schema_type(rng: random.Random, i: int, protocol: str) -> str:
    if i < 3:  # even a three-application mesh shows all three formats
        return ("AVRO", "JSON", "PROTOBUF")[i]
    return weighted(rng, FORMATS[protocol])


def _commons(rng: random.Random, i: int, schema_type: str) -> list[str]:
    # Message 2 is the first Protobuf one: it always imports, so references always show up.
    if schema_type != "PROTOBUF" or (i != 2 and rng.random() >= 0.3):
        return []
    return weighted(rng, "money:6 address:2 money,address:2").split(",")


def _payload_version(rng: random.Random, schema_type: str) -> Version:
    roll = rng.random()
    # Avro examples carry every field of the newest version, so Avro producers stay on it;
    # a lagging producer is shown with JSON and Protobuf only.
    if roll < 0.2:
        return "latest"
    if schema_type != "AVRO" and roll < 0.4:
        return rng.randint(VERSIONS - 2, VERSIONS - 1)
    return VERSIONS


def _new_topics(draft: Draft, plan: SchemaPlan, protocol: str) -> tuple[str, str, list[Topic]]:
    """The message's name and id and its topics."""
    rng = draft.rng
    count = rng.choices((1, 2, 3), weights=(3, 4, 3))[0]
    events = rng.sample(EVENTS[protocol], count if protocol != "mqtt" else 1)
    family = {"kafka": "event", "mqtt": events[0], "amqp": "notification"}[protocol]
    suffix = events[0] if count == 1 else family
    name = pascal(plan.entity) + pascal(suffix)
    message_id = draft.ids.claim(f"{plan.domain}-{plan.entity}-{suffix}")
    if protocol == "mqtt":
        pairs = [(site, events[0]) for site in rng.sample(SITES, count)]
    else:
        pairs = [("", event) for event in events]
    topics = [_new_topic(draft, plan, protocol, message_id, site, event) for site, event in pairs]
    return name, message_id, topics


def _new_topic(
    draft: Draft, plan: SchemaPlan, protocol: str, message_id: str, site: str, event: str
) -> Topic:
    rng, d, e = draft.rng, plan.domain, plan.entity
    bindings: Data | None
    if protocol == "kafka":
        broker = "kafka-analytics" if rng.random() < 0.25 else "kafka-core"
        address = f"{d}.{e}.{event}.v{2 if rng.random() < 0.1 else 1}"
        bindings = {"kafka": {"partitions": rng.choice((3, 6, 12, 24)), "replicas": 3}}
        text = f"{a(words(e)).capitalize()} was {event} in {LABELS[d]}."
    elif protocol == "mqtt":
        broker, address, bindings = "mqtt-plants", f"{site}/{d}/{e}/{event}", None
        text = f"{event.capitalize()} of each {words(e)} at the {site} site."
    else:
        broker, address = "rabbitmq-ops", f"{d}.{e}.{event}"
        exchange = {"name": f"{d}.events", "type": "topic", "durable": True, "autoDelete": False}
        bindings = {"amqp": {"is": "routingKey", "exchange": exchange}}
        text = f"{words(e).capitalize()} {words(event)} ({LABELS[d]} work queue)."
    draft.used_brokers.add(broker)
    topic_id = draft.ids.claim(address.replace("/", "."))
    return Topic(topic_id, address, broker, (message_id,), text, bindings)
