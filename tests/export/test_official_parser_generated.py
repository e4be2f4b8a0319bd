"""The official AsyncAPI parser accepts a generated mesh's exports and our Protobuf forms.

``mesh-studio generate --apps 60 --seed 5`` makes a mesh with Protobuf payloads that import other
subjects and examples in the proto3 JSON mapping (before: 189 ``asyncapi2-message-examples-
custom-format`` errors in 2.6.0). It is exported in each AsyncAPI version and every document goes
through ``tests/js/parse.mjs`` (the harness of ``test_official_parser``), together with small
documents carrying the .proto texts and examples the unit tests of ``protobuf_text`` and
``protobuf_examples`` pin: the parser is the judge of both. One Node process; Node missing fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from studio.export.messages import AVRO_FORMAT, PROTOBUF_FORMAT
from studio.export.protobuf_examples import parser_example
from studio.export.protobuf_text import self_contained
from tests.conftest import ROOT
from tests.export import test_avro_examples as avro_examples
from tests.export import test_protobuf_examples as examples
from tests.export import test_protobuf_text as texts
from tests.export.mini import MONEY_PROTO, SHIPMENT_PROTO
from tests.export.test_official_parser import _describe, exported_asyncapi, run_official_parser

GENERATE = ["--apps", "60", "--seed", "5"]
# the versions of issue 16's Protobuf findings; each costs some 9 s of parsing
ASYNCAPI_VERSIONS = ["3.0.0", "2.6.0"]

# (name, .proto text as exported, examples in the proto3 JSON mapping)
PROTOBUF_CASES = [
    (
        "shipment",
        self_contained(SHIPMENT_PROTO, {"acme/common/money.proto": MONEY_PROTO}),
        [
            {
                "shipmentId": "S-1",
                "cost": {"currencyCode": "EUR", "units": "1250"},
                "insured": {},
                "sentAt": "2026-03-01T12:30:00.25+01:00",
                "parcels": ["P-1"],
                "mode": "MODE_ROAD",
            }
        ],
    ),
    # its map field leaves no example the parser reads truthfully: the text alone
    ("renamed", self_contained(texts.ORDER, texts.IMPORTS), []),
    (
        "marked",
        self_contained(
            texts.proto("""\
        syntax = "proto3";
        package p;
        import "q.proto";
        message Event {
          Event.Inner inner = 1;
          q.Thing thing = 2;
          message Inner { string s = 1; }
        }
        message Extra { Event parent = 1; }
        """),
            {"q.proto": 'syntax = "proto3";\npackage q;\nmessage Thing { string id = 1; }\n'},
        ),
        [{"inner": {}, "thing": {"id": "T-1"}}],
    ),
    (
        "event",
        examples.EVENT,
        [
            {"label": "Shown", **examples.FULL},
            {
                "id": "E-1",
                "sequence": "-42",
                "big": "9007199254740991",
                "count": 3.0,
                "ratio": "0.5",
                "done": True,
                "blob": "aGk=",
                "level": 1,
                "tags": ["x"],
                "note": "kept",
                "groupId": 7,
                "checksum": "5",
                "timeout": "-1.5s",
                "mask": "user.displayName,id",
                "limit": "12",
                "code": "C",
                **examples.FULL,
            },
        ],
    ),
]


def _protobuf_document(name: str, text: str, payloads: list) -> str:
    written = [{"payload": parser_example(text, payload)} for payload in payloads]
    message = {"schemaFormat": PROTOBUF_FORMAT, "payload": text}
    if written:
        message["examples"] = written
    document = {
        "asyncapi": "2.6.0",
        "info": {"title": name, "version": "1"},
        "channels": {name: {"subscribe": {"message": message}}},
    }
    return yaml.safe_dump(document, sort_keys=False)


def _avro_document(name: str, avro: object, example: object) -> str:
    message = {"schemaFormat": AVRO_FORMAT, "payload": avro, "examples": [{"payload": example}]}
    document = {
        "asyncapi": "2.6.0",
        "info": {"title": name, "version": "1"},
        "channels": {name: {"subscribe": {"message": message}}},
    }
    return yaml.safe_dump(document, sort_keys=False)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[Path, dict]]:
    base = tmp_path_factory.mktemp("official-parser-generated")
    design = base / "gen.mesh.yaml"
    subprocess.run(
        [sys.executable, "-m", "studio", "generate", *GENERATE, "-o", str(design)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    batches: dict[str, list[Path]] = {}
    for version in ASYNCAPI_VERSIONS:
        out = base / f"export-{version}"
        batches[version] = exported_asyncapi(design, out, version, "the generated mesh")
    cases = base / "protobuf"
    cases.mkdir()
    for name, text, payloads in PROTOBUF_CASES:
        (cases / f"{name}.yaml").write_text(
            _protobuf_document(name, text, payloads), encoding="utf-8"
        )
    batches["protobuf"] = sorted(cases.iterdir())
    cases = base / "avro"
    cases.mkdir()
    for name, avro, example, _ in avro_examples.CASES:
        (cases / f"{name}.yaml").write_text(_avro_document(name, avro, example), encoding="utf-8")
    batches["avro"] = sorted(cases.iterdir())
    results = run_official_parser([f for files in batches.values() for f in files])
    return {key: {f: results[f] for f in files} for key, files in batches.items()}


def _failures(results: dict[Path, dict]) -> str:
    return "\n".join(
        f"{path.name}:\n{_describe(result['errors'])}"
        for path, result in results.items()
        if result["errors"]
    )


@pytest.mark.parametrize("version", ASYNCAPI_VERSIONS)
def test_official_parser_accepts_every_export_of_a_generated_mesh(
    parsed: dict[str, dict[Path, dict]], version: str
) -> None:
    results = parsed[version]
    assert len(results) > 40
    assert not _failures(results), "the official AsyncAPI parser rejects:\n" + _failures(results)


def test_the_generated_mesh_has_protobuf_payloads_with_imports_and_examples(
    parsed: dict[str, dict[Path, dict]],
) -> None:
    # the export is the case in point only while the generator makes such messages
    inlined = 0
    for path in parsed["2.6.0"]:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for message in document.get("components", {}).get("messages", {}).values():
            if message.get("schemaFormat") == PROTOBUF_FORMAT and message.get(
                "x-schema-registry", {}
            ).get("references"):
                assert 'import "acme/' not in message["payload"]
                inlined += bool(message.get("examples"))
    assert inlined > 0


def test_official_parser_accepts_our_protobuf_texts_and_examples(
    parsed: dict[str, dict[Path, dict]],
) -> None:
    results = parsed["protobuf"]
    assert len(results) == len(PROTOBUF_CASES)
    assert not _failures(results), "the official AsyncAPI parser rejects:\n" + _failures(results)


def test_official_parser_judges_avro_examples_as_the_export_does(
    parsed: dict[str, dict[Path, dict]],
) -> None:
    verdicts = {path.stem: bool(result["errors"]) for path, result in parsed["avro"].items()}
    expected = {name: rejected for name, _, _, rejected in avro_examples.CASES}
    assert verdicts == expected
