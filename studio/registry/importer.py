"""Turn a Confluent REST dump into a registry (``mesh-studio registry import``).

A dump is a JSON list of the bodies ``GET /subjects/{subject}/versions/{version}`` returns
(Confluent, Karapace, Apicurio's ccompat API and Redpanda answer the same shape)::

    [{"subject": "orders-value", "version": 1, "id": 7, "schemaType": "PROTOBUF",
      "schema": "syntax = ...", "references": [{"name": "money.proto",
      "subject": "money.proto", "version": 1}]}, ...]

``schemaType`` defaults to AVRO, as in the REST API; ``references`` and ``deleted`` are
optional; other keys (``metadata``, ``ruleSet``, ``guid``, ``ts``) are ignored. A dump that is
not usable raises a LoadError naming the item and its line. Schemas are not parsed here:
``registry check`` does that on the imported file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from studio.errors import LoadError
from studio.io.yaml_source import read_text
from studio.registry.model import SCHEMA_TYPES, Registry, SchemaReference, SchemaVersion, Subject

_MAX_SUBJECT = 255


def load_dump(path: str | Path) -> Registry:
    """Read a dump file into a Registry; raise LoadError when it cannot be used."""
    return parse_dump(read_text(path), path)


def parse_dump(text: str, path: str | Path = "<dump>") -> Registry:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(path, f"is not JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise LoadError(path, "nests too deeply to be a registry dump") from None
    if not isinstance(data, list):
        raise LoadError(
            path,
            "is not a Confluent REST dump: expected a JSON list of version "
            "objects ({subject, version, id, schemaType, schema, references})",
        )
    starts = _item_starts(text)
    versions: dict[str, dict[int, SchemaVersion]] = {}
    for index, item in enumerate(data):
        line, column = _position(text, starts[index]) if index < len(starts) else (1, 1)
        subject, version = _version(item, index, path, line, column)
        if version.version in versions.setdefault(subject, {}):
            raise LoadError(
                path,
                f"item {index + 1} repeats version {version.version} of subject '{subject}'",
                line,
                column,
            )
        versions[subject][version.version] = version
    subjects = {
        name: Subject(name, [by_number[v] for v in sorted(by_number)])
        for name, by_number in sorted(versions.items())
    }
    return Registry(source={"kind": "confluent"}, subjects=subjects)


def _version(
    item: Any, index: int, path: str | Path, line: int, column: int
) -> tuple[str, SchemaVersion]:
    def fail(problem: str) -> LoadError:
        label = f"item {index + 1}"
        if isinstance(item, dict) and isinstance(item.get("subject"), str):
            label += f" (subject '{item['subject']}')"
        return LoadError(path, f"{label} {problem}", line, column)

    if not isinstance(item, dict):
        raise fail("is not a JSON object; each item is one version object")
    subject = item.get("subject")
    if not isinstance(subject, str) or not 1 <= len(subject) <= _MAX_SUBJECT:
        raise fail(f"needs a 'subject' of 1 to {_MAX_SUBJECT} characters")
    version = _whole(item.get("version"), 1)
    if version is None:
        raise fail("needs a 'version' that is a whole number of at least 1")
    if not isinstance(item.get("schema"), str):
        raise fail("needs a 'schema' string")
    schema_id = item.get("id")
    if schema_id is not None and _whole(schema_id, 0) is None:
        raise fail("has an 'id' that is not a whole number of at least 0")
    schema_type = item.get("schemaType", "AVRO")
    if schema_type not in SCHEMA_TYPES:
        raise fail(
            f"has schemaType {json.dumps(schema_type)}; use one of {', '.join(SCHEMA_TYPES)}"
        )
    deleted = item.get("deleted", False)
    if not isinstance(deleted, bool):
        raise fail("has a 'deleted' that is not true or false")
    references = item.get("references")
    references = [] if references is None else references
    if not isinstance(references, list):
        raise fail("has 'references' that are not a list")
    refs = []
    for number, ref in enumerate(references, 1):
        ref_version = _whole(ref.get("version"), 1) if isinstance(ref, dict) else None
        if (
            ref_version is None
            or not isinstance(ref.get("name"), str)
            or not ref["name"]
            or not isinstance(ref.get("subject"), str)
            or not ref["subject"]
        ):
            raise fail(
                f"has reference {number} without a 'name', a 'subject' and a whole "
                "'version' of at least 1"
            )
        refs.append(SchemaReference(ref["name"], ref["subject"], ref_version))
    return subject, SchemaVersion(
        version, item["schema"], schema_id, schema_type, tuple(refs), deleted
    )


def _whole(value: Any, minimum: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        return None
    return value


def _item_starts(text: str) -> list[int]:
    """Offsets where the items of the top-level list start (the text is valid JSON)."""
    decoder = json.JSONDecoder()
    index = _skip(text, 0) + 1  # past "["
    starts: list[int] = []
    while True:
        index = _skip(text, index)
        if index >= len(text) or text[index] == "]":
            return starts
        starts.append(index)
        _, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if index < len(text) and text[index] == ",":
            index += 1


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n\ufeff":
        index += 1
    return index


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
