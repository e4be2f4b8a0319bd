"""Round trips: a design through its exports and back, and documents through a design.

Importing what ``mesh-studio export`` wrote gives back what the exports carry of the design
(``carried``), for both samples and a generated mesh, in every version choice. Importing a
hand-written document and exporting it again gives the same channels, operations, messages and
payload schemas, checked by the export's own validation against the official schemas.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from studio.export import export_design, load_for_export
from studio.export.output import write_export
from studio.importer import ImportResult, import_specs
from studio.io.design_file import dump_design, save_design
from studio.registry.file import save_registry
from tests.conftest import SAMPLE_DESIGNS, write_generated_mesh
from tests.importer.carried import carried
from tests.importer.documents import BILLING_30, CHECKOUT_SCHEMA, CUSTOMER_API_31, SHOP_26

VERSIONS = [("3.0.0", "3.1.0"), ("2.6.0", "3.0.3"), ("3.1.0", "3.2.0")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_generated_mesh(tmp_path_factory.mktemp("generated"), 60, 5)


def saved(result: ImportResult, folder: Path) -> Path:
    """The imported design and its registry written into ``folder``; the design's path."""
    folder.mkdir()
    result.design.registry = "registry.yaml"
    save_registry(result.registry, folder / "registry.yaml")
    save_design(result.design, folder / "imported.mesh.yaml")
    return folder / "imported.mesh.yaml"


def exported_files(design_path: Path, folder: Path, asyncapi: str, openapi: str) -> list[Path]:
    design, registry, _ = load_for_export(design_path)
    result = export_design(design, registry, asyncapi=asyncapi, openapi=openapi)
    assert not result.failed
    write_export(result, design, folder)
    return sorted(folder.glob("asyncapi/*.yaml")) + sorted(folder.glob("openapi/*.yaml"))


@pytest.mark.parametrize(("asyncapi", "openapi"), VERSIONS)
@pytest.mark.parametrize("which", [*(p.name for p in SAMPLE_DESIGNS), "generated"])
def test_importing_the_exports_gives_back_what_they_carry(
    which: str, asyncapi: str, openapi: str, generated: Path, tmp_path: Path
) -> None:
    path = generated if which == "generated" else next(p for p in SAMPLE_DESIGNS if p.name == which)
    design, registry, _ = load_for_export(path)
    files = exported_files(path, tmp_path, asyncapi, openapi)
    result = import_specs(files, registry=registry)
    assert result.notes == []
    assert set(result.registry.subjects) == set(registry.subjects)  # nothing new to register
    before, after = carried(design, registry), carried(result.design, result.registry)
    for part in before:
        assert after[part] == before[part], part


