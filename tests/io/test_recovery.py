"""Recovery files: where they live, what they hold, which are abandoned, and corrupt ones."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studio.io import recovery
from studio.io.design_file import dump_design, load_design, parse_design
from studio.io.recovery import RECOVERY_DIR_ENV, RecoveryError
from studio.model import Application
from tests.conftest import SAMPLES


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    target = tmp_path / "erp.mesh.yaml"
    shutil.copy(SAMPLES / "erp-mesh.mesh.yaml", target)
    return target


def edited(path: Path):  # type: ignore[no-untyped-def]
    design = load_design(path).design
    design.applications.append(Application(id="late-addition", name="Late addition"))
    return design


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_folder_comes_from_the_environment_or_platformdirs(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(RECOVERY_DIR_ENV, str(tmp_path / "r"))
    assert recovery.recovery_dir() == tmp_path / "r"
    monkeypatch.delenv(RECOVERY_DIR_ENV)
    default = recovery.recovery_dir()
    assert default.name == "recovery" and default.parent.name == "mesh-studio"


def test_a_recovery_file_is_a_design_file_with_a_header(design_file: Path) -> None:
    session = recovery.new_session()
    fingerprint = recovery.fingerprint_of(design_file)
    file = recovery.write_recovery(edited(design_file), design_file, session, fingerprint)
    assert file.parent == recovery.recovery_dir()
    assert file.name.endswith(recovery.SUFFIX) and session in file.name
    text = file.read_text(encoding="utf-8")
    # the body is the canonical design; the header lines are YAML comments
    assert text.split("\n", 2)[2] == dump_design(edited(design_file))
    assert parse_design(text).design == edited(design_file)
    found = recovery.read_recovery(file)
    assert found.original == design_file.resolve()
    assert found.fingerprint == fingerprint and fingerprint.startswith("sha256:")
    assert found.design == edited(design_file)
    assert (datetime.now(UTC) - found.saved_at).total_seconds() < 60
    assert found.pid == os.getpid() and found.session == session
    assert not found.disk_changed()
    assert oct(recovery.recovery_dir().stat().st_mode & 0o777) == "0o700"
    recovery.release(session)


def test_files_are_keyed_by_design_and_session(design_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.mesh.yaml"
    a, b = recovery.new_session(), recovery.new_session()
    assert recovery.recovery_file(design_file, a) != recovery.recovery_file(design_file, b)
    assert recovery.recovery_file(design_file, a) != recovery.recovery_file(other, a)
    # relative and absolute spellings of one file share a key
    relative = Path(os.path.relpath(design_file))
    assert recovery.recovery_file(relative, a) == recovery.recovery_file(design_file, a)
    assert recovery.recovery_file(None, a).name == f"untitled-{a}{recovery.SUFFIX}"
    recovery.release(a)
    recovery.release(b)


def test_only_abandoned_files_of_that_design_are_found(design_file: Path, tmp_path: Path) -> None:
    live = recovery.new_session()
    recovery.write_recovery(edited(design_file), design_file, live, None)
    assert recovery.find_recoveries(design_file) == ([], [])  # its window still holds it
    recovery.release(live)  # the window went away without cleaning up (as a crash would)
    found, problems = recovery.find_recoveries(design_file)
    assert [r.session for r in found] == [live] and problems == []
    # another design's and untitled work are not offered for this design
    other = recovery.new_session()
    recovery.write_recovery(edited(design_file), tmp_path / "other.mesh.yaml", other, None)
    recovery.write_recovery(edited(design_file), None, other, None)
    recovery.release(other)
    assert [r.session for r in recovery.find_recoveries(design_file)[0]] == [live]
    assert [r.original for r in recovery.find_recoveries(None)[0]] == [None]


def test_a_file_of_a_running_process_is_live_and_of_an_ended_one_abandoned(
    design_file: Path,
) -> None:
    session = recovery.new_session()
    recovery.release(session)
    file = recovery.write_recovery(edited(design_file), design_file, session, None)
    text = file.read_text(encoding="utf-8")
    parent = os.getppid()  # a running process that is not this one
    file.write_text(text.replace(f'"pid": {os.getpid()}', f'"pid": {parent}'), encoding="utf-8")
    assert recovery.find_recoveries(design_file)[0] == []
    file.write_text(text.replace(f'"pid": {os.getpid()}', f'"pid": {dead_pid()}'), encoding="utf-8")
    assert len(recovery.find_recoveries(design_file)[0]) == 1


def test_newest_first_and_disk_changes_are_noticed(design_file: Path) -> None:
    fingerprint = recovery.fingerprint_of(design_file)
    older, newer = recovery.new_session(), recovery.new_session()
    recovery.write_recovery(
        edited(design_file),
        design_file,
        older,
        fingerprint,
        now=datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
    )
    recovery.write_recovery(
        edited(design_file),
        design_file,
        newer,
        fingerprint,
        now=datetime(2026, 1, 1, 10, 0, tzinfo=UTC),
    )
    recovery.release(older)
    recovery.release(newer)
    found = recovery.find_recoveries(design_file)[0]
    assert [r.session for r in found] == [newer, older]
    assert not found[0].disk_changed()
    design_file.write_text(design_file.read_text(encoding="utf-8") + "# pulled\n", encoding="utf-8")
    assert found[0].disk_changed()
    design_file.unlink()
    assert found[0].disk_changed()


def rebody(text: str, body: str) -> str:
    """A recovery file whose header vouches for another body (a future or foreign format)."""
    banner, header_line, _ = text.split("\n", 2)
    header = json.loads(header_line[2:])
    header["content"] = recovery._digest(body)
    return f"{banner}\n# {json.dumps(header)}\n{body}"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda text: "", "does not start with the recovery header"),
        (lambda text: text[: len(text) // 2], "content is incomplete"),
        (lambda text: text.replace("Late addition", "Later addition"), "content is incomplete"),
        (lambda text: text.replace('"format": 1', '"format": 9'), "format 1"),
        (lambda text: text.replace('"pid": ', '"pid": "x", "p": '), "mistyped"),
        (lambda text: text.replace('# {"format"', '# {{"format"'), "header is not readable"),
        (lambda text: text.replace('"content": "sha256:', '"content": "sha256:x'), "incomplete"),
        (lambda text: rebody(text, "meshStudio: 99\n"), "the design in it does not load"),
        (lambda text: text.replace('"savedAt": "', '"savedAt": "yesterday'), "is not a time"),
    ],
)
def test_a_corrupt_file_is_one_sentence_and_set_aside(
    design_file: Path,
    damage,  # type: ignore[no-untyped-def]
    reason: str,
) -> None:
    session = recovery.new_session()
    recovery.release(session)
    file = recovery.write_recovery(edited(design_file), design_file, session, None)
    file.write_text(damage(file.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RecoveryError) as error:
        recovery.read_recovery(file)
    message = str(error.value)
    assert reason in message and str(file) in message and "\n" not in message
    found, problems = recovery.find_recoveries(design_file)
    assert found == [] and [str(p) for p in problems] == [message]
    assert not file.exists() and file.with_name(file.name + ".unusable").exists()
    assert recovery.find_recoveries(design_file) == ([], [])  # reported once


def test_binary_garbage_is_unusable_not_a_crash(design_file: Path) -> None:
    file = recovery.recovery_file(design_file, "0badc0ffee00")
    file.parent.mkdir(parents=True)
    file.write_bytes(b"\xff\xfe\x00garbage")
    problems = recovery.find_recoveries(design_file)[1]
    assert len(problems) == 1 and "not valid UTF-8" in str(problems[0])


def test_discard_and_stale_temp_files_are_ignored(design_file: Path) -> None:
    session = recovery.new_session()
    recovery.release(session)
    file = recovery.write_recovery(edited(design_file), design_file, session, None)
    # what a kill in the middle of write_atomic leaves: not a recovery file
    (file.parent / f".{file.name}.123.abc.tmp").write_text("meshStudio: 1\napplic", "utf-8")
    assert len(recovery.find_recoveries(design_file)[0]) == 1
    recovery.discard(file)
    recovery.discard(file)  # twice is fine
    assert recovery.find_recoveries(design_file) == ([], [])


def test_no_folder_means_nothing_to_recover(design_file: Path) -> None:
    assert not recovery.recovery_dir().exists()
    assert recovery.find_recoveries(design_file) == ([], [])
    assert recovery.find_recoveries(None) == ([], [])
