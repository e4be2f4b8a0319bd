"""The OpenAPI mapping of EXPORT.md: sync calls, evented APIs, converted payloads."""

from __future__ import annotations

from typing import Any

import pytest

from studio.export.openapi import CALLBACK_URL
from tests.export.conftest import Mesh
from tests.export.mini import DESIGN, edited, mini_export, notes_of


def api(openapi: str = "3.1.0", design_text: str = DESIGN) -> dict[str, Any]:
    return mini_export("3.0.0", openapi, design_text).document("openapi/orders-api").data


def test_a_sync_call_is_an_operation_with_its_path_parameters() -> None:
    doc = api()
    item = doc["paths"]["/orders/{orderId}"]
    assert item["parameters"] == [
        {"name": "orderId", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    get = item["get"]
    assert get["operationId"] == "get-order" and get["summary"] == "Read an order"
    # an Avro message: its JSON encoding, which generators read, and the binary form beside it
    assert get["responses"]["200"] == {
        "description": "Order",
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/order"},
                "examples": {"order-1": {"$ref": "#/components/examples/order-1"}},
            },
            "avro/binary": {"schema": {"type": "string", "contentMediaType": "avro/binary"}},
        },
    }
    assert get["responses"]["404"]["description"] == "Not Found"
    assert item["delete"] == {
        "operationId": "cancel-order",
        "responses": {"204": {"description": "No Content"}},
    }
    assert doc["components"]["examples"]["order-1"]["value"]["id"] == "O-1"


def test_the_erp_sample_pins_pattern_one(erp: Mesh) -> None:
    doc = erp.export().document("openapi/customer-api").data
    put = doc["paths"]["/customers/{customerId}"]["put"]
    assert put["operationId"] == "update-customer"
    assert put["requestBody"]["required"] is True
    # the body's message description, which importers read back
    assert put["requestBody"]["description"] == (
        "The fields a customer may change; anything left out stays as it is."
    )
    assert put["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/customer-update"
    }
    customer = doc["components"]["schemas"]["customer"]
    assert customer["x-schema-registry"] == {
        "subject": "com.acme.erp.Customer",
        "version": 2,
        "id": 100012,
    }
    assert "$schema" not in customer
    assert set(put["responses"]) == {"200", "400", "404"}


def test_an_evented_api_registers_callbacks_and_publishes_webhooks() -> None:
    doc = api()
    register = doc["paths"]["/hooks"]["post"]
    assert register["operationId"] == "register-webhook"  # kebab-case like every other
    assert register["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WebhookRegistration"
    }
    registration = doc["components"]["schemas"]["WebhookRegistration"]
    assert registration["required"] == ["callbackUrl", "topics"]
    assert registration["properties"]["topics"]["items"]["enum"] == ["orders", "shipments"]
    assert set(register["responses"]) == {"201"}
    assert register["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WebhookSubscription"
    }
    assert list(register["callbacks"]) == ["orders", "shipments"]
    delivery = register["callbacks"]["orders"][CALLBACK_URL]["post"]
    assert delivery["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/order"
    }
    assert list(delivery["responses"]) == ["2XX"]
    webhook = doc["webhooks"]["orders"]["post"]
    assert webhook["requestBody"] == delivery["requestBody"]
    assert webhook["operationId"] == "on-orders" and delivery["operationId"] == "deliver-orders"


def test_openapi_3_0_3_keeps_the_callbacks_and_says_there_are_no_webhooks() -> None:
    result = mini_export("3.0.0", "3.0.3")
    doc = result.document("openapi/orders-api").data
    assert "webhooks" not in doc
    assert set(doc["paths"]["/hooks"]["post"]["callbacks"]) == {"orders", "shipments"}
    assert (
        "info: openapi/orders-api: OpenAPI 3.0.3 has no webhooks; the deliveries are "
        "described only as callbacks of POST /hooks"
    ) in notes_of(result)


def test_avro_becomes_json_schema_with_its_registry_origin() -> None:
    schemas = api()["components"]["schemas"]
    order = schemas["order"]
    assert order["x-schema-registry"] == {"subject": "shop.order-value", "version": 2, "id": 12}
    assert order["required"] == ["id", "placedAt", "status", "tags", "totals"]
    props = order["properties"]
    assert props["id"] == {"type": "string", "description": "Order number"}
    assert props["placedAt"] == {
        "type": "integer",
        "format": "int64",
        "x-avro-logicalType": "timestamp-millis",
    }
    assert props["note"] == {"type": ["string", "null"], "default": None}
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert props["totals"] == {
        "type": "object",
        "additionalProperties": {"type": "number", "format": "double"},
    }
    # a named type used twice is one component, referenced
    assert props["status"] == {"$ref": "#/components/schemas/acme.shop.Status"}
    assert schemas["acme.shop.Status"] == {
        "type": "string",
        "title": "Status",
        "enum": ["NEW", "PAID"],
    }


