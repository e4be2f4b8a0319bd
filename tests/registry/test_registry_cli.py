"""``mesh-studio registry check|compat|import``: exit codes, output lines, located errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import studio.cli
from studio.registry import load_registry
from tests.conftest import SAMPLES
from tests.registry.test_check import BROKEN

FINDING_LINE = re.compile(r"^\S+:\d+: MS10[34] \S+ v\d+: [^\n]+\.$")
ERROR_LINE = re.compile(r"^mesh-studio: .+:\d+:\d+: [^\n]+\n$")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = studio.cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        studio.cli.main(["registry", "--help"])
    assert info.value.code == 0
    help_text = capsys.readouterr().out
    for action in ("check", "compat", "import"):
        assert action in help_text


# -- check ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["registry.yaml", "iot-registry.yaml"])
def test_check_samples_is_clean(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "registry", "check", str(SAMPLES / name))
    assert (code, err) == (0, "")
    assert out.strip().endswith("no problems in " + out.strip().split("no problems in ")[1])
    assert len(out.splitlines()) == 1


def test_check_reports_one_line_per_finding(capsys: pytest.CaptureFixture[str], write) -> None:
    path = write("broken.yaml", BROKEN)
    code, out, err = run(capsys, "registry", "check", str(path))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert all(FINDING_LINE.match(line) for line in lines[:-1]), lines
    assert lines[0].startswith(f"{path}:12: MS104 orders-value v3: breaks BACKWARD_TRANSITIVE")
    assert lines[-1] == f"{path}: 11 errors in 8 subjects, 13 versions"


def test_check_as_json(capsys: pytest.CaptureFixture[str], write) -> None:
    code, out, _ = run(
        capsys, "registry", "check", "--format", "json", str(write("broken.yaml", BROKEN))
    )
    report = json.loads(out)
    assert code == 1
    assert report["summary"] == {"error": 11, "warning": 0, "info": 0}
    assert {f["rule"] for f in report["findings"]} == {"MS103", "MS104"}
    assert all(f["file"].endswith("broken.yaml") and f["line"] > 1 for f in report["findings"])


def test_check_refuses_what_protoc_refuses(capsys: pytest.CaptureFixture[str], write) -> None:
    path = write(
        "proto.yaml",
        """\
formatVersion: 1
subjects:
  orders-value:
    versions:
      - version: 1
        schemaType: PROTOBUF
        schema: |
          syntax = "proto3";
          package shop;
          message Order { reserved 3; reserved "note"; string id = 1; string note = 2; }
  status-value:
    versions:
      - version: 1
        schemaType: PROTOBUF
        schema: |
          syntax = "proto3";
          enum Status { ACTIVE = 1; UNKNOWN = 0; }
