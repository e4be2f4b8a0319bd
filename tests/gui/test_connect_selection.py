"""After a connection is dragged from a port, only what the user expects is selected (issue 19).

The press on a port starts a connection instead of Qt's click selection, so whatever was
selected before stayed selected, blue border and all, next to a link the user had just made.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.gui.canvas.edges import EdgeItem
from studio.gui.canvas.nodes import NodeItem
from studio.model import Application
from studio.model.relations import PUBLISHES, Link
from tests.gui.conftest import Canvas, drag


def _click(canvas: Canvas, element_id: str) -> None:
    QTest.mouseClick(
        canvas.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        canvas.point(canvas.centre_of(element_id)),
    )


def _selection_blue_pixels(canvas: Canvas, element_id: str) -> int:
    """Pixels of the selection colour on the top edge of an element's box, as the viewport
    shows it (links attach to the sides, so only a selection border can be blue there)."""
    item = canvas.scene.nodes[element_id]
    QApplication.processEvents()
    image = canvas.view.viewport().grab().toImage()
    box = canvas.view.mapFromScene(item.mapRectToScene(item.size)).boundingRect()
    blue = canvas.scene.colours.selection.rgb()
    area = QRect(box.left() + 12, box.top() - 3, box.width() - 24, 7).intersected(image.rect())
    return sum(
        1
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
        if image.pixel(x, y) == blue
    )


def test_a_connect_drag_selects_the_new_link_only(canvas: Canvas) -> None:
    _click(canvas, "crm")
    _click(canvas, "sales-cockpit")  # the user selects the source, and its port shows
    assert canvas.scene.selected_ids() == ["sales-cockpit"]
    assert _selection_blue_pixels(canvas, "sales-cockpit") > 0  # the border, as drawn
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(canvas.centre_of("order-placed"))
    drag(canvas.view, start, end)

    app = canvas.doc.get("sales-cockpit")
    assert isinstance(app, Application) and any(p.topic == "order-placed" for p in app.publishes)
    made = Link(PUBLISHES, "sales-cockpit", "order-placed")
    selected = canvas.scene.selectedItems()
    assert [i.link for i in selected if isinstance(i, EdgeItem)] == [made]
    assert [i for i in selected if isinstance(i, NodeItem)] == []
    assert selected[0].selected_look  # drawn highlighted
    assert _selection_blue_pixels(canvas, "sales-cockpit") == 0

    canvas.history.undo()
    assert canvas.scene.selectedItems() == []


def test_a_refused_connection_leaves_the_selection_as_it_was(canvas: Canvas) -> None:
    _click(canvas, "crm")
    assert canvas.scene.selected_ids() == ["crm"]
    before = list(canvas.history.labels)
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(canvas.centre_of("portal"))  # two clients: refused
    drag(canvas.view, start, end)
    assert canvas.scene.selected_ids() == ["crm"]
    assert canvas.history.labels == before
    assert _selection_blue_pixels(canvas, "sales-cockpit") == 0
