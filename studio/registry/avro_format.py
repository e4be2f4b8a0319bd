"""Parse Avro schemas with the Apache ``avro`` package, references first, defaults checked.

Confluent resolves an Avro schema's references by parsing the referenced schemas first, so
their named types are known when the referencing schema uses them by name; the same happens
here with one shared ``avro.name.Names``. The ``avro`` package does not check that field
defaults fit their types (a gap its own source notes), so this module does, leniently: a
union default may match any branch, as newer Avro releases accept, because a registry may hold
such schemas.
Everything the package raises, whatever the class, becomes a ``SchemaProblem``: the input is
untrusted and the package was not written to word errors for people.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

import avro.errors
import avro.name
import avro.schema
from avro.schema import (
    ArraySchema,
    EnumSchema,
    FixedSchema,
    MapSchema,
    RecordSchema,
    Schema,
    UnionSchema,
)

from studio.registry.bounds import SchemaProblem
from studio.registry.breaks import article
from studio.registry.schema_types import Dependency, in_reference, load_json, walk_dependencies

_INT_RANGE = {"int": 2**31, "long": 2**63}
_CONTAINERS = (RecordSchema, ArraySchema, MapSchema, UnionSchema)
_UNKNOWN_TYPE = re.compile(r"Could not make an Avro Schema object from ([A-Za-z_][\w.]*)$")


def parse_avro(text: str, dependencies: tuple[Dependency, ...]) -> Schema:
    """The ``avro.schema.Schema`` of ``text``; named types of the references are in scope."""
    names = avro.name.Names(validate_names=True)
    for dependency in walk_dependencies(dependencies):
        try:
            _make(dependency.text, names)
        except SchemaProblem as problem:
            raise in_reference(dependency, problem) from None
    schema = _make(text, names)
    _check_defaults(schema)
    return schema


def _make(text: str, names: avro.name.Names) -> Schema:
    data = load_json(text)
    try:
        with warnings.catch_warnings():
            # unknown logical types fall back to their base type, as the Avro spec says
            warnings.simplefilter("ignore")
            return avro.schema.make_avsc_object(data, names)
    except RecursionError:
        raise
    except avro.errors.AvroException as exc:
        unknown = _UNKNOWN_TYPE.search(str(exc))
        if unknown:  # the package's words for a name it does not know are hard to read
            raise SchemaProblem(
                f"uses the type '{unknown[1]}', which is neither an Avro type "
                "nor a named type defined before it or in its references"
            ) from None
        raise SchemaProblem(f"is not a valid Avro schema: {_sentence(exc)}") from None
    except Exception as exc:  # the package trips over odd input with TypeError and friends
        raise SchemaProblem(f"is not a valid Avro schema ({type(exc).__name__}: {exc})") from None


def _sentence(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:300] + "..." if len(text) > 300 else text


def _check_defaults(root: Schema) -> None:
    """Every field default must be a value of the field's type, as Avro readers use it."""
    seen: set[int] = set()
    stack: list[tuple[Schema, str]] = [(root, _label(root))]
    while stack:
        schema, path = stack.pop()
        if id(schema) in seen:
            continue
        seen.add(id(schema))
        if isinstance(schema, RecordSchema):
            for field in schema.fields:
                where = f"{path}.{field.name}"
                if field.has_default and not fits(field.type, field.default):
                    raise SchemaProblem(
                        f"the default {json.dumps(field.default)} of field "
                        f"'{field.name}' is not {article(_describe(field.type))}",
                        where,
                    )
                if isinstance(field.type, _CONTAINERS):  # primitives hold no fields
                    stack.append((field.type, where))
        elif isinstance(schema, ArraySchema):
            stack.append((schema.items, path + "[]"))
        elif isinstance(schema, MapSchema):
            stack.append((schema.values, path + "{}"))
        elif isinstance(schema, UnionSchema):
            stack.extend((branch, path) for branch in schema.schemas)


def fits(schema: Schema, value: Any) -> bool:
    """Whether the JSON ``value`` is a valid default for ``schema`` (Avro's JSON encoding)."""
    kind = schema.type
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind in _INT_RANGE:
        bound = _INT_RANGE[kind]
        return isinstance(value, int) and not isinstance(value, bool) and -bound <= value < bound
    if kind in ("float", "double"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind in ("string", "bytes", "fixed"):
        return isinstance(value, str)
    if isinstance(schema, EnumSchema):
        return isinstance(value, str) and value in schema.symbols
    if isinstance(schema, ArraySchema):
        return isinstance(value, list) and all(fits(schema.items, v) for v in value)
    if isinstance(schema, MapSchema):
        return isinstance(value, dict) and all(fits(schema.values, v) for v in value.values())
    if isinstance(schema, UnionSchema):
        return any(fits(branch, value) for branch in schema.schemas)
    if isinstance(schema, RecordSchema):
        return isinstance(value, dict) and all(
            fits(f.type, value[f.name]) if f.name in value else f.has_default for f in schema.fields
        )
    return False


def _label(schema: Schema) -> str:
    return schema.name if isinstance(schema, (RecordSchema, EnumSchema, FixedSchema)) else "$"


def _describe(schema: Schema) -> str:
    if isinstance(schema, UnionSchema):
        return "value of any branch of " + describe_type(schema)
    return describe_type(schema) + " value"


def describe_type(schema: Schema) -> str:
    """A type as people write it: ``int``, ``record Address``, ``union [null, string]``."""
    if isinstance(schema, (RecordSchema, EnumSchema, FixedSchema)):
        return f"{schema.type} {schema.name}"
    if isinstance(schema, ArraySchema):
        return f"array of {describe_type(schema.items)}"
    if isinstance(schema, MapSchema):
        return f"map of {describe_type(schema.values)}"
    if isinstance(schema, UnionSchema):
        return "union [" + ", ".join(_short(b) for b in schema.schemas) + "]"
    return str(schema.type)


def _short(schema: Schema) -> str:
    if isinstance(schema, (RecordSchema, EnumSchema, FixedSchema)):
        return str(schema.name)
    return str(schema.type)
