"""Property: any design saved canonically loads back equal, and saving again is byte-identical."""

from __future__ import annotations

import dataclasses
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.io.design_file import dump_design, parse_design
from studio.model import (
    APPLICATION_KINDS,
    HTTP_METHODS,
    PROTOCOLS,
    Application,
    Around,
    Broker,
    Design,
    Endpoint,
    Info,
    InlineSchema,
    Message,
    Note,
    Position,
    Publication,
    Rules,
    SchemaRef,
    Subscription,
    TaxonomyRule,
    Topic,
    View,
    ViewFilter,
    Webhooks,
)
from tests.conftest import SAMPLE_DESIGNS

ids = st.from_regex(r"[a-z][a-z0-9_.-]{0,12}", fullmatch=True)
# any text, including YAML-significant and look-alike strings ("on", "12", "- x", "a: b")
text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
    st.sampled_from(
        [
            "on",
            "no",
            "12",
            "1.5",
            "null",
            "~",
            "- x",
            "a: b",
            "#c",
            "'q'",
            " sp ",
            "line\nbreak",
            "trailing \n",
            "\t",
            "2026-01-01",
            "0x1f",
            "",
        ]
    ),
)
maybe_text = st.none() | text
ext_keys = st.from_regex(r"x-[a-z]{1,8}", fullmatch=True)
json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | text
    | st.floats(allow_nan=False, allow_infinity=False)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
extensions = st.dictionaries(ext_keys, json_value, max_size=2)
version = st.integers(1, 50) | st.just("latest")
id_tuple = st.lists(ids, max_size=3).map(tuple)
schema_source = (
    st.none()
    | st.builds(SchemaRef, text.filter(bool), version)
    | st.builds(
        InlineSchema,
        st.dictionaries(st.sampled_from(["type", "title", "x"]), json_value, max_size=3),
    )
)

applications = st.builds(
    Application,
    id=ids,
    name=maybe_text,
    kind=st.sampled_from(APPLICATION_KINDS),
    owner=maybe_text,
    description=maybe_text,
    backend=st.none() | ids,
    publishes=st.lists(st.builds(Publication, ids, maybe_text, extensions), max_size=2).map(tuple),
    calls=id_tuple,
    subscribes=st.lists(
        st.builds(
            Subscription,
            ids,
            st.none() | ids,
            maybe_text,
            st.none() | version,
            maybe_text,
            extensions,
        ),
        max_size=2,
    ).map(tuple),
    webhooks=st.none()
    | st.builds(
        Webhooks,
        st.from_regex(r"/[a-z/{}]{0,10}", fullmatch=True),
        id_tuple,
        maybe_text,
        extensions,
    ),
    writes=id_tuple,
    reads=id_tuple,
    extensions=extensions,
)
elements = st.tuples(
    st.lists(
        st.builds(
            Broker,
            ids,
            maybe_text,
            st.sampled_from(PROTOCOLS),
            maybe_text,
            maybe_text,
            maybe_text,
            extensions,
        ),
        max_size=2,
    ),
    st.lists(applications, max_size=3),
    st.lists(
        st.builds(
            Topic,
            ids,
            text.filter(bool),
            st.none() | ids,
            id_tuple,
            maybe_text,
            st.none()
            | st.dictionaries(st.sampled_from(PROTOCOLS), json_value, min_size=1, max_size=2),
            extensions,
        ),
        max_size=3,
    ),
    st.lists(
        st.builds(
            Message,
            ids,
            maybe_text,
            maybe_text,
            maybe_text,
            maybe_text,
            maybe_text,
            schema_source,
            schema_source,
            schema_source,
            st.lists(json_value, max_size=2).map(tuple),
            extensions,
        ),
        max_size=3,
    ),
    st.lists(
        st.builds(
            Endpoint,
            ids,
            ids,
            st.sampled_from(HTTP_METHODS),
            st.from_regex(r"/[a-z/{}]{0,12}", fullmatch=True),
            maybe_text,
            maybe_text,
            st.none() | ids,
            st.dictionaries(
                st.sampled_from(["200", "201", "404", "default", "5XX"]),
                st.none() | ids,
                max_size=3,
            ),
            extensions,
        ),
        max_size=2,
    ),
    st.lists(
        st.builds(Note, ids, st.none() | ids, maybe_text, text, st.booleans(), extensions),
        max_size=2,
    ),
)


