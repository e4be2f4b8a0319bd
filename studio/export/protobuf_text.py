"""One self-contained .proto text that AsyncAPI's Protobuf schema parser reads.

The official ``@asyncapi/protobuf-schema-parser`` (built on protobufjs) reads one text. It loads
only the imports it bundles (the ``google/protobuf`` well-known types, ``google/type``,
protoc-gen-validate) and fails on any other; and it takes as the payload the one message that no
other message of the text uses by its short name, or else the one whose comment says
``@RootNode``. A registry schema that imports other subjects is therefore written as one text:
the imported messages and enums it uses move into its package (renamed only on a clash, as
``AcmeCommonMoney``) and every reference to them is rewritten to a name that resolves to them
both under protoc's scoping rules and under protobufjs's. The payload message (the first, as
Confluent serialisers take it) is marked ``@RootNode`` when the parser would not find it
otherwise. Field names, numbers and types stay, so the wire format is the registered one; only
the full names of moved types change.

What cannot be written so (imports of another syntax, extensions, an import neither registered
nor bundled, a type that does not resolve) raises ``ProtobufInlineError``. No library merges
.proto files into one text; this works on proto-schema-parser's syntax tree and prints it with
its generator (mended where it drops options).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from proto_schema_parser import ast
from proto_schema_parser.generator import Generator

from studio.export.protobuf_json import ProtobufConversionError, join, package_of, parse_proto

SCALARS = frozenset({"double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
                     "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes"})
_GOOGLE_TYPE_FILES = ("calendar_period", "color", "date", "datetime", "dayofweek", "decimal",
                      "expr", "fraction", "interval", "latlng", "localized_text", "money",
                      "month", "phone_number", "postal_address", "quaternion", "timeofday")
# the imports the parser resolves by itself (protobufjs's common files and its own bundle)
BUNDLED_IMPORTS = frozenset(
    [f"google/protobuf/{name}.proto" for name in ("any", "duration", "timestamp", "empty",
                                                  "struct", "wrappers", "field_mask")]
    + [f"google/type/{name}.proto" for name in _GOOGLE_TYPE_FILES]
    + ["validate/validate.proto", "buf/validate/validate.proto"])
# the types those bundled files define, as references may name them
EXTERNAL_TYPES = frozenset(
    [f"google.protobuf.{name}" for name in (
        "Any", "Duration", "Timestamp", "Empty", "Struct", "Value", "ListValue", "NullValue",
        "FieldMask", "DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value",
        "UInt32Value", "BoolValue", "StringValue", "BytesValue")]
    + [f"google.type.{name}" for name in (
        "CalendarPeriod", "Color", "Date", "DateTime", "TimeZone", "DayOfWeek", "Decimal",
        "Expr", "Fraction", "Interval", "LatLng", "LocalizedText", "Money", "Month",
        "PhoneNumber", "PhoneNumber.ShortCode", "PostalAddress", "Quaternion", "TimeOfDay")])
ROOT_NODE = "@RootNode"


class ProtobufInlineError(ValueError):
    """The schema and its imports cannot be written as one text the parser reads."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A message or enum of a file, nested or not, under its full name."""

    fullname: str
    node: ast.Message | ast.Enum
    file: int
    top: str  # the full name of its top-level ancestor (itself when top-level)


