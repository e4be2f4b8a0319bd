"""``mesh-studio validate``: exit codes, JSON shape, SARIF 2.1.0, JUnit XML, samples clean."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from studio.cli import main
from tests.conftest import ROOT, SAMPLE_DESIGNS
from tests.validate.test_design_rules import BASE

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture
def broken(write) -> Path:
    return write(
        "broken.mesh.yaml",
        BASE.replace("calls: [get-customer]", "calls: [nope]").replace(
            "    publishes: [{topic: temperature}]\n", ""
        ),
    )


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_samples_validate_clean(capsys, sample: Path) -> None:
    assert main(["validate", str(sample)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings, 0 info\n")


def test_exit_codes(capsys, broken: Path, write) -> None:
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:" in out and "error MS101 [portal]: calls 'nope'" in out
    warnings_only = write(
        "w.mesh.yaml", BASE.replace("    publishes: [{topic: temperature}]\n", "")
    )
    assert main(["validate", str(warnings_only)]) == 0
    assert main(["validate", str(broken.with_name("missing.mesh.yaml"))]) == 2


def test_json_shape(capsys, broken: Path) -> None:
    main(["validate", "--format", "json", str(broken)])
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"findings", "summary"}
    assert report["summary"] == {"error": 1, "warning": 1, "info": 0}
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "message", "element", "file", "line"}


def test_sarif_validates_against_the_official_schema(capsys, broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    assert main(["validate", "--format", "sarif", "-o", str(out), str(broken)]) == 1
    log = json.loads(out.read_text())
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"MS101", "MS107"}
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] > 1
    assert location["artifactLocation"]["uri"].endswith("broken.mesh.yaml")


def test_junit_parses(capsys, broken: Path) -> None:
    main(["validate", "--format", "junit", str(broken)])
    root = ElementTree.fromstring(capsys.readouterr().out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    failures = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert sorted(c.get("name", "")[:5] for c in failures) == ["MS101", "MS107"]


def test_junit_file_stays_well_formed_when_a_finding_quotes_control_characters(
    capsys, broken: Path, tmp_path: Path
) -> None:
    text = broken.read_text().replace(
        "address: hamburg/plant/measured", 'address: "hamburg/\\e[31m/measured\\x07"'
    )
    broken.write_text(text)
    report = tmp_path / "report.xml"
    assert main(["validate", "--format", "junit", "-o", str(report), str(broken)]) == 1
    root = ElementTree.parse(report).getroot()  # raises on a malformed file
    failure = next(
        f
        for f in root.iter("failure")
        if "MS107" in (f.text or "") or "no producer" in (f.get("message") or "")
    )
    assert "hamburg/\\x1b[31m/measured\\x07" in failure.get("message", "")
    assert "\x1b" not in report.read_text()


def test_missing_registry_is_one_finding(capsys, write) -> None:
    path = write(
        "r.mesh.yaml", BASE.replace("meshStudio: 1\n", "meshStudio: 1\nregistry: nowhere.yaml\n")
    )
    assert main(["validate", "--format", "json", str(path)]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["line"]) for f in found] == [("MS102", 2)]
    assert "no such file" in found[0]["message"]
