"""Keeps the window's loaded registry on the file its design names, whatever changed the name.

The design's ``registry`` path is a section of the Document: it changes when the user types or
picks a file in Properties, and when that edit is undone or redone. Each of these must load
the named file at once, so that the registry browser, the status bar, Properties and Problems
never show or check against a file the design no longer names. The follower compares the
design's path with the one the window last loaded (``registry_link``), so a change that ends
where it started loads nothing twice. Opening and reloading whole designs load their registry
themselves (``DocumentReset`` is theirs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject

from studio.model import Change
from studio.model.events import SectionChanged

if TYPE_CHECKING:
    from studio.gui.main_window import MainWindow


class RegistryLinkFollower(QObject):
    """Reloads the window's registry when the design's ``registry`` path changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.doc.changed.connect(self._document_changed)

    def _document_changed(self, change: Change) -> None:
        if not (isinstance(change, SectionChanged) and change.name == "registry"):
            return
        if not shiboken6.isValid(self):
            return  # the window is gone; the Document outlived it
        window = self._window
        if window.doc.design.registry != window.registry_link:
            window.reload_registry()
