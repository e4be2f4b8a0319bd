"""Autosave: unsaved work goes to a recovery file, leaves it when saved or discarded, and is
offered back (Restore / Discard / Keep for Later) when a crash left it behind."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.gui import autosave
from studio.gui.autosave import Choice
from studio.gui.main_window import MainWindow
from studio.io import recovery
from studio.io.design_file import load_design
from studio.io.recovery import Recovery
from tests.conftest import SAMPLES
from tests.gui.conftest import press

Studio = Callable[[], MainWindow]
CHILD = Path(__file__).with_name("autosave_child.py")


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path / "erp-mesh.mesh.yaml"


@pytest.fixture
def studio(qapp, tmp_path: Path, monkeypatch) -> Iterator[Studio]:  # type: ignore[no-untyped-def]
    """Makes studio windows that autosave quickly; each is closed (unprompted) at the end.
    A question nobody expected fails the test instead of waiting for an answer for ever."""
    windows: list[MainWindow] = []
    monkeypatch.setattr(autosave, "ask_restore", lambda *a: pytest.fail("unexpected offer"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"prompt {a[2]}"))

    def make() -> MainWindow:
        window = MainWindow(
            settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
            theme_mode="light",
        )
        window.autosave.after_edit_ms = 20
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.problems.wait()
        window.undo_stack.setClean()
        window.close()
        window.deleteLater()


class Offers(list[Recovery]):
    """The recoveries offered so far, and the answer the user gives next."""

    answer = Choice.LATER


@pytest.fixture
def asked(studio, monkeypatch) -> Offers:  # type: ignore[no-untyped-def]
    offers = Offers()

    def ask(_parent: object, found: Recovery) -> Choice:
        offers.append(found)
        return offers.answer

    monkeypatch.setattr(autosave, "ask_restore", ask)
    return offers


def edit(window: MainWindow, qtbot) -> Path:  # type: ignore[no-untyped-def]
    """Add a service from the palette (the real edit path) and wait for its recovery file."""
    window.edits.add_at_centre("service")
    qtbot.waitUntil(
        lambda: window.autosave.written is not None and window.autosave.written.exists(),
        timeout=3000,
    )
    return window.autosave.written  # type: ignore[return-value]


def crash(window: MainWindow) -> Path:
    """What a crash leaves: the recovery file, and no window holding it."""
    file = window.autosave.written
    assert file is not None
    kept = file.read_bytes()
    window.undo_stack.setClean()
    window.close()
    file.write_bytes(kept)
    return file


def test_an_edit_writes_the_recovery_file_and_saving_removes_it(
    studio,
    qtbot,  # type: ignore[no-untyped-def]
    design_file: Path,
) -> None:
    window = studio()
    assert window.open_file(design_file)
    assert not window.autosave.save_now()  # nothing unsaved, nothing written
    file = edit(window, qtbot)
    assert file.parent == recovery.recovery_dir()
    held = recovery.read_recovery(file)
    assert held.design == window.doc.design and held.original == design_file.resolve()
    assert held.fingerprint == recovery.fingerprint_of(design_file)
    assert window.save()
    window.autosave.wait()  # removing, like writing, happens on the autosave thread
    assert not file.exists() and window.autosave.written is None
    assert recovery.find_recoveries(design_file) == ([], [])


def test_undo_back_to_the_saved_state_removes_it_and_redo_writes_it(
    studio,
    qtbot,  # type: ignore[no-untyped-def]
    design_file: Path,
) -> None:
    window = studio()
    window.open_file(design_file)
    file = edit(window, qtbot)
    press(window, window.menu_actions.undo)
    window.autosave.wait()
    assert not file.exists()
    press(window, window.menu_actions.redo)
    qtbot.waitUntil(lambda: file.exists(), timeout=3000)


def test_the_periodic_save_keeps_the_file_current(studio, qtbot, design_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = studio()
    window.open_file(design_file)
    window.autosave.after_edit_ms = 60_000  # only the periodic timer can write now
    window.autosave.interval_ms = 30
    window.edits.add_at_centre("topic")
    qtbot.waitUntil(lambda: window.autosave.written is not None, timeout=3000)
    window.edits.add_at_centre("client")
    qtbot.waitUntil(
        lambda: recovery.read_recovery(window.autosave.written).design == window.doc.design,
        timeout=3000,
    )


def test_closing_without_saving_removes_it(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    window = studio()
    window.open_file(design_file)
    file = edit(window, qtbot)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not file.exists()


def test_after_a_crash_reopening_offers_it_and_restore_gives_the_unsaved_design(  # type: ignore[no-untyped-def]
    studio, qtbot, design_file: Path, asked
) -> None:
    first = studio()
    first.open_file(design_file)
    edit(first, qtbot)
    unsaved = load_design(first.autosave.written).design
    on_disk = design_file.read_bytes()
    left = crash(first)

    asked.answer = Choice.RESTORE
    second = studio()
    assert second.open_file(design_file)
    assert [offer.file for offer in asked] == [left]
    assert second.doc.design == unsaved and second.doc.path == design_file
    assert second.isWindowModified() and not second.undo_stack.isClean()
    assert not second.undo_stack.canUndo()  # no step leads back to the file: it is not saved
    assert design_file.read_bytes() == on_disk  # nothing was written over the design
    assert "service" in {n.split("-")[0] for n in second.scene.nodes}
    # the restored work is this window's now: kept safe at once, the crashed file is gone
    assert not left.exists()
    assert second.autosave.written is not None and second.autosave.written.exists()
    assert recovery.read_recovery(second.autosave.written).design == unsaved
    assert second.save() and design_file.read_bytes() != on_disk
    assert load_design(design_file).design == unsaved


def test_discard_removes_it_and_keeps_the_file_as_saved(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    asked,
) -> None:
    first = studio()
    first.open_file(design_file)
    edit(first, qtbot)
    left = crash(first)
    asked.answer = Choice.DISCARD
    second = studio()
    second.open_file(design_file)
    assert len(asked) == 1 and not left.exists()
    assert second.doc.design == load_design(design_file).design
    assert not second.isWindowModified()
    third = studio()
    third.open_file(design_file)
    assert len(asked) == 1  # nothing left to offer


def test_keep_for_later_offers_it_again_next_time(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    asked,
) -> None:
    first = studio()
    first.open_file(design_file)
    edit(first, qtbot)
    left = crash(first)
    second = studio()
    second.open_file(design_file)
    assert left.exists() and not second.isWindowModified()
    assert second.doc.design == load_design(design_file).design
    second.close()
    third = studio()
    third.open_file(design_file)
    assert [offer.file for offer in asked] == [left, left]


def test_the_offer_says_when_the_file_changed_on_disk_since(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    asked,
) -> None:
    first = studio()
    first.open_file(design_file)
    edit(first, qtbot)
    crash(first)
    design_file.write_text(
        design_file.read_text(encoding="utf-8") + "# git pull\n", encoding="utf-8"
    )
    studio().open_file(design_file)
    assert asked[0].disk_changed()


def test_untitled_work_is_offered_at_start_up(studio, qtbot, asked) -> None:  # type: ignore[no-untyped-def]
    first = studio()
    file = edit(first, qtbot)
    assert file.name.startswith("untitled-")
    unsaved = load_design(file).design
    crash(first)
    asked.answer = Choice.RESTORE
    second = studio()
    assert second.autosave.offer_recovery() is Choice.RESTORE
    assert second.doc.path is None and second.doc.design == unsaved
    assert second.isWindowModified()


def test_saving_untitled_work_as_a_file_moves_nothing_behind(
    studio,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    window = studio()
    untitled = edit(window, qtbot)
    target = tmp_path / "new.mesh.yaml"
    monkeypatch.setattr(
        "studio.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    assert window.save()
    window.autosave.wait()
    assert not untitled.exists() and target.exists()
    assert not list(recovery.recovery_dir().glob(f"*{recovery.SUFFIX}"))


def test_a_corrupt_recovery_file_is_reported_not_offered(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    asked,
) -> None:
    first = studio()
    first.open_file(design_file)
    edit(first, qtbot)
    left = crash(first)
    left.write_bytes(left.read_bytes()[:200])
    second = studio()
    assert second.open_file(design_file)
    assert asked == []
    message = second.statusBar().currentMessage()
    assert "cannot be used" in message and left.name in message
    assert not second.isWindowModified()


def test_an_unwritable_recovery_folder_does_not_stop_editing(
    studio,
    qtbot,
    design_file: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(recovery.RECOVERY_DIR_ENV, str(blocker / "recovery"))
    window = studio()
    window.open_file(design_file)
    window.edits.add_at_centre("service")
    qtbot.waitUntil(
        lambda: "Cannot write the recovery file" in window.statusBar().currentMessage(),
        timeout=3000,
    )
    assert window.isWindowModified() and window.autosave.written is None
    assert window.save()  # the design itself is still saved normally


def test_a_killed_studio_leaves_its_work_to_restore(
    studio,
    asked,
    design_file: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    on_disk = design_file.read_bytes()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        recovery.RECOVERY_DIR_ENV: str(recovery.recovery_dir()),
    }
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(design_file), str(tmp_path / "child.ini")],
        env=env,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the studio process never reported its recovery file"
        report = json.loads(child.stdout.readline())
    finally:
        child.send_signal(signal.SIGKILL)  # no clean-up code runs: as a crash or a power cut
        child.wait()
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL
    left = Path(report["recovery"])
    assert left.exists() and design_file.read_bytes() == on_disk
    added = report["added"]
    assert len(added) == 1

    asked.answer = Choice.RESTORE
    window = studio()
    assert window.open_file(design_file)
    assert [offer.file for offer in asked] == [left]
    assert added[0] in window.doc and added[0] in window.scene.nodes
    assert window.doc.design == recovery.read_recovery(window.autosave.written).design
    assert window.isWindowModified() and window.doc.path == design_file
    assert design_file.read_bytes() == on_disk  # restoring wrote nothing over the design
    assert not left.exists()


def test_the_question_names_the_time_and_a_change_on_disk(qtbot, design_file: Path) -> None:  # type: ignore[no-untyped-def]
    session = recovery.new_session()
    recovery.release(session)
    recovery.write_recovery(load_design(design_file).design, design_file, session, "sha256:0")
    found = recovery.find_recoveries(design_file)[0][0]
    seen: list[str] = []

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.text()} {box.informativeText()}")
        next(b for b in box.buttons() if b.text() == button).click()

    for button, choice in (
        ("Restore", Choice.RESTORE),
        ("Discard", Choice.DISCARD),
        ("Keep for Later", Choice.LATER),
    ):
        QTimer.singleShot(0, lambda b=button: answer(b))
        assert autosave.ask_restore(None, found) is choice  # type: ignore[arg-type]
    when = found.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert seen[0].startswith(f"Restore unsaved changes from {when}?")
    assert "erp-mesh.mesh.yaml" in seen[0] and "changed on disk" in seen[0]


def test_a_write_under_way_when_the_work_is_saved_leaves_nothing(
    studio,
    design_file: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = studio()
    window.open_file(design_file)
    for _ in range(5):
        window.edits.add_at_centre("service")
        assert window.autosave.save_now()  # the writer thread starts on it ...
        assert window.save()  # ... while the work is saved
        window.autosave.wait()
        assert window.autosave.written is None
        assert not list(recovery.recovery_dir().glob(f"*{recovery.SUFFIX}"))
