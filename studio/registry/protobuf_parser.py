"""Read ``.proto`` text into ``protobuf_model``: a fast path, and proto-schema-parser.

``proto-schema-parser`` (an ANTLR grammar) reads the whole language and says where an error
is, but takes about 1.4 ms a schema in Python: 1.6 s for the 1,200 Protobuf versions of the
benchmark registry, half the validation budget. So this module first tries a small
hand-written reader of the subset real schemas use (syntax, package, imports, options with
scalar values, messages, enums, fields, maps, oneofs, reserved), about twenty times faster.
It is strict: anything it does not know, or any doubt, hands the text to proto-schema-parser,
which then parses it or reports the error. The fast path never reports an error itself, so
accepting a text is its only way to be wrong, and ``tests/registry/test_protobuf_parser.py``
checks on generated schemas that whatever it accepts, the library reads the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from antlr4.error.ErrorListener import ErrorListener
from proto_schema_parser import ast
from proto_schema_parser.parser import Parser

from studio.registry.bounds import SchemaProblem
from studio.registry.protobuf_model import (
    MAX_ENUM_VALUE,
    MAX_FIELD_NUMBER,
    SCALARS,
    ProtoEnum,
    ProtoField,
    ProtoFile,
    ProtoMessage,
    ProtoOneOf,
    Reserved,
)

_TOKENS = re.compile(
    r"""
    \s+ | //[^\n]* | /\*.*?\*/
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
  | [-+]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)
  | \.?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*
  | [{}\[\]()<>;=,]
