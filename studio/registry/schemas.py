"""Parse registry schemas in their own format, with their references, once.

``parse_schema(registry, subject, version)`` is the one way the rest of Mesh Studio gets at a
schema's meaning: it resolves the version's ``references`` to other subjects of the same
registry (refusing missing ones, cycles and overlong chains), checks the bounds of
``studio.registry.bounds`` and hands the text to the parser of its type (Avro, JSON Schema,
Protobuf). A schema that does not parse raises ``SchemaError``: one sentence naming the
subject, the version and, where the format allows, the place inside the schema.

Parsing is cached by content (type, text and the texts of everything it references), so a
registry of 5,000 versions parses each distinct schema once however often the compatibility
engine asks, and an edited registry never sees a stale result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from studio.registry.avro_format import parse_avro
from studio.registry.bounds import (
    MAX_REFERENCE_DEPTH,
    MAX_REFERENCES,
    SchemaProblem,
    check_nesting,
    check_size,
)
from studio.registry.json_format import parse_json_schema
from studio.registry.model import SCHEMA_TYPES, Registry, SchemaReference, SchemaVersion
from studio.registry.protobuf_format import parse_protobuf
from studio.registry.schema_types import (
    Dependency,
    ParsedSchema,
    SchemaError,
    walk_dependencies,
)


def parse_schema(registry: Registry, subject: str, version: int) -> ParsedSchema:
    """The parsed schema of ``subject`` ``version``; raise SchemaError when it is unusable.

    A version missing from the registry is a SchemaError too, so callers need one handler.
    """
    entry = registry.lookup(subject, version)
    if entry is None:
        raise SchemaError(
            subject,
            version,
            f"there is no version {version} of subject '{subject}' in the registry",
        )
    return parse_version(registry, subject, entry)


def parse_version(registry: Registry, subject: str, entry: SchemaVersion) -> ParsedSchema:
    """Parse a registered version (its number is used in messages)."""
    return _parse(
        registry,
        subject,
        entry.version,
        entry.schema,
        entry.schema_type,
        entry.references,
        ((subject, entry.version),),
    )


def parse_text(
    registry: Registry,
    subject: str,
    text: str,
    schema_type: str = "AVRO",
    references: Sequence[SchemaReference] = (),
) -> ParsedSchema:
    """Parse a candidate schema for ``subject`` whose references resolve in ``registry``."""
    return _parse(registry, subject, None, text, schema_type, tuple(references), ())


def _parse(
    registry: Registry,
    subject: str,
    version: int | None,
    text: str,
    schema_type: str,
    references: Sequence[SchemaReference],
    chain: tuple[tuple[str, int], ...],
) -> ParsedSchema:
    candidate = version is None
    if schema_type not in SCHEMA_TYPES:
        raise SchemaError(
            subject,
            version,
            f"schema type '{schema_type}' is unknown; use one of {', '.join(SCHEMA_TYPES)}",
            candidate=candidate,
        )
    resolver = _Resolver(registry, subject, version)
    dependencies = tuple(
        resolver.resolve(ref, schema_type, chain, index) for index, ref in enumerate(references)
    )
    try:
        return _parse_content(schema_type, text, dependencies)
    except SchemaProblem as problem:
        raise SchemaError(
            subject, version, problem.message, problem.where, candidate=candidate
        ) from None


class _Resolver:
    """Follows references depth first, refusing missing targets, cycles and long chains."""

    def __init__(self, registry: Registry, subject: str, version: int | None) -> None:
        self.registry = registry
        self.subject = subject
        self.version = version
        self.count = 0

    def _error(self, message: str, index: int) -> SchemaError:
        return SchemaError(
            self.subject, self.version, message, reference=index, candidate=self.version is None
        )

    def resolve(
        self,
        ref: SchemaReference,
        schema_type: str,
        chain: tuple[tuple[str, int], ...],
        index: int,
        depth: int = 0,
    ) -> Dependency:
        target = self.registry.resolve(ref)
        # references of references are named with their owner, the first hop is just named
        owner = f" of {chain[-1][0]} v{chain[-1][1]}" if depth else ""
        named = f"reference '{ref.name}'{owner}"
        if target is None:
            what = (
                f"subject '{ref.subject}'"
                if ref.subject not in self.registry.subjects
                else f"version {ref.version} of subject '{ref.subject}'"
            )
            raise self._error(f"{named} points at {what}, which is not in the registry", index)
        key = (ref.subject, ref.version)
        if key in chain:
            loop = " -> ".join(f"{s} v{v}" for s, v in (*chain[chain.index(key) :], key))
            raise self._error(f"{named} makes a reference cycle: {loop}", index)
        if depth >= MAX_REFERENCE_DEPTH:
            raise self._error(
                f"{named} makes a reference chain deeper than {MAX_REFERENCE_DEPTH} schemas", index
            )
        self.count += 1
        if self.count > MAX_REFERENCES:
            raise self._error(f"pulls in more than {MAX_REFERENCES} referenced schemas", index)
        if target.schema_type != schema_type:
            raise self._error(
                f"{named} is a {target.schema_type} schema; a {schema_type} "
                f"schema can only reference {schema_type} schemas",
                index,
            )
        nested = tuple(
            self.resolve(inner, schema_type, (*chain, key), index, depth + 1)
            for inner in target.references
        )
        return Dependency(
            ref.name, ref.subject, ref.version, target.schema_type, target.schema, nested
        )


@lru_cache(maxsize=32768)
def _parse_content(
    schema_type: str, text: str, dependencies: tuple[Dependency, ...]
) -> ParsedSchema:
    check_size(text)
    check_nesting(text)
    for dependency in walk_dependencies(dependencies):
        try:
            check_size(dependency.text)
            check_nesting(dependency.text)
        except SchemaProblem as problem:
            raise SchemaProblem(
                f"its reference '{dependency.name}' ({dependency.subject} "
                f"v{dependency.version}) {problem.message}"
            ) from None
    try:
        model = _PARSERS[schema_type](text, dependencies)
    except RecursionError:  # a backstop: check_nesting keeps real schemas well below the limit
        raise SchemaProblem("nests too deeply to be read") from None
    return ParsedSchema(schema_type, model)


_PARSERS: dict[str, Callable[[str, tuple[Dependency, ...]], Any]] = {
    "AVRO": parse_avro,
    "JSON": parse_json_schema,
    "PROTOBUF": parse_protobuf,
}


def clear_cache() -> None:
    """Forget every parsed schema (tests and long-running studios that want memory back)."""
    _parse_content.cache_clear()
