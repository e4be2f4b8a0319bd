"""The Spec preview panel: the selected application's documents, live, with their state."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.gui.panels.spec_preview import KINDS, SpecPreviewPanel
from studio.io.design_file import load_design
from studio.model import Application, Document
from studio.registry import load_registry
from tests.conftest import SAMPLES

ERP = SAMPLES / "erp-mesh.mesh.yaml"
REGISTRY = load_registry(SAMPLES / "registry.yaml")[0]


@pytest.fixture
def panel(qtbot) -> Iterator[SpecPreviewPanel]:  # type: ignore[no-untyped-def]
    doc = Document(load_design(ERP).design, ERP)
    widget = SpecPreviewPanel(doc, lambda: REGISTRY)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    yield widget
    widget.wait()


def shown(panel: SpecPreviewPanel, qtbot, needle: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: needle in panel.text, timeout=5000)


def test_hint_until_an_application_is_selected(panel: SpecPreviewPanel) -> None:
    assert panel.stack.currentWidget() is panel.hint
    panel.show_application("orders")  # a topic, not an application
    assert panel.stack.currentWidget() is panel.hint
    assert "Select an application" in panel.hint.text()


def test_asyncapi_of_erp_and_version_switch(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("erp")
    shown(panel, qtbot, "asyncapi: 3.0.0")
    qtbot.waitUntil(lambda: "valid" in panel.status.text(), timeout=5000)
    assert panel.status.text().startswith("✔ AsyncAPI 3.0.0: valid")
    # erp provides no endpoints: the OpenAPI tab is disabled and the reason is given
    assert not panel.tabs.isTabEnabled(KINDS.index("openapi"))
    assert "no OpenAPI document" in panel.reason.text()
    combo = panel.version_combos["asyncapi"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "3.1.0"
    shown(panel, qtbot, "asyncapi: 3.1.0")
    qtbot.waitUntil(lambda: "AsyncAPI 3.1.0: valid" in panel.status.text(), timeout=5000)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "2.6.0"
    shown(panel, qtbot, "asyncapi: 2.6.0")
    qtbot.waitUntil(lambda: "AsyncAPI 2.6.0: valid" in panel.status.text(), timeout=5000)


def test_openapi_tab_of_customer_api(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("customer-api")
    shown(panel, qtbot, "asyncapi: 3.0.0")
    assert panel.tabs.isTabEnabled(KINDS.index("openapi"))
    assert panel.reason.isHidden()
    qtbot.mouseClick(
        panel.tabs,
        Qt.MouseButton.LeftButton,
        pos=panel.tabs.tabRect(KINDS.index("openapi")).center(),
    )
    assert panel.kind == "openapi"
    shown(panel, qtbot, "openapi: 3.1.0")
    assert "/customers/{customerId}" in panel.text
    qtbot.waitUntil(lambda: "OpenAPI 3.1.0: valid" in panel.status.text(), timeout=5000)


def test_an_edit_shows_after_the_pause(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("erp")
    shown(panel, qtbot, "asyncapi: 3.0.0")
    erp = panel.doc.get("erp")
    assert isinstance(erp, Application)
    panel.doc.replace("erp", dataclasses.replace(erp, description="Edited in the studio"))
    assert panel._timer.isActive()  # debounced, not rebuilt on every keystroke
    assert "Edited in the studio" not in panel.text
    shown(panel, qtbot, "Edited in the studio")


def test_application_without_documents_says_why(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("sales-cockpit")
    qtbot.waitUntil(lambda: "has no AsyncAPI or OpenAPI" in panel.hint.text(), timeout=5000)
    assert panel.stack.currentWidget() is panel.hint


def test_copy_puts_the_yaml_on_the_clipboard(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("erp")
    shown(panel, qtbot, "asyncapi: 3.0.0")
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert QGuiApplication.clipboard().text() == panel.text
    assert panel.text.startswith("asyncapi: 3.0.0\n")


def test_highlighter_colours_keys_and_refs(panel: SpecPreviewPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_application("erp")
    shown(panel, qtbot, "$ref")
    document = panel.editor.document()
    block = document.findBlock(panel.text.index("$ref"))
    ranges = block.layout().formats()
    colours = {r.format.foreground().color().name() for r in ranges}
    assert panel.highlighter.formats["ref"].foreground().color().name() in colours
    first = document.firstBlock().layout().formats()
    assert first[0].start == 0 and first[0].length == len("asyncapi")


def test_a_webhook_only_consumer_is_told_where_its_deliveries_are(erp_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    item = window.scene.nodes["crm"]
    window.view.centerOn(item)
    point = window.view.mapFromScene(item.mapToScene(item.size.center()))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.scene.selected_ids() == ["crm"]
    hint = window.spec_preview.hint.text()
    assert hint.startswith(
        "'crm' receives its events as webhook deliveries from customer-api; "
        "they are described in the OpenAPI document of customer-api"
    )
    assert "neither publishes" not in hint
