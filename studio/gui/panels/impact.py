"""The Impact panel: what a change to an element or a registry subject would reach.

The analysis is ``studio.graph``'s (plain data); this panel only lists it, grouped by kind with
the path that reaches each element as its tooltip, and asks the canvas to highlight the
affected elements (plus the origin). Double-click or Enter on an element reveals it; Clear
drops the list and the highlight. The shown impact is recomputed when the design changes,
since an edit can open or cut a path. For a subject, the summary also says whether its
latest version suits the subjects that still reference an older one
(``studio.registry.referrers``), naming those it would break.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QTreeWidgetItem,
    QWidget,
)

from studio.graph import Impact, impact_of_element, impact_of_subject
from studio.gui.panels.summary_tree import SummaryTreePanel
from studio.model import Document, ElementReplaced, PositionChanged
from studio.registry import Registry
from studio.registry.referrers import moved_referrers

NOTHING_SHOWN = "Choose an element or a subject to see what a change to it would reach."


class ImpactPanel(SummaryTreePanel):
    """Elements a change reaches, grouped; emits what to highlight and what to reveal."""

    highlight_requested = Signal(list)  # element ids; empty to clear the highlight
    element_activated = Signal(str)

    def __init__(
        self,
        doc: Document,
        parent: QWidget | None = None,
        registry: Callable[[], Registry | None] = lambda: None,
    ) -> None:
        super().__init__(NOTHING_SHOWN, ["Element", "Name"], parent)
        self.doc = doc
        self.registry = registry  # the window's registry, for subjects that reference others
        self.impact: Impact | None = None
        self._element_id: str | None = None
        self._subject: str | None = None
        self.clear_button.clicked.connect(self.clear)
        self.tree.setUniformRowHeights(True)
        doc.changed.connect(self._document_changed)

    def show_impact_of(self, element_id: str | None, subject: str | None = None) -> None:
        """Show the impact of changing ``subject`` (when given) or else ``element_id``; the
        element is the origin highlighted with the result (say, the message the subject is
        the payload of). With neither, the panel is cleared."""
        if element_id is None and subject is None:
            self.clear()
            return
        self._element_id, self._subject = element_id, subject
        if subject is not None:
            impact = impact_of_subject(self.doc.design, subject, self.registry())
        else:
            assert element_id is not None
            impact = impact_of_element(self.doc.design, element_id)
        self.impact = impact
        self._fill(impact)
        if subject is not None:
            self._tell_moved_referrers(subject)
        self.clear_button.setEnabled(True)
        self.highlight_requested.emit(self.highlighted_ids())

    def highlighted_ids(self) -> list[str]:
        """The origin and the affected elements that are on the canvas (subjects are not)."""
        if self.impact is None:
            return []
        ids = [self._element_id] if self._element_id else []
        ids += [i for group in self.impact.affected.values() for i in group if i not in ids]
        return [i for i in ids if i in self.doc]

    def affected(self) -> dict[str, list[str]]:
        """What the list shows: group -> element ids."""
        shown: dict[str, list[str]] = {}
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            children = (group.child(j) for j in range(group.childCount()))
            shown[group.data(0, Qt.ItemDataRole.UserRole)] = [
                child.data(0, Qt.ItemDataRole.UserRole) for child in children if child
            ]
        return shown

    def clear(self) -> None:
        self.impact, self._element_id, self._subject = None, None, None
        self.show_idle()
        self.highlight_requested.emit([])

    def _fill(self, impact: Impact) -> None:
        self.tree.clear()
        self.summary.setToolTip("")
        for group, ids in impact.affected.items():
            group_item = QTreeWidgetItem([f"{group} ({len(ids)})"])
            group_item.setData(0, Qt.ItemDataRole.UserRole, group)
            group_item.setFlags(group_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for element_id in ids:
                shown = element_id.removeprefix("subject:")
                element = self.doc.get(element_id)
                name = getattr(element, "name", None) or ""
                item = QTreeWidgetItem([shown, name])
                item.setData(0, Qt.ItemDataRole.UserRole, element_id)
                path = " → ".join(impact.paths.get(element_id, []))
                for column in (0, 1):
                    item.setToolTip(column, path)
                group_item.addChild(item)
            self.tree.addTopLevelItem(group_item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        origin = impact.origin
        if impact.count:
            noun = "element" if impact.count == 1 else "elements"
            self.summary.setText(f"A change to {origin} reaches {impact.count} {noun}.")
        else:
            self.summary.setText(f"A change to {origin} reaches nothing else.")

    def _tell_moved_referrers(self, subject: str) -> None:
        registry = self.registry()
        entry = registry.subjects.get(subject) if registry else None
        latest = entry.get("latest") if entry else None
        if registry is None or latest is None:
            return
        moved = moved_referrers(registry, subject, latest.version)
        broken = [m for m in moved if m.breaks]
        if broken:
            names = ", ".join(m.subject for m in broken)
            self.summary.setText(
                self.summary.text() + f" Moving to its v{latest.version} would break {names}."
            )
            self.summary.setToolTip(
                "\n".join(f"{m.subject}: {problem}" for m in broken for problem in m.problems)
            )
        elif moved:
            self.summary.setText(
                self.summary.text() + f" Its v{latest.version} suits the "
                f"{len(moved)} subject(s) that reference an older version."
            )

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        element_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item.parent() is not None and element_id in self.doc:
            self.element_activated.emit(element_id)

    def _document_changed(self, change: object) -> None:
        # moving a node changes no relation, so the impact stands
        if self.impact is None or isinstance(change, PositionChanged):
            return
        if isinstance(change, ElementReplaced) and change.old.id == self._element_id:
            self._element_id = change.new.id  # renamed: keep following the same element
        if self._element_id is not None and self._element_id not in self.doc:
            self._element_id = None  # the origin is gone; a subject's impact still stands
            if self._subject is None:
                self.clear()
                return
        self.show_impact_of(self._element_id, self._subject)
