"""The Properties panel, driven with real keyboard and mouse events on the ERP sample.

Every edit must reach the document as one undoable command (typing merges into one step),
and every change of the document (undo, rename, removal) must come back into the panel.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from studio.edit import History, ReplaceElement, delete_elements
from studio.gui.panels.notes import NotesPanel
from studio.gui.panels.properties import PropertiesPanel
from studio.gui.panels.properties_application import ApplicationForm
from studio.gui.panels.properties_basic import DesignForm, NoteForm
from studio.gui.panels.properties_endpoint import EndpointForm
from studio.gui.panels.properties_message import MessageForm
from studio.gui.panels.properties_topic import TopicForm
from studio.gui.tree_items import top_level_items
from studio.io.design_file import load_design
from studio.model import Application, Document, SchemaRef, Webhooks
from studio.registry import load_registry
from tests.conftest import SAMPLES


@pytest.fixture
def doc() -> Document:
    return Document(load_design(SAMPLES / "erp-mesh.mesh.yaml").design)


@pytest.fixture
def history(doc: Document) -> History:
    return History(doc)


@pytest.fixture
def panel(qtbot, doc: Document, history: History) -> PropertiesPanel:
    panel = PropertiesPanel(doc, history.push)
    qtbot.addWidget(panel)
    panel.resize(480, 1000)
    panel.show()
    return panel


def retype(qtbot, edit: QWidget, text: str, enter: bool = False) -> None:
    """Select everything in a field and type over it, as a user would."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    if enter:
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def click(qtbot, button: QAbstractButton) -> None:
    # A check box is clicked on its box: the middle of a wide check box is empty space.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def app(doc: Document, element_id: str) -> Application:
    element = doc.get(element_id)
    assert isinstance(element, Application)
    return element


def test_typing_a_name_is_one_undo_step_and_undo_comes_back(qtbot, panel, doc, history):
    panel.show_element("erp")
    form = panel.form
    assert isinstance(form, ApplicationForm)
    assert form.name_edit.text() == "SAP S/4HANA"
    retype(qtbot, form.name_edit, "SAP ERP")
    assert app(doc, "erp").name == "SAP ERP"
    assert history.labels == ["Edit name of 'erp'"]
    # The refresh after each keystroke left the cursor where the user was typing.
    assert form.name_edit.cursorPosition() == len("SAP ERP")

    history.undo()
    assert app(doc, "erp").name == "SAP S/4HANA"
    assert form.name_edit.text() == "SAP S/4HANA"
    history.redo()
    assert form.name_edit.text() == "SAP ERP"


def test_kind_is_chosen_in_a_combo(qtbot, panel, doc, history):
    panel.show_element("analytics")
    form = panel.form
    assert form.kind_combo.currentText() == "service"
    qtbot.keyClicks(form.kind_combo, "cl")
    assert app(doc, "analytics").kind == "client"
    assert history.labels == ["Edit kind of 'analytics'"]
    history.undo()
    assert form.kind_combo.currentText() == "service"


def test_renaming_an_id_rewrites_references(qtbot, panel, doc, history):
    panel.show_element("erp")
    retype(qtbot, panel.form.id_field.edit, "sap", enter=True)
    assert "erp" not in doc and "sap" in doc
    assert app(doc, "customer-api").backend == "sap"
    assert panel.shown_id == "sap"
    assert panel.header.text() == "Application 'sap'"
    assert history.labels == ["Rename 'erp' to 'sap'"]
    history.undo()
    assert panel.shown_id == "erp"
    assert panel.form.id_field.edit.text() == "erp"


def test_a_used_id_is_refused_inline_and_changes_nothing(qtbot, panel, doc, history):
    panel.show_element("erp")
    field = panel.form.id_field
    retype(qtbot, field.edit, "crm", enter=True)
    assert field.error.isVisible()
    assert field.error.text() == "The id 'crm' is already used."
    assert field.edit.text() == "erp"
    assert history.labels == []
    assert app(doc, "erp").name == "SAP S/4HANA" and app(doc, "crm").kind == "backend"
    # A good id afterwards clears the message.
    retype(qtbot, field.edit, "sap", enter=True)
    assert not field.error.isVisible() and "sap" in doc


