"""Protobuf compatibility with Confluent's schema diff, offline.

Confluent diffs an *original* ``.proto`` against an *update*
(``io.confluent.kafka.schemaregistry.protobuf.diff``): BACKWARD diffs old -> new, FORWARD
swaps them, so in reader/writer terms the writer is the original and the reader the update.
Messages are matched by name at each nesting level, fields by number. The incompatible
differences, all reported here, are: PACKAGE_CHANGED, MESSAGE_REMOVED, FIELD_KIND_CHANGED
(scalar / message / map), FIELD_SCALAR_KIND_CHANGED (across the wire-compatible groups),
FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED, REQUIRED_FIELD_ADDED / _REMOVED,
ONEOF_FIELD_REMOVED, FIELD_MOVED_TO_EXISTING_ONEOF and MULTIPLE_FIELDS_MOVED_TO_ONEOF. Field
and message renames, additions, removals and every enum change are compatible.

One difference from Confluent, following COMPATIBILITY.md: a field written without a label
counts as singular, so ``int32 x`` -> ``repeated int32 x`` is FIELD_NUMERIC_LABEL_CHANGED.
Confluent compares labels only when both versions write one and lets that change through,
although a singular reader mis-decodes packed repeated numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.registry.breaks import Break, Roles, dedupe, sentence
from studio.registry.protobuf_format import ProtoSchema
from studio.registry.protobuf_model import SCALARS, ProtoField, ProtoMessage

# Scalars that share a wire encoding (Protobuf's "updating a message type" rules)
_SCALAR_GROUPS = {
    **dict.fromkeys(("int32", "int64", "uint32", "uint64", "bool"), "varint"),
    **dict.fromkeys(("sint32", "sint64"), "zigzag"),
    **dict.fromkeys(("string", "bytes"), "length-delimited"),
    **dict.fromkeys(("fixed32", "sfixed32"), "fixed32"),
    **dict.fromkeys(("fixed64", "sfixed64"), "fixed64"),
    "float": "float",
    "double": "double",
}

_TEMPLATES = {
    "PACKAGE_CHANGED": "the package is {old} in {W} but {new} in {R}, so every message has "
    "another full name and {R} does not recognise what {W} writes",
    "MESSAGE_REMOVED": "{R} has no message {at}, which {W} defines, so data {W} writes as "
    "{at} cannot be read with {R}",
    "FIELD_KIND_CHANGED": "field {number} '{at}' is {old} in {W} but {new} in {R}, so {R} "
    "cannot decode what {W} writes there",
    "FIELD_SCALAR_KIND_CHANGED": "field {number} '{at}' is {old} in {W} but {new} in {R}, "
    "which are encoded differently, so {R} misreads the value",
    "FIELD_NAMED_TYPE_CHANGED": "field {number} '{at}' has type {old} in {W} but {new} in {R}, "
    "which {R} cannot read in its place",
    "FIELD_NUMERIC_LABEL_CHANGED": "field {number} '{at}' is {old} in {W} but {new} in {R}; a "
    "numeric field changes its encoding with that, so {R} "
    "misreads the values",
    "REQUIRED_FIELD_ADDED": "{R} requires field {number} '{at}', which {W} does not have, so "
    "{R} rejects every message {W} writes",
    "REQUIRED_FIELD_REMOVED": "field {number} '{at}' is required in {W} and absent from {R}, "
    "so messages that follow {R} fail parsers that expect it",
    "ONEOF_FIELD_REMOVED": "field {number} '{at}' of oneof {oneof} in {W} is gone from {R}, "
    "so {R} reads messages that set it as if the oneof were unset",
    "FIELD_MOVED_TO_EXISTING_ONEOF": "{R} puts field '{at}' into the existing oneof {oneof}, "
    "so a message from {W} that sets both keeps only one",
    "MULTIPLE_FIELDS_MOVED_TO_ONEOF": "{R} puts several fields of {W} into the oneof {oneof} "
    "at '{at}', so a message from {W} that sets more than "
    "one keeps only the last",
}


def protobuf_breaks(reader: ProtoSchema, writer: ProtoSchema, roles: Roles) -> list[Break]:
    """Every incompatible difference between the writer (original) and the reader (update)."""
    return dedupe(_Diff(writer, reader, roles).run())


@dataclass(frozen=True, slots=True)
class _FieldAt:
    """A field whose types are being compared: the scopes its type names resolve in, in the
    writer and in the reader, and where (path and number) its breaks are reported."""

    old_scope: str
    new_scope: str
    at: str
    number: int


def _local(scope: str, package: str) -> str:
    return scope.removeprefix(package + ".") if package else scope


class _Diff:
    def __init__(self, original: ProtoSchema, update: ProtoSchema, roles: Roles) -> None:
        self.original = original
        self.update = update
        self.roles = roles
        self.breaks: list[Break] = []
        self.active: set[tuple[int, int]] = set()
        # pairs compared once already, and whether they broke: each pair is walked once,
        # however many fields use it (schemas where every message uses every other would
        # otherwise take exponential time)
        self.done: dict[tuple[int, int], bool] = {}

    def run(self) -> list[Break]:
        before, after = self.original.file, self.update.file
        if before.package != after.package:
            self._add(
                after.package or "(no package)",
                "PACKAGE_CHANGED",
                old=before.package or "(none)",
                new=after.package or "(none)",
            )
        self._types(before.messages, after.messages, before.package, after.package)
        return self.breaks

    def _types(
        self, olds: list[ProtoMessage], news: list[ProtoMessage], old_scope: str, new_scope: str
    ) -> None:
        updated = {m.name: m for m in news}
        for message in olds:
            old_name = f"{old_scope}.{message.name}" if old_scope else message.name
            new_name = f"{new_scope}.{message.name}" if new_scope else message.name
            at = _local(new_name, self.update.file.package)
            if message.name not in updated:
                self._add(at, "MESSAGE_REMOVED")
            else:
                self._message(message, updated[message.name], old_name, new_name, at)

    def _message(
        self, old: ProtoMessage, new: ProtoMessage, old_scope: str, new_scope: str, at: str
    ) -> bool:
        """Compare two versions of a message; whether that found breaks."""
        key = (id(old), id(new))
        if key in self.done:
            return self.done[key]
        if key in self.active:  # met again inside itself: taken as compatible, as Confluent does
            return False
        count = len(self.breaks)
        self.active.add(key)
        try:
            self._fields(old, new, old_scope, new_scope, at)
            self._types(old.messages, new.messages, old_scope, new_scope)
        finally:
            self.active.discard(key)
        self.done[key] = len(self.breaks) > count
        return self.done[key]

    def _fields(
        self, old: ProtoMessage, new: ProtoMessage, old_scope: str, new_scope: str, at: str
    ) -> None:
        old_top = {f.number: f for f in old.fields}
        new_top = {f.number: f for f in new.fields}
        old_all = {f.number: f for f in old.all_fields()}
        new_all = {f.number: f for f in new.all_fields()}
        old_oneof_of = {f.number: o.name for o in old.oneofs for f in o.fields}
        new_oneof_of = {f.number: o.name for o in new.oneofs for f in o.fields}
        for oneof in new.oneofs:
            moved = [f for f in oneof.fields if old_top.pop(f.number, None) is not None]
            existing = [f for f in oneof.fields if f.number in old_oneof_of]
            if len(moved) > 1:
                self._add(f"{at}.{oneof.name}", "MULTIPLE_FIELDS_MOVED_TO_ONEOF", oneof=oneof.name)
            elif moved and existing:
                self._add(
                    f"{at}.{moved[0].name}", "FIELD_MOVED_TO_EXISTING_ONEOF", oneof=oneof.name
                )
        old_oneofs = {o.name: o for o in old.oneofs}
        for oneof in new.oneofs:
            if oneof.name not in old_oneofs:
                continue
            before = {f.number: f for f in old_oneofs[oneof.name].fields}
            after = {f.number: f for f in oneof.fields}
            for number in sorted(before):
                if number in after:
                    self._field(before[number], after[number], old_scope, new_scope, at)
                elif number not in new_all:  # moved elsewhere is not a removal
                    self._add(
                        f"{at}.{before[number].name}",
                        "ONEOF_FIELD_REMOVED",
                        number=number,
                        oneof=oneof.name,
                    )
        for number in sorted(set(old_top) | set(new_top)):
            before_field, after_field = old_top.get(number), new_top.get(number)
            if after_field is None:
                assert before_field is not None
                if before_field.label == "required":
                    self._add(f"{at}.{before_field.name}", "REQUIRED_FIELD_REMOVED", number=number)
            elif before_field is None:
                if after_field.label == "required":
                    self._add(f"{at}.{after_field.name}", "REQUIRED_FIELD_ADDED", number=number)
            else:
                self._field(before_field, after_field, old_scope, new_scope, at)
        for number in sorted(set(old_all) & set(new_all)):  # fields that changed their oneof
            before_oneof, after_oneof = old_oneof_of.get(number), new_oneof_of.get(number)
            if before_oneof == after_oneof:
                continue  # top-level in both, or in the same oneof: compared above
            self._field(old_all[number], new_all[number], old_scope, new_scope, at)

    def _field(
        self, old: ProtoField, new: ProtoField, old_scope: str, new_scope: str, at: str
    ) -> None:
        field = _FieldAt(old_scope, new_scope, f"{at}.{new.name}", new.number)
        # a field written without a label is singular (see the module docstring)
        labels = (old.label or "optional", new.label or "optional")
        self._types_of(labels, old.type, new.type, old, new, field)

    def _types_of(
        self,
        labels: tuple[str, str] | None,
        old_type: str,
        new_type: str,
        old: ProtoField,
        new: ProtoField,
        field: _FieldAt,
    ) -> None:
        old_kind = self._kind(self.original, old_type, field.old_scope)
        new_kind = self._kind(self.update, new_type, field.new_scope)
        if old_kind != new_kind:
            self._add_at(field, "FIELD_KIND_CHANGED", old=f"a {old_kind}", new=f"a {new_kind}")
        elif old_kind == "map":
            self._types_of(None, old.key_type, new.key_type, old, new, field)
            self._types_of(None, old.value_type, new.value_type, old, new, field)
        elif old_kind == "scalar":
            self._scalars(labels, old_type, new_type, field)
        else:
            self._named(old_type, new_type, field)

    def _kind(self, schema: ProtoSchema, type_name: str, scope: str) -> str:
        if type_name == "map":
            return "map"
        if type_name in SCALARS:
            return "scalar"
        info = schema.resolve(type_name, scope)
        return "scalar" if info is not None and info.is_enum else "message"

    def _scalars(
        self, labels: tuple[str, str] | None, old_type: str, new_type: str, field: _FieldAt
    ) -> None:
        # a type that is no scalar here is an enum: a varint
        old_group = _SCALAR_GROUPS.get(old_type, "varint")
        new_group = _SCALAR_GROUPS.get(new_type, "varint")
        if old_group != new_group:
            self._add_at(field, "FIELD_SCALAR_KIND_CHANGED", old=old_type, new=new_type)
        elif labels and labels[0] != labels[1] and old_group != "length-delimited":
            self._add_at(
                field,
                "FIELD_NUMERIC_LABEL_CHANGED",
                old=f"{labels[0]} {old_type}",
                new=f"{labels[1]} {new_type}",
            )

    def _named(self, old_type: str, new_type: str, field: _FieldAt) -> None:
        before = self.original.resolve(old_type, field.old_scope)
        after = self.update.resolve(new_type, field.new_scope)
        if before is None or after is None:
            if old_type != new_type:
                self._add_at(field, "FIELD_NAMED_TYPE_CHANGED", old=old_type, new=new_type)
            return
        if before.local_name != after.local_name:
            self._add_at(
                field, "FIELD_NAMED_TYPE_CHANGED", old=before.local_name, new=after.local_name
            )
            return
        same_reference = before.origin is not None and before.origin == after.origin
        if (
            same_reference
            or not isinstance(before.element, ProtoMessage)
            or not isinstance(after.element, ProtoMessage)
        ):
            return  # the same registered schema, or a well-known type known only by name
        if self._message(
            before.element, after.element, before.full_name, after.full_name, field.at
        ):
            self._add_at(
                field,
                "FIELD_NAMED_TYPE_CHANGED",
                old=before.local_name + " (as in " + self.roles.writer + ")",
                new=after.local_name + " (as in " + self.roles.reader + ")",
            )

    def _add_at(self, field: _FieldAt, rule: str, **values: object) -> None:
        self._add(field.at, rule, number=field.number, **values)

    def _add(self, at: str, rule: str, **values: object) -> None:
        text = _TEMPLATES[rule].format(
            R=self.roles.reader,
            W=self.roles.writer,
            at=at,
            **{"old": "", "new": "", "number": "", "oneof": "", **values},
        )
        self.breaks.append(Break(at, rule, sentence(text) + "."))
