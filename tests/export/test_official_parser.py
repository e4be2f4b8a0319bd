"""The official AsyncAPI parser accepts every sample's exports with zero errors.

``tests/js`` pins ``@asyncapi/parser`` with the Avro and Protobuf schema parsers (registered, as
users run them) and ``@asyncapi/specs`` 6.11.1; ``tests/js/parse.mjs`` prints one JSON line per
document. Every sample is exported with ``mesh-studio export`` in each AsyncAPI version and all the
documents go through one Node process. A missing Node or a missing ``npm ci`` fails the test: it
never skips.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from studio.export import check_document, validate_document
from tests.conftest import ROOT, SAMPLE_DESIGNS
from tests.export.mini import mini_export

JS = ROOT / "tests" / "js"
PARSE = JS / "parse.mjs"
INSTALL = "cd tests/js && npm ci --ignore-scripts"
SPECS_VERSION = "6.11.1"  # 6.11.2 is a malicious release: nothing else may be installed
NODE_MIN = (20, 17)  # the engines of @stoplight/spectral-* and jsep in the lock
ASYNCAPI_VERSIONS = ["3.0.0", "3.1.0", "2.6.0"]
_NODE_MIN = ".".join(map(str, NODE_MIN))

_SCHEMA_PARSERS_DOC = """\
asyncapi: 2.6.0
info: {{title: t, version: '1'}}
channels:
  a:
    subscribe:
      message:
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {{type: record, name: A, fields: [{{name: id, type: string}}]}}
        examples: [{{payload: {{id: x}}}}]
  p:
    subscribe:
      message:
        schemaFormat: application/vnd.google.protobuf;version=3
        payload: |
          syntax = "proto3";
          message P {{ string order_id = 1; }}
        examples: [{{payload: {{{example}: x}}}}]
"""

# Documents that prove the harness is not a no-op: (name, text, expected error codes).
SELF_CHECKS = {
    "missing-info-version.yaml": (
        "asyncapi: 3.0.0\ninfo: {title: t}\n",
        {"asyncapi-document-resolved"},
    ),
    "remote-ref.yaml": (
        "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  c:\n    address: a\n"
        "    messages:\n      m: {$ref: 'https://example.com/m.yaml#/m'}\n",
        {"harness-remote-ref"},
    ),
    # an uncaught error unless the Avro and Protobuf schema parsers are registered
    "schema-parsers.yaml": (_SCHEMA_PARSERS_DOC.format(example="order_id"), set()),
    # the Protobuf parser checks examples against proto field names (the generated-mesh failure)
    "protobuf-example-json-name.yaml": (
        _SCHEMA_PARSERS_DOC.format(example="orderId"),
        {"asyncapi2-message-examples-custom-format"},
    ),
}


def _mutated(asyncapi: str, change: Callable[[dict], object]) -> dict:
    """The mini mesh's shop document in ``asyncapi``, changed as a hand edit would."""
    openapi = "3.0.3" if asyncapi == "2.6.0" else "3.1.0"
    document = copy.deepcopy(mini_export(asyncapi, openapi).document("asyncapi/shop").data)
    change(document)
    return document


def _channels26(document: dict) -> dict:
    return document["channels"]


def _percent_encoded_ref(key: str) -> Callable[[dict], object]:
    """A change adding a schema whose property ``c`` points at its property ``key`` as
    ``.../properties/a%20b``: a URI fragment, which names the key ``a b``."""
    pointer = "#/components/schemas/percent/properties/a%20b"

    def change(document: dict) -> None:
        document["components"]["schemas"]["percent"] = {
            "type": "object",
            "properties": {key: {"type": "string"}, "c": {"$ref": pointer}},
        }

    return change


# Documents the official rules reject beyond the JSON Schema, changed from an export: the
# export's own check must reject each as well (version, document). The unchanged exports are
# the controls, accepted by both. (The check is stricter in one place: it refuses an address
# parameter the channel does not declare, which the specification requires and the parser
# lets pass.)
AGREEMENT = {
    "control-3.0.0": ("3.0.0", _mutated("3.0.0", lambda d: None)),
    "control-2.6.0": ("2.6.0", _mutated("2.6.0", lambda d: None)),
    "control-percent-encoded-ref": ("3.0.0", _mutated("3.0.0", _percent_encoded_ref("a b"))),
    "percent-encoded-ref-read-literally": (
        "3.0.0",
        _mutated("3.0.0", _percent_encoded_ref("a%20b")),
    ),
    "unresolved-ref": (
        "3.0.0",
        _mutated(
            "3.0.0",
            lambda d: d["operations"]["send-orders"].update(channel={"$ref": "#/channels/nowhere"}),
        ),
    ),
    "message-not-in-channel": (
        "3.0.0",
        _mutated(
            "3.0.0",
            lambda d: d["operations"]["send-orders"].update(
                messages=[{"$ref": "#/channels/products/messages/product"}]
            ),
        ),
    ),
    "messageId-twice": (
        "2.6.0",
        _mutated(
            "2.6.0",
            lambda d: _channels26(d)["shop.products.v1"]["subscribe"].update(
                message={"$ref": "#/components/messages/order"}
            ),
        ),
    ),
    "operationId-twice": (
        "2.6.0",
        _mutated(
            "2.6.0",
            lambda d: _channels26(d)["shop.products.v1"]["subscribe"].update(
                operationId="send-orders"
            ),
        ),
    ),
}


def _fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