def test_evented_api_switch_registration_and_topics(qtbot, panel, doc, history):
    panel.show_element("product-api")
    form = panel.form
    assert not form.evented_check.isChecked() and not form.webhook_details.isVisible()
    click(qtbot, form.evented_check)
    assert app(doc, "product-api").webhooks == Webhooks(registration="/subscriptions")
    assert form.webhook_details.isVisible()
    assert form.registration_edit.text() == "/subscriptions"

    retype(qtbot, form.registration_edit, "/hooks")
    topics = form.webhook_topics
    row = [topics.item(i).text() for i in range(topics.count())].index("product-changed")
    topics.setFocus()
    topics.setCurrentRow(row)
    qtbot.keyClick(topics, Qt.Key.Key_Space)
    assert app(doc, "product-api").webhooks == Webhooks("/hooks", ("product-changed",))
    assert topics.item(row).checkState() == Qt.CheckState.Checked
    assert history.labels == [
        "Make 'product-api' an evented API",
        "Edit webhook registration of 'product-api'",
        "Deliver 'product-changed' by webhook from 'product-api'",
    ]

    click(qtbot, form.evented_check)
    assert app(doc, "product-api").webhooks is None
    assert not form.webhook_details.isVisible()
    history.undo()
    assert form.evented_check.isChecked()
    assert topics.item(row).checkState() == Qt.CheckState.Checked


def test_subscription_via_and_group_are_edited_in_the_table(qtbot, panel, doc, history):
    panel.show_element("portal")
    table = panel.form.subscriptions
    assert table.rowCount() == 1
    via: QComboBox = table.cellWidget(0, 1)
    group: QLineEdit = table.cellWidget(0, 2)
    assert via.currentText() == "customer-api"
    qtbot.keyClick(via, Qt.Key.Key_Up)
    assert app(doc, "portal").subscribes[0].via is None
    assert via.currentText() == "(direct)"

    retype(qtbot, group, "portal-v1")
    sub = app(doc, "portal").subscribes[0]
    assert (sub.topic, sub.group, sub.schema_version) == ("customer-changed", "portal-v1", 1)
    assert history.labels == [
        "Edit via of the subscription to 'customer-changed' of 'portal'",
        "Edit group of the subscription to 'customer-changed' of 'portal'",
    ]
    # The table was updated in place, not rebuilt under the user's cursor.
    assert table.cellWidget(0, 2) is group

    version: QComboBox = table.cellWidget(0, 3)
    retype(qtbot, version, "latest", enter=True)
    assert app(doc, "portal").subscribes[0].schema_version == "latest"
    history.undo()
    history.undo()
    assert group.text() == ""
    assert version.currentText() == "1"


