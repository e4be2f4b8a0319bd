"""The canvas's in-place label edits and menu edits, decided without Qt."""

from __future__ import annotations

from pathlib import Path

from studio.edit import History
from studio.edit.canvas_edits import into_broker, label_of, new_message, relabel
from studio.edit.refusal import Refusal
from studio.io.design_file import load_design
from studio.model import Application, Document, Endpoint, Message, Topic

SAMPLE = Path(__file__).parents[2] / "samples" / "erp-mesh.mesh.yaml"


def doc() -> Document:
    return Document(load_design(SAMPLE).design, SAMPLE)


def test_the_label_is_the_name_address_path_or_text() -> None:
    d = doc()
    assert label_of(d.get("erp")) == "SAP S/4HANA"  # type: ignore[arg-type]
    assert label_of(d.get("order-placed")) == d.get("order-placed").address  # type: ignore[arg-type, union-attr]
    assert label_of(d.get("get-customer")) == d.get("get-customer").path  # type: ignore[arg-type, union-attr]


def test_relabel_changes_the_shown_field_and_keeps_the_id() -> None:
    d = doc()
    history = History(d)
    command = relabel(d, "erp", "  ERP core  ")
    assert command is not None and not isinstance(command, Refusal)
    history.push(command)
    erp = d.get("erp")
    assert isinstance(erp, Application) and erp.name == "ERP core" and erp.id == "erp"
    assert history.labels == ["Rename 'erp' to 'ERP core'"]
    history.undo()
    assert d.get("erp").name == "SAP S/4HANA"  # type: ignore[union-attr]


def test_an_emptied_name_falls_back_to_the_id_and_unchanged_is_nothing() -> None:
    d = doc()
    command = relabel(d, "erp", "")
    assert command is not None and not isinstance(command, Refusal)
    command.do(d)
    assert d.get("erp").name is None and label_of(d.get("erp")) == "erp"  # type: ignore[union-attr, arg-type]
    assert relabel(d, "erp", "erp") is None


def test_an_address_and_a_path_cannot_be_emptied_or_malformed() -> None:
    d = doc()
    assert relabel(d, "order-placed", " ") == Refusal(
        "A topic needs an address; press Escape to keep the old one."
    )
    refused = relabel(d, "get-customer", "customers")
    assert isinstance(refused, Refusal) and "starts with '/'" in refused.reason
    command = relabel(d, "get-customer", "/v2/customers/{id}")
    assert command is not None and not isinstance(command, Refusal)
    command.do(d)
    endpoint = d.get("get-customer")
    assert isinstance(endpoint, Endpoint) and endpoint.path == "/v2/customers/{id}"


def test_new_message_and_into_broker() -> None:
    d = doc()
    history = History(d)
    command = new_message(d, "order-placed")
    assert not isinstance(command, Refusal)
    history.push(command)
    topic = d.get("order-placed")
    assert isinstance(topic, Topic) and isinstance(d.get(topic.messages[-1]), Message)
    assert isinstance(new_message(d, "erp"), Refusal)
    assert into_broker(d, "customer-changed", "kafka") is None  # already there
    moved = into_broker(d, "customer-changed", "rabbitmq")
    assert moved is not None and not isinstance(moved, Refusal)
    history.push(moved)
    assert d.get("customer-changed").broker == "rabbitmq"  # type: ignore[union-attr]
    assert isinstance(into_broker(d, "erp", "kafka"), Refusal)
