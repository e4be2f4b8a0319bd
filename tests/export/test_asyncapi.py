"""The AsyncAPI mapping of EXPORT.md, pinned per pattern and per payload format."""

from __future__ import annotations

import json

import pytest

from studio.export import ExportContext, asyncapi_document, check_document
from studio.export.messages import AVRO_FORMAT, PROTOBUF_FORMAT
from tests.export.mini import (
    DESIGN,
    MONEY_PROTO,
    ORDER_AVRO_V2,
    PRODUCT_JSON,
    REGISTRY,
    SHIPMENT_PROTO,
    edited,
    mini,
    mini_export,
    notes_of,
)


def doc(
    name: str, asyncapi: str = "3.0.0", design_text: str = DESIGN, registry: dict | None = REGISTRY
) -> dict:
    return mini_export(asyncapi, "3.1.0", design_text, registry).document(name).data


def test_a_publication_is_a_send_operation_on_the_topic_channel() -> None:
    shop = doc("asyncapi/shop")
    assert shop["operations"]["send-orders"] == {
        "action": "send",
        "channel": {"$ref": "#/channels/orders"},
        "description": "Every order once.",
        "messages": [{"$ref": "#/channels/orders/messages/order"}],
    }
    assert shop["channels"]["orders"] == {
        "address": "shop.orders.v1",
        "description": "Orders.",
        "servers": [{"$ref": "#/servers/kafka"}],
        "messages": {"order": {"$ref": "#/components/messages/order"}},
        "bindings": {"kafka": {"partitions": 3}},
    }
    assert shop["info"] == {
        "title": "Shop",
        "version": "2.0.1",
        "contact": {"name": "shop-team"},
        "x-owner": "shop-team",
    }
    assert shop["servers"]["kafka"] == {
        "host": "kafka:9092",
        "protocol": "kafka",
        "title": "Kafka",
        "bindings": {"kafka": {"schemaRegistryUrl": "https://sr", "bindingVersion": "0.5.0"}},
    }
    # 2.6 servers have no title: the name is the description and stays as x-title
    old = doc("asyncapi/shop", "2.6.0")["servers"]["kafka"]
    assert (old["description"], old["x-title"]) == ("Kafka", "Kafka")


def test_a_direct_subscription_receives_with_its_consumer_group() -> None:
    billing = doc("asyncapi/billing")
    assert billing["operations"]["receive-orders"] == {
        "action": "receive",
        "channel": {"$ref": "#/channels/orders"},
        "messages": [{"$ref": "#/channels/orders/messages/order"}],
        "bindings": {
            "kafka": {
                "groupId": {"type": "string", "enum": ["billing-v1"]},
                "bindingVersion": "0.5.0",
            }
        },
    }
    # no Kafka binding outside Kafka: the group is kept as an extension
    assert billing["operations"]["receive-readings"]["x-group"] == "billing-readings"
    assert "bindings" not in billing["operations"]["receive-readings"]


def test_asyncapi_2_6_sees_the_verbs_from_the_other_side() -> None:
    shop, billing = doc("asyncapi/shop", "2.6.0"), doc("asyncapi/billing", "2.6.0")
    channel = shop["channels"]["shop.orders.v1"]  # 2.6 names channels by address
    assert channel["subscribe"] == {
        "operationId": "send-orders",
        "description": "Every order once.",
        "message": {"$ref": "#/components/messages/order"},
    }
    assert "publish" not in channel and channel["servers"] == ["kafka"]
    received = billing["channels"]["shop.orders.v1"]["publish"]
    assert received["operationId"] == "receive-orders"
    assert received["bindings"]["kafka"]["groupId"] == {"type": "string", "enum": ["billing-v1"]}
    assert shop["servers"]["kafka"]["url"] == "kafka:9092"
    assert shop["components"]["messages"]["order"]["messageId"] == "order"


