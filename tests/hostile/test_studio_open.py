"""File > Open on every hostile file: the studio shows the one-sentence error and keeps the
design it had, or opens the design (a broken registry is reported, not fatal)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from studio.gui.main_window import MainWindow
from studio.io.design_file import load_design
from tests.conftest import SAMPLES
from tests.hostile.corpus import CASES, DESIGN, REGISTRY, Case
from tests.hostile.entry_points import TIME_LIMIT_S, files_of


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("studio")
    win = MainWindow(
        settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    yield win
    win.problems.wait()
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


OPENED = list(CASES)


@pytest.mark.parametrize("case", OPENED, ids=[case.name for case in OPENED])
def test_opening_a_hostile_file_in_the_studio(
    case: Case, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    current = tmp_path / "current.mesh.yaml"
    shutil.copy(SAMPLES / "erp-mesh.mesh.yaml", current)
    assert window.open_file(current)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, text: shown.append(text))
    design, _, _ = files_of(case, tmp_path)
    start = time.perf_counter()
    opened = window.open_file(design)
    assert time.perf_counter() - start < TIME_LIMIT_S
    window.problems.wait()
    if case.refused == DESIGN:
        assert not opened
        assert len(shown) == 1 and shown[0].startswith(f"{design}:{case.line}:")
        assert case.fragment in shown[0] and "\n" not in shown[0]
        assert window.doc.path == current  # the design that was open stays, untouched
        assert window.doc.design == load_design(current).design
        assert not window.isWindowModified()
        return
    assert opened and shown == [] and window.doc.path == design
    assert not window.isWindowModified()
    drawn = {a.id for a in window.doc.design.applications} | {
        t.id for t in window.doc.design.topics
    }
    assert drawn <= set(window.scene.nodes)  # hostile names are drawn like any other
    if case.refused == REGISTRY:
        assert window.registry is None and window.registry_problem is not None
        assert case.fragment in window.registry_problem
        assert window.status_labels.registry_label.text() == "Registry: unavailable"
