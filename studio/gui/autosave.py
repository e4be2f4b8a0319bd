"""Autosave of unsaved work to a recovery file, and the offer to restore it after a crash.

The controller watches the window's undo stack. While the design is modified it writes the
design to a recovery file (``studio.io.recovery``) a few seconds after the last edit and every
30 seconds; once the work is saved, undone back to the saved state, or discarded (a new or
another design, a close), the file is removed. Only a crash or a kill leaves one behind.
Writing and removing happen on an autosave thread, in order, on a snapshot of the design
(elements are immutable, as for live validation): dumping a big design takes a second or
more, and must not freeze editing.

When a design is opened (or the studio starts on untitled work) and an abandoned recovery file
exists for it, the user is asked "Restore unsaved changes from <time>?": Restore loads the
recovered design into the window as modified, never over the file, so the user decides whether
to save it; Discard removes the recovery file; Keep for Later leaves it for the next open. The
question is asked in one function, ``ask_restore``, which tests replace.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from studio.io import recovery
from studio.io.recovery import Recovery
from studio.model import Design, Document, snapshot


class Choice(enum.Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_restore(parent: QWidget, found: Recovery) -> Choice:
    """Ask whether to restore ``found``: Restore, Discard or Keep for Later."""
    when = found.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Restore unsaved changes",
        f"Restore unsaved changes from {when}?",
        parent=parent,
    )
    name = found.original.name if found.original else "an untitled design"
    details = [f"Mesh Studio closed before the changes to {name} were saved."]
    if found.disk_changed():
        details.append(
            "The file has changed on disk since then; restoring keeps the file "
            "as it is until you save."
        )
    box.setInformativeText(" ".join(details))
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Keep for Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return (
        Choice.RESTORE
        if clicked is restore
        else (Choice.DISCARD if clicked is discard else Choice.LATER)
    )


class _Finished(QObject):
    done = Signal(object)  # the _Job that ran


class _Job(QRunnable):
    """One write or removal of recovery files, run on the autosave thread. That thread runs
    jobs one at a time in the order they were started, so a removal (the work was saved)
    always comes after every write asked for before it, and before every later one."""

    def __init__(self, work: Callable[[], Path | None], finished: _Finished) -> None:
        super().__init__()
        self.work, self.finished = work, finished
        self.result: Path | None = None
        self.error: str | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except OSError as error:
            self.error = str(error.strerror or error)
        self.finished.done.emit(self)


class AutosaveController(QObject):
    """Keeps a window's unsaved work in a recovery file and offers it back after a crash.

    It follows ``doc`` and its ``undo_stack``, reports on ``status``, asks its questions
    over ``window`` and restores a recovered design through ``open_design`` (the window's own
    way of putting a design in front of the user)."""

    interval_ms = 30_000  # while modified, at least this often
    after_edit_ms = 3_000  # and this long after the last edit

    def __init__(
        self,
        window: QWidget,
        doc: Document,
        undo_stack: QUndoStack,
        status: QStatusBar,
        open_design: Callable[[Design, Path | None], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.doc, self.undo_stack, self.status = doc, undo_stack, status
        self._open_design = open_design
        self.session = recovery.new_session()
        self.enabled = True
        self.written: Path | None = None  # the recovery file this session wrote last
        self._fingerprint: str | None = None  # of the file on disk the edits started from
        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self.save_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.save_now)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the autosave thread: one job at a time, in order
        self._finished = _Finished(self)
        self._finished.done.connect(self._job_done)
        self._jobs: set[_Job] = set()  # held until done: Qt must not free them
        self._files: set[Path] = set()  # what this session wrote; only the jobs touch it
        self._asked: tuple[Path, int] | None = None  # file and undo index of the last write
        undo_stack.indexChanged.connect(self._edited)
        undo_stack.cleanChanged.connect(self._clean_changed)

    # -- writing ----------------------------------------------------------------------

    def save_now(self) -> bool:
        """Start writing the recovery file if there is unsaved work it does not hold yet;
        whether a write was started."""
        stack = self.undo_stack
        if not self.enabled or stack.isClean():  # review comments are unsaved work too
            return False
        state = (recovery.recovery_file(self.doc.path, self.session), stack.index())
        if state == self._asked:
            return False
        self._asked = state
        design, path = snapshot(self.doc.design), self.doc.path
        fingerprint = self._fingerprint
        self._start(lambda: self._write(design, path, fingerprint))
        return True

    def wait(self) -> None:
        """Block until the jobs started so far are done and taken in (close, tests)."""
        self._pool.waitForDone()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # _job_done calls

    def _start(self, work: Callable[[], Path | None]) -> None:
        job = _Job(work, self._finished)
        job.setAutoDelete(False)
        self._jobs.add(job)
        self._pool.start(job)

    def _write(self, design: Design, path: Path | None, fingerprint: str | None) -> Path:
        # on the autosave thread
        target = recovery.write_recovery(design, path, self.session, fingerprint)
        self._remove_files(keep=target)  # untitled work saved as a file, or the like
        self._files.add(target)
        return target

    def _remove_files(self, keep: Path | None = None) -> None:
        # on the autosave thread
        for file in self._files - {keep}:
            recovery.discard(file)
        self._files &= {keep}

    def _job_done(self, job: _Job) -> None:
        self._jobs.discard(job)
        if job.error is not None:  # a full disk must not interrupt editing: say it, go on
            self._asked = None  # try again at the next occasion
            self.status.showMessage(
                f"Cannot write the recovery file ({job.error}); save your work.", 10000
            )
            return
        self.written = job.result

    def finish(self) -> None:
        """The window closes with its work saved or deliberately discarded."""
        self._stop_and_remove()
        self.wait()
        self.enabled = False  # nothing the closing window does is unsaved work any more
        recovery.release(self.session)

    def _stack_alive(self) -> bool:
        # ~QUndoStack clears itself, emitting these signals from a dying window: that is no
        # decision about the work, so the recovery file stays
        return shiboken6.isValid(self.undo_stack)

    def _edited(self, _index: int) -> None:
        if not self.enabled or not self._stack_alive() or self.undo_stack.isClean():
            return
        self._soon.start(self.after_edit_ms)
        if not self._periodic.isActive():
            self._periodic.start(self.interval_ms)

    def _clean_changed(self, clean: bool) -> None:
        if not self._stack_alive():
            return
        if clean:  # saved, undone back to the saved state, or a new/opened design replaced it
            self._stop_and_remove()
        else:  # the first edit: the file on disk now is the one the edits start from
            path = self.doc.path
            self._fingerprint = recovery.fingerprint_of(path) if path else None

    def _stop_and_remove(self) -> None:
        self._soon.stop()
        self._periodic.stop()
        self._asked = None
        self._start(self._remove_files)  # after any write under way, so nothing is left

    # -- offering back ----------------------------------------------------------------

    def offer_recovery(self) -> Choice | None:
        """Offer the newest abandoned recovery of the open design (or of untitled work, when
        no file is open); None when there was nothing to offer."""
        if not self.enabled:
            return None
        found, problems = recovery.find_recoveries(self.doc.path)
        for problem in problems:
            self.status.showMessage(str(problem), 15000)
        if not found:
            return None
        newest = found[0]
        choice = ask_restore(self.window, newest)
        if choice is Choice.RESTORE:
            self.restore(newest)
        if choice is not Choice.LATER:
            # the user decided about the newest; older ones of the same design are superseded
            for old in found:
                recovery.discard(old.file)
        return choice

    def restore(self, found: Recovery) -> None:
        """Put the recovered design in the window, modified, and keep it safe at once."""
        self._open_design(found.design, found.original)  # as the window opens any design
        self.undo_stack.resetClean()  # modified, and no undo step leads to the file
        self._fingerprint = found.fingerprint
        self.save_now()
        self.wait()  # the old file is removed next: this one must exist first
        self.status.showMessage(
            "Restored unsaved changes; save to keep them, or close without saving to drop them.",
            10000,
        )
