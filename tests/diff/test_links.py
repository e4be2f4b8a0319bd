"""Relations (publishes, subscribes, webhook deliveries, calls, writes, reads, fronts, note
pins): added, removed, and changed subscription settings."""

from __future__ import annotations

import dataclasses

from studio.model import Publication, Subscription
from tests.diff.helpers import app, changed, erp, one, run, without


def _subscriptions(design, app_id, keep):  # type: ignore[no-untyped-def]
    return changed(
        design, app_id, subscribes=tuple(s for s in app(design, app_id).subscribes if keep(s))
    )


def test_added_relation_is_not_breaking_and_names_the_canvas_edge() -> None:
    old = erp()
    new = changed(
        old,
        "crm",
        subscribes=(*app(old, "crm").subscribes, Subscription("order-placed", group="crm")),
    )
    change = one(run(old, new))
    assert (change.kind, change.element, change.path) == (
        "added",
        "crm",
        "links/subscribes:order-placed>crm",
    )
    assert change.link == "subscribes:order-placed>crm" and not change.breaking
    assert change.what == "subscription order-placed → crm"


def test_removed_subscription_only_concerns_the_consumer() -> None:
    old = erp()
    change = one(run(old, _subscriptions(old, "analytics", lambda s: s.topic != "order-placed")))
    assert change.path == "links/subscribes:order-placed>analytics" and not change.breaking
    assert "only it is affected" in change.reason


def test_removed_webhook_delivery_is_breaking_for_that_consumer() -> None:
    old = erp()
    change = one(run(old, _subscriptions(old, "portal", lambda s: s.via is None)))
    assert change.path == "links/webhook:customer-api>portal@customer-changed"
    assert change.breaking and change.affected == ("portal",)
    assert "customer-api stops delivering customer-changed" in change.reason


def test_webhook_delivery_replaced_by_a_direct_subscription_is_not_breaking() -> None:
    old = erp()
    new = changed(old, "portal", subscribes=(Subscription("customer-changed", group="portal"),))
    result = run(old, new)
    removed = one(result, "links/webhook:customer-api>portal@customer-changed")
    assert not removed.breaking and "now another way" in removed.reason
    assert one(result, "links/subscribes:customer-changed>portal").kind == "added"


def test_removed_last_producer_of_a_consumed_topic_is_breaking() -> None:
    old = erp()
    change = one(run(old, changed(old, "shop", publishes=())))
    assert change.path == "links/publishes:shop>order-placed"
    assert change.breaking and "last producer of topic order-placed" in change.reason
    assert set(change.affected) == {"analytics", "fulfilment", "sales-projector"}


def test_removed_producer_when_another_remains_is_not_breaking() -> None:
    old = changed(
        erp(),
        "fulfilment",
        publishes=(*app(erp(), "fulfilment").publishes, Publication("order-placed")),
    )
    change = one(run(old, changed(old, "shop", publishes=())))
    assert not change.breaking and "fulfilment still does" in change.reason


def test_removed_last_writer_of_a_read_datastore_is_breaking() -> None:
    old = erp()
    change = one(run(old, changed(old, "sales-projector", writes=())))
    assert change.path == "links/writes:sales-projector>sales-read-model"
    assert change.breaking and change.affected == ("sales-reporting-api",)


def test_other_removed_relations_are_not_breaking() -> None:
    old = erp()
    new = changed(old, "shop", calls=("list-products",))
    new = changed(new, "sales-reporting-api", reads=())
    new = changed(new, "product-api", backend=None)
    new = changed(new, "note-portal-pin", on=None)
    result = run(old, new)
    # ordered by the element holding the relation (its owner), then as found
    assert [(c.element, c.path, c.breaking) for c in result.changes] == [
        ("note-portal-pin", "links/pinned:note-portal-pin>portal", False),
        ("product-api", "links/fronts:product-api>erp", False),
        ("sales-reporting-api", "links/reads:sales-read-model>sales-reporting-api", False),
        ("shop", "links/calls:shop>get-product", False),
        ("shop", "links/calls:shop>get-customer", False),
    ]


def test_relations_of_removed_elements_are_not_listed_twice() -> None:
    old = erp()
    assert [c.path for c in run(old, without(old, "analytics")).changes] == [
        "applications/analytics"
    ]
    assert [c.path for c in run(old, changed(old, "crm", name="CRM")).changes] == [
        "applications/crm/name"
    ]


def test_group_change_is_noteworthy_but_not_breaking() -> None:
    old = erp()
    sub = app(old, "analytics").subscribes
    new = changed(
        old, "analytics", subscribes=(dataclasses.replace(sub[0], group="analytics-v2"), *sub[1:])
    )
    change = one(run(old, new))
    assert change.path == "links/subscribes:customer-changed>analytics/group"
    assert (change.old, change.new, change.breaking) == ("analytics-v1", "analytics-v2", False)
    assert "offsets" in change.reason


def test_pinning_a_reader_it_can_use_is_not_breaking() -> None:
    old = erp()
    sub = app(old, "notification-service").subscribes
    new = changed(
        old, "notification-service", subscribes=(dataclasses.replace(sub[0], schema_version=2),)
    )
    change = one(run(old, new))
    assert change.path == "links/subscribes:shipment-dispatched>notification-service/schemaVersion"
    assert (change.old, change.new, change.breaking) == (1, 2, False)


def test_pinning_a_reader_that_cannot_read_the_payload_is_breaking() -> None:
    old = erp()
    sub = app(old, "analytics").subscribes
    new = changed(
        old, "analytics", subscribes=(sub[0], dataclasses.replace(sub[1], schema_version=1), sub[2])
    )
    change = one(run(old, new))
    assert change.kind == "added" and change.breaking
    assert change.reason.startswith(
        "With schemaVersion 1, analytics cannot read what producers of product-changed write"
    )
    unpinned = one(run(new, old))
    assert unpinned.kind == "removed" and not unpinned.breaking


def test_pin_to_a_version_the_registry_lacks_cannot_be_checked() -> None:
    old = erp()
    sub = app(old, "portal").subscribes
    new = changed(old, "portal", subscribes=(dataclasses.replace(sub[0], schema_version=9),))
    change = one(run(old, new))
    assert change.breaking and "cannot be checked" in change.reason
    assert "has no version 9" in change.reason
