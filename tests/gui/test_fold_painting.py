"""How the folded picture paints and labels, on a generated mesh: bundles drawn in pixels
where their geometry says at every zoom and scroll, and labels given room exactly as their
boxes on screen overlap.

Painting keeps the bundles' lines of the last zoom, and labels' places are read once per
drawing; these tests zoom, scroll and choose blocks between paints, so a kept result that
should have been made again shows as a wrong pixel or a wrong label.
"""

from __future__ import annotations

from array import array

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from studio.generate import generate_mesh
from studio.gui import theme
from studio.gui.canvas.fold_items import ARROW, SIDE_SHIFT, BundleLayer, BundleLine, ScreenText
from studio.gui.canvas.fold_scene import DRAWN_BUNDLES, FoldScene
from studio.gui.canvas.label_room import GAP, LabelRoom
from studio.layout.folding import fold

VIEW = (800, 500)  # pixels


@pytest.fixture
def fold_scene(qtbot) -> FoldScene:  # type: ignore[no-untyped-def]
    """The folded picture of a generated mesh of 300 applications."""
    design = generate_mesh(300).design
    scene = FoldScene(theme.LIGHT)
    scene.show_folding(fold(design), {broker.id: broker.protocol for broker in design.brokers})
    assert len(scene.ranked) > DRAWN_BUNDLES  # more bundles than are drawn unchosen
    return scene


def zoomed(scale: float, dx: float = 0.0, dy: float = 0.0) -> QTransform:
    return QTransform(scale, 0, 0, scale, dx, dy)