def test_asyncapi_2_6_leaves_out_the_message_id_of_a_message_two_operations_use() -> None:
    # the order message on a second topic: 2.6 parsers would see its messageId twice
    design = edited(
        edited(
            DESIGN,
            "      - {topic: readings}\n  - id: billing",
            "      - {topic: readings}\n      - {topic: order-copies}\n  - id: billing",
        ),
        "topics:\n",
        "topics:\n  - {id: order-copies, address: shop.orders.copy.v1, "
        "broker: kafka, messages: [order]}\n",
    )
    result = mini_export("2.6.0", "3.1.0", design)
    shop = result.document("asyncapi/shop").data
    assert "messageId" not in shop["components"]["messages"]["order"]
    assert shop["components"]["messages"]["product"]["messageId"] == "product"
    assert any("message 'order' is used by 2 operations" in n for n in notes_of(result))
    # the billing document uses it once and keeps it
    billing = result.document("asyncapi/billing").data
    assert billing["components"]["messages"]["order"]["messageId"] == "order"
    assert check_document("asyncapi", "2.6.0", shop) == []


def test_the_export_check_sees_a_message_id_twice_through_references() -> None:
    shop = doc("asyncapi/shop", "2.6.0")
    shop["channels"]["shop.orders.v1"]["publish"] = {
        "operationId": "again",
        "message": {"$ref": "#/components/messages/order"},
    }
    assert check_document("asyncapi", "2.6.0", shop) == [
        "messageId 'order' is used twice (shop.orders.v1 publish and shop.orders.v1 "
        "subscribe); parsers check it after resolving references"
    ]


def test_webhook_subscriptions_are_not_asyncapi_operations() -> None:
    result = mini_export()
    names = [d.name for d in result.documents]
    assert "asyncapi/partner" not in names  # it only receives through the evented API
    assert any("'partner' only receives webhook deliveries" in n for n in notes_of(result))
    api = result.document("asyncapi/orders-api").data
    assert list(api["operations"]) == ["receive-orders"]  # its own direct subscription


def test_channel_parameters_are_declared_with_taxonomy_values() -> None:
    channel = doc("asyncapi/shop")["channels"]["readings"]
    assert channel["address"] == "{site}/meter/reading"
    assert channel["parameters"] == {
        "site": {"description": "The site part of the address.", "enum": ["berlin", "lyon"]}
    }
    old = doc("asyncapi/shop", "2.6.0")["channels"]["{site}/meter/reading"]
    assert old["parameters"]["site"]["schema"] == {"type": "string", "enum": ["berlin", "lyon"]}


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_avro_payload_keeps_the_registry_schema(version: str) -> None:
    # with previous: null the 2.6 parser would misread the example (test_avro_examples)
    design = edited(DESIGN, "previous: null}", "previous: PAID}")
    order = doc("asyncapi/shop", version, design)["components"]["messages"]["order"]
    if version == "3.0.0":
        assert order["payload"] == {"schemaFormat": AVRO_FORMAT, "schema": ORDER_AVRO_V2}
    else:
        assert order["schemaFormat"] == AVRO_FORMAT and order["payload"] == ORDER_AVRO_V2
    # "latest" is the highest live version, named with its id
    assert order["x-schema-registry"] == {"subject": "shop.order-value", "version": 2, "id": 12}
    assert order["x-schema-registry-key"] == {"subject": "shop.order-key", "version": 1, "id": 13}
    binding = order["bindings"]["kafka"]
    assert binding["key"] == {"type": "string"}
    assert binding["schemaIdLocation"] == "payload"
    assert binding["schemaIdPayloadEncoding"] == "confluent"
    assert order["examples"][0]["payload"]["id"] == "O-1"


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_json_schema_payload_is_a_referenced_component(version: str) -> None:
    shop = doc("asyncapi/shop", version)
    product = shop["components"]["messages"]["product"]
    assert product["payload"] == {"$ref": "#/components/schemas/product"}
    schema = shop["components"]["schemas"]["product"]
    # $schema is dropped; the local definitions become components of their own
    assert "$schema" not in schema and "definitions" not in schema
    assert schema["properties"]["price"] == {
        "$ref": "#/components/schemas/shop.product-value.money"
    }
    assert (
        shop["components"]["schemas"]["shop.product-value.money"]
        == PRODUCT_JSON["definitions"]["money"]
    )
    assert product["x-schema-registry"] == {"subject": "shop.product-value", "version": 1, "id": 21}
    # the second example lacks the required sku: the parser would reject it, so it goes
    assert product["examples"] == [{"payload": {"sku": "P-1", "price": 1.5}}]


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_json_payload_components_are_titled_with_the_message_name(version: str) -> None:
    design = edited(DESIGN, "  - id: reading\n", "  - id: reading\n    name: MeterReading\n")
    schemas = doc("asyncapi/shop", version, design)["components"]["schemas"]
    # Modelina names the type after the title, not the kebab-case component key
    assert schemas["product"]["title"] == "Product"  # the schema's own title stays
    assert schemas["reading"]["title"] == "MeterReading"
    assert "title" not in schemas["shop.product-value.money"]  # only the payload root


