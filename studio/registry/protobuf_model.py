"""The parts of a ``.proto`` file that compatibility depends on, as plain values.

Both Protobuf readers (the fast one and ``proto-schema-parser``) produce this model. The
compatibility engine reads types, names and numbers; the validity checks
(``studio.registry.protobuf_checks``) also read reserved ranges and names, ``json_name``,
whether a field has a ``default`` and an enum's ``allow_alias``. Comments, other options and
services are not kept: neither Confluent's diff nor those checks look at them. A proto2
``group`` becomes the nested message it declares plus a field of that type, which is what it
is on the wire.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# fmt: off
SCALARS = frozenset({"double", "float", "int32", "int64", "uint32", "uint64", "sint32",
                     "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string",
                     "bytes"})
# fmt: on
# The well-known wrapper messages of ``google.protobuf``, by name, and the scalar each wraps.
WRAPPERS = {
    "DoubleValue": "double",
    "FloatValue": "float",
    "Int64Value": "int64",
    "UInt64Value": "uint64",
    "Int32Value": "int32",
    "UInt32Value": "uint32",
    "BoolValue": "bool",
    "StringValue": "string",
    "BytesValue": "bytes",
}
# What ``max`` means in a reserved range: the largest field number, the largest enum value.
MAX_FIELD_NUMBER = 536_870_911
MAX_ENUM_VALUE = 2_147_483_647


@dataclass(frozen=True, slots=True)
class ProtoField:
    """A field. ``type`` is a scalar, a type name as written, or ``map`` (then ``key_type``
    and ``value_type`` say what of); ``label`` is None when none is written; ``json_name`` is
    the custom JSON name, "" when none is written."""

    name: str
    number: int
    type: str
    label: str | None = None
    key_type: str = ""
    value_type: str = ""
    json_name: str = ""
    has_default: bool = False


@dataclass(slots=True)
class ProtoOneOf:
    name: str
    fields: list[ProtoField] = field(default_factory=list)


@dataclass(slots=True)
class Reserved:
    """Reserved numbers as inclusive ranges (``max`` already resolved) and reserved names."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ProtoEnum:
    name: str
    values: list[tuple[str, int]] = field(default_factory=list)
    reserved: Reserved = field(default_factory=Reserved)
    allow_alias: bool | None = None  # None when the option is not written


@dataclass(slots=True)
class ProtoMessage:
    name: str
    fields: list[ProtoField] = field(default_factory=list)
    oneofs: list[ProtoOneOf] = field(default_factory=list)
    messages: list[ProtoMessage] = field(default_factory=list)
    enums: list[ProtoEnum] = field(default_factory=list)
    reserved: Reserved = field(default_factory=Reserved)

    def all_fields(self) -> list[ProtoField]:
        """Top-level fields and the fields of every oneof."""
        return [*self.fields, *(f for oneof in self.oneofs for f in oneof.fields)]


@dataclass(slots=True)
class ProtoFile:
    syntax: str = ""
    package: str = ""
    imports: list[str] = field(default_factory=list)
    messages: list[ProtoMessage] = field(default_factory=list)
    enums: list[ProtoEnum] = field(default_factory=list)