def painted(layer: BundleLayer, transform: QTransform) -> QImage:
    """The bundle layer alone, painted as the view paints it at ``transform``."""
    image = QImage(*VIEW, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setWorldTransform(transform)
    layer.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def drawn_by_hand(lines: list[BundleLine], colours: theme.CanvasColours, to: QTransform) -> QImage:
    """What the bundles should look like: each line between its blocks' borders in pixels,
    shifted 3 pixels to its right, with a two-barbed arrowhead at its end."""
    image = QImage(*VIEW, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for width in sorted({line.width for line in lines}):
        colour = QColor(colours.edge)
        colour.setAlpha(40 + 30 * width)
        painter.setPen(QPen(colour, width))
        for line in (line for line in lines if line.width == width):
            along = QLineF(to.map(line.start), to.map(line.end)).unitVector()
            unit = QPointF(along.dx(), along.dy())
            right = QPointF(-unit.y(), unit.x())
            start, end = along.p1() + right * SIDE_SHIFT, to.map(line.end) + right * SIDE_SHIFT
            back = end - unit * (ARROW * 1.6)
            painter.drawLines(
                [
                    QLineF(start, end),
                    QLineF(back + right * (ARROW * 0.7), end),
                    QLineF(back - right * (ARROW * 0.7), end),
                ]
            )
    painter.end()
    return image


def differing_pixels(a: QImage, b: QImage) -> int:
    pixels = array("I", bytes(a.constBits())), array("I", bytes(b.constBits()))
    return sum(p != q for p, q in zip(*pixels, strict=True))


def test_bundles_are_drawn_where_they_are_at_each_zoom_and_scroll(fold_scene):
    layer = fold_scene.bundles
    lines = fold_scene.drawn_bundles()
    assert len(lines) == DRAWN_BUNDLES
    bounds = layer.boundingRect()
    fit = min(VIEW[0] / bounds.width(), VIEW[1] / bounds.height())
    views = [
        zoomed(fit, -bounds.left() * fit, -bounds.top() * fit),
        zoomed(fit * 1.25, -bounds.left() * fit, -bounds.top() * fit),  # zoomed in
        zoomed(fit * 1.25, -bounds.left() * fit - 120, -bounds.top() * fit + 40),  # scrolled
        zoomed(fit, -bounds.left() * fit, -bounds.top() * fit),  # back where it started
    ]
    for to in views:
        image = painted(layer, to)
        # rounding may put an end of a line on the neighbouring pixel, nothing more
        assert differing_pixels(image, drawn_by_hand(lines, theme.LIGHT, to)) <= 2 * len(lines)
        assert differing_pixels(image, drawn_by_hand(lines[:10], theme.LIGHT, to)) > 1000


def test_choosing_a_block_draws_its_bundles_at_the_same_zoom(fold_scene):
    layer = fold_scene.bundles
    bounds = layer.boundingRect()
    fit = min(VIEW[0] / bounds.width(), VIEW[1] / bounds.height())
    to = zoomed(fit, -bounds.left() * fit, -bounds.top() * fit)
    before = painted(layer, to)
    small = min(fold_scene.blocks, key=lambda b: len(fold_scene.blocks[b].block.members))
    busiest = max(
        fold_scene.blocks,
        key=lambda b: sum(b in (x.source, x.target) for x in fold_scene.ranked[DRAWN_BUNDLES:]),
    )
    fold_scene.choose({busiest, small})
    lines = fold_scene.drawn_bundles()
    assert len(lines) > DRAWN_BUNDLES
    after = painted(layer, to)
    assert differing_pixels(after, before) > 100  # the chosen block's other bundles
    assert differing_pixels(after, drawn_by_hand(lines, theme.LIGHT, to)) <= 2 * len(lines)


def shown_by_hand(labels: list[QGraphicsItem], zoom: float) -> list[bool]:
    """Which labels should be shown: each whose box on screen, with GAP around it, overlaps
    none of those shown before it, every pair compared."""
    boxes: list[QRectF] = []
    shown = []
    for label in labels:
        box = (
            label.boundingRect().translated(label.scenePos() * zoom).adjusted(-GAP, -GAP, GAP, GAP)
        )
        free = not any(box.intersects(other) for other in boxes)
        if free:
            boxes.append(box)
        shown.append(free)
    return shown


@pytest.mark.parametrize("chosen", [False, True], ids=["largest bundles", "a block chosen"])
def test_labels_are_shown_where_they_cover_no_more_important_one(fold_scene, chosen):
    if chosen:
        fold_scene.choose(
            {max(fold_scene.blocks, key=lambda b: len(fold_scene.blocks[b].block.members))}
        )
    labels = fold_scene.labels()
    shown_at = {}
    for zoom in (0.02, 0.035, 0.06, 0.1, 0.2, 0.06, 0.02):  # in, and out again
        fold_scene.give_labels_room(zoomed(zoom, 37, -12))  # scrolled: changes nothing
        shown_at[zoom] = [label.isVisible() for label in labels]
        assert shown_at[zoom] == shown_by_hand(labels, zoom)
    assert sum(shown_at[0.02]) < sum(shown_at[0.2])  # zooming in made room for more
    # crowded at first; bundles' counts are among the labels that get room
    assert not all(shown_at[0.02]) and any(shown_at[0.2][len(fold_scene.blocks) :])


def pill(text: str, x: float, y: float) -> ScreenText:
    label = ScreenText([(text, QFont(), QColor("black"))])
    label.setPos(x, y)
    return label


def test_labels_that_only_touch_are_both_shown(qtbot):
    first = pill("W", 0, 0)
    width = first.boundingRect().width()
    # GAP on either side: side by side at exactly width + 2 GAP apart, they touch
    touching = pill("W", width + 2 * GAP, 0)
    room = LabelRoom([first, touching])
    assert room.give(1.0) == 2 and first.isVisible() and touching.isVisible()
    closer = pill("W", width + 2 * GAP - 1, 0)
    room = LabelRoom([first, closer])
    assert room.give(1.0) == 1 and first.isVisible() and not closer.isVisible()
    # zoomed in, the same two are farther apart on screen; zoomed out, they pile up
    assert room.give(1.5) == 2 and closer.isVisible()
    assert room.give(0.5) == 1 and first.isVisible() and not closer.isVisible()
    # the more important label wins whatever its size: order decides, not size
    big = ScreenText([("a long block name", QFont(), QColor("black"))] * 3)
    big.setPos(0, 0)
    room = LabelRoom([pill("W", 0, 0), big])
    assert room.give(1.0) == 1 and room.labels[0].isVisible() and not big.isVisible()


def test_a_label_far_from_the_others_is_shown_at_every_zoom(qtbot):
    labels = [pill(str(n), n * 10.0, 0) for n in range(20)]
    lonely = pill("far", 100_000, 100_000)
    room = LabelRoom([*labels, lonely])
    for zoom in (0.001, 0.02, 0.25, 4.0):
        room.give(zoom)
        assert lonely.isVisible() and labels[0].isVisible()


def test_labels_are_drawn_ahead_while_idle_and_look_as_drawn_when_shown(fold_scene, qtbot):
    labels = [label for label in fold_scene.labels() if isinstance(label, ScreenText)]
    qtbot.waitUntil(lambda: all(label.drawn(1.0) for label in labels), timeout=5000)
    for label in labels:
        label._pixmap = None  # as if never drawn
    # one idle turn draws for a few milliseconds only; turns go on until all are drawn
    assert fold_scene.draw_labels_ahead() > 0
    qtbot.waitUntil(lambda: all(label.drawn(1.0) for label in labels), timeout=5000)
    assert fold_scene.draw_labels_ahead() == 0  # nothing left
    # what was drawn ahead is what painting the label draws
    for label in labels[:: max(1, len(labels) // 20)]:
        ahead = label.pixmap(1.0).toImage()
        label._pixmap = None  # drawn again, as when first shown
        assert label.pixmap(1.0).toImage() == ahead
    # choosing a block adds labels (its bundles' counts): they are drawn ahead too
    fold_scene.choose({next(iter(fold_scene.blocks))})
    added = [label for label in fold_scene.labels() if isinstance(label, ScreenText)]
    qtbot.waitUntil(lambda: all(label.drawn(1.0) for label in added), timeout=5000)