""",
    re.S | re.X | re.ASCII,
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_TYPE_NAME = re.compile(r"\.?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", re.ASCII)
_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*|0[xX][0-9a-fA-F]+)", re.ASCII)
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)
_LABELS = {"optional", "required", "repeated"}
# Protobuf's keywords may be names in some places and not in others; the fast reader leaves
# every such use to the library rather than learn where.
# fmt: off
_KEYWORDS = frozenset({"syntax", "edition", "import", "weak", "public", "package", "option",
                        "inf", "nan", "repeated", "optional", "required", "bool", "string",
                        "bytes", "float", "double", "int32", "int64", "uint32", "uint64",
                        "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64",
                        "group", "oneof", "map", "extensions", "to", "max", "reserved", "enum",
                        "message", "extend", "service", "rpc", "stream", "returns", "true",
                        "false"})
# fmt: on


@lru_cache(maxsize=8192)
def parse_proto_file(text: str) -> ProtoFile:
    """The model of ``text``; SchemaProblem, located, when it is not valid Protobuf."""
    try:
        return _Reader(_tokens(text)).file()
    except _Doubt:
        return parse_with_library(text)


# -- the fast path -------------------------------------------------------------------------


class _Doubt(Exception):
    """The fast reader does not know this text; the library decides."""


def _tokens(text: str) -> list[str]:
    pieces = _TOKENS.findall(text)
    if sum(map(len, pieces)) != len(text):  # something no token matched: a stray character
        raise _Doubt
    return [p for p in pieces if not p[0].isspace() and not p.startswith(("//", "/*"))]


class _Reader:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if not token or (expected is not None and token != expected):
            raise _Doubt
        self.at += 1
        return token

    def name(self, pattern: re.Pattern[str] = _NAME) -> str:
        token = self.take()
        if not pattern.fullmatch(token) or not _KEYWORDS.isdisjoint(token.lstrip(".").split(".")):
            raise _Doubt
        return token

    def type_name(self) -> str:
        token = self.peek()
        if token in SCALARS:
            return self.take()
        return self.name(_TYPE_NAME)

    def string(self) -> str:
        return self.string_content(self.take())

    @staticmethod
    def string_content(token: str) -> str:
        if token[:1] not in "\"'" or "\\" in token:
            raise _Doubt
        return token[1:-1]

    def integer(self, signed: bool = False) -> int:
        token = self.take()
        if not _INTEGER.fullmatch(token) or (not signed and token[0] in "+-"):
            raise _Doubt
        return int(token, 0)

    def file(self) -> ProtoFile:
        proto = ProtoFile()
        if self.peek() == "syntax":
            self.take()
            self.take("=")
            proto.syntax = self.string()
            if proto.syntax not in ("proto2", "proto3"):
                raise _Doubt
            self.take(";")
        while self.peek():
            token = self.peek()
            if token == ";":
                self.take()
            elif token == "package" and not proto.package:
                self.take()
                proto.package = self.name(_TYPE_NAME).lstrip(".")
                self.take(";")
            elif token == "import":
                self.take()
                if self.peek() in ("public", "weak"):
                    self.take()
                proto.imports.append(self.string())
                self.take(";")
            elif token == "option":
                self.option()
            elif token == "message":
                proto.messages.append(self.message())
            elif token == "enum":
                proto.enums.append(self.enum())
            else:
                raise _Doubt
        return proto

    def option(self) -> tuple[str, str]:
        """An option statement as (name as written, value token)."""
        self.take("option")
        name = self.option_name()
        self.take("=")
        value = self.value()
        self.take(";")
        return name, value

    def option_name(self) -> str:
        if self.peek() != "(":
            return self.name(_TYPE_NAME)
        self.take()
        name = f"({self.name(_TYPE_NAME)})"
        self.take(")")
        while self.peek().startswith("."):
            name += self.name(_TYPE_NAME)
        return name

    def value(self) -> str:
        """The value's token; adjacent strings come back joined as one quoted string."""
        token = self.take()
        if token[0] in "\"'":
            text = self.string_content(token)
            while self.peek() and self.peek()[0] in "\"'":
                text += self.string_content(self.take())  # adjacent strings concatenate
            return f'"{text}"'
        if not (
            _FLOAT.fullmatch(token)
            or _INTEGER.fullmatch(token)
            or token in ("true", "false")
            or (_NAME.fullmatch(token) and token not in _KEYWORDS)
        ):
            raise _Doubt
        return token

    def compact_options(self) -> dict[str, str]:
        options: dict[str, str] = {}
        if self.peek() != "[":
            return options
        self.take()
        while True:
            name = self.option_name()
            self.take("=")
            options[name] = self.value()
            separator = self.take()
            if separator == "]":
                return options
            if separator != ",":
                raise _Doubt

    def statements(self) -> Iterator[str]:
        """The first token of each statement of a ``{ ... }`` body, empty ones skipped; the
        caller reads the statement before asking for the next. Takes the closing brace."""
        self.take("{")
        while (token := self.peek()) != "}":
            if token == ";":
                self.take()
            else:
                yield token
        self.take("}")

    def message(self) -> ProtoMessage:
        self.take("message")
        message = ProtoMessage(self.name())
        for token in self.statements():
            if token == "message":
                message.messages.append(self.message())
            elif token == "enum":
                message.enums.append(self.enum())
            elif token == "oneof":
                message.oneofs.append(self.oneof())
            elif token == "option":
                self.option()
            elif token == "reserved":
                self.reserved(message.reserved, MAX_FIELD_NUMBER)
            elif token == "map" and self.peek(1) == "<":
                message.fields.append(self.map_field())
            elif token in _LABELS:
                self.take()
                message.fields.append(self.field(token))
            else:
                message.fields.append(self.field(None))
        return message

    def field(self, label: str | None) -> ProtoField:
        type_name = self.type_name()
        name = self.name()
        self.take("=")
        number = self.integer()
        json_name, has_default = self.field_options()
        return ProtoField(
            name, number, type_name, label, json_name=json_name, has_default=has_default
        )

    def field_options(self) -> tuple[str, bool]:
        """The options the validity checks read: the custom JSON name, whether a default is
        written. Ends the field."""
        options = self.compact_options()
        self.take(";")
        json_name = options.get("json_name", "")
        if json_name and not json_name.startswith('"'):
            raise _Doubt
        return json_name[1:-1], "default" in options

    def map_field(self) -> ProtoField:
        self.take("map")
        self.take("<")
        key = self.type_name()
        self.take(",")
        value = self.type_name()
        self.take(">")
        name = self.name()
        self.take("=")
        number = self.integer()
        json_name, has_default = self.field_options()
        return ProtoField(name, number, "map", None, key, value, json_name, has_default)

    def oneof(self) -> ProtoOneOf:
        self.take("oneof")
        oneof = ProtoOneOf(self.name())
        self.take("{")
        while (token := self.peek()) != "}":
            if token == "option":  # no empty statements in a oneof
                self.option()
            elif token in _LABELS or token in ("map", ";"):
                raise _Doubt
            else:
                oneof.fields.append(self.field(None))
        self.take("}")
        return oneof

    def enum(self) -> ProtoEnum:
        self.take("enum")
        enum = ProtoEnum(self.name())
        for token in self.statements():
            if token == "option":
                option, value = self.option()
                if option == "allow_alias":
                    if value not in ("true", "false"):
                        raise _Doubt
                    enum.allow_alias = value == "true"
            elif token == "reserved":
                self.reserved(enum.reserved, MAX_ENUM_VALUE)
            else:
                name = self.name()
                self.take("=")
                enum.values.append((name, self.integer(signed=True)))
                self.compact_options()
                self.take(";")
        return enum

    def reserved(self, reserved: Reserved, maximum: int) -> None:
        self.take("reserved")
        names = self.peek()[:1] in "\"'"
        while True:
            if names:
                reserved.names.append(self.string())
            else:
                start = end = self.integer(signed=True)
                if self.peek() == "to":
                    self.take()
                    if self.peek() == "max":
                        self.take()
                        end = maximum
                    else:
                        end = self.integer(signed=True)
                reserved.ranges.append((start, end))
            if self.take() == ";":
                return
            if self.tokens[self.at - 1] != ",":
                raise _Doubt


