"""File > Import Specs: AsyncAPI and OpenAPI documents merged into the open design.

The headless importer does the mapping; this module picks the files, decides where the
imported schemas go and makes the merge one undoable step (the new elements arrive placed,
nothing placed before moves). The schemas go into the design's registry file, written
atomically at import time rather than kept in memory until the design is saved: a registry
only ever gains versions, so a written schema costs nothing if the import is undone, while a
schema held in memory would be lost to a crash (recovery files hold the design, not the
registry). A design without a registry file gets one beside it, named as ``mesh-studio
import`` names it, and linked within the undo step. An untitled design has no "beside": when
the documents bring schemas, the user is asked to save it first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from studio.edit.actions import merge_import
from studio.errors import MeshStudioError
from studio.gui.design_tools import ToolContext
from studio.gui.dialogs.output_folder import folder_key
from studio.model import is_untouched
from studio.registry import Registry, load_registry
from studio.registry.file import save_registry

if TYPE_CHECKING:
    from studio.importer import ImportResult

SPEC_FILE_FILTER = "AsyncAPI / OpenAPI (*.yaml *.yml *.json)"
TITLE = "Import Specs"
ERROR_TITLE = "Cannot import specs"
NOTES_SHOWN = 8  # more notes are behind "Show Details..."


def registry_path_for(design_path: Path | None, link: str | None) -> Path | None:
    """The registry file imported schemas go into: the design's own, else ``NAME.registry.yaml``
    beside ``NAME.mesh.yaml``; None for an untitled design."""
    if design_path is None:
        return None
    if link:
        return design_path.parent / link
    name = design_path.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".mesh")
    return design_path.parent / f"{name}.registry.yaml"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@contextmanager
def _busy() -> Iterator[None]:
    # many documents take seconds to read and lay out; the window waits meanwhile
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _versions(registry: Registry) -> int:
    return sum(len(s.versions) for s in registry.subjects.values())


class SpecImport(QObject):
    """Runs File > Import Specs for one window.

    The documents merge into the open design through ``ctx.push`` and are shown on its view;
    dialogs open over the window, the last folder is kept in its settings, the outcome said
    on its status bar. ``read_only`` says whether the window is in review mode, ``refuse``
    says why not, ``reload_registry`` loads the design's registry file again and ``save_as``
    saves an untitled design (False if the user cancelled)."""

    def __init__(
        self,
        ctx: ToolContext,
        *,
        read_only: Callable[[], bool],
        refuse: Callable[[str], None],
        reload_registry: Callable[[], None],
        save_as: Callable[[], bool],
    ) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self._read_only, self._refuse = read_only, refuse
        self._reload_registry, self._save_as = reload_registry, save_as

    def choose_files(self) -> None:
        """Ask for documents (starting in the folder last imported from) and import them."""
        doc = self.ctx.doc
        key = folder_key("import", doc.path)
        start = str(self.ctx.settings.value(key) or (doc.path.parent if doc.path else Path.cwd()))
        paths, _ = QFileDialog.getOpenFileNames(self.ctx.window, TITLE, start, SPEC_FILE_FILTER)
        if paths:
            # remembered even if the import fails: the next try starts in the same folder
            self.ctx.settings.setValue(key, str(Path(paths[0]).parent))
            self.import_files(paths)

    def import_files(self, paths: Sequence[str | Path]) -> bool:
        """Import ``paths`` as one undoable step; False, with nothing changed, if it cannot."""
        # loaded when used, not with the window: start-up has a budget
        from studio.importer import import_specs
        from studio.layout.completion import drawing_positions

        doc = self.ctx.doc
        if self._read_only():
            self._refuse("Review mode: the design is read-only.")
            return False
        target = registry_path_for(doc.path, doc.design.registry)
        try:
            # read the file itself, not the registry loaded at open: it may have changed since
            base = load_registry(target)[0] if target is not None and target.exists() else None
            # a blank design takes its title from the documents, as `mesh-studio import` does
            into = None if is_untouched(doc.design) else doc.design
            with _busy():
                result = import_specs(paths, into=into, registry=base)
        except MeshStudioError as error:
            QMessageBox.critical(self.ctx.window, ERROR_TITLE, str(error))
            return False
        schemas = result.registry_changed
        if schemas and target is None:
            return self._save_first(paths, _versions(result.registry))
        design = result.design
        if schemas:
            assert target is not None
            if design.registry is None:
                design.registry = target.name  # linked in the undo step, beside the design
            try:
                save_registry(result.registry, target)
            except OSError as error:
                QMessageBox.critical(
                    self.ctx.window,
                    ERROR_TITLE,
                    f"{target}: cannot be written ({error.strerror or error}); "
                    "nothing was imported.",
                )
                return False
        was_empty = not self.ctx.view.mesh_scene().nodes
        if design != doc.design:  # documents imported before change nothing: no empty step
            with _busy():
                positions = drawing_positions(design)
            label = f"Import {_plural(len(paths), 'spec')}"
            self.ctx.push(merge_import(design, positions, result.added, label))
        if schemas:
            self._reload_registry()
        self._show_result(len(paths), result, was_empty)
        return True

    def _save_first(self, paths: Sequence[str | Path], new_versions: int) -> bool:
        """Ask to save an untitled design, so that its registry file has a folder."""
        answer = QMessageBox.question(
            self.ctx.window,
            TITLE,
            f"The documents bring {_plural(new_versions, 'schema')}, kept in a registry file "
            "beside the design. Save the design first to choose where they go?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer != QMessageBox.StandardButton.Save or not self._save_as():
            return False
        return self.import_files(paths)  # again: a registry file may already be there

    def _show_result(self, documents: int, result: ImportResult, was_empty: bool) -> None:
        summary = (
            f"Imported {_plural(documents, 'document')}: added "
            f"{_plural(len(result.added), 'element')}"
        )
        if result.updated:
            summary += f", updated {len(result.updated)}"
        self.ctx.status.showMessage(summary, 10000)
        scene = self.ctx.view.mesh_scene()
        scene.select_ids(result.added)
        selected = scene.selectedItems()
        if was_empty:
            self.ctx.view.fit_all()
        elif selected:
            rect = QRectF()
            for item in selected:
                rect = rect.united(item.sceneBoundingRect())
            self.ctx.view.centerOn(rect.center())
        if result.notes:
            lines = [str(note) for note in result.notes]
            box = QMessageBox(
                QMessageBox.Icon.Information,
                TITLE,
                f"{summary}. {_plural(len(lines), 'item')} could not be mapped and were left out:",
                QMessageBox.StandardButton.Ok,
                self.ctx.window,
            )
            more = len(lines) - NOTES_SHOWN
            box.setInformativeText(
                "\n".join(lines[:NOTES_SHOWN]) + (f"\n… and {more} more" if more > 0 else "")
            )
            box.setDetailedText("\n".join(lines))
            box.exec()
