"""Copy/paste as design-file text: fresh ids, references among pasted elements, offsets."""

from __future__ import annotations

import pytest

from studio.edit import History
from studio.edit.clipboard import copy_elements, paste_elements
from studio.errors import MeshStudioError
from studio.io.design_file import load_design
from studio.model import Application, Document, Endpoint
from tests.conftest import SAMPLES


@pytest.fixture
def doc() -> Document:
    return Document(load_design(SAMPLES / "erp-mesh.mesh.yaml").design)


def test_copy_is_a_design_fragment_with_endpoints_of_copied_apps(doc: Document) -> None:
    text = copy_elements(doc.design, ["customer-api"])
    assert text.startswith("meshStudio: 1\n")
    assert "- id: get-customer" in text and "customer-api:" in text  # endpoint and position


def test_paste_renames_and_rewires_within_the_copy(doc: Document) -> None:
    history = History(doc)
    history.push(paste_elements(doc, copy_elements(doc.design, ["customer-api"])))
    copy = doc.get("customer-api-2")
    assert isinstance(copy, Application) and copy.backend == "erp"  # outside ref kept
    endpoint = doc.get("get-customer-2")
    assert isinstance(endpoint, Endpoint) and endpoint.provider == "customer-api-2"
    original, pasted = doc.design.layout["customer-api"], doc.design.layout["customer-api-2"]
    assert (pasted.x - original.x, pasted.y - original.y) == (30, 30)
    history.undo()
    assert "customer-api-2" not in doc and "get-customer-2" not in doc


def test_paste_into_another_design_keeps_ids(doc: Document) -> None:
    other = Document()
    History(other).push(paste_elements(other, copy_elements(doc.design, ["erp", "shop"])))
    assert {a.id for a in other.design.applications} == {"erp", "shop"}


def test_pasting_foreign_text_is_a_clear_error(doc: Document) -> None:
    with pytest.raises(MeshStudioError, match="does not hold Mesh Studio elements"):
        paste_elements(doc, "hello: [")
    assert paste_elements(doc, "meshStudio: 1\n") is None
