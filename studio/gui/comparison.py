"""A comparison in the studio: the open design against another version of it.

The other version is a file, a git revision (``git:REV``: the open file at REV, read through
the same core the ``mesh-studio diff`` command uses) or the file on disk when it changed under
the studio. The semantic diff is recomputed a moment after every edit, so the overlay and the
Changes panel follow the work in progress. ``canvas_is_new`` says which side the open design
is: compared with an older version it is the new side (added = only here); when showing what
reloading a changed file would do, it is the old side (added = only on disk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog, QMessageBox, QWidget

from studio.diff import DiffResult, Registries, diff_designs, load_side, registry_of
from studio.diff.changes import Change
from studio.errors import MeshStudioError
from studio.gui import DESIGN_FILE_FILTER
from studio.gui.canvas.overlay import CompareOverlay
from studio.gui.canvas.view import CanvasView
from studio.gui.panels.changes import ChangesPanel
from studio.model import Design, Document
from studio.registry import Registry

REFRESH_MS = 400  # like live validation: after typing pauses, not on every key


# the registry the open design is checked against, and why it is missing if it is
RegistryState = tuple[Registry | None, str | None]


@dataclass(frozen=True)
class ComparedVersion:
    """The version the open design is compared with."""

    design: Design
    label: str
    registry: Registry | None = None
    registry_problem: str | None = None


class Comparison(QObject):
    """Starts comparisons and keeps the diff, the overlay and the Changes panel up to date.

    It compares ``doc`` (checked against ``registry()``), draws on ``view``'s scene, lists in
    ``panel`` (shown in ``dock``), asks over ``window`` and says why not with ``refuse``."""

    def __init__(
        self,
        window: QWidget,
        doc: Document,
        view: CanvasView,
        panel: ChangesPanel,
        dock: QDockWidget,
        registry: Callable[[], RegistryState],
        refuse: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window, self.doc, self.view, self.scene = window, doc, view, view.mesh_scene()
        self.panel, self.dock = panel, dock
        self._registry, self._refuse = registry, refuse
        self.overlay = CompareOverlay(self.scene)
        self.other: ComparedVersion | None = None
        self.canvas_is_new = True
        self.result: DiffResult | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        self.doc.changed.connect(lambda _change: self._document_changed())
        # a theme switch rebuilds every item without a document change: redraw on it too
        self.scene.rebuilt.connect(self._document_changed)
        self.panel.change_activated.connect(self.reveal)
        self.panel.clear_requested.connect(self.stop)

    @property
    def active(self) -> bool:
        return self.other is not None

    # -- what the user asks for -------------------------------------------------------

    def compare_with_file(self, path: str | None = None) -> bool:
        """Compare the open design with another design file (the older version)."""
        if not path:
            start = str(self.doc.path.parent) if self.doc.path else str(Path.cwd())
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Compare with design", start, DESIGN_FILE_FILTER
            )
            if not path:
                return False
        return self._compare(str(path), cwd=None)

    def compare_with_revision(self, revision: str | None = None) -> bool:
        """Compare the open design with its version at a git revision of its repository."""
        if self.doc.path is None:
            self._refuse("Save the design in a git repository to compare it with a revision.")
            return False
        if revision is None:
            revision, ok = QInputDialog.getText(
                self.window,
                "Compare with git revision",
                "Revision (a commit, branch or tag, e.g. HEAD, main, HEAD~3):",
                text="HEAD",
            )
            if not ok or not revision.strip():
                return False
        # git:REV alone means "this file, at REV", in the repository the design lives in
        return self._compare(f"git:{revision.strip()}", cwd=self.doc.path.parent)

    def _compare(self, spec: str, cwd: Path | None) -> bool:
        try:
            side = load_side(spec, other=str(self.doc.path) if self.doc.path else None, cwd=cwd)
        except MeshStudioError as error:
            QMessageBox.critical(self.window, "Cannot compare", str(error))
            return False
        registry, problem = registry_of(side)
        self.show(ComparedVersion(side.design, side.label, registry, problem))
        return True

    def reveal(self, change: Change) -> None:
        """Show a change on the canvas: its element (or ghost) and what it breaks."""
        scene = self.scene
        scene.highlight(self.targets(change) if change.affected else [])
        item = self.overlay.item_for(change.element or "")
        if item is not None:
            if change.element and change.element in self.doc:
                scene.select_ids([change.element])
            self.view.centerOn(item)

    # -- keeping it drawn -------------------------------------------------------------

    def start(self, other: ComparedVersion, canvas_is_new: bool = True) -> DiffResult:
        self.other, self.canvas_is_new = other, canvas_is_new
        return self.refresh()

    def show(self, other: ComparedVersion, canvas_is_new: bool = True) -> DiffResult:
        """Start comparing with ``other`` and bring the Changes panel forward."""
        result = self.start(other, canvas_is_new)
        self.dock.show()
        self.dock.raise_()
        return result

    def stop(self) -> None:
        self._refresh.stop()
        self.other, self.result = None, None
        self.overlay.clear()
        self.panel.clear()
        self.scene.highlight([])

    def refresh(self) -> DiffResult:
        assert self.other is not None, "refresh without a comparison"
        here = (self.doc.design, "the open design", *self._registry())
        there = (
            self.other.design,
            self.other.label,
            self.other.registry,
            self.other.registry_problem,
        )
        old, new = (there, here) if self.canvas_is_new else (here, there)
        self.result = diff_designs(
            old[0],
            new[0],
            Registries(old[2], new[2], old[3], new[3]),
            old_label=old[1],
            new_label=new[1],
        )
        self.overlay.show(self.result.changes, self.other.design)
        self.panel.show_changes(self.other.label, self.result.changes)
        return self.result

    def _document_changed(self) -> None:
        if self.active:
            # the scene rebuilt or replaced items: redraw soon, on the settled design
            self._refresh.start()

    def targets(self, change: Change) -> list[str]:
        """What to highlight for a change: its element and the elements it breaks."""
        ids = [change.element] if change.element else []
        return [*ids, *change.affected]
