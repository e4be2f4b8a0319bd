"""The main window's actions and menus, set up as attributes of the window.

Kept apart from ``main_window`` because it is a long list and nothing else: each action names
its text, shortcut, tip and the window's method it triggers, and the menus group them. Tests
and other parts of the studio reach the actions as ``window.save_action`` and so on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from studio.gui.dialogs.shortcuts_dialog import show_shortcuts

if TYPE_CHECKING:
    from studio.gui.main_window import MainWindow


def make_action(
    w: MainWindow,
    text: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    tip: str = "",
) -> QAction:
    action = QAction(text, w)
    if isinstance(shortcut, QKeySequence.StandardKey):
        # every binding the platform has (Redo: Ctrl+Shift+Z and Ctrl+Y), not just the first
        action.setShortcuts(QKeySequence.keyBindings(shortcut))
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.setCheckable(checkable)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(w: MainWindow) -> None:
    """Every action of the window, as attributes of the window (tests trigger them)."""
    K = QKeySequence.StandardKey
    w.new_action = make_action(w, "&New", w.new_design, K.New)
    w.open_action = make_action(w, "&Open…", w.open_dialog, K.Open)
    w.save_action = make_action(w, "&Save", w.save, K.Save)
    w.save_as_action = make_action(w, "Save &As…", w.save_as, K.SaveAs)
    # Windows (and Qt's offscreen platform) bind no key to Quit; Ctrl+Q is what people press
    quit_keys = K.Quit if QKeySequence.keyBindings(K.Quit) else "Ctrl+Q"
    w.quit_action = make_action(w, "&Quit", w.close, quit_keys)
    # own actions, not QUndoStack's: review mode may undo only the comments made in it
    w.undo_action = make_action(w, "&Undo", w.undo, K.Undo)
    w.redo_action = make_action(w, "&Redo", w.redo, K.Redo)
    w.cut_action = make_action(w, "Cu&t", w.cut, K.Cut)
    w.copy_action = make_action(w, "&Copy", w.copy, K.Copy)
    w.paste_action = make_action(w, "&Paste", w.paste, K.Paste)
    w.duplicate_action = make_action(w, "&Duplicate", w.duplicate, "Ctrl+D")
    w.delete_action = make_action(
        w, "&Delete", w.delete_selection, K.Delete, tip="Delete the selection and the links to it"
    )
    w.select_all_action = make_action(w, "Select &All", w.select_all, K.SelectAll)
    w.zoom_in_action = make_action(w, "Zoom &In", lambda: w.view.zoom_by(1.25), K.ZoomIn)
    w.zoom_out_action = make_action(w, "Zoom &Out", lambda: w.view.zoom_by(0.8), K.ZoomOut)
    w.fit_action = make_action(w, "&Fit to Window", w.view.fit_all, "Ctrl+0")
    w.actual_size_action = make_action(w, "Actual &Size", lambda: w.view.set_zoom(1.0), "Ctrl+1")
    w.grid_action = make_action(w, "Show &Grid", w.toggle_grid, checkable=True)
    w.grid_action.setChecked(True)
    w.review_action = make_action(
        w, "&Review Mode (read-only)", w.set_review_mode, "Ctrl+Shift+R", checkable=True
    )
    w.about_action = make_action(w, "&About Mesh Studio", w.about)
    w.shortcuts_action = make_action(
        w,
        "&Keyboard Shortcuts",
        lambda: show_shortcuts(w),
        "Ctrl+/",
        tip="List every keyboard shortcut of the studio, by menu, with a filter",
    )
    w.export_action = make_action(
        w,
        "&Export Specs…",
        lambda: w.open_export_dialog(),
        "Ctrl+E",
        tip="Export AsyncAPI and OpenAPI documents",
    )
    w.import_action = make_action(
        w,
        "&Import Specs…",
        lambda: w.spec_import.choose_files(),
        "Ctrl+Shift+I",
        tip="Merge AsyncAPI and OpenAPI documents into the design (one undo step)",
    )
    w.taxonomy_action = make_action(w, "&Taxonomy…", lambda: w.edit_taxonomy())
    w.impact_action = make_action(w, "Show &Impact of Selection", lambda: w.show_impact(), "Ctrl+I")
    w.layout_action = make_action(
        w,
        "&Auto-layout",
        lambda: w.auto_layout(),
        "Ctrl+Shift+L",
        tip="Arrange the mesh left to right (one undo step)",
    )
    w.portal_action = make_action(
        w,
        "&Publish Portal…",
        lambda: w.open_portal_dialog(),
        tip="Publish the catalogue of topics, events and schemas as a static site",
    )
    w.export_diagram_action = make_action(
        w, "Export &Diagram…", lambda: w.export_diagram(), tip="Save the mesh as SVG, PNG or DOT"
    )
    w.find_action = make_action(w, "&Find…", w.focus_search, QKeySequence.StandardKey.Find)
    w.comment_action = make_action(
        w,
        "&Comment on Selection…",
        lambda: w.start_comment(),
        "Ctrl+Alt+M",
        tip="Write a review comment on the selected element (allowed in review mode)",
    )
    w.compare_file_action = make_action(
        w,
        "Compare with &File…",
        lambda: w.comparison.compare_with_file(),
        tip="Draw what changed between another design file and the open one",
    )
    w.compare_git_action = make_action(
        w,
        "Compare with &Git Revision…",
        lambda: w.comparison.compare_with_revision(),
        tip="Draw what changed since a revision of the repository the design lives in",
    )
    w.clear_compare_action = make_action(w, "C&lear Comparison", lambda: w.comparison.stop())
    _give_each_key_one_action(w)
    w.edit_actions = [
        w.cut_action,
        w.paste_action,
        w.duplicate_action,
        w.delete_action,
        w.layout_action,
        w.taxonomy_action,
        w.import_action,
    ]


def _give_each_key_one_action(w: MainWindow) -> None:
    """A key two actions share does nothing at all (Qt: "Ambiguous shortcut overload"), and
    a platform's extra bindings can take one of ours: X11 gives Delete Ctrl+D too, which is
    Duplicate. A key an action names first stays with it and leaves the others' extras."""
    actions = [a for a in w.findChildren(QAction) if a.shortcuts()]
    first = {a.shortcuts()[0].toString(): a for a in actions}
    for action in actions:
        keys = action.shortcuts()
        kept = [keys[0], *(k for k in keys[1:] if first.get(k.toString(), action) is action)]
        if len(kept) < len(keys):
            action.setShortcuts(kept)


