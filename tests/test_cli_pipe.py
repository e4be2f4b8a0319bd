"""A reader that stops early (``mesh-studio ... | head``) is not an error."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from studio.cli import main
from tests.conftest import SAMPLES


class GoneReader(io.TextIOWrapper):
    """Standard output whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with (tmp_path / "out").open("wb") as raw:
        monkeypatch.setattr(sys, "stdout", GoneReader(raw, encoding="utf-8"))
        code = main(["info", str(SAMPLES / "erp-mesh.mesh.yaml")])
    assert code == 141  # as if killed by SIGPIPE, like other command-line tools
    assert "internal error" not in capsys.readouterr().err
