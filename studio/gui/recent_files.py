"""The recent-files list: kept in the settings, shown in File > Open Recent.

Paths are stored resolved, newest first, without duplicates and at most ``MAX_RECENT`` of
them; a file that fails to open is forgotten, so the menu never offers it again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8


class RecentFiles:
    """The list in ``settings`` and the menu that offers it; ``open_file`` opens a choice."""

    def __init__(
        self, settings: QSettings, menu: QMenu, open_file: Callable[[str], object]
    ) -> None:
        self.settings = settings
        self.menu = menu
        self._open = open_file
        self.update_menu()

    def files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def remember(self, path: str | Path) -> None:
        resolved = str(Path(path).resolve())
        files = [resolved, *[f for f in self.files() if f != resolved]][:MAX_RECENT]
        self.settings.setValue("recentFiles", files)
        self.update_menu()

    def forget(self, path: str | Path) -> None:
        resolved = str(Path(path).resolve())
        self.settings.setValue("recentFiles", [f for f in self.files() if f != resolved])
        self.update_menu()

    def update_menu(self) -> None:
        self.menu.clear()
        for number, path in enumerate(self.files(), start=1):
            action = self.menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open(p))
        self.menu.setEnabled(bool(self.files()))
