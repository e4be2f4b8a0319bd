"""An AsyncAPI document (2.0 to 3.1) into the design: one application and what it uses.

The document describes one application (the AsyncAPI "application view"). Its servers become
brokers, its channels topics, its operations the application's publications and
subscriptions, its messages messages with their payloads registered (``payloads``).

2.x operations are named from the client's side: a channel's ``subscribe`` operation is what
the application *sends* (clients subscribe to it), ``publish`` what it *receives*. 3.x says it
directly: ``send`` and ``receive``.

Ids: the application's is the file name's (``shop.yaml`` is ``shop``; a generic name such as
``asyncapi.yaml`` gives way to the title), a broker's the server key, a topic's the channel
key in 3.x. In 2.x channel keys are addresses, so a topic is named by its operation id when that
is Mesh Studio's own ``send-<topic>``/``receive-<topic>``, else after its address.
"""

from __future__ import annotations

from typing import Any

from studio.export.protobuf_examples import ExampleNotExpressible, parser_example
from studio.export.result import WINDOWS_RESERVED
from studio.importer.mesh import Data, MeshBuilder, slug
from studio.importer.payloads import Payloads
from studio.importer.protobuf_examples import json_mapping_example
from studio.importer.source import SpecFile

# what a server's protocol is called in the design (secure variants are the same broker kind)
_PROTOCOLS = {
    "kafka": "kafka",
    "kafka-secure": "kafka",
    "mqtt": "mqtt",
    "secure-mqtt": "mqtt",
    "mqtts": "mqtt",
    "mqtt5": "mqtt",
    "amqp": "amqp",
    "amqps": "amqp",
    "amqp1": "amqp",
    "anypointmq": "anypointmq",
    "solace": "solace",
    "nats": "nats",
    "ws": "ws",
    "wss": "ws",
    "http": "http",
    "https": "http",
}
_GENERIC_NAMES = {"asyncapi", "openapi", "spec", "specs", "api", "index", "document", "swagger"}
_DERIVED_PARAMETER = "The {} part of the address."


def application_id(spec: SpecFile) -> str:
    stem = spec.path.stem  # ids may hold dots: shop.eu.yaml is shop.eu
    if stem.startswith("_") and stem[1:].split(".")[0] in WINDOWS_RESERVED:
        stem = stem[1:]  # how export names the document of ``con`` (a device name on Windows)
    if stem.lower() in _GENERIC_NAMES:
        return slug(str(spec.data.get("info", {}).get("title") or stem), "app")
    return slug(stem, "app")


def import_asyncapi(spec: SpecFile, mesh: MeshBuilder, payloads: Payloads) -> None:
    info = spec.data.get("info") or {}
    app = mesh.application(
        application_id(spec),
        {
            "name": info.get("title"),
            "kind": "service",
            "owner": info.get("x-owner") or (info.get("contact") or {}).get("name"),
            "description": info.get("description"),
            **{k: v for k, v in info.items() if k.startswith("x-") and k != "x-owner"},
        },
    )
    brokers = {
        key: _broker(spec, mesh, key, server)
        for key, server in (spec.data.get("servers") or {}).items()
    }
    if spec.major >= 3:
        _channels_v3(spec, mesh, payloads, app, brokers)
    else:
        _channels_v2(spec, mesh, payloads, app, brokers)


def _broker(spec: SpecFile, mesh: MeshBuilder, key: str, server: Any) -> str | None:
    server, _ = spec.resolve(server)
    pointer = f"/servers/{_escape(key)}"
    protocol = _PROTOCOLS.get(str(server.get("protocol", "")).lower())
    if protocol is None:
        mesh.note(
            spec.where(pointer),
            pointer,
            f"the protocol '{server.get('protocol')}' has no "
            "broker kind in the design; the server is left out",
        )
        return None
    if spec.major >= 3:
        host = server.get("host")
        if server.get("pathname"):
            host = f"{host}{server['pathname']}"
    else:
        host = str(server.get("url", "")).split("://", 1)[-1] or None
    bindings = server.get("bindings") or {}
    registry_url = (bindings.get("kafka") or {}).get("schemaRegistryUrl")
    other = {p: b for p, b in bindings.items() if p != "kafka"}
    # 2.x servers have no title; Mesh Studio's exports keep the name as x-title and write it
    # as the description too when there is no other
    name = server.get("title") if spec.major >= 3 else server.get("x-title")
    description = server.get("description")
    if description == name:
        description = None
    return mesh.broker(
        slug(key, "broker"),
        protocol,
        host,
        {
            "name": name,
            "description": description,
            "schemaRegistryUrl": registry_url,
            "x-bindings": other or None,
            **_extensions(server, "x-title"),
        },
    )


