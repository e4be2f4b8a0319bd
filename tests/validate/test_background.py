"""The studio's child process validates a big design whole on two cores: a second process
checks the registry and a third of the exported documents (MS109). The findings must be
those of one run."""

from __future__ import annotations

from pathlib import Path

from studio.io.design_file import load_design
from studio.validate.background import _validate_whole
from studio.validate.runner import load_registry_for, validate_loaded
from tests.validate.test_registry_and_export_rules import DESIGN, registry_text


def test_split_validation_finds_what_one_run_finds(tmp_path: Path) -> None:
    # a binding the official schema refuses: both applications' documents fail MS109, and
    # the two applications fall to different processes
    design = DESIGN.replace(
        "broker: kafka, messages: [reading]}",
        "broker: kafka, messages: [reading],\n     bindings: {kafka: {partitions: six}}}",
    ).replace("calls: [get-customer]", "calls: [nope]")
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
