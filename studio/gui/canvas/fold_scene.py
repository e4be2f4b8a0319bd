"""The folded picture of a design: a light scene of blocks and bundles, shown zoomed out.

``studio.layout.folding`` folds a design (the applications of one owner into one block, the
topics of a broker into the broker, the links between two blocks into one bundle with their
count); this scene draws a ``Folding`` with the items of ``fold_items``. It holds a few
hundred items where the mesh scene holds tens of thousands, so the view shows it instead of
the mesh when zoomed out (``semantic_zoom``) and paints it directly, without tiles: nothing
of the detailed mesh is painted then.

A big design has thousands of bundles, most of them one or two links: all drawn, they are a
grey mass again and cost a frame many times over. So the scene draws the ``DRAWN_BUNDLES``
largest, and all the bundles of the blocks selected (a click on a block); a bundle's count
and a block's label are shown where they do not cover more important ones (``label_room``).
Double-clicking a block asks to zoom into it (``block_activated``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QToolTip,
)

from studio.gui import theme
from studio.gui.canvas.fold_items import (
    BlockItem,
    BundleLayer,
    BundleLine,
    ScreenText,
    block_accent,
)
from studio.gui.canvas.label_room import LabelRoom
from studio.layout.folding import Bundle, Folding, counted

DRAWN_BUNDLES = 150  # the largest bundles drawn without a selection
HOVER_PIXELS = 5.0  # how near a bundle the pointer shows its tooltip
DRAW_AHEAD_MS = 4.0  # labels drawn ahead per idle turn for about this long


class FoldScene(QGraphicsScene):
    """Blocks and bundles of one ``Folding``."""

    block_activated = Signal(str)  # a double-click on a block: its id

    def __init__(self, colours: theme.CanvasColours) -> None:
        super().__init__()
        self.colours = colours
        self.blocks: dict[str, BlockItem] = {}
        self.bundles = BundleLayer(colours)
        self.ranked: list[Bundle] = []  # every bundle between blocks drawn, the largest first
        self._lines: dict[tuple[str, str], BundleLine] = {}
        self.setBackgroundBrush(colours.background)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # few items, rebuilt
        self._transform = QTransform()  # the view's zoom, which labels are given room for
        self.chosen: set[str] = set()  # blocks clicked: all their bundles are drawn
        self._room = LabelRoom([])  # the labels of what is drawn, read once per drawing
        # Labels are drawn into pixmaps while the event loop is idle: drawn when first shown
        # instead, the zoom step that spreads the blocks apart and shows forty more labels
        # took 8 ms longer than the others (0.2 ms to lay out and draw each).
        self._ahead = QTimer(self)
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(0)
        self._ahead.timeout.connect(self.draw_labels_ahead)

    def show_folding(self, folding: Folding, protocols: dict[str, str]) -> None:
        """Draw ``folding`` instead of what was drawn; ``protocols`` gives each broker
        block's protocol (its colour). The blocks chosen before stay chosen."""
        if self.bundles.scene() is self:
            self.removeItem(self.bundles)  # kept: the one layer of every folding
        self.clear()
        self.blocks = {}
        for block in folding.blocks:
            if block.rect[2] <= 0 or block.rect[3] <= 0:
                continue  # none of its members is placed: nowhere to draw it
            accent = block_accent(block, protocols)
            item = BlockItem(block, counted(block.counts), accent, self.colours)
            self.blocks[block.id] = item
            self.addItem(item)
            self.addItem(item.label)
        self.ranked = sorted(
            (
                bundle
                for bundle in folding.bundles
                if bundle.source in self.blocks
                and bundle.target in self.blocks
                and bundle.source != bundle.target
            ),
            key=lambda bundle: -bundle.count,
        )
        self._lines = {}
        self.bundles.set_drawn([])
        self.addItem(self.bundles)
        self.choose(self.chosen)

    def _line(self, bundle: Bundle) -> BundleLine:
        """The line drawing ``bundle``, made the first time it is drawn."""
        key = (bundle.source, bundle.target)
        line = self._lines.get(key)
        if line is None:
            source, target = self.blocks[bundle.source], self.blocks[bundle.target]
            line = self._lines[key] = BundleLine(bundle, source, target, self.colours)
        return line

    def choose(self, block_ids: set[str]) -> None:
        """Outline ``block_ids`` and draw all their bundles, besides the largest."""
        self.chosen = block_ids & self.blocks.keys()
        for block_id, item in self.blocks.items():
            item.show_chosen(block_id in self.chosen)
        drawn = [
            self._line(bundle)
            for rank, bundle in enumerate(self.ranked)
            if rank < DRAWN_BUNDLES or {bundle.source, bundle.target} & self.chosen
        ]
        for line in self.bundles.drawn:
            line.count.setVisible(False)  # given room again below, if still drawn
        for line in drawn:
            if line.count.scene() is not self:
                self.addItem(line.count)
        self.bundles.set_drawn(drawn)
        self._room = LabelRoom(self.labels())
        self.give_labels_room(self._transform)
        self._ahead.start()

    def drawn_bundles(self) -> list[BundleLine]:
        return self.bundles.drawn

    def labels(self) -> list[QGraphicsItem]:
        """The labels that may be shown, the most important first: blocks' names (the
        biggest blocks first), then the counts of the bundles drawn (the largest first)."""
        blocks = sorted(self.blocks.values(), key=lambda item: -len(item.block.members))
        return [*(b.label for b in blocks), *(b.count for b in self.drawn_bundles())]

    def give_labels_room(self, transform: QTransform) -> None:
        """Show the labels that do not cover more important ones at ``transform`` (the
        view's zoom)."""
        self._transform = transform
        self._room.give(transform.m11())

    def draw_labels_ahead(self) -> int:
        """Draw the pixmaps of labels not drawn yet, the most important first, for about
        ``DRAW_AHEAD_MS``, and come back on the next idle turn for the rest; how many were
        drawn now."""
        views, screen = self.views(), QGuiApplication.primaryScreen()
        if views:  # the density the view paints at; shown nowhere yet, the screen's
            ratio = views[0].viewport().devicePixelRatioF()
        else:
            ratio = screen.devicePixelRatio() if screen is not None else 1.0
        until = time.perf_counter() + DRAW_AHEAD_MS / 1000
        drawn = 0
        for label in self._room.labels:
            if isinstance(label, ScreenText) and not label.drawn(ratio):
                if time.perf_counter() > until:
                    self._ahead.start()
                    break
                label.pixmap(ratio)
                drawn += 1
        return drawn

    def set_colours(self, colours: theme.CanvasColours) -> None:
        self.colours = self.bundles.colours = colours
        self.setBackgroundBrush(colours.background)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """A bundle's tooltip (they are lines of one item), else a block's."""
        view = event.widget().parentWidget() if event.widget() else None
        scale = view.transform().m11() if isinstance(view, QGraphicsView) else 1.0
        line = self.bundles.line_near(event.scenePos(), HOVER_PIXELS / scale)
        if line is not None:
            QToolTip.showText(event.screenPos(), line.tooltip, event.widget())
            event.accept()
            return
        super().helpEvent(event)

    def block_at(self, scene_pos: QPointF) -> BlockItem | None:
        """The block under a point: of overlapping ones, an owner's over a broker's and the
        smallest (the one whose edges are in sight)."""
        under = [item for item in self.blocks.values() if item.rect().contains(scene_pos)]
        return min(
            under,
            key=lambda item: (-item.zValue(), item.rect().width() * item.rect().height()),
            default=None,
        )

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """A click chooses the block under it (Ctrl: adds or drops it), or none."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        block = self.block_at(event.scenePos())
        adding = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        chosen = set(self.chosen) if adding else set()
        if block is not None:
            chosen ^= {block.block.id}
        self.choose(chosen)
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        block = self.block_at(event.scenePos())
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            self.block_activated.emit(block.block.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
