"""Each mapping row of docs/import.md, on hand-written documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.errors import LoadError
from studio.importer import import_specs
from studio.registry.model import Registry, SchemaVersion, Subject
from tests.importer.documents import (
    BILLING_30,
    CHECKOUT_SCHEMA,
    CUSTOMER_API_31,
    ORDER_AVRO,
    SHOP_26,
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "checkout.json").write_text(json.dumps(CHECKOUT_SCHEMA))
    written = {}
    for name, text in (
        ("shop.yaml", SHOP_26),
        ("billing.yaml", BILLING_30),
        ("customer-api.yaml", CUSTOMER_API_31),
    ):
        written[name] = tmp_path / name
        written[name].write_text(text, encoding="utf-8")
    return written


def by_id(items) -> dict:
    return {item.id: item for item in items}


def test_2x_subscribe_is_what_the_application_sends_and_publish_what_it_receives(files) -> None:
    result = import_specs([files["shop.yaml"]])
    shop = by_id(result.design.applications)["shop"]
    topics = {t.id: t for t in result.design.topics}
    assert [topics[p.topic].address for p in shop.publishes] == ["shop.order.placed.v1"]
    assert [(topics[s.topic].address, s.group) for s in shop.subscribes] == [
        ("shop.basket.checked-out.v1", "shop-checkout")
    ]


def test_3x_send_and_receive(files) -> None:
    billing = by_id(import_specs([files["billing.yaml"]]).design.applications)["billing"]
    assert [p.topic for p in billing.publishes] == ["readings"]
    assert [(s.topic, s.group) for s in billing.subscribes] == [("orders", "billing-v1")]
    assert billing.publishes[0].extensions == {"x-rate": "10/s"}


def test_servers_channels_and_their_bindings_and_parameters(files) -> None:
    design = import_specs([files["shop.yaml"], files["billing.yaml"]]).design
    brokers = by_id(design.brokers)
    assert (brokers["prod"].protocol, brokers["prod"].host, brokers["prod"].description) == (
        "kafka",
        "kafka.acme.internal:9092",
        "Kafka (prod)",
    )
    assert (brokers["plant"].protocol, brokers["plant"].host) == ("mqtt", "mqtt.acme.internal:1883")
    assert "kafka" not in brokers  # the same protocol and host is the same broker
    topics = {t.address: t for t in design.topics}
    placed = topics["shop.order.placed.v1"]
    assert placed.broker == "prod" and placed.description == "Every placed order."
    assert placed.bindings == {"kafka": {"partitions": 6, "bindingVersion": "0.4.0"}}
    readings = topics["{site}/meter/reading"]
    assert readings.extensions["x-parameters"] == {
        "site": {"enum": ["berlin", "lyon"], "description": "The plant."}
    }


def test_documents_of_one_broker_and_address_share_one_topic(files) -> None:
    design = import_specs([files["shop.yaml"], files["billing.yaml"]]).design
    placed = [t for t in design.topics if t.address == "shop.order.placed.v1"]
    assert len(placed) == 1
    apps = by_id(design.applications)
    assert [p.topic for p in apps["shop"].publishes] == [placed[0].id]
    assert placed[0].id in [s.topic for s in apps["billing"].subscribes]
    # both documents' messages are on it
    assert len(placed[0].messages) == 2


def test_messages_keep_name_type_headers_examples_correlation_and_extensions(files) -> None:
    result = import_specs([files["shop.yaml"]])
    message = by_id(result.design.messages)["order-placed"]
    assert (message.name, message.content_type) == ("OrderPlaced", "avro/binary")
    assert message.headers.schema == {
        "type": "object",
        "properties": {"traceId": {"type": "string"}},
    }
    assert message.examples == ({"orderId": "O-1", "total": 12.5},)
    assert message.extensions == {
        "x-correlationId": {"location": "$message.header#/traceId"},
        "x-team-note": "keep",
    }


def test_payloads_become_subjects_named_after_the_address(files) -> None:
    result = import_specs([files["shop.yaml"], files["billing.yaml"]])
    messages = by_id(result.design.messages)
    subjects = result.registry.subjects
    order = messages["order-placed"].payload
    assert (order.subject, order.version) == ("shop.order.placed.v1-value", 1)
    avro = subjects["shop.order.placed.v1-value"].get(1)
    assert avro.schema_type == "AVRO" and json.loads(avro.schema) == ORDER_AVRO
    # the consumer's own JSON Schema view cannot join an Avro subject: it gets its own,
    # named by TopicRecordNameStrategy, and a note says so
    assert (messages["order"].payload.subject, messages["order"].payload.version) == (
        "shop.order.placed.v1-order",
        1,
    )
    assert subjects["shop.order.placed.v1-order"].get(1).schema_type == "JSON"
    assert [n.message for n in result.notes] == [
        "the subject shop.order.placed.v1-value holds AVRO schemas; this JSON payload is "
        "registered as shop.order.placed.v1-order"
    ]
    # a relative-file $ref is followed and bundled, its definitions kept
    checkout = json.loads(subjects["shop.basket.checked-out.v1-value"].get(1).schema)
    assert checkout["required"] == CHECKOUT_SCHEMA["required"]
    assert checkout["properties"]["amount"] == {"$ref": "#/$defs/money"}
    assert checkout["$defs"]["money"] == {"type": "number"}
    proto = subjects["{site}/meter/reading-value"].get(1)
    assert proto.schema_type == "PROTOBUF" and "message Reading" in proto.schema
    # Protobuf examples come back in the proto3 JSON mapping
    assert messages["reading"].examples == ({"meterId": "M-1", "wattHours": "42"},)


def test_a_subject_holding_the_same_schema_is_reused_and_a_different_one_gets_a_version(
    files,
) -> None:
    registry = Registry(
        subjects={
            "shop.order.placed.v1-value": Subject(
                "shop.order.placed.v1-value", [SchemaVersion(1, json.dumps(ORDER_AVRO), 7)]
            )
        }
    )
    result = import_specs([files["shop.yaml"]], registry=registry)
    assert by_id(result.design.messages)["order-placed"].payload.version == 1
    assert len(result.registry.subjects["shop.order.placed.v1-value"].versions) == 1
    changed = {**ORDER_AVRO, "fields": ORDER_AVRO["fields"][:1]}
    registry.subjects["shop.order.placed.v1-value"].versions[0] = SchemaVersion(
        1, json.dumps(changed), 7
    )
    result = import_specs([files["shop.yaml"]], registry=registry)
    versions = result.registry.subjects["shop.order.placed.v1-value"].versions
    assert [(v.version, v.id) for v in versions] == [(1, 7), (2, 8)]
    assert len(registry.subjects["shop.order.placed.v1-value"].versions) == 1  # not changed


def test_paths_become_endpoints_with_request_responses_and_headers(files) -> None:
    design = import_specs([files["customer-api.yaml"]]).design
    api = by_id(design.applications)["customer-api"]
    assert api.kind == "api"
    endpoints = by_id(design.endpoints)
    get = endpoints["get-customer"]
    assert (get.provider, get.method, get.path, get.summary) == (
        "customer-api",
        "GET",
        "/customers/{customerId}",
        "Read one customer",
    )
    assert get.responses == {"200": "customer", "404": None}
    assert get.extensions == {
        "x-parameters": [{"name": "fields", "in": "query", "schema": {"type": "string"}}]
    }
    assert endpoints["update-customer"].request == "customer"
    customer = by_id(design.messages)["customer"]
    assert customer.content_type == "application/json"
    assert customer.payload.schema["properties"]["address"] == {"$ref": "#/$defs/Address"}
    assert customer.payload.schema["$defs"]["Address"]["properties"] == {"city": {"type": "string"}}
    assert customer.examples == ({"customerId": "C-1", "name": "Ada"},)


def test_callbacks_and_webhooks_make_an_evented_api(files) -> None:
    result = import_specs([files["customer-api.yaml"]])
    api = by_id(result.design.applications)["customer-api"]
    assert api.webhooks.registration == "/subscriptions"
    assert api.webhooks.topics == ("customer-changed", "customer-deleted")
    topics = by_id(result.design.topics)
    # ids are unique across the file: the message named like its topic gets a variant
    assert topics["customer-changed"].messages == ("customer-changed-2",)
    assert topics["customer-deleted"].messages == ("customer-deleted-delivery",)
    # the registration operation that is not Mesh Studio's own stays an endpoint
    assert "subscribe" in by_id(result.design.endpoints)
    # a webhook topic no AsyncAPI document describes is said so, at its place
    assert any(
        "/paths/~1subscriptions/post/callbacks/customer-changed" in str(n)
        and "customer-api.yaml:" in str(n)
        for n in result.notes
    )


def test_an_invalid_document_is_refused_with_the_schema_complaint_at_its_line(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BILLING_30.replace("    action: receive", "    action: consume"))
    with pytest.raises(LoadError) as error:
        import_specs([bad])
    assert error.value.line == BILLING_30.splitlines().index("    action: receive") + 1
    assert "is not valid asyncapi 3.0.0: /operations/take-orders/action" in str(error.value)


def test_remote_refs_are_refused_and_nothing_else_is_fetched(tmp_path) -> None:
    remote = tmp_path / "remote.yaml"
    remote.write_text(
        SHOP_26.replace("'schemas/checkout.json'", "'https://schemas.acme.example/checkout.json'")
    )
    with pytest.raises(
        LoadError, match="points outside the local files; import never uses the network"
    ):
        import_specs([remote])


def test_json_documents_and_older_2x_versions_are_read(tmp_path, files) -> None:
    import yaml

    data = yaml.safe_load(SHOP_26)
    data["asyncapi"] = "2.0.0"
    for message in data["components"]["messages"].values():
        message.pop("x-team-note")
    (tmp_path / "shop.json").write_text(json.dumps(data))
    design = import_specs([tmp_path / "shop.json"]).design
    assert [p.topic for p in by_id(design.applications)["shop"].publishes]


def test_what_has_no_place_is_a_note_with_file_line_and_pointer(tmp_path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(BILLING_30.replace("protocol: mqtt", "protocol: stomp"))
    result = import_specs([odd])
    line = BILLING_30.splitlines().index("  plant:") + 1
    assert [str(n) for n in result.notes] == [
        f"{odd}:{line}: /servers/plant: the protocol 'stomp' has no broker kind in the design; "
        "the server is left out"
    ]
    assert by_id(result.design.topics)["readings"].broker is None


def test_many_documents_are_read_in_parallel_with_the_same_result_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    import studio.importer
    from studio.importer import load_specs

    pools = []
    monkeypatch.setattr(studio.importer, "_PARALLEL_FROM", 8)  # 256 in use: keep this small
    monkeypatch.setattr(
        studio.importer,
        "ProcessPoolExecutor",
        lambda *a, **k: pools.append(a) or concurrent.futures.ProcessPoolExecutor(*a, **k),
    )
    paths = []
    for number in range(40):  # more than the (lowered) parallel threshold
        path = tmp_path / f"billing-{number}.yaml"
        path.write_text(BILLING_30.replace("title: Billing", f"title: Billing {number}"))
        paths.append(path)
    specs, unavailable = load_specs(paths)
    assert pools and unavailable is None, "the documents were not read by worker processes"
    assert [s.data["info"]["title"] for s in specs] == [f"Billing {n}" for n in range(40)]
    # positions are read again when a note needs them
    plant = BILLING_30.splitlines().index("  plant:") + 1
    assert specs[7].where("/servers/plant") == f"{paths[7]}:{plant}"
    paths[23].write_text("asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels: [oops]\n")
    with pytest.raises(LoadError) as error:
        load_specs(paths)
    assert (error.value.path, error.value.line) == (str(paths[23]), 3)
    paths[23].write_text("asyncapi: 3.0.0\n  bad: [indent\n")
    with pytest.raises(LoadError, match="YAML syntax error") as error:
        load_specs(paths)
    assert error.value.path == str(paths[23])


def test_json_documents_are_read_fast_and_refused_like_yaml_with_their_line(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(BILLING_30)
    good = tmp_path / "billing.json"
    good.write_text(json.dumps(data, indent=2))
    assert by_id(import_specs([good]).design.applications)["billing"].publishes
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, indent=2).replace('"servers": {', '"servers": {,', 1))
    with pytest.raises(LoadError, match="YAML syntax error") as error:
        import_specs([broken])
    assert error.value.line == 7  # the line of the stray comma
    twice = tmp_path / "twice.json"
    twice.write_text('{"asyncapi": "3.0.0", "asyncapi": "3.0.0", "info": {}}')
    with pytest.raises(LoadError, match="duplicate key 'asyncapi'"):
        import_specs([twice])


def test_an_id_windows_reserves_is_exported_as_a_file_it_accepts_and_comes_back(
    tmp_path: Path,
) -> None:
    from studio.export import export_design
    from studio.export.output import write_export
    from tests.export.mini import DESIGN, REGISTRY, mini

    text = DESIGN.replace("  - id: shop\n", "  - id: con\n").replace(
        "  - id: billing\n", "  - id: nul.eu\n"
    )
    design, registry = mini(text, REGISTRY)
    write_export(export_design(design, registry), design, tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out" / "asyncapi").iterdir())
    assert "_con.yaml" in names and "_nul.eu.yaml" in names
    assert not [n for n in names if n.split(".")[0] in ("con", "nul")]
    result = import_specs(
        [
            tmp_path / "out" / "asyncapi" / "_con.yaml",
            tmp_path / "out" / "asyncapi" / "_nul.eu.yaml",
        ],
        registry=registry,
    )
    assert {a.id for a in result.design.applications} == {"con", "nul.eu"}
