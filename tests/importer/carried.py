"""What of a design its exports carry: the part an import of them must give back."""

from __future__ import annotations

from typing import Any

from studio.export.protobuf_examples import ExampleNotExpressible, parser_example
from studio.export.protobuf_text import self_contained
from studio.importer.protobuf_examples import json_mapping_example
from studio.model import Design
from studio.model.elements import SchemaRef
from studio.registry.model import Registry


def carried(design: Design, registry: Registry | None) -> dict[str, Any]:
    """Brokers, topics, messages and endpoints as exported, and each application's direct
    links and webhooks (kinds, calls, datastores, ``via`` subscriptions and reader versions
    are not in any AsyncAPI or OpenAPI document)."""
    described = {
        a.id
        for a in design.applications
        if a.publishes
        or any(s.via is None for s in a.subscribes)
        or a.webhooks
        or any(e.provider == a.id for e in design.endpoints)
    }
    return {
        "brokers": {
            b.id: (b.protocol, b.host, b.name, b.description, b.schema_registry_url)
            for b in design.brokers
        },
        "topics": {
            t.id: (t.address, t.broker, t.messages, t.description, t.bindings)
            for t in design.topics
        },
        "applications": {
            a.id: (
                a.name,
                a.owner,
                a.description,
                # links as sets: 2.6 documents list channels in topic order, not link order
                frozenset((p.topic, p.description) for p in a.publishes),
                frozenset((s.topic, s.group, s.description) for s in a.subscribes if s.via is None),
                None
                if a.webhooks is None
                else (a.webhooks.registration, a.webhooks.topics, a.webhooks.description),
            )
            for a in design.applications
            if a.id in described
        },
        "messages": {
            m.id: (
                m.name,
                m.title,
                m.summary,
                m.description,
                m.content_type,
                _pinned(m.payload, registry),
                _pinned(m.key, registry),
                m.headers,
                _examples(m, registry),
            )
            for m in design.messages
        },
        "endpoints": {
            e.id: (e.provider, e.method, e.path, e.summary, e.description, e.request, e.responses)
            for e in design.endpoints
        },
    }


def _examples(message: Any, registry: Registry | None) -> tuple[Any, ...]:
    """Examples; a Protobuf payload's in one canonical form of the proto3 JSON mapping (a
    default may be written or left out, a 64-bit integer a number or a string)."""
    payload = message.payload
    version = (
        registry.lookup(payload.subject, payload.version)
        if registry is not None and hasattr(payload, "subject")
        else None
    )
    if version is None or version.schema_type != "PROTOBUF":
        return message.examples
    imports = {
        r.name: registry.resolve(r).schema
        for r in version.references
        if registry.resolve(r) is not None
    }
    text = self_contained(version.schema, imports)
    canonical = []
    for example in message.examples:
        try:
            canonical.append(json_mapping_example(text, parser_example(text, example)))
        except ExampleNotExpressible:
            canonical.append(example)
    return tuple(canonical)


def _pinned(source: Any, registry: Registry | None) -> Any:
    """A ``latest`` reference as the version it names: exports name the resolved version."""
    if isinstance(source, SchemaRef) and source.version == "latest" and registry is not None:
        found = registry.lookup(source.subject, "latest")
        return SchemaRef(source.subject, found.version) if found is not None else source
    return source
