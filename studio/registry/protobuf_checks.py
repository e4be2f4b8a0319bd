"""What ``protoc`` refuses in a ``.proto`` file that parses: the checks behind MS103.

A registry stores whatever a producer sends, but every consumer compiles the schema with
``protoc`` (or a library built on its descriptor rules), so a file ``protoc`` refuses is a
broken schema. These are protoc's rules on names and numbers, with its own reasons:

- names are unique in their scope; enum values are siblings of their enum (C++ scoping), so
  two enums of one scope cannot share a value name;
- field numbers run from 1 to 536,870,911 except 19000-19999, once each, never a reserved
  number or name; reserved ranges do not overlap;
- proto3 has no ``required`` and no explicit ``default``; no repeated, map or message field
  has a default;
- enums have a value, a proto3 enum starts at 0, two values share a number only with
  ``allow_alias = true`` (which must then be needed), no value uses a reserved number or
  name, and names stay distinct once the enum's name prefix and case are dropped;
- JSON names (``json_name`` or the lowerCamelCase default) are unique in a message; proto2
  only refuses two equal custom names, as protoc does (the rest are its warnings).

``tests/registry/test_protoc_agreement.py`` compares these verdicts with protoc's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

from studio.registry import protobuf_model as pm
from studio.registry.bounds import SchemaProblem

_PROTOC_RESERVED_NUMBERS = range(19_000, 20_000)
_INT32 = range(-2_147_483_648, 2_147_483_648)
_MAP_KEYS = pm.SCALARS - {"double", "float", "bytes"}


# What the checks need of a schema: what a type name means in a scope (a package or message
# full name): "message", "enum", or None when it means nothing there.
Resolver = Callable[[str, str], str | None]


def check_file(proto: pm.ProtoFile, resolver: Resolver) -> None:
    """Raise SchemaProblem, located, for the first rule of protoc the file breaks."""
    prefix = proto.package + "." if proto.package else ""
    _check_scope("the file", "", proto.messages, proto.enums, [], [])
    stack = [(prefix + m.name, m) for m in reversed(proto.messages)]
    _check_enums(proto, proto.enums, "")
    while stack:
        full_name, message = stack.pop()
        where = full_name.removeprefix(prefix)
        _check_message(proto, message, full_name, where, resolver)
        _check_enums(proto, message.enums, where + ".")
        stack += [(f"{full_name}.{m.name}", m) for m in reversed(message.messages)]


def _check_scope(
    what: str,
    path: str,
    messages: list[pm.ProtoMessage],
    enums: list[pm.ProtoEnum],
    fields: list[pm.ProtoField],
    oneofs: Iterable[str],
) -> None:
    seen: dict[str, str] = {}
    named = [
        *((f.name, "field") for f in fields),
        *((o, "oneof") for o in oneofs),
        *((m.name, "message") for m in messages),
        *((e.name, "enum") for e in enums),
        *((value, f"value of enum {e.name}") for e in enums for value, _ in e.values),
    ]
    for name, kind in named:
        if name not in seen:
            seen[name] = kind
            continue
        at = f"{path}.{name}" if path else name
        if kind == seen[name] == "field":
            raise SchemaProblem(f"{what} has two fields named '{name}'", at)
        reason = f"{what} defines '{name}' twice: as a {seen[name]} and as a {kind}"
        if kind.startswith("value"):
            reason += (
                "; enum values are siblings of their enum, not children of it, so "
                "their names must be unique in the enclosing scope"
            )
        raise SchemaProblem(reason, at)


def _check_message(
    proto: pm.ProtoFile, message: pm.ProtoMessage, full_name: str, where: str, resolver: Resolver
) -> None:
    fields = message.all_fields()
    _check_scope(
        f"message {where}",
        where,
        message.messages,
        message.enums,
        fields,
        (o.name for o in message.oneofs),
    )
    _check_reserved(message.reserved, where)
    numbers: dict[int, str] = {}
    for item in fields:
        at = f"{where}.{item.name}"
        if not 1 <= item.number <= pm.MAX_FIELD_NUMBER or item.number in _PROTOC_RESERVED_NUMBERS:
            raise SchemaProblem(
                f"field '{item.name}' has number {item.number}; field numbers "
                f"run from 1 to {pm.MAX_FIELD_NUMBER}, except 19000-19999",
                at,
            )
        if item.number in numbers:
            raise SchemaProblem(
                f"fields '{numbers[item.number]}' and '{item.name}' of {where} "
                f"both use number {item.number}",
                at,
            )
        numbers[item.number] = item.name
        if _reserves(message.reserved, item.number):
            raise SchemaProblem(
                f"field '{item.name}' uses number {item.number}, which {where} reserves", at
            )
        if item.name in message.reserved.names:
            raise SchemaProblem(f"field '{item.name}' uses a name {where} reserves", at)
        if proto.syntax == "proto3" and item.label == "required":
            raise SchemaProblem(
                f"field '{item.name}' is 'required', which proto3 does not allow", at
            )
        kind = _check_type(item, full_name, resolver, at)
        if item.has_default:
            _check_default(proto, item, kind, at)
    _check_json_names(proto.syntax == "proto3", fields, where)


def _check_type(item: pm.ProtoField, scope: str, resolver: Resolver, at: str) -> str:
    """The field's kind ("scalar", "map", "message", "enum"), once its types resolve."""
    if item.type == "map":
        if item.key_type not in _MAP_KEYS:
            raise SchemaProblem(
                f"map field '{item.name}' has key type '{item.key_type}'; map "
                "keys must be an integer type, bool or string",
                at,
            )
        used = item.value_type
    else:
        used = item.type
    kind = "scalar" if used in pm.SCALARS else resolver(used, scope)
    if kind is None:
        raise SchemaProblem(
            f"field '{item.name}' uses type '{used}', which is defined neither "
            "in the schema nor in its imports",
            at,
        )
    return "map" if item.type == "map" else kind