def unique_ids(groups: tuple[list, ...]) -> bool:
    all_ids = [e.id for group in groups for e in group]
    return len(all_ids) == len(set(all_ids))


positions = st.dictionaries(
    ids,
    st.builds(
        Position,
        st.integers(-5000, 5000) | st.floats(-1e6, 1e6, allow_nan=False),
        st.integers(-5000, 5000),
        extensions,
    ),
    max_size=3,
)
view_filters = st.builds(
    ViewFilter,
    st.lists(text.filter(bool), max_size=2).map(tuple),
    st.lists(text.filter(bool), max_size=2).map(tuple),
    id_tuple,
    st.lists(st.sampled_from(PROTOCOLS), max_size=2).map(tuple),
    id_tuple,
    st.none() | st.builds(Around, ids, st.integers(0, 5)),
)
views = st.lists(
    st.builds(View, ids, maybe_text, view_filters, view_filters, positions, extensions),
    max_size=2,
    unique_by=lambda view: view.id,
)

designs = st.builds(
    lambda info, registry, taxonomy, groups, rules, layout, views, ext: Design(
        format_version=1,
        info=info,
        registry=registry,
        taxonomy=taxonomy,
        brokers=groups[0],
        applications=groups[1],
        topics=groups[2],
        messages=groups[3],
        endpoints=groups[4],
        rules=rules,
        layout=layout,
        views=views,
        notes=groups[5],
        extensions=ext,
    ),
    st.builds(Info, maybe_text, maybe_text, maybe_text, maybe_text, extensions),
    st.none() | st.from_regex(r"[a-z]{1,8}\.yaml", fullmatch=True),
    st.dictionaries(
        st.sampled_from(PROTOCOLS),
        st.builds(
            TaxonomyRule,
            text.filter(bool),
            st.dictionaries(
                st.text(string.ascii_lowercase, min_size=1, max_size=6),
                st.lists(text, max_size=3).map(tuple),
                max_size=2,
            ),
            extensions,
        ),
        max_size=2,
    ),
    elements.filter(unique_ids),
    st.builds(
        Rules,
        st.lists(st.from_regex(r"MS1[0-9]{2}", fullmatch=True), max_size=2).map(tuple),
        st.dictionaries(
            st.from_regex(r"MS1[0-9]{2}", fullmatch=True),
            st.sampled_from(["error", "warning", "info"]),
            max_size=2,
        ),
        extensions,
    ),
    positions,
    views,
    extensions,
)


def normalised(design: Design) -> Design:
    """What a save can legitimately change: whole floats in layouts become integers."""

    def whole(layout: dict[str, Position]) -> dict[str, Position]:
        return {
            k: Position(int(p.x) if float(p.x).is_integer() else p.x, p.y, p.extensions)
            for k, p in layout.items()
        }

    design.layout = whole(design.layout)
    design.views = [dataclasses.replace(v, layout=whole(v.layout)) for v in design.views]
    return design


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs)
def test_load_save_load_is_lossless(design: Design) -> None:
    text = dump_design(design)
    loaded = parse_design(text, "generated.mesh.yaml").design
    assert loaded == normalised(design)
    assert dump_design(loaded) == text


@pytest.mark.parametrize("design_path", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_a_yaml_11_tool_loading_and_saving_a_design_changes_nothing(design_path: Path) -> None:
    """PyYAML reads YAML 1.1 (``on``/``yes`` are booleans, dates are dates): a CI script that
    loads and saves a design with it must leave a design that means the same."""
    import yaml

    text = design_path.read_text(encoding="utf-8")
    through_pyyaml = yaml.safe_dump(yaml.safe_load(text), sort_keys=False, allow_unicode=True)
    assert parse_design(through_pyyaml).design == parse_design(text).design


def test_notes_are_pinned_with_target_and_older_files_with_on_still_load() -> None:
    old = (
        "meshStudio: 1\napplications:\n  - {id: app}\nnotes:\n"
        "  - {id: n1, on: app, text: hello, resolved: false}\n"
    )
    design = parse_design(old).design
    assert design.notes[0].on == "app"
    written = dump_design(design)
    assert "target: app" in written and "on:" not in written
    assert parse_design(written).design == design
