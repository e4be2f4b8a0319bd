"""Payload schemas of imported documents into the registry file (or inline JSON Schema).

A message payload becomes a subject version, Confluent-style: Avro and Protobuf keep their
text (``schemaFormat`` decides, in 2.x on the message and in 3.x in a Multi Format Schema
Object), JSON Schema is bundled into one self-contained schema whose ``$ref``s point into its
own ``$defs``. The subject is the one the document names (``x-schema-registry``, as exports
write it), else TopicNameStrategy's ``<address>-value``, or TopicRecordNameStrategy's
``<address>-<message>`` when that subject holds another schema type (a subject keeps one).
A payload that names a registered version the registry has, in the same format, refers to
that version: exports rewrite JSON Schema and inline Protobuf imports, so their text is the
registered schema in another form; Avro is written as registered, so its schema must also be
equal. Any other payload is
registered: the version holding the same schema, or a new one after the latest.

Headers, Kafka keys and REST bodies without a registry name are JSON Schema written inline in
the design.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from studio.importer.dialect import from_openapi30
from studio.importer.mesh import Data, MeshBuilder
from studio.importer.source import SpecFile
from studio.registry.model import SchemaReference, SchemaVersion

_IMPORT = re.compile(r'^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;', re.MULTILINE)
_BUNDLED_IMPORTS = ("google/protobuf/", "google/type/", "validate/")
_JSON_FORMATS = (
    "application/vnd.aai.asyncapi",
    "application/schema+json",
    "application/schema+yaml",
    "application/vnd.oai.openapi",
)


class Payloads:
    """Registers the payloads of one import run."""

    def __init__(self, mesh: MeshBuilder) -> None:
        self.mesh = mesh
        self._parsed: dict[int, tuple[SchemaVersion, Any]] = {}  # the version keeps its id

    def payload(
        self,
        spec: SpecFile,
        pointer: str,
        payload: Any,
        base: Path,
        schema_format: str | None,
        named: Any,
        default_subject: str,
        message_name: str | None = None,
        record_name: str | None = None,
    ) -> Data | None:
        """The design's ``payload`` for a message payload, registered; None if it has none."""
        if (
            spec.major >= 3
            and isinstance(payload, dict)
            and "schemaFormat" in payload
            and "schema" in payload
        ):
            schema_format, payload = payload["schemaFormat"], payload["schema"]
        kind = _kind(schema_format)
        if kind is None:
            self.mesh.note(
                spec.where(pointer),
                pointer,
                f"the schema format '{schema_format}' "
                "is none of Avro, Protobuf and JSON Schema; the payload is left out",
            )
            return None
        subject, version = (
            (named.get("subject"), named.get("version"))
            if isinstance(named, dict)
            else (None, None)
        )
        if isinstance(subject, str) and isinstance(version, int):
            registered = self.mesh.registry.lookup(subject, version)
            if (
                registered is not None
                and registered.schema_type == kind
                and (kind != "AVRO" or self._avro(registered) == spec.resolve(payload, base)[0])
            ):
                return {"subject": subject, "version": version}
        if kind == "JSON":
            schema = bundle(spec, payload, base)
            if isinstance(schema, dict) and message_name and schema.get("title") == message_name:
                # the export titles a payload with its message's name for code generators
                schema = {k: v for k, v in schema.items() if k != "title"}
            text = json.dumps(schema, ensure_ascii=False)
        elif kind == "AVRO":
            schema, _ = spec.resolve(payload, base)
            text = (
                schema
                if isinstance(schema, str) and schema.lstrip()[:1] in '{["'
                else json.dumps(schema, ensure_ascii=False)
            )
        else:
            schema, _ = spec.resolve(payload, base)
            if not isinstance(schema, str):
                self.mesh.note(
                    spec.where(pointer),
                    pointer,
                    "a Protobuf payload must be the .proto text; the payload is left out",
                )
                return None
            text = schema
        if not (isinstance(subject, str) and subject):
            subject = default_subject
            latest = self.mesh.registry.lookup(subject, "latest")
            if latest is not None and latest.schema_type != kind and record_name:
                # a subject keeps one schema type: TopicRecordNameStrategy names this one
                subject = f"{default_subject.removesuffix('-value')}-{record_name}"
                self.mesh.note(
                    spec.where(pointer),
                    pointer,
                    f"the subject {default_subject} "
                    f"holds {latest.schema_type} schemas; this {kind} payload is "
                    f"registered as {subject}",
                )
        references = self._references(spec, pointer, text) if kind == "PROTOBUF" else ()
        return {"subject": subject, "version": self.mesh.register(subject, kind, text, references)}

    def _avro(self, version: SchemaVersion) -> Any:
        """A registered Avro schema, parsed once per import (exports repeat a message's
        payload in every document that carries it)."""
        key = id(version)
        if key not in self._parsed:
            try:
                self._parsed[key] = (version, json.loads(version.schema))
            except ValueError:
                self._parsed[key] = (version, None)
        return self._parsed[key][1]

    def registered(self, named: Any) -> Data | None:
        """A reference to the registry version ``named`` ({subject, version}), when the
        registry has it."""
        if not isinstance(named, dict):
            return None
        subject, version = named.get("subject"), named.get("version")
        if (
            isinstance(subject, str)
            and isinstance(version, int)
            and self.mesh.registry.lookup(subject, version) is not None
        ):
            return {"subject": subject, "version": version}
        return None

    def json_schema(self, spec: SpecFile, node: Any, base: Path) -> Data | None:
        """An inline JSON Schema source (headers, keys, REST bodies)."""
        schema = bundle(spec, node, base)
        if spec.kind == "openapi" and spec.version.startswith("3.0.") and isinstance(schema, dict):
            schema = from_openapi30(schema)
            if isinstance(schema.get("$defs"), dict):
                schema["$defs"] = {
                    name: from_openapi30(body) for name, body in schema["$defs"].items()
                }
        return {"schema": schema} if isinstance(schema, dict) else None

    def _references(self, spec: SpecFile, pointer: str, text: str) -> tuple[Any, ...]:
        """Imports of a .proto text that the registry holds as subjects (Confluent names a
        reference's subject after its import path)."""
        references = []
        for path in _IMPORT.findall(text):
            if path.startswith(_BUNDLED_IMPORTS):
                continue
            subject = self.mesh.registry.subjects.get(path)
            latest = subject.get("latest") if subject else None
            if latest is None:
                self.mesh.note(
                    spec.where(pointer),
                    pointer,
                    f"the .proto text imports '{path}', "
                    "which is no subject of the registry; it is registered without "
                    "that reference",
                )
                continue
            references.append(SchemaReference(path, path, latest.version))
        return tuple(references)


