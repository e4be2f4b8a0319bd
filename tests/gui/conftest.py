"""GUI test helpers: real mouse gestures on a canvas view, and a studio on the ERP sample."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.edit import History
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.view import CanvasView
from studio.io.design_file import load_design
from studio.model import Document
from tests.conftest import SAMPLES

ERP = SAMPLES / "erp-mesh.mesh.yaml"


class Canvas:
    """A view on the ERP sample with a plain undo history, for canvas tests."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.doc = Document(load_design(ERP).design, ERP)
        self.history = History(self.doc)
        self.scene = MeshScene(self.doc, self.history.push)
        self.view = CanvasView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(1400, 900)
        self.view.show()
        self.view.set_zoom(1.0)
        QApplication.processEvents()

    def point(self, scene_point: QPointF) -> QPoint:
        """A viewport point for a scene point, scrolling it into view first."""
        self.view.centerOn(scene_point)
        QApplication.processEvents()
        return self.view.mapFromScene(scene_point)

    def centre_of(self, element_id: str) -> QPointF:
        item = self.scene.nodes.get(element_id) or self.scene.frames[element_id]
        return item.mapToScene(item.size.center())

    def port_of(self, element_id: str) -> QPointF:
        item = self.scene.nodes[element_id]
        return item.mapToScene(item.port_centre())


def drag(
    view: CanvasView,
    start: QPoint,
    end: QPoint,
    steps: int = 6,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press, move with the button held (QTest.mouseMove carries no buttons), release."""
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, start)
    for i in range(1, steps + 1):
        point = QPointF(start + (end - start) * (i / steps))
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            viewport.mapToGlobal(point),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            modifiers,
        )
        QApplication.sendEvent(viewport, event)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, end)
    QApplication.processEvents()


def press(window, action) -> None:  # type: ignore[no-untyped-def]
    """Press ``action``'s shortcut on the window, as the user does (not ``action.trigger()``):
    a test through it fails when the key is not wired to the action."""
    shortcut = action.shortcut()
    assert not shortcut.isEmpty(), f"{action.text()} has no shortcut"
    QTest.keySequence(window, shortcut)


def click_element(win, element_id: str) -> None:  # type: ignore[no-untyped-def]
    """A left click on an element of a studio window, scrolled into view first."""
    item = win.scene.nodes[element_id]
    centre = item.mapToScene(item.size.center())
    win.view.centerOn(centre)
    QApplication.processEvents()
    QTest.mouseClick(
        win.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        win.view.mapFromScene(centre),
    )


@pytest.fixture
def canvas(qtbot) -> Iterator[Canvas]:  # type: ignore[no-untyped-def]
    yield Canvas(qtbot)


@pytest.fixture
def erp_window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """The studio window on a copy of the ERP sample and its registry, closed afterwards."""
    import shutil

    from PySide6.QtCore import QSettings

    from studio.gui.main_window import MainWindow

    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    assert win.open_file(tmp_path / "erp-mesh.mesh.yaml")
    yield win
    win.problems.wait()
    win.undo_stack.setClean()  # closing must not prompt
    win.close()
    win.deleteLater()
