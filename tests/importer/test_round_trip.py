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
from studio.generate import generate_mesh
from studio.importer import import_specs
from studio.io.design_file import parse_design, save_design
from studio.registry.file import registry_from_data, save_registry
from tests.conftest import SAMPLE_DESIGNS
from tests.importer.carried import carried
from tests.importer.documents import BILLING_30, CHECKOUT_SCHEMA, CUSTOMER_API_31, SHOP_26

VERSIONS = [("3.0.0", "3.1.0"), ("2.6.0", "3.0.3"), ("3.1.0", "3.2.0")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    design_data, registry_data = generate_mesh(60, 5, "gen.registry.yaml")
    design = parse_design(json.dumps(design_data), folder / "gen.mesh.yaml").design
    save_design(design, folder / "gen.mesh.yaml")
    save_registry(registry_from_data(registry_data), folder / "gen.registry.yaml")
    return folder / "gen.mesh.yaml"


def exported_files(design_path: Path, folder: Path, asyncapi: str, openapi: str) -> list[Path]:
    design, registry, _ = load_for_export(design_path)
    result = export_design(design, registry, asyncapi=asyncapi, openapi=openapi)
    assert not result.failed
    write_export(result, design, folder)
    return sorted(folder.glob("asyncapi/*.yaml")) + sorted(folder.glob("openapi/*.yaml"))


@pytest.mark.parametrize(("asyncapi", "openapi"), VERSIONS)
@pytest.mark.parametrize("which", [*(p.name for p in SAMPLE_DESIGNS), "generated"])
def test_importing_the_exports_gives_back_what_they_carry(
        which: str, asyncapi: str, openapi: str, generated: Path, tmp_path: Path) -> None:
    path = generated if which == "generated" else next(p for p in SAMPLE_DESIGNS
                                                      if p.name == which)
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
    for name, text in (("shop.yaml", SHOP_26), ("billing.yaml", BILLING_30),
                       ("customer-api.yaml", CUSTOMER_API_31)):
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
        tmp_path: Path) -> None:
    originals = _documents(tmp_path)
    result = import_specs(originals)
    folder = tmp_path / "design"
    folder.mkdir()
    result.design.registry = "registry.yaml"
    save_registry(result.registry, folder / "registry.yaml")
    save_design(result.design, folder / "imported.mesh.yaml")
    for asyncapi, openapi in (("2.6.0", "3.0.3"), ("3.0.0", "3.1.0")):
        exported = exported_files(folder / "imported.mesh.yaml", tmp_path / asyncapi,
                                  asyncapi, openapi)  # validated against the official schemas
        by_name = {p.stem: yaml.safe_load(p.read_text()) for p in exported}
        for original in originals[:2]:
            before = yaml.safe_load(original.read_text())
            assert _channels(by_name[original.stem]) == _channels(before), original.name
        shop = by_name["shop"]
        messages = shop["components"]["messages"]
        order = next(m for m in messages.values() if m["name"] == "OrderPlaced")
        schema = order["payload"]["schema"] if asyncapi == "3.0.0" else order["payload"]
        assert schema == yaml.safe_load(SHOP_26)["components"]["messages"]["OrderPlaced"][
            "payload"]
        assert order["headers"] == {"$ref": "#/components/schemas/orderplaced.headers"} or \
            order["headers"]["properties"] == {"traceId": {"type": "string"}}
        api = by_name["customer-api"]
        assert set(api["paths"]) == {"/customers/{customerId}", "/subscriptions"}
        assert set(api["paths"]["/customers/{customerId}"]) >= {"get", "put"}
        callbacks = api["paths"]["/subscriptions"]["post"]["callbacks"]
        assert set(callbacks) == {"customer-changed", "customer-deleted"}
