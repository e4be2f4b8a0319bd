"""Who reads what in a generated mesh: every topic gets direct consumers (consumer groups on
Kafka, queues on AMQP), System APIs push some of their backend's events as webhooks that
clients subscribe to through them, and datastores are written by some systems and read by
others (CQRS)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from studio.generate.draft import Draft
from studio.generate.payloads import written_version
from studio.model import SchemaRef, Topic, Webhooks


def subscribe_directly(draft: Draft) -> None:
    rng = draft.rng
    pool = draft.of("service", "backend", "client")
    weights = list(
        itertools.accumulate(3 if draft.apps[slot].kind == "service" else 1 for slot in pool)
    )
    for topic in draft.topics:
        wanted = rng.choices((1, 2, 3, 4, 5), weights=(35, 30, 20, 10, 5))[0]
        picks = rng.choices(pool, cum_weights=weights, k=wanted + 1)
        producers = draft.producers[topic.id]
        # Every topic needs a consumer; the producer reads its own topic only when alone.
        takers = [s for s in picks if s not in producers] or _other(draft, pool, producers)
        for slot in takers[:wanted]:
            draft.subscribe(slot, topic, **_group(draft, slot, topic))


def make_evented_apis(draft: Draft) -> None:
    rng = draft.rng
    systems = [slot for slot in draft.of("api") if draft.apps[slot].backend]
    evented = [slot for i, slot in enumerate(systems) if i == 0 or rng.random() < 0.8]
    by_producer: dict[str, list[Topic]] = {}
    for topic in draft.topics:
        for slot in draft.producers[topic.id]:
            by_producer.setdefault(draft.apps[slot].id, []).append(topic)
    for slot in evented:
        api = draft.apps[slot]
        # It pushes the events of the backend it fronts, else those of its domain.
        own = (
            by_producer.get(api.backend or "") or draft.topics_of[draft.homes[slot]] or draft.topics
        )
        pushed = rng.sample(own, min(len(own), rng.randint(2, 8)))
        for topic in pushed:
            draft.subscribe(slot, topic, **_group(draft, slot, topic))
        if pushed:
            hooks = Webhooks("/subscriptions", tuple(t.id for t in pushed))
            draft.apps[slot] = replace(draft.apps[slot], webhooks=hooks)
    evented = [slot for slot in evented if draft.apps[slot].webhooks]
    topic_by_id = {t.id: t for t in draft.topics}
    for i, client in enumerate(draft.of("client")):
        if evented and (i == 0 or rng.random() < 0.6):
            _subscribe_via(draft, client, rng.choice(evented), topic_by_id)


def make_cqrs(draft: Draft) -> None:
    rng = draft.rng
    writers = draft.of("service", "backend")
    readers = draft.of("service", "api", "client")
    for store in (draft.apps[slot].id for slot in draft.of("datastore")):
        for slot in rng.sample(writers, min(len(writers), rng.randint(1, 3))):
            draft.extend(slot, writes=(store,))
        for slot in rng.sample(readers, min(len(readers), rng.randint(2, 5))):
            if store not in draft.apps[slot].writes:
                draft.extend(slot, reads=(store,))


def _other(draft: Draft, pool: list[int], producers: list[int]) -> list[int]:
    others = [slot for slot in pool if slot not in producers]
    return [draft.rng.choice(others)] if others else pool[:1]


def _group(draft: Draft, slot: int, topic: Topic) -> dict[str, Any]:
    # A consumer group (Kafka) or queue (AMQP); MQTT subscriptions have neither.
    protocol, app_id = draft.protocol(topic), draft.apps[slot].id
    if protocol == "mqtt":
        return {}
    return {"group": app_id if protocol == "kafka" else f"q.{app_id}"}


def _subscribe_via(draft: Draft, client: int, api: int, topic_by_id: dict[str, Topic]) -> None:
    hooks = draft.apps[api].webhooks
    pushed = list(hooks.topics) if hooks else []
    chosen = draft.rng.sample(pushed, min(len(pushed), draft.rng.randint(1, 3)))
    for topic in (topic_by_id[t] for t in chosen):
        extra: dict[str, Any] = {"via": draft.apps[api].id}
        pin = _older_readable(draft, topic)
        if pin is not None:
            extra["schema_version"] = pin
        draft.subscribe(client, topic, **extra)


def _older_readable(draft: Draft, topic: Topic) -> int | None:
    """An older reader version, for formats where old readers ignore added fields; a closed
    JSON Schema model rejects them, so JSON consumers never pin."""
    payload = draft.message_of(topic).payload
    writer = written_version(payload.version if isinstance(payload, SchemaRef) else "latest")
    if draft.plan_of(topic).schema_type == "JSON" or writer < 2 or draft.rng.random() >= 0.35:
        return None
    return draft.rng.randint(1, writer - 1)