def _node() -> str:
    """The ``node`` executable, with the pinned harness installed; a clear failure otherwise."""
    node = shutil.which("node")
    if node is None:
        _fail(
            f"Node.js {_NODE_MIN} or newer is needed to run the official AsyncAPI parser and "
            f"`node` is not on PATH: install it (Debian 12's own nodejs is 18, too old), "
            f"then `{INSTALL}`"
        )
    version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    match = re.fullmatch(r"v(\d+)\.(\d+)\..*", version)
    if match is None or (int(match.group(1)), int(match.group(2))) < NODE_MIN:
        _fail(
            f"Node.js {_NODE_MIN} or newer is needed to run the official AsyncAPI parser; "
            f"`node --version` says {version!r}"
        )
    modules = JS / "node_modules"
    for package in ("parser", "avro-schema-parser", "protobuf-schema-parser"):
        if not (modules / "@asyncapi" / package / "package.json").is_file():
            _fail(f"tests/js/node_modules has no @asyncapi/{package}: run `{INSTALL}`")
    specs = sorted(
        p
        for p in modules.rglob("package.json")
        if p.parent.name == "specs" and p.parent.parent.name == "@asyncapi"
    )
    if not specs:
        _fail(f"tests/js/node_modules has no @asyncapi/specs: run `{INSTALL}`")
    for manifest in specs:
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        if installed != SPECS_VERSION:
            _fail(
                f"{manifest.relative_to(ROOT)} is @asyncapi/specs {installed}, not the pinned "
                f"{SPECS_VERSION}: remove tests/js/node_modules and run `{INSTALL}`"
            )
    return node


def run_official_parser(files: list[Path]) -> dict[Path, dict]:
    """Parse ``files`` in one Node process; the harness's result for each, by path."""
    node = _node()
    proc = subprocess.run(
        [node, str(PARSE), *map(str, files)],
        cwd=JS,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode not in (0, 1):
        _fail(f"tests/js/parse.mjs exited {proc.returncode}:\n{proc.stderr}{proc.stdout}")
    results: dict[Path, dict] = {}
    for line in proc.stdout.splitlines():
        result = json.loads(line)
        results[Path(result["file"])] = result
    assert set(results) == set(files), f"no result for some documents:\n{proc.stderr}"
    return results


def exported_asyncapi(design: Path, out: Path, version: str, what: str) -> list[Path]:
    """The AsyncAPI documents ``mesh-studio export`` writes for ``design`` into ``out``."""
    command = ["export", str(design), "-o", str(out), "--asyncapi", version]
    proc = subprocess.run(
        [sys.executable, "-m", "studio", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"export of {what} failed:\n{proc.stderr}"
    return sorted((out / "asyncapi").iterdir())


def _describe(errors: list[dict]) -> str:
    return "\n".join(f"  {e['code']} at /{'/'.join(e['path'])}: {e['message']}" for e in errors)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[Path, dict]]:
    """Every sample exported in every AsyncAPI version (as ``mesh-studio export`` writes it),
    plus the self-checks, through one run of the official parser."""
    base = tmp_path_factory.mktemp("official-parser")
    batches: dict[tuple[str, str], list[Path]] = {}
    for design in SAMPLE_DESIGNS:
        sample = design.name.removesuffix(".mesh.yaml")
        for version in ASYNCAPI_VERSIONS:
            out = base / f"{sample}-{version}"
            batches[(sample, version)] = exported_asyncapi(design, out, version, sample)
    checks = base / "self-checks"
    checks.mkdir()
    for name, (text, _) in SELF_CHECKS.items():
        (checks / name).write_text(text, encoding="utf-8")
    batches[("self-check", "")] = sorted(checks.iterdir())
    agreement = base / "agreement"
    agreement.mkdir()
    for name, (_, document) in AGREEMENT.items():
        (agreement / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    batches[("agreement", "")] = sorted(agreement.iterdir())
    results = run_official_parser([f for files in batches.values() for f in files])
    return {key: {f: results[f] for f in files} for key, files in batches.items()}


def test_the_harness_reports_errors_blocks_remote_refs_and_has_both_schema_parsers(
    parsed: dict[tuple[str, str], dict[Path, dict]],
) -> None:
    for path, result in parsed[("self-check", "")].items():
        codes = {e["code"] for e in result["errors"]}
        expected = SELF_CHECKS[path.name][1]
        assert expected <= codes if expected else not codes, (path.name, result["errors"])


@pytest.mark.parametrize("version", ASYNCAPI_VERSIONS)
@pytest.mark.parametrize("sample", [d.name.removesuffix(".mesh.yaml") for d in SAMPLE_DESIGNS])
def test_official_parser_accepts_every_sample_export(
    parsed: dict[tuple[str, str], dict[Path, dict]], sample: str, version: str
) -> None:
    results = parsed[(sample, version)]
    assert results, f"{sample} exported no AsyncAPI document"
    failures = {path.name: result["errors"] for path, result in results.items() if result["errors"]}
    assert not failures, "the official AsyncAPI parser rejects:\n" + "\n".join(
        f"{name}:\n{_describe(errors)}" for name, errors in failures.items()
    )


@pytest.mark.parametrize("name", list(AGREEMENT))
def test_the_export_check_rejects_what_the_official_parser_rejects(
    parsed: dict[tuple[str, str], dict[Path, dict]], name: str
) -> None:
    version, document = AGREEMENT[name]
    result = next(r for p, r in parsed[("agreement", "")].items() if p.stem == name)
    ours = validate_document("asyncapi", version, document) + check_document(
        "asyncapi", version, document
    )
    if name.startswith("control-"):
        assert not result["errors"] and not ours, (_describe(result["errors"]), ours)
    else:
        assert result["errors"], f"the official parser accepts {name}: not a test of agreement"
        assert ours, (
            f"the official parser rejects {name}, the export check does not:\n"
            + _describe(result["errors"])
        )
