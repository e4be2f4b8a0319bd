"""Labels that keep their size on screen, shown only where they do not cover each other.

The folded picture's labels (``fold_scene``) ignore the zoom, so zooming out brings them
together until they pile up: a thousand bundle counts over a hundred block names read as
nothing. After each zoom the view gives every label room in priority order (the caller's:
block names first, then the largest counts) and hides a label that would overlap one shown
already; zooming in spreads them apart and shows more. Panning changes no overlaps, so only
a zoom calls for this. Screen rects are kept in buckets of ``CELL`` pixels, so each label is
checked against its neighbours only.

This runs on every zoom step of the folded picture, so a ``LabelRoom`` reads each label's
place and size once (they stay put until the picture is drawn again) and then works on
plain floats: asking Qt for a position and a rect per label per step was most of the
5 ms a step took at 20,000 elements.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtWidgets import QGraphicsItem

CELL = 64.0  # pixels
GAP = 2.0  # pixels kept free between two labels


class LabelRoom:
    """``labels`` (which ignore the zoom), the most important first, and where they are."""

    def __init__(self, labels: Sequence[QGraphicsItem]) -> None:
        self.labels = list(labels)
        # per label: its place in the scene, and its box around that in pixels, GAP included
        self._boxes: list[tuple[float, float, float, float, float, float]] = []
        for label in self.labels:
            pos, box = label.scenePos(), label.boundingRect()
            self._boxes.append(
                (
                    pos.x(),
                    pos.y(),
                    box.left() - GAP,
                    box.top() - GAP,
                    box.right() + GAP,
                    box.bottom() + GAP,
                )
            )

    def give(self, zoom: float) -> int:
        """Show each label unless it overlaps one shown before it at ``zoom``; the number
        shown. (Scrolling moves all alike: only the zoom counts.)"""
        taken: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        shown = 0
        floor = math.floor
        for label, (x, y, dl, dt, dr, db) in zip(self.labels, self._boxes, strict=True):
            left, top, right, bottom = x * zoom + dl, y * zoom + dt, x * zoom + dr, y * zoom + db
            cells = [
                (i, j)
                for i in range(floor(left / CELL), floor(right / CELL) + 1)
                for j in range(floor(top / CELL), floor(bottom / CELL) + 1)
            ]
            # overlapping as QRectF.intersects has it: touching edges do not overlap
            free = not any(
                left < o_right and o_left < right and top < o_bottom and o_top < bottom
                for cell in cells
                for o_left, o_top, o_right, o_bottom in taken.get(cell, ())
            )
            if free:
                box = (left, top, right, bottom)
                for cell in cells:
                    taken.setdefault(cell, []).append(box)
                shown += 1
            if label.isVisible() != free:
                label.setVisible(free)
        return shown