# -- the library path ----------------------------------------------------------------------


class _Raise(ErrorListener):  # type: ignore[misc]
    """ANTLR prints syntax errors and recovers; a schema with an error must be refused."""

    def syntaxError(
        self, recognizer: Any, offending: Any, line: int, column: int, msg: str, e: Any
    ) -> None:
        # ANTLR lists every token it expected; the first words say what went wrong
        short = msg.split(" expecting ")[0]
        raise SchemaProblem(f"is not valid Protobuf: {short}", f"line {line}, column {column + 1}")


def _quiet(recognizer: Any) -> None:
    recognizer.removeErrorListeners()
    recognizer.addErrorListener(_Raise())


def parse_with_library(text: str) -> ProtoFile:
    """The model of ``text`` read by proto-schema-parser (any valid Protobuf)."""
    try:
        tree = Parser(setup_lexer=_quiet, setup_parser=_quiet).parse(text)
    except (SchemaProblem, RecursionError):
        raise
    except Exception as exc:  # the visitor trips over some inputs (hex numbers, editions)
        raise SchemaProblem(f"is not valid Protobuf ({type(exc).__name__}: {exc})") from None
    proto = ProtoFile(syntax=tree.syntax or "")
    for element in tree.file_elements:
        if isinstance(element, ast.Package):
            if proto.package:
                raise SchemaProblem("declares its package twice")
            proto.package = element.name.lstrip(".")
        elif isinstance(element, ast.Import):
            proto.imports.append(element.name.strip("\"'"))
        elif isinstance(element, ast.Message):
            proto.messages.append(_message(element))
        elif isinstance(element, ast.Enum):
            proto.enums.append(_enum(element))
    return proto


def _message(node: ast.Message | ast.Group) -> ProtoMessage:
    message = ProtoMessage(node.name)
    for element in node.elements:
        if isinstance(element, ast.Field):
            message.fields.append(_field(element))
        elif isinstance(element, ast.MapField):
            json_name, has_default = _field_options(element.options)
            message.fields.append(
                ProtoField(
                    element.name,
                    element.number,
                    "map",
                    None,
                    element.key_type,
                    element.value_type,
                    json_name,
                    has_default,
                )
            )
        elif isinstance(element, ast.Reserved):
            _reserve(message.reserved, element, MAX_FIELD_NUMBER)
        elif isinstance(element, ast.Group):
            message.messages.append(_message(element))
            message.fields.append(_group_field(element))
        elif isinstance(element, ast.OneOf):
            oneof = ProtoOneOf(element.name)
            for item in element.elements:
                if isinstance(item, ast.Field):
                    oneof.fields.append(_field(item))
                elif isinstance(item, ast.Group):
                    message.messages.append(_message(item))
                    oneof.fields.append(_group_field(item))
            message.oneofs.append(oneof)
        elif isinstance(element, ast.Message):
            message.messages.append(_message(element))
        elif isinstance(element, ast.Enum):
            message.enums.append(_enum(element))
    return message


def _field(node: ast.Field) -> ProtoField:
    label = node.cardinality.value.lower() if node.cardinality else None
    json_name, has_default = _field_options(node.options)
    return ProtoField(
        node.name, node.number, node.type, label, json_name=json_name, has_default=has_default
    )


def _field_options(options: list[ast.Option]) -> tuple[str, bool]:
    names = {option.name: option.value for option in options}
    json_name = names.get("json_name", "")
    return (json_name if isinstance(json_name, str) else ""), "default" in names


def _reserve(reserved: Reserved, node: ast.Reserved | ast.EnumReserved, maximum: int) -> None:
    reserved.names += node.names
    for text in node.ranges:  # "5", "-3", "2 to 7", "9 to max"
        start, _, end = (part.strip() for part in str(text).partition(" to "))
        reserved.ranges.append((int(start, 0), maximum if end == "max" else int(end or start, 0)))


def _group_field(node: ast.Group) -> ProtoField:
    label = node.cardinality.value.lower() if node.cardinality else None
    return ProtoField(node.name.lower(), node.number, node.name, label)


def _enum(node: ast.Enum) -> ProtoEnum:
    enum = ProtoEnum(node.name)
    for element in node.elements:
        if isinstance(element, ast.EnumValue):
            enum.values.append((element.name, element.number))
        elif isinstance(element, ast.EnumReserved):
            _reserve(enum.reserved, element, MAX_ENUM_VALUE)
        elif isinstance(element, ast.Option) and element.name == "allow_alias":
            enum.allow_alias = element.value is True
    return enum
