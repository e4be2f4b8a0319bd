"""Convert between the design file's plain data and the typed model, in both directions.

``design_from_data`` expects data that already passed ``design.schema.json``; it only maps
keys to fields. ``design_to_data`` writes keys in the order of FORMATS.md (which is the field
order of the model), leaves out what is unset, and appends each element's ``x-`` keys.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeVar

from studio import model

Data = dict[str, Any]
R = TypeVar("R")


def extensions_of(data: Data) -> dict[str, Any]:
    """The ``x-...`` keys of a mapping, in their original order."""
    return {k: v for k, v in data.items() if k.startswith("x-")}


# -- data -> model -------------------------------------------------------------------


def design_from_data(data: Data) -> model.Design:
    """Build a Design from the schema-checked data of a design file."""
    return model.Design(
        format_version=data["meshStudio"],
        info=_info(data.get("info") or {}),
        registry=data.get("registry"),
        taxonomy={p: _taxonomy_rule(r) for p, r in (data.get("taxonomy") or {}).items()},
        brokers=[_broker(d) for d in data.get("brokers") or ()],
        applications=[_application(d) for d in data.get("applications") or ()],
        topics=[_topic(d) for d in data.get("topics") or ()],
        messages=[_message(d) for d in data.get("messages") or ()],
        endpoints=[_endpoint(d) for d in data.get("endpoints") or ()],
        rules=_rules(data.get("rules") or {}),
        layout={i: _position(p) for i, p in (data.get("layout") or {}).items()},
        views=[_view(d) for d in data.get("views") or ()],
        notes=[_note(d) for d in data.get("notes") or ()],
        extensions=extensions_of(data),
    )


def record_from_data(record_type: type[R], data: Data, **values: Any) -> R:
    """A record of the model from its mapping in the file, the mirror of ``record_to_data``:
    each field from its key (lists as tuples), ``values`` in place of some, what is absent
    left at the field's default, and the ``x-`` keys as its extensions."""
    kind: type = record_type  # the caches key on the plain type
    fields = {name: data[key] for name, key in _keyed_fields(kind) if key in data}
    for name in _tuple_fields(kind).intersection(fields):
        fields[name] = tuple(fields[name])
    fields.update(values)
    if _has_extensions(kind):
        fields["extensions"] = extensions_of(data)
    return record_type(**fields)


@functools.cache
def _tuple_fields(record_type: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(record_type) if f.default == ())


@functools.cache
def _has_extensions(record_type: type) -> bool:
    return any(f.name == "extensions" for f in dataclasses.fields(record_type))


def _info(d: Data) -> model.Info:
    return record_from_data(model.Info, d)


def _taxonomy_rule(d: Data) -> model.TaxonomyRule:
    levels = {name: tuple(values) for name, values in (d.get("levels") or {}).items()}
    return record_from_data(model.TaxonomyRule, d, levels=levels)


def _broker(d: Data) -> model.Broker:
    return record_from_data(model.Broker, d)


def _application(d: Data) -> model.Application:
    hooks = d.get("webhooks")
    return record_from_data(
        model.Application,
        d,
        publishes=tuple(record_from_data(model.Publication, p) for p in d.get("publishes") or ()),
        subscribes=tuple(
            record_from_data(model.Subscription, s) for s in d.get("subscribes") or ()
        ),
        webhooks=None if hooks is None else record_from_data(model.Webhooks, hooks),
    )


def _topic(d: Data) -> model.Topic:
    return record_from_data(model.Topic, d)


def _schema_source(d: Data | None) -> model.SchemaSource | None:
    if d is None:
        return None
    if "schema" in d:
        return model.InlineSchema(d["schema"])
    return model.SchemaRef(d["subject"], d.get("version", "latest"))


def _message(d: Data) -> model.Message:
    return record_from_data(
        model.Message,
        d,
        payload=_schema_source(d.get("payload")),
        key=_schema_source(d.get("key")),
        headers=_schema_source(d.get("headers")),
    )


def _endpoint(d: Data) -> model.Endpoint:
    return record_from_data(model.Endpoint, d)


def _rules(d: Data) -> model.Rules:
    return record_from_data(model.Rules, d)