class ProtoIndex:
    """The messages and enums of some .proto files, and how references to them resolve."""

    def __init__(self, files: list[ast.File]) -> None:
        self.files = files
        self.definitions: dict[str, Definition] = {}
        self.children: dict[str, list[str]] = {}  # namespace -> its nested names, in order
        for index, file in enumerate(files):
            package = package_of(file)
            self._namespace(package)
            for element in file.file_elements:
                if isinstance(element, (ast.Message, ast.Enum)):
                    self._add(element, package, index, join(package, element.name))
        for name in sorted(EXTERNAL_TYPES):
            self._namespace(name)

    def _namespace(self, fullname: str) -> None:
        parent = ""
        for part in fullname.split(".") if fullname else []:
            siblings = self.children.setdefault(parent, [])
            if part not in siblings:
                siblings.append(part)
            parent = join(parent, part)
        self.children.setdefault(fullname, [])

    def _add(self, node: ast.Message | ast.Enum, scope: str, file: int, top: str) -> None:
        fullname = join(scope, node.name)
        if fullname in self.definitions:
            raise ProtobufInlineError(f"the type '{fullname}' is defined twice")
        self.definitions[fullname] = Definition(fullname, node, file, top)
        self._namespace(fullname)
        if isinstance(node, ast.Message):
            for element in node.elements:
                if isinstance(element, (ast.Message, ast.Enum)):
                    self._add(element, fullname, file, top)

    def known(self, fullname: str) -> bool:
        return fullname in self.definitions or fullname in EXTERNAL_TYPES

    def resolve(self, name: str, scope: str) -> str | None:
        """The type ``name`` denotes inside ``scope``, by protoc's rules: the innermost scope
        that has the first part of the name decides."""
        if name.startswith("."):
            return name[1:] if self.known(name[1:]) else None
        first = name.split(".")[0]
        parts = scope.split(".") if scope else []
        for size in range(len(parts), -1, -1):
            prefix = ".".join(parts[:size])
            if join(prefix, first) in self.children:
                full = join(prefix, name)
                return full if self.known(full) else None
        return None

    def resolve_like_protobufjs(self, name: str, scope: str) -> str | None:
        """The type protobufjs finds: it also searches nested namespaces below each scope."""
        if name.startswith("."):
            return name[1:] if self.known(name[1:]) else None
        path = name.split(".")
        current = scope
        while True:
            found = self._below(current, path)
            if found is not None:
                return found
            if current == "":
                return None
            if current == scope and self.known(name):  # protobufjs's absolute fallback
                return name
            current = current.rpartition(".")[0]

    def _below(self, namespace: str, path: list[str]) -> str | None:
        head = join(namespace, path[0])
        if head in self.children:
            if len(path) == 1:
                return head if self.known(head) else None
            return self._below(head, path[1:])
        for child in self.children.get(namespace, []):
            found = self._below(join(namespace, child), path)
            if found is not None:
                return found
        return None


def self_contained(text: str, imports: Mapping[str, str] = {}) -> str:
    """``text`` as the Protobuf schema parser reads it, with the imported types it uses inlined.

    ``imports`` maps import paths to .proto texts (the whole closure of registry references).
    A text with no import to inline, whose payload the parser finds, comes back unchanged.
    """
    try:
        root = parse_proto(text)
        if not any(isinstance(e, ast.Import) and e.name not in BUNDLED_IMPORTS
                   for e in root.file_elements) and _payload_found(root):
            return text
        files = [copy.deepcopy(root)]
        kept_imports = _load_imports(root, imports, files)
    except ProtobufConversionError as exc:
        raise ProtobufInlineError(f"it does not parse ({exc})") from exc
    return _Inliner(files, kept_imports).text()


def _load_imports(root: ast.File, imports: Mapping[str, str], files: list[ast.File]
                  ) -> list[str]:
    """Append the imported files to ``files``; the bundled imports to keep, in order."""
    kept: list[str] = []
    pending = [e.name for e in root.file_elements if isinstance(e, ast.Import)]
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        if name in BUNDLED_IMPORTS:
            kept.append(name)
        elif name in imports:
            imported = parse_proto(imports[name])
            files.append(copy.deepcopy(imported))
            pending += [e.name for e in imported.file_elements if isinstance(e, ast.Import)]
        else:
            raise ProtobufInlineError(f"the import '{name}' is neither among the schema's "
                                      "registry references nor bundled with the parser")
    syntax = _syntax(root)
    for file in files[1:]:
        if _syntax(file) != syntax:
            raise ProtobufInlineError(f"an import is written in {_syntax(file)}, the schema in "
                                      f"{syntax}, and one text has one syntax")
        if any(isinstance(e, (ast.Extension, ast.Service)) for e in file.file_elements):
            raise ProtobufInlineError("an import defines extensions or services")
    return kept


