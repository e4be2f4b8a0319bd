"""Fixtures for the export tests: the samples and a generated mesh, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.export import ExportResult, export_design, load_for_export
from studio.model.design import Design
from studio.registry.model import Registry
from tests.conftest import SAMPLES, write_generated_mesh

VERSIONS = [("3.0.0", "3.1.0"), ("3.0.0", "3.0.3"), ("2.6.0", "3.1.0"), ("2.6.0", "3.0.3")]


@dataclass
class Mesh:
    """A design with its registry, as the export command loads them."""

    path: Path
    design: Design
    registry: Registry | None

    def export(self, asyncapi: str = "3.0.0", openapi: str = "3.1.0") -> ExportResult:
        return export_design(self.design, self.registry, asyncapi=asyncapi, openapi=openapi)


def load_mesh(path: Path) -> Mesh:
    design, registry, _ = load_for_export(path)
    return Mesh(path, design, registry)


@pytest.fixture(scope="session")
def erp() -> Mesh:
    return load_mesh(SAMPLES / "erp-mesh.mesh.yaml")


@pytest.fixture(scope="session")
def iot() -> Mesh:
    return load_mesh(SAMPLES / "iot-mesh.mesh.yaml")


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Mesh:
    """A generated mesh of 50 applications, written as files like ``mesh-studio generate``."""
    return load_mesh(write_generated_mesh(tmp_path_factory.mktemp("generated"), 50, 7))
