"""Designs the layout tests share: the samples, a generated mesh, hand-made small ones."""

from __future__ import annotations

import dataclasses
import json
from functools import cache

from studio.generate import generate_mesh
from studio.io.design_file import dump_design, load_design, parse_design
from studio.model import Design, Note
from tests.conftest import SAMPLES

HOSTILE = "<script>alert(1)</script>"


def sample(name: str) -> Design:
    return load_design(SAMPLES / name).design


def without_layout(design: Design) -> Design:
    return dataclasses.replace(design, layout={})


@cache
def _generated(apps: int) -> str:
    return dump_design(generate_mesh(apps).design)


def generated(apps: int, notes: bool = False) -> Design:
    """A generated mesh (cached as text: parsing gives a fresh Design each time), optionally
    with notes pinned to an application, a topic, an endpoint and a message."""
    design = parse_design(_generated(apps)).design
    if notes:
        targets = [
            design.applications[0].id,
            design.applications[-1].id,
            design.topics[0].id,
            design.endpoints[0].id,
            design.messages[0].id,
            design.applications[0].id,
        ]
        design.notes.extend(
            Note(f"note-{i}", on=target, author="reviewer", text="Check this.")
            for i, target in enumerate(targets)
        )
    return design


def small_design(
    app_name: str = "Orders",
    topic_address: str = "shop.order.placed.v1",
    note_text: str = "Looks fine.",
    broker_name: str = "Kafka",
) -> Design:
    """Producer -> topic -> consumer, an evented API with endpoints and a webhook, a datastore
    pair, a note, and a broker without topics."""
    text = json.dumps(
        {
            "meshStudio": 1,
            "info": {"title": f"Small {app_name}", "version": "1.0.0"},
            "brokers": [
                {"id": "kafka", "name": broker_name, "protocol": "kafka"},
                {"id": "spare", "name": "Spare MQTT", "protocol": "mqtt"},
            ],
            "applications": [
                {
                    "id": "shop",
                    "name": app_name,
                    "kind": "service",
                    "owner": app_name,
                    "publishes": [{"topic": "order-placed"}],
                    "calls": ["get-order"],
                },
                {
                    "id": "orders-api",
                    "name": "Orders API",
                    "kind": "api",
                    "subscribes": [{"topic": "order-placed"}],
                    "webhooks": {"registration": "/subscriptions", "topics": ["order-placed"]},
                },
                {
                    "id": "portal",
                    "name": "Portal",
                    "kind": "client",
                    "subscribes": [{"topic": "order-placed", "via": "orders-api"}],
                    "calls": ["get-order", "list-orders"],
                },
                {
                    "id": "projector",
                    "name": "Projector",
                    "kind": "service",
                    "subscribes": [{"topic": "order-placed"}],
                    "writes": ["read-model"],
                },
                {"id": "read-model", "name": "Read model", "kind": "datastore"},
                {
                    "id": "reports",
                    "name": "Reports",
                    "kind": "api",
                    "reads": ["read-model"],
                    "backend": "shop",
                },
            ],
            "topics": [
                {
                    "id": "order-placed",
                    "address": topic_address,
                    "broker": "kafka",
                    "messages": ["order"],
                }
            ],
            "messages": [
                {"id": "order", "name": "Order", "payload": {"schema": {"type": "object"}}}
            ],
            "endpoints": [
                {
                    "id": "get-order",
                    "provider": "orders-api",
                    "method": "GET",
                    "path": "/orders/{id}",
                    "responses": {"200": "order"},
                },
                {
                    "id": "list-orders",
                    "provider": "orders-api",
                    "method": "POST",
                    "path": "/orders/search",
                },
                {
                    "id": "delete-order",
                    "provider": "orders-api",
                    "method": "DELETE",
                    "path": "/orders/{id}",
                },
            ],
            "notes": [
                {"id": "note-1", "on": "shop", "author": "reviewer", "text": note_text},
                {"id": "note-2", "on": "order-placed", "text": note_text},
                {"id": "note-3", "on": "order", "text": note_text},
            ],
        }
    )
    return parse_design(text).design
