"""The panels wired into the window, both ways: canvas -> panel and panel -> canvas/model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.gui.main_window import MainWindow
from studio.model import Message, SchemaRef
from tests.gui.conftest import press


@pytest.fixture
def window(erp_window: MainWindow) -> MainWindow:
    return erp_window


def test_selecting_an_application_previews_its_spec(window: MainWindow) -> None:
    window.scene.select_ids(["erp"])
    window.spec_preview.refresh_now()
    assert "asyncapi: 3.0.0" in window.spec_preview.text
    assert "erp.customer.changed.v1" in window.spec_preview.text


def test_registry_browser_assigns_a_subject_undoably(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    browser = window.registry_browser
    assert "erp.customer.changed.v1-value" in browser.subjects()
    window.scene.select_ids(["customer-changed"])  # a topic with one message
    browser.select_subject("erp.customer.changed.v1-value")
    browser.select_version(2)
    qtbot.mouseClick(browser.assign_button, Qt.MouseButton.LeftButton)
    message = window.doc.get("customer-changed-event")
    assert isinstance(message, Message)
    assert message.payload == SchemaRef("erp.customer.changed.v1-value", 2)
    assert window.undo_stack.undoText().startswith("Assign erp.customer.changed.v1-value v2")
    window.undo_stack.undo()
    message = window.doc.get("customer-changed-event")
    assert isinstance(message, Message)
    assert message.payload == SchemaRef("erp.customer.changed.v1-value", 4)


def test_assign_without_a_target_is_refused(window: MainWindow) -> None:
    window.scene.select_ids(["erp"])
    before = window.undo_stack.count()
    window.subjects.assign("erp.customer.changed.v1-value", 1)
    assert window.undo_stack.count() == before
    assert "Select a topic with one message" in window.statusBar().currentMessage()


def test_impact_of_selection_highlights_the_canvas(window: MainWindow) -> None:
    window.scene.select_ids(["customer-changed"])
    press(window, window.menu_actions.impact)
    highlighted = set(window.impact.highlighted_ids())
    assert {"portal", "analytics"} <= highlighted
    assert window.scene.nodes["portal"].opacity() == 1.0
    assert window.scene.nodes["fulfilment"].opacity() < 0.5
    window.impact.clear()
    assert window.scene.nodes["fulfilment"].opacity() == 1.0
