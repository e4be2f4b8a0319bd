"""Help > Keyboard Shortcuts: opened with its key, read from the window's actions, filtered
as the user types."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from studio.gui.main_window import MainWindow
from tests.gui.test_review_notes import click_element

NATIVE = QKeySequence.SequenceFormat.NativeText


def native(keys: str) -> str:
    return QKeySequence(keys).toString(NATIVE)


def open_with_key(qtbot, win: MainWindow) -> ShortcutsDialog:  # type: ignore[no-untyped-def]
    win.activateWindow()  # a window shortcut reaches only the active window
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, "Ctrl+/")
    dialogs = [c for c in win.children() if isinstance(c, ShortcutsDialog)]
    assert len(dialogs) == 1
    qtbot.waitUntil(dialogs[0].isActiveWindow)  # it comes up in front, ready to type
    return dialogs[0]


def test_ctrl_slash_lists_the_shortcuts_by_menu_and_the_filter_narrows_them(
    erp_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    dialog = open_with_key(qtbot, win)
    rows = dialog.visible_shortcuts()
    assert ("File", "Save", native("Ctrl+S")) in rows
    assert ("Review", "Comment on Selection", native("Ctrl+Alt+M")) in rows
    assert ("Help", "Keyboard Shortcuts", native("Ctrl+/")) in rows
    # every action of the window that has a shortcut is listed, each once, with its keys
    names = [name for _menu, name, _keys in rows]
    assert len(names) == len(set(names))
    assert win.menu_actions.quit.text().replace("&", "") in names
    menus = [menu for menu, _name, _keys in rows]
    assert sorted(set(menus), key=menus.index) == [
        "File",
        "Edit",
        "View",
        "Design",
        "Review",
        "Help",
    ]

    # typing in the filter (it has the focus) narrows the list
    assert QApplication.focusWidget() is dialog.filter
    QTest.keyClicks(dialog.filter, "comment")
    assert dialog.visible_shortcuts() == [("Review", "Comment on Selection", native("Ctrl+Alt+M"))]
    QTest.keySequence(dialog.filter, QKeySequence.StandardKey.SelectAll)
    QTest.keyClicks(dialog.filter, "ctrl+s")
    # a whole shortcut finds what it does (not every Ctrl+Shift+... as well)
    assert dialog.visible_shortcuts() == [("File", "Save", native("Ctrl+S"))]
    QTest.keyClick(dialog.filter, Qt.Key.Key_Backspace)
    QTest.keyClick(dialog.filter, Qt.Key.Key_Backspace)
    narrowed = dialog.visible_shortcuts()  # "ctrl": every row with Ctrl in its keys
    assert ("File", "Save", native("Ctrl+S")) in narrowed and len(narrowed) < len(rows)
    assert all("ctrl" in keys.lower() for _menu, _name, keys in narrowed)
    QTest.keySequence(dialog.filter, QKeySequence.StandardKey.SelectAll)
    QTest.keyClicks(dialog.filter, "no such action")
    assert dialog.visible_shortcuts() == [] and dialog.empty.isVisibleTo(dialog)
    QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_list_follows_the_window_each_time_it_opens(erp_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    dialog = open_with_key(qtbot, win)
    QTest.keyClicks(dialog.filter, "delete")
    QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, "Ctrl+Shift+R")  # review mode: the edit actions are off
    assert win.menu_actions.review.isChecked()
    again = open_with_key(qtbot, win)
    assert again is dialog and dialog.filter.text() == ""  # one dialog, a fresh filter
    group = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(i).text(0) == "Edit"
    )
    rows = {group.child(i).text(0): group.child(i) for i in range(group.childCount())}
    assert rows["Delete"].isDisabled() and not rows["Copy"].isDisabled()
    dialog.close()


@pytest.fixture
def x11_bindings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The standard keys as X11 has them: Delete is Ctrl+D as well (Qt's KB_X11 table)."""
    real = QKeySequence.keyBindings

    def bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        keys = real(key)
        return [*keys, QKeySequence("Ctrl+D")] if key == QKeySequence.StandardKey.Delete else keys

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(bindings))


def test_ctrl_d_duplicates_even_where_the_platform_gives_it_to_delete(
    x11_bindings: None, erp_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    count = len(win.doc.design.applications)
    click_element(win, "crm")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTest.keySequence(win, "Ctrl+D")
    assert win.doc.get("crm") is not None
    assert len(win.doc.design.applications) == count + 1
    copy = next(a.id for a in win.doc.design.applications[count:])
    assert copy in win.scene.nodes and win.scene.selected_ids() == [copy]
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Delete)  # Del still deletes
    assert win.doc.get(copy) is None and copy not in win.scene.nodes
    dialog = open_with_key(qtbot, win)
    rows = dialog.visible_shortcuts()
    assert ("Edit", "Duplicate", native("Ctrl+D")) in rows
    assert ("Edit", "Delete", native("Del")) in rows
    dialog.close()