class _Inliner:
    def __init__(self, files: list[ast.File], kept_imports: list[str]) -> None:
        self.files = files
        self.kept_imports = kept_imports
        self.package = package_of(files[0])
        self.before = ProtoIndex(files)
        self.payload = _payload(files[0], self.package)
        # every reference with the type it denotes in the files as registered
        self.references: list[tuple[Any, str, str, str]] = []  # (holder, attribute, scope, target)
        for holder, attribute, scope in _references(files):
            name = getattr(holder, attribute)
            target = self.before.resolve(name, scope) or self.before.resolve_like_protobufjs(
                name, scope)
            if target is None:
                raise ProtobufInlineError(f"the type '{name}' is not defined in the schema or "
                                          "its imports")
            self.references.append((holder, attribute, scope, target))

    def text(self) -> str:
        moved = self._moved()
        renames = self._renames(moved)
        elements = self._elements(moved, renames)
        merged = ast.File(syntax=self.files[0].syntax, edition=self.files[0].edition,
                          file_elements=elements)
        after = ProtoIndex([merged])
        for holder, attribute, scope, target in self.references:
            new_target = _renamed(target, renames)
            new_scope = _renamed(scope, renames)
            setattr(holder, attribute, self._write(after, getattr(holder, attribute), new_scope,
                                                   new_target))
        _mark_payload(merged, self.package)
        return _Printer().generate(merged)

    def _moved(self) -> list[str]:
        """The imported top-level types the schema uses, directly or through others."""
        by_scope: dict[str, list[str]] = {}
        for _, _, scope, target in self.references:
            by_scope.setdefault(self._top_of(scope), []).append(target)
        tops = [d.top for d in self.before.definitions.values() if d.file == 0]
        moved: list[str] = []
        pending = list(dict.fromkeys(tops))
        seen = set(pending)
        while pending:
            top = pending.pop(0)
            for target in by_scope.get(top, []):
                definition = self.before.definitions.get(target)
                if definition is not None and definition.top not in seen:
                    seen.add(definition.top)
                    pending.append(definition.top)
                    moved.append(definition.top)
        order = list(self.before.definitions)
        return sorted(moved, key=order.index)

    def _top_of(self, scope: str) -> str:
        definition = self.before.definitions.get(scope)
        return definition.top if definition else scope

    def _renames(self, moved: list[str]) -> dict[str, str]:
        taken = {"google"}
        for element in self.files[0].file_elements:
            if isinstance(element, (ast.Message, ast.Enum)):
                taken.add(element.name)
                taken.update(_enum_values(element))
        renames: dict[str, str] = {}
        for top in moved:
            node = self.before.definitions[top].node
            name = node.name
            if name in taken:
                prefix = "".join(p[:1].upper() + p[1:] for p in top.split(".")[:-1])
                name, number = prefix + node.name, 2
                while name in taken:
                    name, number = f"{prefix}{node.name}{number}", number + 1
            values = _enum_values(node)
            if values & taken or name in values:
                raise ProtobufInlineError(f"the values of the enum '{top}' clash with names of "
                                          "the schema's package")
            taken.add(name)
            taken.update(values)
            renames[top] = join(self.package, name)
        return renames

    def _elements(self, moved: list[str], renames: dict[str, str]) -> list[Any]:
        elements: list[Any] = []
        imports_at: int | None = None
        for element in self.files[0].file_elements:
            if isinstance(element, ast.Import):
                imports_at = len(elements) if imports_at is None else imports_at
            else:
                elements.append(element)
        at = imports_at if imports_at is not None else _after_package(elements)
        elements[at:at] = [ast.Import(name) for name in self.kept_imports]
        for top in moved:
            definition = self.before.definitions[top]
            file = self.files[definition.file].file_elements
            position = next(i for i, e in enumerate(file) if e is definition.node)
            start = position
            while start > 0 and _comment(file[start - 1], inline=False):
                start -= 1
            end = position + 1
            if end < len(file) and _comment(file[end], inline=True):
                end += 1
            definition.node.name = renames[top].rpartition(".")[2]
            elements += file[start:end]
        return elements

    def _write(self, after: ProtoIndex, written: str, scope: str, target: str) -> str:
        """The name to write for ``target`` inside ``scope``: as registered when that still
        means it, else the shortest that does, else the full name."""
        if target == self.payload and scope != self.payload:
            return "." + target  # a short-name use would hide the payload from the parser
        if target in EXTERNAL_TYPES and not written.startswith("."):
            candidates = [written, target]
        else:
            parts = target.split(".")
            candidates = [written] + [".".join(parts[i:]) for i in range(len(parts) - 1, -1, -1)]
        for candidate in candidates:
            if after.resolve(candidate, scope) == target and \
                    after.resolve_like_protobufjs(candidate, scope) == target:
                return candidate
        return "." + target


