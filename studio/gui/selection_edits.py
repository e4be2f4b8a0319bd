"""Edit menu edits of the canvas selection: delete, cut, copy, paste, duplicate, select all.

The clipboard holds plain text (a design fragment, ``studio.edit.clipboard``), so a copy also
pastes into editors and chats, and a fragment written elsewhere pastes here. Every change is
one command through ``push``; a paste selects what it added.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication

from studio.edit import AddElement, Command, delete_elements
from studio.edit.clipboard import copy_elements, paste_elements
from studio.errors import MeshStudioError
from studio.gui.canvas.view import CanvasView


class SelectionEdits:
    """The edits of ``view``'s selection, pushed through ``push``; ``refuse`` says why not."""

    def __init__(
        self, view: CanvasView, push: Callable[[Command], None], refuse: Callable[[str], None]
    ) -> None:
        self.view, self.scene = view, view.mesh_scene()
        self.doc = self.scene.doc
        self.push, self.refuse = push, refuse

    def delete(self) -> None:
        command = delete_elements(self.doc, self.scene.selected_ids(), self.scene.selected_links())
        if command is not None:
            # cleared at once: Qt would tell each removed item's deselection, and each time
            # the selection's listeners walk it (all of 5,000 elements deleted took minutes)
            self.scene.clearSelection()
            self.push(command)

    def copy(self) -> None:
        ids = self.scene.selected_ids()
        if not ids:
            return
        # plain text (a design fragment) also pastes into editors and chats; and
        # QClipboard.setMimeData crashes PySide6 at exit on some platforms
        QGuiApplication.clipboard().setText(copy_elements(self.doc.design, ids))

    def cut(self) -> None:
        self.copy()
        self.delete()

    def paste(self, text: str | None = None) -> None:
        if text is None or not isinstance(text, str):  # a triggered action passes a bool
            text = QGuiApplication.clipboard().text()
        try:
            command = paste_elements(self.doc, text)
        except MeshStudioError as error:
            self.refuse(str(error))
            return
        if command is None:
            return
        self.push(command)
        self.scene.select_ids(c.element.id for c in command.commands if isinstance(c, AddElement))

    def duplicate(self) -> None:
        ids = self.scene.selected_ids()
        if ids:
            self.paste(copy_elements(self.doc.design, ids))

    def select_all(self) -> None:
        self.scene.select_only(self.scene.items())

    def add_at_centre(self, kind: str) -> None:
        """A palette entry activated without a drag: the new element goes mid-view."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        reason = self.scene.create_element(kind, QPointF(centre))
        if reason:
            self.refuse(reason)
