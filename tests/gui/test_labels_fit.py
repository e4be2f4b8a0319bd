"""Labels that fit (issue 19): boxes grow with their texts up to a maximum width, longer texts
are elided in the middle (start and end, such as a topic's version, stay) and shown whole in
the tooltip and when zoomed in; nothing overlaps; "BREAKING" covers no text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.labels import ELLIPSIS, Label
from studio.gui.canvas.nodes import (
    DatastoreItem,
    EndpointItem,
    NodeItem,
    NoteItem,
    TopicItem,
)
from studio.gui.main_window import MainWindow
from studio.gui.panels.properties_topic import TopicForm
from studio.layout.node_sizes import ENDPOINT_MAX_WIDTH, MAX_WIDTH
from studio.model import Topic
from tests.gui.conftest import Canvas, click_element

LONG_ADDRESS = "erp.customer.master-data.business-partner.changed.with.addresses.v12"


def _widest(item: NodeItem) -> float | None:
    """How wide ``item``'s box may grow (None: frames follow their topics, notes are fixed)."""
    if isinstance(item, (BrokerFrameItem, NoteItem)):
        return None
    return ENDPOINT_MAX_WIDTH if isinstance(item, EndpointItem) else MAX_WIDTH


def _check_label(item: NodeItem, label: Label) -> None:
    wrapped = bool(label.flags & Qt.TextFlag.TextWordWrap)
    fm = QFontMetricsF(label.font)
    if not label.elided:
        if not wrapped:  # the whole text fits where it is drawn
            assert fm.horizontalAdvance(label.full) <= label.rect.width() + 0.5, label.full
        return
    # elided in the middle: the start and the end of the text stay
    head, _, tail = label.shown.partition(ELLIPSIS)
    assert head and tail, label.shown
    assert label.full.startswith(head) and label.full.endswith(tail), label.shown
    if not wrapped:
        assert fm.horizontalAdvance(label.shown) <= label.rect.width() + 0.5
    # only a box that could not grow any further elides
    assert _widest(item) in (None, item.size.width()), (item.element_id, label.full)
    # the tooltip and a closer zoom show the whole text
    assert label.full in item.toolTip()
    assert label.text_at(1.0) == label.shown
    assert label.text_at(1.0 / label.full_scale) == label.full


def _check_all_labels(items: list[NodeItem]) -> None:
    for item in items:
        assert item.labels, item.element_id
        for label in item.labels:
            _check_label(item, label)


def test_every_label_of_the_erp_sample_fits_or_is_elided_in_the_middle(canvas: Canvas) -> None:
    items = [*canvas.scene.nodes.values(), *canvas.scene.frames.values()]
    _check_all_labels(items)
    # the texts the issue found clipped are whole now
    shown = {label.shown for item in items for label in item.labels}
    assert {
        "erp.customer.changed.v1",
        "Customer System API",
        "service · commerce-team",
        "fulfilment.shipment.dispatched",
        "evented API · integration-platform",
    } <= shown
    # a frame's header: the broker's name, and its host below, both whole
    kafka = canvas.scene.frames["kafka"]
    assert (kafka.title_label.shown, kafka.detail_label.shown) == (
        "Kafka (Confluent, prod)",
        "kafka.acme.internal:9092",
    )


def test_no_two_boxes_overlap_after_loading_the_erp_sample(canvas: Canvas) -> None:
    scene, design = canvas.scene, canvas.doc.design
    boxes = {i: item.mapRectToScene(item.size) for i, item in scene.nodes.items()}
    ids = sorted(boxes)
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            assert not boxes[a].intersects(boxes[b]), (a, b)
    members = {t.id: t.broker for t in design.topics}
    for broker, frame in scene.frames.items():
        rect = frame.mapRectToScene(frame.size)
        for element_id, box in boxes.items():
            if members.get(element_id) != broker:
                assert not rect.intersects(box), (broker, element_id)
        for other, other_frame in scene.frames.items():
            if other != broker:
                assert not rect.intersects(other_frame.mapRectToScene(other_frame.size))
    # boxes grew from the classic sizes where their texts need it, and stayed on the grid
    assert scene.nodes["customer-api"].size.width() > 188
    assert scene.nodes["shipment-dispatched"].size.width() > 220
    assert isinstance(scene.nodes["sales-read-model"], DatastoreItem)


def _retype_address(qtbot, win: MainWindow, address: str) -> None:  # type: ignore[no-untyped-def]
    form = win.properties.form
    assert isinstance(form, TopicForm)
    form.address_edit.setFocus()
    qtbot.keyClick(form.address_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.address_edit, address)
    qtbot.keyClick(form.address_edit, Qt.Key.Key_Return)


def test_a_long_address_grows_the_pipe_then_elides_in_the_middle(
    qtbot,
    erp_window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    win = erp_window
    click_element(win, "customer-changed")
    _retype_address(qtbot, win, LONG_ADDRESS)
    topic = win.doc.get("customer-changed")
    assert isinstance(topic, Topic) and topic.address == LONG_ADDRESS
    item = win.scene.nodes["customer-changed"]
    assert isinstance(item, TopicItem) and item.size.width() == MAX_WIDTH
    label = item.address_label
    assert label.elided and label.shown.startswith("erp.") and label.shown.endswith(".v12")
    _check_all_labels([item, win.scene.frames["kafka"]])
    # the frame grew with its topic
    frame = win.scene.frames["kafka"]
    assert frame.mapRectToScene(frame.size).contains(item.mapRectToScene(item.size))
    # zooming in with the keyboard until the whole address is readable draws it whole
    win.view.setFocus()
    while win.view.zoom * label.full_scale < 1.0:
        QTest.keyClick(win.view, Qt.Key.Key_Plus)
    assert item.address_label.text_at(win.view.zoom) == LONG_ADDRESS
    # Ctrl+Z gives the old address and the old box back
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    item = win.scene.nodes["customer-changed"]
    assert item.labels[0].shown == "erp.customer.changed.v1" and item.size.width() < MAX_WIDTH


def test_breaking_is_written_where_it_covers_no_text(qtbot, erp_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    assert win.comparison.compare_with_file(str(win.doc.path))
    click_element(win, "customer-changed")  # the first topic of the Kafka frame, under its title
    _retype_address(qtbot, win, "erp.customer.changed.v2")
    qtbot.waitUntil(
        lambda: (
            win.comparison.result is not None
            and any(c.breaking for c in win.comparison.result.changes)
        ),
        timeout=3000,
    )
    labels = [
        i
        for i in win.comparison.overlay.items
        if isinstance(i, QGraphicsSimpleTextItem) and i.text() == "BREAKING"
    ]
    assert labels
    texts = []
    for item in (*win.scene.nodes.values(), *win.scene.frames.values()):
        texts += [(item.element_id, item.mapRectToScene(label.rect)) for label in item.labels]
        if isinstance(item, TopicItem):
            texts.append((item.element_id, item.mapRectToScene(item.tag_pill)))
    frame_title = win.scene.frames["kafka"]
    assert ("kafka", frame_title.mapRectToScene(frame_title.title_label.rect)) in texts
    for label in labels:
        rect = label.sceneBoundingRect()
        covered = [element_id for element_id, text in texts if text.intersects(rect)]
        assert covered == [], covered
        # outside the element's box, next to it
        owner = label.parentItem()
        assert isinstance(owner, NodeItem)
        box = owner.mapRectToScene(owner.size)
        assert not box.intersects(rect)
        assert box.adjusted(-30, -30, 30, 30).intersects(rect)
