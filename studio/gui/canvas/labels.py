"""Texts fitted into canvas boxes: elided in the middle when too long, whole when zoomed in.

Boxes grow with their texts up to a maximum width (``studio.layout.node_sizes``); a text
still too long is elided in the middle, so a topic address keeps its start and its version
suffix and a host keeps its port. Everything is measured when an item takes its element's
data (``fit_label``), never in ``paint``: a ``Label`` knows the text to draw at normal zoom,
and how much the whole text must shrink to fit its rect. Zoomed in far enough that the whole
text, shrunk to fit, is still as large on screen as at 100 %, the item draws the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

ELLIPSIS = "\u2026"
_ELIDE_MIDDLE = Qt.TextElideMode.ElideMiddle
_WRAP = int(Qt.TextFlag.TextWordWrap)
_METRICS: dict[int, QFontMetricsF] = {}  # by id of the module-level fonts: built once


def metrics(font: QFont) -> QFontMetricsF:
    """Metrics of one of the canvas's module-level fonts (cached: thousands of items)."""
    found = _METRICS.get(id(font))
    if found is None:
        found = _METRICS[id(font)] = QFontMetricsF(font)
    return found


@dataclass(frozen=True)
class Label:
    """One text of an item: ``full`` as in the model, ``shown`` as drawn at normal zoom (the
    same, or elided in the middle), in ``rect`` (item coordinates) with alignment ``flags``.
    ``full_scale`` is how much the whole text shrinks to fit ``rect`` (1 when it fits)."""

    full: str
    shown: str
    rect: QRectF
    flags: int
    font: QFont
    full_scale: float = 1.0

    @property
    def elided(self) -> bool:
        return self.shown != self.full

    def text_at(self, level_of_detail: float) -> str:
        """What is drawn at this zoom: the whole text once it is readable shrunk to fit."""
        if self.elided and level_of_detail * self.full_scale >= 1.0:
            return self.full
        return self.shown

    def draw(self, painter: QPainter, level_of_detail: float) -> None:
        painter.setFont(self.font)
        if self.text_at(level_of_detail) == self.shown:
            painter.drawText(self.rect, self.flags, self.shown)
            return
        scale = self.full_scale
        painter.save()
        painter.translate(self.rect.topLeft())
        painter.scale(scale, scale)
        painter.drawText(
            QRectF(0, 0, self.rect.width() / scale, self.rect.height() / scale),
            self.flags,
            self.full,
        )
        painter.restore()


def fit_label(
    text: str,
    font: QFont,
    rect: QRectF,
    flags: int = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
) -> Label:
    """``text`` on one line in ``rect``: elided in the middle if it is too wide."""
    fm = metrics(font)
    width = fm.horizontalAdvance(text)
    if width <= rect.width():
        return Label(text, text, rect, flags, font)
    shown = fm.elidedText(text, _ELIDE_MIDDLE, rect.width())
    return Label(text, shown, rect, flags, font, rect.width() / width)


def fit_wrapped(
    text: str, font: QFont, rect: QRectF, flags: int = int(Qt.AlignmentFlag.AlignLeft) | _WRAP
) -> Label:
    """``text`` word-wrapped in ``rect``; if it needs more lines than fit, the longest
    "start … end" that does (notes: a few per design, so a bisection is cheap)."""
    if _fits(text, font, rect, flags):
        return Label(text, text, rect, flags, font)
    low, high = 0, len(text)  # characters kept, split between start and end
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(_cut(text, middle), font, rect, flags):
            low = middle
        else:
            high = middle - 1
    scale = 1.0
    while scale > 0.05 and not _fits(
        text, font, QRectF(0, 0, rect.width() / scale, rect.height() / scale), flags
    ):
        scale *= 0.9
    return Label(text, _cut(text, low), rect, flags, font, scale)


def _cut(text: str, keep: int) -> str:
    head = (keep + 1) // 2
    return text[:head].rstrip() + ELLIPSIS + text[len(text) - (keep - head) :].lstrip()


def _fits(text: str, font: QFont, rect: QRectF, flags: int) -> bool:
    needed = metrics(font).boundingRect(QRectF(0, 0, rect.width(), 1e6), flags, text)
    return needed.height() <= rect.height() and needed.width() <= rect.width() + 0.5
