"""What a palette drop adds, decided without Qt."""

from __future__ import annotations

from pathlib import Path

from studio.edit.commands import AddElement
from studio.edit.palette import drop_from_palette
from studio.edit.refusal import Refusal
from studio.io.design_file import load_design
from studio.model import Application, Document, Endpoint, Note, Position, Topic

SAMPLE = Path(__file__).parents[2] / "samples" / "erp-mesh.mesh.yaml"
AT = Position(10, 20)


def doc() -> Document:
    return Document(load_design(SAMPLE).design, SAMPLE)


def test_a_topic_dropped_into_a_broker_follows_its_taxonomy() -> None:
    command = drop_from_palette(doc(), "topic", AT, into_broker="kafka")
    assert isinstance(command, AddElement) and isinstance(command.element, Topic)
    assert command.element.broker == "kafka" and command.position == AT
    assert command.element.address == "erp.entity.created.v1"


def test_an_endpoint_needs_a_providing_application() -> None:
    refused = drop_from_palette(doc(), "endpoint", AT, under="customer-changed")
    assert refused == Refusal("Drop an endpoint onto the application that provides it.")
    command = drop_from_palette(doc(), "endpoint", AT, under="crm")
    assert isinstance(command, AddElement) and isinstance(command.element, Endpoint)
    assert command.element.provider == "crm" and command.position is None


def test_evented_apis_notes_and_unknown_entries() -> None:
    evented = drop_from_palette(doc(), "evented", AT)
    assert isinstance(evented, AddElement) and isinstance(evented.element, Application)
    assert evented.element.kind == "api" and evented.element.webhooks is not None
    note = drop_from_palette(doc(), "note", AT, under="crm")
    assert isinstance(note, AddElement) and isinstance(note.element, Note)
    assert note.element.on == "crm"
    assert drop_from_palette(doc(), "teapot", AT) == Refusal("Unknown palette entry 'teapot'.")
