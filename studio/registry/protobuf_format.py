"""Parse Protobuf schemas into a small model, imports resolved through registry references.

The model (``ProtoFile``: package, imports, messages with fields, oneofs and nested types,
enums) is what Confluent's Protobuf diff looks at. Text becomes a model by
``studio.registry.protobuf_parser``: a fast reader of the common subset, and
``proto-schema-parser`` for everything else and for every error message.

``parse_protobuf`` then checks what a registry would refuse: every ``import`` must be one of
the version's references (by name, the import path) or a well-known file bundled with
registries (``google/protobuf/...``, ``google/type/...``, ``confluent/...``); and what
``protoc`` would refuse (``studio.registry.protobuf_checks``): unresolved types, bad or
reserved field numbers and names, enum and JSON-name rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from studio.registry.bounds import SchemaProblem
from studio.registry.protobuf_checks import check_file
from studio.registry.protobuf_model import ProtoEnum, ProtoFile, ProtoMessage
from studio.registry.protobuf_parser import parse_proto_file
from studio.registry.schema_types import Dependency, in_reference, walk_dependencies

# Import paths registries resolve without a reference, and the packages they define.
_WELL_KNOWN = {
    "google/protobuf/": "google.protobuf",
    "google/type/": "google.type",
    "confluent/type/": "confluent.type",
    "confluent/": "confluent",
}
_WELL_KNOWN_ENUMS = frozenset(
    {
        "google.protobuf.NullValue",
        "google.protobuf.Syntax",
        "google.protobuf.Field.Kind",
        "google.protobuf.Field.Cardinality",
        "google.type.DayOfWeek",
        "google.type.Month",
        "google.type.CalendarPeriod",
    }
)


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """A message or enum by its full name; ``origin`` is the (subject, version) it comes
    from when imported, None when defined in the schema itself; ``element`` is None for a
    well-known type whose definition is not in the registry."""

    full_name: str
    is_enum: bool
    package: str
    element: ProtoMessage | ProtoEnum | None = None
    origin: tuple[str, int] | None = None

    @property
    def local_name(self) -> str:
        prefix = self.package + "." if self.package else ""
        return self.full_name.removeprefix(prefix)


@dataclass(eq=False)
class ProtoSchema:
    """A parsed schema: its file and every type it can use, by full name."""

    file: ProtoFile
    types: dict[str, TypeInfo] = field(default_factory=dict)
    well_known_packages: set[str] = field(default_factory=set)

    def resolve(self, name: str, scope: str) -> TypeInfo | None:
        """The type ``name`` means inside ``scope`` (a package or message full name)."""
        if name.startswith("."):
            return self.types.get(name[1:]) or self._well_known(name[1:])
        parts = scope.split(".") if scope else []
        for end in range(len(parts), -1, -1):
            candidate = ".".join([*parts[:end], name])
            if candidate in self.types:
                return self.types[candidate]
        return self._well_known(name)

    def resolve_kind(self, name: str, scope: str) -> str | None:
        """What ``name`` is inside ``scope``: "message" or "enum"; None when it is nothing."""
        found = self.resolve(name, scope)
        return None if found is None else "enum" if found.is_enum else "message"

    def _well_known(self, name: str) -> TypeInfo | None:
        for package in self.well_known_packages:
            if name.startswith(package + "."):
                return TypeInfo(name, name in _WELL_KNOWN_ENUMS, package)
        return None


def parse_protobuf(text: str, dependencies: tuple[Dependency, ...]) -> ProtoSchema:
    """The ProtoSchema of ``text``; SchemaProblem for syntax errors and unresolved names."""
    proto = parse_proto_file(text)
    schema = ProtoSchema(proto)
    _index(schema, proto, None)
    names = set()
    for dependency in walk_dependencies(dependencies):
        names.add(dependency.name)
        try:
            imported = parse_proto_file(dependency.text)
        except SchemaProblem as problem:
            raise in_reference(dependency, problem) from None
        _index(schema, imported, (dependency.subject, dependency.version))
        _add_well_known(schema, imported.imports)
    for path in proto.imports:
        if path not in names and not _is_well_known(path):
            raise SchemaProblem(
                f"imports '{path}' but lists no reference named '{path}'; add "
                "a reference whose name is the import path"
            )
    _add_well_known(schema, proto.imports)
    check_file(proto, schema.resolve_kind)
    return schema


def _is_well_known(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in _WELL_KNOWN)


def _add_well_known(schema: ProtoSchema, imports: list[str]) -> None:
    for path in imports:
        for prefix, package in _WELL_KNOWN.items():
            if path.startswith(prefix):
                schema.well_known_packages.add(package)
                break


def _index(schema: ProtoSchema, proto: ProtoFile, origin: tuple[str, int] | None) -> None:
    for full_name, element in walk_types(proto):
        if origin is None and full_name in schema.types:
            raise SchemaProblem(f"defines '{full_name}' twice", full_name)
        schema.types.setdefault(
            full_name,
            TypeInfo(full_name, isinstance(element, ProtoEnum), proto.package, element, origin),
        )


def walk_types(proto: ProtoFile) -> Iterator[tuple[str, ProtoMessage | ProtoEnum]]:
    """Every message and enum of a file with its full name, outer types first."""
    prefix = proto.package + "." if proto.package else ""
    top: list[ProtoMessage | ProtoEnum] = [*proto.messages, *proto.enums]
    stack = [(prefix + e.name, e) for e in reversed(top)]
    while stack:
        name, element = stack.pop()
        yield name, element
        if isinstance(element, ProtoMessage):
            inner: list[ProtoMessage | ProtoEnum] = [*element.messages, *element.enums]
            stack += [(f"{name}.{e.name}", e) for e in reversed(inner)]
