"""The main window's actions, as one typed object: texts, shortcuts, tips and checkable states.

Each action is an attribute of ``Actions`` (``actions.save``), so mypy and readers see every
one of them; the window connects them to what they do and the menus (``window_menus``) and
the canvas's context menus place the same objects, so a shortcut or an enabled state is never
copied. Tests reach them as ``window.menu_actions.save`` (``QWidget.actions()`` is Qt's).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

THEMES = ("system", "light", "dark")


def make_action(
    parent: QObject,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        # every binding the platform has (Redo: Ctrl+Shift+Z and Ctrl+Y), not just the first
        action.setShortcuts(QKeySequence.keyBindings(shortcut))
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.setCheckable(checkable)
    action.setStatusTip(tip)
    return action


class Actions:
    """Every action of the main window's menus (the window connects what they trigger)."""

    def __init__(self, parent: QObject) -> None:
        K = QKeySequence.StandardKey
        action = partial(make_action, parent)
        self.new = action("&New", K.New)
        self.open = action("&Open…", K.Open)
        self.save = action("&Save", K.Save)
        self.save_as = action("Save &As…", K.SaveAs)
        # Windows (and Qt's offscreen platform) bind no key to Quit; Ctrl+Q is what people press
        self.quit = action("&Quit", K.Quit if QKeySequence.keyBindings(K.Quit) else "Ctrl+Q")
        # own actions, not QUndoStack's: review mode may undo only the comments made in it
        self.undo = action("&Undo", K.Undo)
        self.redo = action("&Redo", K.Redo)
        self.cut = action("Cu&t", K.Cut)
        self.copy = action("&Copy", K.Copy)
        self.paste = action("&Paste", K.Paste)
        self.duplicate = action("&Duplicate", "Ctrl+D")
        self.delete = action("&Delete", K.Delete, tip="Delete the selection and the links to it")
        self.select_all = action("Select &All", K.SelectAll)
        self.zoom_in = action("Zoom &In", K.ZoomIn)
        self.zoom_out = action("Zoom &Out", K.ZoomOut)
        self.fit = action("&Fit to Window", "Ctrl+0")
        self.actual_size = action("Actual &Size", "Ctrl+1")
        self.grid = action("Show &Grid", checkable=True)
        self.grid.setChecked(True)
        self.review = action("&Review Mode (read-only)", "Ctrl+Shift+R", checkable=True)
        self.about = action("&About Mesh Studio")
        self.shortcuts = action(
            "&Keyboard Shortcuts",
            "Ctrl+/",
            tip="List every keyboard shortcut of the studio, by menu, with a filter",
        )
        self.export = action(
            "&Export Specs…", "Ctrl+E", tip="Export AsyncAPI and OpenAPI documents"
        )
        self.import_specs = action(
            "&Import Specs…",
            "Ctrl+Shift+I",
            tip="Merge AsyncAPI and OpenAPI documents into the design (one undo step)",
        )
        self.taxonomy = action("&Taxonomy…")
        self.impact = action("Show &Impact of Selection", "Ctrl+I")
        self.layout = action(
            "&Auto-layout", "Ctrl+Shift+L", tip="Arrange the mesh left to right (one undo step)"
        )
        self.portal = action(
            "&Publish Portal…",
            tip="Publish the catalogue of topics, events and schemas as a static site",
        )
        self.export_diagram = action("Export &Diagram…", tip="Save the mesh as SVG, PNG or DOT")
        self.find = action("&Find…", K.Find)
        self.comment = action(
            "&Comment on Selection…",
            "Ctrl+Alt+M",
            tip="Write a review comment on the selected element (allowed in review mode)",
        )
        self.compare_file = action(
            "Compare with &File…",
            tip="Draw what changed between another design file and the open one",
        )
        self.compare_git = action(
            "Compare with &Git Revision…",
            tip="Draw what changed since a revision of the repository the design lives in",
        )
        self.clear_compare = action("C&lear Comparison")
        self.choose_view = action(
            "Choose &View…",
            "Ctrl+Shift+V",
            tip="Show the whole mesh or one of the design's named views",
        )
        give_each_key_one_action(parent.findChildren(QAction))
        # what review mode disables: the edits that are not comments
        self.edits = [
            self.cut,
            self.paste,
            self.duplicate,
            self.delete,
            self.layout,
            self.taxonomy,
            self.import_specs,
        ]
        self.theme_group = QActionGroup(parent)
        self.themes = {mode: action(mode.capitalize(), checkable=True) for mode in THEMES}
        for theme in self.themes.values():
            self.theme_group.addAction(theme)


def give_each_key_one_action(actions: list[QAction]) -> None:
    """A key two actions share does nothing at all (Qt: "Ambiguous shortcut overload"), and
    a platform's extra bindings can take one of ours: X11 gives Delete Ctrl+D too, which is
    Duplicate. A key an action names first stays with it and leaves the others' extras."""
    actions = [a for a in actions if a.shortcuts()]
    first = {a.shortcuts()[0].toString(): a for a in actions}
    for action in actions:
        keys = action.shortcuts()
        kept = [keys[0], *(k for k in keys[1:] if first.get(k.toString(), action) is action)]
        if len(kept) < len(keys):
            action.setShortcuts(kept)
