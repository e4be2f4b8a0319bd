"""The window's undo history under review mode's rule: comments only, and undo stops at entry.

In review mode the design is read-only except for comments: ``push`` lets only note commands
through (and says why it refused the rest), Undo stops at the step review mode started from
(the reviewer may undo only their own comments), and Redo works only for steps made during
review (the first comment drops the redo tail from before). Outside review mode the history is
the plain QUndoStack.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QAction, QUndoStack

from studio.edit import Command
from studio.edit.notes import notes_only
from studio.gui.undo import push as push_on_stack
from studio.model import Document

READ_ONLY = "Review mode: the design is read-only; comments are allowed."


class ReviewHistory:
    """Pushes commands for ``doc`` onto ``stack``; ``say`` shows a refusal for a while."""

    def __init__(self, doc: Document, stack: QUndoStack, say: Callable[[str, int], None]) -> None:
        self.doc, self.stack, self._say = doc, stack, say
        self.review = False
        self._floor, self._redo_ok = 0, False

    def push(self, command: Command) -> None:
        """Run a command through the undo stack; review mode lets only comments through."""
        if self.review and not notes_only(self.doc, command):
            self._say(READ_ONLY, 4000)
            return
        if self.review:
            self._redo_ok = True  # the push drops the redo tail from before review
        push_on_stack(self.stack, self.doc, command)

    def set_review(self, review: bool) -> None:
        """Enter or leave review mode; what is on the stack now is its floor."""
        self.review = review
        self._floor, self._redo_ok = self.stack.index(), False

    def restart(self) -> None:
        """A new history (a design opened): nothing below, nothing to redo."""
        self._floor, self._redo_ok = 0, False

    def can_undo(self) -> bool:
        return self.stack.canUndo() and (not self.review or self.stack.index() > self._floor)

    def can_redo(self) -> bool:
        return self.stack.canRedo() and (not self.review or self._redo_ok)

    def undo(self) -> None:
        if self.can_undo():
            self.stack.undo()

    def redo(self) -> None:
        if self.can_redo():
            self.stack.redo()

    def update_actions(self, undo: QAction, redo: QAction) -> None:
        """Enable and name the Undo and Redo actions after what they would do now."""
        if not shiboken6.isValid(self.stack):
            return  # the stack signals while the window is being destroyed
        can_undo, can_redo = self.can_undo(), self.can_redo()
        undo.setEnabled(can_undo)
        redo.setEnabled(can_redo)
        undo.setText(f"&Undo {self.stack.undoText()}" if can_undo else "&Undo")
        redo.setText(f"&Redo {self.stack.redoText()}" if can_redo else "&Redo")
