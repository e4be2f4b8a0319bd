"""Typed change events of a Document, and the tiny observer that delivers them.

The studio's scene mirrors these (``ElementAdded`` -> add an item); nothing here knows Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from studio.model.design import Design
from studio.model.elements import Element, Position

T = TypeVar("T")


class Signal(Generic[T]):
    """Subscribers are called in connection order with each emitted value."""

    def __init__(self) -> None:
        self._slots: list[Callable[[T], None]] = []

    def connect(self, slot: Callable[[T], None]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[[T], None]) -> None:
        self._slots.remove(slot)

    def emit(self, value: T) -> None:
        for slot in list(self._slots):
            slot(value)


@dataclass(frozen=True, slots=True)
class _ElementAt:
    """An element and its index in its section's list."""

    element: Element
    index: int


@dataclass(frozen=True, slots=True)
class ElementAdded(_ElementAt):
    """The element was inserted at ``index``."""


@dataclass(frozen=True, slots=True)
class ElementRemoved(_ElementAt):
    """The element was taken out of ``index``."""


@dataclass(frozen=True, slots=True)
class ElementReplaced:
    """An element's fields changed (its id may have changed too)."""

    old: Element
    new: Element


@dataclass(frozen=True, slots=True)
class PositionChanged:
    element_id: str
    old: Position | None
    new: Position | None


@dataclass(frozen=True, slots=True)
class SectionChanged:
    """A document-wide section changed: ``info``, ``registry``, ``taxonomy`` or ``rules``."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class DocumentReset:
    """The whole design was replaced (new file, reload)."""

    design: Design


Change = (
    ElementAdded
    | ElementRemoved
    | ElementReplaced
    | PositionChanged
    | SectionChanged
    | DocumentReset
)
