"""Convert between the design file's plain data and the typed model, in both directions.

``design_from_data`` expects data that already passed ``design.schema.json``; it only maps
keys to fields. ``design_to_data`` writes keys in the order of FORMATS.md (which is the field
order of the model), leaves out what is unset, and appends each element's ``x-`` keys.
"""

from __future__ import annotations

from typing import Any

from studio.model import (
    Application,
    Around,
    Broker,
    Design,
    Endpoint,
    Info,
    InlineSchema,
    Message,
    Note,
    Position,
    Publication,
    Rules,
    SchemaRef,
    SchemaSource,
    Subscription,
    TaxonomyRule,
    Topic,
    View,
    ViewFilter,
    Webhooks,
)

Data = dict[str, Any]


def extensions_of(data: Data) -> dict[str, Any]:
    """The ``x-...`` keys of a mapping, in their original order."""
    return {k: v for k, v in data.items() if k.startswith("x-")}


def _tuple(data: Data, key: str) -> tuple[Any, ...]:
    return tuple(data.get(key) or ())


# -- data -> model -------------------------------------------------------------------


def design_from_data(data: Data) -> Design:
    """Build a Design from the schema-checked data of a design file."""
    return Design(
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


def _info(d: Data) -> Info:
    return Info(
        d.get("title"), d.get("version"), d.get("description"), d.get("owner"), extensions_of(d)
    )


def _taxonomy_rule(d: Data) -> TaxonomyRule:
    levels = {name: tuple(values) for name, values in (d.get("levels") or {}).items()}
    return TaxonomyRule(d["pattern"], levels, extensions_of(d))


def _broker(d: Data) -> Broker:
    return Broker(
        d["id"],
        d.get("name"),
        d["protocol"],
        d.get("host"),
        d.get("description"),
        d.get("schemaRegistryUrl"),
        extensions_of(d),
    )


def _application(d: Data) -> Application:
    hooks = d.get("webhooks")
    return Application(
        id=d["id"],
        name=d.get("name"),
        kind=d.get("kind", "service"),
        owner=d.get("owner"),
        description=d.get("description"),
        backend=d.get("backend"),
        publishes=tuple(
            Publication(p["topic"], p.get("description"), extensions_of(p))
            for p in d.get("publishes") or ()
        ),
        calls=_tuple(d, "calls"),
        subscribes=tuple(
            Subscription(
                s["topic"],
                s.get("via"),
                s.get("group"),
                s.get("schemaVersion"),
                s.get("description"),
                extensions_of(s),
            )
            for s in d.get("subscribes") or ()
        ),
        webhooks=None
        if hooks is None
        else Webhooks(
            hooks["registration"],
            _tuple(hooks, "topics"),
            hooks.get("description"),
            extensions_of(hooks),
        ),
        writes=_tuple(d, "writes"),
        reads=_tuple(d, "reads"),
        extensions=extensions_of(d),
    )


def _topic(d: Data) -> Topic:
    return Topic(
        d["id"],
        d["address"],
        d.get("broker"),
        _tuple(d, "messages"),
        d.get("description"),
        d.get("bindings"),
        extensions_of(d),
    )


def _schema_source(d: Data | None) -> SchemaSource | None:
    if d is None:
        return None
    if "schema" in d:
        return InlineSchema(d["schema"])
    return SchemaRef(d["subject"], d.get("version", "latest"))


def _message(d: Data) -> Message:
    return Message(
        id=d["id"],
        name=d.get("name"),
        title=d.get("title"),
        summary=d.get("summary"),
        description=d.get("description"),
        content_type=d.get("contentType"),
        payload=_schema_source(d.get("payload")),
        key=_schema_source(d.get("key")),
        headers=_schema_source(d.get("headers")),
        examples=_tuple(d, "examples"),
        extensions=extensions_of(d),
    )


def _endpoint(d: Data) -> Endpoint:
    return Endpoint(
        d["id"],
        d["provider"],
        d["method"],
        d["path"],
        d.get("summary"),
        d.get("description"),
        d.get("request"),
        dict(d.get("responses") or {}),
        extensions_of(d),
    )


def _rules(d: Data) -> Rules:
    return Rules(_tuple(d, "disable"), dict(d.get("severity") or {}), extensions_of(d))


def _position(d: Data) -> Position:
    return Position(d["x"], d["y"], extensions_of(d))


def _view(d: Data) -> View:
    return View(
        d["id"],
        d.get("name"),
        _view_filter(d.get("include") or {}),
        _view_filter(d.get("exclude") or {}),
        {i: _position(p) for i, p in (d.get("layout") or {}).items()},
        extensions_of(d),
    )


def _view_filter(d: Data) -> ViewFilter:
    around = d.get("around")
    return ViewFilter(
        _tuple(d, "domains"),
        _tuple(d, "owners"),
        _tuple(d, "brokers"),
        _tuple(d, "protocols"),
        _tuple(d, "elements"),
        None if around is None else Around(around["element"], around["hops"]),
    )


def _note(d: Data) -> Note:
    # `target` since format 1.1 of the notes; `on` (older files) is still read: YAML 1.1
    # readers take the key `on` for the boolean true, so it is not written any more
    return Note(
        d["id"],
        d.get("target", d.get("on")),
        d.get("author"),
        d["text"],
        d.get("resolved", False),
        extensions_of(d),
    )


# -- model -> data -------------------------------------------------------------------


def _compact(pairs: list[tuple[str, Any]], extensions: dict[str, Any]) -> Data:
    """A mapping of the pairs that are set (not None, not empty), then the ``x-`` keys."""
    out = {k: v for k, v in pairs if v is not None and not (isinstance(v, (list, dict)) and not v)}
    out.update(extensions)
    return out


def _number(value: float) -> float | int:
    """Write whole coordinates as integers: ``x: 40`` rather than ``x: 40.0``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def design_to_data(design: Design) -> Data:
    """The plain data of a design file, keys in canonical order."""
    return _compact(
        [
            ("meshStudio", design.format_version),
            (
                "info",
                _compact(
                    [
                        ("title", design.info.title),
                        ("version", design.info.version),
                        ("description", design.info.description),
                        ("owner", design.info.owner),
                    ],
                    design.info.extensions,
                ),
            ),
            ("registry", design.registry),
            (
                "taxonomy",
                {
                    p: _compact(
                        [
                            ("pattern", r.pattern),
                            ("levels", {k: list(v) for k, v in r.levels.items()}),
                        ],
                        r.extensions,
                    )
                    for p, r in design.taxonomy.items()
                },
            ),
            ("brokers", [broker_to_data(b) for b in design.brokers]),
            ("applications", [application_to_data(a) for a in design.applications]),
            ("topics", [topic_to_data(t) for t in design.topics]),
            ("messages", [message_to_data(m) for m in design.messages]),
            ("endpoints", [endpoint_to_data(e) for e in design.endpoints]),
            (
                "rules",
                _compact(
                    [("disable", list(design.rules.disable)), ("severity", design.rules.severity)],
                    design.rules.extensions,
                ),
            ),
            (
                "layout",
                {
                    i: _compact([("x", _number(p.x)), ("y", _number(p.y))], p.extensions)
                    for i, p in _layout_in_element_order(design)
                },
            ),
            ("views", [view_to_data(v) for v in design.views]),
            ("notes", [note_to_data(n) for n in design.notes]),
        ],
        design.extensions,
    )


def _layout_in_element_order(design: Design) -> list[tuple[str, Position]]:
    """Positions in the order of the elements (then any for unknown ids), so the layout
    section never depends on the order in which elements happened to be moved."""
    layout = design.layout
    known = [(e.id, layout[e.id]) for e in design.elements() if e.id in layout]
    ids = {i for i, _ in known}
    return known + [(i, p) for i, p in layout.items() if i not in ids]


def broker_to_data(b: Broker) -> Data:
    return _compact(
        [
            ("id", b.id),
            ("name", b.name),
            ("protocol", b.protocol),
            ("host", b.host),
            ("description", b.description),
            ("schemaRegistryUrl", b.schema_registry_url),
        ],
        b.extensions,
    )


def application_to_data(a: Application) -> Data:
    hooks = a.webhooks
    return _compact(
        [
            ("id", a.id),
            ("name", a.name),
            ("kind", a.kind),
            ("owner", a.owner),
            ("description", a.description),
            ("backend", a.backend),
            (
                "publishes",
                [
                    _compact([("topic", p.topic), ("description", p.description)], p.extensions)
                    for p in a.publishes
                ],
            ),
            ("calls", list(a.calls)),
            (
                "subscribes",
                [
                    _compact(
                        [
                            ("topic", s.topic),
                            ("via", s.via),
                            ("group", s.group),
                            ("schemaVersion", s.schema_version),
                            ("description", s.description),
                        ],
                        s.extensions,
                    )
                    for s in a.subscribes
                ],
            ),
            (
                "webhooks",
                None
                if hooks is None
                else _compact(
                    [
                        ("registration", hooks.registration),
                        ("topics", list(hooks.topics)),
                        ("description", hooks.description),
                    ],
                    hooks.extensions,
                ),
            ),
            ("writes", list(a.writes)),
            ("reads", list(a.reads)),
        ],
        a.extensions,
    )


def topic_to_data(t: Topic) -> Data:
    return _compact(
        [
            ("id", t.id),
            ("address", t.address),
            ("broker", t.broker),
            ("messages", list(t.messages)),
            ("description", t.description),
            ("bindings", t.bindings),
        ],
        t.extensions,
    )


def schema_source_to_data(source: SchemaSource | None) -> Data | None:
    if source is None:
        return None
    if isinstance(source, InlineSchema):
        return {"schema": source.schema}
    return {"subject": source.subject, "version": source.version}


def message_to_data(m: Message) -> Data:
    return _compact(
        [
            ("id", m.id),
            ("name", m.name),
            ("title", m.title),
            ("summary", m.summary),
            ("description", m.description),
            ("contentType", m.content_type),
            ("payload", schema_source_to_data(m.payload)),
            ("key", schema_source_to_data(m.key)),
            ("headers", schema_source_to_data(m.headers)),
            ("examples", list(m.examples)),
        ],
        m.extensions,
    )


def endpoint_to_data(e: Endpoint) -> Data:
    return _compact(
        [
            ("id", e.id),
            ("provider", e.provider),
            ("method", e.method),
            ("path", e.path),
            ("summary", e.summary),
            ("description", e.description),
            ("request", e.request),
            ("responses", e.responses),
        ],
        e.extensions,
    )


def view_to_data(v: View) -> Data:
    return _compact(
        [
            ("id", v.id),
            ("name", v.name),
            ("include", _view_filter_to_data(v.include)),
            ("exclude", _view_filter_to_data(v.exclude)),
            (
                "layout",
                {
                    i: _compact([("x", _number(p.x)), ("y", _number(p.y))], p.extensions)
                    for i, p in v.layout.items()
                },
            ),
        ],
        v.extensions,
    )


def _view_filter_to_data(f: ViewFilter) -> Data:
    around = f.around
    return _compact(
        [
            ("domains", list(f.domains)),
            ("owners", list(f.owners)),
            ("brokers", list(f.brokers)),
            ("protocols", list(f.protocols)),
            ("elements", list(f.elements)),
            (
                "around",
                None if around is None else {"element": around.element, "hops": around.hops},
            ),
        ],
        {},
    )


def note_to_data(n: Note) -> Data:
    data = _compact([("id", n.id), ("target", n.on), ("author", n.author), ("text", n.text)], {})
    data["resolved"] = n.resolved  # always written: an open question should look open
    data.update(n.extensions)
    return data
