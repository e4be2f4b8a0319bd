"""The hostile inputs: design (and registry) files built in the test, never committed.

Each ``Case`` writes its files into a folder and says what the entry points must make of them.
When ``refused`` names the design, every command exits 2 with one line naming the file, the
line and a column, containing ``fragment``. When it names the registry, the commands that need
the registry say the same of the registry file, and ``validate`` reports it as a finding. When
both files load, their content is what is hostile (markup, path-like names, remote ``$ref``s,
huge strings): commands work or report findings, and what they write stays safe.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DESIGN = "design.mesh.yaml"
REGISTRY = "registry.yaml"

# markup that would run if a page or a diagram put it in unescaped
MARKUP = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'
PATHS = (
    "../../../../etc/passwd",
    "/etc/passwd",
    "a\\..\\..\\b",
    "CON",
    "nul.txt",
    "C:\\Windows\\win.ini",
    "~/.ssh/id_rsa",
)
REMOTE = ("https://evil.example/schemas/customer.json", "http://169.254.169.254/latest/meta-data")


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], None]  # writes DESIGN (and REGISTRY) into the folder
    refused: str | None  # DESIGN or REGISTRY: the file that is unusable; None: both load
    line: int = 0  # for refused cases: the line the error points at
    fragment: str = ""  # in the error (refused), or in validate's report (loaded)
    big: bool = False  # run in a separate process under a memory limit instead


def _design(text: str | bytes, registry: str | None = None) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / DESIGN).write_bytes(data)
        if registry is not None:
            (folder / REGISTRY).write_text(registry, encoding="utf-8")

    return write


HEAD = "meshStudio: 1\ninfo:\n  title: Hostile\n  version: 1.0.0\n"


def _billion_laughs() -> str:
    lines = [HEAD + 'x-lol: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"x-lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


def _huge_file(folder: Path) -> None:
    # sparse: 65 MiB on paper, no blocks on disk, refused before it is read
    with (folder / DESIGN).open("wb") as handle:
        handle.write(HEAD.encode())
        handle.truncate(65 * 1024 * 1024)


def _mesh(name: str, address: str, subject: str, extra_app: str = "", payload: str = "") -> str:
    """A small valid mesh whose people-facing strings are ``name``, ``address``, ``subject``."""
    payload = payload or f"payload: {{subject: {json.dumps(subject)}, version: 1}}"
    return f"""meshStudio: 1
info:
  title: {json.dumps(name)}
  version: 1.0.0
  description: {json.dumps(name)}
  owner: {json.dumps(name)}
registry: registry.yaml
brokers:
  - id: kafka
    name: {json.dumps(name)}
    protocol: kafka
    host: {json.dumps(name)}
    schemaRegistryUrl: "javascript:alert(1)"
applications:
  - id: producer
    name: {json.dumps(name)}
    kind: service
    owner: {json.dumps(name)}
    description: {json.dumps(name)}
    publishes:
      - topic: events
  - id: consumer
    name: {json.dumps(name)}
    kind: api
    subscribes:
      - topic: events
        group: {json.dumps(name)}
    webhooks:
      registration: /subscriptions
      topics: [events]
{extra_app}topics:
  - id: events
    address: {json.dumps(address)}
    broker: kafka
    messages: [event]
    description: {json.dumps(name)}
messages:
  - id: event
    name: {json.dumps(name)}
    {payload}
    examples:
      - {{text: {json.dumps(name)}, a: {{b: 1}}}}
endpoints:
  - id: get-event
    provider: consumer
    method: GET
    path: /events/{{eventId}}
    summary: {json.dumps(name)}
    responses: {{"200": event}}
notes:
  - id: note-1
    on: events
    author: {json.dumps(name)}
    text: {json.dumps(name)}
