"""A big design's export on two cores (``studio.export.on_cores``): the very documents and
notes of one run, and the same files written by ``mesh-studio export``."""

from __future__ import annotations

from pathlib import Path

import pytest

import studio.cli
from studio.export import on_cores
from studio.export.exporter import export_design, load_for_export
from studio.export.on_cores import export_on_cores
from tests.conftest import SAMPLES


def outcome(result: object) -> tuple[object, ...]:
    documents = [(d.kind, d.name, d.data, d.problems) for d in result.documents]  # type: ignore[attr-defined]
    return documents, result.notes  # type: ignore[attr-defined]


@pytest.mark.parametrize("sample", ["erp-mesh", "iot-mesh"])
@pytest.mark.parametrize("versions", [("3.0.0", "3.1.0"), ("2.6.0", "3.0.3")])
def test_two_cores_export_what_one_run_exports(sample: str, versions: tuple[str, str]) -> None:
    design, registry, missing = load_for_export(SAMPLES / f"{sample}.mesh.yaml")
    asyncapi, openapi = versions
    kwargs = {"asyncapi": asyncapi, "openapi": openapi, "missing_registry": missing}
    assert outcome(export_on_cores(design, registry, **kwargs)) == outcome(
        export_design(design, registry, **kwargs)
    )


def test_notes_of_both_halves_come_once_in_the_order_of_one_run() -> None:
    # without its registry every payload is unknown: notes arise in both halves, several
    # about the same messages
    design, _, _ = load_for_export(SAMPLES / "erp-mesh.mesh.yaml")
    missing = "the registry file registry.yaml does not exist"
    one = export_design(design, None, missing_registry=missing)
    two = export_on_cores(design, None, asyncapi="3.0.0", openapi="3.1.0", missing_registry=missing)
    assert len(one.notes) > 3 and two.notes == one.notes


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_the_cli_writes_the_same_files_on_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_json: list[str]
) -> None:
    # the texts of the files too are rendered in the helpers: the same bytes
    design = tmp_path / "g.mesh.yaml"
    assert studio.cli.main(["generate", "--apps", "40", "--seed", "3", "-o", str(design)]) == 0
    written = {}
    for cores_from in (1, 10**9):  # on two cores, then in one process
        monkeypatch.setattr(on_cores, "ON_CORES_FROM", cores_from)
        out = tmp_path / f"out-{cores_from}"
        assert studio.cli.main(["export", str(design), "-o", str(out), *as_json]) == 0
        written[cores_from] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.*")}
    assert len(written[1]) > 20 and written[1] == written[10**9]
    assert all(p.suffix == (".json" if as_json else ".yaml") for p in written[1])
