"""Fixtures for the portal tests: each sample published once per test module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.io.design_file import load_design
from studio.model import Design
from studio.portal import PortalResult, publish_portal
from tests.conftest import SAMPLE_DESIGNS
from tests.portal.html_check import PageScan, scan_site


@dataclass
class Published:
    design: Design
    root: Path
    result: PortalResult
    scans: dict[Path, PageScan]


@pytest.fixture(scope="module", params=SAMPLE_DESIGNS, ids=lambda p: p.name)
def published(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Published:
    path: Path = request.param
    design = load_design(path).design
    root = tmp_path_factory.mktemp("portal") / "site"
    result = publish_portal(design, root, design_path=path)
    return Published(design, root, result, scan_site(root))
