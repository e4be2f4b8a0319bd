"""Recovery files: unsaved work kept on disk so a crash or a kill loses at most a few seconds.

The studio writes the canonical YAML of a modified design to a recovery file while it is being
edited, removes the file when the work is saved or discarded, and offers an abandoned one back
the next time the design (or, for untitled work, the studio) is opened. This module is the
Qt-free half: where the files live, what they hold, and which of them are abandoned.

Where: ``MESH_STUDIO_RECOVERY_DIR`` if set (tests), else ``platformdirs.user_state_dir(
"mesh-studio")/recovery`` (``~/.local/state/mesh-studio/recovery`` on Linux). One file per
editing session of one design: ``<hash of the absolute path>-<session>.recovery.mesh.yaml``, or
``untitled-<session>.recovery.mesh.yaml``. The session in the name keeps two windows (or two
studios) on the same design from overwriting each other's work.

What: two comment lines, then the design's canonical YAML, so a recovery file is itself a
design file any editor or ``mesh-studio`` can open::

    # Mesh Studio recovery file: unsaved changes, kept until they are saved or discarded.
    # {"format": 1, "original": "/abs/x.mesh.yaml", "savedAt": "...", "fingerprint": ..., ...}

``fingerprint`` is the sha256 of the file on disk that the unsaved edits started from, so a
restore can say when that file has changed since; ``content`` is the sha256 of the YAML below
the header, so a cut or hand-edited body is refused instead of restored in part. Files are
written with ``write_atomic``, so a kill while writing leaves the previous recovery file whole.

Abandoned: a file belongs to a live session if its process still runs (and, for this process,
the session is still held by a window); only other files are offered back. A recovery file that
cannot be read is never a crash: it is reported in one sentence and set aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from studio.errors import MeshStudioError
from studio.io.atomic import process_running, write_atomic
from studio.io.design_file import dump_design, parse_design
from studio.io.yaml_source import read_text
from studio.model import Design

RECOVERY_DIR_ENV = "MESH_STUDIO_RECOVERY_DIR"
SUFFIX = ".recovery.mesh.yaml"
UNUSABLE_SUFFIX = ".unusable"
FORMAT = 1
_BANNER = "# Mesh Studio recovery file: unsaved changes, kept until they are saved or discarded."

# sessions of this process that still have a window: their files are live, not abandoned
_held: set[str] = set()


class RecoveryError(MeshStudioError):
    """A recovery file that cannot be used; ``str()`` is one sentence naming the file."""

    def __init__(self, file: Path, reason: str) -> None:
        self.file = file
        super().__init__(f"The recovery file {file} cannot be used: {reason}.")


@dataclass(frozen=True)
class Recovery:
    """One recovery file, read and checked: the design it holds and where it came from."""

    file: Path
    original: Path | None  # the design file the work belongs to; None for untitled work
    saved_at: datetime  # when the recovery file was written (UTC)
    fingerprint: str | None  # sha256 of the original as the unsaved edits started from it
    pid: int
    session: str
    design: Design

    def disk_changed(self) -> bool:
        """Whether the original file on disk differs from the one the edits started from."""
        return self.original is not None and fingerprint_of(self.original) != self.fingerprint

    def abandoned(self) -> bool:
        """Whether no running window owns this file any more (a crash, a kill, a power cut)."""
        if self.session in _held:
            return False
        return self.pid == os.getpid() or not process_running(self.pid)


def recovery_dir() -> Path:
    """The folder recovery files live in (not created here)."""
    override = os.environ.get(RECOVERY_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("mesh-studio", appauthor=False)) / "recovery"


def new_session() -> str:
    """A fresh session id, held by this process until ``release``."""
    session = uuid.uuid4().hex[:12]
    _held.add(session)
    return session


def release(session: str) -> None:
    """The window of ``session`` is gone: its files (if any are left) count as abandoned."""
    _held.discard(session)


def recovery_file(original: Path | None, session: str) -> Path:
    """The recovery file of one session's work on ``original`` (None: untitled)."""
    return recovery_dir() / f"{_stem(original)}-{session}{SUFFIX}"


