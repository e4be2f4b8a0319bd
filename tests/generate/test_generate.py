"""``generate_mesh``: model objects that the codecs write and read back unchanged, the same bytes
for the same arguments in every run, clean under validation, and counts that follow the
application count."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.generate import generate_mesh
from studio.io.design_file import dump_design, parse_design, save_design
from studio.model import SchemaRef
from studio.registry.file import dump_registry, parse_registry, save_registry
from studio.validate import validate_file
from tests.conftest import ROOT

_PRINT = (
    "import sys\n"
    "from studio.generate import generate_mesh\n"
    "from studio.io.design_file import dump_design\n"
    "from studio.registry.file import dump_registry\n"
    "mesh = generate_mesh(90, 5, 'gen.registry.yaml')\n"
    "sys.stdout.write(dump_design(mesh.design) + dump_registry(mesh.registry))\n"
)


def _files_of_a_run(hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-c", _PRINT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_same_arguments_give_the_same_bytes_in_every_run() -> None:
    # separate processes with different string hashing: no set or hash order reaches the files
    first, second = _files_of_a_run("1"), _files_of_a_run("2")
    mesh = generate_mesh(90, 5, "gen.registry.yaml")
    assert first == second == dump_design(mesh.design) + dump_registry(mesh.registry)
    other = generate_mesh(90, 6, "gen.registry.yaml")
    assert dump_design(other.design) != dump_design(mesh.design)


@pytest.mark.parametrize(("apps", "seed"), [(1, 1), (4, 3), (60, 5), (250, 2)])
def test_the_codecs_read_back_exactly_what_was_generated(apps: int, seed: int) -> None:
    design, registry = generate_mesh(apps, seed)
    assert parse_design(dump_design(design)).design == design
    assert parse_registry(dump_registry(registry))[0] == registry


@pytest.mark.parametrize(("apps", "seed"), [(1, 1), (3, 2), (7, 4), (120, 9)])
def test_a_generated_mesh_validates_without_findings(tmp_path: Path, apps: int, seed: int) -> None:
    design, registry = generate_mesh(apps, seed, "gen.registry.yaml")
    save_design(design, tmp_path / "gen.mesh.yaml")
    save_registry(registry, tmp_path / "gen.registry.yaml")
    findings = validate_file(tmp_path / "gen.mesh.yaml").findings
    assert [f"{f.rule} {f.element}: {f.message}" for f in findings] == []


@pytest.mark.parametrize("apps", [1, 5, 50, 1000])
def test_counts_follow_the_application_count(apps: int) -> None:
    design, registry = generate_mesh(apps, 1)
    assert len(design.applications) == len(design.messages) == apps
    assert apps <= len(design.topics) <= 3 * apps  # one to three topics per message
    assert all(len(topic.messages) == 1 for topic in design.topics)
    apis = sum(app.kind == "api" for app in design.applications)
    assert len(design.endpoints) == max(apis, round(apps / 2))
    keys = sum(message.key is not None for message in design.messages)
    commons = {
        r.subject for s in registry.subjects.values() for v in s.versions for r in v.references
    }
    assert len(registry.subjects) == len(commons) + apps + keys
    payloads = [m.payload for m in design.messages]
    assert all(
        isinstance(p, SchemaRef) and len(registry.subjects[p.subject].versions) == 5
        for p in payloads
    )
    if apps >= 5:  # one of each kind at least
        assert {app.kind for app in design.applications} == {
            "backend",
            "service",
            "api",
            "client",
            "datastore",
        }
