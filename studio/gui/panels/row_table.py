"""A tree widget used as a table: one row per item, no branches.

The Problems panel and the registry browser list many flat rows (every finding, every
subject) and let one be picked at a time; they want the same look and the same speed: no
expander column, rows of one height (Qt then lays out a long list without measuring each
row), and one column that takes the width left over while the others keep theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget


def row_table(headers: Sequence[str], stretched: int) -> QTreeWidget:
    """A table of rows under ``headers``, column ``stretched`` taking the spare width."""
    tree = QTreeWidget()
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = tree.header()
    header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return tree
