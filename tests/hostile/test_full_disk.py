"""A full disk: the write fails with one sentence and leaves no temporary file behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from studio.cli import main
from tests.conftest import SAMPLES


class _FullAfter:
    """``os.fdopen`` whose handles refuse to write once ``files`` files were written."""

    def __init__(self, files: int) -> None:
        self.real, self.files, self.opened = os.fdopen, files, 0

    def __call__(self, fd: int, mode: str = "r", *args, **kwargs):  # type: ignore[no-untyped-def]
        handle = self.real(fd, mode, *args, **kwargs)
        self.opened += 1
        if self.opened <= self.files:
            return handle
        return _Refusing(handle)


class _Refusing:
    def __init__(self, handle) -> None:  # type: ignore[no-untyped-def]
        self.handle = handle

    def __enter__(self) -> _Refusing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command", ["export", "portal"])
def test_a_full_disk_leaves_no_temporary_files(
    command: str,
    tmp_path: Path,
    capsys,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    monkeypatch.setattr(os, "fdopen", _FullAfter(files=3))
    out = tmp_path / "out"
    code = main([command, str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot be written (No space left on device)" in err
    assert [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    assert not [p for p in out.rglob("*") if p.is_file()]  # nothing half-written either
