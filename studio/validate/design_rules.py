"""Rules that read the design alone: references, taxonomy, producers/consumers, webhooks,
call cycles, protocol address rules, endpoint paths, references out of the design's own
schemas (MS101, MS106-MS108, MS111-MS113, MS115).

Each rule is a small generator of findings (the shape of jsonschema's keywords, STYLE.md);
one broken element never stops a rule from looking at the others. ``studio.validate.rules``
names them in the rule table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from studio.graph import call_cycles
from studio.model import Application, Broker, InlineSchema, kind_name
from studio.model.findings import Finding
from studio.model.references import mentions
from studio.model.taxonomy import check_address
from studio.validate.context import Context


def unknown_references(ctx: Context) -> Iterator[Finding]:
    """MS101: every reference names an element of the right kind, and every id a view names
    (hand-picked, a neighbourhood's centre, a position of its own) is an element."""
    for element in ctx.each(ctx.design.elements()):
        for mention in mentions(element):
            target, expected, path = mention.target, mention.reference.target, mention.path
            found = ctx.get(target)
            if found is None:
                yield ctx.at(
                    "MS101",
                    f"{_label(path)} '{target}' is not defined in this design",
                    element.id,
                    *path,
                )
            elif expected is not None and not isinstance(found, expected):
                yield ctx.at(
                    "MS101",
                    f"{_label(path)} '{target}' is {_a(kind_name(found))}, "
                    f"not {_a(expected.__name__.lower())}",
                    element.id,
                    *path,
                )
    yield from _unknown_in_views(ctx)


def _unknown_in_views(ctx: Context) -> Iterator[Finding]:
    for index, view in enumerate(ctx.design.views):
        for element_id, path in view.named_ids():
            if ctx.get(element_id) is None:
                where = "layout" if path[0] == "layout" else f"{path[0]}.{path[1]}"
                yield ctx.finding(
                    "MS101",
                    f"view '{view.id}' names '{element_id}' in {where}, which is not "
                    "defined in this design",
                    None,
                    ctx.file,
                    ctx.source.line(("views", index, *path)),
                )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _label(path: tuple[str | int, ...]) -> str:
    names = [p for p in path if isinstance(p, str)]
    return {
        "publishes.topic": "publishes to",
        "subscribes.topic": "subscribes to",
        "subscribes.via": "via",
        "webhooks.topics": "webhook topic",
        "calls": "calls",
        "responses": "response",
    }.get(".".join(names), names[0] if names else "reference")


def taxonomy(ctx: Context) -> Iterator[Finding]:
    """MS106: a topic's address follows the pattern of its broker's protocol."""
    for topic in ctx.each(ctx.design.topics):
        broker = ctx.get(topic.broker) if topic.broker else None
        if not isinstance(broker, Broker):
            continue
        rule = ctx.design.taxonomy.get(broker.protocol)
        if rule is None:
            continue
        mismatch = check_address(topic.address, rule)
        if mismatch:
            yield ctx.at(
                "MS106",
                f"address '{topic.address}' {mismatch.reason} (taxonomy for {broker.protocol})",
                topic.id,
                "address",
            )


def producers_and_consumers(ctx: Context) -> Iterator[Finding]:
    """MS107: every topic has someone writing to it and someone reading from it."""
    uses = ctx.uses
    for topic in ctx.each(ctx.design.topics):
        if not uses.publications(topic.id):
            yield ctx.at(
                "MS107",
                f"topic '{topic.address}' has no producer: no application publishes to it",
                topic.id,
            )
        if not uses.subscriptions(topic.id):
            yield ctx.at(
                "MS107",
                f"topic '{topic.address}' has no consumer: no application "
                "subscribes to it, directly or by webhook",
                topic.id,
            )


def webhook_delivery(ctx: Context) -> Iterator[Finding]:
    """MS108: ``via:`` names an evented API that delivers that topic."""
    for app in ctx.each(ctx.design.applications):
        for index, subscription in enumerate(app.subscribes):
            if not subscription.via:
                continue
            api = ctx.get(subscription.via)
            if not isinstance(api, Application):
                continue  # MS101 reports unknown ids
            if api.webhooks is None:
                yield ctx.at(
                    "MS108",
                    f"via '{api.id}': {api.name or api.id} is not an evented "
                    "API (it has no webhooks)",
                    app.id,
                    "subscribes",
                    index,
                    "via",
                )
            elif subscription.topic not in api.webhooks.topics:
                yield ctx.at(
                    "MS108",
                    f"via '{api.id}': {api.name or api.id} does not deliver "
                    f"topic '{subscription.topic}' by webhook (its webhook topics: "
                    f"{', '.join(api.webhooks.topics) or 'none'})",
                    app.id,
                    "subscribes",
                    index,
                    "via",
                )


def call_cycle(ctx: Context) -> Iterator[Finding]:
    """MS111: synchronous calls that come back to where they started (a whole-design rule:
    it reads every call, so it never narrows to a scope)."""
    for cycle in call_cycles(ctx.design, ctx.uses):
        route = " → ".join([*cycle, cycle[0]])
        yield ctx.at("MS111", f"synchronous call cycle: {route}", cycle[0], "calls")


_KAFKA_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
_NATS_TOKEN = re.compile(r"^[^\s.*>]+$")


def address_legality(ctx: Context) -> Iterator[Finding]:
    """MS112: addresses the broker would refuse (or treat as a wildcard)."""
    for topic in ctx.each(ctx.design.topics):
        broker = ctx.get(topic.broker) if topic.broker else None
        if not isinstance(broker, Broker):
            continue
        published = bool(ctx.uses.publications(topic.id))
        problem = _illegal(broker.protocol, topic.address, published)
        if problem:
            yield ctx.at("MS112", f"address '{topic.address}' {problem}", topic.id, "address")


def _illegal(protocol: str, address: str, published: bool) -> str | None:
    if protocol == "kafka":
        if len(address) > 249:
            return f"is {len(address)} characters; Kafka topic names have at most 249"
        if address in (".", ".."):
            return "is not allowed as a Kafka topic name"
        if not _KAFKA_NAME.match(address):
            return "has characters Kafka does not allow (only letters, digits, '.', '_', '-')"
    elif protocol == "mqtt":
        if published and ("#" in address or "+" in address):
            return "contains an MQTT wildcard ('#' or '+'); messages cannot be published to it"
        if len(address.encode()) > 65535 or "\x00" in address:
            return "is not a valid MQTT topic name"
    elif protocol in ("nats", "solace"):
        separator = "." if protocol == "nats" else "/"
        if published and any(w in address.split(separator) for w in ("*", ">")):
            return f"contains a {protocol.upper()} wildcard ('*' or '>'); cannot publish to it"
        if protocol == "nats" and not all(
            _NATS_TOKEN.match(t) or t in "*>" for t in address.split(".")
        ):
            return "has an empty token or whitespace, which NATS subjects do not allow"
        if protocol == "solace" and len(address.encode()) > 250:
            return "is longer than Solace's 250 bytes"
    elif protocol == "amqp" and len(address.encode()) > 255:
        return "is longer than AMQP's 255-byte limit"
    return None


_PARAM = re.compile(r"\{([^{}]*)\}")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def endpoint_paths(ctx: Context) -> Iterator[Finding]:
    """MS113: path templates are well formed; a provider has one endpoint per method+path."""
    seen: dict[tuple[str, str, str], str] = {}
    # an endpoint is compared with the other endpoints of its provider: all are checked again
    # when the provider is in scope (an edit of one endpoint puts its provider there)
    for endpoint in ctx.each(ctx.design.endpoints, also=lambda e: e.provider):
        names = _PARAM.findall(endpoint.path)
        stripped = _PARAM.sub("", endpoint.path)
        if "{" in stripped or "}" in stripped:
            yield ctx.at(
                "MS113",
                f"path '{endpoint.path}' has unbalanced braces; path "
                "parameters are written {name}",
                endpoint.id,
                "path",
            )
        for name in names:
            if not _PARAM_NAME.match(name):
                yield ctx.at(
                    "MS113",
                    f"path '{endpoint.path}' has a parameter without a valid name ('{{{name}}}')",
                    endpoint.id,
                    "path",
                )
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            yield ctx.at(
                "MS113",
                f"path '{endpoint.path}' declares parameter '{duplicates[0]}' twice",
                endpoint.id,
                "path",
            )
        shape = _PARAM.sub("{}", endpoint.path).rstrip("/") or "/"
        key = (endpoint.provider, endpoint.method, shape)
        if key in seen:
            yield ctx.at(
                "MS113",
                f"{endpoint.method} {endpoint.path} duplicates endpoint "
                f"'{seen[key]}' of the same provider",
                endpoint.id,
                "path",
            )
        else:
            seen[key] = endpoint.id


def remote_references(ctx: Context) -> Iterator[Finding]:
    """MS115: a schema written in the design refers outside itself (``https://...``, a file):
    nothing fetches it, so export, the portal and the checks leave that part unchecked."""
    for message in ctx.each(ctx.design.messages):
        for field in ("payload", "key", "headers"):
            source = getattr(message, field)
            if not isinstance(source, InlineSchema):
                continue
            for path, ref in _refs_in(source.schema, (field, "schema")):
                if not ref.startswith("#"):
                    yield ctx.at(
                        "MS115",
                        f"{field} schema refers to '{ref}', outside the "
                        "design: it is never fetched, so never checked (export and "
                        "the portal leave it out)",
                        message.id,
                        *path,
                    )


def _refs_in(
    node: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every ``$ref`` string under ``node`` with its path (iterative: schemas may be deep)."""
    stack = [(node, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield (*where, "$ref"), ref
            stack.extend((item, (*where, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*where, index)) for index, item in enumerate(value))
