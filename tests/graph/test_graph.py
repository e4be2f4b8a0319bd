"""The mesh graph and its analyses, on the ERP sample."""

from __future__ import annotations

import pytest

from studio.graph import (
    call_cycles,
    consumers_of,
    impact_of_element,
    impact_of_subject,
    producers_of,
    to_networkx,
)
from studio.io.design_file import load_design
from studio.model import Design
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def design() -> Design:
    return load_design(SAMPLES / "erp-mesh.mesh.yaml").design


def test_graph_has_every_element_and_typed_links(design: Design) -> None:
    graph = to_networkx(design)
    assert {e.id for e in design.elements()} <= set(graph.nodes)
    relations = {data["link"] for *_, data in graph.edges(data=True)}
    assert {
        "schema of",
        "carried by",
        "consumed by",
        "published by",
        "delivers by webhook to",
        "called by",
        "provides",
        "fronted by",
        "writes",
        "read by",
    } <= relations


def test_producers_and_consumers(design: Design) -> None:
    assert producers_of(design, "customer-changed") == ["erp"]
    consumers = consumers_of(design, "customer-changed")
    assert ("portal", "customer-api") in consumers and ("analytics", None) in consumers


def test_subject_impact_reaches_webhook_consumers_but_not_unrelated_callers(design: Design) -> None:
    impact = impact_of_subject(design, "erp.customer.changed.v1-value")
    apps = impact.affected["applications"]
    assert {"analytics", "customer-api", "portal", "crm", "erp"} <= set(apps)
    assert impact.paths["portal"] == [
        "erp.customer.changed.v1-value",
        "customer-changed-event",
        "customer-changed",
        "customer-api",
        "portal",
    ]
    assert "shop" not in apps  # calls customer-api, but not about customer events


def test_subject_impact_follows_the_subjects_that_reference_it(design: Design) -> None:
    from studio.registry import load_registry
    from studio.registry.model import SchemaReference, SchemaVersion, Subject

    registry, _ = load_registry(SAMPLES / "registry.yaml")
    # without the registry the imported .proto reaches nothing; with it, what imports it
    assert impact_of_subject(design, "acme/common/money.proto").count == 0
    impact = impact_of_subject(design, "acme/common/money.proto", registry)
    assert impact.affected["messages"] == ["order-placed-event"]
    assert impact.paths["order-placed"] == [
        "acme/common/money.proto",
        "shop.order.placed.v1-value",
        "order-placed-event",
        "order-placed",
    ]
    assert {"shop", "fulfilment", "analytics"} <= set(impact.affected["applications"])
    # transitively: a subject referencing one that references it
    registry.subjects["acme/common/price.proto"] = Subject(
        "acme/common/price.proto",
        [
            SchemaVersion(
                1,
                'syntax = "proto3";',
                9001,
                "PROTOBUF",
                (SchemaReference("acme/common/money.proto", "acme/common/money.proto", 1),),
            )
        ],
    )
    money = registry.subjects["acme/common/money.proto"]
    registry.subjects["acme/common/money.proto"] = Subject(
        money.name,
        [
            SchemaVersion(
                v.version,
                v.schema,
                v.id,
                v.schema_type,
                (SchemaReference("base.proto", "acme/base.proto", 1),),
            )
            for v in money.versions
        ],
    )
    deeper = impact_of_subject(design, "acme/base.proto", registry)
    assert deeper.affected["messages"] == ["order-placed-event"]
    assert "subject:acme/common/price.proto" in deeper.affected["subjects"]


def test_element_impact_follows_calls(design: Design) -> None:
    impact = impact_of_element(design, "customer-api")
    assert {"get-customer", "update-customer"} <= set(impact.affected["endpoints"])
    assert "portal" in impact.affected["applications"]
    assert impact_of_element(design, "nope").count == 0


def test_no_call_cycles_in_the_sample(design: Design) -> None:
    assert call_cycles(design) == []
