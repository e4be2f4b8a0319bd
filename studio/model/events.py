"""Typed change events of a Document, and the tiny observer that delivers them.

The studio's scene mirrors these (``ElementAdded`` -> add an item); nothing here knows Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from typing import Any, Generic, TypeVar

from studio.model.design import Design
from studio.model.elements import Element, Position

T = TypeVar("T")
V = TypeVar("V")


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
class _Replaced(Generic[V]):
    """A value replaced by another; both given by keyword (``old=..., new=...``) after what
    the subclass says was replaced."""

    _: KW_ONLY
    old: V
    new: V


@dataclass(frozen=True, slots=True)
class ElementReplaced(_Replaced[Element]):
    """An element's fields changed (its id may have changed too)."""


@dataclass(frozen=True, slots=True)
class PositionChanged(_Replaced[Position | None]):
    """An element moved; ``None`` where it had (or has) no position."""

    element_id: str


@dataclass(frozen=True, slots=True)
class SectionChanged(_Replaced[Any]):
    """A document-wide section changed: ``info``, ``registry``, ``taxonomy`` or ``rules``."""

    name: str


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
