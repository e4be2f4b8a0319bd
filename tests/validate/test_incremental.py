"""Live validation re-checks only what an edit touched, and must find exactly what a full
validation of the edited design finds: random edit sequences on the ERP sample (renames,
deletions, new links, field changes that make and mend problems, additions, views, undo)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.edit.actions import connect, delete_elements, rename_element
from studio.edit.commands import AddElement, Command, ReplaceElement, SetSection
from studio.edit.refusal import Refusal
from studio.io.design_file import LoadedDesign, load_design
from studio.io.yaml_source import SourceMap
from studio.model import (
    Application,
    Broker,
    Document,
    Endpoint,
    Message,
    SchemaRef,
    Topic,
    snapshot,
)
from studio.model.views import View, ViewFilter
from studio.validate.incremental import LiveValidation
from studio.validate.runner import load_registry_for, validate_loaded

ERP = Path(__file__).resolve().parents[2] / "samples" / "erp-mesh.mesh.yaml"


@pytest.fixture(scope="module")
def erp() -> tuple[Any, Any]:
    loaded = load_design(ERP)
    return loaded.design, load_registry_for(loaded, ERP)


def full(doc: Document, registry: Any) -> list[Any]:
    loaded = LoadedDesign(snapshot(doc.design), SourceMap(str(ERP), {}))
    return in_order(validate_loaded(loaded, ERP, registry).findings)


def in_order(findings: list[Any]) -> list[Any]:
    """Reports sort by file, line, rule and message; two findings equal in those (the same
    problem of two elements) may come in either order."""
    return sorted(findings, key=repr)


# Field values that make (and mend) problems for the rules: bad addresses and wildcards,
# unknown ids, duplicate endpoint paths, missing schema versions, other protocols.
def _field_change(element: Any, draw: Any, ids: list[str]) -> Any:
    pick = draw(st.integers(0, 3))
    if isinstance(element, Topic):
        return dataclasses.replace(
            element,
            **[
                {"address": draw(st.sampled_from(["orders/#", "a b", "shop.order.x.v1", "x"]))},
                {"broker": draw(st.sampled_from([*ids, "no-such-broker", None]))},
                {"messages": element.messages[1:]},
                {"messages": (*element.messages, draw(st.sampled_from(ids)))},
            ][pick],
        )
    if isinstance(element, Application):
        subscribes = tuple(
            dataclasses.replace(s, schema_version=draw(st.sampled_from([1, 2, 99, None])))
            for s in element.subscribes
        )
        return dataclasses.replace(
            element,
            **[
                {"subscribes": subscribes},
                {"publishes": element.publishes[1:]},
                {"calls": (*element.calls, draw(st.sampled_from(ids)))},
                {"subscribes": element.subscribes[1:]},
            ][pick],
        )
    if isinstance(element, Endpoint):
        return dataclasses.replace(
            element,
            **[
                {"path": draw(st.sampled_from(["/orders/{id}", "/orders/{id}", "/x/{", "/"]))},
                {"method": draw(st.sampled_from(["GET", "POST"]))},
                {"provider": draw(st.sampled_from(ids))},
                {"request": draw(st.sampled_from([*ids, None]))},
            ][pick],
        )
    if isinstance(element, Message) and isinstance(element.payload, SchemaRef):
        version = draw(st.sampled_from([1, 2, 3, 99, "latest"]))
        return dataclasses.replace(element, payload=SchemaRef(element.payload.subject, version))
    if isinstance(element, Broker):
        return dataclasses.replace(
            element, protocol=draw(st.sampled_from(["kafka", "mqtt", "nats", "amqp"]))
        )
    return None


def random_edit(draw: Any, doc: Document) -> Command | None:
    """One edit a user could make, drawn with ``draw`` (hypothesis's ``data.draw``)."""
    ids = [e.id for e in doc.design.elements()]
    element_id = draw(st.sampled_from(ids))
    element = doc.get(element_id)
    kind = draw(st.sampled_from(["rename", "delete", "connect", "field", "add", "view"]))
    result: Command | Refusal | None = None
    if kind == "rename":
        result = rename_element(doc, element_id, doc.unused_id(element_id + "-renamed"))
    elif kind == "delete":
        result = delete_elements(doc, [element_id])
    elif kind == "connect":
        result = connect(doc, element_id, draw(st.sampled_from(ids)))
    elif kind == "field":
        new = _field_change(element, draw, ids)
        result = None if new is None else ReplaceElement(element_id, new)
    elif kind == "add":
        broker = draw(st.sampled_from([b.id for b in doc.design.brokers] or [None]))
        topic = Topic(doc.unused_id("new-topic"), "shop.new.thing.v1", broker)
        result = AddElement(topic)
    else:
        named = (element_id, draw(st.sampled_from(["nowhere", *ids])))
        view = View("picked", "Picked", include=ViewFilter(elements=named))
        result = SetSection("views", [view])
    return None if isinstance(result, Refusal) else result


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_live_findings_equal_a_full_validation_after_random_edits(
    erp: tuple[Any, Any], data: Any
) -> None:
    design, registry = erp
    doc = Document(snapshot(design), ERP)
    live = LiveValidation(ERP)
    live.start_full()
    live.start_from(full(doc, registry))
    doc.changed.connect(live.note)
    done: list[Command] = []
    for _step in range(data.draw(st.integers(1, 4))):
        for _ in range(data.draw(st.integers(1, 3))):
            command = random_edit(data.draw, doc)
            if command is not None:
                command.do(doc)
                done.append(command)
        if done and data.draw(st.booleans()):
            done.pop().undo(doc)
        if live.needs_full:  # a broker was edited or removed: the studio validates it whole
            live.start_full()
            live.start_from(full(doc, registry))
        assert in_order(live.update(doc.design, registry, doc.uses).findings) == full(doc, registry)


def test_an_edit_is_checked_without_validating_the_rest(erp: tuple[Any, Any]) -> None:
    """A new topic with nobody on it: the live scope is the topic and its broker, not the
    design, and the report gains exactly MS107's two findings about it."""
    design, registry = erp
    doc = Document(snapshot(design), ERP)
    live = LiveValidation(ERP)
    live.start_full()
    before = full(doc, registry)
    live.start_from(before)
    doc.changed.connect(live.note)
    broker = design.brokers[0].id
    AddElement(Topic("lonely", "shop.lonely.created.v1", broker)).do(doc)
    assert live.scope(doc.design, doc.uses) == {"lonely"}
    after = in_order(live.update(doc.design, registry, doc.uses).findings)
    added = [f for f in after if f not in before]
    assert [(f.rule, f.element) for f in added] == [("MS107", "lonely"), ("MS107", "lonely")]
    assert after == full(doc, registry)


def test_a_registry_or_taxonomy_change_asks_for_a_full_validation(
    erp: tuple[Any, Any],
) -> None:
    design, _registry = erp
    doc = Document(snapshot(design), ERP)
    live = LiveValidation(ERP)
    live.start_full()
    doc.changed.connect(live.note)
    SetSection("views", []).do(doc)
    assert not live.needs_full and live.pending
    SetSection("taxonomy", {}).do(doc)
    assert live.needs_full


def scope_after(design: Any, *commands: Command) -> set[str]:
    doc = Document(snapshot(design), ERP)
    live = LiveValidation(ERP)
    live.start_full()
    doc.changed.connect(live.note)
    for command in commands:
        command.do(doc)
    return live.scope(doc.design, doc.uses)


def test_a_message_edit_reaches_the_applications_reading_it(erp: tuple[Any, Any]) -> None:
    """Their pinned reader schemas (MS105) and exported documents (MS109) read the message
    through their topic: two steps of referrers."""
    design, _ = erp
    message = next(m for m in design.messages if m.id == "order-placed-event")
    edited = dataclasses.replace(message, summary="changed")
    scope = scope_after(design, ReplaceElement(message.id, edited))
    assert {"order-placed", "analytics", "fulfilment", "sales-projector"} <= scope


def test_an_endpoint_edit_reaches_its_provider_and_siblings(erp: tuple[Any, Any]) -> None:
    """MS113 compares an endpoint with the others of its provider (they are checked with it:
    ``Context.each(..., also=provider)``); the provider's OpenAPI document lists it."""
    design, _ = erp
    endpoint = next(e for e in design.endpoints if e.id == "get-customer")
    scope = scope_after(
        design, ReplaceElement(endpoint.id, dataclasses.replace(endpoint, path="/"))
    )
    assert {"get-customer", "customer-api"} <= scope


def test_a_topic_carrying_a_message_reaches_its_other_readers(erp: tuple[Any, Any]) -> None:
    """A message on a Kafka topic anywhere gets Kafka bindings in every document that has it,
    so adding it to a topic reaches the applications that use it through other topics."""
    design, _ = erp
    topic = next(t for t in design.topics if t.id == "product-changed")
    carrying = dataclasses.replace(topic, messages=(*topic.messages, "customer-changed-event"))
    scope = scope_after(design, ReplaceElement(topic.id, carrying))
    assert {"customer-api", "portal", "crm"} <= scope  # readers of customer-changed only


def test_editing_a_broker_asks_for_a_full_validation(erp: tuple[Any, Any]) -> None:
    design, _ = erp
    doc = Document(snapshot(design), ERP)
    live = LiveValidation(ERP)
    live.start_full()
    doc.changed.connect(live.note)
    broker = design.brokers[0]
    AddElement(Topic("another", "shop.another.created.v1", broker.id)).do(doc)
    assert not live.needs_full
    ReplaceElement(broker.id, dataclasses.replace(broker, protocol="mqtt")).do(doc)
    assert live.needs_full
