"""The engine's public API: can_read for pinned consumers, version lookups, errors, levels."""

from __future__ import annotations

import pytest

from studio.registry import (
    SchemaError,
    SchemaVersion,
    can_read,
    check_candidate,
    check_history,
    check_versions,
    load_registry,
)
from studio.registry.compatibility import level_parts
from tests.conftest import SAMPLES
from tests.registry.helpers import f, obj, proto, record, registry_of


@pytest.mark.parametrize(
    ("schema_type", "old", "new"),
    [
        ("AVRO", record(f("a", "int")), record(f("a", "int"), f("b", "string", default=""))),
        (
            "JSON",
            obj({"a": {"type": "string"}}, closed=True),
            obj({"a": {"type": "string"}, "b": {"type": "string"}}, closed=True),
        ),
        (
            "PROTOBUF",
            proto("message A { string a = 1; }"),
            proto("message A { string a = 1; int64 b = 2; }"),
        ),
    ],
)
def test_can_read_for_a_consumer_pinned_to_an_old_reader(
    schema_type: str, old: str, new: str
) -> None:
    registry = registry_of(old, new, schema_type=schema_type)
    v1, v2 = registry.subjects["s"].versions
    assert can_read(registry, reader=v2, writer=v1, subject="s") == []
    found = can_read(registry, reader=v1, writer=v2, subject="s")
    if schema_type == "PROTOBUF":
        assert found == []  # an old proto reader skips unknown fields
    elif schema_type == "AVRO":
        assert found == []  # v1 ignores the added field
    else:
        # a closed JSON Schema reader refuses documents with the new property
        assert [(i.old_version, i.new_version, i.direction, i.rule) for i in found] == [
            (2, 1, "read", "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL")
        ]


def test_can_read_reports_what_a_pinned_consumer_would_hit() -> None:
    registry = registry_of(record(f("a", "int")), record(f("a", "string")))
    v1, v2 = registry.subjects["s"].versions
    [item] = can_read(registry, v1, v2, "s")
    assert (item.subject, item.old_version, item.new_version) == ("s", 2, 1)
    assert (item.path, item.rule, item.direction) == ("R.a", "TYPE_MISMATCH", "read")
    assert item.message == "v1 cannot read 'R.a': it expects int where v2 writes string."


def test_can_read_across_schema_types() -> None:
    registry = registry_of(
        SchemaVersion(1, '"string"', 1, "AVRO"), SchemaVersion(2, '{"type": "string"}', 2, "JSON")
    )
    v1, v2 = registry.subjects["s"].versions
    assert [i.rule for i in can_read(registry, v1, v2)] == ["SCHEMA_TYPE_CHANGED"]


def test_can_read_on_the_samples_pinned_consumers() -> None:
    registry, _ = load_registry(SAMPLES / "registry.yaml")
    subject = registry.subjects["erp.customer.changed.v1-value"]
    latest = subject.get("latest")
    for version in subject.live_versions():
        assert can_read(registry, version, latest, subject.name) == []


def test_versions_by_number_or_latest() -> None:
    registry = registry_of(
        record(f("a", "int")),
        record(f("a", "long")),
        SchemaVersion(3, record(f("a", "string")), 3, deleted=True),
    )
    assert check_versions(registry, "s", 1, "latest", "BACKWARD") == []  # latest live is v2
    assert check_versions(registry, "s", 1, 3, "BACKWARD")  # deleted, but named on purpose
    with pytest.raises(SchemaError, match="there is no version 7 of subject 's'"):
        check_versions(registry, "s", 1, 7)
    with pytest.raises(SchemaError, match="there is no subject 'nope'"):
        check_versions(registry, "nope", 1, 2)
    with pytest.raises(SchemaError, match="there is no subject 'nope'"):
        check_history(registry, "nope")


def test_a_broken_stored_version_or_candidate_raises() -> None:
    registry = registry_of(record(f("a", "int")), "{oops")
    with pytest.raises(SchemaError) as info:
        check_versions(registry, "s", 1, 2)
    assert (info.value.subject, info.value.version) == ("s", 2)
    with pytest.raises(SchemaError) as info:
        check_candidate(registry_of(record(f("a", "int"))), "s", "{oops")
    assert info.value.candidate


def test_level_parts() -> None:
    assert level_parts("FULL_TRANSITIVE") == (True, True, True)
    assert level_parts("FORWARD") == (False, True, False)
    assert level_parts("NONE") == (False, False, False)
    with pytest.raises(ValueError, match="unknown compatibility level 'SIDEWAYS'"):
        level_parts("SIDEWAYS")
