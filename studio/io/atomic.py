"""Atomic file replacement: a crash or kill leaves the old file or the new one, never a mix.

The text goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed and fsynced, then renamed over the target; the folder is fsynced so the
rename itself survives a power cut. The target keeps its permission bits. A symbolic link is
written through: its target gets the new text and the link stays a link (a design kept in
another repository and linked into this one stays shared).

A kill between creating the temporary file and the rename leaves that temporary file behind
(the target is untouched). Temporary files are named ``.NAME.PID.RANDOM.tmp``: hidden,
recognisably a temporary of NAME, and naming the process writing it. Nothing reads them, and
the next successful write of NAME removes those whose process is gone, so a killed writer
leaves at most one stray file, and only until the next save.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

# where a process cannot be checked (Windows), a temporary file this old is surely abandoned
_STALE_AFTER_S = 3600
# .NAME.PID.RANDOM.tmp, where RANDOM is mkstemp's part: 8 of [a-z0-9_]
_TEMP_NAME = re.compile(r"^\.(.+)\.(\d+)\.[a-z0-9_]{8}\.tmp$")


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Replace ``path`` (or the file a link at ``path`` points to) with ``text`` (UTF-8 when
    it is text) atomically."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    mode = mode_for(target)
    fd, temp = make_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(folder)
    remove_stale_temps(folder, {target.name})


def make_temp(target: Path) -> tuple[int, str]:
    """Create the temporary file a new version of ``target`` is written to, beside it."""
    return tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )


def remove_stale_temps(folder: Path, names: Collection[str]) -> list[Path]:
    """Remove the temporary files of ``names`` in ``folder`` whose writer was killed (one
    listing of the folder, however many names); return what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        match = _TEMP_NAME.match(candidate.name)
        if match is None or match.group(1) not in names:
            continue
        pid = int(match.group(2))
        # a temporary of this process may still be being written (another thread)
        if pid == os.getpid() or not _abandoned(candidate, pid):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def process_running(pid: int) -> bool:
    """Whether a process with this id exists; False where that cannot be checked (Windows)."""
    if sys.platform == "win32" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # signal 0: no signal, only the existence check
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists but belongs to someone else
        return True
    return True


def _abandoned(temp: Path, pid: int) -> bool:
    if sys.platform == "win32":
        try:
            return time.time() - temp.stat().st_mtime > _STALE_AFTER_S
        except OSError:
            return False
    return not process_running(pid)


def mode_for(target: Path) -> int:
    """The permission bits a replacement of ``target`` gets: its own, or the umask's."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders; the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it
