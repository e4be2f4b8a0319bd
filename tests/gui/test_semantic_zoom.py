"""Semantic zoom: zoomed out, the canvas shows owners' and brokers' blocks instead of elements.

Driven by the zoom keys and the mouse on the ERP sample; the counts a block shows are checked
against the design itself.
"""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from studio.gui.canvas import view_filter
from studio.gui.canvas.fold_items import BlockItem
from studio.gui.canvas.semantic_zoom import FOLD_BELOW
from studio.gui.canvas.view import CanvasView
from studio.model import Application, Design
from studio.model.relations import links_of
from tests.gui.conftest import click_element, press
from tests.gui.test_properties import retype


def zoom_out_until_folded(view: CanvasView) -> int:
    """Press '-' on the canvas until it shows the folded picture; the presses it took."""
    view.setFocus()
    for presses in range(1, 40):
        QTest.keyClick(view, Qt.Key.Key_Minus)
        if view.folded:
            return presses
    raise AssertionError(f"still unfolded at zoom {view.zoom:.3f}")


def owner_block(view: CanvasView, owner: str) -> BlockItem:
    return view.semantic.scene.blocks[f"owner:{owner}"]


def shown_applications(item: BlockItem) -> int:
    """The number of applications a block's label says it holds."""
    found = re.search(r"(\d+) applications?", item.label.text())
    assert found, item.label.text()
    return int(found.group(1))


def screen_box(view: CanvasView, label: QGraphicsItem) -> QRectF:
    """Where a label that ignores the zoom is on screen, with the room kept around it."""
    at = QPointF(view.mapFromScene(label.scenePos()))
    return label.boundingRect().translated(at).adjusted(-2, -2, 2, 2)


def applications_by_owner(design: Design) -> Counter[str]:
    return Counter(app.owner for app in design.applications if app.owner)


def test_zooming_out_folds_owners_and_brokers_into_blocks_with_their_counts(canvas):
    view, scene = canvas.view, canvas.scene
    view.viewport().repaint()
    zoom_out_until_folded(view)
    assert view.zoom < FOLD_BELOW and view.scene() is view.semantic.scene
    expected = applications_by_owner(canvas.doc.design)
    assert expected  # the sample's applications have owners
    for owner, count in expected.items():
        item = owner_block(view, owner)
        assert shown_applications(item) == count
        assert item.label.isVisible() or any(  # hidden only where it would cover one shown
            other.label.isVisible()
            and screen_box(view, other.label).intersects(screen_box(view, item.label))
            for other in view.semantic.scene.blocks.values()
        )
    for broker in canvas.doc.design.brokers:
        topics = sum(1 for topic in canvas.doc.design.topics if topic.broker == broker.id)
        label = view.semantic.scene.blocks[f"broker:{broker.id}"].label.text()
        assert f"{topics} topic" in label
    # the detailed mesh is not painted at all while folded: no tile of it is drawn
    drawn = view.tiles.rendered
    view.viewport().repaint()
    QApplication.processEvents()
    assert view.tiles.rendered == drawn
    assert scene.nodes  # the mesh is still there, behind the folded picture


def test_zooming_in_again_unfolds_where_the_view_was(canvas):
    view = canvas.view
    zoom_out_until_folded(view)
    centre = view.mapToScene(view.viewport().rect().center())
    QTest.keyClick(view, Qt.Key.Key_Plus)
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert not view.folded and view.scene() is canvas.scene and view.zoom >= FOLD_BELOW
    after = view.mapToScene(view.viewport().rect().center())
    assert abs(after.x() - centre.x()) < 300 and abs(after.y() - centre.y()) < 300
    drawn = view.tiles.rendered
    view.viewport().repaint()
    # the folded picture stands in for the first frame; the mesh comes a row per turn
    assert view.tiles.rendered == drawn and view.tiles.previous is not None
    for _ in range(200):
        QApplication.processEvents()
        if not view.painting.prefetch.isActive():
            break
    assert view.tiles.rendered > drawn  # the mesh is painted again


def test_the_wheel_folds_and_unfolds_too(canvas):
    view = canvas.view
    viewport = view.viewport()
    for _ in range(40):
        if view.folded:
            break
        QTest.mouseMove(viewport, viewport.rect().center())
        _wheel(view, -120)
    assert view.folded
    for _ in range(10):
        _wheel(view, 120)
    assert not view.folded


def _wheel(view: CanvasView, delta: int) -> None:
    viewport = view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(
        centre,
        viewport.mapToGlobal(centre),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_double_clicking_a_block_zooms_to_it_unfolded(canvas):
    view = canvas.view
    zoom_out_until_folded(view)
    owner, _ = applications_by_owner(canvas.doc.design).most_common(1)[0]
    item = owner_block(view, owner)
    target = item.rect().center()
    QTest.mouseDClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.mapFromScene(target),
    )
    assert not view.folded and view.zoom >= FOLD_BELOW
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(target)
    members = [m for m in item.block.members if m in canvas.scene.nodes]
    assert any(visible.contains(canvas.centre_of(m)) for m in members)


