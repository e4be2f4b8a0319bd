"""A new design starts with a taxonomy, and the taxonomy editor shows how patterns work."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from studio.gui.canvas.view import PALETTE_MIME
from studio.gui.dialogs.export_dialog import ExportDialog
from studio.gui.dialogs.taxonomy_dialog import TaxonomyDialog
from studio.gui.main_window import MainWindow
from studio.model import STARTER_PATTERNS, Topic, starter_taxonomy
from studio.model.taxonomy import check_address
from tests.gui.conftest import drag


def drop_topic(window: MainWindow, point: QPoint, kind: str = "topic") -> None:
    """What a drag of a palette entry delivers to the canvas: enter, move, drop."""
    mime = QMimeData()
    mime.setData(PALETTE_MIME, QByteArray(kind.encode()))
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(point, *args))
    QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
    QApplication.processEvents()


def test_a_new_design_gives_its_first_topic_an_address_from_the_starter_taxonomy(
    erp_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.path is None and not window.doc.design.topics
    assert window.doc.design.taxonomy == starter_taxonomy()
    drop_topic(window, window.view.viewport().rect().center())
    topic = window.doc.get("topic")
    assert isinstance(topic, Topic)
    assert topic.address == "domain.entity.created.v1"
    assert check_address(topic.address, window.doc.design.taxonomy["kafka"]) is None


def test_adding_a_protocol_starts_from_its_example_pattern(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TaxonomyDialog({"kafka": starter_taxonomy()["kafka"]})
    qtbot.addWidget(dialog)
    dialog.show()
    assert "<code>sales.order.created.v1</code>" in dialog.help.text()
    add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add protocol")
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    row = dialog.table.rowCount() - 1
    assert dialog._protocol(row) == "mqtt"
    pattern = dialog.table.item(row, 1)
    assert pattern.text() == STARTER_PATTERNS["mqtt"]
    assert pattern.toolTip() == "e.g. hamburg/sales/order/created"
    # another protocol in the row brings its own example while the pattern is untouched
    combo = dialog.table.cellWidget(row, 0)
    combo.setFocus()
    QTest.keyClicks(combo, "amqp")
    assert dialog._protocol(row) == "amqp"
    assert pattern.text() == STARTER_PATTERNS["amqp"]
    assert dialog.taxonomy()["amqp"].pattern == "{domain}.{entity}.{event}"


def test_a_new_design_exports_the_version_typed_in_properties(
    erp_window: MainWindow, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = erp_window
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    centre = window.view.viewport().rect().center()
    drop_topic(window, centre - QPoint(250, 0), "service")
    drop_topic(window, centre + QPoint(150, 0), "topic")
    service, topic = window.scene.nodes["service"], window.scene.nodes["topic"]
    drag(
        window.view,
        window.view.mapFromScene(service.mapToScene(service.port_centre())),
        window.view.mapFromScene(topic.mapToScene(topic.size.center())),
    )
    assert window.doc.get("service").publishes  # type: ignore[union-attr]
    QTest.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(0, 300)
    )  # empty canvas: Properties shows the design
    version = window.properties.findChild(QLineEdit, "version")
    assert version is not None and version.isVisible()
    QTest.mouseClick(version, Qt.MouseButton.LeftButton)
    QTest.keyClicks(version, "2.1.0")
    assert window.doc.design.info.version == "2.1.0"
    dialog = ExportDialog(window.doc, window.registry, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.clear()
    QTest.keyClicks(dialog.folder_edit, str(tmp_path / "out"))
    QTest.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    dialog.wait()
    exported = (tmp_path / "out" / "asyncapi" / "service.yaml").read_text(encoding="utf-8")
    assert "info: {title: New service, version: 2.1.0}" in exported
