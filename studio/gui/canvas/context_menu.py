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
from functools import partial

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar

from studio.edit import Command, Refusal
from studio.edit.canvas_edits import into_broker, label_field, new_message
from studio.edit.commands import AddElement
from studio.edit.palette import drop_from_palette
from studio.gui import theme
from studio.gui.actions import Actions
from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.edges import EdgeItem
from studio.gui.canvas.nodes import NodeItem
from studio.gui.canvas.view import CanvasView
from studio.gui.icons import glyph_icon
from studio.gui.panels.palette import ENTRIES
from studio.gui.panels.properties import PropertiesPanel
from studio.gui.panels.spec_preview import SpecPreviewPanel
from studio.model import Application, Position, Topic
from studio.model.relations import Link, link_owner

RENAME_TEXTS = {
    "name": "&Rename",
    "address": "Edit &Address",
    "path": "Edit &Path",
    "text": "Edit &Text",
}

Target = NodeItem | EdgeItem | None


class CanvasMenus:
    """Builds the context menus of ``view``: the window's ``actions`` where the menu bar has
    them; the canvas's own entries push commands through ``push``, show elements with
    ``reveal``, in ``properties`` and ``spec_preview`` (raising their docks), and say why
    not with ``refuse`` or what happens next on ``status``."""

    def __init__(
        self,
        view: CanvasView,
        actions: Actions,
        push: Callable[[Command], None],
        *,
        reveal: Callable[[str], None],
        refuse: Callable[[str], None],
        properties: tuple[PropertiesPanel, QDockWidget],
        spec_preview: tuple[SpecPreviewPanel, QDockWidget],
        status: QStatusBar,
    ) -> None:
        self.view, self.scene = view, view.mesh_scene()
        self.doc = self.scene.doc
        self.actions, self.push = actions, push
        self._reveal, self._refuse, self._status = reveal, refuse, status
        self._properties_panel, self._spec_preview = properties, spec_preview
        view.context_menu = self.menu_at

    @property
    def _editable(self) -> bool:
        return not self.scene.read_only

    def menu_at(self, scene_pos: QPointF, from_keyboard: bool) -> QMenu:
        """The menu for what is under ``scene_pos`` (a right-click, which selects it first),
        or, from the keyboard, for the selection."""
        target = self._selected() if from_keyboard else self._under(scene_pos)
        if target is not None and not target.isSelected():
            self.scene.clearSelection()
            target.setSelected(True)
        menu = QMenu(self.view)
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
        scene = self.scene
        node = scene.node_at(scene_pos)
        if node is not None and not isinstance(node, BrokerFrameItem):
            return node
        edge = next((i for i in scene.items(scene_pos) if isinstance(i, EdgeItem)), None)
        return edge or node

    def _selected(self) -> Target:
        items = self.scene.selectedItems()
        node = next((i for i in items if isinstance(i, NodeItem)), None)
        return node or next((i for i in items if isinstance(i, EdgeItem)), None)

    # -- the three menus --------------------------------------------------------------

    def _fill_element(self, menu: QMenu, item: NodeItem) -> None:
        a, element_id = self.actions, item.element_id
        element = self.doc.get(element_id)
        field = label_field(element) if element is not None else None
        if field is not None:
            rename = self._entry(
                menu, RENAME_TEXTS[field], lambda: self._rename(element_id), enabled=self._editable
            )
            rename.setShortcut(QKeySequence(Qt.Key.Key_F2))  # shown only: the view handles F2
        menu.addAction(a.delete)
        if item.starts_connections:
            self._entry(
                menu, "&Connect to…", lambda: self._connect(element_id), enabled=self._editable
            )
        menu.addSeparator()
        menu.addAction(a.impact)
        menu.addAction(a.comment)
        if isinstance(element, Application):
            self._entry(menu, "Open &Spec", lambda: self._open_spec(element_id))
            if element.kind != "datastore":  # the kinds a palette endpoint can be dropped on
                self._entry(
                    menu,
                    "Add &Endpoint",
                    lambda: self._add_endpoint(element_id),
                    enabled=self._editable,
                )
        if isinstance(element, Topic):
            self._entry(
                menu,
                "Add &Message",
                lambda: self._push_then_show(new_message(self.doc, element_id), element_id),
                enabled=self._editable,
            )
            self._broker_menu(menu, element)
        menu.addSeparator()
        self._entry(menu, "P&roperties", lambda: self._properties(element_id))

    def _broker_menu(self, menu: QMenu, topic: Topic) -> None:
        brokers = self.doc.design.brokers
        sub = menu.addMenu("&Bring into Broker")
        sub.setEnabled(self._editable and bool(brokers))
        for broker in brokers:
            title = f"{broker.name or broker.id} ({broker.protocol})"
            action = self._entry(sub, title, partial(self._bring_into, topic.id, broker.id))
            action.setCheckable(True)
            action.setChecked(broker.id == topic.broker)
            action.setEnabled(broker.id != topic.broker)  # already there: nothing to do

    def _fill_link(self, menu: QMenu, link: Link) -> None:
        menu.addAction(self.actions.delete)
        menu.addSeparator()
        self._entry(menu, f"Show &Source ('{link.source}')", lambda: self._reveal(link.source))
        self._entry(menu, f"Show &Target ('{link.target}')", lambda: self._reveal(link.target))
        owner = link_owner(link)  # the element whose Properties hold (and edit) the link
        self._entry(menu, f"P&roperties of '{owner}'", lambda: self._properties(owner))

    def _fill_canvas(self, menu: QMenu, scene_pos: QPointF) -> None:
        a = self.actions
        add = menu.addMenu("&Add")
        add.setEnabled(self._editable)
        for kind, label, glyph, tip in ENTRIES:
            if kind == "endpoint":
                continue  # an endpoint belongs to an application: Add Endpoint on it
            accent = theme.KIND_ACCENTS.get(kind) or (
                theme.WEBHOOK_ACCENT if kind == "evented" else theme.NEUTRAL_ACCENT
            )
            action = self._entry(add, label, partial(self._add_at, kind, scene_pos))
            action.setIcon(glyph_icon(glyph, accent))
            action.setStatusTip(tip)
        menu.addAction(a.paste)
        menu.addSeparator()
        menu.addActions([a.select_all, a.layout, a.fit])

    # -- what the entries do ----------------------------------------------------------

    @staticmethod
    def _entry(menu: QMenu, text: str, slot: Callable[[], object], enabled: bool = True) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        return action

    def _rename(self, element_id: str) -> None:
        reason = self.view.rename_editor.open(element_id)
        if reason:
            self._refuse(reason)

    def _connect(self, element_id: str) -> None:
        if self.scene.connect_by_click(element_id):
            self._status.showMessage(
                f"Click the element to connect '{element_id}' to (Esc cancels).", 8000
            )

    def _open_spec(self, element_id: str) -> None:
        panel, dock = self._spec_preview
        panel.show_application(element_id)
        dock.show()
        dock.raise_()

    def _properties(self, element_id: str) -> None:
        if self.scene.selected_ids() != [element_id]:
            self.scene.select_ids([element_id])
        panel, dock = self._properties_panel
        panel.show_element(element_id)
        dock.show()
        dock.raise_()

    def _add_endpoint(self, provider_id: str) -> None:
        command = drop_from_palette(
            self.doc, "endpoint", Position(0, 0), under=provider_id
        )  # docked under it: no position
        shown = command.element.id if isinstance(command, AddElement) else provider_id
        self._push_then_show(command, shown)

    def _bring_into(self, topic_id: str, broker_id: str) -> None:
        self._push_then_show(into_broker(self.doc, topic_id, broker_id), topic_id)

    def _add_at(self, kind: str, scene_pos: QPointF) -> None:
        reason = self.scene.create_element(kind, scene_pos)
        if reason:
            self._refuse(reason)

    def _push_then_show(self, command: Command | Refusal | None, then_show: str) -> None:
        """Run an entry's command, then show ``then_show`` in Properties."""
        if isinstance(command, Refusal):
            self._refuse(command.reason)
            return
        if command is not None:
            self.push(command)
        if then_show in self.doc:
            self._properties(then_show)
