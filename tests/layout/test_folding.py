"""Folding for semantic zoom: blocks hold the right elements and counts (counted here from the
model), bundles add up to the links between blocks, every drawn element is in one block, and
each block's rectangle encloses its members' boxes where the scene draws them."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter, defaultdict

import pytest

from studio.io.design_file import parse_design
from studio.layout import scene_of
from studio.layout.folding import Block, Folding, fold
from studio.layout.geometry import Box, bounding
from studio.model import Design, Position
from studio.model.relations import links_of
from tests.layout.helpers import generated, sample


def erp() -> Design:
    return sample("erp-mesh.mesh.yaml")


def by_id(folding: Folding) -> dict[str, Block]:
    return {block.id: block for block in folding.blocks}


def owner_blocks_by_hand(design: Design) -> dict[str, str]:
    """Element -> block for a design whose applications all have owners and whose topics
    are all on brokers."""
    owner = {a.id: "owner:" + a.owner for a in design.applications if a.owner}
    assert len(owner) == len(design.applications)
    result = dict(owner)
    result.update({e.id: owner[e.provider] for e in design.endpoints})
    result.update({t.id: f"broker:{t.broker}" for t in design.topics})
    result.update({b.id: f"broker:{b.id}" for b in design.brokers})
    return result


@pytest.mark.parametrize("design", [erp(), generated(60)], ids=["erp", "generated"])
def test_blocks_count_what_each_owner_and_broker_holds(design: Design) -> None:
    blocks = by_id(fold(design))
    expected: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for app in design.applications:
        expected[f"owner:{app.owner}"]["applications"] += 1
    providers = {a.id: a.owner for a in design.applications}
    for endpoint in design.endpoints:
        expected[f"owner:{providers[endpoint.provider]}"]["endpoints"] += 1
    for broker in design.brokers:
        expected[f"broker:{broker.id}"]["topics"] = sum(
            t.broker == broker.id for t in design.topics
        )
    assert {key: dict(block.counts) for key, block in blocks.items()} == {
        key: dict(counts) for key, counts in expected.items()
    }
    for key, block in blocks.items():
        assert block.kind == ("broker" if key.startswith("broker:") else "applications")


def test_the_erp_sample_folds_as_counted_by_hand() -> None:
    design = erp()
    folding = fold(design)
    blocks = by_id(folding)
    commerce = "commerce-team · 4 applications, 2 endpoints"  # sales-reporting-api has two
    assert folding.caption(blocks["owner:commerce-team"]) == commerce
    integration = blocks["owner:integration-platform"]
    assert set(integration.members) == {
        "customer-api",
        "product-api",
        "get-customer",
        "update-customer",
        "search-customers",
        "list-products",
        "get-product",
    }
    assert folding.caption(integration) == "integration-platform · 2 applications, 5 endpoints"
    kafka = blocks["broker:kafka"]
    assert set(kafka.members) == {"kafka", "customer-changed", "product-changed", "order-placed"}
    assert kafka.label == next(b.name for b in design.brokers if b.id == "kafka")
    assert folding.caption(blocks["broker:rabbitmq"]).endswith(" · 1 topic")


@pytest.mark.parametrize("design", [erp(), generated(60)], ids=["erp", "generated"])
def test_every_drawn_element_is_in_exactly_one_block(design: Design) -> None:
    folding = fold(design)
    members = [m for block in folding.blocks for m in block.members]
    assert len(members) == len(set(members))
    drawn = {e.id for e in (*design.applications, *design.topics, *design.endpoints)}
    assert set(members) == drawn | {b.id for b in design.brokers}
    assert not {n.id for n in design.notes} & set(members)
    assert not {m.id for m in design.messages} & set(members)
    assert dict(folding.block_of) == {m: b.id for b in folding.blocks for m in b.members}
    assert dict(folding.block_of) == owner_blocks_by_hand(design)


@pytest.mark.parametrize("design", [erp(), generated(60)], ids=["erp", "generated"])
def test_bundles_add_up_to_the_links_between_blocks(design: Design) -> None:
    folding = fold(design)
    block = owner_blocks_by_hand(design)
    between = Counter(
        (block[link.source], block[link.target])
        for link in links_of(design)
        if link.source in block
        and link.target in block
        and block[link.source] != block[link.target]
    )
    assert {(b.source, b.target): b.count for b in folding.bundles} == dict(between)
    assert all(b.count >= 1 and b.source != b.target for b in folding.bundles)
    assert sum(b.count for b in folding.bundles) == sum(between.values()) > 0


@pytest.mark.parametrize("design", [erp(), generated(60)], ids=["erp", "generated"])
def test_block_rects_are_the_bounds_of_their_members_boxes(design: Design) -> None:
    folding = fold(design)
    scene = scene_of(design, design.layout)
    for block in folding.blocks:
        if block.kind == "broker":
            expected = scene.frames[block.members[0]]  # the frame, around its topics
        else:
            expected = bounding(scene.box_of(m) for m in block.members)  # type: ignore[misc]
        assert block.rect == (expected.x, expected.y, expected.w, expected.h), block.id
        rect = Box(*block.rect)
        assert all(rect.contains(scene.box_of(m)) for m in block.members if scene.box_of(m))  # type: ignore[arg-type]


def test_rects_follow_the_positions_given() -> None:
    design = erp()
    moved = {i: Position(p.x + 1000, p.y + 50) for i, p in design.layout.items()}
    before, after = by_id(fold(design)), by_id(fold(design, moved))
    for key, block in before.items():
        x, y, w, h = block.rect
        assert after[key].rect == (x + 1000, y + 50, w, h)


def test_folding_by_domain_groups_applications_by_the_domain_they_publish_to() -> None:
    design = generated(60)
    folding = fold(design, by="domain")

    def domain(address: str) -> str:  # generated addresses: site/domain/... for MQTT
        return address.split("/")[1] if "/" in address else address.split(".")[0]

    domains = {t.id: domain(t.address) for t in design.topics}
    for app in design.applications:
        published = Counter(domains[p.topic] for p in app.publishes)
        consumed = Counter(domains[s.topic] for s in app.subscribes)
        seen = published or consumed
        if seen:
            most = max(seen.values())
            first = next(d for d in seen if seen[d] == most)
            assert folding.block_of[app.id] == f"domain:{first}", app.id
        else:
            assert folding.block_of[app.id] == "unowned", app.id
    labels = {b.label for b in folding.blocks if b.kind == "applications"}
    assert labels <= {*domains.values(), "Unowned"}


def hand_made() -> Design:
    """Applications without owners, a topic on no broker, an endpoint of an unknown provider."""
    text = json.dumps(
        {
            "meshStudio": 1,
            "info": {"title": "Strays", "version": "1.0.0"},
            "brokers": [{"id": "spare", "name": "Spare", "protocol": "kafka"}],
            "applications": [
                {"id": "seller", "publishes": [{"topic": "sold"}]},
                {"id": "reader", "subscribes": [{"topic": "sold"}]},
                {"id": "loner"},
            ],
            "topics": [{"id": "sold", "address": "sales.order.sold.v1"}],
            "endpoints": [{"id": "lost", "provider": "nobody", "method": "GET", "path": "/lost"}],
        }
    )
    design = parse_design(text).design
    positions = {"seller": (0, 0), "reader": (600, 0), "loner": (0, 300), "sold": (300, 0)}
    positions["spare"] = (900, 300)
    return dataclasses.replace(design, layout={i: Position(*p) for i, p in positions.items()})


def test_strays_fold_by_domain_and_into_unowned() -> None:
    design = hand_made()
    folding = fold(design)
    blocks = by_id(folding)
    assert set(blocks) == {"domain:sales", "unowned", "broker:spare", "no-broker:sales"}
    assert set(blocks["domain:sales"].members) == {"seller", "reader"}
    assert set(blocks["unowned"].members) == {"loner", "lost"}
    assert blocks["no-broker:sales"].kind == "broker"
    assert folding.caption(blocks["no-broker:sales"]) == "sales (no broker) · 1 topic"
    assert folding.caption(blocks["unowned"]) == "Unowned · 1 application, 1 endpoint"
    assert folding.caption(blocks["broker:spare"]) == "Spare · 0 topics"
    assert [(b.source, b.target, b.count) for b in folding.bundles] == [
        ("domain:sales", "no-broker:sales", 1),
        ("no-broker:sales", "domain:sales", 1),
    ]
    scene = scene_of(design, design.layout)
    unowned = Box(*blocks["unowned"].rect)
    assert unowned.contains(scene.endpoints["lost"]) and unowned.contains(scene.nodes["loner"])
    frame = scene.frames["spare"]
    assert blocks["broker:spare"].rect == (frame.x, frame.y, frame.w, frame.h)


def test_a_block_with_nothing_placed_has_an_empty_rect() -> None:
    design = dataclasses.replace(hand_made(), layout={})
    assert {b.rect for b in fold(design).blocks} == {(0.0, 0.0, 0.0, 0.0)}


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown grouping 'team'"):
        fold(erp(), by="team")


def test_folding_again_after_an_edit_counts_the_new_links() -> None:
    design = erp()
    # the first fold remembers the links of every application object it saw
    before = {(b.source, b.target): b.count for b in fold(design).bundles}
    shop = next(a for a in design.applications if a.id == "shop")
    assert [p.topic for p in shop.publishes] == ["order-placed"]  # a topic on kafka
    edited = dataclasses.replace(shop, publishes=())
    design.applications[design.applications.index(shop)] = edited
    after = {(b.source, b.target): b.count for b in fold(design).bundles}
    publishing = ("owner:commerce-team", "broker:kafka")
    assert after.get(publishing, 0) == before[publishing] - 1
    assert {k: v for k, v in after.items() if k != publishing} == {
        k: v for k, v in before.items() if k != publishing
    }
