"""Graphviz is installed wherever the suite runs (the Makefile installs it); say so clearly
instead of failing obscurely if it is not."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Graphviz's ``dot`` look uninstalled."""
    real = shutil.which
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *args, **kwargs: None if name == "dot" else real(name, *args, **kwargs),
    )


@pytest.fixture(autouse=True, scope="session")
def _graphviz_installed() -> None:
    assert shutil.which("dot"), "Graphviz 'dot' must be installed to run tests/layout (make setup)"
