"""Building the items of a big design in slices, after the window is already usable.

A design of 20,000 elements has some 60,000 items (elements, links, frames): making them
takes about 2 s, longer than opening the design may take in all. Zoomed out to fit, such a
design is shown folded (``semantic_zoom``), so not one of those items is on screen when it
opens. ``SliceBuild`` therefore makes them a few milliseconds at a time, between turns of the
event loop, while the user already sees and moves the folded picture; anything that needs
them all sooner (showing the mesh unfolded, a selection, an edit, a search) has the scene
finish the build at once (``MeshScene.finish_building``). Small designs are built at once:
their items take less time than a frame.

While building, the scene's rect is the design's bounds as the layout gives them
(``design_bounds``): set before any item joins, so Qt's index is laid out once, and fitting
the view needs no item.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, QRectF, QTimer

from studio.layout.block_rects import NOWHERE, block_rects
from studio.layout.node_sizes import NOTE_SIZE
from studio.model import Design, Element

# from this many elements a design's items are made in slices (the 5,000-element benchmark
# mesh takes about 0.5 s to build at once); below it, at once as the design opens
SLICED_FROM = 2_000
# the work of one slice: with Qt's indexing of what it added and a frame painted in the same
# turn, a turn of the event loop stays near 10 ms
SLICE_S = 0.006


class SliceBuild(QObject):
    """Runs ``steps`` (a generator that pauses after each element or so) in slices of
    ``SLICE_S`` from a zero-time timer, calling ``slice_done`` after each slice and
    ``finished`` after the last; ``finish`` runs the rest at once."""

    def __init__(
        self,
        steps: Generator[None, None, None],
        slice_done: Callable[[], None],
        finished: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._steps = steps
        self._slice_done = slice_done
        self._finished = finished
        self.running = False  # inside a slice or ``finish``: the scene must not finish it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def start(self, after_ms: int = 0) -> None:
        """Run the first slice ``after_ms`` from now (then one per turn of the event loop)."""
        self._timer.start(after_ms)

    def cancel(self) -> None:
        """Stop without building the rest (the scene is being built anew)."""
        self._timer.stop()
        self._steps.close()

    def finish(self) -> None:
        """Build everything left now."""
        self._timer.stop()
        self.running = True
        try:
            for _ in self._steps:
                pass
        finally:
            self.running = False
        self._finished()

    def _slice(self) -> None:
        deadline = time.perf_counter() + SLICE_S
        done = True
        self.running = True
        try:
            for _ in self._steps:
                if time.perf_counter() >= deadline:
                    done = False
                    break
        finally:
            self.running = False
        # What a slice made (items, a registry's subjects) lives as long as the design: frozen,
        # the collector no longer walks it. Left young, a collection of the older generations
        # walked a million of them in one turn, a stall of 100-250 ms at 20,000 elements.
        gc.freeze()
        if done:
            self._finished()
            return
        self._slice_done()
        self._timer.start(0)


def design_bounds(design: Design) -> QRectF | None:
    """The rectangle around every placed element's box and every broker's frame, from the
    layout alone (``block_rects`` measures only the boxes that may reach the right edge);
    None when nothing is placed. Elements without a position are not in it."""
    placed: tuple[Element, ...] = (
        *design.applications,
        *design.endpoints,
        *design.topics,
        *design.brokers,
    )
    one_block = {element.id: "" for element in placed}
    bounds = QRectF()
    if one_block:
        rect = block_rects(design, design.layout, one_block)[""]
        if rect != NOWHERE:
            bounds = QRectF(*rect)
    for note in design.notes:
        at = design.layout.get(note.id)
        if at is not None:
            bounds = bounds.united(QRectF(at.x, at.y, *NOTE_SIZE))
    return None if bounds.isNull() else bounds
