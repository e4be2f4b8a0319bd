"""The docked panels' tab bars: only those along their docks are on screen, the first time
and after the layout is restored on the next start (Qt leaves stale ones behind)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

from studio.gui.main_window import MainWindow


def visible_tab_bars(win: MainWindow) -> list[tuple[QTabBar, list[str]]]:
    return [
        (bar, [bar.tabText(i) for i in range(bar.count())])
        for bar in win.findChildren(QTabBar)
        if bar.parent() is win and bar.isVisible()
    ]


def test_each_group_of_tabs_has_one_bar_along_its_docks(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = str(tmp_path / "s.ini")
    for start in ("first", "restored"):
        win = MainWindow(settings=QSettings(settings, QSettings.Format.IniFormat))
        win.show()
        qtbot.waitExposed(win)
        for _ in range(5):
            QApplication.processEvents()
        bars = visible_tab_bars(win)
        groups = sorted(tuple(sorted(tabs)) for _bar, tabs in bars)
        assert groups == [
            ("Changes", "Impact", "Notes", "Problems", "Spec Preview"),
            ("Properties", "Registry"),
        ], start
        docks = [d.geometry() for d in win.findChildren(QDockWidget) if d.isVisible()]
        for bar, _tabs in bars:
            edge = bar.geometry()
            assert any(
                abs(edge.top() - d.bottom()) <= 4 or abs(edge.bottom() - d.top()) <= 4
                for d in docks
            ), start
        win.undo_stack.setClean()
        win.close()
