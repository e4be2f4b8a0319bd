"""Atomic save, proven: a writer killed at random moments leaves the old file or the new one.

A helper process (``kill_writer.py``) forks children that save a large design over and over,
alternating two versions A and B. Each child is SIGKILLed after a random (seeded) delay: in
the middle of a ``write_atomic`` (mostly) or of a full ``save_design`` (canonical dump
included). After every kill the file must be exactly A or exactly B, and anything else left in
the folder must be a recognisable temporary file, which the next save removes.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import select
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from studio.generate import generate_mesh
from studio.io.atomic import write_atomic
from studio.io.design_file import dump_design, load_design, parse_design

WRITER = Path(__file__).with_name("kill_writer.py")
ROUNDS = 54  # every ninth a whole save_design, the rest write_atomic of its exact bytes
SEED = 20260110
TEMP = re.compile(r"^\.big\.mesh\.yaml\.\d+\.[a-z0-9_]{8}\.tmp$")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two versions of a design of 250 applications (about half a megabyte), as files."""
    folder = tmp_path_factory.mktemp("versions")
    design = generate_mesh(250, 7, "big.registry.yaml").design
    a = dump_design(design)
    renamed = [replace(app, name=f"{app.name} (renamed in B)") for app in design.applications]
    b = dump_design(
        replace(design, info=replace(design.info, title="Version B"), applications=renamed)
    )
    assert len(a) > 400_000 and len(b) > len(a)
    (folder / "a.mesh.yaml").write_text(a, encoding="utf-8")
    (folder / "b.mesh.yaml").write_text(b, encoding="utf-8")
    return folder / "a.mesh.yaml", folder / "b.mesh.yaml"


class Writer:
    """The helper process, spoken to one line at a time (with a timeout: never hang)."""

    def __init__(self, target: Path, a: Path, b: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(target), str(a), str(b)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self.child = 0

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command.encode() + b"\n")
        line = b""
        while not line.endswith(b"\n"):
            ready, _, _ = select.select([self.process.stdout], [], [], 20)
            assert ready, f"the writer did not answer '{command}' within 20 s"
            byte = self.process.stdout.read(1)
            assert byte, f"the writer ended (exit {self.process.wait()})"
            line += byte
        return line.decode().strip()

    def close(self) -> None:
        if self.child:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def test_a_killed_save_leaves_the_old_or_the_new_file_whole(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = (v.read_bytes() for v in versions)
    target = tmp_path / "big.mesh.yaml"
    write_atomic(target, a)
    writer = Writer(target, *versions)
    rng = random.Random(SEED)
    outcomes = {"A": 0, "B": 0}
    stale_seen = 0
    try:
        for round_ in range(ROUNDS):
            save = round_ % 9 == 8
            writer.child = int(writer.ask("save" if save else "write"))
            # a save is mostly dumping (about half a second here); a write a few milliseconds
            delay = rng.uniform(0.0, 1.0 if save else 0.03)
            with contextlib.suppress(subprocess.TimeoutExpired):
                writer.process.wait(timeout=delay)  # sleeps, unless the helper died
            os.kill(writer.child, signal.SIGKILL)
            assert writer.ask("reap") == "signal 9"
            writer.child = 0
            content = target.read_bytes()
            assert content in (a, b), f"round {round_}: the file is torn ({len(content)} bytes)"
            outcomes["A" if content == a else "B"] += 1
            others = sorted(p.name for p in tmp_path.iterdir() if p != target)
            assert all(TEMP.match(name) for name in others), others
            stale_seen += bool(others)
    finally:
        writer.close()
    # the kills really landed at different moments: between writes and in the middle of them
    assert outcomes["A"] and outcomes["B"] and stale_seen, (outcomes, stale_seen)
    assert load_design(target).design == parse_design((a if content == a else b).decode()).design
    # the next save removes what killed writers left behind, and nothing else
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    write_atomic(target, b)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.mesh.yaml", "notes.txt"]
    assert target.read_bytes() == b


def test_the_temporary_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "d.mesh.yaml"
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = tmp_path / f".d.mesh.yaml.{running.pid}.abcd_123.tmp"
        other = tmp_path / f".other.yaml.{running.pid + 1_000_000}.abcd_123.tmp"
        for path in (live, other):
            path.write_text("half", encoding="utf-8")
        write_atomic(target, "meshStudio: 1\n")
        assert live.exists() and other.exists()  # still being written; not this file's
    finally:
        running.kill()
        running.wait()
    write_atomic(target, "meshStudio: 1\n")
    assert not live.exists() and other.exists()


def test_an_export_removes_what_a_killed_export_left(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from studio.cli import main
    from tests.conftest import SAMPLES

    out = tmp_path / "specs"
    assert main(["export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out)]) == 0
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(ended.stdout)  # what killed exports leave: temporaries of ended processes
    stale = [
        out / f".index.yaml.{dead}.k1ll3d_x.tmp",
        out / "asyncapi" / f".erp.yaml.{dead}.k1ll3d_x.tmp",
    ]
    for path in stale:
        path.write_text("half a docu", encoding="utf-8")
    keep = out / "asyncapi" / "notes.txt"
    keep.write_text("not export's", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out)]) == 0
    assert not any(path.exists() for path in stale) and keep.exists()
