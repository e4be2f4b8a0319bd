"""Avro reader/writer schema resolution, with a path and a sentence for every failure.

Confluent checks Avro compatibility with Avro's own ``SchemaCompatibility`` (Java): can a
reader schema read data written with a writer schema? This module walks the same rules in
the same order as Apache Avro's checker (``avro.compatibility`` in Python, a port of the Java
one), so verdicts are identical (``tests/registry/test_avro_differential.py`` compares them on
thousands of generated pairs). It is hand-written rather than a wrapper because the package
reports JSON-pointer locations and terse codes; users need ``CustomerChanged.address.zip``
and what a consumer would experience.

Two deliberate differences from the Python package, following Java (what Confluent runs):

- Aliases of records, enums and fixed types are read as Java reads names: an unqualified
  alias takes the reader's namespace, and a leading dot (``".R"``) means the null namespace.
  Python compares them as written, so an unqualified alias (the common case) never matches a
  namespaced writer there, and ``".R"`` matches nothing.
- A reader field whose name and aliases match more than one writer field cannot be resolved:
  Java throws, and Confluent reports the pair incompatible. Python takes the first match.

Rule names are Avro's ``SchemaIncompatibilityType`` values: TYPE_MISMATCH, NAME_MISMATCH,
FIXED_SIZE_MISMATCH, MISSING_ENUM_SYMBOLS, READER_FIELD_MISSING_DEFAULT_VALUE,
MISSING_UNION_BRANCH; and AMBIGUOUS_FIELD_ALIASES for the pair Java cannot resolve.
"""

from __future__ import annotations

from avro.schema import (
    ArraySchema,
    EnumSchema,
    Field,
    FixedSchema,
    MapSchema,
    NamedSchema,
    RecordSchema,
    Schema,
    UnionSchema,
)

from studio.registry.avro_format import describe_type
from studio.registry.breaks import Break, Roles, dedupe, sentence

_PRIMITIVES = frozenset({"null", "boolean", "int", "long", "float", "double", "bytes", "string"})
# writer types each reader type accepts besides its own (Avro's promotions)
_PROMOTIONS = {
    "long": {"int"},
    "float": {"int", "long"},
    "double": {"int", "long", "float"},
    "bytes": {"string"},
    "string": {"bytes"},
}


def avro_breaks(reader: Schema, writer: Schema, roles: Roles) -> list[Break]:
    """Every reason data written with ``writer`` cannot be read with ``reader``."""
    return dedupe(_Resolution(roles).pair(reader, writer, root_label(reader)))


def root_label(schema: Schema) -> str:
    return schema.name if isinstance(schema, NamedSchema) else str(schema.type)


