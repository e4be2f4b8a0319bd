"""Walking a QTreeWidget's rows: its top-level items and an item's children, as lists.

Qt answers ``topLevelItem(i)`` and ``child(i)`` with a null pointer for an index out of
range, so PySide6 types them as optional; walked by count they never are, and the panels
that list things in trees (notes, changes, shortcuts) read them through these two helpers.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(index) for index in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(index) for index in range(item.childCount()))
    return [child for child in found if child is not None]
