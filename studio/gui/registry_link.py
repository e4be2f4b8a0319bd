"""Keeps the window's loaded registry on the file its design names, whatever changed the name.

The design's ``registry`` path is a section of the Document: it changes when the user types or
picks a file in Properties, when an import links a new registry file, and when such an edit
is undone or redone. Each of these must load the named file at once, so that the registry
browser, the status bar, Properties and Problems never show or check against a file the
design no longer names. The follower compares the design's path with the one the window last
loaded (``loaded_link``), so a change that ends where it started loads nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from studio.model import Change, Document
from studio.model.events import DocumentReset, SectionChanged


class RegistryLinkFollower(QObject):
    """Calls ``reload`` when ``doc``'s ``registry`` path is no longer ``loaded_link()``."""

    def __init__(
        self,
        doc: Document,
        loaded_link: Callable[[], str | None],
        reload: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._doc, self._loaded_link, self._reload = doc, loaded_link, reload
        doc.changed.connect(self._document_changed)

    def _document_changed(self, change: Change) -> None:
        if not shiboken6.isValid(self):
            return  # the window is gone; the Document outlived it
        if isinstance(change, SectionChanged) and change.name == "registry":
            self._follow()
        elif isinstance(change, DocumentReset):
            # Undoing an import that linked a new registry file unlinks it (redo links it
            # again). Deferred, so that opening a file, which loads its registry right after
            # the reset, is not loaded twice.
            QTimer.singleShot(0, self, self._follow)

    def _follow(self) -> None:
        if self._doc.design.registry != self._loaded_link():
            self._reload()
