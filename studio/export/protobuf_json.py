"""Protobuf schemas as JSON Schema, following the proto3 JSON mapping.

The payload of a Protobuf subject is its first message (what Confluent serialisers use when no
message index is given). Its JSON Schema is what a proto3 JSON encoder writes and a parser
accepts: fields under their lowerCamelCase JSON names (or ``json_name``), 64-bit integers as
numbers or decimal strings, ``bytes`` as base64 strings, enums by name, ``repeated`` as arrays,
``map`` as objects, well-known types in their special forms (``Timestamp`` is an RFC 3339
string, wrappers are nullable, ``Struct`` is an object). Every proto3 field is optional; proto2
``required`` fields are required. Comments before a message or field become its
``description``.

``.proto`` files are parsed with ``proto-schema-parser``. Imports resolve through the texts the
caller passes in (the registry ``references``, import path to schema text). Message and enum
types used once are inlined; those used again or recursively go to ``$defs`` under their full
name.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from antlr4.error.ErrorListener import ErrorListener
from proto_schema_parser import ast
from proto_schema_parser.parser import Parser

from studio.export.named_types import NamedTypes

JsonSchema = dict[str, Any]

_INT64: JsonSchema = {
    "anyOf": [{"type": "integer", "format": "int64"}, {"type": "string", "pattern": "^-?[0-9]+$"}]
}
_UINT64: JsonSchema = {
    "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}]
}
_UINT32: JsonSchema = {"type": "integer", "minimum": 0, "maximum": 4294967295}
_INT32: JsonSchema = {"type": "integer", "format": "int32"}
_SCALARS: dict[str, JsonSchema] = {
    "double": {"type": "number", "format": "double"},
    "float": {"type": "number", "format": "float"},
    "int32": _INT32,
    "sint32": _INT32,
    "sfixed32": _INT32,
    "uint32": _UINT32,
    "fixed32": _UINT32,
    "int64": _INT64,
    "sint64": _INT64,
    "sfixed64": _INT64,
    "uint64": _UINT64,
    "fixed64": _UINT64,
    "bool": {"type": "boolean"},
    "string": {"type": "string"},
    "bytes": {"type": "string", "contentEncoding": "base64"},
}


def _nullable(schema: JsonSchema) -> JsonSchema:
    if "anyOf" in schema:
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


_WELL_KNOWN: dict[str, JsonSchema] = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,9})?s$"},
    "google.protobuf.FieldMask": {"type": "string"},
    "google.protobuf.Empty": {"type": "object"},
    "google.protobuf.Struct": {"type": "object"},
    "google.protobuf.Value": {},
    "google.protobuf.ListValue": {"type": "array", "items": {}},
    "google.protobuf.NullValue": {"type": "null"},
    "google.protobuf.Any": {
        "type": "object",
        "properties": {"@type": {"type": "string"}},
        "required": ["@type"],
    },
    "google.protobuf.DoubleValue": _nullable(_SCALARS["double"]),
    "google.protobuf.FloatValue": _nullable(_SCALARS["float"]),
    "google.protobuf.Int64Value": _nullable(_INT64),
    "google.protobuf.UInt64Value": _nullable(_UINT64),
    "google.protobuf.Int32Value": _nullable(_INT32),
    "google.protobuf.UInt32Value": _nullable(_UINT32),
    "google.protobuf.BoolValue": _nullable(_SCALARS["bool"]),
    "google.protobuf.StringValue": _nullable(_SCALARS["string"]),
    "google.protobuf.BytesValue": _nullable(_SCALARS["bytes"]),
}
WELL_KNOWN_IMPORT = re.compile(r"^google/protobuf/[a-z_]+\.proto$")


class ProtobufConversionError(ValueError):
    """The .proto text does not parse or has no message to describe."""


def parse_proto(text: str) -> ast.File:
    """Parse .proto text; syntax errors raise instead of being printed and skipped.

    Parsing is slow (an ANTLR grammar in Python, about 1 ms a schema) and shared imports
    recur, so results are cached by text; callers only read the syntax tree. Trees parsed
    by another process (``parse_protos``, ``take_parsed``) count as parsed here.
    """
    given = _GIVEN.get(text)
    return given if given is not None else _parse(text)


def parse_protos(texts: Iterable[str]) -> dict[str, ast.File]:
    """The syntax trees of those of ``texts`` that parse: whole validation parses the
    registry's schemas on both cores, one process sending its half of the trees to the
    other (pickled: 10 ms for 600 trees, where parsing them takes 700)."""
    trees = {}
    for text in texts:
        try:
            trees[text] = parse_proto(text)
        except Exception:  # it raises again where the text is used, as it always did
            continue
    return trees


def take_parsed(trees: Mapping[str, ast.File]) -> None:
    """Use trees that ``parse_protos`` made in another process as if parsed here."""
    _GIVEN.update(trees)


_GIVEN: dict[str, ast.File] = {}


@lru_cache(maxsize=8192)
def _parse(text: str) -> ast.File:
    # The cache holds every distinct text of a big export: validating the 20,000-element
    # benchmark mesh reads about 1,300 (the registry's schemas and the texts inlined from
    # them), and a smaller cache let the payload conversions and the export evict each
    # other's trees and parse a quarter of them twice.
    def quiet(recognizer: Any) -> None:
        recognizer.removeErrorListeners()
        recognizer.addErrorListener(_Raise())

    return Parser(setup_lexer=quiet, setup_parser=quiet).parse(text)


def protobuf_to_json_schema(
    text: str, imports: Mapping[str, str] = {}
) -> tuple[JsonSchema, list[str]]:
    """The JSON Schema of the first message in ``text``, and warnings about what was skipped.

    ``imports`` maps import paths to .proto texts (the whole closure of references).
    """
    root_file = parse_proto(text)
    converter = _Converter()
    converter.add_file(root_file)
    for name, imported in imported_files(root_file, imports):
        if imported is not None:
            converter.add_file(imported)
        elif not WELL_KNOWN_IMPORT.match(name):
            converter.warnings.append(
                f"the import '{name}' is not among the schema's registry "
                "references; its types are described as any value"
            )
    package = package_of(root_file)
    first = next((e for e in root_file.file_elements if isinstance(e, ast.Message)), None)
    if first is None:
        raise ProtobufConversionError("the schema defines no message")
    root = converter.use(join(package, first.name), "")
    return converter.finish(root), converter.warnings


class _Raise(ErrorListener):  # type: ignore[misc]
    def syntaxError(
        self, recognizer: Any, offending: Any, line: int, column: int, msg: str, e: Any
    ) -> None:
        raise ProtobufConversionError(f"line {line}:{column + 1}: {msg}")


@dataclass(frozen=True, slots=True)
class _Symbol:
    node: ast.Message | ast.Enum
    description: str | None


def imported_files(
    root: ast.File, imports: Mapping[str, str], unfollowed: Container[str] = ()
) -> Iterator[tuple[str, ast.File | None]]:
    """Every import ``root`` reaches, once, breadth first, with its parsed file: None for an
    import ``imports`` has no text for, and for the ``unfollowed`` ones (not parsed, and
    their own imports not followed)."""
    pending = [e.name for e in root.file_elements if isinstance(e, ast.Import)]
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        if name in unfollowed or name not in imports:
            yield name, None
            continue
        imported = parse_proto(imports[name])
        pending += [e.name for e in imported.file_elements if isinstance(e, ast.Import)]
        yield name, imported


class _Converter(NamedTypes):
    def __init__(self) -> None:
        super().__init__()
        self.symbols: dict[str, _Symbol] = {}
        self.warnings: list[str] = []

    def add_file(self, file: ast.File) -> None:
        self._add_scope(file.file_elements, package_of(file))

    def _add_scope(self, elements: list[Any], scope: str) -> None:
        for element, description in with_comments(elements):
            if isinstance(element, (ast.Message, ast.Enum)):
                fullname = join(scope, element.name)
                self.symbols.setdefault(fullname, _Symbol(element, description))
                if isinstance(element, ast.Message):
                    self._add_scope(element.elements, fullname)

    def use(self, fullname: str, scope: str) -> JsonSchema:
        site = self.site(fullname)
        if fullname not in self.defs:
            self.defs[fullname] = {}  # placed first so that a message can contain itself
            self.defs[fullname] = self._body(fullname, self.symbols[fullname])
        return site

    def _body(self, fullname: str, symbol: _Symbol) -> JsonSchema:
        node = symbol.node
        body: JsonSchema = {
            "type": "string" if isinstance(node, ast.Enum) else "object",
            "title": node.name,
        }
        if symbol.description:
            body["description"] = symbol.description
        if isinstance(node, ast.Enum):
            body["enum"] = [v.name for v in node.elements if isinstance(v, ast.EnumValue)]
        else:
            properties: dict[str, JsonSchema] = {}
            required: list[str] = []
            for field, description in _fields(node.elements):
                name = json_name(field)
                schema = self._field(field, fullname)
                if description:
                    schema["description"] = description
                properties[name] = schema
                if (
                    isinstance(field, ast.Field)
                    and field.cardinality == ast.FieldCardinality.REQUIRED
                ):
                    required.append(name)
            body["properties"] = properties
            if required:
                body["required"] = required
        return body

    def _field(self, field: ast.Field | ast.MapField, scope: str) -> JsonSchema:
        if isinstance(field, ast.MapField):
            return {"type": "object", "additionalProperties": self._type(field.value_type, scope)}
        schema = self._type(field.type, scope)
        if field.cardinality == ast.FieldCardinality.REPEATED:
            return {"type": "array", "items": schema}
        return schema

    def _type(self, name: str, scope: str) -> JsonSchema:
        if name in _SCALARS:
            return _copy(_SCALARS[name])
        fullname = self._resolve(name, scope)
        if fullname in _WELL_KNOWN:
            return _copy(_WELL_KNOWN[fullname])
        if fullname is None:
            self.warnings.append(
                f"the Protobuf type '{name}' is not defined in the schema or "
                "its imports; it is described as any value"
            )
            return {}
        return self.use(fullname, scope)

    def _resolve(self, name: str, scope: str) -> str | None:
        if name.startswith("."):
            candidates = [name[1:]]
        else:
            parts = scope.split(".") if scope else []
            candidates = [join(".".join(parts[:i]), name) for i in range(len(parts), -1, -1)]
        for candidate in candidates:
            if candidate in self.symbols or candidate in _WELL_KNOWN:
                return candidate
        return None


def _fields(elements: list[Any]) -> list[tuple[ast.Field | ast.MapField, str | None]]:
    """Fields in declaration order, the fields of a ``oneof`` included, with their comments."""
    found: list[tuple[ast.Field | ast.MapField, str | None]] = []
    for element, description in with_comments(elements):
        if isinstance(element, (ast.Field, ast.MapField)):
            found.append((element, description))
        elif isinstance(element, ast.OneOf):
            found += [
                (f, d) for f, d in with_comments(element.elements) if isinstance(f, ast.Field)
            ]
    return found


def with_comments(elements: list[Any]) -> list[tuple[Any, str | None]]:
    """Each element with the comment lines just before it, or else its trailing comment."""
    result: list[tuple[Any, str | None]] = []
    leading: list[str] = []
    for element in elements:
        if isinstance(element, ast.Comment):
            text = _comment_text(element.text)
            if element.inline and result and result[-1][1] is None:
                result[-1] = (result[-1][0], text)
            elif not element.inline:
                leading.append(text)
            continue
        result.append((element, "\n".join(leading) or None))
        leading = []
    return result


def _comment_text(text: str) -> str:
    if text.startswith("/*"):
        lines = text[2:-2].strip().splitlines()
        return "\n".join(line.strip().removeprefix("*").strip() for line in lines).strip()
    return text.removeprefix("//").strip()


def json_name(field: ast.Field | ast.MapField) -> str:
    for option in field.options:
        if option.name == "json_name" and isinstance(option.value, str):
            return option.value
    head, *rest = field.name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def package_of(file: ast.File) -> str:
    return next((e.name for e in file.file_elements if isinstance(e, ast.Package)), "")


def join(scope: str, name: str) -> str:
    return f"{scope}.{name}" if scope else name


def _copy(schema: JsonSchema) -> JsonSchema:
    # fields annotate their schema in place, so every use gets its own top-level dict
    return {k: (list(v) if isinstance(v, list) else v) for k, v in schema.items()}
