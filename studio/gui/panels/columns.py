"""Widgets and layouts stacked top to bottom: the one arrangement every panel and form uses.

A panel is mostly a column of parts (a bar, a list, a status line) with its own margins;
``column`` says that in one call, so the parts read in the order they are shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

Part = QWidget | QLayout
# A part alone keeps its size; a (part, stretch) pair shares the height left by stretch.
Placed = Part | tuple[Part, int]
Margins = tuple[int, int, int, int]


def column(parent: QWidget, *parts: Placed, margins: Margins = (0, 0, 0, 0)) -> QVBoxLayout:
    """Lay ``parts`` out top to bottom in ``parent``."""
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(*margins)
    for placed in parts:
        part, stretch = placed if isinstance(placed, tuple) else (placed, 0)
        if isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return layout


def page(*parts: Placed, margins: Margins = (0, 0, 0, 0)) -> QWidget:
    """A widget holding ``parts`` in a column (a tab, a page of a stack)."""
    widget = QWidget()
    column(widget, *parts, margins=margins)
    return widget