def test_links_are_removed_and_added_from_their_lists(qtbot, panel, doc, history):
    panel.show_element("erp")
    form = panel.form
    assert form.publishes_list.keys() == ["customer-changed", "product-changed"]
    qtbot.mouseClick(form.publishes_list.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert [p.topic for p in app(doc, "erp").publishes] == ["product-changed"]
    assert form.publishes_list.keys() == ["product-changed"]

    adder = form.add_publication
    adder.setFocus()
    qtbot.keyClick(adder, Qt.Key.Key_Down)
    assert [p.topic for p in app(doc, "erp").publishes] == ["product-changed", "customer-changed"]
    assert adder.currentIndex() == 0
    assert history.labels == [
        "Remove the publication of 'erp' to 'customer-changed'",
        "Publish 'customer-changed' from 'erp'",
    ]


def test_a_payload_subject_and_version_are_chosen_from_the_registry(qtbot, panel, doc, history):
    panel.set_registry(load_registry(SAMPLES / "registry.yaml")[0])
    panel.show_element("customer")
    form = panel.form
    assert isinstance(form, MessageForm)
    subject = form.payload.subject
    assert [subject.itemText(i) for i in range(subject.count())][:2] == [
        "acme/common/money.proto",
        "com.acme.erp.Customer",
    ]
    assert subject.currentText() == "com.acme.erp.Customer"

    retype(qtbot, subject, "erp.customer.changed.v1-value", enter=True)
    assert doc.get("customer").payload == SchemaRef("erp.customer.changed.v1-value", 2)
    version = form.payload.version
    # Live versions only: version 3 of this subject is soft-deleted.
    assert [version.itemText(i) for i in range(version.count())] == ["latest", "4", "2", "1"]
    retype(qtbot, version, "4", enter=True)
    assert doc.get("customer").payload == SchemaRef("erp.customer.changed.v1-value", 4)
    assert "version 4" in form.payload.status.text()
    assert history.labels == [
        "Edit payload subject of 'customer'",
        "Edit payload version of 'customer'",
    ]

    retype(qtbot, version, "3", enter=True)
    assert "soft-deleted" in form.payload.status.text()
    assert len(history.labels) == 2  # consecutive version edits merge
    history.undo()
    assert subject.currentText() == "erp.customer.changed.v1-value"
    assert version.currentText() == "2"
    history.undo()
    assert subject.currentText() == "com.acme.erp.Customer"


def test_a_key_schema_is_edited_and_cleared(qtbot, panel, doc, history):
    panel.set_registry(load_registry(SAMPLES / "registry.yaml")[0])
    panel.show_element("customer-changed-event")
    key = panel.form.key
    assert key.subject.currentText() == "erp.customer.changed.v1-key"
    retype(qtbot, key.version, "latest", enter=True)
    assert doc.get("customer-changed-event").key == SchemaRef("erp.customer.changed.v1-key")
    qtbot.keyClick(key.subject, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(key.subject, Qt.Key.Key_Delete)
    qtbot.keyClick(key.subject, Qt.Key.Key_Return)
    assert doc.get("customer-changed-event").key is None
    assert key.status.text() == "No schema."
    assert history.labels == [
        "Edit key version of 'customer-changed-event'",
        "Edit key subject of 'customer-changed-event'",
    ]


def test_without_a_registry_subjects_are_typed_freely(qtbot, panel, doc):
    panel.show_element("product-changed-event")
    subject = panel.form.payload.subject
    assert subject.count() == 0
    retype(qtbot, subject, "my.own.subject", enter=True)
    assert doc.get("product-changed-event").payload == SchemaRef("my.own.subject", 3)
    assert "not checked" in panel.form.payload.status.text()


def test_an_inline_schema_is_shown_read_only(panel):
    panel.show_element("customer-update")
    payload = panel.form.payload
    assert payload.inline.isVisible() and payload.inline.isReadOnly()
    assert '"minProperties": 1' in payload.inline.toPlainText()
    assert not payload.reference_row.isVisible()


def test_topic_lists_messages_and_creates_one_in_one_step(qtbot, panel, doc, history):
    panel.show_element("customer-changed")
    form = panel.form
    assert isinstance(form, TopicForm)
    assert form.address_edit.text() == "erp.customer.changed.v1"
    assert "partitions: 12" in form.bindings_text.toPlainText()
    assert not form.message_form.isVisible()
    messages = form.messages_list
    rect = messages.visualItemRect(messages.item(0))
    qtbot.mouseClick(messages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.selected_message == "customer-changed-event"
    assert form.message_form.isVisible()
    assert form.message_form.name_edit.text() == "CustomerChanged"

    qtbot.mouseClick(form.new_message, Qt.MouseButton.LeftButton)
    assert doc.get("customer-changed").messages == (
        "customer-changed-event",
        "customer-changed-message",
    )
    assert doc.get("customer-changed-message").name == "CustomerChanged"
    assert form.selected_message == "customer-changed-message"
    assert history.labels == ["New message 'customer-changed-message' on 'customer-changed'"]
    history.undo()
    assert "customer-changed-message" not in doc
    assert messages.keys() == ["customer-changed-event"]
    assert not form.message_form.isVisible()


def test_a_message_renamed_under_its_topic_stays_selected(qtbot, panel, doc, history):
    panel.show_element("customer-changed")
    form = panel.form
    form.select_message("customer-changed-event")
    retype(qtbot, form.message_form.id_field.edit, "customer-changed-v4", enter=True)
    assert doc.get("customer-changed").messages == ("customer-changed-v4",)
    assert form.selected_message == "customer-changed-v4"
    assert form.message_form.isVisible()
    assert form.message_form.id_field.edit.text() == "customer-changed-v4"
    assert panel.shown_id == "customer-changed"

    qtbot.mouseClick(form.messages_list.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert doc.get("customer-changed").messages == ()
    assert "customer-changed-v4" in doc  # only unlisted, not deleted
    assert not form.message_form.isVisible()
    assert history.labels == [
        "Rename 'customer-changed-event' to 'customer-changed-v4'",
        "Remove message 'customer-changed-v4' from 'customer-changed'",
    ]


def test_endpoint_method_and_path(qtbot, panel, doc, history):
    panel.show_element("get-customer")
    form = panel.form
    assert isinstance(form, EndpointForm)
    assert form.provider_label.text() == "customer-api"
    qtbot.keyClicks(form.method_combo, "PU")
    retype(qtbot, form.path_edit, "/customers/{id}")
    endpoint = doc.get("get-customer")
    assert (endpoint.method, endpoint.path) == ("PUT", "/customers/{id}")
    assert history.labels == ["Edit method of 'get-customer'", "Edit path of 'get-customer'"]
    # The file format wants a leading '/': anything else is explained and not applied.
    retype(qtbot, form.path_edit, "customers")
    assert form.path_field.error.isVisible()
    assert doc.get("get-customer").path == "/customers/{id}"
    qtbot.keyClick(form.path_edit, Qt.Key.Key_Return)
    assert form.path_edit.text() == "/customers/{id}"
    assert not form.path_field.error.isVisible()
    qtbot.mouseClick(form.add_response, Qt.MouseButton.LeftButton)
    assert doc.get("get-customer").responses == {"200": "customer", "404": "problem", "201": None}
    history.undo()
    history.undo()
    assert form.path_edit.text() == "/customers/{customerId}"
    assert form.responses.rowCount() == 2


def test_note_resolved_checkbox(qtbot, panel, doc, history):
    panel.show_element("note-compaction")
    form = panel.form
    assert isinstance(form, NoteForm)
    click(qtbot, form.resolved_check)
    assert doc.get("note-compaction").resolved is True
    assert history.labels == ["Edit resolved flag of 'note-compaction'"]
    history.undo()
    assert not form.resolved_check.isChecked()


def test_design_title_is_one_section_edit(qtbot, panel, doc, history):
    form = panel.form
    assert isinstance(form, DesignForm) and panel.header.text() == "Design"
    retype(qtbot, form.title_edit, "Customer mesh")
    assert doc.design.info.title == "Customer mesh"
    assert doc.design.info.version == "1.4.0"
    assert history.labels == ["Edit title of the design"]
    history.undo()
    assert form.title_edit.text() == "ERP customer and product mesh"


def test_deleting_elements_reloads_only_the_panels_showing_them(
    qtbot, panel, doc, history, monkeypatch
):
    # reloading the design's form and the comments list for each of the 14,000 elements
    # of a big mesh deleted at once took a third of the deletion
    notes = NotesPanel(doc, history.push, "me")
    qtbot.addWidget(notes)
    design_loads: list[object] = []
    load = DesignForm.load
    monkeypatch.setattr(
        DesignForm,
        "load",
        lambda form, element: design_loads.append(element) or load(form, element),
    )
    threads = top_level_items(notes.tree)
    history.push(delete_elements(doc, ["analytics", "sales-read-model", "shop"]))
    assert isinstance(panel.form, DesignForm) and not design_loads
    assert top_level_items(notes.tree) == threads  # the very items: not built again
    history.push(delete_elements(doc, ["note-compaction"]))
    assert len(top_level_items(notes.tree)) == len(threads) - 1
    retype(qtbot, panel.form.title_edit, "Customer mesh")
    history.undo()  # a change of the design's own section still comes back into its form
    assert design_loads and panel.form.title_edit.text() == "ERP customer and product mesh"


def test_read_only_mode_disables_every_editor(qtbot, panel, doc, history):
    panel.set_read_only(True)
    panel.show_element("customer-api")
    form = panel.form
    assert panel.review_banner.isVisible()
    form.name_edit.setFocus()
    qtbot.keyClicks(form.name_edit, "xyz")
    qtbot.keyClicks(form.kind_combo, "cl")
    click(qtbot, form.evented_check)
    assert app(doc, "customer-api").name == "Customer System API"
    assert app(doc, "customer-api").webhooks is not None
    assert history.labels == []
    editors = form.findChildren(QWidget)
    assert all(
        w.isReadOnly()
        for w in editors
        if isinstance(w, QLineEdit | QPlainTextEdit) and not isinstance(w.parentWidget(), QComboBox)
    )
    assert not any(w.isEnabled() for w in editors if isinstance(w, QComboBox | QAbstractButton))

    panel.set_read_only(False)
    qtbot.keyClick(form.name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(form.name_edit, "!")
    assert app(doc, "customer-api").name == "Customer System API!"


def test_removing_the_shown_element_falls_back_to_the_design(qtbot, panel, doc, history):
    panel.show_element("analytics")
    assert isinstance(panel.form, ApplicationForm)
    history.push(delete_elements(doc, ["analytics"]))
    assert panel.shown_id is None
    assert isinstance(panel.form, DesignForm) and panel.header.text() == "Design"
    panel.show_element("no-such-id")
    assert isinstance(panel.form, DesignForm)


def test_a_response_status_is_renamed_on_enter_and_duplicates_are_refused(
    qtbot, panel, doc, history
):
    panel.show_element("get-customer")
    form = panel.form
    status: QLineEdit = form.responses.cellWidget(1, 0)
    retype(qtbot, status, "200", enter=True)
    assert form.responses_error.isVisible()
    assert form.responses_error.text() == "There is a 200 response already."
    assert status.text() == "404"
    retype(qtbot, form.responses.cellWidget(1, 0), "4XX", enter=True)
    assert doc.get("get-customer").responses == {"200": "customer", "4XX": "problem"}
    assert not form.responses_error.isVisible()
    body: QComboBox = form.responses.cellWidget(0, 1)
    qtbot.keyClicks(body, "(")
    assert doc.get("get-customer").responses == {"200": None, "4XX": "problem"}
    assert history.labels == [
        "Change response 404 to 4XX in 'get-customer'",
        "Edit response 200 of 'get-customer'",
    ]


def test_broker_protocol_and_host(qtbot, panel, doc, history):
    panel.show_element("rabbitmq")
    form = panel.form
    qtbot.keyClicks(form.protocol_combo, "m")
    retype(qtbot, form.host_edit, "mq.acme.internal:1883")
    broker = doc.get("rabbitmq")
    assert (broker.protocol, broker.host) == ("mqtt", "mq.acme.internal:1883")
    assert history.labels == ["Edit protocol of 'rabbitmq'", "Edit host of 'rabbitmq'"]


def test_the_registry_path_must_be_relative(qtbot, panel, doc, history):
    form = panel.form
    retype(qtbot, form.registry_edit, "/etc/registry.yaml")
    assert form.registry_error.isVisible()
    assert doc.design.registry == "registry.yaml"
    retype(qtbot, form.registry_edit, "schemas/registry.yaml")
    assert not form.registry_error.isVisible()
    assert doc.design.registry == "schemas/registry.yaml"
    assert history.labels == ["Edit registry file of the design"]


def test_an_edit_made_elsewhere_shows_up_in_the_open_form(panel, doc, history):
    panel.show_element("shop")
    shop = app(doc, "shop")
    history.push(ReplaceElement("shop", dataclasses.replace(shop, owner="web-team")))
    assert panel.form.owner_edit.text() == "web-team"
    history.push(delete_elements(doc, ["list-products"]))
    assert panel.form.calls_list.keys() == ["get-product", "get-customer"]
    assert panel.shown_id == "shop"
