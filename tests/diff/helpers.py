"""Small edits of the ERP sample, and a diff runner with the sample registry on both sides."""

from __future__ import annotations

import copy
import dataclasses
from functools import cache
from typing import Any

from studio.diff import Change, DiffResult, Registries, diff_designs
from studio.io.design_file import load_design
from studio.model import Design, Element
from studio.registry import Registry, load_registry
from studio.registry.file import registry_from_data
from tests.conftest import SAMPLES

ERP_PATH = SAMPLES / "erp-mesh.mesh.yaml"


@cache
def _erp() -> Design:
    return load_design(ERP_PATH).design


@cache
def sample_registry() -> Registry:
    return load_registry(SAMPLES / "registry.yaml")[0]


def erp() -> Design:
    """A fresh copy of the ERP sample that a test may edit."""
    return copy.deepcopy(_erp())


def changed(design: Design, element_id: str, **fields: Any) -> Design:
    """A copy of ``design`` with one element's fields replaced."""
    new = copy.deepcopy(design)
    element = new.find(element_id)
    assert element is not None, element_id
    section = new.section(type(element))
    section[section.index(element)] = dataclasses.replace(element, **fields)
    return new


def without(design: Design, *element_ids: str) -> Design:
    new = copy.deepcopy(design)
    for element_id in element_ids:
        element = new.find(element_id)
        assert element is not None, element_id
        new.section(type(element)).remove(element)
    return new


def plus(design: Design, element: Element) -> Design:
    new = copy.deepcopy(design)
    new.section(type(element)).append(element)
    return new


def app(design: Design, app_id: str) -> Any:
    found = design.find(app_id)
    assert found is not None
    return found


def run(old: Design, new: Design, registry: Registry | str | None = "sample") -> DiffResult:
    """Diff with the same registry on both sides (the sample's unless told otherwise)."""
    chosen = sample_registry() if registry == "sample" else registry
    assert not isinstance(chosen, str)
    problem = None if chosen is not None else "the design names no registry file"
    return diff_designs(old, new, Registries(chosen, chosen, problem, problem))


def one(result: DiffResult, path: str | None = None) -> Change:
    """The only change (at ``path`` when given)."""
    found = [c for c in result.changes if path is None or c.path == path]
    assert len(found) == 1, [c.path for c in result.changes]
    return found[0]


def registry(
    subject: str, *schemas: str, schema_type: str = "AVRO", level: str = "NONE"
) -> Registry:
    """A registry with one subject whose versions 1, 2, ... are ``schemas``."""
    versions = [
        {"version": i, "id": 1000 + i, "schemaType": schema_type, "schema": text}
        for i, text in enumerate(schemas, 1)
    ]
    return registry_from_data(
        {
            "formatVersion": 1,
            "subjects": {subject: {"config": {"compatibilityLevel": level}, "versions": versions}},
        }
    )
