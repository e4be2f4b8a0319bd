"""Design files: every kind of bad input, the canonical form, x- keys, atomic saving."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from studio.errors import LoadError
from studio.io.design_file import dump_design, load_design, parse_design, save_design
from studio.model import (
    Application,
    Around,
    InlineSchema,
    Position,
    SchemaRef,
    Subscription,
    View,
    ViewFilter,
)
from tests.conftest import ROOT, SAMPLE_DESIGNS

FORMATS_EXAMPLE = ROOT / "tests" / "data" / "formats-example.mesh.yaml"

MINIMAL = "meshStudio: 1\n"


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_design(path)
    return info.value


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        ("a: [\n", 2, 1, "YAML syntax error"),
        ("- 1\n- 2\n", 1, 1, "is not a design file: expected a mapping"),
        ("just text\n", 1, 1, "is not a design file"),
        ("info: {title: x}\n", 1, 1, "'meshStudio: 1' format version is missing"),
        ("meshStudio: 2\n", 1, 1, "uses design format 2, newer than format 1"),
        ("meshStudio: one\n", 1, 1, "is not a format version"),
        ("meshStudio: 1\ntopics: {}\n", 2, 1, "topics: expected a list, got a mapping"),
        (
            "meshStudio: 1\napplications:\n  - id: a\n    kind: bakend\n",
            4,
            5,
            "applications[0].kind: 'bakend' is not one of: backend, service",
        ),
        (
            "meshStudio: 1\napplications:\n  - id: Bad Id\n",
            3,
            5,
            "applications[0].id: 'Bad Id' is not a valid id",
        ),
        (
            "meshStudio: 1\napplications:\n  - id: a\n    colour: red\n",
            4,
            5,
            "unknown key 'colour'",
        ),
        ("meshStudio: 1\ntopics:\n  - id: t\n", 3, 5, "topics[0]: missing required key 'address'"),
        (
            "meshStudio: 1\nbrokers:\n  - {id: k, protocol: kafka}\ntopics:\n"
            "  - {id: k, address: a}\n",
            5,
            6,
            "duplicate id 'k': already used on line 3",
        ),
        (
            "meshStudio: 1\nregistry: https://evil.example/registry.yaml\n",
            2,
            1,
            "must be a path relative to the design file",
        ),
        (
            "meshStudio: 1\nmessages:\n  - id: m\n    payload: {subject: s, version: newest}\n",
            4,
            27,
            "expected a whole number or 'latest'",
        ),
        (
            "meshStudio: 1\ninfo: !!python/object/apply:os.system ['echo hacked']\n",
            2,
            7,
            "YAML tag '!!python/object/apply:os.system' is not allowed",
        ),
        ("meshStudio: 1\nx-a: &a [1]\nx-b: *a\n", 2, 6, "anchors and aliases are not allowed"),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    include: {around: {element: a, hops: -1}}\n",
            4,
            36,
            "views[0].include.around.hops: -1 is below the minimum 0",
        ),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    include: {around: {element: a}}\n",
            4,
            15,
            "views[0].include.around: missing required key 'hops'",
        ),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    include: {domain: [erp]}\n",
            4,
            15,
            "unknown key 'domain'; expected one of around, brokers, domains, elements, owners, "
            "protocols",
        ),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    exclude: {x-why: later}\n",
            4,
            15,
            "views[0].exclude: unknown key 'x-why'",
        ),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    include: {protocols: [smtp]}\n",
            4,
            27,
            "'smtp' is not one of: kafka",
        ),
        ("meshStudio: 1\nviews:\n  - name: v\n", 3, 5, "views[0]: missing required key 'id'"),
        ("meshStudio: 1\nviews:\n  - id: V 1\n", 3, 5, "'V 1' is not a valid id"),
        (
            "meshStudio: 1\nviews:\n  - id: v\n  - id: v\n",
            4,
            5,
            "duplicate view id 'v': already used on line 3",
        ),
        (
            "meshStudio: 1\nviews:\n  - id: v\n    layout: {a: {x: .nan, y: 1}}\n",
            4,
            18,
            "layout position x: nan of 'a' is not a number",
        ),
    ],
)
def test_bad_design_is_one_sentence_with_location(
    write, content: str, line: int, column: int, message: str
) -> None:
    error = load_error(write("bad.mesh.yaml", content))
    assert message in error.message
    assert (error.line, error.column) == (line, column)
    assert re.fullmatch(r".*bad\.mesh\.yaml:\d+:\d+: [^\n]+", str(error))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.mesh.yaml").message == "no such file"
    assert "is a directory" in load_error(tmp_path).message


def test_binary_and_invalid_utf8(write) -> None:
    assert "not valid UTF-8" in load_error(write("b.mesh.yaml", b"\x89PNG\r\n\x1a\n\xff")).message
    error = load_error(write("u.mesh.yaml", b"meshStudio: 1\ninfo:\n  title: caf\xe9\n"))
    assert (error.line, error.column) == (3, 13)


def test_alias_bomb_and_deep_nesting_are_refused(write) -> None:
    # how fast: make bench, table "hostile YAML refused"
    bomb = ["meshStudio: 1", 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"x-{i}: &b{i} [" + ",".join(["*a"] * 9) + "]" for i in range(12)]
    deep = "meshStudio: 1\nx-deep: " + "[" * 50_000 + "]" * 50_000 + "\n"
    assert "anchors and aliases" in load_error(write("bomb.mesh.yaml", "\n".join(bomb))).message
    assert "maximum nesting depth" in load_error(write("deep.mesh.yaml", deep)).message


def test_unknown_references_are_not_load_errors(write) -> None:
    path = write(
        "refs.mesh.yaml",
        MINIMAL + "applications:\n  - id: a\n"
        "    publishes: [{topic: nowhere}]\n    calls: [no-such-endpoint]\n",
    )
    app = load_design(path).design.applications[0]
    assert app.publishes[0].topic == "nowhere"
    assert app.calls == ("no-such-endpoint",)


def formats_example() -> str:
    """The design file example of FORMATS.md (see the header of the data file)."""
    return FORMATS_EXAMPLE.read_text(encoding="utf-8")


def test_formats_example_loads_into_typed_model() -> None:
    design = parse_design(formats_example(), "example.mesh.yaml").design
    portal = next(a for a in design.applications if a.id == "portal")
    assert portal.calls == ("get-customer",)
    assert portal.subscribes == (
        Subscription("customer-changed", via="customer-api", schema_version=1),
    )
    api = next(a for a in design.applications if a.id == "customer-api")
    assert api.webhooks and api.webhooks.topics == ("customer-changed",)
    message = design.messages[0]
    assert message.payload == SchemaRef("erp.customer.changed.v1-value", 2)
    assert isinstance(design.messages[1].payload, InlineSchema)
    assert design.endpoints[0].responses == {"200": "customer", "404": None}
    assert design.layout["erp"] == Position(40, 120)
    assert design.rules.disable == ("MS107",) and design.rules.severity == {"MS105": "error"}
    assert design.taxonomy["kafka"].levels == {"domain": ("erp", "crm", "shop")}
    assert design.notes[0].on == "customer-changed" and design.notes[0].resolved is False
    assert design.views == [
        View(
            "customer-domain",
            "Customer domain",
            include=ViewFilter(
                domains=("erp",),
                owners=("integration-platform",),
                brokers=("kafka",),
                protocols=("kafka",),
                elements=("customer-api",),
                around=Around("customer-changed", 1),
            ),
            exclude=ViewFilter(elements=("analytics",)),
            layout={"customer-api": Position(40, 40)},
        )
    ]


def test_canonical_form_is_a_fixed_point() -> None:
    once = dump_design(parse_design(formats_example()).design)
    twice = dump_design(parse_design(once).design)
    assert once == twice
    assert once.endswith("\n") and "\r" not in once and "&" not in once
    assert once.startswith("meshStudio: 1\ninfo:\n  title: ERP customer and product mesh\n")
    order = [line.split(":")[0] for line in once.splitlines() if line and line[0].isalpha()]
    assert order == [
        "meshStudio",
        "info",
        "registry",
        "taxonomy",
        "brokers",
        "applications",
        "topics",
        "messages",
        "endpoints",
        "rules",
        "layout",
        "views",
        "notes",
    ]
    views = once[once.index("\nviews:\n") : once.index("\nnotes:\n")]
    assert views.splitlines()[2:] == [  # as FORMATS.md shows it, without the comments
        "  - id: customer-domain",
        "    name: Customer domain",
        "    include:",
        "      domains: [erp]",
        "      owners: [integration-platform]",
        "      brokers: [kafka]",
        "      protocols: [kafka]",
        "      elements: [customer-api]",
        "      around: {element: customer-changed, hops: 1}",
        "    exclude: {elements: [analytics]}",
        "    layout: {customer-api: {x: 40, y: 40}}",
    ]


def test_extension_keys_survive_a_round_trip(write) -> None:
    text = (
        MINIMAL + "info:\n  title: T\n  x-team: {slack: '#mesh'}\n"
        "applications:\n  - id: a\n    x-cost-centre: 42\n"
        "    subscribes:\n      - topic: t\n        x-retry: {max: 3}\n"
        "topics:\n  - id: t\n    address: a.b\n    x-retention: 7d\n"
        "layout:\n  a: {x: 1.5, y: -2, x-pinned: true}\n"
        "views:\n  - id: v\n    x-audience: ops\n    layout: {a: {x: 1, y: 2, x-pinned: true}}\n"
        "x-generator: hand\n"
    )
    design = load_design(write("x.mesh.yaml", text)).design
    assert design.info.extensions == {"x-team": {"slack": "#mesh"}}
    assert design.applications[0].extensions == {"x-cost-centre": 42}
    assert design.applications[0].subscribes[0].extensions == {"x-retry": {"max": 3}}
    assert design.layout["a"].extensions == {"x-pinned": True}
    assert design.views[0].extensions == {"x-audience": "ops"}
    assert design.views[0].layout["a"].extensions == {"x-pinned": True}
    out = dump_design(design)
    again = parse_design(out).design
    assert again == design
    assert "x-generator: hand" in out and "x-retention: 7d" in out


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_samples_are_canonical_and_round_trip(sample: Path) -> None:
    loaded = load_design(sample).design
    text = sample.read_text(encoding="utf-8")
    assert dump_design(loaded) == text, "samples are kept in canonical form (mesh-studio fmt)"


def test_save_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "d.mesh.yaml"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    design = parse_design(MINIMAL + "applications:\n  - id: a\n").design
    save_design(design, path)
    assert path.read_text(encoding="utf-8") == dump_design(design)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["d.mesh.yaml"]  # no temp file left


def test_failed_save_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "d.mesh.yaml"
    path.write_text("old content\n", encoding="utf-8")
    design = parse_design(MINIMAL).design

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_design(design, path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.mesh.yaml"]


def test_whole_numbers_are_written_as_integers() -> None:
    design = parse_design(MINIMAL + "applications:\n  - id: a\n").design
    design.layout["a"] = Position(40.0, 120.25)
    assert "a: {x: 40, y: 120.25}" in dump_design(design)


def test_strings_that_look_like_other_types_are_quoted() -> None:
    design = parse_design(MINIMAL).design
    design.applications.append(Application("a", name="on", owner="2026-01-01", description="12"))
    text = dump_design(design)
    assert "name: 'on'" in text and "owner: '2026-01-01'" in text and "description: '12'" in text
    assert parse_design(text).design == design


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "mesh.mesh.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "mesh.mesh.yaml"
    link.symlink_to(target)
    design = parse_design(MINIMAL + "applications:\n  - id: a\n").design
    save_design(design, link)
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") == dump_design(design)
    assert sorted(p.name for p in shared.iterdir()) == ["mesh.mesh.yaml"]  # no temp left
