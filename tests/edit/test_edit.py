"""Undoable edits: connections and refusals, delete with links, rename, merging, history."""

from __future__ import annotations

import dataclasses

import pytest

from studio.edit import (
    AddElement,
    History,
    MoveElements,
    Refusal,
    ReplaceElement,
    connect,
    delete_elements,
    rename_element,
)
from studio.edit.actions import merge_import
from studio.io.design_file import dump_design, load_design
from studio.model import (
    Application,
    Change,
    Document,
    ElementAdded,
    ElementRemoved,
    Endpoint,
    Note,
    Position,
    Topic,
)
from studio.model.relations import PUBLISHES, SUBSCRIBES, WEBHOOK, Link, links_of
from tests.conftest import SAMPLES


@pytest.fixture
def doc() -> Document:
    path = SAMPLES / "erp-mesh.mesh.yaml"
    return Document(load_design(path).design, path)


def app(doc: Document, element_id: str) -> Application:
    element = doc.get(element_id)
    assert isinstance(element, Application)
    return element


def test_delete_topic_cuts_every_link_and_undo_restores_bytes(doc: Document) -> None:
    before = dump_design(doc.design)
    history = History(doc)
    command = delete_elements(doc, ["customer-changed"])
    assert command is not None
    history.push(command)
    assert "customer-changed" not in doc
    assert all(
        "customer-changed" not in (link.source, link.target, link.topic)
        for link in links_of(doc.design)
    )
    assert not any(n.on == "customer-changed" for n in doc.design.notes)
    api = app(doc, "customer-api")
    assert api.webhooks is not None and "customer-changed" not in api.webhooks.topics
    assert "customer-changed" not in doc.design.layout
    history.undo()
    assert dump_design(doc.design) == before
    history.redo()
    assert "customer-changed" not in doc


def test_delete_application_takes_its_endpoints_and_the_calls_to_them(doc: Document) -> None:
    before = dump_design(doc.design)
    provided = [e.id for e in doc.design.endpoints if e.provider == "customer-api"]
    assert provided
    history = History(doc)
    history.push(delete_elements(doc, ["customer-api"]))
    assert not any(e in doc for e in provided)
    assert not any(c in provided for a in doc.design.applications for c in a.calls)
    assert not any(s.via == "customer-api" for a in doc.design.applications for s in a.subscribes)
    history.undo()
    assert dump_design(doc.design) == before


def test_delete_and_undo_keep_each_provider_while_its_endpoints_go_and_come(
    doc: Document,
) -> None:
    # an endpoint without its provider is drawn apart, in a column of its own; and an element
    # that came back before its position stood there first: undoing the deletion of a whole
    # big mesh grew the canvas around such a column
    placed_before = dict(doc.design.layout)
    provider_there: list[bool] = []
    placed_at_once: list[bool] = []

    def follow(change: Change) -> None:
        if not isinstance(change, ElementAdded | ElementRemoved):
            return
        if isinstance(change.element, Endpoint):
            provider_there.append(change.element.provider in doc)
        if isinstance(change, ElementAdded) and change.element.id in placed_before:
            placed_at_once.append(doc.design.layout.get(change.element.id) is not None)

    history = History(doc)
    endpoints = [e.id for e in doc.design.endpoints]
    doc.changed.connect(follow)
    history.push(delete_elements(doc, ["customer-api", "erp", *endpoints]))
    history.undo()
    history.redo()
    assert len(provider_there) == 3 * len(endpoints) and all(provider_there)
    assert placed_at_once and all(placed_at_once)


def test_delete_selected_links_only(doc: Document) -> None:
    link = Link(SUBSCRIBES, "product-changed", "analytics")
    history = History(doc)
    history.push(delete_elements(doc, [], [link]))
    assert link not in set(links_of(doc.design))
    assert history.labels == ["Delete links"]
    history.undo()
    assert link in set(links_of(doc.design))


@pytest.mark.parametrize(
    ("source", "target", "owner", "expect"),
    [
        (
            "sales-cockpit",
            "order-placed",
            "sales-cockpit",
            Link(PUBLISHES, "sales-cockpit", "order-placed"),
        ),
        ("order-placed", "portal", "portal", Link(SUBSCRIBES, "order-placed", "portal")),
        (
            "customer-api",
            "sales-cockpit",
            "sales-cockpit",
            Link(WEBHOOK, "customer-api", "sales-cockpit", "customer-changed"),
        ),
    ],
)
def test_connect_makes_the_meaningful_link(
    doc: Document, source: str, target: str, owner: str, expect: Link
) -> None:
    command = connect(doc, source, target)
    assert isinstance(command, ReplaceElement) and command.element_id == owner
    history = History(doc)
    history.push(command)
    assert expect in set(links_of(doc.design))
    history.undo()
    assert expect not in set(links_of(doc.design))


