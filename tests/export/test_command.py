"""``mesh-studio export``: files named from ids, index and report, exit codes, bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from studio.cli import main
from studio.export.asyncapi import ASYNCAPI_VERSIONS
from studio.export.openapi import OPENAPI_VERSIONS
from studio.export.output import INDEX
from tests.conftest import ROOT, SAMPLES
from tests.export.mini import DESIGN, REGISTRY, edited


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_mini(folder: Path, design: str = DESIGN, registry: dict | None = REGISTRY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mini.mesh.yaml").write_text(design, encoding="utf-8")
    if registry is not None:
        (folder / "registry.yaml").write_text(json.dumps(registry), encoding="utf-8")
    return folder / "mini.mesh.yaml"


def test_export_writes_one_file_per_document_and_an_index(capsys, tmp_path: Path) -> None:
    out = tmp_path / "specs"
    code, stdout, stderr = run(
        capsys, "export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out)
    )
    assert code == 0 and stderr == ""
    index = yaml.safe_load((out / INDEX).read_text(encoding="utf-8"))
    files = [d["file"] for d in index["documents"]]
    assert "asyncapi/erp.yaml" in files and "openapi/customer-api.yaml" in files
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml")) == sorted([*files, INDEX])
    assert index["specVersions"] == {"asyncapi": "3.0.0", "openapi": "3.1.0"}
    assert "asyncapi" not in index and "openapi" not in index  # not mistaken for a spec
    assert index["version"] == "1.4.0"
    assert {n["element"] for n in index["report"]} == {"portal", "crm"}
    assert "info: application 'portal' only receives webhook deliveries" in stdout
    assert f"exported 7 AsyncAPI 3.0.0 and 3 OpenAPI 3.1.0 documents to {out}" in stdout
    erp = yaml.safe_load((out / "asyncapi/erp.yaml").read_text(encoding="utf-8"))
    assert erp["asyncapi"] == "3.0.0" and erp["info"]["title"] == "SAP S/4HANA"


def test_json_and_other_versions_replace_the_earlier_files(capsys, tmp_path: Path) -> None:
    out = tmp_path / "specs"
    design = str(SAMPLES / "iot-mesh.mesh.yaml")
    assert run(capsys, "export", design, "-o", str(out))[0] == 0
    stray = out / "asyncapi" / "notes.txt"
    stray.write_text("mine", encoding="utf-8")
    code, stdout, _ = run(
        capsys,
        "export",
        design,
        "-o",
        str(out),
        "--json",
        "--asyncapi",
        "2.6.0",
        "--openapi",
        "3.0.3",
    )
    assert code == 0
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))  # the index too
    assert index["specVersions"] == {"asyncapi": "2.6.0", "openapi": "3.0.3"}
    assert all(d["file"].endswith(".json") for d in index["documents"])
    assert not list(out.rglob("*.yaml"))  # the YAML of the first export is gone ...
    assert stray.read_text(encoding="utf-8") == "mine"  # ... and nothing else
    doc = json.loads((out / "openapi/alarm-api.json").read_text(encoding="utf-8"))
    assert doc["openapi"] == "3.0.3" and "webhooks" not in doc
    assert any(
        n.get("document") == "openapi/alarm-api.json" and n["level"] == "info"
        for n in index["report"]
    )
    # the meter reading imports device.proto: inlined, it is Protobuf, which 2.6 warns about
    assert "message 'meter-reading-event' has a Protobuf payload; AsyncAPI 2.6" in stdout


def test_an_unchanged_export_rewrites_nothing(capsys, tmp_path: Path) -> None:
    out = tmp_path / "specs"
    design = str(SAMPLES / "erp-mesh.mesh.yaml")
    run(capsys, "export", design, "-o", str(out))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    code, stdout, _ = run(capsys, "export", design, "-o", str(out))
    assert code == 0 and "(0 changed, 0 removed, 0 warnings)" in stdout
    assert {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()
    } == before


@pytest.mark.parametrize(
    "flag", [["--asyncapi", "2.5.0"], ["--openapi", "3.0.4"], ["--asyncapi"], ["--yaml"]]
)
def test_unknown_versions_and_flags_are_exit_2(capsys, tmp_path: Path, flag: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(tmp_path), *flag])
    assert info.value.code == 2
    assert not (tmp_path / INDEX).exists()


def test_unusable_input_is_one_line_and_exit_2(capsys, tmp_path: Path) -> None:
    broken = tmp_path / "broken.mesh.yaml"
    broken.write_text("meshStudio: 1\napplications: 5\n", encoding="utf-8")
    code, _, stderr = run(capsys, "export", str(broken), "-o", str(tmp_path / "out"))
    assert code == 2 and stderr.startswith(f"mesh-studio: {broken}:") and stderr.count("\n") == 1
    a_file = tmp_path / "file"
    a_file.write_text("", encoding="utf-8")
    code, _, stderr = run(capsys, "export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(a_file))
    assert code == 2 and "is not a folder" in stderr


def test_a_missing_registry_still_exports_and_says_so(capsys, tmp_path: Path) -> None:
    design = write_mini(tmp_path, registry=None)
    code, stdout, _ = run(capsys, "export", str(design), "-o", str(tmp_path / "out"))
    assert code == 0
    assert (
        "warning: payload of message 'order': subject 'shop.order-value' cannot be looked "
        "up: the registry file registry.yaml does not exist"
    ) in stdout
    shop = yaml.safe_load((tmp_path / "out/asyncapi/shop.yaml").read_text(encoding="utf-8"))
    assert "payload" not in shop["components"]["messages"]["order"]


def test_an_invalid_document_is_not_written_and_the_exit_is_1(capsys, tmp_path: Path) -> None:
    design = write_mini(
        tmp_path,
        edited(
            DESIGN, "bindings: {kafka: {partitions: 3}}", "bindings: {kafka: {partitions: many}}"
        ),
    )
    out = tmp_path / "out"
    code, _, stderr = run(capsys, "export", str(design), "-o", str(out))
    assert code == 1
    assert "error: asyncapi/shop.yaml: /channels/orders/bindings/kafka/partitions:" in stderr
    assert "mesh-studio: 3 documents failed validation and were not written" in stderr
    assert not (out / "asyncapi/shop.yaml").exists()
    assert (out / "openapi/orders-api.yaml").exists()  # what is valid is still written
    index = yaml.safe_load((out / INDEX).read_text(encoding="utf-8"))
    assert {f["file"] for f in index["failed"]} == {
        "asyncapi/shop.yaml",
        "asyncapi/billing.yaml",
        "asyncapi/orders-api.yaml",
    }


def test_nothing_is_written_outside_the_folder(capsys, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "asyncapi")
    code, _, stderr = run(capsys, "export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out))
    assert code == 2 and "leads outside" in stderr
    assert not list(outside.iterdir())
    # an index listing paths that climb out is not followed when cleaning up
    shutil.rmtree(out)
    out.mkdir()
    victim = tmp_path / "victim.yaml"
    victim.write_text("keep", encoding="utf-8")
    (out / INDEX).write_text(
        "documents:\n  - file: ../victim.yaml\n  - file: /etc/passwd\n", encoding="utf-8"
    )
    assert run(capsys, "export", str(SAMPLES / "erp-mesh.mesh.yaml"), "-o", str(out))[0] == 0
    assert victim.read_text(encoding="utf-8") == "keep"


def test_the_version_table_of_the_docs_has_a_row_per_version_choice() -> None:
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip().split(" (")[0]
        for line in text.splitlines()
        if line.startswith("| AsyncAPI ") or line.startswith("| OpenAPI ")
    }
    assert rows == {f"AsyncAPI {v}" for v in ASYNCAPI_VERSIONS} | {
        f"OpenAPI {v}" for v in OPENAPI_VERSIONS
    }
