"""The bridge from Qt-free commands to QUndoStack: one generic QUndoCommand for all.

QUndoStack calls ``redo()`` when a command is pushed, which runs ``command.do``. Merging is
delegated to the command itself (typing in a field merges into one step).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.edit import Command
from studio.model import Document

_MERGE_ID = 0x4D53  # any fixed id: merging is decided by the commands' own merge keys


class UndoableCommand(QUndoCommand):
    def __init__(self, doc: Document, command: Command) -> None:
        super().__init__(command.label)
        self.doc = doc
        self.command = command

    def redo(self) -> None:
        self.command.do(self.doc)

    def undo(self) -> None:
        self.command.undo(self.doc)

    def id(self) -> int:
        return _MERGE_ID if self.command.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoableCommand):
            return False
        return self.command.merge(other.command)


def push(stack: QUndoStack, doc: Document, command: Command) -> None:
    stack.push(UndoableCommand(doc, command))
