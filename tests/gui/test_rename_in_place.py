"""Editing an element's label where it is drawn: double-click on the label or F2, type,
Enter (or click away) commits one undo step, Escape drops the typing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip

from studio.gui.canvas.rename_editor import label_rect
from studio.model import Application, Topic
from tests.gui.conftest import Canvas


def label_point(canvas: Canvas, element_id: str) -> QPoint:
    item = canvas.scene.nodes[element_id]
    return canvas.point(item.mapToScene(label_rect(item).center()))


def editor(canvas: Canvas) -> QLineEdit:
    line = canvas.view.rename_editor.line
    assert isinstance(line, QLineEdit) and line.isVisible(), "no editor open"
    return line


def press_f2_on(canvas: Canvas, element_id: str) -> QLineEdit:
    canvas.scene.select_ids([element_id])
    canvas.point(canvas.centre_of(element_id))
    canvas.view.setFocus()
    QTest.keyClick(canvas.view.viewport(), Qt.Key.Key_F2)
    return editor(canvas)


def test_double_click_on_the_label_renames_in_one_undo_step(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas.view.activateWindow()
    QTest.mouseDClick(
        canvas.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        label_point(canvas, "erp"),
    )
    line = editor(canvas)
    erp = canvas.doc.get("erp")
    assert isinstance(erp, Application) and line.text() == erp.name
    assert line.selectedText() == erp.name  # all selected: typing replaces it
    qtbot.waitUntil(line.hasFocus)
    QTest.keyClicks(line, "ERP core (S/4HANA Cloud)")
    QTest.keyClick(line, Qt.Key.Key_Return)
    renamed = canvas.doc.get("erp")
    assert isinstance(renamed, Application) and renamed.name == "ERP core (S/4HANA Cloud)"
    assert renamed.id == "erp"  # the label is the name; the id and its references stay
    assert canvas.scene.nodes["erp"].toolTip().startswith("ERP core (S/4HANA Cloud) (erp)")
    assert canvas.view.rename_editor.line is None
    assert canvas.history.labels == ["Rename 'erp' to 'ERP core (S/4HANA Cloud)'"]
    canvas.history.undo()
    assert canvas.doc.get("erp") == erp
    assert canvas.scene.nodes["erp"].toolTip().startswith(f"{erp.name} (erp)")


def test_f2_edits_a_topic_address_and_escape_drops_the_typing(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas.view.activateWindow()
    topic = canvas.doc.get("order-placed")
    assert isinstance(topic, Topic)
    line = press_f2_on(canvas, "order-placed")
    assert line.text() == topic.address
    qtbot.waitUntil(line.hasFocus)
    QTest.keyClicks(line, "shop.order.placed.v2")
    QTest.keyClick(line, Qt.Key.Key_Escape)
    assert canvas.view.rename_editor.line is None
    assert canvas.doc.get("order-placed") == topic and canvas.history.labels == []
    line = press_f2_on(canvas, "order-placed")
    qtbot.waitUntil(line.hasFocus)
    QTest.keyClicks(line, "shop.order.placed.v2")
    QTest.keyClick(line, Qt.Key.Key_Enter)
    changed = canvas.doc.get("order-placed")
    assert isinstance(changed, Topic) and changed.address == "shop.order.placed.v2"
    assert canvas.scene.nodes["order-placed"].toolTip().startswith("shop.order.placed.v2")
    assert len(canvas.history.labels) == 1


def test_clicking_elsewhere_commits(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas.view.activateWindow()
    line = press_f2_on(canvas, "shop")
    qtbot.waitUntil(line.hasFocus)
    QTest.keyClicks(line, "Online shop")
    elsewhere = canvas.view.mapFromScene(canvas.centre_of("shop") + QPointF(0, 400))
    QTest.mouseClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, elsewhere
    )
    qtbot.waitUntil(lambda: canvas.view.rename_editor.line is None)
    shop = canvas.doc.get("shop")
    assert isinstance(shop, Application) and shop.name == "Online shop"
    assert len(canvas.history.labels) == 1


def test_a_refused_label_keeps_the_editor_and_says_why(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    canvas.view.activateWindow()
    topic = canvas.doc.get("customer-changed")
    line = press_f2_on(canvas, "customer-changed")
    qtbot.waitUntil(line.hasFocus)
    QTest.keyClick(line, Qt.Key.Key_Delete)  # everything was selected: now empty
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert canvas.doc.get("customer-changed") == topic and canvas.history.labels == []
    assert editor(canvas) is line  # still open: nothing typed is lost
    assert "A topic needs an address" in QToolTip.text()
    QTest.keyClicks(line, "erp.customer.changed.v2")
    QTest.keyClick(line, Qt.Key.Key_Return)
    changed = canvas.doc.get("customer-changed")
    assert isinstance(changed, Topic) and changed.address == "erp.customer.changed.v2"


def test_double_click_off_the_label_still_opens_properties(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    item = canvas.scene.nodes["erp"]
    icon = canvas.point(item.mapToScene(QPointF(item.size.left() + 20, item.size.bottom() - 8)))
    with qtbot.waitSignal(canvas.scene.element_activated) as activated:
        QTest.mouseDClick(
            canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, icon
        )
    assert activated.args == ["erp"] and canvas.view.rename_editor.line is None


def test_review_mode_refuses_renaming(canvas: Canvas) -> None:
    canvas.scene.set_read_only(True)
    canvas.scene.select_ids(["erp"])
    canvas.point(canvas.centre_of("erp"))
    QTest.keyClick(canvas.view.viewport(), Qt.Key.Key_F2)
    assert canvas.view.rename_editor.line is None
    assert "read-only" in QToolTip.text()
    QTest.mouseDClick(
        canvas.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        label_point(canvas, "erp"),
    )
    assert canvas.view.rename_editor.line is None and canvas.history.labels == []


def test_the_editor_closes_when_its_element_goes(canvas: Canvas) -> None:
    from studio.edit import delete_elements

    press_f2_on(canvas, "analytics")
    command = delete_elements(canvas.doc, ["analytics"])
    assert command is not None
    canvas.history.push(command)
    QApplication.processEvents()
    assert canvas.view.rename_editor.line is None
