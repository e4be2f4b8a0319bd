"""Changed fields of elements: which break clients (addresses, brokers, endpoints, bindings,
content types, webhooks) and which are documentation."""

from __future__ import annotations

import dataclasses

from studio.model import Endpoint, Topic, Webhooks
from tests.diff.helpers import app, changed, erp, one, plus, run


def test_changed_topic_address_breaks_its_producers_and_consumers() -> None:
    old = erp()
    change = one(run(old, changed(old, "order-placed", address="shop.order.placed.v2")))
    assert (change.kind, change.element, change.path) == (
        "changed",
        "order-placed",
        "topics/order-placed/address",
    )
    assert (change.old, change.new) == ("shop.order.placed.v1", "shop.order.placed.v2")
    assert change.breaking and change.affected == (
        "shop",
        "analytics",
        "fulfilment",
        "sales-projector",
    )
    assert "use the address shop.order.placed.v1; it is now shop.order.placed.v2" in (change.reason)


def test_changed_address_of_an_unused_topic_is_not_breaking() -> None:
    old = plus(erp(), Topic("spare", "erp.spare.changed.v1", "kafka"))
    change = one(run(old, changed(old, "spare", address="erp.spare.changed.v2")))
    assert not change.breaking and "nothing uses its address" in change.reason


def test_topic_moved_to_another_broker_is_breaking() -> None:
    old = erp()
    change = one(run(old, changed(old, "order-placed", broker="rabbitmq")))
    assert change.breaking and "(kafka to amqp)" in change.reason


def test_broker_protocol_and_host_changes_break_the_clients_of_its_topics() -> None:
    old = erp()
    protocol = one(run(old, changed(old, "rabbitmq", protocol="kafka")))
    assert protocol.breaking and protocol.path == "brokers/rabbitmq/protocol"
    assert set(protocol.affected) == {"fulfilment", "notification-service", "sales-projector"}
    host = one(run(old, changed(old, "kafka", host="kafka2.acme.internal:9092")))
    assert host.breaking and "host kafka.acme.internal:9092" in host.reason
    name = one(run(old, changed(old, "kafka", name="Kafka")))
    assert not name.breaking and name.reason.startswith("Documentation only")


def test_messages_a_consumed_topic_carries() -> None:
    old = erp()
    more = one(run(old, changed(old, "order-placed", messages=("order-placed-event", "customer"))))
    assert more.breaking and "now also carries customer" in more.reason
    fewer = one(run(old, changed(old, "order-placed", messages=())))
    assert fewer.breaking and "no longer carries order-placed-event" in fewer.reason
    spare = plus(old, Topic("spare", "a.b.c.v1", "kafka", ("customer",)))
    unused = one(run(spare, changed(spare, "spare", messages=("customer", "product"))))
    assert not unused.breaking and "nobody consumes it" in unused.reason


def test_bindings_replication_is_safe_other_bindings_break() -> None:
    old = erp()
    replicas = one(
        run(
            old, changed(old, "order-placed", bindings={"kafka": {"partitions": 12, "replicas": 5}})
        )
    )
    assert not replicas.breaking
    partitions = one(
        run(
            old, changed(old, "order-placed", bindings={"kafka": {"partitions": 24, "replicas": 3}})
        )
    )
    assert partitions.breaking and "kafka.partitions" in partitions.reason
    topic = old.find("shipment-dispatched")
    assert isinstance(topic, Topic) and topic.bindings
    renamed = {
        "amqp": {
            **topic.bindings["amqp"],
            "exchange": {**topic.bindings["amqp"]["exchange"], "name": "logistics.events"},
        }
    }
    exchange = one(run(old, changed(old, "shipment-dispatched", bindings=renamed)))
    assert exchange.breaking and "amqp.exchange.name" in exchange.reason