def _kind(schema_format: str | None) -> str | None:
    if not schema_format or schema_format.startswith(_JSON_FORMATS):
        return "JSON"
    if schema_format.startswith("application/vnd.apache.avro"):
        return "AVRO"
    if schema_format.startswith("application/vnd.google.protobuf"):
        return "PROTOBUF"
    return None


def bundle(spec: SpecFile, node: Any, base: Path) -> Any:
    """``node`` as one JSON Schema: every ``$ref`` it reaches is copied into ``$defs`` under
    its last name (a clash gets a numbered variant) and points there."""
    defs: dict[str, Any] = {}
    names: dict[tuple[Path, str], str] = {}

    def walk(value: Any, where: Path) -> Any:
        if isinstance(value, list):
            return [walk(item, where) for item in value]
        if not isinstance(value, dict):
            return value
        ref = value.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#/$defs/"):
            key = (where, ref)
            if key not in names:
                target, target_base = spec.resolve({"$ref": ref}, where)
                name = _free(ref.rsplit("/", 1)[-1].rsplit("#", 1)[-1] or "schema", defs)
                names[key] = name
                defs[name] = None  # reserved first: a recursive schema refers to itself
                defs[name] = walk(target, target_base)
            rest = {k: walk(v, where) for k, v in value.items() if k != "$ref"}
            return {"$ref": f"#/$defs/{names[key]}", **rest}
        return {k: walk(v, where) for k, v in value.items()}

    root = walk(node, base)
    if defs and isinstance(root, dict):
        if set(root) == {"$ref"}:  # a payload that is only a reference: the referenced schema
            name = root["$ref"].removeprefix("#/$defs/")
            if not _refers_to(defs, name, skip=name):
                root = defs.pop(name)
        if defs:
            root = {**root, "$defs": {**root.get("$defs", {}), **defs}}
    return root


def _refers_to(defs: dict[str, Any], name: str, skip: str) -> bool:
    text = json.dumps({k: v for k, v in defs.items() if k != skip})
    own = json.dumps(defs.get(skip))
    target = json.dumps(f"#/$defs/{name}")
    return target in text or target in own


def _free(name: str, taken: dict[str, Any]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    return candidate
