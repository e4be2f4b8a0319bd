"""A small design and registry with one of each: the fixture the mapping tests pin."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from studio.export import ExportResult, export_design
from studio.io.design_file import parse_design
from studio.io.yaml_source import parse_yaml
from studio.model.design import Design
from studio.registry.file import registry_from_data
from studio.registry.model import Registry

ORDER_AVRO_V1 = {
    "type": "record",
    "name": "Order",
    "namespace": "acme.shop",
    "fields": [{"name": "id", "type": "string"}],
}
ORDER_AVRO_V2 = {
    "type": "record",
    "name": "Order",
    "namespace": "acme.shop",
    "doc": "An order.",
    "fields": [
        {"name": "id", "type": "string", "doc": "Order number"},
        {"name": "placedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "totals", "type": {"type": "map", "values": "double"}},
        {"name": "previous", "type": ["null", "Status"], "default": None},
    ],
}
PRODUCT_JSON = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Product",
    "type": "object",
    "properties": {"sku": {"type": "string"}, "price": {"$ref": "#/definitions/money"}},
    "required": ["sku"],
    "definitions": {"money": {"type": "number"}},
}
MONEY_PROTO = 'syntax = "proto3";\npackage acme.common;\nmessage Money {\n  string currency_code = 1;\n  int64 units = 2;\n}'  # noqa: E501
SHIPMENT_PROTO = textwrap.dedent("""\
    syntax = "proto3";
    package acme.ship.v1;
    import "acme/common/money.proto";
    import "google/protobuf/timestamp.proto";

    // A shipment left the warehouse.
    message Shipment {
      string shipment_id = 1;
      acme.common.Money cost = 2;
      acme.common.Money insured = 3;
      google.protobuf.Timestamp sent_at = 4;
      repeated string parcels = 5;
      Mode mode = 6;
    }

    enum Mode {
      MODE_UNSPECIFIED = 0;
      MODE_ROAD = 1;
    }
    """)

REGISTRY = {
    "formatVersion": 1,
    "subjects": {
        "shop.order-value": {
            "versions": [
                {"version": 1, "id": 11, "schemaType": "AVRO", "schema": json.dumps(ORDER_AVRO_V1)},
                {"version": 2, "id": 12, "schemaType": "AVRO", "schema": json.dumps(ORDER_AVRO_V2)},
            ]
        },
        "shop.order-key": {
            "versions": [{"version": 1, "id": 13, "schemaType": "AVRO", "schema": '"string"'}]
        },
        "shop.product-value": {
            "versions": [
                {"version": 1, "id": 21, "schemaType": "JSON", "schema": json.dumps(PRODUCT_JSON)}
            ]
        },
        "acme/common/money.proto": {
            "versions": [{"version": 1, "id": 31, "schemaType": "PROTOBUF", "schema": MONEY_PROTO}]
        },
        "ship.shipment-value": {
            "versions": [
                {
                    "version": 1,
                    "id": 32,
                    "schemaType": "PROTOBUF",
                    "schema": SHIPMENT_PROTO,
                    "references": [
                        {
                            "name": "acme/common/money.proto",
                            "subject": "acme/common/money.proto",
                            "version": 1,
                        }
                    ],
                }
            ]
        },
    },
}

DESIGN = """\
meshStudio: 1
info: {title: Mini mesh, version: 2.0.1}
registry: registry.yaml
taxonomy:
  mqtt: {pattern: '{site}/{entity}/{event}', levels: {site: [berlin, lyon]}}
brokers:
  - {id: kafka, name: Kafka, protocol: kafka, host: 'kafka:9092', schemaRegistryUrl: 'https://sr'}
  - {id: mqtt, protocol: mqtt, host: 'mqtt:1883'}
applications:
  - id: shop
    name: Shop
    owner: shop-team
    publishes:
      - {topic: orders, description: Every order once.}
      - {topic: products}
      - {topic: shipments}
      - {topic: readings}
  - id: billing
    subscribes:
      - {topic: orders, group: billing-v1}
      - {topic: readings, group: billing-readings}
  - id: orders-api
    name: Orders API
    kind: api
    subscribes:
      - {topic: orders}
    webhooks: {registration: /hooks, topics: [orders, shipments]}
  - id: partner
    kind: client
    calls: [get-order]
    subscribes:
      - {topic: orders, via: orders-api}
topics:
  - {id: orders, address: shop.orders.v1, broker: kafka, messages: [order], description: Orders.,
     bindings: {kafka: {partitions: 3}}}
  - {id: products, address: shop.products.v1, broker: kafka, messages: [product]}
  - {id: shipments, address: ship.shipments.v1, broker: kafka, messages: [shipment]}
  - {id: readings, address: '{site}/meter/reading', broker: mqtt, messages: [reading]}
messages:
  - id: order
    name: Order
    contentType: avro/binary
    payload: {subject: shop.order-value, version: latest}
    key: {subject: shop.order-key, version: 1}
    examples:
      - {id: O-1, placedAt: 1, note: null, status: NEW, tags: [], totals: {}, previous: null}
  - id: product
    name: Product
    contentType: application/json
    payload: {subject: shop.product-value, version: 1}
    examples: [{sku: P-1, price: 1.5}, {price: 2}]
  - id: shipment
    contentType: application/x-protobuf
    payload: {subject: ship.shipment-value, version: 1}
  - id: reading
    contentType: application/json
    payload:
      schema: {type: object, properties: {value: {type: [number, 'null']}}, required: [value]}
  - id: problem
    contentType: application/problem+json
    payload:
      schema: {type: object, properties: {title: {type: string}}}
endpoints:
  - id: get-order
    provider: orders-api
    method: GET
    path: /orders/{orderId}
    summary: Read an order
    responses: {'200': order, '404': problem}
  - id: cancel-order
    provider: orders-api
    method: DELETE
    path: /orders/{orderId}
    responses: {'204': null}
"""


def mini(
    design_text: str = DESIGN, registry: dict[str, Any] | None = REGISTRY
) -> tuple[Design, Registry | None]:
    design = parse_design(design_text, "mini.mesh.yaml").design
    return design, registry_from_data(registry) if registry is not None else None


def mini_export(
    asyncapi: str = "3.0.0",
    openapi: str = "3.1.0",
    design_text: str = DESIGN,
    registry: dict[str, Any] | None = REGISTRY,
) -> ExportResult:
    design, reg = mini(design_text, registry)
    return export_design(design, reg, asyncapi=asyncapi, openapi=openapi)


def edited(text: str, old: str, new: str) -> str:
    """The mini design with one passage replaced (it must occur)."""
    assert old in text, old
    return text.replace(old, new)


def notes_of(result: ExportResult) -> list[str]:
    return [str(note) for note in result.notes]


def yaml_data(text: str) -> Any:
    return parse_yaml(text, "<test>")[0]
