"""Noticing that the open design file changed on disk (a ``git pull``, another editor).

QFileSystemWatcher alone is not enough: editors and git replace files by renaming a new one
over them, after which the watcher has silently dropped the path. So the folder is watched
too, and the path is re-added whenever it exists again. Notifications come in bursts; a
short pause collects them, and only a change of the file's bytes counts, compared with the
fingerprint of what the studio itself last read or wrote, so its own saves never trigger it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # a save is several events (temp file, rename); wait until they are over


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileWatch(QObject):
    """Watches one file; emits ``changed_on_disk`` with its new bytes when they differ, and
    ``vanished`` when it is gone."""

    changed_on_disk = Signal(bytes)
    vanished = Signal()  # the file is gone (deleted, or moved away) and stayed gone
    checked = Signal()  # the file was looked at after an event, whatever was found

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.known: str | None = None  # fingerprint of the bytes the studio has seen
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _p: self._settle.start())
        self._watcher.directoryChanged.connect(lambda _p: self._settle.start())

    def watch(self, path: Path | None, data: bytes | None) -> None:
        """Watch ``path``, whose current content (as the studio read or wrote it) is ``data``."""
        self.stop()
        self.path = path
        self.known = fingerprint(data) if data is not None else None
        if path is not None:
            self._watcher.addPath(str(path.parent))
            self._rewatch()

    def stop(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self.path, self.known = None, None
        self._settle.stop()

    def _rewatch(self) -> None:
        if (
            self.path is not None
            and self.path.exists()
            and str(self.path) not in self._watcher.files()
        ):
            self._watcher.addPath(str(self.path))

    def check(self) -> None:
        """Compare the file with what the studio knows; emit when someone else changed it."""
        if self.path is None:
            return
        try:
            self._compare()
        finally:
            self.checked.emit()

    def _compare(self) -> None:
        assert self.path is not None
        self._rewatch()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            if self.known is not None:  # one notice; it counts as new if it comes back
                self.known = None
                self.vanished.emit()
            return
        except OSError:
            return  # unreadable for now: the open design stays as it is
        if fingerprint(data) != self.known:
            self.known = fingerprint(data)  # one notice per change, not one per event
            self.changed_on_disk.emit(data)
