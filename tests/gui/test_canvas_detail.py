"""Level of detail and the tile cache: what the canvas draws at each zoom, and that painting
from tiles shows exactly what painting the scene directly shows, also after changes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QTransform
from PySide6.QtWidgets import QApplication

from studio.edit import MoveElements
from studio.gui.canvas.edges import hairline_at
from studio.gui.canvas.nodes import DETAIL_THRESHOLD, shows_detail
from studio.gui.canvas.scene import BSP_DEPTH
from studio.gui.canvas.tiles import TILE, Grid, TileCache
from studio.model import Position
from tests.gui.conftest import Canvas


def _settle(canvas: Canvas) -> None:
    for _ in range(200):
        QApplication.processEvents()
        if not canvas.view._prefetch.isActive():
            return


def _differing_pixels(a: QImage, b: QImage) -> float:
    """The share of (every other) pixels that differ.

    Not zero: a dashed or dotted link clipped to a tile may start its dash pattern a pixel
    apart from the same link clipped to the viewport (tiles are drawn a row at a time, so
    each row starts the patterns again). Everything else (grid, boxes, text, solid links)
    matches to the pixel; one misplaced tile would differ in over 5 % of the view.
    """
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    points = [(x, y) for y in range(0, a.height(), 2) for x in range(0, a.width(), 2)]
    return sum(1 for x, y in points if a.pixel(x, y) != b.pixel(x, y)) / len(points)


def _tiled_and_direct(canvas: Canvas) -> tuple[QImage, QImage]:
    _settle(canvas)
    tiled = canvas.view.viewport().grab().toImage()
    canvas.view.use_tiles = False
    direct = canvas.view.viewport().grab().toImage()
    canvas.view.use_tiles = True
    return tiled, direct


def test_links_are_hairlines_below_100_percent_and_full_width_from_there() -> None:
    assert hairline_at(0.05) and hairline_at(0.5) and hairline_at(0.99)
    assert not hairline_at(1.0) and not hairline_at(2.5)
    # a big mesh keeps them thin a little longer: its long links are costly to outline
    assert hairline_at(1.0, links=10_000) and hairline_at(1.4, links=10_000)
    assert not hairline_at(1.5, links=10_000) and not hairline_at(1.0, links=1_000)


def test_items_show_text_only_where_it_is_readable() -> None:
    assert not shows_detail(0.1) and not shows_detail(DETAIL_THRESHOLD - 0.01)
    assert shows_detail(DETAIL_THRESHOLD) and shows_detail(1.0)


def test_zooming_restyles_the_links(canvas: Canvas) -> None:
    edges = canvas.scene.edges()
    canvas.view.set_zoom(0.5)
    # a zero-width pen is Qt's cosmetic hairline: one device pixel at every zoom
    assert all(e.hairline and e.pen().widthF() == 0 for e in edges)
    canvas.view.set_zoom(1.0)
    assert all(not e.hairline and e.pen().widthF() >= 1.0 for e in edges)
    canvas.view.fit_all()
    assert all(e.hairline == hairline_at(canvas.view.zoom) for e in edges)


def test_a_selected_link_stays_wide_at_every_zoom(canvas: Canvas) -> None:
    canvas.view.set_zoom(0.4)
    edge = canvas.scene.edges()[0]
    edge.setSelected(True)
    assert edge.pen().widthF() > 1.0
    edge.setSelected(False)
    assert edge.pen().widthF() == 0


def test_items_for_an_element_and_for_a_link(canvas: Canvas) -> None:
    erp = canvas.scene.nodes["erp"]
    links = canvas.scene.edges_of("erp")
    assert links and all("erp" in (e.link.source, e.link.target) for e in links)
    assert all(canvas.scene.edge_for(e.link) is e for e in canvas.scene.edges())
    assert erp.element_id == "erp"


def test_the_index_is_shallow(canvas: Canvas) -> None:
    assert canvas.scene.bspTreeDepth() == BSP_DEPTH


def test_painting_from_tiles_shows_what_direct_painting_shows(canvas: Canvas) -> None:
    for zoom in (1.0, 0.6, 0.2):
        canvas.view.set_zoom(zoom)
        canvas.view.centerOn(canvas.centre_of("erp"))
        tiled, direct = _tiled_and_direct(canvas)
        assert len(canvas.view.tiles) > 0
        assert _differing_pixels(tiled, direct) < 0.01, zoom


def test_a_change_redraws_its_tiles_only(canvas: Canvas) -> None:
    canvas.view.set_zoom(0.8)
    canvas.view.centerOn(canvas.centre_of("erp"))
    _settle(canvas)
    drawn = canvas.view.tiles.rendered
    canvas.scene.nodes["erp"].update()  # e.g. a hover or a finding mark
    QApplication.processEvents()
    canvas.view.viewport().repaint()
    # the box spans at most four tiles; the other tiles in view are blitted as they were
    assert 0 < canvas.view.tiles.rendered - drawn <= 4


def test_tiles_follow_moves_made_by_commands(canvas: Canvas) -> None:
    canvas.view.set_zoom(0.8)
    canvas.view.centerOn(canvas.centre_of("erp"))
    _settle(canvas)
    old = canvas.doc.design.layout["erp"]
    canvas.history.push(MoveElements({"erp": (old, Position(old.x + 90, old.y + 40))}))
    QApplication.processEvents()
    tiled, direct = _tiled_and_direct(canvas)
    assert _differing_pixels(tiled, direct) < 0.01


def test_a_zoom_empties_the_cache_and_a_scroll_keeps_it(canvas: Canvas) -> None:
    canvas.view.set_zoom(1.0)
    _settle(canvas)
    assert len(canvas.view.tiles) > 0
    canvas.view.pan_by(37, 11)
    QApplication.processEvents()
    assert canvas.view.tiles.rendered > 0 and len(canvas.view.tiles) > 0
    kept = canvas.view.tiles.grid
    canvas.view.set_zoom(0.7)
    canvas.view.viewport().repaint()
    assert canvas.view.tiles.grid is not None and canvas.view.tiles.grid.key != kept.key


def test_the_grid_maps_scene_rects_to_the_tiles_under_them() -> None:
    grid = Grid(QTransform(0.5, 0, 0, 0.5, -100.25, 40.0), 1.0)
    assert grid.fraction == (0.75, 0.0) and (grid.shift_x, grid.shift_y) == (-101, 40)
    # the scene point (0, 0) is at canvas (0.75, 0): inside tile (0, 0)
    assert set(grid.tiles_in_scene(QRectF(10, 10, 20, 20))) == {(0, 0)}
    width = TILE / 0.5  # a tile spans this many scene units
    assert set(grid.tiles_in_scene(QRectF(width, 0, 1, 1), margin=0)) == {(1, 0)}
    assert grid.view_pos((1, 2)) == QPointF(TILE - 101, 2 * TILE + 40)
    assert grid.scene_rect((0, 0), (1, 0)) == QRectF(-1.5, 0, 2 * width, width)


def test_the_cache_forgets_the_least_recently_used_beyond_its_limit(canvas: Canvas) -> None:
    cache = TileCache(limit_bytes=3 * TILE * TILE * 4)
    cache.use_grid(Grid(QTransform(), 1.0))
    cache.render(canvas.scene, [(0, 0), (1, 0)])
    cache.get((0, 0))
    cache.render(canvas.scene, [(2, 0), (3, 0)])
    assert cache.missing([(0, 0), (1, 0), (2, 0), (3, 0)]) == [(1, 0)]


def test_a_zoom_step_shows_the_tiles_before_scaled_then_draws_its_own(canvas: Canvas) -> None:
    """A zoom step blits the previous zoom's tiles, scaled: nothing is drawn anew during
    the step; the new tiles come a row per turn of the event loop, and then the stand-ins go."""
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(canvas.centre_of("erp"))
    _settle(canvas)
    drawn = canvas.view.tiles.rendered
    canvas.view.zoom_by(1.25)
    canvas.view.viewport().repaint()
    assert canvas.view.tiles.rendered == drawn  # the step itself drew no tile
    assert canvas.view.tiles.previous is not None
    step = canvas.view.viewport().grab().toImage()
    _settle(canvas)
    assert canvas.view.tiles.rendered > drawn
    assert canvas.view.tiles.previous is None
    tiled, direct = _tiled_and_direct(canvas)
    assert _differing_pixels(tiled, direct) < 0.01
    assert _differing_pixels(step, direct) > 0.01  # the stand-ins were scaled, not redrawn
