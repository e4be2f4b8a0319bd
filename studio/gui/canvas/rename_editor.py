"""In-place editing of an element's label on the canvas (double-click on the label, or F2).

A line edit laid over the label, prefilled and all selected: Enter commits, leaving it
commits, Escape drops what was typed. The text becomes one command, ``relabel`` (Qt-free, in
``studio.edit.canvas_edits``): an application's or broker's name, a topic's address, an
endpoint's path, a note's text; never the id, which Properties renames with its references.
A refused text (an empty address) keeps the editor open with the reason under it, so nothing
typed is lost. The editor follows its element when the view scrolls or zooms, and closes
when the element goes away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolTip

from studio.edit.canvas_edits import label_field, label_of, relabel
from studio.edit.refusal import Refusal
from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.nodes import (
    ApplicationItem,
    DatastoreItem,
    EndpointItem,
    NodeItem,
    NoteItem,
    TopicItem,
)
from studio.model import Change

if TYPE_CHECKING:
    from studio.gui.canvas.view import CanvasView

MIN_WIDTH = 180  # pixels: room to type even when the label is zoomed out small
READ_ONLY = "The design is open read-only (review mode)."


def label_rect(item: NodeItem) -> QRectF:
    """Where ``item`` draws its label, in item coordinates (the band the editor covers and a
    double-click on opens it); follows the layout of each item's ``paint_body``."""
    r = item.size
    if isinstance(item, DatastoreItem):
        return QRectF(r.left() + 8, r.top() + 22, r.width() - 16, 24)
    if isinstance(item, ApplicationItem):
        return QRectF(r.left() + 42, r.top() + 8, r.width() - 48, 24)
    if isinstance(item, TopicItem):
        return QRectF(r.left() + 12, r.top() + 4, r.width() - 36, 22)
    if isinstance(item, EndpointItem):
        return QRectF(r.left() + 54, r.top(), r.width() - 56, r.height())
    if isinstance(item, NoteItem):
        return QRectF(r.left() + 4, r.top() + 18, r.width() - 8, r.height() - 20)
    if isinstance(item, BrokerFrameItem):
        return QRectF(r.left() + 28, r.top() + 2, r.width() - 36, 24)
    return QRectF(r)


def on_label(item: NodeItem, scene_pos: QPointF) -> bool:
    """Whether a point of the scene lies on the item's label."""
    return label_rect(item).contains(item.mapFromScene(scene_pos))


class _LabelLine(QLineEdit):
    """The line edit itself: says when Escape is pressed and when focus leaves it."""

    escaped = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # the line edit's own context menu takes focus too: that is not leaving it
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()


class RenameEditor(QObject):
    """The one in-place label editor of a canvas view."""

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.view = view
        self.element_id: str | None = None
        self.line: _LabelLine | None = None
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._place)
        view.zoom_changed.connect(self._place)
        view.mesh_scene().doc.changed.connect(self._on_change)

    def is_open(self) -> bool:
        return self.line is not None

    def open(self, element_id: str) -> str | None:
        """Start editing an element's label; return why it cannot be, or None."""
        scene = self.view.mesh_scene()
        element = scene.doc.get(element_id)
        item = scene.nodes.get(element_id) or scene.frames.get(element_id)
        if element is None or item is None or label_field(element) is None:
            return f"'{element_id}' has no label to edit on the canvas."
        if scene.read_only:
            return READ_ONLY
        self.close()
        self.element_id = element_id
        self.line = _LabelLine(self.view.viewport())
        self.line.setObjectName("rename-in-place")
        self.line.setText(label_of(element))
        self.line.returnPressed.connect(self.commit)
        self.line.escaped.connect(self.close)
        self.line.left.connect(self.commit)
        self._place()
        self.line.show()
        self.line.selectAll()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    def commit(self) -> bool:
        """Apply the typed text as one undo step; False (editor kept open) when refused."""
        if self.line is None or self.element_id is None:
            return True
        scene = self.view.mesh_scene()
        if self.element_id not in scene.doc:
            self.close()
            return True
        result = relabel(scene.doc, self.element_id, self.line.text())
        if isinstance(result, Refusal):
            self._show_refusal(result.reason)
            return False
        self.close()
        if result is not None:
            scene.push(result)
        return True

    def close(self) -> None:
        """Drop the editor (and what was typed in it) and give the canvas its keys back."""
        line, self.line, self.element_id = self.line, None, None
        if line is None:
            return
        had_focus = line.hasFocus()
        line.blockSignals(True)  # hiding a focused editor is a focus-out: no second commit
        line.hide()
        line.deleteLater()
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- following the element --------------------------------------------------------

    def _on_change(self, _change: Change) -> None:
        if self.line is None or self.element_id is None:
            return
        if self.element_id not in self.view.mesh_scene().doc:
            self.close()  # undone, deleted or another file opened: nothing left to rename
        else:
            self._place()

    def _place(self, *_: object) -> None:
        if self.line is None or self.element_id is None:
            return
        scene = self.view.mesh_scene()
        item = scene.nodes.get(self.element_id) or scene.frames.get(self.element_id)
        if item is None:
            self.close()
            return
        zoom = self.view.zoom
        font = QFont(self.line.font())
        font.setPointSizeF(min(14.0, max(8.0, 9.5 * zoom)))
        self.line.setFont(font)
        band = self.view.mapFromScene(item.mapRectToScene(label_rect(item))).boundingRect()
        height = max(self.line.sizeHint().height(), min(band.height(), 28))
        width = max(band.width(), MIN_WIDTH)
        top = band.top() + (band.height() - height) // 2 if band.height() < 60 else band.top()
        self.line.setGeometry(QRect(band.left(), top, width, height))

    def _show_refusal(self, reason: str) -> None:
        assert self.line is not None
        self.line.setStyleSheet("QLineEdit { border: 1px solid #d93b3b; }")
        below = self.line.mapToGlobal(QPoint(0, self.line.height()))
        QToolTip.showText(below, reason, self.line)
