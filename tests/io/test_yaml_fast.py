"""The fast writer gives PyYAML's emitter's bytes, on real files and generated data."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from studio.generate import generate_mesh
from studio.io.design_codec import design_to_data
from studio.io.design_file import _is_block as design_blocks
from studio.io.design_file import load_design
from studio.io.yaml_fast import FastUnsure, FastWriter
from studio.io.yaml_writer import _fits_on_one_line, _scalar, dump_yaml, dump_yaml_with_pyyaml
from studio.registry.file import _is_block as registry_blocks
from studio.registry.file import load_registry, registry_to_data
from tests.conftest import SAMPLE_DESIGNS, SAMPLES


def fast(data: object, block=lambda path: False) -> str:  # type: ignore[no-untyped-def]
    """The fast writer alone (no fallback), as dump_yaml runs it."""
    return FastWriter(
        lambda value, path: not block(path) and _fits_on_one_line(value), _scalar
    ).document(data)


@pytest.mark.parametrize("design", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_the_samples_are_written_by_the_fast_writer_as_pyyaml_writes_them(design) -> None:  # type: ignore[no-untyped-def]
    data = design_to_data(load_design(design).design)
    assert fast(data, design_blocks) == dump_yaml_with_pyyaml(data, design_blocks)
    assert fast(data, design_blocks) == design.read_text(encoding="utf-8")  # canonical
    for name in ("registry.yaml", "iot-registry.yaml"):
        registry = registry_to_data(load_registry(SAMPLES / name)[0])
        assert fast(registry, registry_blocks) == dump_yaml_with_pyyaml(registry, registry_blocks)


def test_a_generated_mesh_and_its_registry_are_the_same_bytes() -> None:
    generated = generate_mesh(120, 11, "gen.registry.yaml")
    design = design_to_data(generated.design)
    assert fast(design, design_blocks) == dump_yaml_with_pyyaml(design, design_blocks)
    registry = registry_to_data(generated.registry)
    assert fast(registry, registry_blocks) == dump_yaml_with_pyyaml(registry, registry_blocks)


# strings made of the characters that decide YAML's quoting
_TRICKY = st.text(
    alphabet=st.sampled_from(
        [
            *"ab Z09_-.:#,[]{}?!&*|>'\"%@`~=<$^\\/()\t\n",
            "é",
            "😀",
            "\x85",
            "\u2028",
            "\ufeff",
            "\x07",
            "\xa0",
        ]
    ),
    max_size=12,
)
_WORDS = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "off",
        "null",
        "~",
        "true",
        "1",
        "0o7",
        "1e3",
        ".inf",
        "-",
        "---",
        "...",
        "- x",
        "a: b",
        "a #b",
        "x\n",
        "x\n\n",
        " x",
        "x ",
        "",
        "<<",
        "=",
    ]
)
_SCALARS = st.one_of(
    _TRICKY, _WORDS, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()
)
_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(_TRICKY, _WORDS), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@example({"0": "0\n\t0"})  # a tab in a literal block: PyYAML double-quotes the string
@given(st.dictionaries(st.one_of(_TRICKY, _WORDS), _TREES, min_size=1, max_size=5))
def test_generated_data_is_written_as_pyyaml_writes_it(data: dict) -> None:
    blocks = [lambda path: False, lambda path: len(path) <= 1]
    for block in blocks:
        expected = dump_yaml_with_pyyaml(data, block)
        assert dump_yaml(data, block) == expected
        with contextlib.suppress(FastUnsure):  # else left to PyYAML, as dump_yaml did above
            assert fast(data, block) == expected
