"""The studio's main window: canvas, docks, menus, undo, review mode and the open file.

The window owns one Document, its QUndoStack and the scene mirroring it. Every edit reaches
the Document as a command through ``push``; the stack's clean state drives the title's
modified marker and the unsaved-changes prompt. Files are opened through the headless core,
so the studio reports exactly the errors the CLI reports. The window builds its parts and
connects them; each part gets the few collaborators it uses (the document, the view, the
``Actions``, a callable or two), never the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QToolTip

from studio.errors import MeshStudioError
from studio.gui import APP_NAME, DESIGN_FILE_FILTER, theme
from studio.gui.actions import Actions
from studio.gui.autosave import AutosaveController
from studio.gui.canvas.badges import CommentBadges
from studio.gui.canvas.context_menu import CanvasMenus
from studio.gui.canvas.scene import MeshScene
from studio.gui.canvas.view import CanvasView
from studio.gui.comparison import Comparison, RegistryState
from studio.gui.design_tools import DesignTools, ToolContext
from studio.gui.dialogs.about import show_about
from studio.gui.dialogs.shortcuts_dialog import show_shortcuts
from studio.gui.disk_changes import DiskChanges
from studio.gui.panels.banners import DiskChangeBanner, ReviewBanner
from studio.gui.panels.changes import ChangesPanel
from studio.gui.panels.impact import ImpactPanel
from studio.gui.panels.notes import NotesPanel, default_author
from studio.gui.panels.palette import PalettePanel
from studio.gui.panels.problems import ProblemsPanel
from studio.gui.panels.properties import PropertiesPanel
from studio.gui.panels.registry_browser import RegistryBrowser
from studio.gui.panels.search import SearchField
from studio.gui.panels.spec_preview import SpecPreviewPanel
from studio.gui.recent_files import RecentFiles
from studio.gui.registry_link import RegistryLinkFollower
from studio.gui.registry_loading import RegistryLoader
from studio.gui.review_history import ReviewHistory
from studio.gui.selection_edits import SelectionEdits
from studio.gui.spec_import import SpecImport
from studio.gui.status_bar import StatusLabels
from studio.gui.subject_assignment import SubjectAssignment
from studio.gui.view_selector import ViewSwitcher
from studio.gui.window_docks import (
    Panels,
    build_docks,
    restore_layout,
    save_layout,
    stacked_over,
)
from studio.gui.window_menus import build_menus
from studio.io.design_file import load_design, save_design
from studio.model import (
    Application,
    Design,
    Document,
    new_design,
)
from studio.registry import Registry
from studio.validate.context import RegistryInput


class MainWindow(QMainWindow):
    """One window, one design."""

    def __init__(
        self, review: bool = False, settings: QSettings | None = None, theme_mode: str | None = None
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings("MeshStudio", "Mesh Studio")
        self.theme_mode = theme_mode or str(self.settings.value("theme", "system"))
        self.colours = theme.apply_theme(self._app(), self.theme_mode)
        self.doc = Document(new_design())
        self.registry: Registry | None = None
        self.registry_problem: str | None = None
        self.registry_link: str | None = None  # the design's registry path when last loaded
        self.undo_stack = QUndoStack(self)
        self.history = ReviewHistory(self.doc, self.undo_stack, self.statusBar().showMessage)
        self.push = self.history.push  # every edit of every part goes through here
        # parented, so the scene dies after the window's connections are gone
        self.scene = MeshScene(self.doc, self.push, self.colours, parent=self)
        self.view = CanvasView(self.scene, self)
        self.review_banner = ReviewBanner()
        self.disk_banner = DiskChangeBanner()
        self.setCentralWidget(stacked_over(self.view, self.review_banner, self.disk_banner))
        self.palette_panel = PalettePanel()
        self.properties = PropertiesPanel(self.doc, self.push)
        self.problems = ProblemsPanel(self.doc, self._registry_input)
        self.spec_preview = SpecPreviewPanel(self.doc, lambda: self.registry)
        self.registry_browser = RegistryBrowser()
        self.impact = ImpactPanel(self.doc, registry=lambda: self.registry)
        self.notes = NotesPanel(self.doc, self.push, default_author(self.settings))
        self.badges = CommentBadges(self.scene, self.doc, self.show_notes_for)
        self.changes = ChangesPanel()
        self.search = SearchField(self.doc, self.statusBar().showMessage)
        self.view_switcher = ViewSwitcher(self.doc, self.view, self.statusBar().showMessage)
        self.docks = build_docks(
            self,
            Panels(
                self.palette_panel,
                self.properties,
                self.problems,
                self.spec_preview,
                self.impact,
                self.notes,
                self.changes,
                self.registry_browser,
            ),
        )
        self.status_labels = StatusLabels(self.statusBar())
        self.registry_loader = RegistryLoader(
            self.problems,
            self.registry_browser,
            self.docks.registry,
            self._show_registry,
            self.status_labels.show_registry_loading,
            wanted_after=(self.doc.changed, self.scene.selectionChanged),
            parent=self,
        )
        self.menu_actions = Actions(self)
        self.recent_menu = build_menus(
            self, self.menu_actions, self.search, self.docks.all(), self.view_switcher.selector
        ).recent
        self._build_helpers()
        self._connect_actions()
        self._connect()
        self.autosave = AutosaveController(
            self, self.doc, self.undo_stack, self.statusBar(), self._set_document
        )
        self.set_review_mode(review)
        restore_layout(self, self.settings)
        self._update_title()

    # -- construction -----------------------------------------------------------------

    @staticmethod
    def _app() -> QApplication:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "the studio runs in a QApplication"
        return app

    def _build_helpers(self) -> None:
        status, refuse = self.statusBar(), self.show_refusal
        self.edits = SelectionEdits(self.view, self.push, refuse)
        self.subjects = SubjectAssignment(
            self.doc, lambda: self.properties.shown_id, self.push, refuse
        )
        tool_context = ToolContext(self, self.doc, self.view, self.push, self.settings, status)
        self.tools = DesignTools(tool_context, lambda: self.registry)
        self.comparison = Comparison(
            self,
            self.doc,
            self.view,
            self.changes,
            self.docks.changes,
            self._registry_state,
            refuse,
        )
        self.disk_changes = DiskChanges(
            self.doc,
            self.undo_stack,
            self.disk_banner,
            self.comparison,
            self._registry_state,
            self.reload_registry,
            status,
        )
        self.spec_import = SpecImport(
            tool_context,
            read_only=lambda: self.history.review,
            refuse=refuse,
            reload_registry=self.reload_registry,
            save_as=self.save_as,
        )
        # the design's registry path changed (typed, picked, imported, undone): load it now
        self.registry_follower = RegistryLinkFollower(
            self.doc, lambda: self.registry_link, self.reload_registry, self
        )
        # right-click menus reuse the menu bar's actions
        self.canvas_menus = CanvasMenus(
            self.view,
            self.menu_actions,
            self.push,
            reveal=self.reveal,
            refuse=refuse,
            properties=(self.properties, self.docks.properties),
            spec_preview=(self.spec_preview, self.docks.spec),
            status=status,
        )
        self.recent = RecentFiles(
            self.settings, self.recent_menu, lambda p: self.open_file(p, ask=True)
        )

    def _connect_actions(self) -> None:
        a, view, tools = self.menu_actions, self.view, self.tools

        def same_named(receiver: object, *names: str) -> list[tuple[QAction, Callable[[], object]]]:
            """Actions run by the receiver's methods of the same name (``edits.copy``)."""
            return [(getattr(a, name), getattr(receiver, name)) for name in names]

        triggered: list[tuple[QAction, Callable[[], object]]] = [  # in the menus' order
            (a.new, self.new_design),
            (a.open, self.open_dialog),
            *same_named(self, "save", "save_as"),
            (a.import_specs, self.spec_import.choose_files),
            (a.export, tools.open_export_dialog),
            *same_named(tools, "export_diagram"),
            (a.portal, tools.open_portal_dialog),
            (a.quit, self.close),
            *same_named(self.history, "undo", "redo"),
            *same_named(self.edits, "cut", "copy", "paste", "duplicate", "delete", "select_all"),
            (a.find, self.focus_search),
            (a.zoom_in, lambda: view.zoom_by(1.25)),
            (a.zoom_out, lambda: view.zoom_by(0.8)),
            (a.fit, view.fit_all),
            (a.actual_size, lambda: view.set_zoom(1.0)),
            (a.choose_view, self.view_switcher.focus),
            (a.layout, tools.auto_layout),
            (a.impact, self.show_impact),
            (a.taxonomy, tools.edit_taxonomy),
            (a.comment, self.start_comment),
            (a.compare_file, self.comparison.compare_with_file),
            (a.compare_git, self.comparison.compare_with_revision),
            (a.clear_compare, self.comparison.stop),
            (a.shortcuts, lambda: show_shortcuts(self)),
            (a.about, lambda: show_about(self)),
        ]
        for action, slot in triggered:
            # called without triggered's "checked": it must not reach an optional argument
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        a.grid.triggered.connect(self.toggle_grid)
        a.review.triggered.connect(self.set_review_mode)
        for mode, action in a.themes.items():
            action.setChecked(mode == self.theme_mode)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_theme(m))

    def _connect(self) -> None:
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_title())
        self.undo_stack.indexChanged.connect(
            lambda _index: self.status_labels.show_counts(self.doc.design)
        )
        self.undo_stack.indexChanged.connect(lambda _index: self._update_undo_actions())
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.connection_refused.connect(self.show_refusal)
        self.scene.element_activated.connect(lambda _id: self.docks.properties.raise_())
        self.view.drop_refused.connect(self.show_refusal)
        self.view.zoom_changed.connect(self.status_labels.show_zoom)
        self.palette_panel.activated_kind.connect(self.edits.add_at_centre)
        self.problems.element_activated.connect(self.reveal)
        self.search.element_chosen.connect(self.reveal)
        self.impact.element_activated.connect(self.reveal)
        self.notes.element_activated.connect(self.reveal)
        self.notes.author_changed.connect(lambda name: self.settings.setValue("author", name))
        self.review_banner.leave_requested.connect(lambda: self.set_review_mode(False))
        self.impact.highlight_requested.connect(self.scene.highlight)
        self.registry_browser.assign_requested.connect(self.subjects.assign)
        self.problems.counts_changed.connect(self.status_labels.show_problem_counts)
        self.problems.findings_changed.connect(
            lambda _f: self.scene.mark_findings(self.problems.findings_by_element())
        )

    # -- editing ----------------------------------------------------------------------

    def reveal(self, element_id: str) -> None:
        """Select an element and bring it into view (from problems, search, impact)."""
        self.view_switcher.reveal(element_id)  # a view hiding it gives way to the whole mesh
        item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
        if item is None:
            self.properties.show_element(element_id)  # messages have no item on the canvas
            return
        self.scene.select_ids([element_id])
        self.view.centerOn(item)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _registry_state(self) -> RegistryState:
        return self.registry, self.registry_problem

    def _show_registry(self, registry: Registry | None, problem: str | None) -> None:
        self.registry, self.registry_problem = registry, problem
        self.properties.set_registry(registry, problem)
        self.status_labels.show_registry(self.registry_link, registry, problem)

    def _registry_input(self) -> RegistryInput:
        return RegistryInput(self.registry, None, self._registry_path(), self.registry_problem)

    def _registry_path(self) -> Path | None:
        name, at = self.doc.design.registry, self.doc.path
        return at.parent / name if name and at is not None else None

    def show_refusal(self, reason: str) -> None:
        """Say why a gesture did nothing: next to the pointer, and in the status bar."""
        self.statusBar().showMessage(reason, 8000)
        QToolTip.showText(QCursor.pos(), reason, self.view)

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
        self.docks.impact.raise_()

    def start_comment(self) -> None:
        """Open the Notes panel ready to start a new thread on the selection (never a reply
        to the thread the panel happens to show)."""
        self.docks.notes.show()
        self.docks.notes.raise_()
        self.notes.start_thread(self.scene.selected_ids())

    def show_notes_for(self, element_id: str) -> None:
        """A comment badge was clicked: show that element's threads."""
        self.docks.notes.show()
        self.docks.notes.raise_()
        self.notes.show_element(element_id)

    def reload_registry(self) -> None:
        self._load_registry()
        self.problems.schedule()

    # -- modes and looks --------------------------------------------------------------

    def _update_undo_actions(self) -> None:
        self.history.update_actions(self.menu_actions.undo, self.menu_actions.redo)

    def set_review_mode(self, review: bool) -> None:
        self.menu_actions.review.setChecked(review)
        self.history.set_review(review)
        self._update_undo_actions()
        self.scene.set_read_only(review)
        self.properties.set_read_only(review)
        self.palette_panel.setEnabled(not review)
        for action in self.menu_actions.edits:
            action.setEnabled(not review)
        self.status_labels.show_review_mode(review)
        self.review_banner.setVisible(review)
        self._update_title()

    def set_theme(self, mode: str) -> None:
        self.theme_mode = mode
        self.settings.setValue("theme", mode)
        self.colours = theme.apply_theme(self._app(), mode)
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
            loaded = load_design(path, positions=False)  # the window never shows a line of it
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
        self.history.restart()
        self._update_undo_actions()
        self.doc.reset(design, path)
        self.doc.path = path
        self._load_registry(in_slices=True)
        self.properties.show_element(None)
        self._update_title()
        self.status_labels.show_counts(self.doc.design)
        self.registry_loader.validate_when_ready()
        self.comparison.stop()
        if path is None:
            self.disk_changes.follow(None)

    def _load_registry(self, in_slices: bool = False) -> bool:
        """Load the registry the design names; when opening (``in_slices``) a big one is read
        while the window is in use, and True says so (``registry_loading``)."""
        self.registry, self.registry_problem = None, None
        self.registry_link = self.doc.design.registry
        return self.registry_loader.load(self._registry_path(), in_slices)

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
            QMessageBox.critical(
                self,
                "Cannot save design",
                f"{path}: cannot be written ({error.strerror or error}). "
                "Your changes are still open; save them elsewhere.",
            )
            return False
        moved = self.doc.path != path
        self.doc.path = path
        self.undo_stack.setClean()
        self.disk_changes.follow(path)  # our own write is not a change on disk
        self.recent.remember(path)
        if moved:
            self.reload_registry()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are discarded; False means the user cancelled."""
        if self.undo_stack.isClean():
            return True
        answer = QMessageBox.warning(
            self,
            APP_NAME,
            f"Save the changes to {self._display_name()} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.view.rename_editor.commit():
            event.ignore()  # the editor says why its text cannot be used; nothing is lost
            return
        if self.maybe_save():
            self.autosave.finish()  # saved or deliberately discarded: no recovery file
            self.problems.stop()  # a validation still running must not report to a dead window
            save_layout(self, self.settings)
            # the history ends here: ~QUndoStack clears itself after the window's C++ side is
            # gone, and the title, counts and autosave handlers must not hear of it then
            self.undo_stack.blockSignals(True)
            event.accept()
        else:
            event.ignore()

    # -- window layout and title ------------------------------------------------------

    def _display_name(self) -> str:
        return self.doc.path.name if self.doc.path else "Untitled"

    def _update_title(self) -> None:
        suffix = " (read-only)" if self.history.review else ""
        self.setWindowTitle(f"{self._display_name()}[*]{suffix} — {APP_NAME}")
        self.setWindowModified(not self.undo_stack.isClean())
