"""Which elements a view shows: each include line, exclude, and what follows what it hangs on."""

from __future__ import annotations

import pytest

from studio.io.design_file import parse_design
from studio.model import Around, Design, TaxonomyRule, View, ViewFilter, view_members
from studio.model.taxonomy import level_values

MESH = """\
meshStudio: 1
taxonomy:
  kafka: {pattern: '{domain}.{entity}.{event}.v{version}'}
  mqtt: {pattern: '{site}/{domain}/{event}'}
brokers:
  - {id: kafka, protocol: kafka}
  - {id: mqtt, protocol: mqtt}
  - {id: spare, protocol: kafka}
applications:
  - {id: erp, owner: erp-team, publishes: [{topic: customer-changed}]}
  - id: api
    owner: platform
    backend: erp
    subscribes: [{topic: customer-changed}]
    webhooks: {registration: /subscriptions, topics: [customer-changed]}
  - id: portal
    owner: web
    calls: [get-customer]
    subscribes: [{topic: customer-changed, via: api}]
  - {id: shop, owner: web, publishes: [{topic: order-placed}]}
  - {id: sensor, owner: ot, publishes: [{topic: temperature}]}
  - {id: ingest, owner: platform, subscribes: [{topic: temperature}], writes: [store]}
  - {id: store, kind: datastore}
topics:
  - {id: customer-changed, address: erp.customer.changed.v1, broker: kafka}
  - {id: order-placed, address: shop.order.placed.v1, broker: kafka}
  - {id: temperature, address: hamburg/erp/measured, broker: mqtt}
  - {id: loose, address: erp.loose.thing.v1}
endpoints:
  - {id: get-customer, provider: api, method: GET, path: /customers}
notes:
  - {id: on-topic, target: customer-changed, text: compact it?}
  - {id: on-shop, target: shop, text: who owns this?}
"""


@pytest.fixture(scope="module")
def mesh() -> Design:
    return parse_design(MESH).design


def members(design: Design, exclude: ViewFilter | None = None, **include: object) -> set[str]:
    view = View("v", include=ViewFilter(**include), exclude=exclude or ViewFilter())  # type: ignore[arg-type]
    return set(view_members(design, view))


def test_a_domain_takes_its_topics_their_clients_and_brokers(mesh: Design) -> None:
    # 'erp' is the domain level of the kafka address and of the mqtt one (second level):
    # each topic is read with its own broker's pattern; a topic without a broker has none
    assert members(mesh, domains=("erp",)) == {
        "customer-changed",
        "temperature",
        "kafka",
        "mqtt",
        "erp",
        "api",
        "portal",  # consumes by webhook
        "sensor",
        "ingest",
        "get-customer",  # follows its provider
        "on-topic",  # follows its target
    }


def test_owners_match_applications(mesh: Design) -> None:
    assert members(mesh, owners=("web",)) == {"portal", "shop", "on-shop"}


def test_brokers_and_protocols_match_their_topics_and_the_broker(mesh: Design) -> None:
    on_kafka = {"kafka", "customer-changed", "order-placed", "on-topic"}
    assert members(mesh, brokers=("kafka",)) == on_kafka
    assert members(mesh, protocols=("kafka",)) == on_kafka | {"spare"}
    assert members(mesh, protocols=("mqtt",)) == {"mqtt", "temperature"}


def test_hand_picked_ids_and_an_endpoint_brings_its_provider(mesh: Design) -> None:
    assert members(mesh, elements=("store", "loose")) == {"store", "loose"}
    assert members(mesh, elements=("get-customer",)) == {"api", "get-customer"}
    assert members(mesh, elements=("nothing-here",)) == set()


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (0, {"sensor"}),
        (1, {"sensor", "temperature", "mqtt"}),
        (2, {"sensor", "temperature", "mqtt", "ingest"}),
        (3, {"sensor", "temperature", "mqtt", "ingest", "store"}),
        (9, {"sensor", "temperature", "mqtt", "ingest", "store"}),
    ],
)
def test_around_walks_links_both_ways(mesh: Design, hops: int, expected: set[str]) -> None:
    assert members(mesh, around=Around("sensor", hops)) == expected


def test_exclude_takes_away_and_what_hangs_on_it_goes_too(mesh: Design) -> None:
    shown = members(
        mesh, exclude=ViewFilter(elements=("api", "on-topic")), domains=("erp",), owners=("web",)
    )
    assert "api" not in shown and "get-customer" not in shown and "on-topic" not in shown
    assert {"portal", "shop", "on-shop", "customer-changed"} <= shown
    assert members(mesh, exclude=ViewFilter(protocols=("mqtt",)), domains=("erp",)) == {
        "customer-changed",
        "kafka",
        "erp",
        "api",
        "portal",
        "sensor",
        "ingest",
        "get-customer",
        "on-topic",
    }


def test_an_empty_include_shows_nothing(mesh: Design) -> None:
    assert members(mesh) == set()
    assert view_members(mesh, View("v")) == frozenset()


def test_level_values_reads_an_address_by_its_pattern() -> None:
    rule = TaxonomyRule("{site}/{domain}/{event}")
    assert level_values("hamburg/erp/measured", rule) == {
        "site": "hamburg",
        "domain": "erp",
        "event": "measured",
    }
    assert level_values("not-this-shape", rule) is None


def test_renaming_and_deleting_an_element_follows_it_into_every_view() -> None:
    from studio.edit import History
    from studio.edit.actions import delete_elements, rename_element
    from studio.io.design_file import load_design
    from studio.model import Document
    from studio.model.views import Around, View, ViewFilter
    from tests.conftest import SAMPLES

    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    design.views = [
        View(
            "v",
            include=ViewFilter(elements=("crm", "portal"), around=Around("crm", 1)),
            exclude=ViewFilter(elements=("crm",)),
            layout={"crm": design.layout["crm"]},
        )
    ]
    doc = Document(design)
    history = History(doc)
    history.push(rename_element(doc, "crm", "salesforce"))  # type: ignore[arg-type]
    (view,) = doc.design.views
    assert view.include.elements == ("salesforce", "portal")
    assert view.include.around == Around("salesforce", 1)
    assert view.exclude.elements == ("salesforce",) and set(view.layout) == {"salesforce"}
    history.push(delete_elements(doc, ["salesforce"]))  # type: ignore[arg-type]
    (view,) = doc.design.views
    assert view.include.elements == ("portal",) and view.include.around is None
    assert view.exclude.elements == () and view.layout == {}
    history.undo()
    history.undo()
    assert doc.design.views[0].include.elements == ("crm", "portal")
