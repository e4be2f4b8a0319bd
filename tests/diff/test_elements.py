"""Added and removed elements, per section, and when a removal breaks someone."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from studio.io.design_file import load_design
from studio.model import Application, Broker, Endpoint, Message, Note, Publication, Topic
from tests.conftest import SAMPLE_DESIGNS, SAMPLES
from tests.diff.helpers import app, changed, erp, one, plus, run, without


def test_a_design_against_itself_has_no_changes() -> None:
    result = run(erp(), erp())
    assert result.same and result.changes == () and not result.layout_changed


def test_added_elements_break_nobody() -> None:
    old = erp()
    new = plus(
        plus(
            plus(old, Broker("nats", protocol="nats")),
            Topic("audit", "erp.audit.changed.v1", "kafka"),
        ),
        Application("auditor", kind="service", publishes=(Publication("audit"),)),
    )
    result = run(old, new)
    assert [(c.kind, c.path, c.breaking) for c in result.changes] == [
        ("added", "brokers/nats", False),
        ("added", "applications/auditor", False),
        ("added", "topics/audit", False),
    ]
    assert all(c.reason for c in result.changes)
    # relations of an added element are part of its addition, not listed again
    assert not any(c.section == "links" for c in result.changes)


def test_removed_topic_with_consumers_is_breaking() -> None:
    old = erp()
    new = without(old, "product-changed")
    change = one(run(old, new))
    assert (change.kind, change.element, change.path) == (
        "removed",
        "product-changed",
        "topics/product-changed",
    )
    assert change.breaking
    assert "analytics and sales-projector consume it" in change.reason
    assert "erp still refers to it" in change.reason
    assert set(change.affected) == {"analytics", "sales-projector", "erp"}


def test_removed_topic_whose_consumers_also_left_is_still_breaking() -> None:
    """Consumers in the old design count: their running code still subscribes."""
    old = erp()
    new = without(old, "product-changed")
    for app_id in ("erp", "analytics", "sales-projector"):
        a = app(new, app_id)
        new = changed(
            new,
            app_id,
            publishes=tuple(p for p in a.publishes if p.topic != "product-changed"),
            subscribes=tuple(s for s in a.subscribes if s.topic != "product-changed"),
        )
    change = one(run(old, new), "topics/product-changed")
    assert change.breaking and "analytics and sales-projector consume it" in change.reason


def test_removed_topic_nobody_consumed_is_not_breaking() -> None:
    old = plus(erp(), Topic("spare", "erp.spare.changed.v1", "kafka"))
    change = one(run(old, erp()))
    assert change.kind == "removed" and not change.breaking
    assert change.reason == "Nobody consumed topic spare."


def test_removed_endpoint_that_is_called_is_breaking() -> None:
    old = erp()
    change = one(run(old, without(old, "list-products")))
    assert change.breaking and change.reason == (
        "Endpoint list-products is removed but shop calls it."
    )
    assert change.affected == ("shop",)


def test_removed_endpoint_nobody_calls_is_not_breaking() -> None:
    old = plus(erp(), Endpoint("ping", "product-api", "GET", "/ping"))
    change = one(run(old, erp()))
    assert not change.breaking and "calls endpoint ping" in change.reason


def test_removed_message_still_used_is_breaking_and_unused_is_not() -> None:
    old = erp()
    used = one(run(old, without(old, "problem")))
    assert used.breaking and "still use it" in used.reason and "get-customer" in used.reason
    spare = plus(old, Message("spare"))
    unused = one(run(spare, old))
    assert not unused.breaking


def test_removed_broker_with_topics_is_breaking() -> None:
    old = erp()
    change = one(run(old, without(old, "rabbitmq")))
    assert change.breaking and change.affected == ("shipment-dispatched",)
    empty = plus(old, Broker("spare", protocol="nats"))
    assert not one(run(empty, old)).breaking


def test_removed_application_others_depend_on_is_breaking() -> None:
    old = erp()
    # the evented API: endpoints name it as provider, two apps receive its webhooks
    change = one(run(old, without(old, "customer-api")), "applications/customer-api")
    assert change.breaking
    assert "still refer to it" in change.reason and "delivered webhooks to portal and crm" in (
        change.reason
    )
    # the only producer of product-changed, which analytics still consumes
    erp_gone = one(run(old, without(old, "erp")), "applications/erp")
    assert erp_gone.breaking and "last producer of product-changed" in erp_gone.reason


def test_removed_application_nothing_depends_on_is_not_breaking() -> None:
    old = erp()
    change = one(run(old, without(old, "sales-cockpit")))
    assert not change.breaking
    assert change.reason == "Nothing in the new design depends on application sales-cockpit."


def test_removed_note_is_not_breaking() -> None:
    old = erp()
    change = one(run(old, without(old, "note-compaction")))
    assert (change.path, change.breaking) == ("notes/note-compaction", False)


def test_an_id_moving_to_another_section_is_a_removal_and_an_addition() -> None:
    old = plus(erp(), Note("thing", text="x"))
    new = plus(erp(), Broker("thing", protocol="nats"))
    result = run(old, new)
    assert [(c.kind, c.path) for c in result.changes] == [
        ("added", "brokers/thing"),
        ("removed", "notes/thing"),
    ]


def test_changes_come_in_file_order_then_id() -> None:
    old = erp()
    new = without(old, "sales-cockpit", "note-compaction", "get-sales-summary")
    new = changed(new, "kafka", description="changed")
    new.rules = dataclasses.replace(new.rules, disable=("MS107",))
    sections = [c.section for c in run(old, new).changes]
    assert sections == ["brokers", "applications", "endpoints", "rules", "notes"]


@pytest.mark.parametrize("sample", SAMPLE_DESIGNS, ids=lambda p: p.name)
def test_every_sample_against_itself_is_the_same(sample: Path) -> None:
    design = load_design(sample).design
    assert run(design, copy.deepcopy(design)).same


def test_swapping_the_sides_swaps_added_and_removed() -> None:
    erp_design = erp()
    iot = load_design(SAMPLES / "iot-mesh.mesh.yaml").design
    forward, backward = run(erp_design, iot), run(iot, erp_design)
    assert forward.summary()["added"] == backward.summary()["removed"]
    assert forward.summary()["changed"] == backward.summary()["changed"]
    assert {c.path for c in forward.changes} == {c.path for c in backward.changes}
