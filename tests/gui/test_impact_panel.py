"""The Impact panel: grouped affected elements, highlight requests, activation, clearing."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem

from studio.edit import ReplaceElement
from studio.gui.panels.impact import ImpactPanel
from studio.io.design_file import load_design
from studio.model import Document, Message, SchemaRef
from studio.registry import SchemaVersion, load_registry
from tests.conftest import SAMPLES

ERP = SAMPLES / "erp-mesh.mesh.yaml"
CUSTOMER = "erp.customer.changed.v1-value"


@pytest.fixture
def doc() -> Document:
    return Document(load_design(ERP).design, ERP)


@pytest.fixture
def panel(qtbot, doc: Document) -> ImpactPanel:  # type: ignore[no-untyped-def]
    widget = ImpactPanel(doc)
    qtbot.addWidget(widget)
    widget.resize(500, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def item_for(panel: ImpactPanel, element_id: str) -> QTreeWidgetItem:
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            if group.child(j).data(0, Qt.ItemDataRole.UserRole) == element_id:
                return group.child(j)
    raise AssertionError(f"{element_id} is not listed")


def test_subject_impact_lists_groups_and_requests_highlight(panel: ImpactPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.highlight_requested, timeout=1000) as blocker:
        panel.show_impact_of("customer-changed-event", CUSTOMER)
    shown = panel.affected()
    assert {"portal", "analytics"} <= set(shown["applications"])
    assert shown["topics"] == ["customer-changed"]
    highlighted = blocker.args[0]
    assert highlighted[0] == "customer-changed-event"  # the origin comes first
    assert {"portal", "analytics", "customer-changed"} <= set(highlighted)
    assert panel.tree.topLevelItem(0).text(0).startswith("applications (")
    # the tooltip tells how the change gets there
    assert item_for(panel, "portal").toolTip(0) == (
        f"{CUSTOMER} → customer-changed-event → customer-changed → customer-api → portal"
    )
    assert "reaches" in panel.summary.text()


def test_element_impact_from_the_message(panel: ImpactPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.highlight_requested, timeout=1000) as blocker:
        panel.show_impact_of("customer-changed")
    assert "analytics" in panel.affected()["applications"]
    assert blocker.args[0][0] == "customer-changed"


def test_double_click_and_enter_activate_the_element(panel: ImpactPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_impact_of(None, CUSTOMER)
    tree = panel.tree
    item = item_for(panel, "analytics")
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    # a real double-click: the first press and release, then the double-click event
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    with qtbot.waitSignal(panel.element_activated, timeout=1000) as blocker:
        QTest.mouseDClick(
            tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
    assert blocker.args == ["analytics"]
    tree.setFocus()
    tree.setCurrentItem(item_for(panel, "portal"))
    with qtbot.waitSignal(panel.element_activated, timeout=1000) as blocker:
        QTest.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == ["portal"]


def test_group_rows_do_not_activate(panel: ImpactPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_impact_of(None, CUSTOMER)
    with qtbot.assertNotEmitted(panel.element_activated):
        panel.tree.itemActivated.emit(panel.tree.topLevelItem(0), 0)


def test_clear_button_empties_the_list_and_the_highlight(panel: ImpactPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.show_impact_of(None, CUSTOMER)
    assert panel.clear_button.isEnabled()
    with qtbot.waitSignal(panel.highlight_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [[]]
    assert panel.tree.topLevelItemCount() == 0
    assert not panel.clear_button.isEnabled()


def test_edit_that_cuts_the_path_updates_the_impact(
    panel: ImpactPanel, doc: Document, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel.show_impact_of(None, CUSTOMER)
    message = doc.get("customer-changed-event")
    assert isinstance(message, Message)
    other = dataclasses.replace(message, payload=SchemaRef("erp.product.changed.v1-value", 1))
    with qtbot.waitSignal(panel.highlight_requested, timeout=1000) as blocker:
        ReplaceElement("customer-changed-event", other).do(doc)
    assert blocker.args == [[]]
    assert panel.affected() == {}
    assert "reaches nothing" in panel.summary.text()


def test_unknown_subject_reaches_nothing(panel: ImpactPanel) -> None:
    panel.show_impact_of(None, "no.such.subject")
    assert panel.affected() == {}
    assert panel.highlighted_ids() == []


def test_a_subject_whose_latest_version_would_break_its_importers_names_them(
    qtbot, doc: Document
) -> None:  # type: ignore[no-untyped-def]
    registry, _ = load_registry(SAMPLES / "registry.yaml")
    money = registry.subjects["acme/common/money.proto"]
    changed = money.versions[-1].schema.replace("int64 units", "string units")
    money.versions.append(SchemaVersion(3, changed, None, "PROTOBUF"))
    panel = ImpactPanel(doc, registry=lambda: registry)
    qtbot.addWidget(panel)
    panel.show_impact_of(None, "acme/common/money.proto")
    assert panel.summary.text().endswith("Moving to its v3 would break shop.order.placed.v1-value.")
    assert "at OrderPlaced.lines.unit_price.units: " in panel.summary.toolTip()
    assert "subject:shop.order.placed.v1-value" in panel.affected()["subjects"]
    money.versions.pop()  # back to v2, which every importer already uses
    panel.show_impact_of(None, "acme/common/money.proto")
    assert "Moving" not in panel.summary.text() and panel.summary.toolTip() == ""
