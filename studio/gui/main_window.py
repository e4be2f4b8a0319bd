"""The studio's main window: canvas, docks, menus, file handling, undo, review mode.

The window owns one Document, its QUndoStack and the scene mirroring it. Every edit reaches
the Document as a command through ``push``; the stack's clean state drives the title's
modified marker and the unsaved-changes prompt. Files are opened through the headless core,
so the studio reports exactly the errors the CLI reports.
"""

from __future__ import annotations

import dataclasses
import getpass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QPointF, QSettings, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio.edit import AddElement, Command, ReplaceElement, SetSection, delete_elements
from studio.edit.actions import apply_layout
from studio.edit.clipboard import copy_elements, paste_elements
from studio.edit.notes import notes_only
from studio.errors import MeshStudioError
from studio.gui import DESIGN_FILE_FILTER, theme
from studio.gui.autosave import AutosaveController
from studio.gui.canvas.badges import CommentBadges
from studio.gui.canvas.context_menu import CanvasMenus
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.view import CanvasView
from studio.gui.comparison import Comparison
from studio.gui.dialogs.export_dialog import ExportDialog
from studio.gui.dialogs.taxonomy_dialog import TaxonomyDialog
from studio.gui.disk_changes import DiskChanges
from studio.gui.panels.banners import DiskChangeBanner, ReviewBanner
from studio.gui.panels.changes import ChangesPanel
from studio.gui.panels.impact import ImpactPanel
from studio.gui.panels.notes import NotesPanel
from studio.gui.panels.palette import PalettePanel
from studio.gui.panels.problems import SEVERITY_COLOURS, ProblemsPanel
from studio.gui.panels.properties import PropertiesPanel
from studio.gui.panels.registry_browser import RegistryBrowser
from studio.gui.panels.search import SearchField
from studio.gui.panels.spec_preview import SpecPreviewPanel
from studio.gui.recent_files import RecentFiles
from studio.gui.registry_link import RegistryLinkFollower
from studio.gui.spec_import import SpecImport
from studio.gui.undo import push as push_on_stack
from studio.gui.window_menus import build_actions, build_menus
from studio.io.design_file import load_design, save_design
from studio.model import Application, Design, Document, Message, SchemaRef, Topic, new_design
from studio.model.summary import summarize
from studio.registry import Registry, load_registry
from studio.validate.runner import RegistryInput

APP_NAME = "Mesh Studio"


