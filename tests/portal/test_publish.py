"""publish_portal as the studio calls it: progress, republishing, stale pages, no registry."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from studio.errors import LoadError
from studio.io.design_file import load_design
from studio.portal import publish_portal
from studio.portal.writer import MANIFEST
from studio.registry.file import load_registry
from tests.conftest import SAMPLES

ERP = SAMPLES / "erp-mesh.mesh.yaml"


@pytest.fixture(scope="module")
def erp():
    return load_design(ERP).design


def test_progress_counts_up_to_its_total(tmp_path: Path, erp) -> None:
    calls: list[tuple[int, int, str]] = []
    result = publish_portal(
        erp,
        tmp_path / "p",
        design_path=ERP,
        progress=lambda done, total, what: calls.append((done, total, what)),
    )
    totals = {total for _, total, _ in calls}
    assert len(totals) == 1
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == totals.pop()
    assert result.index == tmp_path / "p" / "index.html" and result.index.is_file()
    assert result.pages_written == len(result.pages) > 30


def test_republishing_an_unchanged_design_writes_nothing(tmp_path: Path, erp) -> None:
    publish_portal(erp, tmp_path, design_path=ERP)
    again = publish_portal(erp, tmp_path, design_path=ERP)
    assert again.written == () and again.removed == ()


def test_pages_of_removed_elements_are_deleted_and_other_files_kept(tmp_path: Path, erp) -> None:
    publish_portal(erp, tmp_path, design_path=ERP)
    (tmp_path / "README.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "topics" / "notes.html").write_text("mine too", encoding="utf-8")
    smaller = dataclasses.replace(
        erp, topics=[t for t in erp.topics if t.id != "shipment-dispatched"]
    )
    result = publish_portal(smaller, tmp_path, design_path=ERP)
    assert "topics/shipment-dispatched.html" in result.removed
    assert not (tmp_path / "topics" / "shipment-dispatched.html").exists()
    assert (tmp_path / "README.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "topics" / "notes.html").is_file()
    listed = (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert "topics/shipment-dispatched.html" not in listed and "index.html" in listed


def test_a_manifest_naming_files_outside_is_ignored(tmp_path: Path, erp) -> None:
    victim = tmp_path / "victim.html"
    victim.write_text("keep", encoding="utf-8")
    root = tmp_path / "portal"
    root.mkdir()
    (root / MANIFEST).write_text(
        "../victim.html\n/etc/passwd\ntopics/../../victim.html\n", encoding="utf-8"
    )
    publish_portal(erp, root, design_path=ERP)
    assert victim.read_text(encoding="utf-8") == "keep"


def test_an_explicit_registry_is_used_without_a_design_path(tmp_path: Path, erp) -> None:
    registry = load_registry(SAMPLES / "registry.yaml")[0]
    result = publish_portal(erp, tmp_path, registry=registry)
    assert result.notes == ()
    page = (tmp_path / "subjects" / "erp.customer.changed.v1-value.html").read_text("utf-8")
    assert "FULL_TRANSITIVE" in page and "soft-deleted" in page


def test_without_the_registry_file_subject_pages_say_so(tmp_path: Path) -> None:
    shutil.copy(ERP, tmp_path / ERP.name)
    design = load_design(tmp_path / ERP.name).design
    result = publish_portal(design, tmp_path / "portal", design_path=tmp_path / ERP.name)
    assert any("registry.yaml does not exist" in note for note in result.notes)
    page = tmp_path / "portal" / "subjects" / "erp.customer.changed.v1-value.html"
    assert "Registry not found" in page.read_text(encoding="utf-8")
    assert "Registry not found" in (tmp_path / "portal" / "index.html").read_text("utf-8")


def test_an_output_that_is_a_file_is_refused(tmp_path: Path, erp) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(LoadError, match="not a folder"):
        publish_portal(erp, target)
