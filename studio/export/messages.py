"""AsyncAPI Message Objects: payload, key, headers, examples and the registry they come from.

A JSON Schema payload is placed in ``components.schemas`` under the message id and referenced;
Avro and Protobuf payloads keep the registry's own schema, marked with their ``schemaFormat``
(a Multi Format Schema Object in 3.0.0, the message's ``schemaFormat`` in 2.6.0, where Protobuf
has no registered format and earns a warning). A key is a Kafka message binding ``key`` in JSON
Schema form; a registry payload adds ``schemaIdLocation: payload`` and the Confluent encoding.
``x-schema-registry`` names the subject, version and id. Examples that do not validate against
the payload would make the AsyncAPI parser reject the document, so they are left out with a
warning.

A Protobuf payload is the one self-contained text AsyncAPI's Protobuf schema parser reads (its
imports inlined, ``protobuf_text``), and its examples, written in the proto3 JSON mapping in the
design, are written as that parser reads them (``protobuf_examples``). A schema that cannot be
written so goes out as the JSON Schema of its JSON mapping, with a note. AsyncAPI 2.6's parser
also checks Avro examples, against its own reading of the schema (``avro_examples``); the
examples it would reject are left out of 2.6 documents with a warning.

A message's object depends only on the design and the version, so it is built once per export
and shared by every document that carries the message; only a schema name clash inside one
document (rare) makes that document build its own copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studio.export.avro_examples import parser_rejection
from studio.export.components import SCHEMAS, Components, Prepared
from studio.export.context import ExportContext
from studio.export.protobuf_examples import ExampleNotExpressible, parser_example
from studio.export.protobuf_text import ProtobufInlineError, self_contained
from studio.export.schemas import Schema
from studio.model.elements import Message, SchemaSource

AVRO_FORMAT = "application/vnd.apache.avro;version=1.9.0"
PROTOBUF_FORMAT = "application/vnd.google.protobuf;version=3"
_KAFKA_BINDING = {"3.0.0": "0.5.0", "3.1.0": "0.5.0", "2.6.0": "0.4.0"}

# puts a prepared view into the document; with a name it returns a $ref to the root, which
# carries the title when one is given
Place = Callable[[Prepared, str | None, str | None], dict[str, Any]]


def message_object(
    ctx: ExportContext, message: Message, version: str, components: Components, document: str
) -> dict[str, Any]:
    """The Message Object of ``message`` in a document being built with ``components``."""
    placements: list[tuple[Prepared, str | None, str | None]] = []

    def record(prepared: Prepared, name: str | None, title: str | None) -> dict[str, Any]:
        placements.append((prepared, name, title))
        return {"$ref": SCHEMAS + name} if name else prepared.root

    shared, recorded = ctx.cached(
        ("asyncapi-message", message.id, version),
        lambda: (_build(ctx, message, version, record), placements),
    )
    clashed = False
    for prepared, name, title in recorded:
        placed = _place(ctx, components, message.id)(prepared, name, title)
        expected = {"$ref": SCHEMAS + name} if name else prepared.root
        clashed = clashed or placed != expected
    schema = ctx.resolver.resolve(message.payload)[0] if message.payload else None
    proto, problem = _protobuf_text(ctx, schema)
    if problem is not None:
        ctx.note(
            "info",
            f"message '{message.id}' has a Protobuf payload that cannot be written "
            f"as one text AsyncAPI's Protobuf schema parser reads: {problem}; it is "
            "exported as its JSON Schema (proto3 JSON mapping), and "
            "x-schema-registry names the registered version",
            document,
            message.id,
        )
    elif version == "2.6.0" and proto is not None:
        ctx.note(
            "warning",
            f"message '{message.id}' has a Protobuf payload; AsyncAPI 2.6 "
            "has no registered schema format for Protobuf, so it is marked "
            f"'{PROTOBUF_FORMAT}' and tools may not read it",
            document,
            message.id,
        )
    if clashed:  # a name was taken in this document: build an unshared object with the new names
        return _build(ctx, message, version, _place(ctx, components, message.id))
    return shared  # type: ignore[no-any-return]


def _protobuf_text(ctx: ExportContext, schema: Schema | None) -> tuple[str | None, str | None]:
    """The text a Protobuf payload goes out as, or why it cannot (then it is JSON Schema)."""
    if schema is None or schema.format != "PROTOBUF":
        return None, None
    key = (
        ("protobuf-text", schema.origin.subject, schema.origin.version)
        if schema.origin
        else ("protobuf-text", schema.content)
    )

    def build() -> tuple[str | None, str | None]:
        try:
            return self_contained(schema.content, _imports(ctx, schema)), None
        except ProtobufInlineError as exc:
            return None, str(exc)

    return ctx.cached(key, build)  # type: ignore[no-any-return]


def _imports(ctx: ExportContext, schema: Schema) -> dict[str, str]:
    """Import path -> .proto text for every registry reference, followed through references."""
    registry = ctx.resolver.registry
    found: dict[str, str] = {}
    pending = list(schema.references)
    while pending and registry is not None:
        reference = pending.pop(0)
        version = registry.resolve(reference)
        if version is None or reference.name in found:
            continue  # a missing reference is reported with the payload's JSON Schema view
        found[reference.name] = version.schema
        pending += version.references
    return found


def _place(ctx: ExportContext, components: Components, scope: str) -> Place:
    def place(prepared: Prepared, name: str | None, title: str | None) -> dict[str, Any]:
        root = components.place(prepared, scope)
        if title and "title" not in root and "$ref" not in root:
            # generators (Modelina) name the type after the title, not the kebab-case key;
            # cached so every document shares one titled object, as they share the root
            titled = root
            root = ctx.cached(
                ("asyncapi-title", id(titled), title), lambda: (titled, {"title": title, **titled})
            )[1]
        return components.add(name, root) if name else root

    return place


def _build(ctx: ExportContext, message: Message, version: str, place: Place) -> dict[str, Any]:
    placer = ctx.placer("asyncapi")
    obj: dict[str, Any] = {"messageId": message.id} if version == "2.6.0" else {}
    obj["name"] = message.name or message.id
    for key in ("title", "summary", "description"):
        if getattr(message, key):
            obj[key] = getattr(message, key)
    if message.content_type:
        obj["contentType"] = message.content_type
    if message.headers is not None:
        headers = _view(ctx, message, message.headers, "headers")
        if headers is not None:
            obj["headers"] = place(placer.prepare(headers), None, None)
    schema = ctx.resolver.resolve(message.payload)[0] if message.payload else None
    proto = _protobuf_text(ctx, schema)[0]
    as_json = schema is not None and schema.format != "AVRO" and proto is None
    # like the AsyncAPI parser, examples are checked against JSON Schema and Protobuf payloads
    view = ctx.payload_view(message) if schema is None or schema.format != "AVRO" else None
    if as_json and view is not None:
        obj["payload"] = place(placer.prepare(view), message.id, message.name)
    elif schema is not None and not as_json:
        schema_format = AVRO_FORMAT if schema.format == "AVRO" else PROTOBUF_FORMAT
        content = schema.content if proto is None else proto
        if version != "2.6.0":
            obj["payload"] = {"schemaFormat": schema_format, "schema": content}
        else:
            obj["schemaFormat"] = schema_format
            obj["payload"] = content
    bindings = _kafka_binding(
        ctx, message, version, place, schema is not None and schema.origin is not None
    )
    if bindings:
        obj["bindings"] = {"kafka": bindings}
    examples = ctx.valid_examples(message, view)
    if proto is not None:
        examples = _parser_examples(
            ctx, message, examples, _protobuf_reading(proto), _PROTOBUF_LEFT_OUT
        )
    elif version == "2.6.0" and schema is not None and schema.format == "AVRO":
        examples = _parser_examples(
            ctx, message, examples, _avro_reading(schema.content), _AVRO_LEFT_OUT
        )
    if examples:
        obj["examples"] = [{"payload": example} for example in examples]
    if schema is not None and schema.origin is not None:
        obj["x-schema-registry"] = schema.origin.extension()
    key_schema = ctx.resolver.resolve(message.key)[0] if message.key else None
    if key_schema is not None and key_schema.origin is not None:
        obj["x-schema-registry-key"] = key_schema.origin.extension()
    obj.update(ctx.extensions(message.extensions, message.id))
    return obj


def _parser_examples(
    ctx: ExportContext,
    message: Message,
    examples: list[Any],
    read: Callable[[Any], tuple[Any, str | None]],
    left_out: str,
) -> list[Any]:
    """The valid ``examples`` as a schema parser reads them, in the design's order.

    ``read`` gives an example's form for the parser, or the reason the parser would not take
    it; such an example is left out with the warning ``left_out`` (a format string of
    ``number``, ``message`` and ``reason``).
    """
    valid = {id(example) for example in examples}
    kept = []
    for number, example in enumerate(message.examples, 1):
        if id(example) not in valid:
            continue
        written, reason = read(example)
        if reason is None:
            kept.append(written)
        else:
            ctx.note(
                "warning",
                left_out.format(number=number, message=message.id, reason=reason),
                element=message.id,
            )
    return kept


_PROTOBUF_LEFT_OUT = (
    "example {number} of message '{message}' cannot be written as AsyncAPI's Protobuf "
    "schema parser reads it ({reason}) and is left out"
)
_AVRO_LEFT_OUT = (
    "example {number} of message '{message}' is true to its Avro schema, but AsyncAPI "
    "2.6's Avro schema parser reads the schema differently ({reason}) and would reject "
    "the document; it is left out of 2.6 documents"
)


def _protobuf_reading(proto: str) -> Callable[[Any], tuple[Any, str | None]]:
    """How AsyncAPI's Protobuf schema parser reads an example of ``proto``."""

    def read(example: Any) -> tuple[Any, str | None]:
        try:
            return parser_example(proto, example), None
        except ExampleNotExpressible as exc:
            return None, str(exc)

    return read


