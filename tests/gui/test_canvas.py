"""The canvas with real mouse and keyboard input: items mirror the model both ways."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.edges import EdgeItem
from studio.gui.canvas.nodes import (
    ApplicationItem,
    DatastoreItem,
    EndpointItem,
    NoteItem,
    TopicItem,
)
from studio.gui.canvas.scene_mirror import MARGIN
from studio.gui.canvas.view import PALETTE_MIME
from studio.model import Application, Endpoint, Note, Position, Topic
from studio.model.relations import CALLS, PUBLISHES, SUBSCRIBES, WEBHOOK, Link, links_of
from tests.gui.conftest import Canvas, drag


def test_scene_mirrors_every_element_and_link(canvas: Canvas) -> None:
    design = canvas.doc.design
    assert set(canvas.scene.nodes) == {
        e.id for e in (*design.applications, *design.topics, *design.endpoints, *design.notes)
    }
    assert set(canvas.scene.frames) == {b.id for b in design.brokers}
    assert isinstance(canvas.scene.nodes["sales-read-model"], DatastoreItem)
    assert isinstance(canvas.scene.nodes["erp"], ApplicationItem)
    assert isinstance(canvas.scene.nodes["customer-changed"], TopicItem)
    assert isinstance(canvas.scene.nodes["get-customer"], EndpointItem)
    assert all(isinstance(canvas.scene.nodes[n.id], NoteItem) for n in design.notes)
    drawn = {edge.link for edge in canvas.scene.edges()}
    on_canvas = set(canvas.scene.nodes)
    assert drawn == {
        link for link in links_of(design) if link.source in on_canvas and link.target in on_canvas
    }
    # messages are not drawn: only notes pinned to them have no line
    assert {link.kind for link in set(links_of(design)) - drawn} <= {"pinned"}
    kinds = {edge.link.kind for edge in canvas.scene.edges()}
    assert {PUBLISHES, SUBSCRIBES, WEBHOOK, CALLS} <= kinds
    # positions come from the layout section
    erp = design.layout["erp"]
    assert canvas.scene.nodes["erp"].pos() == QPointF(erp.x, erp.y)
    # a topic's broker frame encloses it
    frame = canvas.scene.frames["kafka"]
    assert frame.sceneBoundingRect().contains(
        canvas.scene.nodes["customer-changed"].sceneBoundingRect().center()
    )


def test_dragging_an_element_is_one_undoable_move(canvas: Canvas) -> None:
    start = canvas.point(canvas.centre_of("erp"))
    before = canvas.doc.design.layout["erp"]
    drag(canvas.view, start, start + QPoint(120, 60))
    after = canvas.doc.design.layout["erp"]
    assert (after.x - before.x, after.y - before.y) == (120, 60)
    assert canvas.history.labels[-1] == "Move 'erp'"
    # the links followed the item
    edge = next(e for e in canvas.scene.edges() if e.link.source == "erp")
    assert edge.path().elementAt(0).x == canvas.scene.nodes["erp"].side_anchor(True).x()
    canvas.history.undo()
    assert canvas.doc.design.layout["erp"] == before
    assert canvas.scene.nodes["erp"].pos() == QPointF(before.x, before.y)


def test_rubber_band_selects_several_and_drag_moves_them_in_one_step(canvas: Canvas) -> None:
    erp, shop = canvas.scene.nodes["erp"], canvas.scene.nodes["shop"]
    canvas.view.set_zoom(0.5)
    corner = erp.sceneBoundingRect().topLeft() - QPointF(20, 20)
    far = shop.sceneBoundingRect().bottomRight() + QPointF(5, 5)
    canvas.view.centerOn((corner + far) / 2)
    QApplication.processEvents()
    drag(canvas.view, canvas.view.mapFromScene(corner), canvas.view.mapFromScene(far))
    selected = set(canvas.scene.selected_ids())
    assert {"erp", "shop"} <= selected
    start = canvas.view.mapFromScene(canvas.centre_of("erp"))
    drag(canvas.view, start, start + QPoint(50, 0))
    movable = [i for i in selected if i in canvas.doc.design.layout]
    assert canvas.history.labels[-1] == f"Move {len(movable)} elements"


def test_connecting_by_dragging_from_the_port(canvas: Canvas) -> None:
    start = canvas.point(canvas.port_of("sales-cockpit"))
    end = canvas.view.mapFromScene(canvas.centre_of("order-placed"))
    drag(canvas.view, start, end)
    app = canvas.doc.get("sales-cockpit")
    assert isinstance(app, Application) and any(p.topic == "order-placed" for p in app.publishes)
    published = Link(PUBLISHES, "sales-cockpit", "order-placed")
    assert published in {e.link for e in canvas.scene.edges()}
    canvas.history.undo()
    assert Link(PUBLISHES, "sales-cockpit", "order-placed") not in {
        e.link for e in canvas.scene.edges()
    }


def test_invalid_connection_is_refused_with_a_reason(canvas: Canvas, qtbot) -> None:
    before = canvas.history.labels[:]
    start = canvas.point(canvas.port_of("customer-changed"))
    end = canvas.view.mapFromScene(canvas.centre_of("order-placed"))
    with qtbot.waitSignal(canvas.scene.connection_refused) as refused:
        drag(canvas.view, start, end)
    assert "Topics do not feed each other" in refused.args[0]
    assert canvas.history.labels == before


def drop(canvas: Canvas, kind: str, scene_point: QPointF) -> None:
    """What a drag from the palette delivers: enter, move, drop on the viewport."""
    mime = QMimeData()
    mime.setData(PALETTE_MIME, QByteArray(kind.encode()))
    point = canvas.point(scene_point)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = canvas.view.viewport()
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
    QApplication.processEvents()


def test_palette_drop_creates_each_kind(canvas: Canvas) -> None:
    empty = QPointF(200, 1200)
    for kind in (
        "backend",
        "service",
        "api",
        "client",
        "datastore",
        "evented",
        "topic",
        "broker",
        "note",
    ):
        count = len(list(canvas.doc.design.elements()))
        drop(canvas, kind, empty + QPointF(0, 150 * len(canvas.history.labels)))
        assert len(list(canvas.doc.design.elements())) == count + 1, kind
    evented = canvas.doc.get("evented-api")
    assert isinstance(evented, Application) and evented.webhooks is not None
    assert isinstance(canvas.doc.get("topic"), Topic)
    assert isinstance(canvas.scene.nodes["datastore"], DatastoreItem)
    assert "broker" in canvas.scene.frames and isinstance(
        canvas.scene.frames["broker"], BrokerFrameItem
    )
    # an endpoint needs a provider: refused on empty canvas, accepted on an application
    count = len(canvas.doc.design.endpoints)
    drop(canvas, "endpoint", QPointF(3000, 3000))
    assert len(canvas.doc.design.endpoints) == count
    drop(canvas, "endpoint", canvas.centre_of("erp"))
    endpoint = canvas.doc.design.endpoints[-1]
    assert isinstance(endpoint, Endpoint) and endpoint.provider == "erp"
    # every creation is undoable, and redoable
    created = len(canvas.history.labels)
    while canvas.history.undo():
        pass
    assert "evented-api" not in canvas.doc and "evented-api" not in canvas.scene.nodes
    assert "broker" not in canvas.scene.frames
    for _ in range(created):
        assert canvas.history.redo()
    assert isinstance(canvas.scene.nodes["evented-api"], ApplicationItem)
    assert "broker" in canvas.scene.frames and canvas.doc.design.endpoints[-1].provider == "erp"


def test_note_dropped_on_an_element_is_pinned(canvas: Canvas) -> None:
    drop(canvas, "note", canvas.centre_of("shop"))
    note = canvas.doc.design.notes[-1]
    assert isinstance(note, Note) and note.on == "shop"


def test_deleting_the_selection_removes_its_links_and_undo_restores(canvas: Canvas) -> None:
    from studio.edit import delete_elements

    canvas.scene.select_ids(["customer-changed"])
    command = delete_elements(canvas.doc, canvas.scene.selected_ids())
    canvas.history.push(command)
    assert "customer-changed" not in canvas.scene.nodes
    assert not any(
        "customer-changed" in (e.link.source, e.link.target) for e in canvas.scene.edges()
    )
    canvas.history.undo()
    assert "customer-changed" in canvas.scene.nodes
    assert {e.link for e in canvas.scene.edges()} == {
        link
        for link in links_of(canvas.doc.design)
        if link.source in canvas.scene.nodes and link.target in canvas.scene.nodes
    }


def test_a_fit_after_edits_that_shrink_the_drawing_scrolls_over_the_drawing_only(
    canvas: Canvas,
) -> None:
    from studio.edit import MoveElements, delete_elements

    scene, view = canvas.scene, canvas.view
    view.setFocus()
    old = canvas.doc.design.layout["erp"]
    far = Position(old.x, old.y + 5000)
    move_far = MoveElements({"erp": (old, far)})

    def fitted_after(shrink: Callable[[], object]) -> None:
        canvas.history.push(move_far)  # the drawing grows ...
        shrink()  # ... and shrinks again
        QApplication.processEvents()
        drawing = scene.itemsBoundingRect().adjusted(*MARGIN)
        assert scene.sceneRect().bottom() > far.y  # too big, until the user fits
        QTest.keyClick(view, Qt.Key.Key_0)
        assert scene.sceneRect() == drawing
        assert view.sceneRect().bottom() < far.y

    fitted_after(canvas.history.undo)  # moved back
    fitted_after(lambda: canvas.history.push(delete_elements(canvas.doc, ["erp"])))


def test_selecting_an_edge_and_deleting_it(canvas: Canvas) -> None:
    from studio.edit import delete_elements

    edge = next(
        e
        for e in canvas.scene.edges()
        if e.link == Link(SUBSCRIBES, "product-changed", "analytics")
    )
    edge.setSelected(True)
    assert canvas.scene.selected_links() == [edge.link]
    canvas.history.push(
        delete_elements(canvas.doc, canvas.scene.selected_ids(), canvas.scene.selected_links())
    )
    assert edge.link not in {e.link for e in canvas.scene.edges()}


def test_zoom_keys_wheel_and_fit(canvas: Canvas) -> None:
    canvas.view.setFocus()
    QTest.keyClick(canvas.view, Qt.Key.Key_Plus)
    assert abs(canvas.view.zoom - 1.25) < 1e-6
    QTest.keyClick(canvas.view, Qt.Key.Key_Minus)
    assert abs(canvas.view.zoom - 1.0) < 1e-6
    QTest.keyClick(canvas.view, Qt.Key.Key_0)
    visible = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    for item in canvas.scene.nodes.values():
        assert visible.contains(item.sceneBoundingRect())
    # shown unfolded, the drawing fills the view in one direction: the pixels kept for the
    # folded picture's labels would have pushed the sample under the zoom that shows names
    drawn = canvas.scene.shown_rect().adjusted(-40, -40, 40, 40)
    view = canvas.view.viewport().rect()
    zoom = canvas.view.zoom
    assert not canvas.view.folded
    assert min(view.width() - drawn.width() * zoom, view.height() - drawn.height() * zoom) < 2


def test_keyboard_navigation_and_nudge(canvas: Canvas) -> None:
    canvas.view.setFocus()
    QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
    first = canvas.scene.selected_ids()
    assert len(first) == 1
    QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
    second = canvas.scene.selected_ids()
    assert len(second) == 1 and second != first
    canvas.scene.select_ids(["erp"])
    before = canvas.doc.design.layout["erp"]
    QTest.keyClick(canvas.view, Qt.Key.Key_Right)
    assert canvas.doc.design.layout["erp"].x == before.x + 10
    canvas.history.undo()
    assert canvas.doc.design.layout["erp"] == before


def test_referrers_are_marked_when_what_they_name_goes_and_comes(canvas: Canvas) -> None:
    # (not through delete_elements, which cuts the links first: as undoing an import does)
    doc, scene = canvas.doc, canvas.scene
    element, index = doc.remove("product-changed")
    QApplication.processEvents()  # marked once the burst of changes is over
    assert "unknown id 'product-changed'" in (scene.nodes["analytics"].problem or "")
    doc.add(element, index)
    QApplication.processEvents()
    assert scene.nodes["analytics"].problem is None


def test_unknown_references_open_and_are_marked(qtbot) -> None:
    from studio.edit import History
    from studio.gui.canvas.scene import MeshScene
    from studio.io.design_file import parse_design
    from studio.model import Document

    design = parse_design(
        "meshStudio: 1\napplications:\n  - id: a\n    publishes: [{topic: nowhere}]\n"
    ).design
    doc = Document(design)
    scene = MeshScene(doc, History(doc).push)
    assert "unknown id 'nowhere'" in (scene.nodes["a"].problem or "")
    assert scene.edges() == []


def test_review_mode_refuses_gestures(canvas: Canvas) -> None:
    canvas.scene.set_read_only(True)
    start = canvas.point(canvas.centre_of("erp"))
    drag(canvas.view, start, start + QPoint(100, 0))
    assert canvas.history.labels == []
    assert canvas.scene.create_element("service", QPointF(0, 0)) is not None
    port = canvas.point(canvas.port_of("erp"))
    drag(canvas.view, port, canvas.view.mapFromScene(canvas.centre_of("order-placed")))
    assert canvas.history.labels == []


def test_edges_are_edge_items(canvas: Canvas) -> None:
    assert all(isinstance(e, EdgeItem) for e in canvas.scene.edges())


def test_highlight_fades_everything_else(canvas: Canvas) -> None:
    canvas.scene.highlight(["erp", "customer-changed"])
    assert canvas.scene.nodes["erp"].opacity() == 1.0
    assert canvas.scene.nodes["shop"].opacity() < 0.5
    link = next(
        e
        for e in canvas.scene.edges()
        if (e.link.source, e.link.target) == ("erp", "customer-changed")
    )
    assert link.opacity() == 1.0
    assert all(e.opacity() < 0.5 for e in canvas.scene.edges() if e is not link)
    canvas.scene.highlight([])
    assert all(i.opacity() == 1.0 for i in canvas.scene.nodes.values())