def test_inline_json_schema_payload() -> None:
    shop = doc("asyncapi/shop")
    assert shop["components"]["messages"]["reading"]["payload"] == {
        "$ref": "#/components/schemas/reading"
    }
    assert shop["components"]["schemas"]["reading"]["properties"]["value"] == {
        "type": ["number", "null"]
    }
    assert "x-schema-registry" not in shop["components"]["messages"]["reading"]


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_a_reference_inside_content_schema_follows_its_definition(version: str) -> None:
    # a string carrying JSON, described by a definition of the same payload schema
    design = edited(
        DESIGN,
        "      schema: {type: object, properties: {value: {type: [number, 'null']}}, "
        "required: [value]}",
        "      schema:\n"
        "        type: object\n"
        "        $defs: {raw: {type: object, properties: {v: {type: number}}}}\n"
        "        properties:\n"
        "          value: {type: string, contentMediaType: application/json,"
        " contentSchema: {$ref: '#/$defs/raw'}}",
    )
    result = mini_export(version, "3.1.0", design)
    assert not result.failed
    schemas = result.document("asyncapi/shop").data["components"]["schemas"]
    value = schemas["reading"]["properties"]["value"]
    assert value["contentSchema"] == {"$ref": "#/components/schemas/reading.raw"}
    assert schemas["reading.raw"]["properties"] == {"v": {"type": "number"}}


def test_protobuf_payload_is_a_multi_format_schema_and_a_warning_in_2_6() -> None:
    # a self-contained .proto keeps its text (the shipment's imports are covered below)
    design = edited(
        DESIGN,
        "payload: {subject: ship.shipment-value, version: 1}",
        "payload: {subject: acme/common/money.proto, version: 1}",
    )
    result = mini_export(design_text=design)
    shipment = result.document("asyncapi/shop").data["components"]["messages"]["shipment"]
    assert shipment["payload"] == {"schemaFormat": PROTOBUF_FORMAT, "schema": MONEY_PROTO}
    result = mini_export("2.6.0", design_text=design)
    old = result.document("asyncapi/shop").data["components"]["messages"]["shipment"]
    assert old["schemaFormat"] == PROTOBUF_FORMAT and old["payload"] == MONEY_PROTO
    warnings = [n for n in result.notes if n.level == "warning" and "Protobuf" in n.message]
    assert {n.document for n in warnings} == {"asyncapi/shop"}
    assert all(n.element == "shipment" for n in warnings)


def _payload_of(message: dict) -> tuple[str, str]:
    """(schemaFormat, schema) of a message, in either version's form."""
    if "schemaFormat" in message:  # 2.6.0
        return message["schemaFormat"], message["payload"]
    return message["payload"]["schemaFormat"], message["payload"]["schema"]


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_protobuf_with_imports_is_one_self_contained_text(version: str) -> None:
    # the official Protobuf schema parser loads no import but the bundled well-known ones
    result = mini_export(version)
    shipment = result.document("asyncapi/shop").data["components"]["messages"]["shipment"]
    schema_format, text = _payload_of(shipment)
    assert schema_format == PROTOBUF_FORMAT
    assert 'import "acme/common/money.proto"' not in text
    assert 'import "google/protobuf/timestamp.proto";' in text
    assert "  Money cost = 2;\n" in text and "  Money insured = 3;\n" in text
    assert text.endswith("message Money {\n  string currency_code = 1;\n  int64 units = 2;\n}\n")
    assert "// A shipment left the warehouse.\nmessage Shipment {" in text
    assert shipment["x-schema-registry"]["references"] == [
        {"name": "acme/common/money.proto", "subject": "acme/common/money.proto", "version": 1}
    ]
    assert "shipment" not in result.document("asyncapi/shop").data["components"].get("schemas", {})
    assert not [n for n in result.notes if "JSON Schema (proto3 JSON mapping)" in n.message]
    assert SHIPMENT_PROTO in [
        v["schema"] for v in REGISTRY["subjects"]["ship.shipment-value"]["versions"]
    ]


