"""``mesh-studio import``: files written, merging into a design, refusals with exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from studio.cli import main
from studio.io.design_file import load_design
from studio.registry.file import load_registry
from tests.conftest import SAMPLES
from tests.importer.documents import BILLING_30, CHECKOUT_SCHEMA, SHOP_26


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def specs(tmp_path: Path) -> list[str]:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "checkout.json").write_text(json.dumps(CHECKOUT_SCHEMA))
    (tmp_path / "shop.yaml").write_text(SHOP_26)
    (tmp_path / "billing.yaml").write_text(BILLING_30)
    return [str(tmp_path / "shop.yaml"), str(tmp_path / "billing.yaml")]


def test_a_new_design_and_its_registry_are_written(capsys, specs, tmp_path) -> None:
    output = tmp_path / "out" / "mesh.mesh.yaml"
    output.parent.mkdir()
    code, out, err = run(capsys, "import", *specs, "-o", str(output))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        f"imported 2 documents into {output}: added 2 brokers, 2 applications, 3 topics, "
        "4 messages, 0 endpoints; updated 0 elements; 1 notes"
    )
    design = load_design(output).design
    assert design.registry == "mesh.registry.yaml"
    registry, _ = load_registry(output.parent / "mesh.registry.yaml")
    assert "shop.order.placed.v1-value" in registry.subjects
    code, out, _ = run(capsys, "validate", str(output))
    assert code == 0, out


def test_an_existing_design_is_not_overwritten_without_into(capsys, specs, tmp_path) -> None:
    output = tmp_path / "mesh.mesh.yaml"
    output.write_text("precious")
    code, out, err = run(capsys, "import", *specs, "-o", str(output))
    assert code == 2 and out == ""
    assert err == (
        f"mesh-studio: {output} exists; import into it with --into {output}, or "
        "name a new design file\n"
    )
    assert output.read_text() == "precious"


def test_into_merges_and_keeps_the_design_and_its_registry(capsys, specs, tmp_path) -> None:
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    design_path = tmp_path / "erp-mesh.mesh.yaml"
    before = load_design(design_path).design
    code, _, err = run(capsys, "import", *specs, "--into", str(design_path), "-o", str(design_path))
    assert (code, err) == (0, "")
    after = load_design(design_path).design
    assert after.notes == before.notes
    # what was placed stays; the new applications and topics are placed below the drawing
    assert {i: after.layout[i] for i in before.layout} == before.layout
    new = {e.id for e in (*after.applications, *after.topics)} - set(before.layout)
    assert new and new <= set(after.layout)
    lowest = max(p.y for p in before.layout.values())
    assert all(
        after.layout[i].y > lowest
        for i in new
        if i not in {t.id for t in after.topics if t.broker == "kafka"}
    )
    assert {a.id for a in before.applications} < {a.id for a in after.applications}
    # the shop's Kafka server has the sample's host: it is the sample's broker
    assert {b.id for b in after.brokers} == {b.id for b in before.brokers} | {"plant"}
    placed = next(t for t in after.topics if t.address == "shop.order.placed.v1")
    assert placed.broker == "kafka"
    registry, _ = load_registry(tmp_path / "registry.yaml")
    assert "shop.order.placed.v1-value" in registry.subjects
    assert "erp.customer.changed.v1-value" in registry.subjects


def test_an_invalid_document_is_exit_2_with_file_and_line_and_writes_nothing(
    capsys, specs, tmp_path
) -> None:
    Path(specs[1]).write_text(BILLING_30.replace("action: receive", "action: consume"))
    output = tmp_path / "mesh.mesh.yaml"
    code, out, err = run(capsys, "import", *specs, "-o", str(output))
    line = BILLING_30.splitlines().index("    action: receive") + 1
    assert code == 2 and out == ""
    assert err.startswith(f"mesh-studio: {specs[1]}:{line}:")
    assert "is not valid asyncapi 3.0.0: /operations/take-orders/action" in err
    assert not output.exists() and not (tmp_path / "mesh.registry.yaml").exists()


def test_a_remote_ref_is_exit_2(capsys, specs, tmp_path) -> None:
    Path(specs[0]).write_text(
        SHOP_26.replace("'schemas/checkout.json'", "'http://example.com/checkout.json'")
    )
    code, _, err = run(capsys, "import", *specs, "-o", str(tmp_path / "m.mesh.yaml"))
    assert code == 2
    assert "the $ref 'http://example.com/checkout.json' points outside the local files" in err


def test_documents_are_still_read_when_worker_processes_cannot_start(
    capsys, specs, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from concurrent.futures.process import BrokenProcessPool

    import studio.importer

    def no_workers(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise BrokenProcessPool("a frozen interpreter")

    monkeypatch.setattr(studio.importer, "_PARALLEL_FROM", 2)
    monkeypatch.setattr(studio.importer, "ProcessPoolExecutor", no_workers)
    code, out, err = run(capsys, "import", *specs, "-o", str(tmp_path / "m.mesh.yaml"))
    assert code == 0 and "added 2 brokers, 2 applications" in out
    assert err == (
        "mesh-studio: worker processes could not start (a frozen interpreter); "
        "the documents were read one at a time\n"
    )


def test_into_keeps_what_a_document_leaves_out(capsys, specs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # shop.yaml's 2.6 server (the sample's Kafka host) has no title and no schema registry URL
    for name in ("erp-mesh.mesh.yaml", "registry.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    design_path = tmp_path / "erp-mesh.mesh.yaml"
    before = {b.id: b for b in load_design(design_path).design.brokers}["kafka"]
    code, out, _ = run(capsys, "import", *specs, "--into", str(design_path), "-o", str(design_path))
    after = {b.id: b for b in load_design(design_path).design.brokers}["kafka"]
    assert code == 0 and "updated" in out
    assert (after.name, after.schema_registry_url) == (before.name, before.schema_registry_url)
    assert after.description == "Kafka (prod)"  # what the document does say
