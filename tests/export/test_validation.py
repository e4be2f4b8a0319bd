"""Validation against the bundled official schemas and the checks they miss, offline."""

from __future__ import annotations

import copy
import hashlib
import socket
from typing import Any

import openapi_spec_validator  # noqa: F401  (imported before the network goes)
import pytest

from studio.export import check_document, validate_document
from studio.export import validation as validation_module
from studio.resources import resource_path
from tests.export.conftest import VERSIONS, Mesh
from tests.export.mini import mini_export

BUNDLED = {
    "3.1.0.json": "744cdfebad7865197e93de712ce7086769d7553fcfcd2cc4bf69a9e1c4c24377",
    "3.0.0.json": "abe96881dbfaad495ccbb6bd8d3fb43ca18a13b9d7564849ccb66f39d5e5b20f",
    "2.6.0.json": "be227ff668d64da62932c8409daca58fef1f7749f5d386175111f17314595137",
    "LICENSE": "43070e2d4e532684de521b885f385d0841030efa2b1a20bafb76133a5e1379c1",
}


def test_the_bundled_schemas_are_the_official_files() -> None:
    folder = resource_path("schemas", "asyncapi")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "@asyncapi/specs` version **6.11.1**" in readme
    for name, digest in BUNDLED.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        assert digest in readme


def _mini(kind: str, version: str) -> dict[str, Any]:
    pair = ("3.0.0", "3.1.0") if version in ("3.0.0", "3.1.0") else ("2.6.0", "3.0.3")
    name = "asyncapi/shop" if kind == "asyncapi" else "openapi/orders-api"
    return copy.deepcopy(mini_export(*pair).document(name).data)


def test_schema_violations_are_reported_with_their_place() -> None:
    doc = _mini("asyncapi", "3.0.0")
    doc["operations"]["send-orders"]["action"] = "publish"
    doc["channels"]["orders"]["bindings"]["kafka"]["partitions"] = "many"
    problems = validate_document("asyncapi", "3.0.0", doc)
    assert '/operations/send-orders/action: "publish" is not one of "send" or "receive"' in problems
    assert any(p.startswith("/channels/orders/bindings/kafka/partitions:") for p in problems)
    old = _mini("asyncapi", "2.6.0")
    del old["info"]["version"]
    assert validate_document("asyncapi", "2.6.0", old) == [
        '/info: "version" is a required property'
    ]


def test_openapi_violations_come_from_openapi_spec_validator() -> None:
    doc = _mini("openapi", "3.1.0")
    del doc["paths"]["/orders/{orderId}"]["get"]["responses"]["200"]["description"]
    problems = validate_document("openapi", "3.1.0", doc)
    assert problems and "'description' is a required property" in problems[0].replace('"', "'")
    old = _mini("openapi", "3.0.3")
    old["components"]["schemas"]["problem"]["type"] = ["object", "null"]  # 3.1 only
    assert validate_document("openapi", "3.0.3", old)
    with pytest.raises(ValueError, match="unknown document kind"):
        validate_document("raml", "1.0", {})  # type: ignore[arg-type]


def test_the_export_check_finds_nullable_without_type_in_3_0() -> None:
    old = _mini("openapi", "3.0.3")
    assert check_document("openapi", "3.0.3", old) == []
    old["paths"]["/orders/{orderId}"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] = {"allOf": [{"$ref": "#/components/schemas/order"}], "nullable": True}
    assert check_document("openapi", "3.0.3", old) == [
        "/paths/~1orders~1{orderId}/get/responses/200/content/application~1json/schema: "
        "'nullable' without 'type' (OpenAPI 3.0.3 ignores it)"
    ]


def test_openapi_3_2_documents_are_checked_by_its_own_validator() -> None:
    doc = mini_export("3.0.0", "3.2.0").document("openapi/orders-api").data
    assert doc["openapi"] == "3.2.0" and "orders" in doc["webhooks"]
    assert validate_document("openapi", "3.2.0", doc) == []
    same = mini_export("3.0.0", "3.1.0").document("openapi/orders-api").data
    assert {**doc, "openapi": "3.1.0"} == same  # nothing but the version differs
    broken = copy.deepcopy(doc)
    broken["components"]["schemas"]["problem"]["type"] = "nope"
    assert validate_document("openapi", "3.2.0", broken)
    assert validate_document("openapi", "3.2.0", {**doc, "openapi": "3.1.0"}) == [
        "/openapi: '3.1.0' is not '3.2.0'"
    ]


def test_checks_find_what_the_schemas_miss() -> None:
    doc = _mini("asyncapi", "3.0.0")
    doc["operations"]["send-orders"]["messages"] = [
        {"$ref": "#/channels/products/messages/product"}
    ]
    doc["channels"]["readings"]["parameters"] = {}
    doc["components"]["messages"]["order"]["payload"] = {"$ref": "#/components/schemas/nope"}
    assert validate_document("asyncapi", "3.0.0", doc) == []  # the JSON Schema sees no problem
    assert check_document("asyncapi", "3.0.0", doc) == [
        "the $ref '#/components/schemas/nope' does not resolve",
        "operation 'send-orders' uses the message '#/channels/products/messages/product', "
        "which its channel 'orders' does not carry",
        "channel 'readings' does not declare the parameter 'site' of its address",
    ]
    old = _mini("asyncapi", "2.6.0")
    channels = old["channels"]
    channels["shop.products.v1"]["subscribe"]["operationId"] = "send-orders"
    assert check_document("asyncapi", "2.6.0", old) == [
        "operationId 'send-orders' is used twice (shop.orders.v1 and shop.products.v1)"
    ]
    api = _mini("openapi", "3.1.0")
    api["paths"]["/orders/{orderId}"]["delete"]["operationId"] = "get-order"
    api["webhooks"]["orders"]["post"]["requestBody"]["content"]["avro/binary"]["schema"] = {
        "$ref": "https://example.com/order.json"
    }
    assert check_document("openapi", "3.1.0", api) == [
        "the $ref 'https://example.com/order.json' points outside the document",
        "operationId 'get-order' is used twice",
    ]


def test_validation_never_uses_the_network(monkeypatch: pytest.MonkeyPatch, erp: Mesh) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("export tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # compile the validators again, now, with the network gone
    validation_module.asyncapi_validator.cache_clear()
    validation_module._openapi_validator_class.cache_clear()
    for asyncapi, openapi in VERSIONS:
        result = erp.export(asyncapi, openapi)
        assert not result.failed
    doc = _mini("openapi", "3.1.0")
    doc["components"]["schemas"]["remote"] = {"$ref": "https://example.com/schema.json"}
    problems = validate_document("openapi", "3.1.0", doc)
    assert problems == ["/: the validator stopped: https://example.com/schema.json"]
