"""The document writer: what any YAML reader reads back is exactly what was written."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.export import Serializer, dump_document
from studio.io.yaml_source import parse_yaml


def _reads_back(data: Any) -> None:
    text = dump_document(data)
    assert yaml.safe_load(text) == data, text
    assert parse_yaml(text, "<doc>")[0] == data, text


def test_strings_other_readers_would_misread_are_quoted() -> None:
    data = {
        "200": "yes",
        "on": "0o17",
        "x": [
            "1e3",
            "1_000",
            "2026-01-01",
            "~",
            "null",
            "<<",
            "=",
            ".inf",
            "0x1F",
            "+1",
            "-",
            ": a",
            "#x",
            "a #b",
            "a: b",
            "@x",
            "`x",
            "{a}",
            "'q'",
            '"d"',
            " lead",
            "trail ",
            "",
            "tab\there",
            "\u2028",
            "\x85",
            "\ufeff",
            "\x7f",
            "é ü 漢字",
        ],
        "{$request.body#/callbackUrl}": {"$ref": "#/components/schemas/x"},
    }
    _reads_back(data)
    text = dump_document(data)
    assert "'200': 'yes'" in text
    assert "$ref: '#/components/schemas/x'" in text or "{$ref: '#/components/schemas/x'}" in text
    assert "é ü 漢字" in text  # UTF-8 as is, not escaped


def test_multi_line_text_is_a_literal_block_that_reads_back() -> None:
    proto = 'syntax = "proto3";\n\nmessage A {\n  string a = 1;\n}\n'
    data = {
        "schema": proto,
        "kept": "a\n\n",
        "plain": "a\nb",
        "indented": "  a\nb",
        "trailing": "a \nb",
        "list": ["x\ny", {"k": "p\nq"}],
    }
    _reads_back(data)
    text = dump_document(data)
    assert 'schema: |\n  syntax = "proto3";\n\n  message A {\n    string a = 1;\n  }\n' in text
    assert "kept: |+\n" in text and "plain: |-\n" in text
    assert 'indented: "  a\\nb"' in text  # a leading space needs quotes


def test_layout_follows_the_design_files() -> None:
    data = {
        "a": {
            "b": [{"c": 1, "d": [1, 2]}, [3, [4, 5]], []],
            "e": {},
            "f": 1.0e16,
            "g": True,
            "h": None,
            "big": list(range(30)),
        }
    }
    text = dump_document(data)
    # flat containers go on one line, anything holding a container is a block
    assert text.startswith(
        "a:\n  b:\n    - c: 1\n      d: [1, 2]\n    -\n      - 3\n      - [4, 5]\n    - []\n"
    )
    assert "  e: {}\n  f: 1.0e+16\n  g: true\n  h: null\n" in text
    _reads_back(data)
    assert dump_document(data, as_json=True) == json.dumps(data, indent=2) + "\n"


def test_shared_subtrees_are_written_the_same_everywhere() -> None:
    shared = {"name": "m", "payload": {"type": "object", "properties": {"a": {"type": "string"}}}}
    one = {"asyncapi": "3.0.0", "components": {"messages": {"m": shared}}}
    two = {"asyncapi": "3.0.0", "x": 1, "components": {"messages": {"m": shared, "n": {}}}}
    serializer = Serializer()
    assert serializer.dump(one) == dump_document(one)
    assert serializer.dump(two) == dump_document(two)
    assert serializer.dump(one) == dump_document(one)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=10), trees, min_size=1, max_size=5))
def test_any_json_data_reads_back(data: dict[str, Any]) -> None:
    text = dump_document(data)
    assert parse_yaml(text, "<doc>")[0] == data, text
    assert yaml.safe_load(text) == data, text
