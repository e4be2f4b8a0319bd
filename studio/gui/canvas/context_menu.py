"""The canvas's context menus: on an element, on a link, on empty canvas.

The view asks ``CanvasMenus.menu_at`` for a menu on a right-click (or the Menu key, or
Shift+F10, on the selection) and pops it up; everything the menu means is decided here.
A right-click first selects what is under the pointer, as desktop applications do, so the
window's own actions (Delete, Show Impact, Comment, Paste, Select All, Auto-layout, Fit) act
on it: they are the same QActions as in the menu bar, with their shortcuts and their review
mode state, not copies. Entries only the canvas has (Rename, Connect to…, Add Endpoint, Add
Message, Bring into Broker, Add at the pointer) build their commands through ``studio.edit``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QMenu

from studio.edit import Command, Refusal
from studio.edit.canvas_edits import into_broker, label_field, new_message
from studio.edit.commands import AddElement
from studio.edit.links import Link, link_owner
from studio.edit.palette import drop_from_palette
from studio.gui import theme
from studio.gui.canvas.edges import EdgeItem
from studio.gui.canvas.nodes import BrokerFrameItem, NodeItem
from studio.gui.icons import glyph_icon
from studio.gui.panels.palette import ENTRIES
from studio.model import Application, Position, Topic

if TYPE_CHECKING:
    from studio.gui.main_window import MainWindow

RENAME_TEXTS = {"name": "&Rename", "address": "Edit &Address", "path": "Edit &Path",
                "text": "Edit &Text"}

Target = NodeItem | EdgeItem | None


class CanvasMenus:
    """Builds the context menus of the window's canvas."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.view.context_menu = self.menu_at

    @property
    def _editable(self) -> bool:
        return not self.window.scene.read_only

    def menu_at(self, scene_pos: QPointF, from_keyboard: bool) -> QMenu:
        """The menu for what is under ``scene_pos`` (a right-click, which selects it first),
        or, from the keyboard, for the selection."""
        target = self._selected() if from_keyboard else self._under(scene_pos)
        if target is not None and not target.isSelected():
            self.window.scene.clearSelection()
            target.setSelected(True)
        menu = QMenu(self.window.view)
        menu.setObjectName("canvas-context-menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(target, NodeItem):
            self._fill_element(menu, target)
        elif isinstance(target, EdgeItem):
            self._fill_link(menu, target.link)
        else:
            self._fill_canvas(menu, scene_pos)
        return menu

    def _under(self, scene_pos: QPointF) -> Target:
        """The element under the point; a link before the broker frame it crosses."""
        scene = self.window.scene
        node = scene.node_at(scene_pos)
        if node is not None and not isinstance(node, BrokerFrameItem):
            return node
        edge = next((i for i in scene.items(scene_pos) if isinstance(i, EdgeItem)), None)
        return edge or node

    def _selected(self) -> Target:
        items = self.window.scene.selectedItems()
        node = next((i for i in items if isinstance(i, NodeItem)), None)
        return node or next((i for i in items if isinstance(i, EdgeItem)), None)

    # -- the three menus --------------------------------------------------------------

    def _fill_element(self, menu: QMenu, item: NodeItem) -> None:
        w, element_id = self.window, item.element_id
        element = w.doc.get(element_id)
        field = label_field(element) if element is not None else None
        if field is not None:
            rename = self._entry(menu, RENAME_TEXTS[field], lambda: self._rename(element_id),
                                 enabled=self._editable)
            rename.setShortcut(QKeySequence(Qt.Key.Key_F2))  # shown only: the view handles F2
        menu.addAction(w.delete_action)
        if item.starts_connections:
            self._entry(menu, "&Connect to…", lambda: self._connect(element_id),
                        enabled=self._editable)
        menu.addSeparator()
        menu.addAction(w.impact_action)
        menu.addAction(w.comment_action)
        if isinstance(element, Application):
            self._entry(menu, "Open &Spec", lambda: self._open_spec(element_id))
            if element.kind != "datastore":  # the kinds a palette endpoint can be dropped on
                self._entry(menu, "Add &Endpoint", lambda: self._add_endpoint(element_id),
                            enabled=self._editable)
        if isinstance(element, Topic):
            self._entry(menu, "Add &Message",
                        lambda: self._push(new_message(w.doc, element_id), element_id),
                        enabled=self._editable)
            self._broker_menu(menu, element)
        menu.addSeparator()
        self._entry(menu, "P&roperties", lambda: self._properties(element_id))

    def _broker_menu(self, menu: QMenu, topic: Topic) -> None:
        brokers = self.window.doc.design.brokers
        sub = menu.addMenu("&Bring into Broker")
        sub.setEnabled(self._editable and bool(brokers))
        for broker in brokers:
            title = f"{broker.name or broker.id} ({broker.protocol})"
            action = self._entry(sub, title, lambda b=broker.id: self._push(
                into_broker(self.window.doc, topic.id, b), topic.id))
            action.setCheckable(True)
            action.setChecked(broker.id == topic.broker)
            action.setEnabled(broker.id != topic.broker)  # already there: nothing to do

    def _fill_link(self, menu: QMenu, link: Link) -> None:
        w = self.window
        menu.addAction(w.delete_action)
        menu.addSeparator()
        self._entry(menu, f"Show &Source ('{link.source}')", lambda: w.reveal(link.source))
        self._entry(menu, f"Show &Target ('{link.target}')", lambda: w.reveal(link.target))
        owner = link_owner(link)  # the element whose Properties hold (and edit) the link
        self._entry(menu, f"P&roperties of '{owner}'", lambda: self._properties(owner))

    def _fill_canvas(self, menu: QMenu, scene_pos: QPointF) -> None:
        w = self.window
        add = menu.addMenu("&Add")
        add.setEnabled(self._editable)
        for kind, label, glyph, tip in ENTRIES:
            if kind == "endpoint":
                continue  # an endpoint belongs to an application: Add Endpoint on it
            accent = theme.KIND_ACCENTS.get(kind) or (
                theme.WEBHOOK_ACCENT if kind == "evented" else QColor("#5b6577"))
            action = self._entry(add, label, lambda k=kind: self._add_at(k, scene_pos))
            action.setIcon(glyph_icon(glyph, accent))
            action.setStatusTip(tip)
        menu.addAction(w.paste_action)
        menu.addSeparator()
        menu.addActions([w.select_all_action, w.layout_action, w.fit_action])

    # -- what the entries do ----------------------------------------------------------

    @staticmethod
    def _entry(menu: QMenu, text: str, slot: Callable[[], object],
               enabled: bool = True) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        return action

    def _rename(self, element_id: str) -> None:
        reason = self.window.view.rename_editor.open(element_id)
        if reason:
            self.window.show_refusal(reason)

    def _connect(self, element_id: str) -> None:
        if self.window.scene.connect_by_click(element_id):
            self.window.statusBar().showMessage(
                f"Click the element to connect '{element_id}' to (Esc cancels).", 8000)

    def _open_spec(self, element_id: str) -> None:
        w = self.window
        w.spec_preview.show_application(element_id)
        w.spec_dock.show()
        w.spec_dock.raise_()

    def _properties(self, element_id: str) -> None:
        w = self.window
        if w.scene.selected_ids() != [element_id]:
            w.scene.select_ids([element_id])
        w.properties.show_element(element_id)
        w.properties_dock.show()
        w.properties_dock.raise_()

    def _add_endpoint(self, provider_id: str) -> None:
        command = drop_from_palette(self.window.doc, "endpoint", Position(0, 0),
                                    under=provider_id)  # docked under it: no position
        shown = command.element.id if isinstance(command, AddElement) else provider_id
        self._push(command, shown)

    def _add_at(self, kind: str, scene_pos: QPointF) -> None:
        reason = self.window.scene.create_element(kind, scene_pos)
        if reason:
            self.window.show_refusal(reason)

    def _push(self, command: Command | Refusal | None, then_show: str) -> None:
        """Run an entry's command, then show ``then_show`` in Properties."""
        if isinstance(command, Refusal):
            self.window.show_refusal(command.reason)
            return
        if command is not None:
            self.window.push(command)
        if then_show in self.window.doc:
            self._properties(then_show)