def _check_default(proto: pm.ProtoFile, item: pm.ProtoField, kind: str, at: str) -> None:
    if proto.syntax == "proto3":
        raise SchemaProblem(
            f"field '{item.name}' has an explicit default, which proto3 does not allow", at
        )
    if item.label == "repeated" or kind == "map":
        raise SchemaProblem(f"field '{item.name}' is repeated and cannot have a default", at)
    if kind == "message":
        raise SchemaProblem(f"field '{item.name}' is a message and cannot have a default", at)


def json_name(field_name: str) -> str:
    """protoc's default JSON name: underscores dropped, the letter after each one upper-cased."""
    parts = field_name.split("_")
    return parts[0] + "".join(part[:1].upper() + part[1:] for part in parts[1:])


def _check_json_names(proto3: bool, fields: list[pm.ProtoField], where: str) -> None:
    # protoc looks twice: at the default names alone, then at the names fields end up with
    for use_custom in (False, True):
        seen: dict[str, pm.ProtoField] = {}
        for item in fields:
            custom = use_custom and bool(item.json_name)
            name = item.json_name if custom else json_name(item.name)
            other = seen.setdefault(name, item)
            if other is item:
                continue
            both_custom = custom and bool(other.json_name)
            if proto3 or both_custom:
                how = "custom" if custom else "default"
                raise SchemaProblem(
                    f"the {how} JSON name of field '{item.name}' ('{name}') is "
                    f"also the JSON name of field '{other.name}' in {where}",
                    f"{where}.{item.name}",
                )


def _check_enums(proto: pm.ProtoFile, enums: list[pm.ProtoEnum], prefix: str) -> None:
    for enum in enums:
        where = prefix + enum.name
        if not enum.values:
            raise SchemaProblem(f"enum {where} has no value; an enum needs at least one", where)
        first, number = enum.values[0]
        if proto.syntax == "proto3" and number != 0:
            raise SchemaProblem(
                f"the first value of enum {where}, '{first}', is {number}; in "
                "proto3 the first value must be 0",
                f"{where}.{first}",
            )
        _check_reserved(enum.reserved, where)
        _check_values(enum, where)


def _check_values(enum: pm.ProtoEnum, where: str) -> None:
    by_number: dict[int, str] = {}
    by_stripped: dict[str, tuple[str, int]] = {}
    prefix = enum.name.replace("_", "").lower()
    aliased = False
    for name, number in enum.values:
        at = f"{where}.{name}"
        if number not in _INT32:
            raise SchemaProblem(
                f"value '{name}' of enum {where} is {number}, outside the 32-bit range enums allow",
                at,
            )
        if number in by_number:
            aliased = True
            if not enum.allow_alias:
                raise SchemaProblem(
                    f"values '{by_number[number]}' and '{name}' of enum {where} "
                    f"share the number {number}; aliases need "
                    "'option allow_alias = true;'",
                    at,
                )
        by_number.setdefault(number, name)
        if _reserves(enum.reserved, number):
            raise SchemaProblem(
                f"value '{name}' uses number {number}, which enum {where} reserves", at
            )
        if name in enum.reserved.names:
            raise SchemaProblem(f"value '{name}' uses a name enum {where} reserves", at)
        stripped = _pascal_case(_without_prefix(name, prefix))
        earlier_name, earlier_number = by_stripped.setdefault(stripped, (name, number))
        if earlier_name != name and earlier_number != number:
            raise SchemaProblem(
                f"values '{earlier_name}' and '{name}' of enum {where} have the "
                f"same name once case and the enum's name prefix are ignored; "
                "code generators would make them one",
                at,
            )
    if enum.allow_alias is False:
        raise SchemaProblem(
            f"enum {where} sets 'allow_alias = false', which has no effect; protoc refuses it",
            where,
        )
    if enum.allow_alias and not aliased:
        raise SchemaProblem(
            f"enum {where} sets 'allow_alias = true' but no two values share "
            "a number; protoc refuses the needless option",
            where,
        )


def _without_prefix(value: str, prefix: str) -> str:
    """protoc's: ``value`` without ``prefix`` (the enum's name, lower case, no underscores)
    when it starts with it, case and underscores aside, unless nothing would be left."""
    at = matched = 0
    while matched < len(prefix) and at < len(value):
        if value[at] != "_":
            if value[at].lower() != prefix[matched]:
                return value
            matched += 1
        at += 1
    if matched < len(prefix):
        return value
    return value[at:].lstrip("_") or value


def _pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:].lower() for part in name.split("_"))


def _check_reserved(reserved: pm.Reserved, where: str) -> None:
    names = set()
    for name in reserved.names:
        if name in names:
            raise SchemaProblem(f"{where} reserves the name '{name}' twice", where)
        names.add(name)
    ranges = sorted(reserved.ranges)
    for (start, end), (next_start, next_end) in pairwise(ranges):
        if next_start <= end:
            raise SchemaProblem(
                f"{where} reserves {next_start} to {next_end}, which overlaps {start} to {end}",
                where,
            )
    for start, end in ranges:
        if end < start:
            raise SchemaProblem(f"{where} reserves {start} to {end}, an empty range", where)


def _reserves(reserved: pm.Reserved, number: int) -> bool:
    return any(start <= number <= end for start, end in reserved.ranges)
