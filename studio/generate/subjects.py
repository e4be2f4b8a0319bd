"""The registry of a generated mesh as ``studio.registry`` model objects: the shared Protobuf
types first, then each message's value subject (``VERSIONS`` versions) and, for keyed
messages, its key subject; schema ids count up from 100001 in that order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from studio.generate.names import pascal
from studio.generate.payloads import COMMON, VERSIONS, SchemaPlan
from studio.generate.schema_text import common_proto, render
from studio.generate.vocabulary import REGISTRY_URL
from studio.model import Message, SchemaRef, SchemaSource
from studio.registry.model import (
    DEFAULT_LEVEL,
    Registry,
    SchemaReference,
    SchemaVersion,
    Subject,
)

_SOURCE = {"kind": "confluent", "url": REGISTRY_URL, "exportedAt": "2026-01-01T00:00:00Z"}


def registry_of(messages: Sequence[tuple[Message, SchemaPlan]]) -> Registry:
    """The registry holding every subject the generated ``messages`` refer to."""
    subjects: dict[str, Subject] = {}
    ids = itertools.count(100001)
    for name, common in COMMON.items():
        if any(name in plan.commons for _message, plan in messages):
            subjects[common.path] = Subject(
                common.path,
                [SchemaVersion(1, common_proto(name), next(ids), "PROTOBUF")],
                compatibility_level="FULL_TRANSITIVE",
            )
    for message, plan in messages:
        value = _subject_of(message.payload)
        subjects[value] = Subject(
            value, _value_versions(message, plan, ids), compatibility_level=_own_level(plan.level)
        )
        if message.key is not None:
            key = _subject_of(message.key)
            schema = render(plan, f"{pascal(plan.entity)}Key", plan.fields[:1], 1)
            subjects[key] = Subject(key, [SchemaVersion(1, schema, next(ids), plan.schema_type)])
    return Registry(
        format_version=1, source=dict(_SOURCE), compatibility_level=DEFAULT_LEVEL, subjects=subjects
    )


def _subject_of(source: SchemaSource | None) -> str:
    assert isinstance(source, SchemaRef)  # generated messages refer to the registry only
    return source.subject


def _own_level(level: str) -> str | None:
    """A subject names its level only where it differs from the registry's."""
    return None if level == DEFAULT_LEVEL else level


def _value_versions(message: Message, plan: SchemaPlan, ids: Iterator[int]) -> list[SchemaVersion]:
    references = tuple(SchemaReference(COMMON[c].path, COMMON[c].path, 1) for c in plan.commons)
    return [
        SchemaVersion(
            version,
            render(plan, message.name or "", plan.fields_at(version), len(plan.fields)),
            next(ids),
            plan.schema_type,
            references,
        )
        for version in range(1, VERSIONS + 1)
    ]
