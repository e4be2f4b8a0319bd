"""The main window's menu bar and search toolbar, laid out from its ``Actions``.

Kept apart from ``main_window`` because it is a long list and nothing else: which action goes
in which menu, in what order, between which separators. The actions themselves (texts,
shortcuts) are in ``actions``; what they do is connected by the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from studio.gui.actions import Actions
from studio.gui.canvas.view import CanvasView
from studio.gui.overview_actions import OverviewActions


@dataclass(frozen=True)
class Menus:
    """The menus the window fills or reads later."""

    recent: QMenu  # File > Open Recent, filled by RecentFiles
    overview: OverviewActions | None  # View > Fold When Zoomed Out, Minimap (with a canvas)


def build_menus(
    window: QMainWindow,
    actions: Actions,
    search: QWidget,
    docks: Sequence[QDockWidget],
    views: QWidget | None = None,
) -> Menus:
    """The menu bar (with a View entry per dock) and the search toolbar (with the view
    switcher ``views`` beside the search field, when given)."""
    a = actions
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new, a.open])
    recent = file_menu.addMenu("Open &Recent")
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.import_specs, a.export, a.export_diagram, a.portal])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit_menu.addSeparator()
    edit_menu.addActions([a.select_all, a.find])
    toolbar = window.addToolBar("Search")
    toolbar.setObjectName("search-toolbar")
    toolbar.setMovable(False)
    search.setMaximumWidth(420)
    toolbar.addWidget(search)
    if views is not None:
        label = QLabel("  View: ")  # no mnemonic: Alt+V opens the View menu
        toolbar.addWidget(label)
        toolbar.addWidget(views)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([a.zoom_in, a.zoom_out, a.fit, a.actual_size, a.choose_view])
    view_menu.addSeparator()
    view_menu.addAction(a.grid)
    # the canvas's own toggles, made here for the window's one canvas
    canvas = window.findChild(CanvasView)
    overview = OverviewActions(window, canvas) if canvas is not None else None
    if overview is not None:
        view_menu.addActions(overview.all())
    theme_menu = view_menu.addMenu("&Theme")
    theme_menu.addActions(list(a.themes.values()))
    view_menu.addSeparator()
    for dock in docks:
        view_menu.addAction(dock.toggleViewAction())
    design_menu = bar.addMenu("&Design")
    design_menu.addActions([a.layout, a.impact, a.taxonomy])
    review_menu = bar.addMenu("&Review")
    review_menu.addActions([a.review, a.comment])
    review_menu.addSeparator()
    review_menu.addActions([a.compare_file, a.compare_git, a.clear_compare])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a.shortcuts, a.about])
    return Menus(recent, overview)
