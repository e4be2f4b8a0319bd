"""Payload, key and headers schema changes, judged by whether every reader can still read."""

from __future__ import annotations

import json
import textwrap

from studio.diff import Registries, diff_designs
from studio.io.design_file import parse_design
from studio.model import Design
from tests.diff.helpers import ERP_PATH, erp, one, registry, run

ID = {"name": "id", "type": "string"}
NOTE = {"name": "note", "type": ["null", "string"], "default": None}
CODE = {"name": "code", "type": "string"}
V1, V2, V3, V4 = (
    json.dumps({"type": "record", "name": "Order", "fields": fields})
    for fields in ([ID], [ID, NOTE], [CODE], [CODE, NOTE])
)
ORDERS = registry("orders-value", V1, V2, V3, V4)

DESIGN = textwrap.dedent("""\
    meshStudio: 1
    registry: registry.yaml
    brokers: [{id: kafka, protocol: kafka}]
    applications:
      - id: shop
        publishes: [{topic: orders}]
      - id: billing
        subscribes: [{topic: orders}]
      - id: audit
        subscribes: [{topic: orders, schemaVersion: 1}]
      - id: web
        calls: [get-order, put-order]
      - id: api
        kind: api
    topics:
      - {id: orders, address: shop.order.placed.v1, broker: kafka, messages: [order]}
    messages:
      - {id: order, payload: {subject: orders-value, version: 2}}
      - id: order-view
        payload: {schema: {type: object, properties: {id: {type: string}},
                           additionalProperties: false}}
      - id: order-form
        payload: {schema: {type: object, properties: {id: {type: string}}}}
      - {id: spare, payload: {subject: orders-value, version: 1}}
    endpoints:
      - {id: get-order, provider: api, method: GET, path: '/orders/{id}',
         responses: {'200': order-view}}
      - {id: put-order, provider: api, method: PUT, path: '/orders/{id}', request: order-form}
    """)


def design(**replacements: str) -> Design:
    text = DESIGN
    for old, new in replacements.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new)
    return parse_design(text).design


def diff(old: Design, new: Design, reg=ORDERS):  # type: ignore[no-untyped-def]
    return run(old, new, reg)


def test_a_version_every_reader_can_read_is_not_breaking() -> None:
    old = design(**{"version: 2}": "version: 1}"})
    change = one(diff(old, design()))
    assert change.path == "messages/order/payload" and not change.breaking
    assert change.old == {"subject": "orders-value", "version": 1}
    assert change.new == {"subject": "orders-value", "version": 2}
    assert change.reason == (
        "Every reader of message order (billing and audit) can read orders-value v2."
    )


def test_a_version_a_pinned_consumer_cannot_read_is_breaking() -> None:
    change = one(diff(design(), design(**{"version: 2}": "version: 3}"})))
    assert change.breaking and change.affected == ("billing", "audit")
    assert change.reason.startswith(
        "billing and audit cannot read orders-value v3 of message "
        "order: v2 needs field 'id' of Order"
    )


def test_unpinned_consumers_read_with_the_old_version() -> None:
    """v4 only adds an optional field to v3: a consumer built for v3 reads it, while the
    consumer pinned to v1 already could not read v3 and is not broken by this change."""
    old = design(**{"version: 2}": "version: 3}"})
    change = one(diff(old, design(**{"version: 2}": "version: 4}"})))
    assert not change.breaking
    assert change.reason.startswith("audit already could not read")


def test_a_consumer_pinned_to_latest_reads_with_the_latest_version() -> None:
    old = design(**{"schemaVersion: 1": "schemaVersion: latest"})
    new = design(**{"schemaVersion: 1": "schemaVersion: latest", "version: 2}": "version: 3}"})
    change = one(diff(old, new))
    assert change.breaking and change.affected == ("billing",)  # audit reads with v4


def test_without_a_registry_a_read_payload_change_cannot_be_checked() -> None:
    change = one(diff(design(), design(**{"version: 2}": "version: 3}"}), None))
    assert change.breaking
    assert change.reason.endswith("cannot be checked: the design names no registry file")


def test_a_version_missing_from_the_registry_cannot_be_checked() -> None:
    change = one(diff(design(), design(**{"version: 2}": "version: 7}"})))
    assert change.breaking and "has no version 7 in the registry" in change.reason