def _topic(
    spec: SpecFile,
    mesh: MeshBuilder,
    pointer: str,
    wanted: str,
    address: str,
    channel: Data,
    brokers: dict[str, str | None],
) -> Data:
    servers = channel.get("servers") or list(brokers)
    keys = [s["$ref"].rsplit("/", 1)[-1] if isinstance(s, dict) else s for s in servers]
    broker_ids = [brokers.get(k) for k in keys if brokers.get(k)]
    if len(set(broker_ids)) > 1:
        mesh.note(
            spec.where(pointer + "/servers"),
            pointer + "/servers",
            f"the channel is on {len(set(broker_ids))} servers; a topic lives on one "
            f"broker, so it is placed on '{broker_ids[0]}'",
        )
    extra: Data = {
        "description": channel.get("description"),
        "bindings": channel.get("bindings"),
        **_extensions(channel),
    }
    parameters = _parameters(channel.get("parameters") or {})
    if parameters:
        extra["x-parameters"] = parameters
    return mesh.topic(slug(wanted, "topic"), broker_ids[0] if broker_ids else None, address, extra)


def _parameters(parameters: Data) -> Data:
    """The parameters that say more than the export derives from the address itself."""
    kept = {}
    for name, parameter in parameters.items():
        plain = {
            k: v
            for k, v in (parameter or {}).items()
            if not (k == "description" and v == _DERIVED_PARAMETER.format(name))
            and not (k == "schema" and v == {"type": "string"})
        }
        if plain:
            kept[name] = parameter
    return kept


def _channels_v3(
    spec: SpecFile, mesh: MeshBuilder, payloads: Payloads, app: Data, brokers: dict[str, str | None]
) -> None:
    topics: dict[str, Data] = {}
    for key, channel in (spec.data.get("channels") or {}).items():
        pointer = f"/channels/{_escape(key)}"
        channel, _ = spec.resolve(channel)
        address = channel.get("address") or key
        topic = _topic(spec, mesh, pointer, key, address, channel, brokers)
        for message_key, message in (channel.get("messages") or {}).items():
            message_id = _message(
                spec,
                mesh,
                payloads,
                f"{pointer}/messages/{message_key}",
                message_key,
                message,
                topic,
            )
            _add_message(topic, message_id)
        topics[key] = topic
    for key, operation in (spec.data.get("operations") or {}).items():
        pointer = f"/operations/{_escape(key)}"
        operation, _ = spec.resolve(operation)
        channel_key = operation["channel"]["$ref"].rsplit("/", 1)[-1].replace("~1", "/")
        target = topics.get(channel_key)
        if target is None:
            mesh.note(
                spec.where(pointer),
                pointer,
                "the operation's channel is not one of the document's channels; it is left out",
            )
            continue
        link = {"description": operation.get("description"), **_extensions(operation, "x-group")}
        if operation["action"] == "send":
            mesh.publish(app, target["id"], link)
        else:
            mesh.subscribe(app, target["id"], {"group": _group(operation), **link})


def _channels_v2(
    spec: SpecFile, mesh: MeshBuilder, payloads: Payloads, app: Data, brokers: dict[str, str | None]
) -> None:
    for address, channel in (spec.data.get("channels") or {}).items():
        pointer = f"/channels/{_escape(address)}"
        channel, _ = spec.resolve(channel)
        named = [
            op.get("operationId", "")
            for op in (channel.get("subscribe") or {}, channel.get("publish") or {})
        ]
        wanted = next(
            (n.split("-", 1)[1] for n in named if n.startswith(("send-", "receive-"))), address
        )
        topic = _topic(spec, mesh, pointer, wanted, address, channel, brokers)
        # subscribe: clients subscribe, so the application sends; publish: it receives
        for verb, sends in (("subscribe", True), ("publish", False)):
            if verb not in channel:
                continue
            operation, _ = spec.resolve(channel[verb])
            message = operation.get("message")
            if message is not None:
                # a oneOf is the alternatives; anything else (a $ref too) is the one message
                one_of = spec.resolve(message)[0].get("oneOf")
                alternatives = one_of if isinstance(one_of, list) else [message]
                for number, one in enumerate(alternatives):
                    ref = one.get("$ref", "") if isinstance(one, dict) else ""
                    resolved, _ = spec.resolve(one)
                    wanted_id = (
                        resolved.get("messageId")
                        or (ref.rsplit("/", 1)[-1] if ref else None)
                        or resolved.get("name")
                        or f"{topic['id']}-message"
                    )
                    where = f"{pointer}/{verb}/message" + (f"/oneOf/{number}" if one_of else "")
                    _add_message(
                        topic, _message(spec, mesh, payloads, where, wanted_id, one, topic)
                    )
            link = {
                "description": operation.get("description"),
                **_extensions(operation, "x-group"),
            }
            if sends:
                mesh.publish(app, topic["id"], link)
            else:
                mesh.subscribe(app, topic["id"], {"group": _group(operation), **link})