def build_menus(w: MainWindow) -> None:
    """The menu bar and the search toolbar."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([w.new_action, w.open_action])
    w.recent_menu = file_menu.addMenu("Open &Recent")
    file_menu.addSeparator()
    file_menu.addActions([w.save_action, w.save_as_action])
    file_menu.addSeparator()
    file_menu.addActions(
        [w.import_action, w.export_action, w.export_diagram_action, w.portal_action]
    )
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions(
        [w.cut_action, w.copy_action, w.paste_action, w.duplicate_action, w.delete_action]
    )
    edit_menu.addSeparator()
    edit_menu.addActions([w.select_all_action, w.find_action])
    toolbar = w.addToolBar("Search")
    toolbar.setObjectName("search-toolbar")
    toolbar.setMovable(False)
    w.search.setMaximumWidth(420)
    toolbar.addWidget(w.search)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([w.zoom_in_action, w.zoom_out_action, w.fit_action, w.actual_size_action])
    view_menu.addSeparator()
    view_menu.addAction(w.grid_action)
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(w)
    for mode in ("system", "light", "dark"):
        action = make_action(
            w, mode.capitalize(), lambda _=False, m=mode: w.set_theme(m), checkable=True
        )
        action.setChecked(mode == w.theme_mode)
        group.addAction(action)
        theme_menu.addAction(action)
    view_menu.addSeparator()
    for dock in (
        w.palette_dock,
        w.properties_dock,
        w.problems_dock,
        w.spec_dock,
        w.impact_dock,
        w.notes_dock,
        w.changes_dock,
        w.registry_dock,
    ):
        view_menu.addAction(dock.toggleViewAction())
    design_menu = bar.addMenu("&Design")
    design_menu.addActions([w.layout_action, w.impact_action, w.taxonomy_action])
    w.review_menu = bar.addMenu("&Review")
    w.review_menu.addActions([w.review_action, w.comment_action])
    w.review_menu.addSeparator()
    w.review_menu.addActions([w.compare_file_action, w.compare_git_action, w.clear_compare_action])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([w.shortcuts_action, w.about_action])