def test_protobuf_that_cannot_be_one_text_is_exported_as_json_schema() -> None:
    # an import the registry does not name: neither inlined nor bundled with the parser
    registry = json.loads(json.dumps(REGISTRY))
    del registry["subjects"]["ship.shipment-value"]["versions"][0]["references"]
    result = mini_export(registry=registry)
    shipment = result.document("asyncapi/shop").data["components"]["messages"]["shipment"]
    assert shipment["payload"] == {"$ref": "#/components/schemas/shipment"}
    schema = result.document("asyncapi/shop").data["components"]["schemas"]["shipment"]
    assert "shipmentId" in schema["properties"]
    notes = [n for n in result.notes if "JSON Schema (proto3 JSON mapping)" in n.message]
    assert notes and all(n.level == "info" and n.element == "shipment" for n in notes)
    assert (
        "the import 'acme/common/money.proto' is neither among the schema's registry "
        "references nor bundled with the parser" in notes[0].message
    )


SHIPMENT_EXAMPLES = """\
    payload: {subject: ship.shipment-value, version: 1}
    examples:
      - shipmentId: S-1
        cost: {currencyCode: EUR, units: '12'}
        insured: {currencyCode: EUR}
        sentAt: '2026-01-01T00:00:00.5Z'
        mode: MODE_ROAD
      - {shipmentId: S-2, sentAt: '2026-01-01T00:00:00Z'}
      - {shipmentId: 5}
"""


@pytest.mark.parametrize("version", ["3.0.0", "2.6.0"])
def test_protobuf_examples_are_written_as_the_protobuf_schema_parser_reads_them(
    version: str,
) -> None:
    design_text = edited(
        DESIGN, "    payload: {subject: ship.shipment-value, version: 1}\n", SHIPMENT_EXAMPLES
    )
    result = mini_export(version, design_text=design_text)
    shipment = result.document("asyncapi/shop").data["components"]["messages"]["shipment"]
    # proto field names; absent proto3 scalars, lists and enums at their defaults; int64 as
    # numbers; a Timestamp as its message
    assert shipment["examples"] == [
        {
            "payload": {
                "shipment_id": "S-1",
                "cost": {"currency_code": "EUR", "units": 12},
                "insured": {"currency_code": "EUR", "units": 0},
                "sent_at": {"seconds": 1767225600, "nanos": 500000000},
                "parcels": [],
                "mode": "MODE_ROAD",
            }
        }
    ]
    notes = notes_of(result)
    # unset message fields have no value to fill in: the parser requires them
    assert (
        "warning: example 2 of message 'shipment' cannot be written as AsyncAPI's Protobuf "
        "schema parser reads it ('cost' is unset, and the parser requires the message field "
        "to be set) and is left out"
    ) in notes
    assert (
        "warning: example 3 of message 'shipment' does not validate against its payload "
        "schema and is left out"
    ) in notes
    design = mini(design_text)[0]
    assert next(m for m in design.messages if m.id == "shipment").examples[0]["shipmentId"] == "S-1"


def test_missing_subjects_and_registry_leave_the_payload_out_with_a_note() -> None:
    text = edited(
        DESIGN,
        "{subject: shop.product-value, version: 1}",
        "{subject: shop.product-value, version: 9}",
    )
    result = mini_export(design_text=text)
    product = result.document("asyncapi/shop").data["components"]["messages"]["product"]
    assert "payload" not in product and "x-schema-registry" not in product
    assert (
        "warning: payload of message 'product': subject 'shop.product-value' has no "
        "version 9 in the registry"
    ) in notes_of(result)
    assert not result.failed
    without = mini_export(registry=None)
    assert not without.failed
    assert any(
        "cannot be looked up: the design names no registry file" in n for n in notes_of(without)
    )


