"""The view switcher: a "View" list of "Whole mesh" and the design's views, and the canvas
showing only the chosen view's elements.

The list follows the document (a view added or removed, undone, a file opened); when the
view shown is gone it falls back to the whole mesh. The canvas shows ``view_members`` of the
chosen view (``canvas.view_filter`` hides the rest) and is fitted to it. A view is a way of
looking, not a copy: editing in it edits the design. An element the user adds while a view
is shown (or renames, or pastes) stays shown until the view is left, even when the view's
rules would not pick it, since making something and seeing it vanish would read as lost
work. Positions stay the design's: a view's own ``layout`` is not used on the canvas yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from studio.gui.canvas import view_filter
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.view import CanvasView
from studio.model import (
    Change,
    Document,
    DocumentReset,
    ElementAdded,
    ElementReplaced,
    PositionChanged,
)
from studio.model.views import View, view_members

WHOLE_MESH = "Whole mesh"


def view_label(view: View) -> str:
    """How the list names a view: its name, or its id when it has none."""
    return view.name or view.id


class ViewSelector(QComboBox):
    """An entry for the whole mesh and one per view; an entry's data is the view's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view-selector")
        self.setToolTip("Show the whole mesh or one of the design's views (Ctrl+Shift+V)")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(14)
        self.addItem(WHOLE_MESH, None)

    def entries(self) -> list[tuple[str | None, str]]:
        return [(self.itemData(i), self.itemText(i)) for i in range(self.count())]

    def set_views(self, views: list[View], current: str | None) -> None:
        """List ``views`` and select ``current`` (quietly: the caller shows it itself)."""
        wanted: list[tuple[str | None, str]] = [(None, WHOLE_MESH)]
        wanted += [(v.id, view_label(v)) for v in views]
        self.blockSignals(True)
        try:
            if wanted != self.entries():
                self.clear()
                for view_id, label in wanted:
                    self.addItem(label, view_id)
            self.setCurrentIndex(max(0, self.findData(current)) if current is not None else 0)
        finally:
            self.blockSignals(False)

    def current_view_id(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None


class ViewSwitcher(QObject):
    """Keeps the selector's list and the canvas's shown items in step with the document."""

    def __init__(
        self,
        doc: Document,
        view: CanvasView,
        status: Callable[[str, int], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or view)
        self.doc = doc
        self.view = view
        self.scene: MeshScene = view.mesh_scene()
        self.status = status
        self.selector = ViewSelector()
        self.shown_view: str | None = None
        # what was added or renamed while the view is shown: kept in sight until it is left
        self.kept: set[str] = set()
        self._shown: frozenset[str] = frozenset()  # what the view showed last (none: all)
        self._filtered = False  # whether items are hidden now (a view is applied)
        self.selector.currentIndexChanged.connect(lambda _i: self._chosen())
        # connected after the scene's mirror: items exist by the time this runs
        doc.changed.connect(self._on_change)
        self.scene.rebuilt.connect(self.apply)  # rebuilt items are all visible again
        self._refresh_list()

    # -- the user ---------------------------------------------------------------------

    def focus(self) -> None:
        """Ctrl+Shift+V: the list takes the keyboard (arrows switch, Alt+Down opens it)."""
        self.selector.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_view(self, view_id: str | None) -> None:
        """Show one view (None: the whole mesh), fitted to what it shows."""
        self.shown_view = view_id if self._find(view_id) is not None else None
        self.kept.clear()
        self.selector.set_views(self.doc.design.views, self.shown_view)
        self.apply()
        self.view.fit_all()

    def reveal(self, element_id: str) -> None:
        """An element is to be revealed (search, problems): if the view hides it, leave
        the view rather than select something the user cannot see."""
        item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
        if self.shown_view is None or item is None or item.isVisible():
            return
        label = self.selector.currentText()
        self.show_view(None)
        if self.status is not None:
            self.status(f"'{element_id}' is not in the view {label}: showing the whole mesh", 6000)

    def _chosen(self) -> None:
        self.show_view(self.selector.current_view_id())

    # -- the document -----------------------------------------------------------------

    def _find(self, view_id: str | None) -> View | None:
        return next((v for v in self.doc.design.views if v.id == view_id), None)

    def _on_change(self, change: Change) -> None:
        if isinstance(change, PositionChanged):
            return  # membership never depends on where things are
        if isinstance(change, DocumentReset):
            self.kept.clear()  # another design: nothing was added in this view yet
        elif self.shown_view is not None and isinstance(change, ElementAdded):
            self.kept.add(change.element.id)
        elif isinstance(change, ElementReplaced) and change.old.id in self._shown:
            self.kept.add(change.new.id)  # renamed in the view: still in sight
        self._refresh_list()
        self.apply()

    def _refresh_list(self) -> None:
        if self.shown_view is not None and self._find(self.shown_view) is None:
            self.shown_view = None  # the view was removed (or undone, or another file opened)
            self.kept.clear()
        self.selector.set_views(self.doc.design.views, self.shown_view)

    def apply(self) -> None:
        """Hide what the shown view leaves out (nothing for the whole mesh)."""
        view = self._find(self.shown_view)
        if view is None:
            if self._filtered:  # the whole mesh is already in sight after an edit
                self._shown = frozenset()
                view_filter.show_only(self.scene, None)
                self._filtered = False
            return
        self._filtered = True
        design = self.doc.design
        # a topic kept in sight brings its broker's frame, as the view's own topics do
        frames = {t.broker for t in design.topics if t.id in self.kept and t.broker}
        self._shown = view_members(design, view) | self.kept | frames
        view_filter.show_only(self.scene, self._shown)
