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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from studio.diff import Registries, diff_designs
from studio.edit import ReplaceDesign
from studio.errors import MeshStudioError
from studio.gui.comparison import ComparedVersion
from studio.gui.file_watch import FileWatch
from studio.gui.undo import push as push_on_stack
from studio.io.design_file import parse_design
from studio.io.yaml_source import decode_utf8
from studio.model import Design

if TYPE_CHECKING:
    from studio.gui.main_window import MainWindow

DISK_LABEL = "the file on disk"


class DiskChanges(QObject):
    """Watches the window's file and handles the banner's three answers."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner = window.disk_banner
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
        window = self.window
        try:
            disk = parse_design(decode_utf8(data, path), path).design
        except MeshStudioError as error:
            self.on_disk = None
            self.banner.announce(f"<b>{path.name} changed on disk</b> and cannot be read: "
                                 f"{html.escape(str(error))} What is open stays as it is.", False)
            return
        if disk == window.doc.design:
            window.undo_stack.setClean()  # the file now holds exactly what is open
            self._settle()
            return
        self.on_disk = disk
        registry, problem = window.registry, window.registry_problem
        result = diff_designs(window.doc.design, disk, Registries(registry, registry,
                                                                  problem, problem))
        count, breaking = len(result.changes), len(result.breaking)
        what = (f"{count} change{'s' if count != 1 else ''}, {breaking} breaking" if count
                else "only the layout differs")
        unsaved = (" You have unsaved changes: Reload keeps them one Undo away."
                   if not window.undo_stack.isClean() else "")
        self.banner.announce(f"<b>{path.name} changed on disk</b> ({what}).{unsaved}", True)

    def vanished(self) -> None:
        """The file was deleted or moved away: what is open is now the only copy."""
        path = self.watch.path
        assert path is not None
        self.on_disk = None
        self.window.undo_stack.resetClean()  # closing must now offer to save it
        self.banner.announce(f"<b>{html.escape(path.name)} was deleted or moved on disk.</b> "
                             "What is open stays; Save writes it again.", False)

    def show_changes(self) -> None:
        if self.on_disk is None:
            return
        window = self.window
        window.comparison.start(ComparedVersion(self.on_disk, DISK_LABEL, window.registry,
                                     window.registry_problem), canvas_is_new=False)
        window.changes_dock.show()
        window.changes_dock.raise_()

    def reload(self) -> None:
        """Open the version on disk as one undoable step; the window is then clean."""
        if self.on_disk is None:
            return
        window = self.window
        # not the window's push: reloading is no edit of the reviewer's, review mode allows it
        push_on_stack(window.undo_stack, window.doc, ReplaceDesign(self.on_disk))
        window.undo_stack.setClean()
        window.reload_registry()
        self._settle()
        window.statusBar().showMessage("Reloaded from disk; Undo brings back what you had.",
                                       8000)

    def keep(self) -> None:
        """Keep what is open; it no longer matches the file, so it counts as modified."""
        self.window.undo_stack.resetClean()
        self._settle()

    def _settle(self) -> None:
        self.on_disk = None
        self.banner.hide()
        comparison = self.window.comparison
        if comparison.active and comparison.other and comparison.other.label == DISK_LABEL:
            comparison.stop()

