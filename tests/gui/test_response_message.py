"""A REST body gets a new message from the endpoint's Properties: one step, Ctrl+Z undoes it.

Driven in the studio window on the ERP sample: the body is chosen with the mouse in the combo's
drop-down, the new message shows under the responses, its payload subject is picked from the
registry, and undo and redo go through the window's shortcuts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from studio.gui.main_window import MainWindow
from studio.gui.panels.properties_endpoint import EndpointForm
from studio.model import Endpoint, Message, SchemaRef


@pytest.fixture
def clickable_popups() -> Iterator[None]:
    """A combo's drop-down ignores a release for a double-click interval after it opens (so
    the opening click does not pick); with none, a click right after opening picks."""
    interval = QApplication.doubleClickInterval()
    QApplication.setDoubleClickInterval(0)
    yield
    QApplication.setDoubleClickInterval(interval)


def pick(box: QComboBox, text: str) -> None:
    """Open the drop-down with a click and click the item ``text`` in it."""
    row = box.findText(text)
    assert row >= 0, f"no '{text}' in {[box.itemText(i) for i in range(box.count())]}"
    # on the arrow: clicking the text of an editable combo places the cursor instead
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 8, box.height() // 2))
    QApplication.processEvents()  # the popup's release guard times out
    view = box.view()
    assert view.isVisible()
    index = box.model().index(row, box.modelColumn())
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def endpoint(win: MainWindow, endpoint_id: str) -> Endpoint:
    element = win.doc.get(endpoint_id)
    assert isinstance(element, Endpoint)
    return element


def shortcut(win: MainWindow, qtbot, keys: str) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, keys)


def test_new_message_for_a_response_is_one_undo_step(
    erp_window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    clickable_popups: None,
) -> None:
    win = erp_window
    win.scene.select_ids(["get-customer"])
    form = win.properties.form
    assert isinstance(form, EndpointForm) and not form.message_form.isVisible()
    before = endpoint(win, "get-customer")
    messages_before = [m.id for m in win.doc.design.messages]
    steps = win.undo_stack.count()
    body: QComboBox = form.responses.cellWidget(1, 1)  # the 404 response

    pick(body, "New message…")

    made = endpoint(win, "get-customer").responses["404"]
    assert made not in messages_before and made.startswith("get-customer-404")
    message = win.doc.get(made)
    assert isinstance(message, Message) and message.payload is None
    assert endpoint(win, "get-customer").responses == {**before.responses, "404": made}
    assert win.undo_stack.count() == steps + 1
    assert body.currentText() == made
    assert form.message_form.isVisible() and form.message_form.element_id == made
    assert form.message_form.box.title() == f"Message '{made}'"
    assert made not in win.scene.nodes  # a body is no node; the endpoint stays one
    assert "get-customer" in win.scene.nodes

    # the payload is picked from the registry the design names, in the form shown
    assert win.registry is not None
    subject = sorted(win.registry.subjects)[0]
    pick(form.message_form.payload.subject, subject)
    payload = win.doc.get(made).payload
    assert isinstance(payload, SchemaRef) and payload.subject == subject

    shortcut(win, qtbot, "Ctrl+Z")  # the payload
    assert win.doc.get(made).payload is None
    shortcut(win, qtbot, "Ctrl+Z")  # the message and the reference to it, together
    assert made not in win.doc
    assert endpoint(win, "get-customer") == before
    assert [m.id for m in win.doc.design.messages] == messages_before
    assert body.currentText() == before.responses["404"]
    assert not form.message_form.isVisible()

    shortcut(win, qtbot, "Ctrl+Shift+Z")
    assert endpoint(win, "get-customer").responses["404"] == made
    assert isinstance(win.doc.get(made), Message)
    assert form.message_form.isVisible() and form.message_form.element_id == made


def test_new_request_messages_get_unique_ids(
    erp_window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    clickable_popups: None,
) -> None:
    win = erp_window
    win.scene.select_ids(["update-customer"])
    form = win.properties.form
    assert isinstance(form, EndpointForm)
    old_request = endpoint(win, "update-customer").request

    pick(form.request_combo, "New message…")
    first = endpoint(win, "update-customer").request
    assert first is not None and first != old_request and isinstance(win.doc.get(first), Message)
    assert form.message_form.element_id == first and form.message_form.isVisible()

    pick(form.request_combo, "New message…")
    second = endpoint(win, "update-customer").request
    assert second is not None and second not in (first, old_request)
    assert isinstance(win.doc.get(first), Message) and isinstance(win.doc.get(second), Message)
    assert form.request_combo.currentText() == second

    shortcut(win, qtbot, "Ctrl+Z")
    assert endpoint(win, "update-customer").request == first and second not in win.doc
    shortcut(win, qtbot, "Ctrl+Z")
    assert endpoint(win, "update-customer").request == old_request and first not in win.doc