def test_endpoint_method_path_and_provider_changes_break_callers() -> None:
    old = erp()
    method = one(run(old, changed(old, "get-customer", method="POST")))
    assert method.breaking and method.path == "endpoints/get-customer/method"
    assert method.affected == ("portal", "crm", "shop")
    assert "portal, crm and shop call endpoint get-customer with method GET" in method.reason
    path = one(run(old, changed(old, "list-products", path="/v2/products")))
    assert path.breaking and path.affected == ("shop",)
    provider = one(run(old, changed(old, "get-product", provider="customer-api")))
    assert provider.breaking


def test_endpoint_change_nobody_calls_is_not_breaking() -> None:
    old = plus(erp(), Endpoint("ping", "product-api", "GET", "/ping"))
    change = one(run(old, changed(old, "ping", path="/health")))
    assert not change.breaking and "callers outside the design" in change.reason


def test_endpoint_request_and_responses() -> None:
    old = erp()
    request = one(run(old, changed(old, "update-customer", request="customer")))
    assert request.breaking and request.path == "endpoints/update-customer/request"
    no_body = one(run(old, changed(old, "update-customer", request=None)))
    assert no_body.kind == "removed" and not no_body.breaking
    endpoint = old.find("get-customer")
    assert isinstance(endpoint, Endpoint)
    other_body = one(
        run(
            old,
            changed(old, "get-customer", responses={**endpoint.responses, "200": "customer-page"}),
        )
    )
    assert other_body.breaking and other_body.path == "endpoints/get-customer/responses/200"
    new_status = one(
        run(old, changed(old, "get-customer", responses={**endpoint.responses, "410": "problem"}))
    )
    assert new_status.kind == "added" and not new_status.breaking
    dropped = one(run(old, changed(old, "get-customer", responses={"200": "customer"})))
    assert dropped.kind == "removed" and not dropped.breaking


def test_content_type_change_breaks_readers() -> None:
    old = erp()
    change = one(run(old, changed(old, "product-changed-event", content_type="application/avro")))
    assert change.breaking and set(change.affected) == {"analytics", "sales-projector"}
    docs = one(run(old, changed(old, "product-changed-event", summary="Changed.")))
    assert not docs.breaking and docs.path == "messages/product-changed-event/summary"


def test_documentation_and_extensions_are_not_breaking() -> None:
    old = erp()
    new = changed(old, "erp", owner="someone-else", description=None, extensions={"x-team": "erp"})
    new = changed(new, "customer-api", kind="service")
    result = run(old, new)
    assert [(c.kind, c.path, c.breaking) for c in result.changes] == [
        ("changed", "applications/customer-api/kind", False),
        ("changed", "applications/erp/owner", False),
        ("removed", "applications/erp/description", False),
        ("added", "applications/erp/x-team", False),
    ]
    assert "x- extension" in result.changes[-1].reason


def test_webhook_settings_of_an_evented_api() -> None:
    old = erp()
    hooks = app(old, "customer-api").webhooks
    moved = one(
        run(
            old,
            changed(
                old,
                "customer-api",
                webhooks=dataclasses.replace(hooks, registration="/v2/subscriptions"),
            ),
        )
    )
    assert moved.breaking and moved.path == "applications/customer-api/webhooks/registration"
    assert set(moved.affected) == {"portal", "crm"}
    dropped = one(
        run(old, changed(old, "customer-api", webhooks=dataclasses.replace(hooks, topics=()))),
        "applications/customer-api/webhooks/topics",
    )
    assert dropped.breaking and "no longer delivers customer-changed" in dropped.reason
    gone = one(run(old, changed(old, "customer-api", webhooks=None)))
    assert gone.kind == "removed" and gone.breaking
    assert "is no longer an evented API" in gone.reason
    added = one(
        run(old, changed(old, "product-api", webhooks=Webhooks(topics=("product-changed",))))
    )
    assert added.kind == "added" and not added.breaking
    more = one(
        run(
            old,
            changed(
                old,
                "customer-api",
                webhooks=dataclasses.replace(hooks, topics=("customer-changed", "product-changed")),
            ),
        )
    )
    assert not more.breaking