""",
    )
    code, out, _ = run(capsys, "registry", "check", str(path))
    assert code == 1
    assert f"{path}:7: MS103 orders-value v1: field 'note' uses a name Order reserves" in out
    assert (
        f"{path}:15: MS103 status-value v1: the first value of enum Status, 'ACTIVE', is 1; "
        "in proto3 the first value must be 0"
    ) in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("formatVersion: 1\nsubjects: [\n", "YAML syntax error"),
        (
            "formatVersion: 1\nsubjects:\n  s:\n    versions:\n      - {version: 1, schema: x, "
            "schemaType: XML}\n",
            "'XML' is not one of",
        ),
    ],
)
def test_check_on_unusable_files_exits_2(
    capsys: pytest.CaptureFixture[str], write, content: str, words: str
) -> None:
    code, out, err = run(capsys, "registry", "check", str(write("r.yaml", content)))
    assert (code, out) == (2, "")
    assert ERROR_LINE.match(err) and words in err


def test_check_on_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "registry", "check", str(tmp_path / "none.yaml"))
    assert code == 2 and ERROR_LINE.match(err) and "no such file" in err


# -- compat ---------------------------------------------------------------------------------

SAMPLE = str(SAMPLES / "registry.yaml")
CUSTOMER = "erp.customer.changed.v1-value"


def _avro(*fields: dict[str, object]) -> str:
    return json.dumps(
        {
            "type": "record",
            "name": "CustomerChanged",
            "namespace": "com.acme.erp.customer",
            "fields": list(fields),
        }
    )


def _latest_customer_fields() -> list[dict[str, object]]:
    registry, _ = load_registry(SAMPLE)
    return json.loads(registry.lookup(CUSTOMER, "latest").schema)["fields"]


def test_compat_of_a_compatible_candidate(capsys: pytest.CaptureFixture[str], write) -> None:
    fields = [*_latest_customer_fields(), {"name": "segment", "type": "string", "default": "A"}]
    code, out, err = run(
        capsys,
        "registry",
        "compat",
        SAMPLE,
        CUSTOMER,
        "--schema",
        str(write("c.avsc", _avro(*fields))),
    )
    assert (code, err) == (0, "")
    assert out == (
        f"{CUSTOMER}: the candidate is compatible under FULL_TRANSITIVE "
        "(checked against v1, v2, v4)\n"
    )


def test_compat_of_a_breaking_candidate(capsys: pytest.CaptureFixture[str], write) -> None:
    fields = [*_latest_customer_fields(), {"name": "segment", "type": "string"}]
    code, out, _ = run(
        capsys,
        "registry",
        "compat",
        SAMPLE,
        CUSTOMER,
        "--schema",
        str(write("c.avsc", _avro(*fields))),
    )
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        f"{CUSTOMER} v4 -> the candidate [backward] CustomerChanged.segment: "
        "READER_FIELD_MISSING_DEFAULT_VALUE: The candidate needs field 'segment' of "
        "CustomerChanged, which has no default and which v4 does not write, so no record "
        "decodes."
    )
    assert len(lines) == 4  # against v4, v2 and v1, then the verdict
    assert lines[-1].endswith(
        "is not compatible under FULL_TRANSITIVE (checked against v1, v2, v4)"
    )
    # the same candidate under a level that looks only forward is fine
    code, _, _ = run(
        capsys,
        "registry",
        "compat",
        SAMPLE,
        CUSTOMER,
        "--level",
        "FORWARD",
        "--schema",
        str(write("c.avsc", _avro(*fields))),
    )
    assert code == 0


def test_compat_as_json(capsys: pytest.CaptureFixture[str], write) -> None:
    code, out, _ = run(
        capsys,
        "registry",
        "compat",
        SAMPLE,
        CUSTOMER,
        "--format",
        "json",
        "--schema",
        str(write("c.avsc", '"string"')),
    )
    report = json.loads(out)
    assert code == 1 and report["compatible"] is False and report["level"] == "FULL_TRANSITIVE"
    assert {i["rule"] for i in report["incompatibilities"]} == {"TYPE_MISMATCH"}


def test_compat_infers_the_type(capsys: pytest.CaptureFixture[str], write) -> None:
    schema = write("new.json", '{"type": "object"}')
    code, out, _ = run(
        capsys, "registry", "compat", SAMPLE, "brand-new-subject", "--schema", str(schema)
    )
    assert code == 0 and "checked against nothing (a new subject)" in out
    # the subject's own type wins over the extension: as Avro this does not parse
    code, _, err = run(capsys, "registry", "compat", SAMPLE, CUSTOMER, "--schema", str(schema))
    assert code == 2 and f"{schema}:1:1: is not a valid Avro schema" in err
    code, out, err = run(
        capsys, "registry", "compat", SAMPLE, CUSTOMER, "--type", "JSON", "--schema", str(schema)
    )
    assert code == 1 and "SCHEMA_TYPE_CHANGED" in out


def test_compat_with_references(capsys: pytest.CaptureFixture[str], write) -> None:
    registry, _ = load_registry(SAMPLE)
    latest = registry.lookup("shop.order.placed.v1-value", "latest").schema
    candidate = write(
        "o.proto",
        latest.replace("string coupon_code = 7;", "string coupon_code = 7;\n  string note = 8;"),
    )
    args = ["registry", "compat", SAMPLE, "shop.order.placed.v1-value", "--schema", str(candidate)]
    code, _, err = run(capsys, *args)
    assert code == 2 and "imports 'acme/common/money.proto' but lists no reference" in err
    code, out, err = run(
        capsys, *args, "--reference", "acme/common/money.proto=acme/common/money.proto:2"
    )
    assert (code, err) == (0, ""), out
    code, _, err = run(capsys, *args, "--reference", "nonsense")
    assert code == 2 and "is not NAME=SUBJECT:VERSION" in err


def test_compat_of_two_versions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "registry", "compat", SAMPLE, CUSTOMER, "--versions", "1", "latest")
    assert (code, out) == (
        0,
        f"{CUSTOMER}: v4 is compatible under FULL_TRANSITIVE (checked against v1)\n",
    )
    code, out, _ = run(
        capsys,
        "registry",
        "compat",
        str(SAMPLES / "iot-registry.yaml"),
        "com.acme.iot.MachineTelemetry",
        "--versions",
        "3",
        "2",
    )
    assert code == 1 and "TYPE_NARROWED" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope", "--versions", "1", "2"], "there is no subject 'nope' in the registry"),
        ([CUSTOMER, "--versions", "1", "9"], "there is no version 9 of subject"),
        ([CUSTOMER, "--versions", "1", "x"], "version 'x' is not a number or 'latest'"),
        ([CUSTOMER, "--versions", "1", "2", "--type", "AVRO"], "--type and --reference apply to"),
    ],
)
def test_compat_unusable_input_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, out, err = run(capsys, "registry", "compat", SAMPLE, *args)
    assert code == 2 and out == "" and words in err
    assert err.startswith("mesh-studio: ") and err.count("\n") == 1


def test_compat_candidate_that_does_not_parse(capsys: pytest.CaptureFixture[str], write) -> None:
    path = write("bad.proto", 'syntax = "proto3";\nmessage A {\n  string a = 1\n}\n')
    code, _, err = run(
        capsys, "registry", "compat", SAMPLE, "shop.order.placed.v1-value", "--schema", str(path)
    )
    assert code == 2
    assert err == f"mesh-studio: {path}:4:1: is not valid Protobuf: mismatched input '}}'\n"


def test_compat_against_a_stored_version_that_does_not_parse(
    capsys: pytest.CaptureFixture[str], write
) -> None:
    registry = write(
        "r.yaml",
        "formatVersion: 1\nsubjects:\n  s:\n    versions:\n      - {version: 1, schema: '{oops'}\n",
    )
    code, _, err = run(
        capsys,
        "registry",
        "compat",
        str(registry),
        "s",
        "--schema",
        str(write("c.avsc", '"string"')),
    )
    assert code == 2
    assert err.startswith(f"mesh-studio: {registry}:5:9: subject 's' v1: is not JSON")


def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        studio.cli.main(["registry", "compat", SAMPLE, CUSTOMER])  # neither --schema nor --versions
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        studio.cli.main(["registry"])
    assert info.value.code == 2
    capsys.readouterr()


# -- import ---------------------------------------------------------------------------------


def _dump_of(path: Path) -> list[dict[str, object]]:
    registry, _ = load_registry(path)
    items = []
    for subject in registry.subjects.values():
        for version in subject.versions:
            item: dict[str, object] = {
                "subject": subject.name,
                "version": version.version,
                "id": version.id,
                "schema": version.schema,
            }
            if version.schema_type != "AVRO":
                item["schemaType"] = version.schema_type
            if version.references:
                item["references"] = [
                    {"name": r.name, "subject": r.subject, "version": r.version}
                    for r in version.references
                ]
            if version.deleted:
                item["deleted"] = True
            items.append(item)
    return items


@pytest.mark.parametrize("name", ["registry.yaml", "iot-registry.yaml"])
def test_import_round_trips_the_samples(
    capsys: pytest.CaptureFixture[str], write, tmp_path: Path, name: str
) -> None:
    dump = write("dump.json", json.dumps(_dump_of(SAMPLES / name), indent=2))
    out_path = tmp_path / "out" / "registry.yaml"
    code, out, err = run(capsys, "registry", "import", str(dump), "-o", str(out_path))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {out_path}: ")
    imported, _ = load_registry(out_path)
    original, _ = load_registry(SAMPLES / name)
    assert sorted(imported.subjects) == sorted(original.subjects)
    for subject_name, subject in original.subjects.items():
        assert imported.subjects[subject_name].versions == subject.versions
    # REST version objects carry no compatibility levels: only parsing is sure to be clean
    code, out, _ = run(capsys, "registry", "check", str(out_path))
    assert "MS103" not in out


def test_import_of_an_unusable_dump(
    capsys: pytest.CaptureFixture[str], write, tmp_path: Path
) -> None:
    dump = write(
        "dump.json",
        '[\n  {"subject": "a", "version": 1, "schema": "\\"int\\""},\n'
        '  {"subject": "a", "version": 0, "schema": "x"}\n]',
    )
    code, out, err = run(capsys, "registry", "import", str(dump), "-o", str(tmp_path / "r.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        f"mesh-studio: {dump}:3:3: item 2 (subject 'a') needs a 'version' that is a "
        "whole number of at least 1\n"
    )
    assert not (tmp_path / "r.yaml").exists()
