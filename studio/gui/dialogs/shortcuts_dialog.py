"""Help > Keyboard Shortcuts: every key the window answers to, grouped by menu, filterable.

The list is read from the window's own actions each time the dialog is shown, so it cannot
drift from the keys that really work: a new action with a shortcut appears by itself, and the
keys are written as this platform writes them (Ctrl+S here, ⌘S on a Mac). Actions are grouped
under the menu that holds them (in menu order); one no menu holds comes under "Other". The
dialog is a reference to keep open beside the canvas, so it is not modal.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from studio.gui.tree_items import children, top_level_items

# Keys of multimedia and office keyboards (Save, Copy, Zoom In, ...) start here in Qt's key
# table, and F13 and up are the Copy/Paste/Cut keys of Sun keyboards: the platform adds them
# to standard shortcuts, but nobody looks for them in a list
_FIRST_SPECIAL_KEY = Qt.Key.Key_Back.value
_RARE_FUNCTION_KEYS = range(Qt.Key.Key_F13.value, Qt.Key.Key_F35.value + 1)


@dataclass(frozen=True, slots=True)
class Shortcut:
    """An action's name as its menu shows it, without the mnemonic, and its keys."""

    name: str
    keys: str
    enabled: bool


def plain_text(action: QAction) -> str:
    """The action's text without mnemonic '&' and without a trailing ellipsis."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def key_text(action: QAction) -> str:
    """The action's shortcuts as this platform writes them, the ones of special keys left out."""
    # k[0] is Qt's operator[] (the first key), which PySide6's stubs leave out
    keys = [k for k in action.shortcuts() if not k.isEmpty() and _common(k[0].key().value)]  # type: ignore[index]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _common(key: int) -> bool:
    return key < _FIRST_SPECIAL_KEY and key not in _RARE_FUNCTION_KEYS


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[Shortcut]]]:
    """(menu title, its actions that have a shortcut) in menu-bar order, then "Other"."""
    seen: set[int] = set()
    groups: list[tuple[str, list[Shortcut]]] = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if isinstance(menu, QMenu):
            found = _collect(menu.actions(), seen)
            if found:
                groups.append((plain_text(bar_action), found))
    other = _collect(window.findChildren(QAction), seen)
    if other:
        groups.append(("Other", other))
    return groups


def _collect(actions: list[QAction], seen: set[int]) -> list[Shortcut]:
    found: list[Shortcut] = []
    for action in actions:
        submenu = action.menu()
        if isinstance(submenu, QMenu):  # View > Theme and the like: listed under their menu
            found.extend(_collect(submenu.actions(), seen))
            continue
        keys = key_text(action)
        # an action in two menus is listed once, where it comes first
        if action.isSeparator() or not keys or id(action) in seen:
            continue
        seen.add(id(action))
        found.append(Shortcut(plain_text(action), keys, action.isEnabled()))
    return found


class ShortcutsDialog(QDialog):
    """The window's keyboard shortcuts in a tree (menu > action, keys), with a filter field."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setWindowTitle("Keyboard Shortcuts")
        self.filter = QLineEdit()
        self.filter.setObjectName("shortcut-filter")
        self.filter.setPlaceholderText("Filter by action or key (e.g. save, ctrl+s)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 260)
        self.empty = QLabel()
        self.empty.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(520, 600)

    def refresh(self) -> None:
        """Read the window's actions again (their texts and enabled states change)."""
        self.tree.clear()
        for title, shortcuts in shortcut_groups(self._window):
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for shortcut in shortcuts:
                item = QTreeWidgetItem([shortcut.name, shortcut.keys])
                if not shortcut.enabled:
                    item.setToolTip(0, "Not available right now (for example in review mode)")
                    item.setDisabled(True)
                group.addChild(item)
            self.tree.addTopLevelItem(group)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.apply_filter(self.filter.text())

    def apply_filter(self, text: str) -> None:
        """Show the actions whose name or keys contain every word of ``text``; a filter that
        is a whole shortcut (``ctrl+s``) shows what that key does, not Ctrl+Shift+... too."""
        words = text.lower().split()
        rows = [(group, child) for group in top_level_items(self.tree) for child in children(group)]
        whole_key = " ".join(words)
        exact = any(whole_key in _bindings(child) for _group, child in rows)
        for group, child in rows:
            if exact:
                hidden = whole_key not in _bindings(child)
            else:
                haystack = f"{child.text(0)} {child.text(1)} {group.text(0)}".lower()
                hidden = not all(word in haystack for word in words)
            child.setHidden(hidden)
        shown = 0
        for group in top_level_items(self.tree):
            visible = sum(not child.isHidden() for child in children(group))
            group.setHidden(visible == 0)
            shown += visible
        self.empty.setText(f"No shortcut matches “{text.strip()}”." if not shown else "")
        self.empty.setVisible(not shown)

    def visible_shortcuts(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) of every row the filter lets through, top to bottom."""
        rows = []
        for group in top_level_items(self.tree):
            for child in children(group):
                if not group.isHidden() and not child.isHidden():
                    rows.append((group.text(0), child.text(0), child.text(1)))
        return rows


def _bindings(item: QTreeWidgetItem) -> list[str]:
    return [keys.strip().lower() for keys in item.text(1).split(", ")]


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Show the window's shortcuts dialog (one per window), up to date, with the filter
    focused and cleared."""
    dialog = next((c for c in window.children() if isinstance(c, ShortcutsDialog)), None)
    if dialog is None:
        dialog = ShortcutsDialog(window)
    dialog.filter.clear()
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return dialog