"""


def _registry(subjects: dict[str, str], schema_type: str = "JSON") -> str:
    entries = {
        subject: {
            "versions": [
                {"version": 1, "id": index + 1, "schemaType": schema_type, "schema": schema}
            ]
        }
        for index, (subject, schema) in enumerate(subjects.items())
    }
    return json.dumps({"formatVersion": 1, "subjects": entries}, indent=2)


_OBJECT = json.dumps({"type": "object", "properties": {"text": {"type": "string"}}})


def _markup() -> Callable[[Path], None]:
    subject = MARKUP + "-value"
    return _design(_mesh(MARKUP, f"shop.{MARKUP}.v1", subject), _registry({subject: _OBJECT}))


def _path_like() -> Callable[[Path], None]:
    subjects = {p: _OBJECT for p in PATHS}
    payloads = "".join(
        f"""  - id: path-user-{i}
    name: {json.dumps(p)}
    kind: client
    owner: {json.dumps(p)}
    description: {json.dumps(p)}
"""
        for i, p in enumerate(PATHS)
    )
    return _design(_mesh(PATHS[0], PATHS[1], PATHS[0], extra_app=payloads), _registry(subjects))


def _remote_refs() -> Callable[[Path], None]:
    json_ref = json.dumps({"type": "object", "properties": {"customer": {"$ref": REMOTE[0]}}})
    metadata = json.dumps({"$ref": REMOTE[1]})
    proto = 'syntax = "proto3";\nimport "https://evil.example/x.proto";\nmessage M { int32 a = 1; }'
    registry = json.dumps(
        {
            "formatVersion": 1,
            "subjects": {
                "customer-value": {
                    "versions": [{"version": 1, "id": 1, "schemaType": "JSON", "schema": json_ref}]
                },
                "metadata-value": {
                    "versions": [{"version": 1, "id": 2, "schemaType": "JSON", "schema": metadata}]
                },
                "proto-value": {
                    "versions": [{"version": 1, "id": 3, "schemaType": "PROTOBUF", "schema": proto}]
                },
            },
        },
        indent=2,
    )
    inline = f'payload: {{schema: {{type: object, properties: {{a: {{$ref: "{REMOTE[0]}"}}}}}}}}'
    extra = """  - id: metadata-reader
    name: Reader
    kind: service
    subscribes:
      - topic: events
