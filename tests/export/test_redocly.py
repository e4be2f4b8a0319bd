"""Redocly CLI's ``spec`` ruleset accepts every OpenAPI export, in every version choice.

Redocly is pinned in ``tests/js`` beside the AsyncAPI parser (installed by ``make test``);
it checks what openapi-spec-validator does not, e.g. ``nullable`` without ``type`` in 3.0.3.
The samples and a generated mesh are exported as ``mesh-studio export`` writes them and linted
in one run per version. A missing Node or a missing ``npm ci`` fails the test: it never skips.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from studio.cli import main
from studio.export import OPENAPI_VERSIONS
from tests.conftest import SAMPLE_DESIGNS
from tests.export.test_official_parser import INSTALL, JS, _fail, _node

REDOCLY = JS / "node_modules" / "@redocly" / "cli" / "bin" / "cli.js"

NULLABLE_WITHOUT_TYPE = """\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        b: {allOf: [{type: object}], nullable: true}
"""


def lint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    node = _node()
    if not REDOCLY.is_file():
        _fail(f"tests/js/node_modules has no @redocly/cli: run `{INSTALL}`")
    return subprocess.run(
        [node, str(REDOCLY), "lint", "--extends=spec", "--format=stylish", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"REDOCLY_TELEMETRY": "off", "PATH": ""},
    )


def test_the_spec_ruleset_catches_what_it_should(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(NULLABLE_WITHOUT_TYPE, encoding="utf-8")
    result = lint([bad])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The `type` field must be defined when the `nullable` field is used." in (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize("version", OPENAPI_VERSIONS)
def test_every_openapi_export_passes_the_spec_ruleset(version: str, tmp_path: Path) -> None:
    designs = [*SAMPLE_DESIGNS, tmp_path / "gen.mesh.yaml"]
    assert main(["generate", "--apps", "60", "--seed", "5", "-o", str(designs[-1])]) == 0
    files: list[Path] = []
    for design in designs:
        out = tmp_path / design.stem
        assert main(["export", str(design), "-o", str(out), "--openapi", version]) == 0
        files += sorted((out / "openapi").glob("*.yaml"))
    assert len(files) >= 10
    result = lint(files)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "error" not in result.stdout.lower().replace("0 errors", "")