class _Resolution:
    """One walk over a reader/writer pair. Pairs are memoised by identity, and a pair met
    again while it is being resolved (a recursive type) counts as readable, as in Avro."""

    def __init__(self, roles: Roles) -> None:
        self.roles = roles
        self.memo: dict[tuple[int, int], list[Break] | None] = {}

    def pair(self, reader: Schema, writer: Schema, path: str) -> list[Break]:
        key = (id(reader), id(writer))
        if key in self.memo:
            return self.memo[key] or []
        self.memo[key] = None
        result = self._resolve(reader, writer, path)
        self.memo[key] = result
        return result

    def _resolve(self, reader: Schema, writer: Schema, path: str) -> list[Break]:
        kind = reader.type
        if kind == writer.type:
            return self._same_kind(reader, writer, path)
        if isinstance(writer, UnionSchema):
            # every branch the writer may use must be readable
            return [b for branch in writer.schemas for b in self.pair(reader, branch, path)]
        if kind in _PROMOTIONS and writer.type in _PROMOTIONS[kind]:
            return []
        if isinstance(reader, UnionSchema):
            if any(not self.pair(branch, writer, path) for branch in reader.schemas):
                return []
            return [self._missing_branch(reader, writer, path)]
        return [
            self._break(
                path,
                "TYPE_MISMATCH",
                f"{{reader}} cannot read '{path}': it expects "
                f"{describe_type(reader)} where {{writer}} writes "
                f"{describe_type(writer)}",
            )
        ]

    def _same_kind(self, reader: Schema, writer: Schema, path: str) -> list[Break]:
        if reader.type in _PRIMITIVES:
            return []
        if isinstance(reader, ArraySchema) and isinstance(writer, ArraySchema):
            return self.pair(reader.items, writer.items, path + "[]")
        if isinstance(reader, MapSchema) and isinstance(writer, MapSchema):
            return self.pair(reader.values, writer.values, path + "{}")
        if isinstance(reader, UnionSchema) and isinstance(writer, UnionSchema):
            return [
                self._missing_branch(reader, branch, path)
                for branch in writer.schemas
                if self.pair(reader, branch, path)
            ]
        assert isinstance(reader, NamedSchema) and isinstance(writer, NamedSchema)
        breaks = self._names(reader, writer, path)
        if isinstance(reader, FixedSchema) and isinstance(writer, FixedSchema):
            if reader.size != writer.size:
                breaks.append(
                    self._break(
                        path,
                        "FIXED_SIZE_MISMATCH",
                        f"{{reader}} reads {reader.size} bytes at "
                        f"'{path}' where {{writer}} writes {writer.size}",
                    )
                )
        elif isinstance(reader, EnumSchema) and isinstance(writer, EnumSchema):
            breaks += self._symbols(reader, writer, path)
        elif isinstance(reader, RecordSchema) and isinstance(writer, RecordSchema):
            breaks += self._fields(reader, writer, path)
        return breaks

    def _names(self, reader: NamedSchema, writer: NamedSchema, path: str) -> list[Break]:
        # Java compares unqualified names, so a namespace-only change resolves
        if reader.name == writer.name or writer.fullname in _aliases(reader):
            return []
        return [
            self._break(
                path,
                "NAME_MISMATCH",
                f"{{reader}} calls the {reader.type} at '{path}' {reader.name} "
                f"where {{writer}} wrote {writer.name}; without the alias "
                f"'{writer.fullname}' on {{reader}} the names do not resolve",
            )
        ]

    def _symbols(self, reader: EnumSchema, writer: EnumSchema, path: str) -> list[Break]:
        missing = [s for s in writer.symbols if s not in reader.symbols]
        default = reader.props.get("default")
        if not missing or (default and default in reader.symbols):
            return []
        listed = ", ".join(missing)
        return [
            self._break(
                path,
                "MISSING_ENUM_SYMBOLS",
                f"{{writer}} may write {listed} at '{path}', which the enum "
                f"{reader.name} of {{reader}} lacks and has no default for",
            )
        ]

    def _fields(self, reader: RecordSchema, writer: RecordSchema, path: str) -> list[Break]:
        breaks: list[Break] = []
        for field in reader.fields:
            at = f"{path}.{field.name}"
            sources = _writer_fields(writer, field)
            if len(sources) > 1:
                names = " and ".join(f"'{s.name}'" for s in sources)
                breaks.append(
                    self._break(
                        at,
                        "AMBIGUOUS_FIELD_ALIASES",
                        f"{{reader}}'s field '{field.name}' of {path} matches the fields {names} "
                        "of {writer} by its name and aliases, which Avro refuses to resolve",
                    )
                )
            elif not sources:
                if not field.has_default:
                    breaks.append(
                        self._break(
                            at,
                            "READER_FIELD_MISSING_DEFAULT_VALUE",
                            f"{{reader}} needs field '{field.name}' of {path}, which has no "
                            f"default and which {{writer}} does not write, so no record decodes",
                        )
                    )
            else:
                breaks += self.pair(field.type, sources[0].type, at)
        return breaks

    def _missing_branch(self, reader: Schema, writer: Schema, path: str) -> Break:
        return self._break(
            path,
            "MISSING_UNION_BRANCH",
            f"{{writer}} may write {describe_type(writer)} at '{path}', which "
            f"no branch of {{reader}}'s {describe_type(reader)} can read",
        )

    def _break(self, path: str, rule: str, template: str) -> Break:
        # placeholders are replaced, not formatted: paths hold braces (a map's values: "{}")
        text = template.replace("{reader}", self.roles.reader).replace(
            "{writer}", self.roles.writer
        )
        return Break(path, rule, sentence(text) + ".")


def _aliases(schema: NamedSchema) -> set[str]:
    """The full names the aliases stand for, as Java's ``Schema.Name`` reads them."""
    aliases = schema.props.get("aliases")
    if not isinstance(aliases, list):
        return set()
    full_names = set()
    for alias in aliases:
        if not isinstance(alias, str):
            continue
        if "." in alias:  # "a.b.R" names its own namespace; ".R" the null one
            namespace, _, name = alias.rpartition(".")
            full_names.add(f"{namespace}.{name}" if namespace else name)
        else:
            full_names.add(f"{schema.namespace}.{alias}" if schema.namespace else alias)
    return full_names


def _writer_fields(writer: RecordSchema, field: Field) -> list[Field]:
    """The writer fields a reader field matches: by name, then by each distinct alias, as
    Java's ``lookupWriterField`` collects them (a repeat counts again, as there)."""
    fields = writer.fields_dict
    found = [fields[field.name]] if field.name in fields else []
    aliases = field.props.get("aliases")
    if isinstance(aliases, list):
        distinct = dict.fromkeys(a for a in aliases if isinstance(a, str))
        found += [fields[alias] for alias in distinct if alias in fields]
    return found