def test_unknown_references_and_unusable_addresses_are_skipped_with_warnings() -> None:
    text = edited(
        DESIGN,
        "      - {topic: readings}\n  - id: billing",
        "      - {topic: readings}\n      - {topic: nowhere}\n  - id: billing",
    )
    text = edited(text, "address: '{site}/meter/reading'", "address: 'plant/#'")
    result = mini_export(design_text=text)
    shop = result.document("asyncapi/shop").data
    assert "send-nowhere" not in shop["operations"] and "readings" not in shop["channels"]
    notes = notes_of(result)
    assert (
        "warning: asyncapi/shop: application 'shop' links to the unknown topic 'nowhere'; "
        "that operation is left out"
    ) in notes
    assert any("cannot contain '#' or '?'" in n for n in notes)
    assert not result.failed


def test_the_builder_is_a_pure_function_of_design_and_registry() -> None:
    design, registry = mini()
    shop = next(a for a in design.applications if a.id == "shop")
    first = asyncapi_document(ExportContext(design, registry), shop, "3.0.0")
    again = asyncapi_document(ExportContext(design, registry), shop, "3.0.0")
    assert first == again and json.dumps(first) == json.dumps(again)
    with pytest.raises(ValueError, match=r"AsyncAPI 2\.5\.0 is not supported"):
        asyncapi_document(ExportContext(design, registry), shop, "2.5.0")


def test_headers_extensions_and_missing_hosts() -> None:
    text = edited(
        DESIGN,
        "    payload: {subject: shop.product-value, version: 1}\n",
        "    payload: {subject: shop.product-value, version: 1}\n"
        "    headers:\n      schema: {type: object, properties: {trace: "
        "{type: string}}}\n    x-catalogue: retail\n",
    )
    text = edited(
        text, "  - {id: mqtt, protocol: mqtt, host: 'mqtt:1883'}", "  - {id: mqtt, protocol: mqtt}"
    )
    text = edited(text, "    name: Shop\n", "    name: Shop\n    x-cost-centre: 4711\n")
    for version in ("3.0.0", "2.6.0"):
        result = mini_export(version, design_text=text)
        assert not result.failed
        shop = result.document("asyncapi/shop").data
        product = shop["components"]["messages"]["product"]
        assert product["headers"] == {"type": "object", "properties": {"trace": {"type": "string"}}}
        assert product["x-catalogue"] == "retail"
        assert shop["info"]["x-cost-centre"] == 4711
        server = shop["servers"]["mqtt"]
        assert server.get("host", server.get("url")) == "mqtt"
        assert (
            "warning: asyncapi/shop: broker 'mqtt' has no host; its id stands in for it"
            in notes_of(result)
        )


def test_asyncapi_2_6_has_one_channel_per_address_and_one_operation_per_verb() -> None:
    text = edited(
        DESIGN,
        "  - {id: products, address: shop.products.v1,",
        "  - {id: products, address: shop.orders.v1,",
    )
    text = edited(
        text,
        "      - {topic: orders, group: billing-v1}\n",
        "      - {topic: orders, group: billing-v1}\n"
        "      - {topic: orders, group: billing-audit}\n",
    )
    result = mini_export("2.6.0", design_text=text)
    assert not result.failed
    shop = result.document("asyncapi/shop").data
    assert shop["channels"]["shop.orders.v1"]["subscribe"]["operationId"] == "send-orders"
    billing = result.document("asyncapi/billing").data
    assert billing["channels"]["shop.orders.v1"]["publish"]["operationId"] == "receive-orders"
    notes = notes_of(result)
    assert any(
        "topics 'orders' and 'products' share the address 'shop.orders.v1'" in n for n in notes
    )
    assert any("'receive-orders-2' is merged into 'receive-orders'" in n for n in notes)
    # 3.0.0 has room for both
    modern = mini_export("3.0.0", design_text=text).document("asyncapi/billing").data
    assert {"receive-orders", "receive-orders-2"} <= set(modern["operations"])


def test_asyncapi_3_1_is_3_0_with_its_version_and_passes_its_schema() -> None:
    result = mini_export("3.1.0", "3.1.0")
    assert not result.failed
    for name in ("asyncapi/shop", "asyncapi/billing"):
        newer = result.document(name).data
        assert newer["asyncapi"] == "3.1.0"
        assert {**newer, "asyncapi": "3.0.0"} == doc(name, "3.0.0")