"""
    return _design(
        _mesh("Remote", "shop.order.placed.v1", "customer-value", extra_app=extra, payload=inline),
        registry,
    )


def _huge_strings(size: int) -> Callable[[Path], None]:
    long = "A<&>" * (size // 4)
    return _design(
        _mesh(long, "shop." + "x" * 200 + ".v1", "long-value"), _registry({"long-value": _OBJECT})
    )


def _wide(count: int) -> str:
    return HEAD + "x-wide: [" + ", ".join(str(i) for i in range(count)) + "]\n"


def _special(kind: str) -> Callable[[Path], None]:
    """A design path that is no regular file: reading must neither hang nor run for ever."""

    def write(folder: Path) -> None:
        target = folder / DESIGN
        if kind == "fifo":
            os.mkfifo(target)  # a reader would block until someone writes
        elif kind == "device":
            target.symlink_to("/dev/zero")  # endless, and its size says 0
        else:
            target.mkdir()

    return write


def _bad_registry(text: str | bytes) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        _design(_mesh("Shop", "shop.order.placed.v1", "s-value"))(folder)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / REGISTRY).write_bytes(data)

    return write


REG_HEAD = "formatVersion: 1\nsubjects:\n"

CASES = (
    Case("billion-laughs", _design(_billion_laughs()), DESIGN, 5, "anchors and aliases"),
    Case(
        "python-object-tag",
        _design(HEAD + 'x-run: !!python/object/apply:os.system ["touch pwned"]\n'),
        DESIGN,
        5,
        "tag '!!python/object/apply:os.system' is not allowed",
    ),
    Case(
        "custom-tag",
        _design(HEAD + "x-inc: !include /etc/passwd\n"),
        DESIGN,
        5,
        "tag '!include' is not allowed",
    ),
    Case(
        "deep-flow-nesting",
        _design(HEAD + "x-deep: " + "[" * 50_000 + "]" * 50_000 + "\n"),
        DESIGN,
        5,
        "nesting depth",
        big=True,
    ),
    Case(
        "deep-block-nesting",
        _design(
            HEAD
            + "x-deep:\n"
            + "".join("  " * i + f"k{i}:\n" for i in range(1, 2_000))
            + "  " * 2_000
            + "v: 1\n"
        ),
        DESIGN,
        105,
        "nests deeper than 100 levels",
    ),
    Case(
        "invalid-utf8", _design(HEAD.encode() + b"x-bad: caf\xe9\n"), DESIGN, 5, "not valid UTF-8"
    ),
    Case("utf16", _design(HEAD.encode("utf-16")), DESIGN, 1, "not valid UTF-8"),
    Case(
        "control-character",
        _design(HEAD + "x-nul: a\x00b\n"),
        DESIGN,
        5,
        "control character #x0000",
    ),
    Case("huge-file", _huge_file, DESIGN, 1, "files over 64 MiB are refused"),
    Case("fifo", _special("fifo"), DESIGN, 1, "is not a regular file"),
    Case("device", _special("device"), DESIGN, 1, "is not a regular file"),
    Case("directory", _special("directory"), DESIGN, 1, "is a directory"),
    Case(
        "huge-integer",
        _design(HEAD + "x-n: " + "9" * 5_000 + "\n"),
        DESIGN,
        5,
        "has more digits than",
    ),
    Case(
        "huge-hex-integer",
        _design(HEAD + "x-n: 0x" + "f" * 50_000 + "\n"),
        DESIGN,
        5,
        "has more digits than",
    ),
    Case(
        "non-finite-position",
        _design(
            HEAD + "applications:\n  - id: a\n    name: A\n    kind: service\n"
            "layout:\n  a: {x: .nan, y: 1e400}\n"
        ),
        DESIGN,
        10,
        "is not a number between",
    ),
    Case("duplicate-key", _design(HEAD + "x-a: 1\nx-a: 2\n"), DESIGN, 6, "duplicate key 'x-a'"),
    Case("two-documents", _design(HEAD + "---\n" + HEAD), DESIGN, 5, "more than one YAML document"),
    Case(
        "escapes-in-key",
        _design(HEAD + '"x-a\\n\\e[2J\\u202e": 1\n"x-a\\n\\e[2J\\u202e": 2\n'),
        DESIGN,
        6,
        "duplicate key 'x-a\\n\\x1b[2J\\u202e'",
    ),
    Case("newer-format", _design("meshStudio: 99\n"), DESIGN, 1, "newer than format 1"),
    Case(
        "registry-url",
        _design(HEAD + "registry: https://evil.example/registry.yaml\n"),
        DESIGN,
        5,
        "not absolute or a URL",
    ),
    Case(
        "registry-object-tag",
        _bad_registry(REG_HEAD + '  s-value: !!python/object/apply:os.system ["touch pwned"]\n'),
        REGISTRY,
        3,
        "is not allowed",
    ),
    Case(
        "registry-billion-laughs",
        _bad_registry(REG_HEAD + "  a: &a {versions: []}\n  b: *a\n"),
        REGISTRY,
        3,
        "anchors and aliases",
    ),
    Case(
        "registry-invalid-utf8",
        _bad_registry(REG_HEAD.encode() + b"  \xff: {}\n"),
        REGISTRY,
        3,
        "not valid UTF-8",
    ),
    Case("markup-in-names", _markup(), None),
    Case("path-like-names", _path_like(), None),
    Case("remote-refs", _remote_refs(), None, fragment="never fetches schemas from the network"),
    Case("huge-strings", _huge_strings(250_000), None, big=True),
    Case("wide-list", _design(_wide(50_000)), None, big=True),
)
