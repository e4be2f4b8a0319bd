"""Whole validation on two cores (``studio.validate.parallel``): the registry's checks, the
AsyncAPI and the OpenAPI documents are found in three processes, and the findings must be
exactly those of one run, disabled rules included; the export's ``kinds`` split gives the
very documents of one export."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import studio.cli
from studio.export import export_design, on_cores
from studio.io.design_file import load_design
from studio.validate import parallel
from studio.validate.parallel import validate_whole
from studio.validate.runner import load_registry_for, validate_loaded
from tests.validate.test_registry_and_export_rules import DESIGN, registry_text

# Every kind of work fails somewhere: an AsyncAPI document (a binding the official schema
# refuses), an OpenAPI document (a response whose schema is not a Schema Object), the
# registry (a key schema that does not parse) and a design rule (a call to nothing).
BROKEN = DESIGN.replace(
    "broker: kafka, messages: [reading]}",
    "broker: kafka, messages: [reading],\n     bindings: {kafka: {partitions: six}}}",
).replace(
    "  - id: dashboard\n",
    "  - id: shop-api\n    kind: api\n  - id: dashboard\n    calls: [get-product, nope]\n",
) + (
    "  - {id: product-page, payload: {schema: {type: 12}}}\n"
    "endpoints:\n"
    "  - {id: get-product, provider: shop-api, method: GET, path: /products,\n"
    "     responses: {'200': product-page}}\n"
)


def _both(tmp_path: Path, design: str) -> tuple[list, list]:
    path = tmp_path / "d.mesh.yaml"
    path.write_text(design)
    (tmp_path / "registry.yaml").write_text(registry_text(key_schema='"strnig"'))
    loaded = load_design(path)
    registry = load_registry_for(loaded, path)
    return validate_whole(loaded, path, registry), validate_loaded(loaded, path, registry).findings


def test_two_cores_find_exactly_what_one_run_finds(tmp_path: Path) -> None:
    split, whole = _both(tmp_path, BROKEN)
    assert split == whole  # the same findings in the same order
    exported = {(f.element, f.message.split()[0]) for f in split if f.rule == "MS109"}
    assert {("sensor", "asyncapi"), ("shop-api", "openapi")} <= exported
    assert {"MS101", "MS103", "MS109"} <= {f.rule for f in split}


@pytest.mark.parametrize("cores_from", [1, 10_000])
def test_the_cli_validates_a_big_design_on_two_cores_and_finds_the_same(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cores_from: int,
) -> None:
    # a fresh `mesh-studio validate` parses every Protobuf schema anew: 4 s at 5,000 elements
    # on one core, against a 3 s budget
    _, whole = _both(tmp_path, BROKEN)
    split: list[object] = []
    monkeypatch.setattr(on_cores, "ON_CORES_FROM", cores_from)
    monkeypatch.setattr(
        parallel, "validate_whole", lambda *args: split.append(None) or validate_whole(*args)
    )
    assert studio.cli.main(["validate", str(tmp_path / "d.mesh.yaml"), "--format", "json"]) == 1
    reported = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in reported] == [
        (f.rule, f.line, f.message) for f in whole
    ]
    assert len(split) == (1 if cores_from == 1 else 0)  # two cores only for a big design


@pytest.mark.parametrize("disabled", ["MS109", "MS103", "MS101"])
def test_a_disabled_rule_stays_off(tmp_path: Path, disabled: str) -> None:
    split, whole = _both(tmp_path, BROKEN + f"rules: {{disable: [{disabled}]}}\n")
    assert split == whole
    assert disabled not in {f.rule for f in split}


def test_a_failing_helper_leaves_its_share_to_the_process_that_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_in_the_helper(*_args: object) -> None:
        raise EOFError  # what the parent reads when a helper died before writing

    monkeypatch.setattr(on_cores.pickle, "load", fail_in_the_helper)
    split, whole = _both(tmp_path, BROKEN)
    assert split == whole


def test_each_kind_alone_exports_the_documents_of_a_whole_export() -> None:
    path = Path("samples/erp-mesh.mesh.yaml")
    loaded = load_design(path)
    registry = load_registry_for(loaded, path).registry
    whole = export_design(loaded.design, registry)
    parts = [
        export_design(loaded.design, registry, kinds=(kind,)) for kind in ("asyncapi", "openapi")
    ]
    assert [d.kind for d in parts[0].documents] == ["asyncapi"] * len(parts[0].documents)
    assert [d.kind for d in parts[1].documents] == ["openapi"] * len(parts[1].documents)
    split = [(d.name, d.data, d.problems) for part in parts for d in part.documents]
    assert split == [(d.name, d.data, d.problems) for d in whole.documents]


@pytest.mark.parametrize(("kind", "version"), [("openapi", "3.1.0"), ("asyncapi", "3.0.0")])
def test_validators_can_be_loaded_before_the_first_document(kind: str, version: str) -> None:
    # the studio's validation process loads them while idle after a whole validation
    from studio.export.validation import prepare, validate_document

    prepare(kind, version)  # type: ignore[arg-type]
    assert validate_document(kind, version, {}) != []  # type: ignore[arg-type]


@pytest.mark.parametrize("sample", ["erp-mesh", "iot-mesh"])
def test_the_samples_find_the_same_on_two_cores(sample: str) -> None:
    # their registries hold Protobuf schemas with imports: half of them are parsed in a
    # helper process and their syntax trees sent back
    path = Path(f"samples/{sample}.mesh.yaml")
    loaded = load_design(path)
    registry = load_registry_for(loaded, path)
    assert (
        validate_whole(loaded, path, registry) == validate_loaded(loaded, path, registry).findings
    )


def test_trees_parsed_elsewhere_are_used_and_bad_texts_left_to_raise() -> None:
    from studio.export.protobuf_json import (
        ProtobufConversionError,
        parse_proto,
        parse_protos,
        take_parsed,
    )

    good = 'syntax = "proto3";\nmessage ParsedElsewhere { string id = 1; }\n'
    trees = parse_protos([good, "message {"])
    assert list(trees) == [good]
    moved = pickle.loads(pickle.dumps(trees))  # as they come from the helper
    take_parsed(moved)
    assert parse_proto(good) is moved[good]
    with pytest.raises(ProtobufConversionError):
        parse_proto("message {")
