"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_DESIGNS = sorted(SAMPLES.glob("*.mesh.yaml"))


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _private_recovery_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own (lazily created) recovery folder: studio windows in tests
    autosave, and must never write to, or offer back, the user's real recovery files."""
    from studio.io.recovery import RECOVERY_DIR_ENV

    folder = tmp_path_factory.getbasetemp() / f"recovery-{next(_RECOVERY_COUNTER)}"
    monkeypatch.setenv(RECOVERY_DIR_ENV, str(folder))
    return folder


_RECOVERY_COUNTER = itertools.count()


def write_generated_mesh(folder: Path, apps: int, seed: int) -> Path:
    """A generated mesh written as ``mesh-studio generate`` writes it (gen.mesh.yaml and
    gen.registry.yaml in ``folder``); the design's path."""
    from studio.generate import generate_mesh
    from studio.io.design_file import save_design
    from studio.registry.file import save_registry

    design, registry = generate_mesh(apps, seed, "gen.registry.yaml")
    save_design(design, folder / "gen.mesh.yaml")
    save_registry(registry, folder / "gen.registry.yaml")
    return folder / "gen.mesh.yaml"
