"""The minimap: shown from the View menu's shortcut; a click or a drag in it moves the view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.gui.canvas.minimap import Minimap
from studio.gui.canvas.view import CanvasView
from tests.gui.conftest import press


def minimap_action(win):  # type: ignore[no-untyped-def]
    action = win.findChild(QAction, "minimap")
    assert action is not None
    return action


def visible(view: CanvasView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def pixel_of(minimap: Minimap, scene_point: QPointF) -> QPoint:
    return minimap.to_map().map(scene_point).toPoint()


def far_block_centre(view: CanvasView) -> QPointF:
    """The middle of the block farthest from what the view shows now."""
    here = visible(view).center()
    blocks = view.semantic.scene.blocks.values()
    far = max(blocks, key=lambda b: (b.rect().center() - here).manhattanLength())
    return far.rect().center()


def test_the_shortcut_shows_and_hides_the_minimap_in_the_canvas_corner(erp_window):
    win = erp_window
    minimap = win.view.minimap
    assert not minimap.isVisible()
    press(win, minimap_action(win))
    assert minimap.isVisible() and minimap_action(win).isChecked()
    corner = win.view.viewport().geometry().bottomRight()
    assert minimap.geometry().bottomRight().x() < corner.x()
    assert corner.x() - minimap.geometry().right() < 30
    assert corner.y() - minimap.geometry().bottom() < 30
    # it shows the whole design: every block is inside its picture
    drawn = QRectF(minimap.rect())
    for block in win.view.semantic.scene.blocks.values():
        assert drawn.contains(minimap.to_map().mapRect(block.rect()))
    press(win, minimap_action(win))
    assert not minimap.isVisible()


def test_a_click_in_the_minimap_moves_the_view_there(erp_window):
    win = erp_window
    view = win.view
    view.set_zoom(1.0)
    press(win, minimap_action(win))
    QApplication.processEvents()
    target = far_block_centre(view)
    assert not visible(view).contains(target)
    QTest.mouseClick(
        view.minimap,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pixel_of(view.minimap, target),
    )
    assert visible(view).contains(target)
    assert view.zoom == 1.0  # moved, not zoomed


def test_dragging_in_the_minimap_pans_the_view_along(erp_window):
    win = erp_window
    view, minimap = win.view, win.view.minimap
    view.set_zoom(1.0)
    press(win, minimap_action(win))
    QApplication.processEvents()
    target = far_block_centre(view)
    start = minimap.rect().center()
    end = pixel_of(minimap, target)
    QTest.mousePress(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 5):
        point = QPointF(start + (end - start) * (step / 4))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            minimap.mapToGlobal(point),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(minimap, move)
    QTest.mouseRelease(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert visible(view).contains(target)


def test_the_minimap_follows_edits(erp_window, qtbot):
    win = erp_window
    press(win, minimap_action(win))
    fold = win.view.semantic.scene
    before = set(fold.blocks)
    owner = next(a.owner for a in win.doc.design.applications if a.owner)
    for app in [a for a in win.doc.design.applications if a.owner == owner]:
        win.scene.select_ids([app.id])
        press(win, win.menu_actions.delete)
    qtbot.waitUntil(lambda: f"owner:{owner}" not in fold.blocks)
    assert set(fold.blocks) == before - {f"owner:{owner}"}
