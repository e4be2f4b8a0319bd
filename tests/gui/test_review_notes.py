"""A reviewer's gestures: read-only canvas, comments, replies, resolving, badges, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.edit.notes import threads
from studio.gui.canvas.badges import CommentBadge
from studio.gui.main_window import MainWindow
from studio.io.design_file import dump_design, load_design
from studio.model import Note
from tests.gui.conftest import click_element, press


def badge_on(win: MainWindow, element_id: str) -> CommentBadge | None:
    item = win.scene.nodes.get(element_id)
    assert item is not None
    badges = [c for c in item.childItems() if isinstance(c, CommentBadge)]
    assert len(badges) <= 1
    return badges[0] if badges else None


def write_comment(win: MainWindow, text: str) -> None:
    win.notes.text.setFocus()
    QTest.keyClicks(win.notes.text, text)


def test_review_mode_comments_but_does_not_edit(erp_window: MainWindow) -> None:
    win = erp_window
    press(win, win.menu_actions.review)
    assert win.review_banner.isVisibleTo(win) and "(read-only)" in win.windowTitle()
    click_element(win, "crm")
    assert win.scene.selected_ids() == ["crm"]
    assert win.notes.comment_button.text() == "Comment on 'crm'"

    # a design edit is refused, the design stays byte for byte
    before = dump_design(win.doc.design)
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Delete)
    assert dump_design(win.doc.design) == before
    assert not win.menu_actions.delete.isEnabled()

    # a comment is allowed, pinned to the selection, badged, and saved in the file
    assert badge_on(win, "crm") is None
    write_comment(win, "Does the CRM need the full customer?")
    QTest.mouseClick(win.notes.comment_button, Qt.MouseButton.LeftButton)
    new = [t for t in threads(win.doc.design) if t.on == "crm"]
    assert len(new) == 1 and new[0].root.text == "Does the CRM need the full customer?"
    assert new[0].root.author == win.notes.author()
    badge = badge_on(win, "crm")
    assert badge is not None and badge.count == 1
    assert win.notes.text.toPlainText() == ""
    assert win.isWindowModified()
    assert win.save()
    saved = load_design(win.doc.path).design  # type: ignore[arg-type]
    assert any(n.on == "crm" and n.text.startswith("Does the CRM") for n in saved.notes)


def test_reply_resolve_and_undo_in_review_mode(erp_window: MainWindow) -> None:
    win = erp_window
    win.set_review_mode(True)
    # a design edit made before review mode cannot be undone from it
    assert not win.menu_actions.undo.isEnabled()

    win.notes.show_element("customer-changed")
    assert win.notes.selected_note_id() == "note-compaction"
    write_comment(win, "Yes: compact it.")
    QTest.keyClick(win.notes.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    thread = next(t for t in threads(win.doc.design) if t.root.id == "note-compaction")
    assert [n.text for n in thread.replies] == ["Yes: compact it."]
    assert isinstance(win.doc.get(thread.replies[0].id), Note)
    # replies are not sticky notes of their own on the canvas
    assert thread.replies[0].id not in win.scene.nodes

    assert badge_on(win, "customer-changed") is not None
    QTest.mouseClick(win.notes.resolve_button, Qt.MouseButton.LeftButton)
    assert win.doc.get("note-compaction").resolved  # type: ignore[union-attr]
    assert badge_on(win, "customer-changed") is None
    assert win.notes.resolve_button.text() == "Reopen"

    press(win, win.menu_actions.undo)  # reopens
    assert not win.doc.get("note-compaction").resolved  # type: ignore[union-attr]
    assert badge_on(win, "customer-changed") is not None
    press(win, win.menu_actions.undo)  # removes the reply
    assert [t.replies for t in threads(win.doc.design) if t.root.id == "note-compaction"] == [()]
    assert not win.menu_actions.undo.isEnabled()  # the floor: what came before review mode
    press(win, win.menu_actions.redo)
    assert (
        len(next(t for t in threads(win.doc.design) if t.root.id == "note-compaction").replies) == 1
    )


def test_clicking_a_badge_opens_the_thread(erp_window: MainWindow) -> None:
    win = erp_window
    badge = badge_on(win, "portal")
    assert badge is not None
    centre = badge.mapToScene(badge.boundingRect().center())
    win.view.centerOn(centre)
    QApplication.processEvents()
    QTest.mouseClick(
        win.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        win.view.mapFromScene(centre),
    )
    assert win.docks.notes.isVisible()
    assert win.notes.selected_note_id() == "note-portal-pin"


def test_show_resolved_filter_and_leaving_review(erp_window: MainWindow) -> None:
    win = erp_window
    tree = win.notes.tree
    assert tree.topLevelItemCount() == 3
    assert win.notes.summary.text() == "2 open · 1 resolved"
    win.notes.show_resolved.setChecked(False)
    assert tree.topLevelItemCount() == 2
    win.set_review_mode(True)
    QTest.mouseClick(win.review_banner.leave_button, Qt.MouseButton.LeftButton)
    assert not win.menu_actions.review.isChecked() and not win.review_banner.isVisibleTo(win)


def test_activating_a_thread_reveals_its_element(erp_window: MainWindow) -> None:
    win = erp_window
    win.notes.show_element("portal")
    item = win.notes.tree.currentItem()
    win.notes.tree.itemActivated.emit(item, 0)
    assert win.scene.selected_ids() == ["portal"]
