"""When the open design file changes on disk: say so, show what changed, let the user choose.

PRODUCT.md promises that a file changed while open (a ``git pull``) is noticed, that the user
chooses, and that nothing is lost. So nothing happens by itself: a banner says what changed
(counted by the semantic diff, breaking changes first); "Show changes" draws it; "Reload"
swaps the design as one undoable step, so unsaved work stays one Undo away; "Keep mine" keeps
what is open and marks it modified, since it no longer matches the file. A file that cannot
be read right now (half-written, broken) is reported and never replaces what is open.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar

from studio.diff import Registries, diff_designs
from studio.edit import ReplaceDesign
from studio.errors import MeshStudioError
from studio.gui.comparison import ComparedVersion, Comparison, RegistryState
from studio.gui.file_watch import FileWatch
from studio.gui.panels.banners import DiskChangeBanner
from studio.gui.undo import push as push_on_stack
from studio.io.design_file import parse_design
from studio.io.yaml_source import decode_utf8
from studio.model import Design, Document

DISK_LABEL = "the file on disk"


class DiskChanges(QObject):
    """Watches the open design's file and handles the banner's three answers.

    It compares ``doc`` (its history in ``undo_stack``) with the file, checked against
    ``registry()``; shows differences through ``comparison``; after a reload it asks for the
    registry again (``reload_registry``) and says so on ``status``."""

    def __init__(
        self,
        doc: Document,
        undo_stack: QUndoStack,
        banner: DiskChangeBanner,
        comparison: Comparison,
        registry: Callable[[], RegistryState],
        reload_registry: Callable[[], None],
        status: QStatusBar,
    ) -> None:
        super().__init__(banner)
        self.doc, self.undo_stack, self.banner = doc, undo_stack, banner
        self.comparison, self.status = comparison, status
        self._registry, self._reload_registry = registry, reload_registry
        self.watch = FileWatch(self)
        self.on_disk: Design | None = None  # the readable version waiting for an answer
        self.watch.changed_on_disk.connect(self.changed)
        self.watch.vanished.connect(self.vanished)
        self.banner.show_requested.connect(self.show_changes)
        self.banner.reload_requested.connect(self.reload)
        self.banner.keep_requested.connect(self.keep)

    def follow(self, path: Path | None) -> None:
        """Watch ``path`` as the studio has just read or written it."""
        self._settle()
        data = None
        if path is not None:
            try:
                data = path.read_bytes()
            except OSError:
                data = None
        self.watch.watch(path, data)

    def changed(self, data: bytes) -> None:
        path = self.watch.path
        assert path is not None
        try:
            disk = parse_design(decode_utf8(data, path), path).design
        except MeshStudioError as error:
            self.on_disk = None
            self.banner.announce(
                f"<b>{path.name} changed on disk</b> and cannot be read: "
                f"{html.escape(str(error))} What is open stays as it is.",
                False,
            )
            return
        if disk == self.doc.design:
            self.undo_stack.setClean()  # the file now holds exactly what is open
            self._settle()
            return
        self.on_disk = disk
        registry, problem = self._registry()
        result = diff_designs(
            self.doc.design, disk, Registries(registry, registry, problem, problem)
        )
        count, breaking = len(result.changes), len(result.breaking)
        what = (
            f"{count} change{'s' if count != 1 else ''}, {breaking} breaking"
            if count
            else "only the layout differs"
        )
        unsaved = (
            " You have unsaved changes: Reload keeps them one Undo away."
            if not self.undo_stack.isClean()
            else ""
        )
        self.banner.announce(f"<b>{path.name} changed on disk</b> ({what}).{unsaved}", True)

    def vanished(self) -> None:
        """The file was deleted or moved away: what is open is now the only copy."""
        path = self.watch.path
        assert path is not None
        self.on_disk = None
        self.undo_stack.resetClean()  # closing must now offer to save it
        self.banner.announce(
            f"<b>{html.escape(path.name)} was deleted or moved on disk.</b> "
            "What is open stays; Save writes it again.",
            False,
        )

    def show_changes(self) -> None:
        if self.on_disk is None:
            return
        self.comparison.show(
            ComparedVersion(self.on_disk, DISK_LABEL, *self._registry()), canvas_is_new=False
        )

    def reload(self) -> None:
        """Open the version on disk as one undoable step; the window is then clean."""
        if self.on_disk is None:
            return
        # not the window's push: reloading is no edit of the reviewer's, review mode allows it
        push_on_stack(self.undo_stack, self.doc, ReplaceDesign(self.on_disk))
        self.undo_stack.setClean()
        self._reload_registry()
        self._settle()
        self.status.showMessage("Reloaded from disk; Undo brings back what you had.", 8000)

    def keep(self) -> None:
        """Keep what is open; it no longer matches the file, so it counts as modified."""
        self.undo_stack.resetClean()
        self._settle()

    def _settle(self) -> None:
        self.on_disk = None
        self.banner.hide()
        comparison = self.comparison
        if comparison.active and comparison.other and comparison.other.label == DISK_LABEL:
            comparison.stop()