def test_latest_that_resolves_to_the_same_version_is_not_breaking() -> None:
    old = design(**{"version: 2}": "version: 4}", "schemaVersion: 1": "schemaVersion: 4"})
    new = design(**{"version: 2}": "version: latest}", "schemaVersion: 1": "schemaVersion: 4"})
    assert not one(diff(old, new)).breaking


def test_a_subject_change_is_checked_across_subjects() -> None:
    both = registry("orders-value", V1, V2)
    both.subjects.update(registry("orders-v2-value", V2, V3).subjects)
    old = design(**{"schemaVersion: 1": "group: audit"})
    same = design(
        **{
            "schemaVersion: 1": "group: audit",
            "subject: orders-value, version: 2": "subject: orders-v2-value, version: 1",
        }
    )
    assert not one(diff(old, same, both), "messages/order/payload").breaking
    other = design(
        **{
            "schemaVersion: 1": "group: audit",
            "subject: orders-value, version: 2": "subject: orders-v2-value, version: 2",
        }
    )
    change = one(diff(old, other, both), "messages/order/payload")
    assert change.breaking and "orders-value v2 needs field 'id'" in change.reason


def test_inline_response_schema_checked_for_callers() -> None:
    """Callers read the new response with the schema they were built for; a closed content
    model cannot read a property it does not declare."""
    wider = design(
        **{
            "properties: {id: {type: string}},\n": "properties: {id: {type: string}, "
            "total: {type: number}},\n"
        }
    )
    change = one(diff(design(), wider))
    assert change.path == "messages/order-view/payload" and change.breaking
    assert change.affected == ("web",)


def test_inline_request_schema_checked_for_the_provider() -> None:
    """The provider reads what callers still send: a newly required property breaks it."""
    stricter = design(
        **{
            "{type: object, properties: {id: {type: string}}}": (
                "{type: object, properties: {id: {type: string}}, required: [id]}"
            )
        }
    )
    change = one(diff(design(), stricter), "messages/order-form/payload")
    assert change.breaking and change.affected == ("api",)
    looser = one(diff(stricter, design()), "messages/order-form/payload")
    assert not looser.breaking


def test_schema_of_a_message_nobody_reads_is_not_breaking() -> None:
    new = design(
        **{
            "{id: spare, payload: {subject: orders-value, version: 1}}": (
                "{id: spare, payload: {subject: orders-value, version: 3}}"
            )
        }
    )
    change = one(diff(design(), new))
    assert not change.breaking and change.reason.startswith("No consumer or caller reads")


def test_key_schema_declared_removed_and_changed() -> None:
    keyed = design(
        **{
            "payload: {subject: orders-value, version: 2}}": (
                "payload: {subject: orders-value, version: 2}, "
                "key: {subject: orders-value, version: 1}}"
            )
        }
    )
    added = one(diff(design(), keyed))
    assert (added.kind, added.path, added.breaking) == ("added", "messages/order/key", False)
    removed = one(diff(keyed, design()))
    assert removed.kind == "removed" and removed.breaking
    bumped = design(
        **{
            "payload: {subject: orders-value, version: 2}}": (
                "payload: {subject: orders-value, version: 2}, "
                "key: {subject: orders-value, version: 3}}"
            )
        }
    )
    changed_key = one(diff(keyed, bumped))
    # keys are never read with a pinned version: both consumers read with the old key schema
    assert changed_key.breaking and changed_key.affected == ("billing", "audit")


def test_old_versions_resolve_in_the_old_registry_when_the_new_one_lost_them() -> None:
    old_registry = registry("orders-value", V1, V2)
    new_registry = registry("orders-value", V1, V2, V3, V4)
    del new_registry.subjects["orders-value"].versions[1]  # v2 hard-deleted since
    result = diff_designs(
        design(**{"schemaVersion: 1": "group: a"}),
        design(**{"schemaVersion: 1": "group: a", "version: 2}": "version: 4}"}),
        Registries(old_registry, new_registry),
    )
    change = one(result, "messages/order/payload")
    assert change.breaking and "v2 needs field 'id'" in change.reason


def test_payload_bump_in_the_erp_sample_with_its_registry() -> None:
    """The sample's customer-changed subject is FULL_TRANSITIVE: the pinned portal (v1) reads
    every version; going back to v2 is readable too."""
    old = erp()
    back = parse_design(
        ERP_PATH.read_text(encoding="utf-8").replace(
            "erp.customer.changed.v1-value, version: 4", "erp.customer.changed.v1-value, version: 2"
        )
    ).design
    change = one(run(old, back))
    assert not change.breaking and "(customer-api, portal, crm and analytics)" in change.reason
