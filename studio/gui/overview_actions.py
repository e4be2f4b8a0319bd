"""The View menu's toggles of semantic zoom and the minimap, connected to a canvas view.

Kept apart from ``actions`` (the window's own actions) because these belong to the canvas:
they are made for a ``CanvasView`` and switch its ``semantic`` zoom and its ``minimap``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from studio.gui.actions import make_action
from studio.gui.canvas.view import CanvasView

MINIMAP_KEY = "Ctrl+Shift+M"


class OverviewActions:
    """Fold When Zoomed Out (on at first) and Minimap (off at first, Ctrl+Shift+M)."""

    def __init__(self, parent: QObject, view: CanvasView) -> None:
        self.fold = make_action(
            parent,
            "Fold &When Zoomed Out",
            checkable=True,
            tip="Below 25 % show an owner's applications and a broker's topics as one block",
        )
        self.fold.setObjectName("fold-when-zoomed-out")
        self.fold.setChecked(view.semantic.enabled)
        self.fold.toggled.connect(view.semantic.set_enabled)
        self.minimap = make_action(
            parent,
            "&Minimap",
            MINIMAP_KEY,
            checkable=True,
            tip="Show the whole design in the canvas's corner; click there to move the view",
        )
        self.minimap.setObjectName("minimap")
        self.minimap.toggled.connect(view.minimap.set_shown)

    def all(self) -> list:  # type: ignore[type-arg]
        return [self.fold, self.minimap]
