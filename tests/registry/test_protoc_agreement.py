"""``registry check`` refuses what ``protoc`` refuses, and accepts what it accepts.

protoc is the reference: every consumer of a Protobuf subject compiles it. It runs in-process
from ``grpcio-tools`` (a test dependency). A hand-picked set covers each rule with a valid
and an invalid case; generated files mix the risky pieces (reserved numbers and names, custom
and clashing JSON names, enum prefixes and aliases, defaults, proto2 and proto3) so that the
two verdicts are compared where the rules meet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grpc_tools import protoc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.registry.bounds import SchemaProblem
from studio.registry.protobuf_format import parse_protobuf


def protoc_accepts(text: str, folder: Path) -> bool:
    source = folder / f"case{len(list(folder.iterdir()))}.proto"
    source.write_text(text, encoding="utf-8")
    return (
        protoc.main(["protoc", f"-I{folder}", "--descriptor_set_out=/dev/null", str(source)]) == 0
    )


def studio_accepts(text: str) -> bool:
    try:
        parse_protobuf(text, ())
    except SchemaProblem:
        return False
    return True


P3 = 'syntax = "proto3";\n'
P2 = 'syntax = "proto2";\n'

# (text, what protoc says): the expectation keeps the set honest; the test compares with protoc
CASES = [
    # reserved field numbers and names
    (P3 + 'message M { reserved 2, 5 to 7; reserved "old"; int32 a = 1; int32 b = 8; }', True),
    (P3 + "message M { reserved 2, 5 to 7; int32 a = 6; }", False),
    (P3 + "message M { reserved 3 to max; int32 a = 100; }", False),
    (P3 + 'message M { reserved "old"; int32 old = 1; }', False),
    (P3 + "message M { reserved 2 to 5; reserved 4; int32 a = 1; }", False),
    (P3 + 'message M { reserved "a", "a"; }', False),
    (P2 + "message M { reserved 2; optional int32 a = 1; oneof o { int32 b = 2; } }", False),
    # enums: first value, aliases, reserved, prefixes, scoping
    (P3 + "enum E { A = 0; B = 1; }", True),
    (P3 + "enum E { A = 1; B = 0; }", False),
    (P2 + "enum E { A = 1; B = 0; }", True),
    (P3 + "enum E { A = 0; B = 1; C = 1; }", False),
    (P3 + "enum E { option allow_alias = true; A = 0; B = 1; C = 1; }", True),
    (P3 + "enum E { option allow_alias = true; A = 0; B = 1; }", False),
    (P3 + "enum E { option allow_alias = false; A = 0; B = 1; }", False),
    (P3 + 'enum E { reserved 1; reserved "X"; A = 0; X = 2; }', False),
    (P3 + "enum E { reserved 1; A = 0; B = 1; }", False),
    (P3 + "enum E { A = 0; reserved -5 to -1, 10 to max; B = 2147483647; }", False),
    (P3 + "enum E { A = 0; reserved -5 to -1, 10 to max; B = 9; }", True),
    (P3 + "enum E { E_FOO = 0; FOO = 1; }", False),
    (P3 + "enum MyEnum { MY_ENUM_FOO = 0; Foo = 1; }", False),
    (P3 + "enum E { option allow_alias = true; E_FOO = 0; FOO = 0; }", True),
    (P3 + "enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }", True),
    (P3 + "enum E { A = 0; }\nenum F { A = 0; }", False),
    (P3 + "message A {}\nenum E { A = 0; }", False),
    (P3 + "message M { enum E { A = 0; } int32 A = 1; }", False),
    (P3 + "package p;\nenum E { UNKNOWN = 0; }\nmessage M { enum F { UNKNOWN = 0; } }", True),
    (P3 + "message M { oneof a { int32 x = 1; } int32 a = 2; }", False),
    # explicit defaults
    (P3 + "message M { int32 a = 1 [default = 5]; }", False),
    (P3 + "message M { optional int32 a = 1 [default = 5]; }", False),
    (P2 + "message M { optional int32 a = 1 [default = 5]; }", True),
    (P2 + "message M { repeated int32 a = 1 [default = 5]; }", False),
    (P2 + "message M { optional M m = 1 [default = 5]; }", False),
    # JSON names
    (P3 + "message M { int32 foo_bar = 1; int32 fooBar = 2; }", False),
    (P2 + "message M { optional int32 foo_bar = 1; optional int32 fooBar = 2; }", True),
    (P3 + 'message M { int32 a = 1 [json_name = "x"]; int32 b = 2 [json_name = "x"]; }', False),
    (
        P2 + 'message M { optional int32 a = 1 [json_name = "x"]; '
        'optional int32 b = 2 [json_name = "x"]; }',
        False,
    ),
    (P3 + 'message M { int32 a = 1 [json_name = "bB"]; int32 b_b = 2; }', False),
    (P2 + 'message M { optional int32 a = 1 [json_name = "bB"]; optional int32 b_b = 2; }', True),
    (P3 + "message M { int32 __x = 1; int32 X = 2; }", False),
    (P3 + "message M { oneof o { int32 foo_bar = 1; } int32 FooBar = 2; }", True),
    (P3 + 'message M { map<string, int32> m = 1 [json_name = "n"]; int32 n = 2; }', False),
    # what was checked before
    (P3 + "message M { required int32 a = 1; }", False),
    (P3 + "message M { int32 a = 19000; }", False),
    (P3 + "message M { int32 a = 1; int32 b = 1; }", False),
    (P3 + "message M { Missing a = 1; }", False),
    (P3 + "message M { map<float, int32> m = 1; }", False),
]


@pytest.mark.parametrize(("text", "protoc_verdict"), CASES)
def test_hand_picked_cases_get_protocs_verdict(
    text: str, protoc_verdict: bool, tmp_path: Path
) -> None:
    assert protoc_accepts(text, tmp_path) is protoc_verdict, "the case is not what it claims"
    assert studio_accepts(text) is protoc_verdict


def test_a_refusal_names_its_reason_and_place() -> None:
    with pytest.raises(SchemaProblem) as caught:
        parse_protobuf(
            P3 + "package shop;\nmessage Order { reserved 4 to 6; int32 total = 5; }", ()
        )
    assert caught.value.message == "field 'total' uses number 5, which Order reserves"
    assert caught.value.where == "Order.total"
    with pytest.raises(SchemaProblem) as caught:
        parse_protobuf(P3 + "enum Status { ACTIVE = 1; UNKNOWN = 0; }", ())
    assert "in proto3 the first value must be 0" in caught.value.message
    assert caught.value.where == "Status.ACTIVE"


FIELD_NAMES = st.sampled_from(
    ["foo_bar", "fooBar", "FooBar", "old", "a", "b_b", "bB", "x", "status", "__x", "X"]
)
VALUE_NAMES = st.sampled_from(
    ["UNKNOWN", "E_FOO", "FOO", "Foo", "e_foo", "BAR", "E_BAR", "X", "OLD"]
)
NUMBERS = st.integers(0, 9)


@st.composite
def reserved(draw: st.DrawFn, names: st.SearchStrategy[str], low: int) -> str:
    if draw(st.booleans()):
        return f'reserved "{draw(names)}";'
    start = draw(st.integers(low, 8))
    end = draw(st.sampled_from(["", f" to {start + draw(st.integers(0, 3))}", " to max"]))
    return f"reserved {start}{end};"


@st.composite
def enum_texts(draw: st.DrawFn, name: str) -> str:
    parts = [f"enum {name} {{"]
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"option allow_alias = {draw(st.sampled_from(['true', 'false']))};")
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(reserved(VALUE_NAMES, -2)))
    for value in draw(st.lists(VALUE_NAMES, min_size=1, max_size=4, unique=True)):
        parts.append(f"{value} = {draw(st.integers(0, 3))};")
    return " ".join(parts) + " }"


@st.composite
def message_texts(draw: st.DrawFn, syntax: str) -> str:
    parts = ["message M {"]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(reserved(FIELD_NAMES, 1)))
    labels = ["optional", "repeated"] + (["required"] if syntax == "proto2" else [""])
    for name in draw(st.lists(FIELD_NAMES, max_size=4, unique=True)):
        options = []
        if draw(st.integers(0, 3)) == 0:
            options.append(f'json_name = "{draw(FIELD_NAMES)}"')
        if draw(st.integers(0, 5)) == 0:
            options.append("default = 7")
        suffix = f" [{', '.join(options)}]" if options else ""
        label = draw(st.sampled_from(labels))
        parts.append(f"{label} int32 {name} = {draw(st.integers(1, 9))}{suffix};")
    if draw(st.booleans()):
        parts.append(draw(enum_texts("Inner")))
    return " ".join(parts) + " }"


@st.composite
def proto_files(draw: st.DrawFn) -> str:
    syntax = draw(st.sampled_from(["proto2", "proto3"]))
    pieces = [f'syntax = "{syntax}";']
    if draw(st.booleans()):
        pieces.append(draw(message_texts(syntax)))
    for name in draw(st.lists(st.sampled_from(["E", "MyEnum", "Other"]), max_size=2, unique=True)):
        pieces.append(draw(enum_texts(name)))
    return "\n".join(pieces)


@settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=proto_files())
def test_generated_files_get_protocs_verdict(text: str, tmp_path: Path) -> None:
    assert studio_accepts(text) is protoc_accepts(text, tmp_path), text
