"""The reference table: it covers every id-valued field, and rename and cut follow it."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from studio.io.design_file import dump_design
from studio.model import (
    Application,
    Broker,
    Design,
    Element,
    Endpoint,
    Message,
    Note,
    Publication,
    Subscription,
    Topic,
    Webhooks,
)
from studio.model.references import (
    REFERENCES,
    mentions,
    references_of,
    referrers,
    rewrite,
)
from studio.model.uses import uses_of

ELEMENT_KINDS = (Broker, Application, Topic, Message, Endpoint, Note)

# Text fields that name no element: each string-valued field of an element is either here or
# in the reference table, so a new field has to be put in one of the two.
NOT_REFERENCES = {
    "broker.description",
    "broker.host",
    "broker.name",
    "broker.protocol",
    "broker.schema_registry_url",
    "application.description",
    "application.kind",
    "application.name",
    "application.owner",
    "application.publishes[].description",
    "application.subscribes[].description",
    "application.subscribes[].group",
    "application.webhooks.description",
    "application.webhooks.registration",
    "topic.address",
    "topic.description",
    "message.content_type",
    "message.description",
    "message.name",
    "message.summary",
    "message.title",
    # registry subjects, not design elements
    "message.headers.subject",
    "message.key.subject",
    "message.payload.subject",
    "endpoint.description",
    "endpoint.method",
    "endpoint.path",
    "endpoint.summary",
    "note.author",
    "note.text",
}


def string_fields(kind: type, prefix: str) -> set[str]:
    """Every field path under ``kind`` holding text (``[]``: each item or mapping value)."""
    hints = typing.get_type_hints(kind)
    found: set[str] = set()
    for field in dataclasses.fields(kind):
        if field.name not in ("id", "extensions"):
            found |= _text_paths(hints[field.name], f"{prefix}{field.name}")
    return found


def _text_paths(hint: typing.Any, path: str) -> set[str]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return {path}
    if origin in (typing.Union, types.UnionType):
        return {p for arg in args if arg is not type(None) for p in _text_paths(arg, path)}
    if origin is tuple:
        return _text_paths(args[0], f"{path}[]")
    if origin is dict:
        return _text_paths(args[1], f"{path}[]")
    if dataclasses.is_dataclass(hint):
        return string_fields(typing.cast(type, hint), f"{path}.")
    return set()


def test_the_table_covers_every_id_valued_field_of_every_element() -> None:
    text = {
        path for kind in ELEMENT_KINDS for path in string_fields(kind, f"{kind.__name__.lower()}.")
    }
    table = {str(reference) for reference in REFERENCES}
    assert len(table) == len(REFERENCES), "a field is listed twice"
    assert table <= text, f"not fields of the model: {sorted(table - text)}"
    assert not NOT_REFERENCES - text, f"not fields of the model: {sorted(NOT_REFERENCES - text)}"
    assert not table & NOT_REFERENCES
    assert text - NOT_REFERENCES == table, (
        f"text fields neither in the reference table nor in NOT_REFERENCES: "
        f"{sorted(text - NOT_REFERENCES - table)}"
    )


OLD = "old-id"


def every_reference_to(target: str) -> Design:
    """A design whose elements name ``target`` in every field of the reference table."""
    return Design(
        applications=[
            Application(
                "app",
                backend=target,
                publishes=(Publication(target),),
                calls=(target,),
                subscribes=(Subscription(target), Subscription("kept", via=target)),
                webhooks=Webhooks(topics=(target, "kept")),
                writes=(target,),
                reads=(target,),
            )
        ],
        topics=[Topic("topic", address="a.b", broker=target, messages=(target, "kept"))],
        endpoints=[
            Endpoint(
                "endpoint",
                provider=target,
                request=target,
                responses={"200": target, "404": "kept"},
            )
        ],
        notes=[Note("note", on=target, text="about it")],
    )


def test_the_fixture_names_the_target_through_every_reference() -> None:
    design = every_reference_to(OLD)
    used = {m.reference for e in design.elements() for m in mentions(e) if m.target == OLD}
    assert used == set(REFERENCES)


def test_renaming_through_rewrite_changes_every_reference() -> None:
    design = every_reference_to(OLD)
    before = [
        (m.reference, m.path) for e in design.elements() for m in mentions(e) if m.target == OLD
    ]
    renamed = dataclasses.replace(
        design,
        **{
            section: [rewrite(e, OLD, "new-id") for e in getattr(design, section)]
            for section in ("applications", "topics", "endpoints", "notes")
        },
    )
    after = [
        (m.reference, m.path)
        for e in renamed.elements()
        for m in mentions(e)
        if m.target == "new-id"
    ]
    assert after == before
    text = dump_design(renamed)
    assert OLD not in text  # nothing outside the table still names the old id
    assert text.count("new-id") == len(before)


def test_cutting_drops_items_clears_optional_fields_and_keeps_required_ones() -> None:
    design = every_reference_to(OLD)
    app, topic, endpoint, note = (rewrite(e, OLD, None) for e in design.elements())
    assert app == Application("app", webhooks=Webhooks(topics=("kept",)))
    assert topic == Topic("topic", address="a.b", messages=("kept",))
    # the provider stays: the endpoint is a dependent and goes with the element
    assert endpoint == Endpoint("endpoint", provider=OLD, responses={"200": None, "404": "kept"})
    assert note == Note("note", text="about it")


def test_referrers_and_dependents_follow_the_table() -> None:
    design = every_reference_to(OLD)
    assert [e.id for e in referrers(design, OLD)] == ["app", "topic", "endpoint", "note"]
    assert [e.id for e in uses_of(design).dependents(OLD)] == ["endpoint", "note"]
    assert referrers(design, "kept") == [
        design.applications[0],
        design.topics[0],
        design.endpoints[0],
    ]


@pytest.mark.parametrize("element", list(every_reference_to(OLD).elements()), ids=lambda e: e.id)
def test_references_of_and_mentions_name_the_same_ids(element: Element) -> None:
    assert sorted(references_of(element)) == sorted(m.target for m in mentions(element))


def test_mentions_give_file_paths_and_the_part_holding_them() -> None:
    app, _, endpoint, note = every_reference_to(OLD).elements()
    found = {(str(m.reference), m.path): m.holder for m in mentions(app)}
    via = ("application.subscribes[].via", ("subscribes", 1, "via"))
    assert found[via] == Subscription("kept", via=OLD)
    assert found[("application.backend", ("backend",))] is app
    assert found[("application.webhooks.topics[]", ("webhooks", "topics", 0))] == Webhooks(
        topics=(OLD, "kept")
    )
    assert [m.path for m in mentions(note)] == [("target",)]  # the file's key for ``on``
    assert ("responses", "200") in [m.path for m in mentions(endpoint)]


def test_a_subscriptions_topic_and_via_are_walked_together_in_file_order() -> None:
    app = Application("app", subscribes=(Subscription("t1", via="api"), Subscription("t2")))
    assert [m.path for m in mentions(app)] == [
        ("subscribes", 0, "topic"),
        ("subscribes", 0, "via"),
        ("subscribes", 1, "topic"),
    ]
