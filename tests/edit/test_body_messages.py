"""A new message as a REST body: added and referenced in one step, undone in one."""

from __future__ import annotations

import pytest

from studio.edit import History
from studio.edit.actions import check_new_id
from studio.edit.body_messages import new_body_message
from studio.io.design_file import dump_design, load_design
from studio.model import Document, Endpoint, Message
from tests.conftest import SAMPLES


@pytest.fixture
def doc() -> Document:
    path = SAMPLES / "erp-mesh.mesh.yaml"
    return Document(load_design(path).design, path)


def endpoint(doc: Document, endpoint_id: str) -> Endpoint:
    element = doc.get(endpoint_id)
    assert isinstance(element, Endpoint)
    return element


def test_a_response_body_is_one_step_and_undo_restores_bytes(doc: Document) -> None:
    history = History(doc)
    before = dump_design(doc.design)
    made = new_body_message(doc, "get-customer", "404")
    assert made is not None
    step, message_id = made
    history.push(step)
    assert check_new_id(doc, message_id, current=message_id) is None  # a valid id
    assert endpoint(doc, "get-customer").responses["404"] == message_id
    message = doc.get(message_id)
    assert isinstance(message, Message) and message.name == "GetCustomer404Response"
    assert history.labels == [f"New message '{message_id}' for the response 404 of 'get-customer'"]
    history.undo()
    assert dump_design(doc.design) == before
    history.redo()
    assert endpoint(doc, "get-customer").responses["404"] == message_id


def test_ids_stay_unique_and_statuses_must_exist(doc: Document) -> None:
    history = History(doc)
    ids = []
    for _ in range(2):
        made = new_body_message(doc, "update-customer", None)
        assert made is not None
        history.push(made[0])
        ids.append(made[1])
    assert len(set(ids)) == 2 and endpoint(doc, "update-customer").request == ids[1]
    assert new_body_message(doc, "get-customer", "500") is None  # no such response
    assert new_body_message(doc, "customer-api", None) is None  # not an endpoint
