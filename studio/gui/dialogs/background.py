"""One piece of work at a time on a worker thread, for dialogs that must stay responsive.

The Export and Publish Portal dialogs run a core function (Qt-free) on a snapshot of the
design; its result, or its progress, comes back to the dialog as signals on the GUI thread.
The runnable is held here and not auto-deleted: Qt must not free it under Python's feet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class BackgroundSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, what
    finished = Signal(object)  # whatever the work returned


class _Work(QRunnable):
    def __init__(self, work: Callable[[], object], signals: BackgroundSignals) -> None:
        super().__init__()
        self.work, self.signals = work, signals

    def run(self) -> None:
        self.signals.finished.emit(self.work())


class Background(QObject):
    """Runs ``start``'s work on one worker thread; ``signals`` report back."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.signals = BackgroundSignals()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._work: _Work | None = None

    def start(self, work: Callable[[], object]) -> None:
        self._work = _Work(work, self.signals)
        self._work.setAutoDelete(False)
        self._pool.start(self._work)

    def wait(self) -> None:
        """Block until the work is done (tests, and a dialog closing)."""
        self._pool.waitForDone()
