"""A comparison in the studio: the open design against another version of it.

The other version is a file, a git revision (``git:REV:PATH``, read through the same core the
``mesh-studio diff`` command uses) or the file on disk when it changed under the studio. The
semantic diff is recomputed a moment after every edit, so the overlay and the Changes panel
follow the work in progress. ``canvas_is_new`` says which side the open design is: when
comparing with an older version it is the new side (added = only here); when looking at what
reloading a changed file would do, it is the old side (added = only on disk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer

from studio.diff import DiffResult, Registries, diff_designs
from studio.diff.changes import Change
from studio.gui.canvas.overlay import CompareOverlay
from studio.gui.canvas.scene import MeshScene
from studio.gui.panels.changes import ChangesPanel
from studio.model import Design, Document
from studio.registry import Registry

REFRESH_MS = 400  # like live validation: after typing pauses, not on every key


@dataclass(frozen=True)
class Side:
    """The version the open design is compared with."""

    design: Design
    label: str
    registry: Registry | None = None
    registry_problem: str | None = None


class Comparison(QObject):
    """Keeps the diff, the overlay and the Changes panel of one comparison up to date."""

    def __init__(self, doc: Document, scene: MeshScene, panel: ChangesPanel,
                 registry: Callable[[], tuple[Registry | None, str | None]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.panel = panel
        self.overlay = CompareOverlay(scene)
        self._registry = registry
        self.other: Side | None = None
        self.canvas_is_new = True
        self.result: DiffResult | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        doc.changed.connect(lambda _change: self._document_changed())

    @property
    def active(self) -> bool:
        return self.other is not None

    def start(self, other: Side, canvas_is_new: bool = True) -> DiffResult:
        self.other, self.canvas_is_new = other, canvas_is_new
        return self.refresh()

    def stop(self) -> None:
        self._refresh.stop()
        self.other, self.result = None, None
        self.overlay.clear()
        self.panel.clear()

    def refresh(self) -> DiffResult:
        assert self.other is not None, "refresh without a comparison"
        mine, problem = self._registry()
        here = (self.doc.design, "the open design", mine, problem)
        there = (self.other.design, self.other.label, self.other.registry,
                 self.other.registry_problem)
        old, new = (there, here) if self.canvas_is_new else (here, there)
        self.result = diff_designs(
            old[0], new[0], Registries(old[2], new[2], old[3], new[3]),
            old_label=old[1], new_label=new[1])
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