def _position(d: Data) -> model.Position:
    # one for every element of a big design: built directly, the fastest way
    return model.Position(d["x"], d["y"], extensions_of(d))


def _view(d: Data) -> model.View:
    return record_from_data(
        model.View,
        d,
        include=_view_filter(d.get("include") or {}),
        exclude=_view_filter(d.get("exclude") or {}),
        layout={i: _position(p) for i, p in (d.get("layout") or {}).items()},
    )


def _view_filter(d: Data) -> model.ViewFilter:
    around = d.get("around")
    return record_from_data(
        model.ViewFilter,
        d,
        around=None if around is None else model.Around(around["element"], around["hops"]),
    )


def _note(d: Data) -> model.Note:
    # `target` since format 1.1 of the notes; `on` (older files) is still read: YAML 1.1
    # readers take the key `on` for the boolean true, so it is not written any more
    return record_from_data(model.Note, d, on=d.get("target", d.get("on")))


# -- model -> data -------------------------------------------------------------------


def _compact(pairs: list[tuple[str, Any]], extensions: dict[str, Any]) -> Data:
    """A mapping of the pairs that are set (not None, not empty), then the ``x-`` keys."""
    out = {k: v for k, v in pairs if v is not None and not (isinstance(v, (list, dict)) and not v)}
    out.update(extensions)
    return out


def _number(value: float) -> float | int:
    """Write whole coordinates as integers: ``x: 40`` rather than ``x: 40.0``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# The file's key of a field, where it is not the field's name in camelCase. ``on`` has been
# written ``target`` since format 1.1 of the notes: YAML 1.1 readers take ``on`` for true.
_KEYS = {"format_version": "meshStudio", "on": "target"}


def _key(field_name: str) -> str:
    if field_name in _KEYS:
        return _KEYS[field_name]
    first, *rest = field_name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _to_data(value: Any) -> Any:
    """A field's value as plain data: records as mappings, tuples as lists."""
    if value is None or isinstance(value, str | int | float):  # most values: first
        return value
    if isinstance(value, list | tuple):
        return [_to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_data(item) for key, item in value.items()}
    if isinstance(value, model.Position):
        return _compact([("x", _number(value.x)), ("y", _number(value.y))], value.extensions)
    if isinstance(value, model.SchemaRef | model.InlineSchema):
        return schema_source_to_data(value)
    if dataclasses.is_dataclass(value):
        return record_to_data(value)
    return value


@functools.cache
def _keyed_fields(record_type: type) -> tuple[tuple[str, str], ...]:
    """(field, key) of each field of a record type but its extensions, in declaration order."""
    fields = dataclasses.fields(record_type)
    return tuple((f.name, _key(f.name)) for f in fields if f.name != "extensions")


def record_to_data(record: Any, **values: Any) -> Data:
    """A record of the model (the design, an element or a part of one) as the mapping the
    file holds: its fields in declaration order under their keys, ``values`` in place of
    some, what is unset left out (``False`` is set: a note's ``resolved: false`` is written,
    so an open question looks open), then its ``x-`` keys."""
    pairs = [
        (key, _to_data(values[name] if name in values else getattr(record, name)))
        for name, key in _keyed_fields(record.__class__)
    ]
    return _compact(pairs, getattr(record, "extensions", {}))


def design_to_data(design: model.Design) -> Data:
    """The plain data of a design file, keys in canonical order."""
    return record_to_data(design, layout=dict(_layout_in_element_order(design)))


def _layout_in_element_order(design: model.Design) -> list[tuple[str, model.Position]]:
    """Positions in the order of the elements (then any for unknown ids), so the layout
    section never depends on the order in which elements happened to be moved."""
    layout = design.layout
    known = [(e.id, layout[e.id]) for e in design.elements() if e.id in layout]
    ids = {i for i, _ in known}
    return known + [(i, p) for i, p in layout.items() if i not in ids]


def schema_source_to_data(source: model.SchemaSource | None) -> Data | None:
    if source is None:
        return None
    if isinstance(source, model.InlineSchema):
        return {"schema": source.schema}
    return {"subject": source.subject, "version": source.version}


# the diff compares the elements of two designs kind by kind through these names
broker_to_data = application_to_data = topic_to_data = record_to_data
message_to_data = endpoint_to_data = note_to_data = view_to_data = record_to_data
