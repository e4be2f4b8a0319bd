"""The schemas messages name, resolved through the registry, and their JSON Schema views.

A message's payload, key and headers are each either a registry reference ``{subject,
version}`` (``latest`` = the highest live version) or a JSON Schema written in the design. The
resolver turns them into a ``Schema``: the format (JSON, AVRO, PROTOBUF), the parsed content
and, for registry schemas, where it came from (``x-schema-registry``). ``view`` gives the JSON
Schema of any of them, flattened so every reusable part is a named ``$defs`` entry (what
OpenAPI, Kafka keys and example checks need); Avro and Protobuf are converted, registry
``references`` followed. Everything is cached by subject and version, so a schema used by many
messages and documents is parsed and converted once per export.

Problems are returned as sentences, never raised: a design whose registry lacks a subject still
exports, with that payload left out and a note saying so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import jsonschema_rs

from studio.export.avro_json import AvroConversionError, avro_to_json_schema
from studio.export.flatten import Flattener
from studio.export.protobuf_json import ProtobufConversionError, protobuf_to_json_schema
from studio.model.elements import InlineSchema, SchemaRef, SchemaSource
from studio.registry.model import Registry, SchemaReference, SchemaVersion

JsonSchema = dict[str, Any]
Format = Literal["JSON", "AVRO", "PROTOBUF"]


@dataclass(frozen=True, slots=True)
class RegistryOrigin:
    """Which registered version a schema is: the ``x-schema-registry`` of exported documents."""

    subject: str
    version: int
    id: int | None
    references: tuple[SchemaReference, ...] = ()

    def extension(self) -> dict[str, Any]:
        data: dict[str, Any] = {"subject": self.subject, "version": self.version}
        if self.id is not None:
            data["id"] = self.id
        if self.references:  # where a tool finds the imports of a Protobuf or Avro schema
            data["references"] = [
                {"name": r.name, "subject": r.subject, "version": r.version}
                for r in self.references
            ]
        return data


@dataclass(frozen=True, slots=True)
class Schema:
    """A resolved schema: JSON content is a dict, Avro parsed JSON, Protobuf the .proto text."""

    format: Format
    content: Any
    origin: RegistryOrigin | None = None

    @property
    def references(self) -> tuple[SchemaReference, ...]:
        """The subjects a registered schema imports (an inline schema imports none)."""
        return self.origin.references if self.origin else ()


@dataclass(frozen=True, slots=True)
class JsonView:
    """A schema as JSON Schema: a root and flat named parts it refers to as ``#/$defs/NAME``."""

    root: JsonSchema
    defs: dict[str, JsonSchema] = field(default_factory=dict)
    origin: RegistryOrigin | None = None

    def standalone(self) -> JsonSchema:
        """One self-contained schema (for checking examples)."""
        return {**self.root, "$defs": self.defs} if self.defs else self.root


Resolved = tuple[Schema | None, list[str]]
Viewed = tuple[JsonView | None, list[str]]


