"""Design-wide tools of the main window: auto-layout, diagram export, taxonomy, export, portal.

Each works on the whole open design rather than on the selection: it opens its dialog over
the window, and what changes the design is one command through ``push``. Graphviz and Jinja2
load when a tool is first used, not with the window (start-up has a budget).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from studio.edit import Command, SetSection
from studio.edit.actions import apply_layout
from studio.errors import MeshStudioError
from studio.gui.canvas.view import CanvasView
from studio.gui.dialogs.export_dialog import ExportDialog
from studio.gui.dialogs.taxonomy_dialog import TaxonomyDialog
from studio.model import Document
from studio.registry import Registry


@dataclass(frozen=True, slots=True)
class ToolContext:
    """What the window's design-wide tools work with, built once by the window: the open
    ``doc``, the ``view`` showing it, ``push`` for their one command each, the ``window``
    their dialogs open over, the ``settings`` that keep their folders and the ``status`` bar
    they report on."""

    window: QWidget
    doc: Document
    view: CanvasView
    push: Callable[[Command], None]
    settings: QSettings
    status: QStatusBar


class DesignTools:
    """The tools for the open design, with dialogs over the window."""

    def __init__(self, ctx: ToolContext, registry: Callable[[], Registry | None]) -> None:
        self.ctx, self._registry = ctx, registry

    def auto_layout(self, engine: str = "auto") -> None:
        """Lay the whole mesh out (Graphviz, or the built-in engine) as one undoable step."""
        from studio.layout import auto_layout  # graphviz loads only when used

        result = auto_layout(self.ctx.doc.design, engine)
        command = apply_layout(self.ctx.doc, result.positions, result.engine)
        if command is None:  # said, or the menu item would seem to do nothing
            self.ctx.status.showMessage("Auto-layout moved nothing: the mesh is laid out.", 8000)
            return
        self.ctx.push(command)
        self.ctx.view.fit_all()
        engine_name = "Graphviz" if result.engine == "dot" else "the built-in engine"
        said = (f"Laid out with {engine_name}.", *result.remarks)
        self.ctx.status.showMessage(" ".join(said), 8000)

    def export_diagram(self, path: str | None = None) -> bool:
        """Save the mesh as a diagram; the format follows the file's extension."""
        from studio.layout import render

        if not path:
            start = str((self.ctx.doc.path or Path.cwd() / "mesh").with_suffix(".svg"))
            path, _ = QFileDialog.getSaveFileName(
                self.ctx.window,
                "Export diagram",
                start,
                "SVG (*.svg);;PNG (*.png);;Graphviz DOT (*.dot)",
            )
            if not path:
                return False
        try:
            render(self.ctx.doc.design, path)
        except (MeshStudioError, OSError) as error:
            QMessageBox.critical(self.ctx.window, "Cannot export diagram", str(error))
            return False
        self.ctx.status.showMessage(f"Diagram saved to {path}", 6000)
        return True

    def edit_taxonomy(self, dialog: TaxonomyDialog | None = None) -> None:
        """Edit the taxonomy in a dialog; OK is one undoable change."""
        dialog = dialog or TaxonomyDialog(self.ctx.doc.design.taxonomy, self.ctx.window)
        if dialog.exec() == TaxonomyDialog.DialogCode.Accepted:
            taxonomy = dialog.taxonomy()
            if taxonomy != self.ctx.doc.design.taxonomy:
                self.ctx.push(SetSection("taxonomy", taxonomy, label="Edit taxonomy"))

    def open_export_dialog(self) -> None:
        ExportDialog(self.ctx.doc, self._registry(), self.ctx.settings, self.ctx.window).exec()

    def open_portal_dialog(self) -> None:
        from studio.gui.dialogs.portal_dialog import PortalDialog  # Jinja2 loads when used

        PortalDialog(self.ctx.doc, self._registry(), self.ctx.settings, self.ctx.window).exec()
