"""A plain undo history for the CLI and tests (the studio uses QUndoStack the same way)."""

from __future__ import annotations

from studio.edit.commands import Command
from studio.model import Document


class History:
    """Runs commands on a document and undoes/redoes them, merging where commands allow."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> None:
        command.do(self.doc)
        self._undone.clear()
        if self._done and self._done[-1].merge(command):
            return
        self._done.append(command)

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        command.undo(self.doc)
        self._undone.append(command)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        command.do(self.doc)
        self._done.append(command)
        return True

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self._done]