def write_recovery(
    design: Design,
    original: Path | None,
    session: str,
    fingerprint: str | None,
    now: datetime | None = None,
) -> Path:
    """Write (atomically) the recovery file of ``design``; return its path."""
    folder = recovery_dir()
    # the work may be confidential: the folder is the user's alone
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    header = {
        "format": FORMAT,
        "original": str(_absolute(original)) if original else None,
        "savedAt": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "fingerprint": fingerprint,
        "pid": os.getpid(),
        "session": session,
    }
    body = dump_design(design)
    header["content"] = _digest(body)  # a cut or edited body is noticed, not half restored
    target = recovery_file(original, session)
    write_atomic(target, f"{_BANNER}\n# {json.dumps(header)}\n{body}")
    return target


def read_recovery(file: Path) -> Recovery:
    """Read and check a recovery file; raise RecoveryError if it cannot be used."""
    try:
        text = read_text(file)
    except MeshStudioError as error:
        raise RecoveryError(file, str(error).split(": ", 1)[-1]) from None
    lines = text.split("\n", 2)
    if len(lines) < 3 or lines[0] != _BANNER or not lines[1].startswith("# {"):
        raise RecoveryError(file, "it does not start with the recovery header")
    try:
        header = json.loads(lines[1][2:])
    except ValueError:
        raise RecoveryError(file, "its header is not readable") from None
    fields = _header_fields(file, header)
    if header.get("content") != _digest(lines[2]):
        raise RecoveryError(file, "its content is incomplete or was changed after it was written")
    try:
        design = parse_design(text, file).design
    except MeshStudioError as error:
        raise RecoveryError(file, f"the design in it does not load ({error})") from None
    return Recovery(file, *fields, design=design)


def find_recoveries(original: Path | None) -> tuple[list[Recovery], list[RecoveryError]]:
    """The abandoned recovery files of ``original`` (None: untitled work), newest first, and
    the problems of those that cannot be used (set aside so they are reported only once)."""
    folder = recovery_dir()
    if not folder.is_dir():
        return [], []
    wanted = None if original is None else _absolute(original)
    found: list[Recovery] = []
    problems: list[RecoveryError] = []
    for file in sorted(folder.glob(f"{_stem(original)}-*{SUFFIX}")):
        try:
            recovery = read_recovery(file)
        except RecoveryError as problem:
            problems.append(problem)
            set_aside(file)
            continue
        if recovery.original == wanted and recovery.abandoned():
            found.append(recovery)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found, problems


def discard(file: Path) -> None:
    """Remove a recovery file (gone already is fine)."""
    with contextlib.suppress(FileNotFoundError):
        file.unlink()


def set_aside(file: Path) -> None:
    """Rename an unusable recovery file out of the way, keeping it for a person to look at."""
    with contextlib.suppress(OSError):
        file.replace(file.with_name(file.name + UNUSABLE_SUFFIX))


def fingerprint_of(path: Path) -> str | None:
    """The sha256 of a file's bytes, or None if it cannot be read."""
    try:
        return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _stem(original: Path | None) -> str:
    if original is None:
        return "untitled"
    return _digest(str(_absolute(original))).removeprefix("sha256:")[:16]


def _absolute(path: Path) -> Path:
    return Path(path).resolve()


def _header_fields(file: Path, header: Any) -> tuple[Path | None, datetime, str | None, int, str]:
    """The header's values in Recovery's order, each checked for its type."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise RecoveryError(file, "its header is not a recovery header of format 1")
    original, saved, fingerprint = (
        header.get("original"),
        header.get("savedAt"),
        header.get("fingerprint"),
    )
    pid, session = header.get("pid"), header.get("session")
    if (
        not (original is None or isinstance(original, str))
        or not (fingerprint is None or isinstance(fingerprint, str))
        or not isinstance(pid, int)
        or not isinstance(session, str)
        or not isinstance(saved, str)
    ):
        raise RecoveryError(file, "its header has a missing or mistyped value")
    try:
        saved_at = datetime.fromisoformat(saved)
    except ValueError:
        raise RecoveryError(file, f"its time '{saved}' is not a time") from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    return (Path(original) if original else None), saved_at, fingerprint, pid, session