def test_connect_calls_writes_reads_fronts(doc: Document) -> None:
    history = History(doc)
    history.push(connect(doc, "analytics", "get-customer"))
    assert "get-customer" in app(doc, "analytics").calls
    history.push(connect(doc, "analytics", "sales-read-model"))
    assert "sales-read-model" in app(doc, "analytics").writes
    history.push(connect(doc, "sales-read-model", "portal"))
    assert "sales-read-model" in app(doc, "portal").reads
    doc.add(Application("legacy-api", kind="api"))
    history.push(connect(doc, "legacy-api", "erp"))
    assert app(doc, "legacy-api").backend == "erp"


@pytest.mark.parametrize(
    ("source", "target", "reason"),
    [
        ("erp", "erp", "cannot be connected to itself"),
        ("erp", "customer-changed", "already publishes"),
        ("customer-changed", "order-placed", "Topics do not feed each other"),
        ("get-customer", "portal", "Endpoints are called"),
        ("customer-api", "get-customer", "does not call its own endpoint"),
        ("analytics", "shop", "cannot be linked directly"),
        ("customer-changed", "sales-read-model", "A datastore does not consume topics"),
    ],
)
def test_meaningless_connections_are_refused_with_a_reason(
    doc: Document, source: str, target: str, reason: str
) -> None:
    before = dump_design(doc.design)
    result = connect(doc, source, target)
    assert isinstance(result, Refusal) and reason in result.reason
    assert dump_design(doc.design) == before


def test_rename_rewrites_references_and_position(doc: Document) -> None:
    before = dump_design(doc.design)
    history = History(doc)
    history.push(rename_element(doc, "customer-changed", "customer-updated"))
    assert "customer-updated" in doc and "customer-changed" not in doc
    assert "customer-updated" in doc.design.layout
    assert any(p.topic == "customer-updated" for p in app(doc, "erp").publishes)
    assert any(n.on == "customer-updated" for n in doc.design.notes)
    history.undo()
    assert dump_design(doc.design) == before
    before = dump_design(doc.design)
    assert rename_element(doc, "erp", "crm") == Refusal("The id 'crm' is already used.")
    refused = rename_element(doc, "erp", "Bad Id")
    assert isinstance(refused, Refusal) and "starts with a lowercase letter" in refused.reason
    assert isinstance(rename_element(doc, "nothing", "something"), Refusal)
    assert dump_design(doc.design) == before


def test_typing_merges_into_one_step(doc: Document) -> None:
    history = History(doc)
    element = app(doc, "erp")
    for name in ("S", "SA", "SAP"):
        history.push(ReplaceElement("erp", dataclasses.replace(element, name=name), key="name"))
    assert history.labels == ["Edit 'erp'"]
    assert app(doc, "erp").name == "SAP"
    history.undo()
    assert app(doc, "erp").name == element.name


def test_add_and_move_undo(doc: Document) -> None:
    history = History(doc)
    history.push(
        AddElement(Topic("t-new", "erp.thing.created.v1", broker="kafka"), Position(10, 20))
    )
    assert doc.design.layout["t-new"] == Position(10, 20)
    history.push(
        MoveElements(
            {
                "t-new": (Position(10, 20), Position(50, 60)),
                "erp": (doc.design.layout["erp"], Position(0, 0)),
            }
        )
    )
    assert history.labels[-1] == "Move 2 elements"
    history.undo()
    assert doc.design.layout["t-new"] == Position(10, 20)
    history.undo()
    assert "t-new" not in doc and "t-new" not in doc.design.layout
    assert history.labels == [] and not history.undo()
    assert history.redo() and "t-new" in doc


def test_note_pins_and_endpoint_provider_survive_rename(doc: Document) -> None:
    doc.add(Note("n-x", on="portal", text="?"))
    doc.add(Endpoint("ep-x", provider="portal", method="GET", path="/x"))
    history = History(doc)
    history.push(rename_element(doc, "portal", "web-portal"))
    assert isinstance(doc.get("ep-x"), Endpoint) and doc.get("ep-x").provider == "web-portal"
    assert doc.get("n-x").on == "web-portal"


def test_merge_import_places_only_the_new_elements_and_undoes_in_one_step(doc: Document) -> None:
    before = dump_design(doc.design)
    merged = dataclasses.replace(
        doc.design,
        topics=[*doc.design.topics, Topic("new", "a.new")],
        layout=dict(doc.design.layout),
    )
    placed = dict(doc.design.layout)
    moved = {element_id: Position(0, 0) for element_id in placed}
    history = History(doc)
    history.push(merge_import(merged, {**moved, "new": Position(40, 2000)}, ["new"], "Import"))
    assert doc.design.layout == {**placed, "new": Position(40, 2000)}  # the placed stay put
    assert history.labels == ["Import"]
    history.undo()
    assert dump_design(doc.design) == before and "new" not in doc
    history.redo()
    assert isinstance(doc.get("new"), Topic)
