"""The main window's frame around the canvas: its docked panels and the banners above it.

Kept apart from ``main_window`` because it is layout only: which panel docks where, which
share a tab, their first sizes, and the banners stacked over the canvas. The window keeps the
``Docks`` to raise a panel when something is shown in it; the View menu lists them. Where the
user left the window and its panels is saved on closing and restored on the next start.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QVBoxLayout, QWidget

_LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
_RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
_BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@dataclass(frozen=True)
class Panels:
    """The panels the window docks around its canvas."""

    palette: QWidget
    properties: QWidget
    problems: QWidget
    spec_preview: QWidget
    impact: QWidget
    notes: QWidget
    changes: QWidget
    registry: QWidget


@dataclass(frozen=True)
class Docks:
    """One dock per panel, in the View menu's order."""

    palette: QDockWidget
    properties: QDockWidget
    problems: QDockWidget
    spec: QDockWidget
    impact: QDockWidget
    notes: QDockWidget
    changes: QDockWidget
    registry: QDockWidget

    def all(self) -> list[QDockWidget]:
        return [getattr(self, field.name) for field in fields(self)]


def _dock(window: QMainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"{title.lower()}-dock")
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def build_docks(window: QMainWindow, panels: Panels) -> Docks:
    """Dock ``panels`` around the window's canvas: bottom panels share one tab group,
    Properties shares one with the registry browser."""
    docks = Docks(  # added in the order they always were: the layout in each area follows it
        palette=_dock(window, "Palette", panels.palette, _LEFT),
        properties=_dock(window, "Properties", panels.properties, _RIGHT),
        problems=_dock(window, "Problems", panels.problems, _BOTTOM),
        spec=_dock(window, "Spec Preview", panels.spec_preview, _BOTTOM),
        impact=_dock(window, "Impact", panels.impact, _BOTTOM),
        registry=_dock(window, "Registry", panels.registry, _RIGHT),
        notes=_dock(window, "Notes", panels.notes, _BOTTOM),
        changes=_dock(window, "Changes", panels.changes, _BOTTOM),
    )
    window.tabifyDockWidget(docks.problems, docks.spec)
    window.tabifyDockWidget(docks.spec, docks.impact)
    window.tabifyDockWidget(docks.impact, docks.notes)
    window.tabifyDockWidget(docks.notes, docks.changes)
    window.tabifyDockWidget(docks.properties, docks.registry)
    docks.problems.raise_()
    docks.properties.raise_()
    window.resizeDocks([docks.palette, docks.properties], [150, 360], Qt.Orientation.Horizontal)
    window.resizeDocks([docks.problems], [220], Qt.Orientation.Vertical)
    window.installEventFilter(_StaleTabBars(window))
    return docks


class _StaleTabBars(QObject):
    """Hides the tab bars Qt leaves behind.

    Tabifying a second group of docks before the window is shown, or restoring a saved
    layout, makes Qt (6.11) create fresh tab bars and keep an old one visible where the first
    layout put it: a "Problems | Spec Preview" strip over the Palette, say. A tab bar the
    layout uses sits against one of its docks; after each layout pass the others are hidden.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._hide_stale)
        return False

    def _hide_stale(self) -> None:
        self._pending = False
        docks = [d.geometry() for d in self.window.findChildren(QDockWidget) if d.isVisible()]
        for bar in self.window.findChildren(QTabBar):
            if (
                bar.parent() is self.window
                and bar.isVisible()
                and not any(_against(bar.geometry(), dock) for dock in docks)
            ):
                bar.hide()


def _against(bar: QRect, dock: QRect) -> bool:
    """Whether a tab bar lies along a dock's top or bottom edge."""
    across = bar.left() < dock.right() and dock.left() < bar.right()
    return across and (abs(bar.top() - dock.bottom()) <= 4 or abs(bar.bottom() - dock.top()) <= 4)


def stacked_over(canvas: QWidget, *banners: QWidget) -> QWidget:
    """The canvas with ``banners`` above it, in one widget for the window's centre."""
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for banner in banners:
        layout.addWidget(banner)
    layout.addWidget(canvas, 1)
    return container


def restore_layout(window: QMainWindow, settings: QSettings) -> None:
    """The window's size and place, and its panels, as the user left them (else 1600 x 1000)."""
    geometry = settings.value("geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(1600, 1000)
    state = settings.value("windowState")
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("windowState", window.saveState())