def test_a_click_on_a_block_draws_all_its_bundles_with_their_counts(canvas):
    view = canvas.view
    zoom_out_until_folded(view)
    fold = view.semantic.scene
    owner, _ = applications_by_owner(canvas.doc.design).most_common(1)[0]
    item = owner_block(view, owner)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.mapFromScene(item.rect().center()),
    )
    assert fold.chosen == {item.block.id}
    own = [b for b in fold.ranked if item.block.id in (b.source, b.target)]
    drawn = {(line.bundle.source, line.bundle.target) for line in fold.drawn_bundles()}
    assert own and all((b.source, b.target) in drawn for b in own)
    # a bundle counts the links between the two blocks' members, as the design has them
    bundle = own[0]
    members = {b: set(fold.blocks[b].block.members) for b in (bundle.source, bundle.target)}
    links = [
        link
        for link in links_of(canvas.doc.design)
        if link.source in members[bundle.source] and link.target in members[bundle.target]
    ]
    assert bundle.count == len(links)


def test_an_owner_changed_in_properties_moves_the_application_between_blocks(erp_window, qtbot):
    win = erp_window
    design = win.doc.design
    mover = next(a for a in design.applications if a.owner)
    old_owner = mover.owner
    new_owner = next(o for o in applications_by_owner(design) if o != old_owner)
    before = applications_by_owner(design)
    click_element(win, mover.id)
    assert win.properties.shown_id == mover.id
    zoom_out_until_folded(win.view)
    assert shown_applications(owner_block(win.view, new_owner)) == before[new_owner]
    retype(qtbot, win.properties.form.owner_edit, new_owner, enter=True)
    moved = win.doc.get(mover.id)
    assert isinstance(moved, Application) and moved.owner == new_owner
    qtbot.waitUntil(
        lambda: shown_applications(owner_block(win.view, new_owner)) == before[new_owner] + 1
    )
    if before[old_owner] > 1:
        assert shown_applications(owner_block(win.view, old_owner)) == before[old_owner] - 1
    else:
        assert f"owner:{old_owner}" not in win.view.semantic.scene.blocks


def test_deleting_an_application_while_folded_lowers_its_blocks_count(erp_window, qtbot):
    win = erp_window
    counts = applications_by_owner(win.doc.design)
    owner = next(o for o, n in counts.items() if n > 1)
    gone = next(a for a in win.doc.design.applications if a.owner == owner)
    click_element(win, gone.id)
    zoom_out_until_folded(win.view)
    press(win, win.menu_actions.delete)
    assert win.doc.get(gone.id) is None
    qtbot.waitUntil(lambda: shown_applications(owner_block(win.view, owner)) == counts[owner] - 1)
    assert len(win.scene.edge_index) == len(win.scene.edges())  # kept count, not recounted
    press(win, win.menu_actions.undo)
    qtbot.waitUntil(lambda: shown_applications(owner_block(win.view, owner)) == counts[owner])
    assert len(win.scene.edge_index) == len(win.scene.edges())


def test_fold_when_zoomed_out_is_a_view_menu_toggle(erp_window):
    win = erp_window
    zoom_out_until_folded(win.view)
    view_menu = next(
        a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == "View"
    )
    toggle = next(a for a in view_menu.actions() if a.objectName() == "fold-when-zoomed-out")
    assert toggle.isChecked()
    win.activateWindow()
    QTest.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is view_menu
    QTest.keyClick(menu, Qt.Key.Key_W)  # Fold &When Zoomed Out
    assert not toggle.isChecked()
    assert not win.view.folded and win.view.zoom < FOLD_BELOW  # the mesh, zoomed out
    QTest.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_W)
    assert toggle.isChecked() and win.view.folded


def test_a_named_view_folds_only_what_it_shows(canvas, qtbot):
    view, design = canvas.view, canvas.doc.design
    owner, count = applications_by_owner(design).most_common(1)[0]
    assert count > 1
    kept = [a.id for a in design.applications if a.owner == owner][: count - 1]
    view_filter.show_only(canvas.scene, set(kept))  # as the View switcher does
    zoom_out_until_folded(view)
    assert shown_applications(owner_block(view, owner)) == count - 1
    assert set(view.semantic.scene.blocks) == {f"owner:{owner}"}
    view_filter.show_only(canvas.scene, None)  # the whole mesh again, still folded
    qtbot.waitUntil(lambda: shown_applications(owner_block(view, owner)) == count)
    assert len(view.semantic.scene.blocks) > 1


def test_folding_and_unfolding_leave_the_mesh_scene_active(canvas):
    # Swapping scenes must not take the mesh's activation count to 0 and back: each time it
    # does, Qt sends every item an event (a fifth of a second at 20,000 elements)
    view, scene = canvas.view, canvas.scene
    for _ in range(2):
        zoom_out_until_folded(view)
        assert view.scene() is not scene and scene.isActive()
        while view.folded:
            QTest.keyClick(view, Qt.Key.Key_Plus)
        assert view.scene() is scene and scene.isActive()
