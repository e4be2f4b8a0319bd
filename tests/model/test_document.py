"""The Document: the one mutable aggregate, emitting one typed event per change."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.model import (
    Application,
    Design,
    Document,
    DocumentReset,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    Info,
    Position,
    PositionChanged,
    SectionChanged,
    Topic,
)


@pytest.fixture
def doc() -> Document:
    design = Design(
        applications=[Application("erp"), Application("crm")],
        topics=[Topic("orders", "shop.order.placed.v1")],
    )
    return Document(design)


def record(doc: Document) -> list[object]:
    events: list[object] = []
    doc.changed.connect(events.append)
    return events


def test_add_inserts_at_index_and_emits(doc: Document) -> None:
    events = record(doc)
    app = Application("shop", kind="service")
    doc.add(app, index=1)
    assert [a.id for a in doc.design.applications] == ["erp", "shop", "crm"]
    assert doc.get("shop") is app and "shop" in doc
    assert events == [ElementAdded(app, 1)]


def test_ids_are_unique_across_kinds(doc: Document) -> None:
    with pytest.raises(ValueError, match="already used by a topic"):
        doc.add(Application("orders"))


def test_remove_returns_element_and_index(doc: Document) -> None:
    events = record(doc)
    element, index = doc.remove("crm")
    assert (element.id, index) == ("crm", 1)
    assert doc.get("crm") is None
    assert events == [ElementRemoved(element, 1)]
    doc.add(element, index)  # what undo does
    assert [a.id for a in doc.design.applications] == ["erp", "crm"]


def test_replace_swaps_in_place_and_can_rename(doc: Document) -> None:
    events = record(doc)
    old = doc.get("erp")
    new = dataclasses.replace(old, id="sap", name="SAP")
    assert doc.replace("erp", new) is old
    assert doc.design.applications[0] is new and doc.get("sap") is new and "erp" not in doc
    assert events == [ElementReplaced(old=old, new=new)]
    with pytest.raises(ValueError):
        doc.replace("sap", dataclasses.replace(new, id="crm"))
    with pytest.raises(TypeError):
        doc.replace("sap", Topic("sap", "x"))


def test_positions_and_sections(doc: Document) -> None:
    events = record(doc)
    assert doc.set_position("erp", Position(1, 2)) is None
    assert doc.set_position("erp", None) == Position(1, 2)
    assert "erp" not in doc.design.layout
    old = doc.set_section("info", Info(title="T"))
    assert doc.design.info.title == "T"
    assert events == [
        PositionChanged("erp", old=None, new=Position(1, 2)),
        PositionChanged("erp", old=Position(1, 2), new=None),
        SectionChanged("info", old=old, new=Info(title="T")),
    ]
    with pytest.raises(ValueError):
        doc.set_section("applications", [])


def test_reset_reindexes(doc: Document) -> None:
    events = record(doc)
    design = Design(topics=[Topic("t", "a")])
    doc.reset(design)
    assert doc.get("t") is not None and doc.get("erp") is None
    assert events == [DocumentReset(design)]


@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "rename"]), st.integers(0, 30))))
def test_index_of_is_where_the_element_stands_after_any_edits(
    edits: list[tuple[str, int]],
) -> None:
    # index_of remembers where it last saw each element; after any mix of edits it still
    # names the element's place, as a scan of the list would
    doc = Document(Design(applications=[Application(f"a{i}") for i in range(12)]))
    made = 12
    for edit, n in edits:
        apps = doc.design.applications
        if edit == "add" or not apps:
            doc.add(Application(f"a{made}"), n % (len(apps) + 1))
            made += 1
        elif edit == "remove":
            doc.remove(apps[n % len(apps)].id)
        else:
            old = apps[n % len(apps)]
            doc.replace(old.id, dataclasses.replace(old, id=f"a{made}"))
            made += 1
        apps = doc.design.applications
        for probe in (apps[n % len(apps)], apps[-1], apps[0]) if apps else ():
            assert doc.index_of(probe.id) == [a.id for a in apps].index(probe.id)


def test_unused_id(doc: Document) -> None:
    assert doc.unused_id("erp") == "erp-2"
    assert doc.unused_id("new") == "new"


def test_elements_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Application("a").name = "x"  # type: ignore[misc]
