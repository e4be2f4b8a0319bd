"""A design and registry whose every free text tries to inject markup or script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(2)</script>"
SVG = "<svg onload=alert(3)>"
ALL = (SCRIPT, ATTRIBUTE, CLOSE, SVG)
CONTROL = "bell\x07 escape\x1b[31m null\x00 delete\x7f"  # raw bytes no page may hold
HOSTILE_SUBJECT = f"{CLOSE}{SVG}"
CLIMBING_SUBJECT = "../../../outside/evil"


def hostile_design() -> dict[str, Any]:
    return {
        "meshStudio": 1,
        "info": {
            "title": f"Mesh {SCRIPT}",
            "version": "1.0.0",
            "description": f"{ATTRIBUTE} {CLOSE}",
            "owner": SVG,
        },
        "registry": "registry.yaml",
        "brokers": [
            {
                "id": "kafka",
                "name": f"Kafka {ATTRIBUTE}",
                "protocol": "kafka",
                "host": "javascript:alert(1)",
                "description": SCRIPT,
                "schemaRegistryUrl": "javascript:alert(4)",
            }
        ],
        "applications": [
            {
                "id": "producer",
                "name": CLOSE,
                "kind": "service",
                "owner": ATTRIBUTE,
                "description": SVG,
                "publishes": [
                    {"topic": "orders", "description": SCRIPT},
                    {"topic": "../../../etc/passwd"},
                ],
                "calls": [f"{SCRIPT}"],
            },
            {
                "id": "api",
                "name": ATTRIBUTE,
                "kind": "api",
                "backend": SCRIPT,
                "subscribes": [{"topic": "orders", "group": CLOSE}],
                "webhooks": {
                    "registration": f"/subscriptions{SCRIPT}",
                    "topics": ["orders"],
                    "description": ATTRIBUTE,
                },
            },
            {
                "id": "consumer",
                "name": SCRIPT,
                "kind": "client",
                "subscribes": [
                    {"topic": "orders", "via": "api", "description": CLOSE},
                    {"topic": "orders", "via": ATTRIBUTE},
                ],
            },
        ],
        "topics": [
            {
                "id": "orders",
                "address": f"shop.orders{SCRIPT}",
                "broker": "kafka",
                "messages": ["order", SVG],
                "description": f"{ATTRIBUTE} {CONTROL}",
                "bindings": {"kafka": {"partitions": 3, "x-note": CLOSE}},
            }
        ],
        "messages": [
            {
                "id": "order",
                "name": f"Order {SCRIPT}",
                "summary": f"{ATTRIBUTE} {CONTROL}",
                "description": CLOSE,
                "contentType": "application/json",
                "payload": {"subject": HOSTILE_SUBJECT, "version": "latest"},
                "key": {"subject": CLIMBING_SUBJECT, "version": 1},
                "examples": [{"note": CLOSE, SCRIPT: ATTRIBUTE}],
            },
            {
                "id": "inline",
                "name": SVG,
                "payload": {
                    "schema": {
                        "type": "object",
                        "description": CLOSE,
                        "properties": {SCRIPT: {"type": "string", "description": ATTRIBUTE}},
                    }
                },
            },
        ],
        "endpoints": [
            {
                "id": "get-order",
                "provider": "api",
                "method": "GET",
                "path": f"/orders/{SCRIPT}",
                "summary": CLOSE,
                "description": ATTRIBUTE,
                "request": "inline",
                "responses": {"200": "order", "404": None},
            }
        ],
        "notes": [{"id": "note-1", "on": "orders", "author": SCRIPT, "text": CLOSE}],
    }


def hostile_registry() -> dict[str, Any]:
    avro = (
        '{"type":"record","name":"Order","doc":"'
        + CLOSE.replace("/", "\\/")
        + '","fields":[{"name":"id","type":"string","doc":"'
        + SCRIPT
        + '"}]}'
    )
    return {
        "formatVersion": 1,
        "subjects": {
            HOSTILE_SUBJECT: {
                "config": {"compatibilityLevel": "BACKWARD"},
                "versions": [
                    {"version": 1, "id": 1, "schema": avro},
                    {
                        "version": 2,
                        "id": 2,
                        "schema": avro,
                        "deleted": True,
                        "references": [{"name": SCRIPT, "subject": CLIMBING_SUBJECT, "version": 1}],
                    },
                ],
            },
            CLIMBING_SUBJECT: {
                "versions": [
                    {
                        "version": 1,
                        "id": 3,
                        "schemaType": "JSON",
                        "schema": '{"type":"string","description":"' + CLOSE + '"}',
                    }
                ]
            },
        },
    }


def write_hostile(folder: Path, registry: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    design = folder / "hostile.mesh.yaml"
    design.write_text(yaml.safe_dump(hostile_design(), sort_keys=False), encoding="utf-8")
    if registry:
        (folder / "registry.yaml").write_text(
            yaml.safe_dump(hostile_registry(), sort_keys=False), encoding="utf-8"
        )
    return design
