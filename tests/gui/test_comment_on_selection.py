"""Review > Comment on Selection (Ctrl+Alt+M) starts a new thread on what is selected, every
time; replying to a thread stays something the user chooses in the Notes panel."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.edit.notes import Thread, threads
from studio.gui.main_window import MainWindow
from studio.io.design_file import dump_design
from tests.conftest import SAMPLES
from tests.gui.conftest import click_element
from tests.gui.test_review_notes import badge_on


@pytest.fixture
def review_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """What ``mesh-studio --review erp-mesh.mesh.yaml`` opens, on a copy, active."""
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    win = MainWindow(
        review=True,
        theme_mode="light",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    win.show()
    assert win.open_file(tmp_path / "erp-mesh.mesh.yaml")
    win.activateWindow()  # window shortcuts reach only the active window
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.problems.wait()
    win.undo_stack.setClean()  # closing must not prompt
    win.close()
    win.deleteLater()


def comment_on_selection(win: MainWindow, text: str) -> None:
    """Ctrl+Alt+M, type into whatever has the focus then, Ctrl+Enter."""
    QTest.keySequence(win, "Ctrl+Alt+M")
    box = QApplication.focusWidget()
    assert box is win.notes.text  # the shortcut puts the cursor in the comment box
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def threads_on(win: MainWindow, element_id: str) -> list[Thread]:
    return [t for t in threads(win.doc.design) if t.on == element_id]


def test_a_second_element_gets_a_new_thread_not_a_reply(review_window: MainWindow) -> None:
    win = review_window
    design_before = dump_design(win.doc.design)
    notes_before = list(win.doc.design.notes)

    click_element(win, "crm")
    comment_on_selection(win, "Does the CRM need the full customer?")
    # the new thread is selected in Notes: the state that made the next comment a reply
    assert win.notes.selected_note_id() == threads_on(win, "crm")[0].root.id

    click_element(win, "analytics")
    assert win.scene.selected_ids() == ["analytics"]
    comment_on_selection(win, "Who reads the analytics events?")

    crm, analytics = threads_on(win, "crm"), threads_on(win, "analytics")
    assert [(t.root.text, t.replies) for t in crm] == [("Does the CRM need the full customer?", ())]
    assert [(t.root.text, t.replies) for t in analytics] == [
        ("Who reads the analytics events?", ())
    ]
    assert win.doc.design.notes[: len(notes_before)] == notes_before
    assert len(win.doc.design.notes) == len(notes_before) + 2
    # the scene shows both: a badge on each element, and each thread's sticky note
    for element_id in ("crm", "analytics"):
        badge = badge_on(win, element_id)
        assert badge is not None and badge.count == 1
    assert crm[0].root.id in win.scene.nodes and analytics[0].root.id in win.scene.nodes
    # comments only: the rest of the design is untouched, and each comment is one undo step
    without_notes = dump_design(win.doc.design).split("\nnotes:")[0]
    assert without_notes == design_before.split("\nnotes:")[0]
    QTest.keySequence(win, "Ctrl+Z")
    assert threads_on(win, "analytics") == [] and len(threads_on(win, "crm")) == 1
    assert badge_on(win, "analytics") is None and analytics[0].root.id not in win.scene.nodes
    QTest.keySequence(win, "Ctrl+Shift+Z")
    assert [t.root.text for t in threads_on(win, "analytics")] == [
        "Who reads the analytics events?"
    ]


def test_several_selected_elements_get_a_thread_each_in_one_step(review_window: MainWindow) -> None:
    win = review_window
    click_element(win, "crm")
    item = win.scene.nodes["shop"]
    centre = item.mapToScene(item.size.center())
    win.view.centerOn(centre)
    QApplication.processEvents()
    QTest.mouseClick(
        win.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        win.view.mapFromScene(centre),
    )
    assert sorted(win.scene.selected_ids()) == ["crm", "shop"]
    assert win.notes.comment_button.text() == "Comment on 2 elements"
    count = len(win.doc.design.notes)

    comment_on_selection(win, "Both keep a copy of the customer.")

    for element_id in ("crm", "shop"):
        assert [t.root.text for t in threads_on(win, element_id)] == [
            "Both keep a copy of the customer."
        ]
        assert badge_on(win, element_id) is not None
    assert len({n.id for n in win.doc.design.notes}) == len(win.doc.design.notes) == count + 2
    QTest.keySequence(win, "Ctrl+Z")  # one step for the whole selection
    assert len(win.doc.design.notes) == count
    assert threads_on(win, "crm") == [] and threads_on(win, "shop") == []


def test_replying_is_choosing_a_thread_in_notes(review_window: MainWindow) -> None:
    win = review_window
    click_element(win, "crm")
    comment_on_selection(win, "Does the CRM need the full customer?")
    crm = threads_on(win, "crm")[0].root.id

    # selecting another element lets the thread go: the box now comments on that element
    click_element(win, "analytics")
    assert win.notes.selected_note_id() is None
    box = win.notes.text
    QTest.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    assert "analytics" in box.placeholderText()
    QTest.keyClicks(box, "A thread of its own.")
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [t.root.text for t in threads_on(win, "analytics")] == ["A thread of its own."]

    # clicking the crm thread in the list is the explicit choice to answer it
    tree = win.notes.tree
    row = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "crm"
    )
    QTest.mouseClick(
        tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tree.visualItemRect(row).center(),
    )
    assert win.notes.selected_note_id() == crm
    assert box.placeholderText().startswith("Reply to the thread on 'crm'")
    QTest.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClicks(box, "Only the id and the segment.")
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (thread,) = threads_on(win, "crm")
    assert [n.text for n in thread.replies] == ["Only the id and the segment."]
    assert len(threads_on(win, "analytics")) == 1


def test_comment_on_selection_starts_a_thread_even_beside_a_chosen_one(
    review_window: MainWindow,
) -> None:
    win = review_window
    click_element(win, "portal")
    badge = badge_on(win, "portal")
    assert badge is not None
    centre = badge.mapToScene(badge.boundingRect().center())
    QTest.mouseClick(
        win.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        win.view.mapFromScene(centre),
    )
    # the badge opened the portal's thread: Ctrl+Enter in the box would answer it now
    assert win.notes.selected_note_id() == "note-portal-pin"
    assert win.notes.text.placeholderText().startswith("Reply to the thread on 'portal'")

    comment_on_selection(win, "Is the portal on the public network?")

    portal = threads_on(win, "portal")
    assert [(t.root.text, t.replies) for t in portal][1:] == [
        ("Is the portal on the public network?", ())
    ]
    assert portal[0].root.id == "note-portal-pin" and portal[0].replies == ()
    badge = badge_on(win, "portal")
    assert badge is not None and badge.count == 2