def _references(files: list[ast.File]) -> Iterator[tuple[Any, str, str]]:
    """Every type reference of the files: (holder, attribute, scope it is resolved in)."""
    for file in files:
        package = package_of(file)
        for element in file.file_elements:
            if isinstance(element, ast.Message):
                yield from _message_references(element, join(package, element.name))
            elif isinstance(element, ast.Service):
                for method in element.elements:
                    if isinstance(method, ast.Method):
                        yield method.input_type, "type", package
                        yield method.output_type, "type", package
            elif isinstance(element, ast.Extension):
                raise ProtobufInlineError("the schema extends another message")


def _message_references(message: ast.Message, scope: str) -> Iterator[tuple[Any, str, str]]:
    for element in message.elements:
        fields = element.elements if isinstance(element, ast.OneOf) else [element]
        for field in fields:
            if isinstance(field, ast.Field) and field.type not in SCALARS:
                yield field, "type", scope
            elif isinstance(field, ast.MapField) and field.value_type not in SCALARS:
                yield field, "value_type", scope
            elif isinstance(field, (ast.Group, ast.Extension)):
                raise ProtobufInlineError("the schema uses groups or extensions")
        if isinstance(element, ast.Message):
            yield from _message_references(element, join(scope, element.name))


def _renamed(fullname: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        if fullname == old or fullname.startswith(old + "."):
            return new + fullname[len(old):]
    return fullname


def _comment(element: Any, inline: bool) -> bool:
    return isinstance(element, ast.Comment) and element.inline == inline


def _enum_values(node: ast.Message | ast.Enum) -> set[str]:
    if isinstance(node, ast.Enum):
        return {v.name for v in node.elements if isinstance(v, ast.EnumValue)}
    return set()


def _after_package(elements: list[Any]) -> int:
    for index, element in enumerate(elements):
        if isinstance(element, ast.Package):
            return index + 1
    return 0


def _syntax(file: ast.File) -> str:
    return (file.edition and f"edition {file.edition}") or file.syntax or "proto2"


# ---- how the parser picks the payload --------------------------------------------------------

def _payload(file: ast.File, package: str) -> str:
    first = next((e for e in file.file_elements if isinstance(e, ast.Message)), None)
    if first is None:
        raise ProtobufInlineError("the schema defines no message")
    return join(package, first.name)


def root_candidates(file: ast.File) -> list[tuple[str, ast.Message, str | None]]:
    """The messages the parser may take as the payload, with their comments: those no other
    message uses by the short name (protobufjs's ``findRootItem``)."""
    messages = list(_messages(file.file_elements, package_of(file)))
    used: dict[str, set[str]] = {}
    for _, message, _ in messages:
        for element in message.elements:
            fields = element.elements if isinstance(element, ast.OneOf) else [element]
            for field in fields:
                if isinstance(field, ast.Field):
                    used.setdefault(field.type, set()).add(message.name)
                elif isinstance(field, ast.MapField):
                    used.setdefault(field.value_type, set()).add(message.name)
    return [(fullname, message, comment) for fullname, message, comment in messages
            if not used.get(message.name) or used[message.name] == {message.name}]


def _messages(elements: list[Any], scope: str
              ) -> Iterator[tuple[str, ast.Message, str | None]]:
    comments: list[str] = []
    for element in elements:
        if isinstance(element, ast.Comment):
            if not element.inline:
                comments.append(element.text)
            continue
        if isinstance(element, ast.Message):
            fullname = join(scope, element.name)
            yield fullname, element, "\n".join(comments) or None
            yield from _messages(element.elements, fullname)
        comments = []


def _payload_found(file: ast.File) -> bool:
    """Whether the parser takes the first message as the payload of ``file`` as it is."""
    try:
        payload = _payload(file, package_of(file))
    except ProtobufInlineError:
        return True  # nothing to mend; the caller reports it
    candidates = root_candidates(file)
    names = [fullname for fullname, _, _ in candidates]
    if names == [payload]:
        return True
    marked = [f for f, _, comment in candidates if comment and ROOT_NODE in comment]
    return payload in names and marked == [payload]


def _mark_payload(file: ast.File, package: str) -> None:
    """Add ``// @RootNode`` before the payload when the parser would not pick it."""
    if _payload_found(file):
        return
    payload = _payload(file, package)
    candidates = root_candidates(file)
    if payload not in [f for f, _, _ in candidates] or any(
            comment and ROOT_NODE in comment for f, _, comment in candidates if f != payload):
        raise ProtobufInlineError("the parser would not take the first message as the payload")
    index = next(i for i, e in enumerate(file.file_elements)
                 if isinstance(e, ast.Message) and join(package, e.name) == payload)
    file.file_elements.insert(index, ast.Comment(f"// {ROOT_NODE}"))


# ---- printing --------------------------------------------------------------------------------

class _Printer(Generator):  # type: ignore[misc]
    """proto-schema-parser's generator, with blank lines between top-level parts and the
    options it drops (file options with identifiers, map field and enum value options)."""

    def generate(self, file: ast.File) -> str:
        lines = [f'syntax = "{file.syntax}";' if file.syntax else f'edition = "{file.edition}";']
        previous: Any = None
        for element in file.file_elements:
            if isinstance(element, ast.Comment) and element.inline:
                lines[-1] = f"{lines[-1]} {element.text}"
                continue
            if not (isinstance(previous, ast.Comment)
                    or (type(previous) is type(element) and isinstance(element, (ast.Import,
                                                                                ast.Option)))):
                lines.append("")
            lines.append(self._top_level(element))
            previous = element
        return "\n".join(lines) + "\n"

    def _top_level(self, element: Any) -> str:
        if isinstance(element, ast.Package):
            return f"package {element.name};"
        if isinstance(element, ast.Import):
            modifier = "weak " if element.weak else "public " if element.public else ""
            return f'import {modifier}"{element.name}";'
        if isinstance(element, ast.Option):
            return str(self._generate_option(element))
        if isinstance(element, ast.Comment):
            return str(self._generate_comment(element))
        if isinstance(element, ast.Message):
            return str(self._generate_message(element))
        if isinstance(element, ast.Enum):
            return str(self._generate_enum(element))
        if isinstance(element, ast.Service):
            return str(self._generate_service(element))
        raise ProtobufInlineError(f"cannot print {type(element).__name__}")

    def _options(self, options: list[ast.Option], indent_level: int) -> str:
        if not options:
            return ""
        return " [" + ", ".join(
            f"{o.name} = {self._generate_option_value(o.value, indent_level, inline=True)}"
            for o in options) + "]"

    def _generate_map_field(self, map_field: ast.MapField, indent_level: int = 0) -> str:
        return (f"{'  ' * indent_level}map<{map_field.key_type}, {map_field.value_type}> "
                f"{map_field.name} = {map_field.number}"
                f"{self._options(map_field.options, indent_level)};")

    def _generate_enum(self, enum: ast.Enum, indent_level: int = 0) -> str:
        lines = [f"{'  ' * indent_level}enum {enum.name} {{"]
        for element in enum.elements:
            if isinstance(element, ast.EnumValue):
                lines.append(f"{'  ' * (indent_level + 1)}{element.name} = {element.number}"
                             f"{self._options(element.options, indent_level + 1)};")
            elif isinstance(element, ast.EnumReserved):
                lines.append(self._generate_enum_reserved(element, indent_level + 1))
            elif isinstance(element, ast.Option):
                lines.append(self._generate_option(element, indent_level + 1))
            elif isinstance(element, ast.Comment) and element.inline:
                lines[-1] = f"{lines[-1]} {element.text}"
            elif isinstance(element, ast.Comment):
                lines.append(self._generate_comment(element, indent_level + 1))
        lines.append(f"{'  ' * indent_level}}}")
        return "\n".join(lines)

