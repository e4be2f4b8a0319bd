"""Every sample and a generated mesh export in all four version pairs, valid and stable."""

from __future__ import annotations

import dataclasses
import difflib
import json

import pytest
import yaml

from studio.export import Serializer, check_document, export_design, validate_document
from studio.io.yaml_source import parse_yaml
from tests.export.conftest import VERSIONS, Mesh


@pytest.mark.parametrize(("asyncapi", "openapi"), VERSIONS)
@pytest.mark.parametrize("mesh_name", ["erp", "iot", "generated"])
def test_every_document_is_valid(
    request: pytest.FixtureRequest, mesh_name: str, asyncapi: str, openapi: str
) -> None:
    mesh: Mesh = request.getfixturevalue(mesh_name)
    result = mesh.export(asyncapi, openapi)
    assert result.documents
    assert [d.name for d in result.failed] == []
    apps_with_docs = {d.application for d in result.documents if d.kind == "asyncapi"}
    for app in mesh.design.applications:
        direct = app.publishes or any(s.via is None for s in app.subscribes)
        assert (app.id in apps_with_docs) == bool(direct), app.id
    providers = {e.provider for e in mesh.design.endpoints}
    providers |= {a.id for a in mesh.design.applications if a.webhooks}
    assert {d.application for d in result.documents if d.kind == "openapi"} == providers
    for doc in result.documents:
        assert doc.data[doc.kind] == doc.version
        # the public entry points agree with what export_design recorded
        assert validate_document(doc.kind, doc.version, doc.data) == []
        assert check_document(doc.kind, doc.version, doc.data) == []


@pytest.mark.parametrize("as_json", [False, True], ids=["yaml", "json"])
def test_text_reads_back_as_the_same_data_in_every_reader(
    generated: Mesh, erp: Mesh, as_json: bool
) -> None:
    serializer = Serializer()
    for mesh in (erp, generated):
        for asyncapi, openapi in (VERSIONS[0], VERSIONS[3]):
            for doc in mesh.export(asyncapi, openapi).documents:
                text = serializer.dump(doc.data, as_json)
                assert text.endswith("\n") and "\r" not in text
                if as_json:
                    assert json.loads(text) == doc.data
                else:
                    assert yaml.safe_load(text) == doc.data  # a YAML 1.1 reader (PyYAML)
                    assert parse_yaml(text, doc.name)[0] == doc.data  # our YAML 1.2 reader


def _texts(mesh: Mesh, asyncapi: str = "3.0.0", openapi: str = "3.1.0") -> dict[str, str]:
    result = mesh.export(asyncapi, openapi)
    serializer = Serializer()  # a fresh one: no state shared with another export
    return {doc.name: serializer.dump(doc.data) for doc in result.documents}


def test_exporting_twice_gives_identical_bytes(generated: Mesh, iot: Mesh) -> None:
    for mesh in (generated, iot):
        for asyncapi, openapi in VERSIONS:
            assert _texts(mesh, asyncapi, openapi) == _texts(mesh, asyncapi, openapi)


def _changed_lines(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    assert before.keys() == after.keys()
    changes = {}
    for name in before:
        diff = [
            line
            for line in difflib.unified_diff(
                before[name].splitlines(), after[name].splitlines(), lineterm="", n=0
            )
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        if diff:
            changes[name] = diff
    return changes


def test_a_changed_description_changes_only_its_lines(erp: Mesh) -> None:
    before = _texts(erp)
    topics = [
        dataclasses.replace(t, description="Now log-compacted.")
        if t.id == "customer-changed"
        else t
        for t in erp.design.topics
    ]
    changed = dataclasses.replace(erp.design, topics=topics)
    after = _texts(Mesh(erp.path, changed, erp.registry))
    changes = _changed_lines(before, after)
    # the topic is a channel of its producer and of its direct consumers, and a webhook
    assert set(changes) == {
        "asyncapi/erp",
        "asyncapi/customer-api",
        "asyncapi/analytics",
        "openapi/customer-api",
    }
    for lines in changes.values():
        assert all("log-compacted" in line or "A customer was created" in line for line in lines), (
            lines
        )
        assert len(lines) in (2, 4)  # one line out, one in (twice: callback and webhook)


def test_a_new_consumer_group_changes_only_its_operation(erp: Mesh) -> None:
    before = _texts(erp, "2.6.0", "3.0.3")
    apps = [
        dataclasses.replace(
            a, subscribes=tuple(dataclasses.replace(s, group="analytics-v2") for s in a.subscribes)
        )
        if a.id == "analytics"
        else a
        for a in erp.design.applications
    ]
    after = _texts(
        Mesh(erp.path, dataclasses.replace(erp.design, applications=apps), erp.registry),
        "2.6.0",
        "3.0.3",
    )
    changes = _changed_lines(before, after)
    assert list(changes) == ["asyncapi/analytics"]
    assert sorted(changes["asyncapi/analytics"]) == sorted(
        ["-            enum: [analytics-v1]"] * 3 + ["+            enum: [analytics-v2]"] * 3
    )


def test_export_of_the_design_is_independent_of_other_documents(erp: Mesh) -> None:
    """The same application gives the same document whatever else the design exports."""
    whole = {d.name: d.data for d in erp.export().documents}
    apps = [a for a in erp.design.applications if a.id in ("erp", "customer-api")]
    part = export_design(dataclasses.replace(erp.design, applications=apps), erp.registry)
    assert {d.name for d in part.documents} == {
        "asyncapi/erp",
        "asyncapi/customer-api",
        "openapi/customer-api",
    }
    for doc in part.documents:
        assert doc.data == whole[doc.name]
