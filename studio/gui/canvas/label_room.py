"""Labels that keep their size on screen, shown only where they do not cover each other.

The folded picture's labels (``fold_scene``) ignore the zoom, so zooming out brings them
together until they pile up: a thousand bundle counts over a hundred block names read as
nothing. After each zoom the view gives every label room in priority order (the caller's:
block names first, then the largest counts) and hides a label that would overlap one shown
already; zooming in spreads them apart and shows more. Panning changes no overlaps, so only
a zoom calls for this. Screen rects are kept in buckets of ``CELL`` pixels, so each label is
checked against its neighbours only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

CELL = 64.0  # pixels
GAP = 2.0  # pixels kept free between two labels


def give_room(labels: Iterable[QGraphicsItem], zoom: float) -> int:
    """Show each of ``labels`` (which ignore the zoom) unless it overlaps one shown before
    it at ``zoom``; the number shown. (Scrolling moves all alike: only the zoom counts.)"""
    taken: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
    shown = 0
    for label in labels:
        at = label.scenePos() * zoom
        box = label.boundingRect().translated(at).adjusted(-GAP, -GAP, GAP, GAP)
        cells = [
            (i, j)
            for i in range(math.floor(box.left() / CELL), math.floor(box.right() / CELL) + 1)
            for j in range(math.floor(box.top() / CELL), math.floor(box.bottom() / CELL) + 1)
        ]
        free = not any(box.intersects(other) for cell in cells for other in taken[cell])
        if free:
            for cell in cells:
                taken[cell].append(box)
            shown += 1
        if label.isVisible() != free:
            label.setVisible(free)
    return shown