class SchemaResolver:
    """Resolves and converts schemas for one export; results are cached and shared."""

    def __init__(self, registry: Registry | None, missing_registry: str | None = None) -> None:
        self.registry = registry
        # why there is no registry ("no registry file is named", "samples/x.yaml is missing")
        self.missing_registry = missing_registry or "the design names no registry file"
        self._resolved: dict[Any, Resolved] = {}
        self._views: dict[Any, Viewed] = {}
        self._examples: dict[Any, Any] = {}

    def resolve(self, source: SchemaSource) -> Resolved:
        key = _key(source)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(source)
        return self._resolved[key]

    def view(self, source: SchemaSource, owner: str) -> Viewed:
        """The JSON Schema view of ``source``; ``owner`` names the parts of an inline schema."""
        schema, problems = self.resolve(source)
        if schema is None:
            return None, problems
        # "latest" and the version it stands for share one view
        key = (
            (schema.origin.subject, schema.origin.version) if schema.origin else (id(source), owner)
        )
        if key not in self._views:
            view, more = self._view(schema, owner)
            self._views[key] = (view, [*problems, *more])
        return self._views[key]

    def check_examples(self, view: JsonView, examples: tuple[Any, ...]) -> list[int]:
        """The positions of the examples that do not validate against ``view``."""
        key = id(view)
        if key not in self._examples:
            try:
                self._examples[key] = (
                    view,
                    jsonschema_rs.Draft7Validator(view.standalone(), retriever=_no_retrieval),
                )
            except (ValueError, jsonschema_rs.ReferencingError):
                self._examples[key] = (view, None)
        validator = self._examples[key][1]
        if validator is None:
            return []
        return [i for i, example in enumerate(examples) if not validator.is_valid(example)]

    def _resolve(self, source: SchemaSource) -> Resolved:
        if isinstance(source, InlineSchema):
            return Schema("JSON", source.schema), []
        if self.registry is None:
            return None, [
                f"subject '{source.subject}' cannot be looked up: {self.missing_registry}"
            ]
        version = self.registry.lookup(source.subject, source.version)
        if version is None:
            if source.subject not in self.registry.subjects:
                return None, [f"subject '{source.subject}' is not in the registry"]
            return None, [
                f"subject '{source.subject}' has no version {source.version} in the registry"
            ]
        notes = []
        if version.deleted:
            notes.append(
                f"version {version.version} of subject '{source.subject}' is "
                "soft-deleted in the registry"
            )
        origin = RegistryOrigin(source.subject, version.version, version.id, version.references)
        schema_type: Format
        if version.schema_type == "AVRO":
            schema_type = "AVRO"
        elif version.schema_type == "JSON":
            schema_type = "JSON"
        elif version.schema_type == "PROTOBUF":
            schema_type = "PROTOBUF"
        else:
            return None, [
                f"subject '{source.subject}' has the unknown schema type '{version.schema_type}'"
            ]
        content, problem = _parse(schema_type, version.schema)
        if problem:
            return None, [f"version {version.version} of subject '{source.subject}' {problem}"]
        return Schema(schema_type, content, origin), notes

    def _view(self, schema: Schema, owner: str) -> Viewed:
        closure, notes = self._closure(schema)
        try:
            if schema.format == "JSON":
                view, warnings = self._json_view(schema, owner, closure)
                return view, [*notes, *warnings]
            if schema.format == "AVRO":
                referenced = [json.loads(v.schema) for _, v in closure]
                converted, warnings = avro_to_json_schema(schema.content, referenced)
            else:
                imports = {ref.name: v.schema for ref, v in closure}
                converted, warnings = protobuf_to_json_schema(schema.content, imports)
        except (AvroConversionError, ProtobufConversionError, ValueError) as exc:
            return None, [*notes, f"{_describe(schema)} cannot be converted to JSON Schema ({exc})"]
        defs = converted.pop("$defs", {})
        return JsonView(converted, defs, schema.origin), [*notes, *warnings]

    def _json_view(
        self, schema: Schema, owner: str, closure: list[tuple[SchemaReference, SchemaVersion]]
    ) -> tuple[JsonView, list[str]]:
        external = {ref.name: (ref.subject, json.loads(v.schema)) for ref, v in closure}
        flattener = Flattener(external)
        root = flattener.flatten(schema.content, schema.origin.subject if schema.origin else owner)
        return JsonView(root, flattener.result(), schema.origin), flattener.warnings

    def _closure(
        self, schema: Schema
    ) -> tuple[list[tuple[SchemaReference, SchemaVersion]], list[str]]:
        """Every version ``schema`` references, directly or through others, once each."""
        found: list[tuple[SchemaReference, SchemaVersion]] = []
        notes: list[str] = []
        seen: set[tuple[str, int]] = set()
        pending = list(schema.references)
        while pending and self.registry is not None:
            ref = pending.pop(0)
            if (ref.subject, ref.version) in seen:
                continue
            seen.add((ref.subject, ref.version))
            version = self.registry.resolve(ref)
            if version is None:
                notes.append(
                    f"the reference '{ref.name}' (subject '{ref.subject}' version "
                    f"{ref.version}) is missing from the registry and is skipped"
                )
                continue
            found.append((ref, version))
            pending += version.references
        return found, notes


def _parse(schema_type: str, text: str) -> tuple[Any, str | None]:
    if schema_type == "PROTOBUF":
        return text, None
    try:
        content = json.loads(text)
    except ValueError as exc:
        return None, f"is not valid JSON ({exc})"
    if schema_type == "JSON" and not isinstance(content, (dict, bool)):
        return None, "is not a JSON Schema (not an object)"
    return content, None


def _key(source: SchemaSource) -> Any:
    if isinstance(source, SchemaRef):
        return (source.subject, source.version)
    return id(source)


def _describe(schema: Schema) -> str:
    name = {"AVRO": "Avro", "PROTOBUF": "Protobuf", "JSON": "JSON"}[schema.format]
    if schema.origin:
        return f"the {name} schema of '{schema.origin.subject}' v{schema.origin.version}"
    return f"the {name} schema"


def _no_retrieval(uri: str) -> Any:
    raise ValueError(f"{uri} is not fetched: export never uses the network")
