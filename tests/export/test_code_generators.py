"""Client and model generators read the OpenAPI exports of a generated mesh completely.

openapi-python-client must generate a function for every operation, and a model for every
object payload; datamodel-code-generator a class for every component schema. A binary message
used as a body is offered as JSON too, so no endpoint is lost for an unsupported media type.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from studio.cli import main

BIN = Path(sys.executable).parent
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module", params=["3.1.0", "3.0.3"])
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    folder = tmp_path_factory.mktemp(f"openapi-{request.param}")
    design = folder / "gen.mesh.yaml"
    assert main(["generate", "--apps", "60", "--seed", "5", "-o", str(design)]) == 0
    assert (
        main(["export", str(design), "-o", str(folder / "specs"), "--openapi", request.param]) == 0
    )
    documents = sorted((folder / "specs" / "openapi").glob("*.yaml"))
    assert len(documents) >= 5
    return documents


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower())


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_openapi_python_client_generates_every_operation(
    exported: list[Path], tmp_path: Path
) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for path in exported:
        doc = _load(path)
        out = tmp_path / path.stem
        run = subprocess.run(
            [
                str(BIN / "openapi-python-client"),
                "generate",
                "--path",
                str(path),
                "--output-path",
                str(out),
                "--meta",
                "none",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        generated = {p.stem for p in out.glob("api/*/*.py")}
        operations = {
            _snake(op["operationId"])
            for item in doc["paths"].values()
            for method, op in item.items()
            if method in METHODS
        }
        assert operations <= generated, (path.name, operations - generated)
        # every object payload became a model, named after its title
        models = {p.stem for p in (out / "models").glob("*.py")}
        for name, schema in doc["components"]["schemas"].items():
            if schema.get("type") == "object" and schema.get("properties"):
                assert _snake(schema.get("title", name)) in models, (path.name, name)
        compile_all = subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(out)], capture_output=True, text=True
        )
        assert compile_all.returncode == 0, compile_all.stdout


def test_datamodel_code_generator_makes_a_class_per_component(
    exported: list[Path], tmp_path: Path
) -> None:
    for path in exported:
        doc = _load(path)
        out = tmp_path / f"{path.stem}.py"
        run = subprocess.run(
            [
                str(BIN / "datamodel-codegen"),
                "--input",
                str(path),
                "--input-file-type",
                "openapi",
                "--output",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        classes = set(re.findall(r"^class (\w+)\(", out.read_text(encoding="utf-8"), re.M))
        for name in doc["components"]["schemas"]:
            wanted = re.sub(r"(?:^|[-_.])(\w)", lambda m: m.group(1).upper(), name)
            assert wanted in classes, (path.name, name, sorted(classes))
