"""Spec files to import: read safely, recognised, checked against their official schema, and
their ``$ref``s followed.

A document is read like a design file (``yaml_source``: plain data only, no aliases, positions
kept), so an invalid one is refused with the official schema's complaint at its file and line.
References are followed within the document (``#/...``) and into files beside it
(``common.yaml#/Money``, relative to the file that holds the reference); anything else
(``https://...``) is refused: import never uses the network. AsyncAPI 2.0 to 2.5 documents
are checked against the 2.6.0 schema, which accepts them apart from the version string.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from studio.errors import LoadError
from studio.export.validation import validate_document
from studio.io.yaml_source import SourceMap, parse_yaml, read_text

Kind = Literal["asyncapi", "openapi"]
ASYNCAPI_READ = ("2.0.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0", "2.6.0", "3.0.0", "3.1.0")
OPENAPI_READ = ("3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4", "3.1.0", "3.1.1", "3.1.2", "3.2.0")
_MAX_DEPTH = 64  # references followed in a chain before it counts as a loop


@dataclass
class SpecFile:
    """One loaded document with the positions of its nodes.

    The positions are only needed to point at a problem, so a document read in another
    process comes without them (``without_marks``) and reads its file again when asked.
    """

    path: Path
    kind: Kind
    version: str
    data: dict[str, Any]
    marks: SourceMap | None
    files: dict[Path, tuple[Any, SourceMap]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.real_path = self.path.resolve()

    @property
    def source(self) -> SourceMap:
        if self.marks is None:
            self.marks = parse_yaml(read_text(self.path), self.path)[1]
        return self.marks

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def where(self, pointer: str) -> str:
        """``FILE:LINE`` of a JSON pointer into this document."""
        return f"{self.path}:{self.source.line(_path_of(pointer, self.data))}"

    def resolve(self, node: Any, base: Path | None = None) -> tuple[Any, Path]:
        """``node`` with its ``$ref`` chain followed; the file the result lives in."""
        base = base or self.path
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            seen += 1
            if seen > _MAX_DEPTH:
                raise LoadError(base, f"the $ref '{node['$ref']}' is part of a loop")
            node, base = self._target(node["$ref"], base)
        return node, base

    def _target(self, ref: str, base: Path) -> tuple[Any, Path]:
        location, _, fragment = ref.partition("#")
        if "://" in location or location.startswith("//"):
            raise LoadError(
                base,
                f"the $ref '{ref}' points outside the local files; import "
                "never uses the network, so it is refused",
            )
        target = (base.parent / unquote(location)).resolve() if location else base
        data = self._file(target, ref, base)
        for part in _path_of(fragment, data):
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                raise LoadError(base, f"the $ref '{ref}' points to nothing") from None
        return data, target

    def _file(self, target: Path, ref: str, base: Path) -> Any:
        if target == self.path or target == self.real_path:
            return self.data
        if target not in self.files:
            try:
                self.files[target] = parse_yaml(read_text(target), target)
            except LoadError as exc:
                raise LoadError(base, f"the $ref '{ref}' cannot be followed: {exc}") from None
        return self.files[target][0]


def load_spec(path: str | Path, data: Any = None) -> SpecFile:
    """Read, recognise and check one AsyncAPI or OpenAPI document; ``data`` is its content
    when another process has read it (then its positions are read only if needed)."""
    path = Path(path)
    marks = None
    if data is None and path.suffix.lower() == ".json":
        data = _parse_json(read_text(path), path)  # positions are read only if needed
    elif data is None:  # positions are read again only if a problem or a note needs them
        data = parse_yaml(read_text(path), path, positions=False)[0]
    spec = SpecFile(path, "asyncapi", "", {}, marks)  # filled in below once recognised
    if not isinstance(data, dict):
        raise LoadError(path, "is not an AsyncAPI or OpenAPI document: it is not a mapping")
    kind: Kind
    if "asyncapi" in data:
        kind, known = "asyncapi", ASYNCAPI_READ
    elif "openapi" in data:
        kind, known = "openapi", OPENAPI_READ
    else:
        raise LoadError(
            path,
            "is not an AsyncAPI or OpenAPI document: it has neither an "
            "'asyncapi' nor an 'openapi' key",
        )
    version = str(data[kind])
    spec.kind, spec.version, spec.data = kind, version, data
    if version not in known:
        raise LoadError(
            path,
            f"is {kind} {version}; import reads {kind} {', '.join(known)}",
            spec.source.line((kind,)),
        )
    problems = validate_document(kind, _schema_version(kind, version), _checkable(spec))
    if problems:
        pointer, _, sentence = problems[0].partition(": ")
        line = spec.source.mark(_path_of(pointer, data))
        raise LoadError(
            path,
            f"is not valid {kind} {version}: {pointer or '/'}: {sentence}",
            line.line,
            line.column,
        )
    return spec


def _parse_json(text: str, path: Path) -> Any:
    """A JSON document read by the json module, ten times faster than as YAML. Whatever it
    refuses or would read differently (a syntax error, a duplicate key, NaN, deep nesting)
    goes to the YAML reader instead, which refuses it the same way and says where."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_not_json)
    except (ValueError, RecursionError, _NotPlainJson):
        return parse_yaml(text, path)[0]


class _NotPlainJson(Exception):
    """The json module would read this document otherwise than the YAML reader."""


def _unique_keys(items: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(items)
    if len(mapping) != len(items):
        raise _NotPlainJson
    return mapping


def _not_json(name: str) -> Any:
    raise _NotPlainJson(name)


def load_spec_elsewhere(path: str | Path) -> SpecFile:
    """``load_spec`` in a worker process: the document without its positions, which would
    cost more to send back than to read again in the rare case a note needs them."""
    spec = load_spec(path)
    spec.marks = None
    return spec


def _schema_version(kind: Kind, version: str) -> str:
    if kind == "asyncapi":
        return "2.6.0" if version.startswith("2.") else version
    return {"3.1": "3.1.0", "3.2": "3.2.0"}.get(version[:3], "3.0.3")


def _checkable(spec: SpecFile) -> dict[str, Any]:
    """The document as its schema version expects it (2.0-2.5 under the 2.6.0 version)."""
    if spec.kind == "asyncapi" and spec.version.startswith("2.") and spec.version != "2.6.0":
        data = copy.copy(spec.data)
        data["asyncapi"] = "2.6.0"
        return data
    if spec.kind == "openapi" and spec.version not in ("3.0.3", "3.1.0", "3.2.0"):
        data = copy.copy(spec.data)
        data["openapi"] = _schema_version("openapi", spec.version)
        return data
    return spec.data


def _path_of(pointer: str, data: Any = None) -> tuple[str | int, ...]:
    """A JSON pointer as a source-map path (``~1`` is ``/``, ``~0`` is ``~``); a digit part is
    an index only where ``data`` has a list (a response code stays a key)."""
    parts: list[str | int] = []
    for raw in pointer.strip("/").split("/") if pointer.strip("/") else ():
        part = raw.replace("~1", "/").replace("~0", "~")
        index = part.isdigit() and (isinstance(data, list) or data is None)
        parts.append(int(part) if index else part)
        if isinstance(data, list) and index and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part, {})
    return tuple(parts)
