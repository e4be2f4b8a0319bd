"""Atomic file replacement: a crash or kill leaves the old file or the new one, never a mix.

The text goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed and fsynced, then renamed over the target; the folder is fsynced so the
rename itself survives a power cut. The target keeps its permission bits.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8 when it is text) atomically."""
    target = Path(path)
    folder = target.parent
    mode = mode_for(target)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
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
