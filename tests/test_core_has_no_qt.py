"""Importing the core must never import Qt (STYLE.md habit 1)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CORE = [
    "studio",
    "studio.model",
    "studio.io.design_file",
    "studio.registry",
    "studio.cli",
    "studio.generate",
]


def test_core_imports_no_pyside() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        + "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_outside_gui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "studio").rglob("*.py")
        if "gui" not in path.relative_to(ROOT / "studio").parts
        and (
            "PySide6" in path.read_text(encoding="utf-8")
            or "shiboken" in path.read_text(encoding="utf-8")
        )
    ]
    assert offenders == []
