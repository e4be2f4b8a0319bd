"""Taxonomy in the studio: proposed addresses, off-pattern flags while typing, the editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidgetItem

from studio.gui.dialogs.taxonomy_dialog import TaxonomyDialog, parse_levels
from studio.gui.main_window import MainWindow
from studio.model import Topic
from studio.model.taxonomy import check_address


@pytest.fixture
def window(erp_window: MainWindow) -> MainWindow:
    return erp_window


def test_a_new_topic_gets_an_address_from_the_pattern(window: MainWindow) -> None:
    window.edits.add_at_centre("topic")
    topic = window.doc.get("topic")
    assert isinstance(topic, Topic) and topic.broker == "kafka"
    assert check_address(topic.address, window.doc.design.taxonomy["kafka"]) is None
    assert topic.address.endswith(".v1")


def test_off_pattern_address_is_flagged_while_typing(window: MainWindow) -> None:
    window.scene.select_ids(["customer-changed"])
    form = window.properties.form
    edit = form.address_edit  # type: ignore[union-attr]
    hint = form.taxonomy_hint  # type: ignore[union-attr]
    assert hint.isHidden()
    edit.selectAll()
    QTest.keyClicks(edit, "crm.customer.changed.v1")
    assert not hint.isHidden() and "has domain 'crm'" in hint.text()
    edit.selectAll()
    QTest.keyClicks(edit, "erp.customer.changed.v2")
    assert hint.isHidden()


def test_editor_changes_the_taxonomy_in_one_undoable_step(window: MainWindow) -> None:
    before = window.doc.design.taxonomy
    dialog = TaxonomyDialog(before, window)
    row = next(r for r in range(dialog.table.rowCount()) if dialog._protocol(r) == "kafka")
    dialog.table.setItem(row, 2, QTableWidgetItem("domain: erp, crm"))
    QTimer.singleShot(0, dialog.accept)
    window.tools.edit_taxonomy(dialog)
    assert window.doc.design.taxonomy["kafka"].levels["domain"] == ("erp", "crm")
    assert window.undo_stack.undoText() == "Edit taxonomy"
    window.undo_stack.undo()
    assert window.doc.design.taxonomy == before


def test_editor_refuses_unusable_rows(window: MainWindow) -> None:
    dialog = TaxonomyDialog(window.doc.design.taxonomy, window)
    dialog.add_row("mqtt", "", "")
    dialog.accept()
    assert dialog.result() != TaxonomyDialog.DialogCode.Accepted
    assert "pattern is empty" in dialog.error.text()
    with pytest.raises(ValueError, match="not 'level: value"):
        parse_levels("domain erp")
    dialog.reject()
