"""The messages and enums of some .proto files, and how a type name resolves among them.

``protobuf_text`` inlines imported types into one text; it needs to know every definition by
its full name and to resolve a reference the way protoc does (the innermost scope that has the
first part of the name decides) and the way protobufjs does (which also searches the
namespaces nested below each scope), so that a rewritten reference means the same to both.
The files the AsyncAPI parser bundles, and the types they define, are known here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from proto_schema_parser import ast

from studio.export.protobuf_json import join, package_of
from studio.registry.protobuf_model import WRAPPERS

_GOOGLE_TYPE_FILES = (
    "calendar_period",
    "color",
    "date",
    "datetime",
    "dayofweek",
    "decimal",
    "expr",
    "fraction",
    "interval",
    "latlng",
    "localized_text",
    "money",
    "month",
    "phone_number",
    "postal_address",
    "quaternion",
    "timeofday",
)
# the imports the parser resolves by itself (protobufjs's common files and its own bundle)
BUNDLED_IMPORTS = frozenset(
    [
        f"google/protobuf/{name}.proto"
        for name in ("any", "duration", "timestamp", "empty", "struct", "wrappers", "field_mask")
    ]
    + [f"google/type/{name}.proto" for name in _GOOGLE_TYPE_FILES]
    + ["validate/validate.proto", "buf/validate/validate.proto"]
)
# the types those bundled files define, as references may name them
EXTERNAL_TYPES = frozenset(
    [
        f"google.protobuf.{name}"
        for name in (
            "Any",
            "Duration",
            "Timestamp",
            "Empty",
            "Struct",
            "Value",
            "ListValue",
            "NullValue",
            "FieldMask",
            *WRAPPERS,
        )
    ]
    + [
        f"google.type.{name}"
        for name in (
            "CalendarPeriod",
            "Color",
            "Date",
            "DateTime",
            "TimeZone",
            "DayOfWeek",
            "Decimal",
            "Expr",
            "Fraction",
            "Interval",
            "LatLng",
            "LocalizedText",
            "Money",
            "Month",
            "PhoneNumber",
            "PhoneNumber.ShortCode",
            "PostalAddress",
            "Quaternion",
            "TimeOfDay",
        )
    ]
)
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