class MainWindow(QMainWindow):
    """One window, one design."""

    def __init__(self, review: bool = False, settings: QSettings | None = None,
                 theme_mode: str | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings("MeshStudio", "Mesh Studio")
        self.theme_mode = theme_mode or str(self.settings.value("theme", "system"))
        self.colours = theme.apply_theme(QApplication.instance(), self.theme_mode)  # type: ignore[arg-type]
        self.doc = Document(new_design())
        self.registry: Registry | None = None
        self.registry_problem: str | None = None
        self.registry_link: str | None = None  # the design's registry path when last loaded
        self.undo_stack = QUndoStack(self)
        # parented, so the scene dies after the window's connections are gone
        self.scene = MeshScene(self.doc, self.push, self.colours, parent=self)
        self.view = CanvasView(self.scene, self)
        self.review_banner = ReviewBanner()
        self.disk_banner = DiskChangeBanner()
        self.setCentralWidget(self._canvas_with_banner())
        self.palette_panel = PalettePanel()
        self.properties = PropertiesPanel(self.doc, self.push)
        self.problems = ProblemsPanel(self.doc, self._registry_input)
        self.spec_preview = SpecPreviewPanel(self.doc, lambda: self.registry)
        self.registry_browser = RegistryBrowser()
        self.impact = ImpactPanel(self.doc, registry=lambda: self.registry)
        self.notes = NotesPanel(self.doc, self.push, self._author())
        self.badges = CommentBadges(self.scene, self.doc, self.show_notes_for)
        self.changes = ChangesPanel()
        self.comparison = Comparison(self)
        self.disk_changes = DiskChanges(self)
        self.spec_import = SpecImport(self)
        self.registry_follower = RegistryLinkFollower(self)  # path edits load the file at once
        self.search = SearchField(self.doc)
        self._build_docks()
        self._build_status_bar()
        build_actions(self)
        build_menus(self)
        self.canvas_menus = CanvasMenus(self)  # right-click menus reuse the actions above
        self.recent = RecentFiles(self.settings, self.recent_menu,
                                  lambda p: self.open_file(p, ask=True))
        self._connect()
        self.autosave = AutosaveController(self)
        self.set_review_mode(review)
        self._restore_layout()
        self._update_title()

    # -- construction -----------------------------------------------------------------

    def _build_docks(self) -> None:
        self.palette_dock = self._dock("Palette", self.palette_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.properties_dock = self._dock("Properties", self.properties,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", self.problems,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.spec_dock = self._dock("Spec Preview", self.spec_preview,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)
        self.impact_dock = self._dock("Impact", self.impact,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.registry_dock = self._dock("Registry", self.registry_browser,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.notes_dock = self._dock("Notes", self.notes, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.changes_dock = self._dock("Changes", self.changes,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.problems_dock, self.spec_dock)
        self.tabifyDockWidget(self.spec_dock, self.impact_dock)
        self.tabifyDockWidget(self.impact_dock, self.notes_dock)
        self.tabifyDockWidget(self.notes_dock, self.changes_dock)
        self.tabifyDockWidget(self.properties_dock, self.registry_dock)
        self.problems_dock.raise_()
        self.properties_dock.raise_()
        self.resizeDocks([self.palette_dock, self.properties_dock], [150, 360],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [220], Qt.Orientation.Vertical)

    def _canvas_with_banner(self) -> QWidget:
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.review_banner)
        layout.addWidget(self.disk_banner)
        layout.addWidget(self.view, 1)
        return container

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}-dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.mode_label = QLabel()
        self.problem_labels = {severity: QLabel() for severity in ("error", "warning", "info")}
        self.counts_label = QLabel()
        self.registry_label = QLabel()
        self.zoom_label = QLabel("100 %")
        bar = self.statusBar()
        bar.addPermanentWidget(self.mode_label)
        for severity, label in self.problem_labels.items():
            label.setToolTip(f"{severity} findings (View > Problems)")
            bar.addPermanentWidget(label)
        for label in (self.counts_label, self.registry_label, self.zoom_label):
            bar.addPermanentWidget(label)
        self._show_problem_counts({"error": 0, "warning": 0, "info": 0})

    def _connect(self) -> None:
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_title())
        self.undo_stack.indexChanged.connect(lambda _index: self._update_counts())
        self.undo_stack.indexChanged.connect(lambda _index: self._update_undo_actions())
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.connection_refused.connect(self.show_refusal)
        self.scene.element_activated.connect(lambda _id: self.properties_dock.raise_())
        self.view.drop_refused.connect(self.show_refusal)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self.palette_panel.activated_kind.connect(self.add_at_centre)
        self.problems.element_activated.connect(self.reveal)
        self.search.element_chosen.connect(self.reveal)
        self.impact.element_activated.connect(self.reveal)
        self.notes.element_activated.connect(self.reveal)
        self.notes.author_changed.connect(lambda name: self.settings.setValue("author", name))
        self.review_banner.leave_requested.connect(lambda: self.set_review_mode(False))
        self.impact.highlight_requested.connect(self.scene.highlight)
        self.registry_browser.assign_requested.connect(self.assign_subject)
        self.problems.counts_changed.connect(self._show_problem_counts)
        self.problems.findings_changed.connect(
            lambda _f: self.scene.mark_findings(self.problems.findings_by_element()))

    # -- editing ----------------------------------------------------------------------

    def push(self, command: Command) -> None:
        """Run a command through the undo stack; review mode lets only comments through."""
        if self.review_action.isChecked() and not notes_only(self.doc, command):
            self.statusBar().showMessage(
                "Review mode: the design is read-only; comments are allowed.", 4000)
            return
        if self.review_action.isChecked():
            self._review_redo_ok = True  # the push drops the redo tail from before review
        push_on_stack(self.undo_stack, self.doc, command)

    def undo(self) -> None:
        if self._can_undo():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self._can_redo():
            self.undo_stack.redo()

    def _can_undo(self) -> bool:
        stack = self.undo_stack
        return stack.canUndo() and (not self.review_action.isChecked()
                                    or stack.index() > self._review_floor)

    def _can_redo(self) -> bool:
        return self.undo_stack.canRedo() and (not self.review_action.isChecked()
                                              or self._review_redo_ok)

    def _update_undo_actions(self) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return  # the stack signals while the window is being destroyed
        can_undo, can_redo = self._can_undo(), self._can_redo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(f"&Undo {self.undo_stack.undoText()}" if can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {self.undo_stack.redoText()}" if can_redo else "&Redo")

    def reveal(self, element_id: str) -> None:
        """Select an element and bring it into view (from problems, search, impact)."""
        item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
        if item is None:
            self.properties.show_element(element_id)  # messages have no item on the canvas
            return
        self.scene.select_ids([element_id])
        self.view.centerOn(item)

    def auto_layout(self, engine: str = "auto") -> None:
        """Lay the whole mesh out (Graphviz, or the built-in engine) as one undoable step."""
        from studio.layout import auto_layout  # graphviz loads only when used

        result = auto_layout(self.doc.design, engine)
        command = apply_layout(self.doc, result.positions, result.engine)
        if command is not None:
            self.push(command)
            self.view.fit_all()
        self.statusBar().showMessage(" ".join((f"Laid out with {result.engine}.",
                                               *result.remarks)), 8000)

    def export_diagram(self, path: str | None = None) -> bool:
        """Save the mesh as a diagram; the format follows the file's extension."""
        from studio.layout import render

        if not path:
            start = str((self.doc.path or Path.cwd() / "mesh").with_suffix(".svg"))
            path, _ = QFileDialog.getSaveFileName(
                self, "Export diagram", start, "SVG (*.svg);;PNG (*.png);;Graphviz DOT (*.dot)")
            if not path:
                return False
        try:
            render(self.doc.design, path)
        except (MeshStudioError, OSError) as error:
            QMessageBox.critical(self, "Cannot export diagram", str(error))
            return False
        self.statusBar().showMessage(f"Diagram saved to {path}", 6000)
        return True

    def edit_taxonomy(self, dialog: TaxonomyDialog | None = None) -> None:
        """Edit the taxonomy in a dialog; OK is one undoable change."""
        dialog = dialog or TaxonomyDialog(self.doc.design.taxonomy, self)
        if dialog.exec() == TaxonomyDialog.DialogCode.Accepted:
            taxonomy = dialog.taxonomy()
            if taxonomy != self.doc.design.taxonomy:
                self.push(SetSection("taxonomy", taxonomy, label="Edit taxonomy"))

    def open_export_dialog(self) -> None:
        dialog = ExportDialog(self.doc, self.registry, self.settings, self)
        dialog.exec()

    def open_portal_dialog(self) -> None:
        from studio.gui.dialogs.portal_dialog import PortalDialog  # Jinja2 loads when used

        PortalDialog(self.doc, self.registry, self.settings, self).exec()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _show_problem_counts(self, counts: dict[str, int]) -> None:
        for severity, label in self.problem_labels.items():
            colour = SEVERITY_COLOURS[severity].name()
            label.setText(f"<span style='color:{colour}'>\u25cf</span> {counts[severity]}")

    def _registry_input(self) -> RegistryInput:
        path = (self.doc.path.parent / self.doc.design.registry
                if self.doc.path and self.doc.design.registry else None)
        return RegistryInput(self.registry, None, path, self.registry_problem)

    def show_refusal(self, reason: str) -> None:
        """Say why a gesture did nothing: next to the pointer, and in the status bar."""
        self.statusBar().showMessage(reason, 8000)
        QToolTip.showText(QCursor.pos(), reason, self.view)

    def add_at_centre(self, kind: str) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        reason = self.scene.create_element(kind, QPointF(centre))
        if reason:
            self.show_refusal(reason)

    def delete_selection(self) -> None:
        command = delete_elements(self.doc, self.scene.selected_ids(),
                                  self.scene.selected_links())
        if command is not None:
            self.push(command)

    def copy(self) -> None:
        ids = self.scene.selected_ids()
        if not ids:
            return
        # plain text (a design fragment) also pastes into editors and chats; and
        # QClipboard.setMimeData crashes PySide6 at exit on some platforms
        QGuiApplication.clipboard().setText(copy_elements(self.doc.design, ids))

    def cut(self) -> None:
        self.copy()
        self.delete_selection()

    def paste(self, text: str | None = None) -> None:
        if text is None or not isinstance(text, str):
            text = QGuiApplication.clipboard().text()
        try:
            command = paste_elements(self.doc, text)
        except MeshStudioError as error:
            self.show_refusal(str(error))
            return
        if command is None:
            return
        self.push(command)
        self.scene.select_ids(c.element.id for c in command.commands
                              if isinstance(c, AddElement))

    def duplicate(self) -> None:
        ids = self.scene.selected_ids()
        if ids:
            self.paste(copy_elements(self.doc.design, ids))

    def select_all(self) -> None:
        for item in self.scene.items():
            item.setSelected(True)

    def _selection_changed(self) -> None:
        ids = self.scene.selected_ids()
        self.properties.show_element(ids[0] if len(ids) == 1 else None)
        self.notes.set_targets(ids)
        app = ids[0] if len(ids) == 1 and isinstance(self.doc.get(ids[0]), Application) else None
        self.spec_preview.show_application(app)

    def show_impact(self) -> None:
        """Show and highlight what a change to the selected element would reach."""
        ids = self.scene.selected_ids()
        subject = self.registry_browser.current_subject() if not ids else None
        self.impact.show_impact_of(ids[0] if ids else None, subject)
        self.impact_dock.raise_()

    def _author(self) -> str:
        name = self.settings.value("author", "")
        if name:
            return str(name)
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no login name (some containers)
            return ""

    def start_comment(self) -> None:
        """Open the Notes panel ready to start a new thread on the selection (never a reply
        to the thread the panel happens to show)."""
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes.start_thread(self.scene.selected_ids())

    def show_notes_for(self, element_id: str) -> None:
        """A comment badge was clicked: show that element's threads."""
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes.show_element(element_id)

    def reload_registry(self) -> None:
        self._load_registry()
        self.problems.schedule()

    def target_message(self) -> Message | None:
        """The message a registry subject would be assigned to: the one shown in Properties,
        or the only message of the selected topic."""
        shown = self.doc.get(self.properties.shown_id or "")
        if isinstance(shown, Message):
            return shown
        if isinstance(shown, Topic) and len(shown.messages) == 1:
            message = self.doc.get(shown.messages[0])
            return message if isinstance(message, Message) else None
        return None

    def assign_subject(self, subject: str, version: object) -> None:
        """Make a registry subject/version the payload of the target message (undoable)."""
        message = self.target_message()
        if message is None:
            self.show_refusal("Select a topic with one message (or open a message in "
                              "Properties) to assign a subject to it.")
            return
        new = dataclasses.replace(message, payload=SchemaRef(subject, version))  # type: ignore[arg-type]
        self.push(ReplaceElement(message.id, new,
                                 label=f"Assign {subject} v{version} to '{message.id}'"))

    # -- modes and looks --------------------------------------------------------------

    def set_review_mode(self, review: bool) -> None:
        self.review_action.setChecked(review)
        self._review_floor = self.undo_stack.index()
        self._review_redo_ok = False
        self._update_undo_actions()
        self.scene.set_read_only(review)
        self.properties.set_read_only(review)
        self.palette_panel.setEnabled(not review)
        for action in self.edit_actions:
            action.setEnabled(not review)
        self.mode_label.setText("Review mode: read-only" if review else "")
        self.review_banner.setVisible(review)
        self._update_title()

    def set_theme(self, mode: str) -> None:
        self.theme_mode = mode
        self.settings.setValue("theme", mode)
        self.colours = theme.apply_theme(QApplication.instance(), mode)  # type: ignore[arg-type]
        selected = self.scene.selected_ids()
        self.scene.set_colours(self.colours)
        self.scene.select_ids(selected)

    def toggle_grid(self, on: bool) -> None:
        self.view.show_grid = on
        self.view.resetCachedContent()
        self.view.viewport().update()

    # -- files ------------------------------------------------------------------------

    def new_design(self) -> None:
        if self.maybe_save():
            self._set_document(new_design(), None)
            self.view.fit_all()  # a fresh canvas at 100 %, scrolled to its origin

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else str(Path.cwd())
        name, _ = QFileDialog.getOpenFileName(self, "Open design", start, DESIGN_FILE_FILTER)
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path, ask: bool = False) -> bool:
        """Open a design; on failure show the one-sentence error and keep the current one."""
        if ask and not self.maybe_save():
            return False
        try:
            loaded = load_design(path)
        except MeshStudioError as error:
            QMessageBox.critical(self, "Cannot open design", str(error))
            self.recent.forget(path)
            return False
        self._set_document(loaded.design, Path(path))
        self.disk_changes.follow(Path(path))
        self.recent.remember(path)
        self.autosave.offer_recovery()  # unsaved work a crash left behind, if any
        self.view.fit_all()
        return True

    def _set_document(self, design: Design, path: Path | None) -> None:
        self.undo_stack.clear()
        self._review_floor, self._review_redo_ok = 0, False
        self._update_undo_actions()
        self.doc.reset(design, path)
        self.doc.path = path
        self._load_registry()
        self.properties.show_element(None)
        self._update_title()
        self._update_counts()
        self.problems.validate_soon()
        self.comparison.stop()
        if path is None:
            self.disk_changes.follow(None)

    def _load_registry(self) -> None:
        self.registry, self.registry_problem = None, None
        name = self.registry_link = self.doc.design.registry
        if name and self.doc.path is not None:
            path = self.doc.path.parent / name
            try:
                self.registry = load_registry(path)[0]
            except MeshStudioError as error:
                self.registry_problem = str(error)
        self.properties.set_registry(self.registry, self.registry_problem)
        self.registry_browser.set_registry(self.registry, self.registry_problem)
        self.registry_label.setToolTip("")
        if self.statusBar().currentMessage().startswith("Registry not loaded"):
            self.statusBar().clearMessage()  # about a file the design no longer names
        if self.registry is not None:
            count = len(self.registry.subjects)
            self.registry_label.setText(f"Registry: {name} ({count} subjects)")
        elif self.registry_problem:
            self.registry_label.setText("Registry: unavailable")
            self.registry_label.setToolTip(self.registry_problem)
            self.statusBar().showMessage(f"Registry not loaded: {self.registry_problem}", 10000)
        else:
            self.registry_label.setText("No registry")

    def save(self) -> bool:
        if not self.view.rename_editor.commit():  # what is being typed on the canvas counts
            return False
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path) if self.doc.path else str(Path.cwd() / "untitled.mesh.yaml")
        name, _ = QFileDialog.getSaveFileName(self, "Save design as", start, DESIGN_FILE_FILTER)
        if not name:
            return False
        return self._write(Path(name))

    def _write(self, path: Path) -> bool:
        try:
            save_design(self.doc.design, path)
        except OSError as error:
            QMessageBox.critical(self, "Cannot save design",
                                 f"{path}: cannot be written ({error.strerror or error}). "
                                 "Your changes are still open; save them elsewhere.")
            return False
        moved = self.doc.path != path
        self.doc.path = path
        self.undo_stack.setClean()
        self.disk_changes.follow(path)  # our own write is not a change on disk
        self.recent.remember(path)
        if moved:
            self._load_registry()
            self.problems.schedule()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are discarded; False means the user cancelled."""
        if self.undo_stack.isClean():
            return True
        answer = QMessageBox.warning(
            self, APP_NAME, f"Save the changes to {self._display_name()} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.view.rename_editor.commit():
            event.ignore()  # the editor says why its text cannot be used; nothing is lost
            return
        if self.maybe_save():
            self.autosave.finish()  # saved or deliberately discarded: no recovery file
            self.problems.wait()  # a validation still running must not report to a dead window
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("windowState", self.saveState())
            # the history ends here: ~QUndoStack clears itself after the window's C++ side is
            # gone, and the title, counts and autosave handlers must not hear of it then
            self.undo_stack.blockSignals(True)
            event.accept()
        else:
            event.ignore()

    # -- window layout ----------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 1000)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    # -- status -----------------------------------------------------------------------

    def _display_name(self) -> str:
        return self.doc.path.name if self.doc.path else "Untitled"

    def _update_title(self) -> None:
        suffix = " (read-only)" if self.review_action.isChecked() else ""
        self.setWindowTitle(f"{self._display_name()}[*]{suffix} — {APP_NAME}")
        self.setWindowModified(not self.undo_stack.isClean())

    def _update_counts(self) -> None:
        summary = summarize(self.doc.design)
        self.counts_label.setText(f"{summary.applications} applications · {summary.topics} "
                                  f"topics · {summary.endpoints} endpoints · "
                                  f"{summary.link_total} links")

    def about(self) -> None:
        from studio import __version__

        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME} {__version__}</b><p>Design service and event meshes, "
                          "export AsyncAPI and OpenAPI, check schemas offline.</p>"
                          "<p>The same core runs headless: <code>mesh-studio --help</code>.</p>")
