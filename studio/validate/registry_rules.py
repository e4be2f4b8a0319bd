"""Rules that need the registry file.

MS102 payload references resolve (or the registry the design names cannot be used); MS103
and MS104 come from the registry engine's own check of every subject; MS105 asks whether a
consumer pinned to an older reader schema can read what the producer writes; MS114 points
out JSON Schemas with an open content model. Without a registry each returns at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from studio.io.yaml_source import SourceMap
from studio.model import Message, SchemaRef, Topic
from studio.model.findings import Finding
from studio.registry import Registry, SchemaError, can_read
from studio.registry.check import history_findings, schema_findings
from studio.validate.context import Context


def payload_references(ctx: Context) -> Iterator[Finding]:
    """MS102: every subject/version a message names exists (and is live) in the registry."""
    problem = ctx.registry_input.problem
    if problem:  # said once, rather than every payload reported as missing
        yield ctx.finding(
            "MS102",
            f"registry file cannot be used ({problem}); payload references were not checked",
            None,
            ctx.file,
            ctx.source.line(("registry",)),
        )
    registry = ctx.registry
    if registry is None:
        return
    for message in ctx.each(ctx.design.messages):
        for field in ("payload", "key", "headers"):
            ref = getattr(message, field)
            if not isinstance(ref, SchemaRef):
                continue
            subject = registry.subjects.get(ref.subject)
            if subject is None:
                yield ctx.at(
                    "MS102",
                    f"{field} subject '{ref.subject}' is not in the registry",
                    message.id,
                    field,
                    "subject",
                )
                continue
            version = subject.get(ref.version)
            if version is None:
                live = ", ".join(str(v.version) for v in subject.live_versions()) or "none"
                what = (
                    "has no live version"
                    if ref.version == "latest"
                    else (f"has no version {ref.version}")
                )
                yield ctx.at(
                    "MS102",
                    f"{field} subject '{ref.subject}' {what} (live versions: {live})",
                    message.id,
                    field,
                    "version",
                )
            elif version.deleted:
                yield ctx.at(
                    "MS102",
                    f"{field} subject '{ref.subject}' version {ref.version} is "
                    "soft-deleted in the registry",
                    message.id,
                    field,
                    "version",
                )


def unparsable_schemas(ctx: Context) -> Iterator[Finding]:
    """MS103: the registry's schemas that do not parse, located in the registry file."""
    return _registry_check(ctx, schema_findings)


def broken_histories(ctx: Context) -> Iterator[Finding]:
    """MS104: the registry's versions that break their subject's level, located there."""
    return _registry_check(ctx, history_findings)


def _registry_check(
    ctx: Context, check: Callable[[Registry, SourceMap | None], list[Finding]]
) -> Iterator[Finding]:
    loaded = ctx.registry_input
    if loaded.registry is None or loaded.path is None:
        return
    for f in check(loaded.registry, loaded.source):
        yield ctx.finding(
            f.rule,
            f"{f.element} v{f.version}: {f.message}",
            f.element,
            str(loaded.path) if loaded.source is None else f.file,
            f.line,
        )


def pinned_readers(ctx: Context) -> Iterator[Finding]:
    """MS105: a consumer's ``schemaVersion`` can read every payload its topic carries."""
    registry = ctx.registry
    if registry is None:
        return
    for app in ctx.each(ctx.design.applications):
        for index, subscription in enumerate(app.subscribes):
            if subscription.schema_version is None:
                continue
            topic = ctx.get(subscription.topic)
            if not isinstance(topic, Topic):
                continue
            for message in _messages(ctx, topic):
                ref = message.payload
                if not isinstance(ref, SchemaRef):
                    continue
                subject = registry.subjects.get(ref.subject)
                writer = subject.get(ref.version) if subject else None
                reader = subject.get(subscription.schema_version) if subject else None
                if writer is None:
                    continue  # MS102 says the payload does not resolve
                if reader is None:
                    yield ctx.at(
                        "MS105",
                        f"reads {topic.address} with schemaVersion "
                        f"{subscription.schema_version}, which subject '{ref.subject}' "
                        "does not have",
                        app.id,
                        "subscribes",
                        index,
                        "schemaVersion",
                    )
                    continue
                try:
                    problems = can_read(registry, reader, writer, ref.subject)
                except SchemaError:
                    continue  # MS103 reports schemas that do not parse
                if problems:
                    yield ctx.at(
                        "MS105",
                        f"reads {topic.address} with {ref.subject} "
                        f"v{reader.version}, which cannot read the v{writer.version} "
                        f"producers write: {problems[0].message}",
                        app.id,
                        "subscribes",
                        index,
                        "schemaVersion",
                    )


def _messages(ctx: Context, topic: Topic) -> Iterator[Message]:
    for message_id in topic.messages:
        message = ctx.get(message_id)
        if isinstance(message, Message):
            yield message


def open_content_models(ctx: Context) -> Iterator[Finding]:
    """MS114: a JSON Schema payload whose root object accepts any extra property."""
    registry = ctx.registry
    if registry is None:
        return
    for message in ctx.each(ctx.design.messages):
        ref = message.payload
        if not isinstance(ref, SchemaRef):
            continue
        version = registry.lookup(ref.subject, ref.version)
        if version is None or version.schema_type != "JSON":
            continue
        try:
            root = json.loads(version.schema)
        except ValueError:
            continue  # MS103
        if _is_open_object(root):
            yield ctx.at(
                "MS114",
                f"payload schema {ref.subject} v{version.version} has an open "
                "content model: under Confluent's rules adding a property is then "
                "incompatible; set additionalProperties: false (or allow extensions "
                "with patternProperties)",
                message.id,
                "payload",
            )


def _is_open_object(schema: object) -> bool:
    if not isinstance(schema, dict):
        return False
    is_object = schema.get("type") == "object" or "properties" in schema
    closed = schema.get("additionalProperties", True) is False
    partly_open = isinstance(schema.get("additionalProperties"), dict) or bool(
        schema.get("patternProperties")
    )
    return is_object and not closed and not partly_open
