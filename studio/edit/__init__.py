"""Qt-free, undoable edits of a Document: commands, the edits users make, links, history."""

from studio.edit.actions import check_new_id, connect, delete_elements, rename_element
from studio.edit.commands import (
    AddElement,
    Command,
    Macro,
    MoveElements,
    RemoveElement,
    ReplaceDesign,
    ReplaceElement,
    SetSection,
)
from studio.edit.history import History
from studio.edit.refusal import Refusal

__all__ = [
    "AddElement",
    "Command",
    "History",
    "Macro",
    "MoveElements",
    "Refusal",
    "RemoveElement",
    "ReplaceDesign",
    "ReplaceElement",
    "SetSection",
    "check_new_id",
    "connect",
    "delete_elements",
    "rename_element",
]
