"""What the Impact and Changes panels share: a summary line and its Clear button over a tree.

Both list what an analysis found, grouped under headings, and reveal an element when a row is
activated (double-click or Enter); Clear stays disabled until there is something to clear.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from studio.gui.panels.columns import column


class SummaryTreePanel(QWidget):
    """``summary`` (``idle`` while nothing is listed) and ``clear_button`` over ``tree``."""

    def __init__(self, idle: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._idle = idle
        self.summary = QLabel(idle)
        self.summary.setWordWrap(True)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setEnabled(False)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(headers))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemActivated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.clear_button)
        column(self, top, self.tree, margins=(4, 4, 4, 4))

    def show_idle(self) -> None:
        """List nothing, say so, and leave nothing to clear."""
        self.tree.clear()
        self.summary.setText(self._idle)
        self.clear_button.setEnabled(False)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """A row was activated; each panel defines what that reveals."""
        raise TypeError(f"{type(self).__name__} does not define _activated()")
