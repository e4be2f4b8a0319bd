"""Small builders for registries in tests: a subject from schema texts, Avro records, JSON."""

from __future__ import annotations

import json
from typing import Any

from studio.registry import Registry, SchemaReference, SchemaVersion, Subject


def registry_of(
    *versions: str | SchemaVersion,
    schema_type: str = "AVRO",
    level: str | None = None,
    subject: str = "s",
    others: dict[str, Subject] | None = None,
) -> Registry:
    """A registry whose subject ``subject`` holds the given versions (1, 2, ...)."""
    entries = [
        v if isinstance(v, SchemaVersion) else SchemaVersion(i, v, i, schema_type)
        for i, v in enumerate(versions, 1)
    ]
    subjects = {subject: Subject(subject, entries, compatibility_level=level)}
    subjects.update(others or {})
    return Registry(subjects=subjects)


def subject_of(
    name: str, *texts: str, schema_type: str = "AVRO", references: tuple[SchemaReference, ...] = ()
) -> Subject:
    return Subject(
        name, [SchemaVersion(i, t, None, schema_type, references) for i, t in enumerate(texts, 1)]
    )


def record(
    *fields: dict[str, Any], name: str = "R", namespace: str | None = None, **extra: Any
) -> str:
    """An Avro record as schema text; fields are written ``{"name": ..., "type": ...}``."""
    schema: dict[str, Any] = {"type": "record", "name": name}
    if namespace:
        schema["namespace"] = namespace
    schema.update(extra)
    schema["fields"] = list(fields)
    return json.dumps(schema)


def f(name: str, type_: Any, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, **extra}


def obj(
    properties: dict[str, Any],
    *,
    required: tuple[str, ...] = (),
    closed: bool | None = None,
    **extra: Any,
) -> str:
    """A JSON Schema object as text; ``closed`` writes additionalProperties: false / true."""
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    if closed is not None:
        schema["additionalProperties"] = not closed
    schema.update(extra)
    return json.dumps(schema)


def proto(body: str, syntax: str = "proto3", package: str = "acme.test") -> str:
    head = f'syntax = "{syntax}";\n' + (f"package {package};\n" if package else "")
    return head + body