def _group(operation: Data) -> str | None:
    group = ((operation.get("bindings") or {}).get("kafka") or {}).get("groupId")
    if isinstance(group, dict):
        values = group.get("enum") or ([group["const"]] if "const" in group else [])
        return str(values[0]) if values else None
    return str(operation.get("x-group")) if operation.get("x-group") else None


def _message(
    spec: SpecFile,
    mesh: MeshBuilder,
    payloads: Payloads,
    pointer: str,
    key: str,
    message: Any,
    topic: Data,
) -> str:
    ref = message.get("$ref", "") if isinstance(message, dict) else ""
    resolved, base = spec.resolve(message)
    wanted = slug(ref.rsplit("/", 1)[-1] if ref else key, "message")
    content: Data = {}
    for field in ("name", "title", "summary", "description"):
        if resolved.get(field):
            content[field] = resolved[field]
    content_type = resolved.get("contentType") or spec.data.get("defaultContentType")
    if content_type:
        content["contentType"] = content_type
    schema_format = resolved.get("schemaFormat")
    payload = resolved.get("payload")
    if payload is not None:
        source = payloads.payload(
            spec,
            pointer + "/payload",
            payload,
            base,
            schema_format,
            resolved.get("x-schema-registry"),
            f"{topic['address']}-value",
            resolved.get("name"),
            wanted,
        )
        if source is not None:
            content["payload"] = source
    bindings = dict(resolved.get("bindings") or {})
    kafka = dict(bindings.pop("kafka", None) or {})
    if "key" in kafka:
        key_node = kafka.pop("key")
        key_source = payloads.registered(
            resolved.get("x-schema-registry-key")
        ) or payloads.json_schema(spec, key_node, base)
        if key_source is not None:
            content["key"] = key_source
    for dropped in ("schemaIdLocation", "schemaIdPayloadEncoding", "bindingVersion"):
        kafka.pop(dropped, None)  # what the export writes for a registered payload
    if kafka:
        bindings["kafka"] = kafka
    if resolved.get("headers") is not None:
        headers = payloads.json_schema(spec, resolved["headers"], base)
        if headers is not None:
            content["headers"] = headers
    examples = [
        example.get("payload")
        for example in resolved.get("examples") or ()
        if isinstance(example, dict) and "payload" in example
    ]
    proto = _protobuf_text(spec, schema_format, payload)
    if proto is not None:
        examples = _protobuf_examples(mesh.get("messages", wanted), proto, examples)
    if examples:
        content["examples"] = examples
    if resolved.get("correlationId") is not None:
        content["x-correlationId"] = spec.resolve(resolved["correlationId"])[0]
    if bindings:
        content["x-bindings"] = bindings
    for trait in ("traits", "tags", "externalDocs"):
        if resolved.get(trait):
            content[f"x-{trait}"] = resolved[trait]
    content.update(
        {
            k: v
            for k, v in _extensions(resolved).items()
            if k not in ("x-schema-registry", "x-schema-registry-key")
        }
    )
    return mesh.message(wanted, content)


def _protobuf_examples(existing: Data | None, proto: str, examples: list[Any]) -> list[Any]:
    """Protobuf examples (as the parser reads them) in the proto3 JSON mapping. The mapping
    has several spellings of one value (a default written or left out, a 64-bit integer as a
    number or a string): when the design's own message has examples that say the same, its
    spelling is kept."""
    mine = (existing or {}).get("examples")
    if mine and len(mine) == len(examples):
        try:
            if [parser_example(proto, example) for example in mine] == examples:
                return list(mine)
        except ExampleNotExpressible:
            pass
    return [json_mapping_example(proto, example) for example in examples]


def _protobuf_text(spec: SpecFile, schema_format: str | None, payload: Any) -> str | None:
    if spec.major >= 3 and isinstance(payload, dict) and "schemaFormat" in payload:
        schema_format, payload = payload["schemaFormat"], payload.get("schema")
    if not str(schema_format or "").startswith("application/vnd.google.protobuf"):
        return None
    text = spec.resolve(payload)[0]
    return text if isinstance(text, str) else None


def _add_message(topic: Data, message_id: str) -> None:
    messages = topic.setdefault("messages", [])
    if message_id not in messages:
        messages.append(message_id)


def _extensions(node: Data, *mapped: str) -> Data:
    """The ``x-`` keys of ``node`` except those the import maps to a field."""
    return {
        k: v
        for k, v in node.items()
        if isinstance(k, str) and k.startswith("x-") and k not in mapped
    }


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
