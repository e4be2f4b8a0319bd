"""The fast Protobuf reader must read exactly what proto-schema-parser reads, or step aside.

Generated ``.proto`` texts in the subset the fast reader knows (with comments, options,
reserved ranges, maps, oneofs, nested types, odd spacing) must be accepted by it and give the
same model as the library. Texts with a token deleted or duplicated may be refused by the
fast reader (the library then decides), but whatever it accepts must equal the library's
reading. Everything outside the subset goes to the library, and every error says where.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.generate import generate_mesh
from studio.registry import load_registry
from studio.registry.bounds import SchemaProblem
from studio.registry.protobuf_parser import (
    _Doubt,
    _Reader,
    _tokens,
    parse_proto_file,
    parse_with_library,
)
from tests.conftest import SAMPLES

NAMES = st.sampled_from(["a", "b", "order_id", "Total", "x1", "value", "message_type", "kind"])
SCALARS = st.sampled_from(
    [
        "double",
        "float",
        "int32",
        "int64",
        "uint32",
        "sint64",
        "fixed32",
        "sfixed64",
        "bool",
        "string",
        "bytes",
    ]
)
TYPE_NAMES = st.sampled_from(
    ["Money", "acme.common.Money", ".acme.common.Money", "Inner", "Outer.Inner", "E"]
)
COMMENTS = st.sampled_from(["", " // a comment\n", " /* block { } */ ", "\n\n", "\t"])
OPTION_VALUES = st.sampled_from(
    ['"text"', "'single'", "true", "42", "-7", "1.5", "SPEED", '"a" "b"']
)


def fast(text: str) -> object:
    return _Reader(_tokens(text)).file()


@st.composite
def proto_texts(draw: st.DrawFn) -> str:
    syntax = draw(st.sampled_from(["proto2", "proto3"]))
    gap = draw(COMMENTS)
    lines = [f'syntax = "{syntax}";{gap}']
    if draw(st.booleans()):
        lines.append(f"package {draw(st.sampled_from(['acme', 'acme.shop.v1', 'a_b.c']))};")
    for path in draw(st.lists(st.sampled_from(["a/b.proto", "money.proto"]), unique=True)):
        lines.append(f'import {draw(st.sampled_from(["", "public ", "weak "]))}"{path}";')
    if draw(st.booleans()):
        lines.append(f"option java_package = {draw(OPTION_VALUES)};")
    if draw(st.booleans()):
        lines.append(f"option (acme.opt).deep = {draw(OPTION_VALUES)};")
    for index in range(draw(st.integers(1, 3))):
        lines.append(draw(_message(syntax, f"M{index}", 0)))
    if draw(st.booleans()):
        lines.append(draw(_enum("TopEnum")))
    separator = draw(st.sampled_from(["\n", " ", "\n  \n", "\r\n"]))
    return separator.join(lines) + draw(COMMENTS)


@st.composite
def _message(draw: st.DrawFn, syntax: str, name: str, depth: int) -> str:
    parts = [f"message {name} {{"]
    numbers = iter(range(1, 100))
    labels = ["optional", "repeated"] + (["required"] if syntax == "proto2" else [""])
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                ["field", "field", "map", "oneof", "reserved", "option", "empty", "enum"]
                + (["message"] if depth < 2 else [])
            )
        )
        if kind == "field":
            label = draw(st.sampled_from(labels))
            options = draw(
                st.sampled_from(["", " [deprecated = true]", ' [json_name = "x", (acme.f) = 3]'])
            )
            parts.append(
                f"  {label} {draw(st.one_of(SCALARS, TYPE_NAMES))} {draw(NAMES)} = "
                f"{next(numbers)}{options};{draw(COMMENTS)}"
            )
        elif kind == "map":
            key = draw(st.sampled_from(["string", "int64"]))
            value = draw(st.one_of(SCALARS, TYPE_NAMES))
            parts.append(f"  map<{key}, {value}> {draw(NAMES)} = {next(numbers)};")
        elif kind == "oneof":
            members = " ".join(
                f"{draw(st.one_of(SCALARS, TYPE_NAMES))} {draw(NAMES)} = {next(numbers)};"
                for _ in range(draw(st.integers(1, 3)))
            )
            parts.append(f"  oneof {draw(NAMES)} {{ option (o) = 1; {members} }}")
        elif kind == "reserved":
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "  reserved 2, 15, 9 to 11;",
                            '  reserved "foo", "bar";',
                            "  reserved 100 to max;",
                        ]
                    )
                )
            )
        elif kind == "option":
            parts.append(f"  option deprecated = {draw(OPTION_VALUES)};")
        elif kind == "empty":
            parts.append("  ;")
        elif kind == "enum":
            parts.append(draw(_enum(f"E{depth}")))
        else:
            parts.append(draw(_message(syntax, f"Inner{depth}", depth + 1)))
    parts.append("}")
    return "\n".join(parts)


@st.composite
def _enum(draw: st.DrawFn, name: str) -> str:
    values = [
        f"{name.upper()}_V{i} = {n};"
        for i, n in enumerate(
            draw(st.lists(st.integers(-5, 50), min_size=1, max_size=4, unique=True))
        )
    ]
    if draw(st.booleans()):
        values.insert(0, "option allow_alias = true;")
    if draw(st.booleans()):
        values.append("reserved 60 to 70;")
    return f"enum {name} {{ {' '.join(values)} }}"


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(proto_texts())
def test_fast_reader_accepts_the_subset_and_reads_it_like_the_library(text: str) -> None:
    assert fast(text) == parse_with_library(text)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(proto_texts(), st.data())
def test_what_the_fast_reader_accepts_after_damage_the_library_reads_the_same(
    text: str, data: st.DataObject
) -> None:
    tokens = _tokens(text)
    index = data.draw(st.integers(0, len(tokens) - 1))
    damaged_tokens = (
        tokens[:index] + tokens[index + 1 :]
        if data.draw(st.booleans())
        else [*tokens[:index], tokens[index], *tokens[index:]]
    )
    damaged = " ".join(damaged_tokens)
    try:
        model = fast(damaged)
    except _Doubt:
        return  # the library decides; nothing to compare
    assert model == parse_with_library(damaged), damaged


def _all_protobuf_texts() -> list[str]:
    texts = []
    for name in ("registry.yaml", "iot-registry.yaml"):
        registry, _ = load_registry(SAMPLES / name)
        texts += [
            v.schema
            for s in registry.subjects.values()
            for v in s.versions
            if v.schema_type == "PROTOBUF"
        ]
    generated = generate_mesh(60, seed=3).registry
    texts += [
        v.schema
        for s in generated.subjects.values()
        for v in s.versions
        if v.schema_type == "PROTOBUF"
    ]
    return texts


def test_sample_and_generated_schemas_take_the_fast_path() -> None:
    texts = _all_protobuf_texts()
    assert len(texts) > 20
    for text in texts:
        assert fast(text) == parse_with_library(text)


@pytest.mark.parametrize(
    "text",
    [
        'syntax = "proto3";\nservice S { rpc F(M) returns (M); }\nmessage M { string a = 1; }',
        'syntax = "proto2";\nmessage M { optional group G = 1 { optional int32 a = 2; } }',
        'syntax = "proto2";\nmessage M { extensions 100 to 200; }\n'
        "extend M { optional int32 y = 101; }",
        'syntax = "proto3";\nmessage M { string a = 1 [(x) = { a: 1 }]; }',
    ],
)
def test_the_rest_of_the_language_goes_to_the_library(text: str) -> None:
    with pytest.raises(_Doubt):
        fast(text)
    assert parse_proto_file(text) == parse_with_library(text)


def test_groups_become_a_nested_message_and_a_field() -> None:
    model = parse_proto_file(
        'syntax = "proto2";\nmessage M { optional group Result = 1 { optional int32 a = 2; } }'
    )
    message = model.messages[0]
    assert [m.name for m in message.messages] == ["Result"]
    assert [(f.name, f.number, f.type, f.label) for f in message.fields] == [
        ("result", 1, "Result", "optional")
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('syntax = "proto3";\nmessage M {\n  string a = 1\n}', 4, 1, "mismatched input '}'"),
        ('syntax = "proto3";\nmessage {', 2, 9, "'{'"),
        ('syntax = "proto3";\nmessage M { string a = 1; } }', 2, 29, "'}'"),
        ('syntax = "proto3";\nmessage M { string a = 1; @ }', 2, 27, "token recognition error"),
    ],
)
def test_syntax_errors_say_where(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(SchemaProblem) as info:
        parse_proto_file(text)
    assert info.value.where == f"line {line}, column {column}"
    assert words in info.value.message
    assert "expecting" not in info.value.message  # ANTLR's token list is cut off


def test_nothing_is_printed_for_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SchemaProblem):
        parse_proto_file("message {")
    assert capsys.readouterr() == ("", "")
