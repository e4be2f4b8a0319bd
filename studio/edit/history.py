"""A plain undo history for the CLI and tests (the studio uses QUndoStack the same way)."""

from __future__ import annotations

from collections.abc import Callable

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
        return self._step(self._done, self._undone, lambda command: command.undo(self.doc))

    def redo(self) -> bool:
        return self._step(self._undone, self._done, lambda command: command.do(self.doc))

    @staticmethod
    def _step(source: list[Command], target: list[Command], run: Callable[[Command], None]) -> bool:
        """Undo and redo alike: run the last command of ``source`` and move it to ``target``;
        False when there is none."""
        if not source:
            return False
        command = source.pop()
        run(command)
        target.append(command)
        return True

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self._done]
