"""The Changes panel: the semantic diff against a compared version, to read and navigate.

Breaking changes come first, each with the sentence that says who breaks; the rest follow.
Activating a change reveals its element (or the ghost of a removed one) and highlights the
elements it breaks. The panel lists; the window computes the diff and draws the overlay.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QTreeWidgetItem,
    QWidget,
)

from studio.diff.changes import Change
from studio.gui.canvas.overlay import KIND_COLOURS
from studio.gui.panels.summary_tree import SummaryTreePanel
from studio.gui.tree_items import children, top_level_items

CHANGE_ROLE = Qt.ItemDataRole.UserRole
NOTHING_COMPARED = "Compare with a file or a git revision (Review menu) to list what changed."


class ChangesPanel(SummaryTreePanel):
    """A navigable list of changes; emits what to reveal and what to highlight."""

    change_activated = Signal(object)  # the Change
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(NOTHING_COMPARED, ["Change", "Element", "Why"], parent)
        self.changes: tuple[Change, ...] = ()
        self.clear_button.setToolTip("Stop comparing and remove the overlay")
        self.clear_button.clicked.connect(self.clear_requested.emit)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 160)

    def show_changes(self, label: str, changes: Sequence[Change]) -> None:
        self.changes = tuple(changes)
        self.tree.clear()
        breaking = [c for c in changes if c.breaking]
        other = [c for c in changes if not c.breaking]
        for title, group in (
            (f"Breaking ({len(breaking)})", breaking),
            (f"Not breaking ({len(other)})", other),
        ):
            if group:
                top = QTreeWidgetItem([title])
                top.setFirstColumnSpanned(True)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for change in group:
                    top.addChild(self._row(change))
                self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        if changes:
            self.summary.setText(
                f"Compared with {label}: {len(changes)} change"
                f"{'s' if len(changes) != 1 else ''}, {len(breaking)} breaking."
            )
        else:
            self.summary.setText(f"Compared with {label}: no semantic changes.")
        self.clear_button.setEnabled(True)

    def clear(self) -> None:
        self.changes = ()
        self.show_idle()

    def _row(self, change: Change) -> QTreeWidgetItem:
        what = change.what or change.path
        row = QTreeWidgetItem(
            [f"{change.kind}: {what}", change.element or "(design)", change.reason]
        )
        row.setData(0, CHANGE_ROLE, change)
        row.setForeground(0, QBrush(KIND_COLOURS[change.kind]))
        row.setToolTip(2, change.reason)
        row.setToolTip(0, change.path)
        return row

    def rows(self) -> list[QTreeWidgetItem]:
        """Every change row, in the order shown (breaking first)."""
        return [row for top in top_level_items(self.tree) for row in children(top)]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        change = item.data(0, CHANGE_ROLE)
        if isinstance(change, Change):
            self.change_activated.emit(change)
