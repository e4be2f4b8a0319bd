"""The safe YAML reader: plain data only, positions, YAML 1.2 scalars, hostile input refused."""

from __future__ import annotations

import math

import pytest

from studio.errors import LoadError
from studio.io.yaml_source import MAX_DEPTH, decode_utf8, parse_yaml


def parse(text: str):
    return parse_yaml(text, "f.yaml")


def error_of(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        parse(text)
    return info.value


def test_scalars_follow_yaml_12_core_schema() -> None:
    data, _ = parse(
        "a: on\nb: no\nc: yes\nd: true\ne: 12\nf: 1.5\ng: null\nh: ~\ni: 2026-01-01\n"
        "j: 0x1f\nk: '12'\nl: .inf\nm: 1_000\n"
    )
    assert data == {
        "a": "on",
        "b": "no",
        "c": "yes",
        "d": True,
        "e": 12,
        "f": 1.5,
        "g": None,
        "h": None,
        "i": "2026-01-01",
        "j": 31,
        "k": "12",
        "l": math.inf,
        "m": "1_000",
    }


def test_keys_are_always_strings() -> None:
    data, _ = parse("200: ok\non: x\ntrue: y\n")
    assert data == {"200": "ok", "on": "x", "true": "y"}


def test_positions_point_at_keys_and_items() -> None:
    _, source = parse("top:\n  items:\n    - id: a\n    - id: b\n")
    assert source.mark(("top", "items")).line == 2
    assert source.mark(("top", "items", 1)).line == 4
    assert (
        source.mark(("top", "items", 1, "id")).line,
        source.mark(("top", "items", 1, "id")).column,
    ) == (4, 7)
    # unknown paths fall back to the nearest known ancestor
    assert source.mark(("top", "items", 1, "nope", 3)).line == 4


def test_explicit_core_tags_are_honoured() -> None:
    data, _ = parse("a: !!str 12\nb: !!int '7'\n")
    assert data == {"a": "12", "b": 7}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: !!python/object:os.system {}\n", 1, "tag '!!python/object:os.system'"),
        ("a: !!python/name:os.system\n", 1, "not allowed"),
        ("a: !custom x\n", 1, "tag '!custom'"),
        ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first written on line 1)"),
        ("a: [\n", 2, "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("[a, b]: 1\n", 1, "keys must be plain text"),
        ("a: !!int x\n", 1, "not a valid !!int"),
        ("a: \x00\n", 1, "control character #x0000"),
    ],
)
def test_hostile_or_broken_yaml_is_one_located_sentence(
    text: str, line: int, fragment: str
) -> None:
    error = error_of(text)
    assert error.line == line
    assert fragment in error.message
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: &x [1]\nb: *x\n",
        "a: 1\nb: 2\na: 3\n",
        "a: [\n",
        "a: 1\n---\nb: 2\n",
        "[a, b]: 1\n",
        "a: !!int x\n",
        "k: {x: [1, 2], y: 'on'}\nl:\n  - 1.5\n  - null\n  - |-\n    text\n",
    ],
)
def test_reading_without_positions_gives_the_same_data_and_errors(text: str) -> None:
    try:
        expected = parse_yaml(text, "f.yaml")
    except LoadError as error:
        with pytest.raises(LoadError) as fast:
            parse_yaml(text, "f.yaml", positions=False)
        assert str(fast.value) == str(error)
        return
    data, source = parse_yaml(text, "f.yaml", positions=False)
    assert data == expected[0] and source.marks == {(): (1, 1)}


def test_billion_laughs_is_refused() -> None:  # how fast: make bench, "hostile YAML refused"
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    error = error_of("\n".join(lines))
    assert "anchors and aliases" in error.message


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert "nests deeper" in error_of(deep).message or "nesting" in error_of(deep).message
    block = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * 110 + "v: 1\n"
    assert "deeper than" in error_of(block).message


def test_empty_document_is_an_error() -> None:
    assert error_of("# only a comment\n").message == "is empty"


def test_invalid_utf8_names_line_and_column() -> None:
    with pytest.raises(LoadError) as info:
        decode_utf8(b"a: 1\nb: \xff\n", "f.yaml")
    assert (info.value.line, info.value.column) == (2, 4)
    assert "not valid UTF-8" in info.value.message


def test_byte_order_mark_is_accepted() -> None:
    assert decode_utf8("\ufeffa: 1".encode(), "f.yaml") == "a: 1"
