"""Judge each difference: does it break a producer, consumer or caller, and why (one sentence).

A change breaks someone when something in the mesh depends on what changed and would fail or
silently stop working: consumers of a removed topic, clients of a topic whose address,
broker or protocol changed, callers of a removed or moved endpoint, readers of a payload
version they cannot read (``payloads``), subscribers of a webhook that is no longer
delivered, the consumers left without a producer. Dependents are looked up in the new design
and, for removals, in the old one too (someone who consumed a removed topic is broken even if
the same change also cut their subscription). Added things break nobody; documentation,
notes, owners and ``x-`` extensions break nobody; rule settings and taxonomies only change what
``validate`` reports, and a taxonomy that makes existing addresses off-pattern counts as
breaking, since CI pipelines gate on it.

Each rule is a small function ``(delta, ctx, reader) -> Verdict``, chosen by section and field;
relations and webhook settings are judged in ``relations``, schemas in ``payloads``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studio.diff.compare import Delta
from studio.diff.context import Context, Verdict, harmless
from studio.diff.payloads import Reader, schema_change
from studio.diff.relations import relation_verdict, webhooks_verdict
from studio.diff.usage import names, verb
from studio.model import Broker, Note, TaxonomyRule
from studio.model.references import BACKEND, CALL, PROVIDER, READ, TOPIC_BROKER
from studio.model.taxonomy import check_address
from studio.validate.rules import RULES

Rule = Callable[[Delta, Context, Reader], Verdict]
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def classify(delta: Delta, ctx: Context, reader: Reader) -> Verdict:
    """The verdict on one difference."""
    if delta.section == "links":
        return relation_verdict(delta, ctx, reader)
    if delta.section in ("taxonomy", "rules", "info", "registry", "extensions"):
        return _SETTINGS[delta.section](delta, ctx, reader)
    if delta.field is None:
        if delta.kind == "added":
            return Verdict(False, f"New {delta.what}; nothing existing depends on it.")
        return _REMOVED[delta.section](delta, ctx, reader)
    head = delta.field.split("/", 1)[0]
    rule = _FIELDS.get((delta.section, head))
    if rule is not None:
        return rule(delta, ctx, reader)
    return harmless(delta)


# -- removed elements ---------------------------------------------------------------


def _removal(delta: Delta, ctx: Context, dependents: list[str], but: str, unused: str) -> Verdict:
    """The verdict on removing an element: breaking while anything still depends on it, for
    the ``dependents`` still in the new design ("Broker b is removed but {but}."); else
    ``unused``."""
    if dependents:
        removed = delta.what[:1].upper() + delta.what[1:]
        return Verdict(True, f"{removed} is removed but {but}.", ctx.surviving(dependents))
    return Verdict(False, unused)


def _broker_removed(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    topics = ctx.new.users(delta.element or "", TOPIC_BROKER)
    lives = f"topics {names(topics)} still live on it"
    return _removal(delta, ctx, topics, lives, f"No topic lives on {delta.what} any more.")


def _application_removed(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    app = delta.element or ""
    old = ctx.old
    facts: list[str] = []
    affected: list[str] = []

    def depend(ids: list[str], fact: str, word: str = "") -> None:
        alive = ctx.surviving(ids)
        if alive:
            facts.append(fact.format(names(alive), verb(alive, word)))
            affected.extend(alive)

    depend(
        [r for r in ctx.new.references_to(app) if not isinstance(ctx.new.elements.get(r), Note)],
        "{} still {} to it",
        "refer",
    )
    depend([s for s, _ in old.webhook_subscribers(app)], "it delivered webhooks to {}")
    depend(
        [c for e in old.users(app, PROVIDER) for c in old.users(e, CALL) if c != app],
        "{} called its endpoints",
    )
    depend(old.users(app, READ), "{} read it")
    depend(old.users(app, BACKEND), "{} fronted it")
    for topic in _orphaned_topics(ctx, old.produced_by(app)):
        depend(
            ctx.new.consumers(topic),
            f"it was the last producer of {topic}, so {{}} {{}} no more messages",
            "get",
        )
    unused = f"Nothing in the new design depends on application {app}."
    return _removal(delta, ctx, affected, "; ".join(facts), unused)


def _orphaned_topics(ctx: Context, topics: list[str]) -> list[str]:
    """Topics still consumed in the new design that no one produces any more."""
    return [
        t for t in topics if ctx.new.has(t) and ctx.new.consumers(t) and not ctx.new.producers(t)
    ]


def _topic_removed(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    topic = delta.element or ""
    consumers = list(dict.fromkeys([*ctx.old.consumers(topic), *ctx.new.consumers(topic)]))
    others = [
        r
        for r in ctx.new.references_to(topic)
        if r not in consumers and not isinstance(ctx.new.elements.get(r), Note)
    ]
    parts = ([f"{names(consumers)} {verb(consumers, 'consume')} it"] if consumers else []) + (
        [f"{names(others)} still {verb(others, 'refer')} to it"] if others else []
    )
    but = " and ".join(parts)
    return _removal(delta, ctx, [*consumers, *others], but, f"Nobody consumed topic {topic}.")


def _message_removed(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    refs = ctx.new.references_to(delta.element or "")
    users = [r for r in refs if not isinstance(ctx.new.elements.get(r), Note)]
    unused = f"No topic or endpoint uses {delta.what} any more."
    return _removal(delta, ctx, users, f"{names(users)} still {verb(users, 'use')} it", unused)


def _endpoint_removed(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    callers = _callers(ctx, delta.element or "")
    call = f"{names(callers)} {verb(callers, 'call')} it"
    return _removal(delta, ctx, callers, call, f"No application of this design calls {delta.what}.")


def _note_removed(delta: Delta, _ctx: Context, _: Reader) -> Verdict:
    return Verdict(False, "A review note: no client depends on it.")


def _callers(ctx: Context, endpoint: str) -> list[str]:
    return list(dict.fromkeys([*ctx.old.users(endpoint, CALL), *ctx.new.users(endpoint, CALL)]))


# -- changed fields -----------------------------------------------------------------


def _broker_connection(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    broker = delta.element or ""
    topics = ctx.new.users(broker, TOPIC_BROKER)
    clients = [c for t in topics for c in ctx.new.clients_of_topic(t)]
    if delta.kind == "added":
        return Verdict(False, f"Broker {broker} now declares its {delta.field}.")
    if not clients:
        return Verdict(
            False,
            f"No application uses a topic on broker {broker}, so nothing "
            f"depends on its {delta.field}.",
        )
    return Verdict(
        True,
        f"Clients of topics on broker {broker} ({names(clients)}) use "
        f"{delta.field} {delta.old}; it is now {delta.new or 'unset'}.",
        ctx.surviving(clients),
    )


def _topic_clients(ctx: Context, topic: str) -> list[str]:
    return list(dict.fromkeys([*ctx.old.clients_of_topic(topic), *ctx.new.clients_of_topic(topic)]))


def _topic_location(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    topic = delta.element or ""
    clients = _topic_clients(ctx, topic)
    if not clients:
        return Verdict(
            False,
            f"No application produces or consumes topic {topic}, so "
            f"nothing uses its {delta.field}.",
        )
    if delta.field == "broker":
        protocols = [
            _protocol(u.design.brokers, b) for u, b in ((ctx.old, delta.old), (ctx.new, delta.new))
        ]
        moved = f"moves from broker {delta.old} to {delta.new}" + (
            f" ({protocols[0]} to {protocols[1]})" if protocols[0] != protocols[1] else ""
        )
        return Verdict(
            True,
            f"Topic {topic} {moved}; its clients ({names(clients)}) connect to the old one.",
            ctx.surviving(clients),
        )
    return Verdict(
        True,
        f"Clients of topic {topic} ({names(clients)}) use the address "
        f"{delta.old}; it is now {delta.new}.",
        ctx.surviving(clients),
    )


def _protocol(brokers: list[Broker], broker_id: Any) -> str | None:
    return next((b.protocol for b in brokers if b.id == broker_id), None)


def _topic_messages(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    topic = delta.element or ""
    added = [m for m in delta.new or () if m not in (delta.old or ())]
    removed = [m for m in delta.old or () if m not in (delta.new or ())]
    consumers = ctx.new.consumers(topic)
    if not added and not removed:
        return Verdict(False, f"Only the order of the messages of topic {topic} changed.")
    parts = (
        [f"now also carries {names(added)}, which they were not built to read"] if added else []
    ) + ([f"no longer carries {names(removed)}"] if removed else [])
    if not consumers:
        return Verdict(
            False,
            f"Topic {topic} "
            + " and ".join(parts).replace(", which they were not built to read", "")
            + "; nobody consumes it.",
        )
    return Verdict(
        True,
        f"For the consumers of topic {topic} ({names(consumers)}), the topic "
        + " and ".join(parts)
        + ".",
        tuple(consumers),
    )


# Bindings that only change how the broker stores data, not how clients attach to it.
_SAFE_BINDINGS = frozenset({"kafka.replicas"})


def _topic_bindings(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    topic = delta.element or ""
    before, after = _leaves(delta.old), _leaves(delta.new)
    changed = [
        k
        for k in dict.fromkeys([*before, *after])
        if before.get(k) != after.get(k)
        and k not in _SAFE_BINDINGS
        and not k.rsplit(".", 1)[-1].startswith("x-")
    ]
    clients = _topic_clients(ctx, topic)
    if not changed:
        return Verdict(
            False,
            f"Only storage settings of topic {topic} changed "
            "(replication); clients are not affected.",
        )
    if not clients:
        return Verdict(
            False, f"Protocol bindings of topic {topic} changed, but no application uses it."
        )
    return Verdict(
        True,
        f"Protocol bindings of topic {topic} changed ({', '.join(changed)}); "
        f"its clients ({names(clients)}) are configured for the old ones.",
        ctx.surviving(clients),
    )


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """``protocol.key`` -> value for every leaf of a bindings mapping."""
    if not isinstance(value, dict):
        return {prefix: value} if prefix else {}
    found: dict[str, Any] = {}
    for key, inner in value.items():
        found.update(_leaves(inner, f"{prefix}.{key}" if prefix else str(key)))
    return found


def _message_schema(delta: Delta, ctx: Context, reader: Reader) -> Verdict:
    return schema_change(
        ctx, reader, delta.element or "", delta.field or "payload", delta.old, delta.new
    )


def _content_type(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    message = delta.element or ""
    readers = list(
        dict.fromkeys(
            [*ctx.new.consumers_of_message(message), *ctx.new.callers_of_message(message)]
        )
    )
    if delta.kind == "added" or not readers:
        return Verdict(
            False,
            f"No reader of message {message} relied on a content type."
            if readers
            else f"No consumer or caller reads message {message}.",
        )
    return Verdict(
        True,
        f"Readers of message {message} ({names(readers)}) decode "
        f"{delta.old}; it is now {delta.new or 'undeclared'}.",
        tuple(readers),
    )


def _endpoint_contract(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    endpoint = delta.element or ""
    callers = _callers(ctx, endpoint)
    field = delta.field or ""
    if field == "request" and delta.kind == "removed":
        return Verdict(
            False,
            f"Endpoint {endpoint} no longer takes a request body; callers "
            "that still send one are not refused for it.",
        )
    if field.startswith("responses/"):
        status = field.split("/", 1)[1]
        old_e, new_e = (u.elements.get(endpoint) for u in (ctx.old, ctx.new))
        if status not in getattr(old_e, "responses", {}) or status not in getattr(
            new_e, "responses", {}
        ):
            return Verdict(
                False,
                f"Endpoint {endpoint} "
                + ("now answers" if delta.old is None else "no longer answers")
                + f" with status {status}; callers handle what they know.",
            )
    if not callers:
        return Verdict(
            False,
            f"No application of this design calls endpoint {endpoint}; "
            "callers outside the design would have to change.",
        )
    label = field.replace("responses/", "response ")
    return Verdict(
        True,
        f"{names(callers)} {verb(callers, 'call')} endpoint {endpoint} with "
        f"{label} {delta.old}; it is now {delta.new}.",
        ctx.surviving(callers),
    )


# -- design-level settings ----------------------------------------------------------


def _taxonomy(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    protocol = delta.field or ""
    old_rule, new_rule = (
        ctx.old.design.taxonomy.get(protocol),
        ctx.new.design.taxonomy.get(protocol),
    )
    if new_rule is None:
        return Verdict(
            False, f"Addresses of {protocol} topics are no longer checked against a pattern."
        )
    off = [
        t.id
        for t in ctx.new.design.topics
        if _protocol(ctx.new.design.brokers, t.broker) == protocol
        and _off(t.address, new_rule)
        and not (old_rule is not None and _off(t.address, old_rule))
    ]
    if off:
        noun = "topic" if len(off) == 1 else "topics"
        return Verdict(
            True,
            f"The {protocol} taxonomy now rejects the address of {noun} {names(off)} (MS106).",
            tuple(off),
        )
    return Verdict(False, f"Every existing {protocol} address still follows the taxonomy.")


def _off(address: str, rule: TaxonomyRule) -> bool:
    return check_address(address, rule) is not None


def _rule_setting(delta: Delta, _ctx: Context, _: Reader) -> Verdict:
    rule_id = delta.path.rsplit("/", 1)[-1]
    title = RULES[rule_id].title if rule_id in RULES else rule_id
    if (delta.field or "").startswith("disable"):
        if delta.kind == "added":
            return Verdict(
                False,
                f"{rule_id} ({title}) is no longer reported: problems it finds will go unnoticed.",
            )
        return Verdict(False, f"{rule_id} ({title}) is reported again.")
    if not (delta.field or "").startswith("severity/"):
        return harmless(delta)
    default = RULES[rule_id].severity if rule_id in RULES else "warning"
    before, after = delta.old or default, delta.new or default
    if _SEVERITY_RANK.get(after, 1) < _SEVERITY_RANK.get(before, 1):
        effect = (
            "they no longer fail validate" if before == "error" else "they are easier to overlook"
        )
        return Verdict(False, f"{rule_id} findings drop from {before} to {after}: {effect}.")
    return Verdict(False, f"{rule_id} findings are reported as {after} instead of {before}.")


def _design_setting(delta: Delta, _ctx: Context, _: Reader) -> Verdict:
    if delta.section == "registry":
        return Verdict(
            False,
            f"Payload references now resolve in {delta.new or 'no registry'}; "
            "each side's schemas were checked in its own registry.",
        )
    if delta.section == "info":
        return Verdict(
            False, "Describes the design; exported documents carry it, clients do not depend on it."
        )
    return harmless(delta)


_REMOVED: dict[str, Rule] = {
    "brokers": _broker_removed,
    "applications": _application_removed,
    "topics": _topic_removed,
    "messages": _message_removed,
    "endpoints": _endpoint_removed,
    "notes": _note_removed,
}
_FIELDS: dict[tuple[str, str], Rule] = {
    ("brokers", "protocol"): _broker_connection,
    ("brokers", "host"): _broker_connection,
    ("brokers", "schemaRegistryUrl"): _broker_connection,
    ("applications", "webhooks"): webhooks_verdict,
    ("topics", "address"): _topic_location,
    ("topics", "broker"): _topic_location,
    ("topics", "messages"): _topic_messages,
    ("topics", "bindings"): _topic_bindings,
    ("messages", "payload"): _message_schema,
    ("messages", "key"): _message_schema,
    ("messages", "headers"): _message_schema,
    ("messages", "contentType"): _content_type,
    ("endpoints", "method"): _endpoint_contract,
    ("endpoints", "path"): _endpoint_contract,
    ("endpoints", "provider"): _endpoint_contract,
    ("endpoints", "request"): _endpoint_contract,
    ("endpoints", "responses"): _endpoint_contract,
}
_SETTINGS: dict[str, Rule] = {
    "taxonomy": _taxonomy,
    "rules": _rule_setting,
    "info": _design_setting,
    "registry": _design_setting,
    "extensions": _design_setting,
}
