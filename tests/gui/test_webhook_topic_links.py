"""A topic ticked under an evented API's webhook Topics is drawn on the canvas (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QListWidget

from studio.gui.canvas.edges import EdgeItem
from studio.gui.main_window import MainWindow
from studio.gui.panels.properties_application import ApplicationForm
from studio.model import Application
from studio.model.relations import DELIVERS, Link
from tests.gui.conftest import click_element


def _tick(qtbot, view: QListWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click the check box of the row ``text`` (at the left of the row, where Qt draws it)."""
    item = next(view.item(i) for i in range(view.count()) if view.item(i).text() == text)
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(rect.left() + 10, rect.center().y()),
    )
    assert item.checkState() == Qt.CheckState.Checked


def _deliveries(win: MainWindow) -> list[EdgeItem]:
    return [e for e in win.scene.edges() if e.link.kind == DELIVERS]


def test_ticking_a_webhook_topic_draws_it_and_undo_removes_it(
    qtbot,
    erp_window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    win = erp_window
    click_element(win, "product-api")
    form = win.properties.form
    assert isinstance(form, ApplicationForm)
    form.evented_check.setFocus()
    QTest.mouseClick(
        form.evented_check,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(8, form.evented_check.height() // 2),
    )
    qtbot.waitUntil(form.webhook_topics.isVisible)
    assert _deliveries(win) == []

    _tick(qtbot, form.webhook_topics, "product-changed")
    api = win.doc.get("product-api")
    assert isinstance(api, Application) and api.webhooks is not None
    assert api.webhooks.topics == ("product-changed",)
    # the canvas draws the relation: a dashed arrow from the topic into the API, labelled
    edges = _deliveries(win)
    assert [e.link for e in edges] == [
        Link(DELIVERS, "product-changed", "product-api", "product-changed")
    ]
    edge = edges[0]
    assert edge.source is win.scene.nodes["product-changed"]
    assert edge.target is win.scene.nodes["product-api"]
    assert edge.pen().style() == Qt.PenStyle.DashLine
    assert isinstance(edge.bell, QGraphicsSimpleTextItem) and edge.bell.text() == "webhook"
    assert edge in win.scene.edges_of("product-api") and edge.scene() is win.scene

    # Ctrl+Z on the canvas takes the tick back, and the line with it
    win.view.setFocus()
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    api = win.doc.get("product-api")
    assert isinstance(api, Application) and api.webhooks is not None
    assert api.webhooks.topics == ()
    assert _deliveries(win) == [] and edge.scene() is None


def test_a_topic_the_api_subscribes_to_keeps_its_one_line(erp_window: MainWindow) -> None:
    """The Customer System API subscribes to what it delivers: the subscription's line shows
    the relation, no second line is drawn over it."""
    win = erp_window
    pairs = {(e.link.source, e.link.target) for e in win.scene.edges_of("customer-api")}
    assert ("customer-changed", "customer-api") in pairs
    assert _deliveries(win) == []
