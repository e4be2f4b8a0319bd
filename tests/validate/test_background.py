"""The studio's child process validates a big design whole on two cores: a second process
checks the registry and a third of the exported documents (MS109). The findings must be
those of one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.io.design_file import LoadedDesign, load_design
from studio.io.yaml_source import SourceMap
from studio.model.findings import Finding
from studio.validate.background import BackgroundValidation, _validate_whole
from studio.validate.context import RegistryInput
from studio.validate.runner import load_registry_for, read_registry, validate_loaded
from tests.validate.test_registry_and_export_rules import DESIGN, registry_text


def test_split_validation_finds_what_one_run_finds(tmp_path: Path) -> None:
    # a binding the official schema refuses: both applications' documents fail MS109, and
    # the two applications fall to different processes
    design = DESIGN.replace(
        "broker: kafka, messages: [reading]}",
        "broker: kafka, messages: [reading],\n     bindings: {kafka: {partitions: six}}}",
    )
    path = tmp_path / "d.mesh.yaml"
    path.write_text(design)
    (tmp_path / "registry.yaml").write_text(registry_text())
    loaded = load_design(path)
    registry = load_registry_for(loaded, path)
    whole = validate_loaded(loaded, path, registry).findings
    split = _validate_whole(loaded, path, registry)
    assert sorted(split, key=repr) == sorted(whole, key=repr)
    exported = {f.element for f in split if f.rule == "MS109"}
    apps = [a.id for a in loaded.design.applications]
    shares = (set(apps[: len(apps) * 2 // 3]), set(apps[len(apps) * 2 // 3 :]))
    assert exported & shares[0] and exported & shares[1]  # each process found some


def _child_findings(loaded, path: Path, registry: RegistryInput) -> list[Finding]:  # type: ignore[no-untyped-def]
    child = BackgroundValidation(loaded.design, path, registry)
    try:
        asked = child.check()
        assert child.wait(60)
        answered, findings = child.receive()
    finally:
        child.stop()
    assert answered == asked
    return findings


@pytest.mark.parametrize("registry_file", ["readable", "broken"])
def test_the_child_reads_the_registry_the_window_is_still_reading(
    tmp_path: Path, registry_file: str
) -> None:
    path = tmp_path / "d.mesh.yaml"
    design = DESIGN.replace("{topic: products}]", "{topic: products}, {topic: nope}]")
    path.write_text(design.replace("products-value, version: 1", "products-value, version: 7"))
    registry_path = tmp_path / "registry.yaml"
    text = registry_text() if registry_file == "readable" else "formatVersion: 1\nsubjects: ["
    registry_path.write_text(text)
    loaded = load_design(path)
    unread = RegistryInput(path=registry_path)  # what the window gives while reading it
    assert unread.unread
    found = _child_findings(loaded, path, unread)
    # what the window validates with once it has read the file (without positions)
    read = read_registry(registry_path, positions=False)
    assert not read.unread and (read.registry is None) == (registry_file == "broken")
    unplaced = LoadedDesign(loaded.design, SourceMap(str(path), {}))  # the window's: no lines
    whole = validate_loaded(unplaced, path, read).findings
    assert sorted(found, key=repr) == sorted(whole, key=repr)
    rules = {f.rule for f in found}
    assert "MS101" in rules  # the topic that does not exist
    # the registry's findings: the version it lacks, or that it cannot be used
    lacking = any("has no version 7" in f.message for f in found)
    unusable = any("registry file cannot be used" in f.message for f in found)
    assert (lacking, unusable) == ((True, False) if registry_file == "readable" else (False, True))
