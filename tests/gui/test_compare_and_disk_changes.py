"""Comparing with a file or a git revision, and a design file that changes on disk."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsPathItem, QMessageBox

from studio.edit import ReplaceElement
from studio.gui.main_window import MainWindow
from studio.io.design_file import dump_design, load_design, save_design
from studio.model import Topic
from tests.gui.conftest import press


def halo_of(win: MainWindow, element_id: str) -> QGraphicsPathItem | None:
    item = win.scene.nodes[element_id]
    for child in item.childItems():
        if (
            isinstance(child, QGraphicsPathItem)
            and child.flags() & QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent
        ):
            return child
    return None


def readdress(win: MainWindow, topic_id: str, address: str) -> None:
    topic = win.doc.get(topic_id)
    assert isinstance(topic, Topic)
    win.push(ReplaceElement(topic_id, dataclasses.replace(topic, address=address)))


def older_copy(win: MainWindow, tmp_path: Path) -> Path:
    """The open design as it was 'before': another address, and a topic since removed."""
    design = load_design(win.doc.path).design  # type: ignore[arg-type]
    old = next(t for t in design.topics if t.id == "order-placed")
    design.topics[design.topics.index(old)] = dataclasses.replace(old, address="erp.orders.v0")
    legacy = Topic(
        "legacy-orders", address="erp.legacy.orders", broker=old.broker, messages=old.messages
    )
    design.topics.append(legacy)
    design.layout["legacy-orders"] = dataclasses.replace(
        design.layout["order-placed"], y=design.layout["order-placed"].y + 400
    )
    path = tmp_path / "before.mesh.yaml"
    save_design(design, path)
    return path


def test_compare_with_a_file_draws_and_lists_the_changes(
    erp_window: MainWindow, tmp_path: Path
) -> None:
    win = erp_window
    assert win.comparison.compare_with_file(str(older_copy(win, tmp_path)))
    assert win.docks.changes.isVisible()
    kinds = {(c.kind, c.element) for c in win.comparison.result.changes}  # type: ignore[union-attr]
    assert ("changed", "order-placed") in kinds and ("removed", "legacy-orders") in kinds
    # breaking changes are listed first, with the sentence that says who breaks
    rows = win.changes.rows()
    assert rows[0].data(0, Qt.ItemDataRole.UserRole).breaking
    assert "Breaking" in win.changes.tree.topLevelItem(0).text(0)
    assert "breaking" in win.changes.summary.text()
    # the changed topic has a halo; the removed one is a ghost where it used to be
    assert halo_of(win, "order-placed") is not None
    assert halo_of(win, "crm") is None
    ghost = win.comparison.overlay.ghosts["legacy-orders"]
    assert ghost.scene() is win.scene and "removed" in ghost.toolTip()

    # activating a change reveals its element and highlights who it breaks
    row = next(r for r in rows if r.data(0, Qt.ItemDataRole.UserRole).element == "order-placed")
    win.changes.tree.itemActivated.emit(row, 0)
    assert win.scene.selected_ids() == ["order-placed"]
    change = row.data(0, Qt.ItemDataRole.UserRole)
    assert change.affected and all(win.scene.nodes[i].opacity() == 1.0 for i in change.affected)

    QTest.mouseClick(win.changes.clear_button, Qt.MouseButton.LeftButton)
    assert halo_of(win, "order-placed") is None and ghost.scene() is None
    assert not win.comparison.active


def test_the_comparison_follows_edits(
    erp_window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    win = erp_window
    win.comparison.compare_with_file(str(win.doc.path))
    assert win.comparison.result is not None and win.comparison.result.same
    readdress(win, "customer-changed", "erp.customer.changed.v9")
    qtbot.waitUntil(lambda: not win.comparison.result.same, timeout=3000)
    assert halo_of(win, "customer-changed") is not None
    press(win, win.menu_actions.undo)
    qtbot.waitUntil(lambda: win.comparison.result.same, timeout=3000)
    assert halo_of(win, "customer-changed") is None


def test_compare_with_a_git_revision(
    erp_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = erp_window
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env)
    readdress(win, "order-placed", "erp.orders.placed.v2")
    assert win.comparison.compare_with_revision("HEAD")
    result = win.comparison.result
    assert result is not None
    change = next(c for c in result.changes if c.element == "order-placed")
    assert change.kind == "changed" and change.breaking and change.old != change.new
    assert "git:HEAD" in win.changes.summary.text()

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    assert not win.comparison.compare_with_revision("no-such-branch")
    assert len(errors) == 1 and "no-such-branch" in errors[0]
    assert win.comparison.active  # the earlier comparison stays


def write_elsewhere(path: Path, text: str) -> None:
    """Replace the file the way git and editors do: a new file renamed over it."""
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def edited_on_disk(win: MainWindow) -> str:
    design = load_design(win.doc.path).design  # type: ignore[arg-type]
    topic = next(t for t in design.topics if t.id == "shipment-dispatched")
    design.topics[design.topics.index(topic)] = dataclasses.replace(
        topic, address="erp.shipments.v2"
    )
    return dump_design(design)


def test_a_change_on_disk_is_offered_and_reload_keeps_unsaved_work(
    erp_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    readdress(win, "customer-changed", "erp.customer.mine")  # unsaved work
    mine = dump_design(win.doc.design)
    theirs = edited_on_disk(win)
    write_elsewhere(win.doc.path, theirs)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: win.disk_banner.isVisibleTo(win), timeout=5000)
    text = win.disk_banner.label.text()
    assert "changed on disk" in text and "unsaved changes" in text
    # nothing happened by itself
    assert dump_design(win.doc.design) == mine

    QTest.mouseClick(win.disk_banner.show_button, Qt.MouseButton.LeftButton)
    assert win.comparison.active
    assert any(c.element == "shipment-dispatched" for c in win.comparison.result.changes)

    QTest.mouseClick(win.disk_banner.reload_button, Qt.MouseButton.LeftButton)
    assert dump_design(win.doc.design) == theirs
    assert not win.isWindowModified() and not win.disk_banner.isVisibleTo(win)
    assert not win.comparison.active
    press(win, win.menu_actions.undo)  # the unsaved work is one Undo away
    assert dump_design(win.doc.design) == mine and win.isWindowModified()


def test_keep_mine_and_own_saves(erp_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    path = win.doc.path
    assert path is not None
    mine = dump_design(win.doc.design)
    write_elsewhere(path, edited_on_disk(win))
    qtbot.waitUntil(lambda: win.disk_banner.isVisibleTo(win), timeout=5000)
    QTest.mouseClick(win.disk_banner.keep_button, Qt.MouseButton.LeftButton)
    assert dump_design(win.doc.design) == mine
    assert win.isWindowModified()  # it no longer matches the file
    # our own save is not a change on disk: the watcher looks at the file and stays quiet
    with qtbot.waitSignal(win.disk_changes.watch.checked, timeout=5000):
        assert win.save()
    assert path.read_text(encoding="utf-8") == mine
    assert not win.disk_banner.isVisibleTo(win)


def test_an_unreadable_file_on_disk_never_replaces_the_design(
    erp_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    mine = dump_design(win.doc.design)
    write_elsewhere(win.doc.path, "meshStudio: 1\napplications: [\n")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: win.disk_banner.isVisibleTo(win), timeout=5000)
    assert "cannot be read" in win.disk_banner.label.text()
    assert not win.disk_banner.reload_button.isVisibleTo(win)
    assert dump_design(win.doc.design) == mine
    QApplication.processEvents()


def test_a_git_checkout_after_a_rename_is_still_noticed(erp_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    path = win.doc.path
    assert path is not None
    backup = path.with_name("moved.yaml")
    shutil.move(path, backup)  # the file goes away for a while
    qtbot.waitUntil(lambda: "deleted or moved" in win.disk_banner.label.text(), timeout=5000)
    write_elsewhere(path, edited_on_disk_from(backup))
    qtbot.waitUntil(lambda: "1 change" in win.disk_banner.label.text(), timeout=5000)
    assert win.disk_banner.reload_button.isVisibleTo(win)


def edited_on_disk_from(path: Path) -> str:
    design = load_design(path).design
    topic = next(t for t in design.topics if t.id == "shipment-dispatched")
    design.topics[design.topics.index(topic)] = dataclasses.replace(
        topic, description="Shipments, as dispatched."
    )
    return dump_design(design)


def test_relations_glow_on_their_edge_or_come_back_as_ghost_lines(
    erp_window: MainWindow, tmp_path: Path
) -> None:
    win = erp_window
    old = load_design(win.doc.path).design  # type: ignore[arg-type]
    analytics = next(a for a in old.applications if a.id == "analytics")
    # before: analytics did not read orders yet; now it does (a relation added)
    old.applications[old.applications.index(analytics)] = dataclasses.replace(
        analytics, subscribes=tuple(s for s in analytics.subscribes if s.topic != "order-placed")
    )
    save_design(old, tmp_path / "before.mesh.yaml")
    win.comparison.compare_with_file(str(tmp_path / "before.mesh.yaml"))
    added = [c for c in win.comparison.result.changes if c.link]  # type: ignore[union-attr]
    assert [c.kind for c in added] == ["added"]
    edge = next(e for e in win.scene.edges() if e.link.key == added[0].link)
    glows = [
        i
        for i in win.comparison.overlay.items
        if isinstance(i, QGraphicsPathItem) and i.path() == edge.path()
    ]
    assert len(glows) == 1 and glows[0].pen().color().green() > glows[0].pen().color().red()

    # the other way round, the relation is gone from the canvas: a dashed ghost line
    win.comparison.stop()
    save_design(load_design(win.doc.path).design, tmp_path / "now.mesh.yaml")  # type: ignore[arg-type]
    now = win.doc.design
    mine = next(a for a in now.applications if a.id == "analytics")
    win.push(
        ReplaceElement(
            "analytics",
            dataclasses.replace(
                mine, subscribes=tuple(s for s in mine.subscribes if s.topic != "order-placed")
            ),
        )
    )
    win.comparison.compare_with_file(str(tmp_path / "now.mesh.yaml"))
    removed = [c for c in win.comparison.result.changes if c.link]  # type: ignore[union-attr]
    assert [c.kind for c in removed] == ["removed"]
    ghosts = [
        i
        for i in win.comparison.overlay.items
        if isinstance(i, QGraphicsPathItem)
        and i.pen().style() == Qt.PenStyle.DashLine
        and i.parentItem() is None
    ]
    assert len(ghosts) == 1


def test_a_deleted_file_is_reported_and_the_design_kept(erp_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    path = win.doc.path
    assert path is not None
    mine = dump_design(win.doc.design)
    path.unlink()
    qtbot.waitUntil(lambda: win.disk_banner.isVisibleTo(win), timeout=5000)
    assert "deleted or moved" in win.disk_banner.label.text()
    assert dump_design(win.doc.design) == mine and win.isWindowModified()
    assert win.save() and path.read_text(encoding="utf-8") == mine
