"""Comment badges survive a theme switch made with the View menu (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from studio.edit.notes import open_threads_by_element
from studio.gui import theme
from studio.gui.canvas.badges import CommentBadge
from studio.gui.main_window import MainWindow
from tests.gui.test_compare_and_disk_changes import halo_of, older_copy


def _badged(win: MainWindow) -> dict[str, int]:
    """Element id -> count of every badge drawn on the canvas, read from the scene."""
    return {
        item.element_id: item.count
        for item in win.scene.items()
        if isinstance(item, CommentBadge) and item.parentItem() is not None
    }


def _menu_action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _choose_theme(qtbot, win: MainWindow, mode: str) -> None:  # type: ignore[no-untyped-def]
    """View > Theme > ``mode``, clicked with the mouse like a user does."""
    bar = win.menuBar()
    view_action = next(a for a in bar.actions() if a.text().replace("&", "") == "View")
    QTest.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar.actionGeometry(view_action).center(),
    )
    view_menu = view_action.menu()
    qtbot.waitUntil(view_menu.isVisible)
    theme_action = _menu_action(view_menu, "Theme")
    QTest.mouseClick(
        view_menu,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view_menu.actionGeometry(theme_action).center(),
    )
    theme_menu = theme_action.menu()
    qtbot.waitUntil(theme_menu.isVisible)
    choice = _menu_action(theme_menu, mode.capitalize())
    with qtbot.waitSignal(choice.triggered):
        QTest.mouseClick(
            theme_menu,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            theme_menu.actionGeometry(choice).center(),
        )
    QApplication.processEvents()


def test_badges_stay_after_switching_the_theme(qtbot, erp_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    expected = open_threads_by_element(win.doc.design)
    assert expected and _badged(win) == expected
    _choose_theme(qtbot, win, "dark")
    assert win.scene.colours is theme.DARK
    assert _badged(win) == expected
    # each badge sits on the item now showing its element
    for badge in (i for i in win.scene.items() if isinstance(i, CommentBadge)):
        assert badge.parentItem() is win.scene.nodes[badge.element_id]
    _choose_theme(qtbot, win, "light")
    assert win.scene.colours is theme.LIGHT
    assert _badged(win) == expected


def test_the_compare_overlay_stays_after_switching_the_theme(  # type: ignore[no-untyped-def]
    qtbot, erp_window: MainWindow, tmp_path
) -> None:
    win = erp_window
    assert win.comparison.compare_with_file(str(older_copy(win, tmp_path)))
    assert halo_of(win, "order-placed") is not None
    _choose_theme(qtbot, win, "dark")
    qtbot.waitUntil(lambda: halo_of(win, "order-placed") is not None, timeout=3000)
    assert win.comparison.result is not None and win.comparison.result.changes
