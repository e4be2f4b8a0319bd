"""Semantic zoom: zoomed out, the canvas shows the design folded instead of every element.

Below ``FOLD_BELOW`` (25 %: an application box is then 47 pixels wide, its texts long gone)
the view shows a ``FoldScene``: one block per owner's applications and one per broker with
its topics, one bundle per pair of blocks that have links, labelled with their count
(``studio.layout.folding`` folds; this module decides when, and keeps the folding current).
Zooming back in shows the mesh again. The view swaps scenes rather than hiding the mesh's
items: hiding 50,000 items and showing them again costs well over a frame each time (about
50 ms for the calls, 600 ms for what the scene does after, at 20,000 elements), swapping
costs nothing and leaves the mesh's tiles and selection as they were.

The folding follows the document lazily: an edit marks it stale and, when the folded picture
or the minimap shows it, folds again once the edits pause (``REFOLD_DELAY_MS``). What a named
view hides (``view_filter``) is left out of the folding too.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from studio.gui.canvas.fold_scene import FoldScene
from studio.layout.folding import Folding, fold
from studio.model import Design
from studio.model.design import sections_among

if TYPE_CHECKING:
    from studio.gui.canvas.view import CanvasView

FOLD_BELOW = 0.25  # zoom under which the view shows the folded picture
REFOLD_DELAY_MS = 250  # quiet time after an edit before folding again


class SemanticZoom(QObject):
    """Shows a view's mesh folded below ``FOLD_BELOW`` and keeps its folding current."""

    folding_changed = Signal()  # a new folding: the minimap draws it again

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.view = view
        self.mesh = view.mesh_scene()
        self.scene = FoldScene(self.mesh.colours)
        self.scene.setParent(self)
        self.enabled = True  # View > Fold When Zoomed Out
        self.overview_shown = False  # a minimap draws the folding too: keep it current
        self.folding: Folding | None = None
        self.stale = True
        self._refold = QTimer(self)
        self._refold.setSingleShot(True)
        self._refold.setInterval(REFOLD_DELAY_MS)
        self._refold.timeout.connect(self.refresh)
        self.mesh.doc.changed.connect(self._outdated)
        self.mesh.rebuild_started.connect(self._rebuilt)
        self.mesh.shown_changed.connect(self._outdated)
        self.scene.block_activated.connect(self.zoom_into)

    @property
    def folded(self) -> bool:
        return self.view.folded

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.follow_zoom()

    def follow_zoom(self) -> None:
        """Fold or unfold for the view's zoom now."""
        wanted = self.enabled and self.view.zoom < FOLD_BELOW and self.mesh.has_elements()
        if wanted:
            self.current()
            self.scene.give_labels_room(self.view.transform())
        if not wanted:
            self.mesh.finish_building()  # the mesh is shown: all of it
        if wanted != self.folded:
            self.view.show_scene(self.scene if wanted else self.mesh)

    def current(self) -> Folding:
        """The folding of the design as it is now (folded again first if stale)."""
        if self.stale or self.folding is None:
            return self.refresh()
        return self.folding

    def refresh(self) -> Folding:
        """Fold the design again and show the new folding."""
        self._refold.stop()
        design = self._shown_design()
        self.folding = fold(design)
        protocols = {broker.id: broker.protocol for broker in design.brokers}
        self.scene.show_folding(self.folding, protocols)
        self.scene.give_labels_room(self.view.transform())
        self.stale = False
        self.folding_changed.emit()
        return self.folding

    def _outdated(self, *_change: object) -> None:
        self.stale = True
        if self.folded or self.overview_shown:
            self._refold.start()

    def _rebuilt(self) -> None:
        """Every item made anew (a file opened, the theme changed): new colours too (and
        nothing hidden by a view yet; a view shown again after the build hides its part)."""
        self.scene.set_colours(self.mesh.colours)
        self._outdated()

    def _shown_design(self) -> Design:
        """The design, without the elements a named view hides on the canvas."""
        design = self.mesh.doc.design
        hidden = self.mesh.hidden_ids()
        if not hidden:
            return design
        shown = {element.id for element in design.elements()} - hidden
        return dataclasses.replace(design, **sections_among(design, shown))

    def zoom_into(self, block_id: str) -> None:
        """Show a block's members unfolded, as much of them as fits."""
        item = self.scene.blocks.get(block_id)
        if item is not None:
            self.view.zoom_to(item.rect(), least=FOLD_BELOW * 1.2)