def _avro_reading(avro: Any) -> Callable[[Any], tuple[Any, str | None]]:
    """How AsyncAPI 2.6's Avro schema parser reads an example of ``avro``: as it is, if at all."""

    def read(example: Any) -> tuple[Any, str | None]:
        return example, parser_rejection(avro, example)

    return read


def _kafka_binding(
    ctx: ExportContext, message: Message, version: str, place: Place, registered: bool
) -> dict[str, Any]:
    if message.id not in ctx.kafka_messages:
        if message.key is not None:
            ctx.note(
                "info",
                f"message '{message.id}' has a key, but no Kafka topic carries it "
                "and only Kafka bindings describe keys; the key is left out",
                element=message.id,
            )
        return {}
    binding: dict[str, Any] = {}
    if message.key is not None:
        key = _view(ctx, message, message.key, "key")
        if key is not None:
            binding["key"] = place(ctx.placer("asyncapi").prepare(key), None, None)
    if registered:
        binding["schemaIdLocation"] = "payload"
        binding["schemaIdPayloadEncoding"] = "confluent"
    if binding:
        binding["bindingVersion"] = _KAFKA_BINDING[version]
    return binding


def _view(ctx: ExportContext, message: Message, source: SchemaSource, part: str) -> Any:
    view, problems = ctx.resolver.view(source, f"{message.id}.{part}")
    for problem in problems:
        ctx.note("warning", f"{part} of message '{message.id}': {problem}", element=message.id)
    return view
