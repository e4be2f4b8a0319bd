"""AsyncAPI 3.0.0, 3.1.0 and 2.6.0 documents: one per application that publishes or subscribes.

A document describes the application itself (the AsyncAPI "application view", EXPORT.md): the
brokers of its topics as servers, each topic it publishes or subscribes to directly as a
channel, a ``send`` operation per publication and a ``receive`` operation per direct
subscription (a consumer group becomes the Kafka ``groupId``), and the topics' messages in
``components.messages`` (``messages.py``). Subscriptions ``via`` an evented API are webhook
deliveries over HTTP and belong to that API's OpenAPI document, not here.

2.6.0 names channels by address and sees operations from the other side: what the application
sends is a ``subscribe`` operation, what it receives a ``publish`` one; channel parameters carry
a ``schema`` there, and servers a ``url`` instead of ``host``. 3.1.0 changes nothing a design
uses, so its documents are the 3.0.0 ones with their own version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.export.components import Components
from studio.export.context import ExportContext, address_parameters
from studio.export.messages import message_object
from studio.export.versions import ASYNCAPI_VERSIONS, require_version
from studio.model.elements import Application, Publication, Subscription, Topic

KAFKA_BINDING = {"3.0.0": "0.5.0", "3.1.0": "0.5.0", "2.6.0": "0.4.0"}
# the binding keys each version's Bindings Objects define (3.0.0 allows no others)
BINDING_PROTOCOLS = frozenset(
    (
        "http",
        "ws",
        "kafka",
        "anypointmq",
        "amqp",
        "amqp1",
        "mqtt",
        "mqtt5",
        "nats",
        "jms",
        "sns",
        "solace",
        "sqs",
        "stomp",
        "redis",
        "mercure",
        "ibmmq",
        "googlepubsub",
        "pulsar",
    )
)


@dataclass(frozen=True, slots=True)
class _Operation:
    id: str
    action: str  # "send" or "receive", from the application's side
    topic: Topic
    link: Publication | Subscription


def asyncapi_document(
    ctx: ExportContext, app: Application, version: str = "3.0.0"
) -> dict[str, Any] | None:
    """The AsyncAPI document of ``app``, or None when it has no channel to describe."""
    require_version("AsyncAPI", version, ASYNCAPI_VERSIONS)
    name = f"asyncapi/{app.id}"
    operations = _operations(ctx, app, name)
    if not operations:
        if any(s.via for s in app.subscribes) and not app.publishes:
            ctx.note(
                "info",
                f"application '{app.id}' only receives webhook deliveries; they are "
                "described in the OpenAPI documents of the evented APIs, so it "
                "has no AsyncAPI document",
                element=app.id,
            )
        return None
    topics = sorted(
        {op.topic.id: op.topic for op in operations}.values(), key=lambda t: ctx.topic_order[t.id]
    )
    brokers = [b for b in ctx.design.brokers if any(t.broker == b.id for t in topics)]
    for topic in topics:
        if topic.broker and topic.broker not in ctx.brokers:
            ctx.note(
                "warning",
                f"topic '{topic.id}' names the unknown broker '{topic.broker}'; "
                "its channel lists no server",
                element=topic.id,
            )
    components = Components()
    messages: dict[str, Any] = {}
    for topic in topics:
        for message_id in _messages(ctx, topic):
            if message_id not in messages:
                messages[message_id] = message_object(
                    ctx, ctx.messages[message_id], version, components, name
                )
    doc: dict[str, Any] = {"asyncapi": version, "info": _info(ctx, app)}
    if brokers:
        doc["servers"] = {b.id: _server(ctx, b.id, version, name) for b in brokers}
    if version != "2.6.0":
        doc["channels"] = {t.id: _channel(ctx, t, version, name) for t in topics}
        doc["operations"] = {op.id: _operation(ctx, op) for op in operations}
    else:
        doc["channels"] = _channels_v2(ctx, topics, operations, name)
        _drop_repeated_message_ids(ctx, doc["channels"], messages, name)
    parts: dict[str, Any] = {}
    if components.schemas:
        parts["schemas"] = components.sorted()
    if messages:
        parts["messages"] = {m: messages[m] for m in sorted(messages)}
    if parts:
        doc["components"] = parts
    return doc


def _operations(ctx: ExportContext, app: Application, document: str) -> list[_Operation]:
    links: list[tuple[str, Publication | Subscription]] = [("send", p) for p in app.publishes]
    links += [("receive", s) for s in app.subscribes if s.via is None]
    operations: list[_Operation] = []
    used: set[str] = set()
    for action, link in links:
        topic = ctx.topics.get(link.topic)
        if topic is None:
            ctx.note(
                "warning",
                f"application '{app.id}' links to the unknown topic "
                f"'{link.topic}'; that operation is left out",
                document,
                app.id,
            )
            continue
        if "#" in topic.address or "?" in topic.address:
            ctx.note(
                "warning",
                f"topic '{topic.id}' has the address '{topic.address}'; an "
                "AsyncAPI channel address cannot contain '#' or '?', so the "
                "channel is left out",
                document,
                topic.id,
            )
            continue
        op_id, number = f"{action}-{topic.id}", 2
        while op_id in used:
            op_id, number = f"{action}-{topic.id}-{number}", number + 1
        used.add(op_id)
        operations.append(_Operation(op_id, action, topic, link))
    return operations


def _messages(ctx: ExportContext, topic: Topic) -> list[str]:
    known = []
    for message_id in topic.messages:
        if message_id in ctx.messages:
            known.append(message_id)
        else:
            ctx.note(
                "warning",
                f"topic '{topic.id}' lists the unknown message '{message_id}'; it is left out",
                element=topic.id,
            )
    return known


def _info(ctx: ExportContext, app: Application) -> dict[str, Any]:
    info: dict[str, Any] = {"title": app.name or app.id, "version": ctx.version}
    if app.description:
        info["description"] = app.description
    if app.owner:
        info["contact"] = {"name": app.owner}
        info["x-owner"] = app.owner
    info.update(ctx.extensions(app.extensions, app.id))
    return info


def _server(ctx: ExportContext, broker_id: str, version: str, document: str) -> dict[str, Any]:
    broker = ctx.brokers[broker_id]
    host = broker.host
    if not host:
        host = broker.id
        ctx.note(
            "warning",
            f"broker '{broker.id}' has no host; its id stands in for it",
            document,
            broker.id,
        )
    server: dict[str, Any] = {"host": host} if version != "2.6.0" else {"url": host}
    server["protocol"] = broker.protocol
    if broker.name:  # 2.6 servers have no title: the extension keeps the name for importers
        server["title" if version != "2.6.0" else "x-title"] = broker.name
    description = broker.description or (broker.name if version == "2.6.0" else None)
    if description:
        server["description"] = description
    if broker.protocol == "kafka" and broker.schema_registry_url:
        server["bindings"] = {
            "kafka": {
                "schemaRegistryUrl": broker.schema_registry_url,
                "bindingVersion": KAFKA_BINDING[version],
            }
        }
    server.update(ctx.extensions(broker.extensions, broker.id))
    return server


def _channel(ctx: ExportContext, topic: Topic, version: str, document: str) -> dict[str, Any]:
    channel: dict[str, Any] = {"address": topic.address} if version != "2.6.0" else {}
    if topic.description:
        channel["description"] = topic.description
    if topic.broker in ctx.brokers:
        channel["servers"] = (
            [{"$ref": f"#/servers/{topic.broker}"}] if version != "2.6.0" else [topic.broker]
        )
    parameters = _parameters(ctx, topic, version)
    if parameters:
        channel["parameters"] = parameters
    if version != "2.6.0":
        channel["messages"] = {
            m: {"$ref": f"#/components/messages/{m}"} for m in _messages(ctx, topic)
        }
    bindings = _bindings(ctx, topic, document)
    if bindings:
        channel["bindings"] = bindings
    channel.update(ctx.extensions(topic.extensions, topic.id))
    return channel


def _parameters(ctx: ExportContext, topic: Topic, version: str) -> dict[str, Any]:
    protocol = ctx.protocol(topic)
    rule = ctx.design.taxonomy.get(protocol or "")
    parameters: dict[str, Any] = {}
    for name in address_parameters(topic.address):
        parameter: dict[str, Any] = {"description": f"The {name} part of the address."}
        values = list(rule.levels.get(name, ())) if rule else []
        if version != "2.6.0":
            if values:
                parameter["enum"] = values
        else:
            parameter["schema"] = {"type": "string", **({"enum": values} if values else {})}
        parameters[name] = parameter
    return parameters


def _bindings(ctx: ExportContext, topic: Topic, document: str) -> dict[str, Any]:
    bindings: dict[str, Any] = {}
    for protocol, binding in (topic.bindings or {}).items():
        if protocol in BINDING_PROTOCOLS or protocol.startswith("x-"):
            bindings[protocol] = binding
        else:
            ctx.note(
                "warning",
                f"topic '{topic.id}' has a '{protocol}' binding, which AsyncAPI "
                "does not define; it is left out",
                document,
                topic.id,
            )
    return bindings


def _operation(ctx: ExportContext, op: _Operation) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "action": op.action,
        "channel": {"$ref": f"#/channels/{op.topic.id}"},
    }
    if op.link.description:
        operation["description"] = op.link.description
    operation["messages"] = [
        {"$ref": f"#/channels/{op.topic.id}/messages/{m}"} for m in _messages(ctx, op.topic)
    ]
    _group(ctx, op, operation, "3.0.0")
    operation.update(ctx.extensions(op.link.extensions, op.topic.id))
    return operation


def _group(ctx: ExportContext, op: _Operation, operation: dict[str, Any], version: str) -> None:
    group = op.link.group if isinstance(op.link, Subscription) else None
    if not group:
        return
    if ctx.protocol(op.topic) == "kafka":
        operation["bindings"] = {
            "kafka": {
                "groupId": {"type": "string", "enum": [group]},
                "bindingVersion": KAFKA_BINDING[version],
            }
        }
    else:
        operation["x-group"] = group  # a queue or shared-subscription name: no binding has one


def _channels_v2(
    ctx: ExportContext, topics: list[Topic], operations: list[_Operation], document: str
) -> dict[str, Any]:
    channels: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for topic in topics:
        if topic.address in owner:
            ctx.note(
                "warning",
                f"topics '{owner[topic.address]}' and '{topic.id}' share the "
                f"address '{topic.address}', which AsyncAPI 2.6 uses as the "
                f"channel name; '{topic.id}' is left out",
                document,
                topic.id,
            )
            continue
        owner[topic.address] = topic.id
        channel = _channel(ctx, topic, "2.6.0", document)
        bindings = channel.pop("bindings", None)
        for op in operations:
            verb = "subscribe" if op.action == "send" else "publish"
            if op.topic.id != topic.id:
                continue
            if verb in channel:
                ctx.note(
                    "warning",
                    f"AsyncAPI 2.6 has one {verb} operation per channel; "
                    f"'{op.id}' is merged into '{channel[verb]['operationId']}'",
                    document,
                    topic.id,
                )
                continue
            channel[verb] = _operation_v2(ctx, op)
        if bindings:
            channel["bindings"] = bindings
        channels[topic.address] = channel
    return channels


def _drop_repeated_message_ids(
    ctx: ExportContext, channels: dict[str, Any], messages: dict[str, Any], document: str
) -> None:
    """AsyncAPI 2.6 parsers check ``messageId`` uniqueness after resolving ``$ref``s, so a
    message that two operations reference would clash with itself (asyncapi/spec#946). Such a
    message goes out without its optional ``messageId``; the shared object is not changed."""
    uses: dict[str, int] = {}
    for channel in channels.values():
        for verb in ("publish", "subscribe"):
            message = channel.get(verb, {}).get("message", {})
            for ref in message.get("oneOf", [message]):
                if "$ref" in ref:
                    message_id = ref["$ref"].rsplit("/", 1)[-1]
                    uses[message_id] = uses.get(message_id, 0) + 1
    for message_id, count in uses.items():
        if count > 1 and "messageId" in messages[message_id]:
            messages[message_id] = {
                k: v for k, v in messages[message_id].items() if k != "messageId"
            }
            ctx.note(
                "info",
                f"message '{message_id}' is used by {count} operations of this "
                "document; AsyncAPI 2.6 parsers require each messageId once "
                "after resolving references, so it has no messageId here",
                document,
                message_id,
            )


def _operation_v2(ctx: ExportContext, op: _Operation) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": op.id}
    if op.link.description:
        operation["description"] = op.link.description
    _group(ctx, op, operation, "2.6.0")
    refs = [{"$ref": f"#/components/messages/{m}"} for m in _messages(ctx, op.topic)]
    if len(refs) == 1:
        operation["message"] = refs[0]
    elif refs:
        operation["message"] = {"oneOf": refs}
    operation.update(ctx.extensions(op.link.extensions, op.topic.id))
    return operation
