"""The palette: element kinds to drag onto the canvas (or activate with Enter/double-click,
which places the element in the middle of the view, so the keyboard can do it too)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from studio.gui import theme
from studio.gui.canvas.view import PALETTE_MIME
from studio.gui.icons import glyph_icon

ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    # kind, label, glyph, tooltip
    ("backend", "Backend", "backend", "A system of record, e.g. an ERP"),
    ("service", "Service", "service", "A microservice that produces or consumes events"),
    ("api", "API", "api", "An application that provides REST endpoints"),
    ("client", "Client", "client", "A portal, app or partner that consumes"),
    ("datastore", "Datastore", "datastore", "A store written and read in CQRS"),
    (
        "evented",
        "Evented API",
        "evented",
        "An API that delivers topic messages to registered webhooks",
    ),
    ("topic", "Topic", "topic", "A channel on a broker; drop it into a broker frame"),
    ("endpoint", "Endpoint", "endpoint", "A REST operation: drop it onto its provider"),
    ("broker", "Broker", "broker", "A Kafka cluster, MQTT broker, ..."),
    ("note", "Note", "note", "A review comment; drop it onto an element to pin it"),
)


class PalettePanel(QListWidget):
    """Kinds of elements; dragging one gives the canvas a palette mime payload."""

    activated_kind = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(28, 28))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(130)
        for kind, label, glyph, tip in ENTRIES:
            accent = theme.KIND_ACCENTS.get(kind) or (
                theme.WEBHOOK_ACCENT if kind == "evented" else QColor("#5b6577")
            )
            item = QListWidgetItem(glyph_icon(glyph, accent), label)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(f"{tip}. Drag onto the canvas, or press Enter.")
            self.addItem(item)
        self.itemActivated.connect(
            lambda item: self.activated_kind.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def kind_of_row(self, row: int) -> str:
        return str(self.item(row).data(Qt.ItemDataRole.UserRole))

    def startDrag(self, actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None:
            return
        mime = QMimeData()
        mime.setData(PALETTE_MIME, str(item.data(Qt.ItemDataRole.UserRole)).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(item.icon().pixmap(32, 32))
        drag.exec(Qt.DropAction.CopyAction)
