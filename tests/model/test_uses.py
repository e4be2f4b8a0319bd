"""The uses index: every question answered from the design's references, in file order."""

from __future__ import annotations

from collections.abc import Sequence

from studio.model import Application, Broker, Design, Endpoint, Message, Note, Topic, Webhooks
from studio.model.elements import Element, Publication, Subscription
from studio.model.references import BACKEND, CALL, NOTE_TARGET, READ, TOPIC_BROKER, WRITE
from studio.model.uses import uses_of


def mesh() -> Design:
    return Design(
        brokers=[Broker("kafka")],
        applications=[
            Application(
                "erp",
                publishes=(Publication("orders"), Publication("orders")),
                calls=("get-customer",),
                writes=("db",),
            ),
            Application(
                "hub",
                kind="api",
                backend="crm",
                subscribes=(Subscription("orders"),),
                webhooks=Webhooks(topics=("orders",)),
            ),
            Application(
                "shop",
                subscribes=(Subscription("orders", via="hub"),),
                calls=("get-customer", "get-customer"),
                reads=("db",),
            ),
            Application("crm", kind="backend"),
            Application("db", kind="datastore"),
        ],
        topics=[
            Topic("orders", "shop.orders.v1", broker="kafka", messages=("order", "order")),
            Topic("returns", "shop.returns.v1", broker="kafka", messages=("order",)),
        ],
        messages=[Message("order"), Message("customer")],
        endpoints=[
            Endpoint(
                "get-customer",
                provider="crm",
                request="customer",
                responses={"200": "customer", "404": None},
            )
        ],
        notes=[Note("n1", on="orders", text="check retention")],
    )


def ids(elements: Sequence[Element]) -> list[str]:
    return [e.id for e in elements]


def test_producers_and_consumers_of_a_topic() -> None:
    uses = uses_of(mesh())
    assert [(a.id, p.topic) for a, p in uses.publications("orders")] == [
        ("erp", "orders"),
        ("erp", "orders"),
    ]
    assert uses.producers("orders") == ["erp"]
    assert [(a.id, s.via) for a, s in uses.subscriptions("orders")] == [
        ("hub", None),
        ("shop", "hub"),
    ]
    assert uses.consumers("orders") == ["hub", "shop"]
    assert uses.producers("returns") == [] and uses.consumers("returns") == []


def test_webhooks_apis_and_their_deliveries() -> None:
    uses = uses_of(mesh())
    assert ids(uses.webhook_apis("orders")) == ["hub"]
    assert [(a.id, s.topic) for a, s in uses.deliveries("hub")] == [("shop", "orders")]


def test_callers_stores_backends_and_providers() -> None:
    uses = uses_of(mesh())
    assert ids(uses.owners("get-customer", CALL)) == ["erp", "shop", "shop"]
    assert ids(uses.owners("db", WRITE)) == ["erp"]
    assert ids(uses.owners("db", READ)) == ["shop"]
    assert ids(uses.owners("crm", BACKEND)) == ["hub"]
    assert ids(uses.endpoints_of("crm")) == ["get-customer"]


def test_messages_brokers_and_notes() -> None:
    uses = uses_of(mesh())
    assert ids(uses.topics_of_message("order")) == ["orders", "returns"]
    assert ids(uses.owners("kafka", TOPIC_BROKER)) == ["orders", "returns"]
    assert [(e.id, status) for e, status in uses.bodies_of("customer")] == [
        ("get-customer", None),
        ("get-customer", "200"),
    ]
    assert ids(uses.owners("orders", NOTE_TARGET)) == ["n1"]


def test_referrers_are_every_element_naming_an_id_once() -> None:
    uses = uses_of(mesh())
    assert uses.referrers("orders") == ["erp", "hub", "shop", "n1"]
    assert uses.referrers("nothing") == []