def _documents(tmp_path: Path) -> list[Path]:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "checkout.json").write_text(json.dumps(CHECKOUT_SCHEMA))
    paths = []
    for name, text in (
        ("shop.yaml", SHOP_26),
        ("billing.yaml", BILLING_30),
        ("customer-api.yaml", CUSTOMER_API_31),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def _channels(document: dict) -> dict[str, set]:
    """Address -> the operations (as the application's send/receive) and message names."""
    found: dict[str, set] = {}
    if document["asyncapi"].startswith("2."):
        for address, channel in document["channels"].items():
            for verb, action in (("subscribe", "send"), ("publish", "receive")):
                if verb in channel:
                    found.setdefault(address, set()).add(action)
        return found
    addresses = {key: channel["address"] for key, channel in document["channels"].items()}
    for operation in document["operations"].values():
        key = operation["channel"]["$ref"].rsplit("/", 1)[-1]
        found.setdefault(addresses[key], set()).add(operation["action"])
    return found


def test_exporting_imported_documents_gives_their_channels_operations_and_messages(
    tmp_path: Path,
) -> None:
    originals = _documents(tmp_path)
    result = import_specs(originals)
    imported = saved(result, tmp_path / "design")
    for asyncapi, openapi in (("2.6.0", "3.0.3"), ("3.0.0", "3.1.0")):
        exported = exported_files(
            imported, tmp_path / asyncapi, asyncapi, openapi
        )  # validated against the official schemas
        by_name = {p.stem: yaml.safe_load(p.read_text()) for p in exported}
        for original in originals[:2]:
            before = yaml.safe_load(original.read_text())
            assert _channels(by_name[original.stem]) == _channels(before), original.name
        shop = by_name["shop"]
        messages = shop["components"]["messages"]
        order = next(m for m in messages.values() if m["name"] == "OrderPlaced")
        schema = order["payload"]["schema"] if asyncapi == "3.0.0" else order["payload"]
        assert schema == yaml.safe_load(SHOP_26)["components"]["messages"]["OrderPlaced"]["payload"]
        assert order["headers"] == {"$ref": "#/components/schemas/orderplaced.headers"} or order[
            "headers"
        ]["properties"] == {"traceId": {"type": "string"}}
        api = by_name["customer-api"]
        assert set(api["paths"]) == {"/customers/{customerId}", "/subscriptions"}
        assert set(api["paths"]["/customers/{customerId}"]) >= {"get", "put"}
        callbacks = api["paths"]["/subscriptions"]["post"]["callbacks"]
        assert set(callbacks) == {"customer-changed", "customer-deleted"}


def _deref(document: dict, node: object) -> object:
    """``node`` with every local ``$ref`` replaced by what it points to."""
    if isinstance(node, list):
        return [_deref(document, item) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: object = document
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]  # type: ignore[index]
        return _deref(document, target)
    return {key: _deref(document, value) for key, value in node.items()}


def _messages_by_address(document: dict) -> dict[str, dict[str, object]]:
    """Address -> message (2.x: its name; 3.x: its key in the channel) -> its payload schema,
    references resolved."""
    found: dict[str, dict[str, object]] = {}
    if document["asyncapi"].startswith("2."):
        for address, channel in document["channels"].items():
            for verb in ("subscribe", "publish"):
                message = _deref(document, channel.get(verb, {}).get("message"))
                for one in (message or {}).get("oneOf", [message] if message else []):
                    payload = one.get("payload")
                    found.setdefault(address, {})[one.get("name")] = _bare(payload)
        return found
    for channel in document["channels"].values():
        for key, message in _deref(document, channel.get("messages", {})).items():
            payload = message.get("payload")
            if isinstance(payload, dict) and "schemaFormat" in payload:
                payload = payload["schema"]
            found.setdefault(channel["address"], {})[key] = _bare(payload)
    return found


def _bare(schema: object) -> object:
    """A payload schema without what only names it (titles, registry extensions)."""
    if isinstance(schema, list):
        return [_bare(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: _bare(value)
        for key, value in schema.items()
        if key not in ("title", "x-schema-registry", "$defs", "definitions")
    }


@pytest.mark.parametrize("name", ["shop.yaml", "billing.yaml"])
def test_one_document_comes_back_with_its_messages_and_payload_schemas(
    name: str, tmp_path: Path
) -> None:
    path = next(p for p in _documents(tmp_path) if p.name == name)
    original = yaml.safe_load(path.read_text())
    result = import_specs([path])
    imported = saved(result, tmp_path / "design")
    version = original["asyncapi"]
    exported = exported_files(imported, tmp_path / "out", version, "3.1.0")
    again = yaml.safe_load(next(p for p in exported if p.stem == path.stem).read_text())
    assert _channels(again) == _channels(original)
    before, after = _messages_by_address(original), _messages_by_address(again)
    assert after.keys() == before.keys()
    for address in before:
        assert after[address].keys() == before[address].keys(), address
        for message, schema in before[address].items():
            if message == "CheckedOut":  # a relative-file reference, bundled on import
                schema = {
                    "type": "object",
                    "required": ["basketId"],
                    "properties": {"basketId": {"type": "string"}, "amount": {"type": "number"}},
                }
            assert after[address][message] == schema, (address, message)


@pytest.mark.parametrize(("asyncapi", "openapi"), VERSIONS[:2])
@pytest.mark.parametrize("which", [*(p.name for p in SAMPLE_DESIGNS), "generated"])
def test_importing_a_designs_own_exports_into_it_changes_nothing(
    which: str, asyncapi: str, openapi: str, generated: Path, tmp_path: Path
) -> None:
    path = generated if which == "generated" else next(p for p in SAMPLE_DESIGNS if p.name == which)
    design, registry, _ = load_for_export(path)
    result = import_specs(
        exported_files(path, tmp_path, asyncapi, openapi), into=design, registry=registry
    )
    assert (result.added, result.registry_changed) == ([], False)
    assert dump_design(result.design) == dump_design(design)


def test_a_hand_edited_export_comes_back_into_the_design(tmp_path: Path) -> None:
    erp = next(p for p in SAMPLE_DESIGNS if p.name == "erp-mesh.mesh.yaml")
    design, registry, _ = load_for_export(erp)
    files = exported_files(erp, tmp_path, "3.0.0", "3.1.0")
    producer = tmp_path / "asyncapi" / "erp.yaml"
    document = yaml.safe_load(producer.read_text())
    document["channels"]["customer-changed"]["description"] = "Edited: every customer change."
    example = document["components"]["messages"]["product-changed-event"]["examples"][0]
    example["payload"]["name"] = "Edited name"
    document["channels"]["product-recalled"] = {
        "address": "erp.product.recalled.v1",
        "servers": [{"$ref": "#/servers/kafka"}],
        "messages": {
            "product-changed-event": {"$ref": "#/components/messages/product-changed-event"}
        },
    }
    document["operations"]["send-product-recalled"] = {
        "action": "send",
        "channel": {"$ref": "#/channels/product-recalled"},
        "messages": [{"$ref": "#/channels/product-recalled/messages/product-changed-event"}],
    }
    producer.write_text(yaml.safe_dump(document, sort_keys=False))
    api = tmp_path / "openapi" / "customer-api.yaml"
    api.write_text(
        api.read_text().replace(
            "summary: Read one customer from the ERP", "summary: Read one customer"
        )
    )
    result = import_specs(files, into=design, registry=registry)
    after = result.design
    topics = {t.id: t for t in after.topics}
    assert topics["customer-changed"].description == "Edited: every customer change."
    message = next(m for m in after.messages if m.id == "product-changed-event")
    assert message.examples[0]["name"] == "Edited name"
    assert next(e for e in after.endpoints if e.id == "get-customer").summary == "Read one customer"
    assert result.added == ["product-recalled"]
    assert topics["product-recalled"].address == "erp.product.recalled.v1"
    assert "product-recalled" in {
        p.topic for a in after.applications if a.id == "erp" for p in a.publishes
    }
    assert sorted(result.updated) == ["customer-changed", "get-customer", "product-changed-event"]
    # everything else is as it was
    unchanged = {
        "customer-changed",
        "product-changed-event",
        "get-customer",
        "erp",
        "product-recalled",
    }
    before = {e.id: e for e in design.elements()}
    assert {e.id: e for e in after.elements() if e.id not in unchanged} == {
        i: e for i, e in before.items() if i not in unchanged
    }