def test_protobuf_becomes_json_schema_by_the_proto3_json_mapping() -> None:
    schemas = api()["components"]["schemas"]
    shipment = schemas["shipment"]
    assert list(shipment["properties"]) == [
        "shipmentId",
        "cost",
        "insured",
        "sentAt",
        "parcels",
        "mode",
    ]
    assert shipment["description"] == "A shipment left the warehouse."
    assert shipment["properties"]["sentAt"] == {"type": "string", "format": "date-time"}
    assert shipment["properties"]["cost"] == {"$ref": "#/components/schemas/acme.common.Money"}
    money = schemas["acme.common.Money"]  # from the import, resolved through the references
    assert money["properties"]["units"] == {
        "anyOf": [
            {"type": "integer", "format": "int64"},
            {"type": "string", "pattern": "^-?[0-9]+$"},
        ]
    }
    assert shipment["properties"]["mode"]["enum"] == ["MODE_UNSPECIFIED", "MODE_ROAD"]


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_openapi_3_0_3_schemas_use_the_3_0_dialect() -> None:
    doc = api("3.0.3")
    schemas = doc["components"]["schemas"]
    assert schemas["order"]["properties"]["note"] == {
        "type": "string",
        "default": None,
        "nullable": True,
    }
    # a nullable reference: null gets a branch of its own (3.0.3 reads nullable only beside
    # a type, and null would fail the referenced enum)
    assert schemas["order"]["properties"]["previous"] == {
        "anyOf": [
            {"$ref": "#/components/schemas/acme.shop.Status"},
            {"type": "string", "nullable": True, "enum": [None]},
        ],
        "default": None,
    }
    for node in _walk(doc["components"]["schemas"]):
        assert "nullable" not in node or "type" in node
    for node in _walk(doc["components"]["schemas"]):
        assert not isinstance(node.get("type"), list)
        assert "$defs" not in node and "const" not in node
        assert "$ref" not in node or len(node) == 1


def test_duplicate_method_and_path_keeps_the_first_endpoint() -> None:
    text = edited(DESIGN, "    method: DELETE\n", "    method: GET\n")
    result = mini_export(design_text=text)
    doc = result.document("openapi/orders-api").data
    assert doc["paths"]["/orders/{orderId}"]["get"]["operationId"] == "get-order"
    assert any(
        "'get-order' and 'cancel-order' are both GET /orders/{orderId}" in n
        for n in notes_of(result)
    )
    assert not result.failed


@pytest.mark.parametrize("openapi", ["3.1.0", "3.0.3"])
def test_operation_ids_are_unique_in_every_generated_document(
    generated: Mesh, openapi: str
) -> None:
    for doc in generated.export("3.0.0", openapi).documents:
        if doc.kind != "openapi":
            continue
        ids = [n["operationId"] for n in _walk(doc.data) if isinstance(n.get("operationId"), str)]
        assert len(ids) == len(set(ids)), doc.name


def test_unknown_messages_odd_statuses_and_no_version_are_reported() -> None:
    text = edited(
        DESIGN, "responses: {'204': null}", "request: nothing\n    responses: {default: ghost}"
    )
    text = edited(text, "info: {title: Mini mesh, version: 2.0.1}", "info: {title: Mini mesh}")
    result = mini_export(design_text=text)
    assert not result.failed
    delete = result.document("openapi/orders-api").data["paths"]["/orders/{orderId}"]["delete"]
    assert "requestBody" not in delete
    assert delete["responses"] == {"default": {"description": "Response"}}  # ghost is unknown
    assert result.document("openapi/orders-api").data["info"]["version"] == "0.0.0"
    notes = notes_of(result)
    assert "warning: the design has no info.version; documents say 0.0.0" in notes
    assert (
        "warning: openapi/orders-api: 'cancel-order' names the unknown message 'nothing'; "
        "it is left out"
    ) in notes
    assert (
        "warning: openapi/orders-api: 'cancel-order' names the unknown message 'ghost'; "
        "it is left out"
    ) in notes


def test_binary_bodies_in_3_0_are_format_binary() -> None:
    get = api("3.0.3")["paths"]["/orders/{orderId}"]["get"]
    content = get["responses"]["200"]["content"]
    assert content["avro/binary"] == {"schema": {"type": "string", "format": "binary"}}
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/order"}


HEADERS = """\
    headers:
      schema:
        type: object
        properties:
          traceparent: {type: string, description: W3C trace context}
          tenant: {type: string}
          Content-Type: {type: string}
        required: [traceparent]
"""


def test_message_headers_go_to_responses_requests_and_deliveries() -> None:
    design = edited(
        DESIGN, "    contentType: avro/binary\n", "    contentType: avro/binary\n" + HEADERS
    )
    design = edited(
        design,
        "    path: /orders/{orderId}\n    responses: {'204': null}",
        "    path: /orders/{orderId}\n    request: order\n    responses: {'204': null}",
    )
    for version in ("3.1.0", "3.0.3"):
        doc = api(version, design)
        expected = {
            "traceparent": {
                "description": "W3C trace context",
                "schema": {"type": "string"},
                "required": True,
            },
            "tenant": {"schema": {"type": "string"}},
        }
        get = doc["paths"]["/orders/{orderId}"]["get"]
        assert get["responses"]["200"]["headers"] == expected  # Content-Type is OpenAPI's own
        as_parameters = [
            {"name": name, "in": "header", **header} for name, header in expected.items()
        ]
        assert doc["paths"]["/orders/{orderId}"]["delete"]["parameters"] == as_parameters
        delivery = doc["paths"]["/hooks"]["post"]["callbacks"]["orders"][CALLBACK_URL]["post"]
        assert delivery["parameters"] == as_parameters
        assert (
            "parameters"
            not in doc["paths"]["/hooks"]["post"]["callbacks"]["shipments"][CALLBACK_URL]["post"]
        )


def test_payload_components_are_titled_with_the_message_name() -> None:
    design = edited(DESIGN, "  - id: problem\n", "  - id: problem\n    name: Problem\n")
    schemas = api("3.1.0", design)["components"]["schemas"]
    assert schemas["problem"]["title"] == "Problem"
    assert schemas["order"]["title"] == "Order"  # the record's own name stays
