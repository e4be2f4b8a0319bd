"""Banners above the canvas: review mode, and a design file that changed on disk.

A title suffix or a status-bar line is easy to miss; these strips say, where the eye already
is, that gestures will not change the design, or that the file now differs from what is
open, and offer what can be done about it. Fixed colours: they read the same in both themes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

REVIEW_MESSAGE = (
    "<b>Review mode</b> — the design is read-only. Comment with Review > "
    "Comment on Selection (Ctrl+Alt+M) or the Notes panel."
)


class Banner(QFrame):
    """A coloured strip with a message and buttons; hidden until shown."""

    def __init__(
        self, name: str, background: str, border: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            f"#{name} {{ background: {background}; border-bottom: 1px solid "
            f"{border}; }} #{name} QLabel {{ color: #2b2410; }}"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 4, 10, 4)
        self._layout.addWidget(self.label, 1)
        self.hide()

    def button(self, text: str, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        self._layout.addWidget(button)
        return button


class ReviewBanner(Banner):
    """Shown while the window is in review mode; offers to leave it."""

    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("review-banner", "#fdf0d5", "#d9822b", parent)
        self.label.setText(REVIEW_MESSAGE)
        self.leave_button = self.button("Leave review mode")
        self.leave_button.clicked.connect(self.leave_requested.emit)


class DiskChangeBanner(Banner):
    """The open file changed on disk: show the changes, reload, or keep what is open."""

    show_requested = Signal()
    reload_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("disk-change-banner", "#dbe7fb", "#2f6feb", parent)
        self.show_button = self.button("Show changes", "Draw what reloading would change")
        self.reload_button = self.button(
            "Reload", "Open the version on disk; Undo brings yours back"
        )
        self.keep_button = self.button(
            "Keep mine", "Keep what is open; saving will replace the file on disk"
        )
        self.show_button.clicked.connect(self.show_requested.emit)
        self.reload_button.clicked.connect(self.reload_requested.emit)
        self.keep_button.clicked.connect(self.keep_requested.emit)

    def announce(self, message: str, readable: bool) -> None:
        """Show ``message``; a file that cannot be read offers only to keep what is open."""
        self.label.setText(message)
        self.show_button.setVisible(readable)
        self.reload_button.setVisible(readable)
        self.show()
