"""Existing AsyncAPI and OpenAPI documents into a design and its registry, without Qt.

``import_specs(paths, into, registry)`` reads every document (``source``), maps AsyncAPI
documents first (``asyncapi``), so that the webhook topics of OpenAPI documents (``openapi``)
find the topics they deliver, and merges everything into ``into`` (``mesh``). Payload schemas
go into the registry (``payloads``). What has no place in the design is kept as ``x-``
extensions; what cannot be mapped at all is a note with its file, line and JSON pointer.
The result is checked like a design file a user writes. docs/import.md has the mapping table.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from studio.importer.asyncapi import import_asyncapi
from studio.importer.mesh import ImportNote, MeshBuilder
from studio.importer.openapi import OpenApiImport
from studio.importer.payloads import Payloads
from studio.importer.source import SpecFile, load_spec, load_spec_elsewhere
from studio.io.design_codec import design_to_data
from studio.io.design_file import checked_design
from studio.io.yaml_source import Mark, SourceMap
from studio.model import Design
from studio.registry.model import Registry

__all__ = ["ImportNote", "ImportResult", "import_specs", "load_spec"]

_PARALLEL_FROM = 256  # documents; below that, starting the workers costs more than it saves
_MAX_WORKERS = 8


@dataclass
class ImportResult:
    """The merged design, the registry with the new schemas (``registry_changed`` when there
    are any), the ids of the new elements and of the design's elements a document changed,
    and the notes."""

    design: Design
    registry: Registry
    added: list[str]
    notes: list[ImportNote]
    registry_changed: bool
    updated: list[str] = dataclasses.field(default_factory=list)
    # why many documents were read one at a time (worker processes could not start)
    workers_unavailable: str | None = None


def import_specs(
    paths: Sequence[str | Path],
    into: Design | None = None,
    registry: Registry | None = None,
    title: str | None = None,
) -> ImportResult:
    """Import the documents at ``paths`` into a copy of ``into`` (or a new design).

    Raises ``LoadError`` (file, line, sentence) for a document that cannot be read or is not
    valid against its official schema; nothing is imported then.
    """
    specs, workers_unavailable = load_specs(paths)
    specs.sort(key=lambda spec: spec.kind != "asyncapi")  # stable: the user's order otherwise
    data = (
        design_to_data(into)
        if into is not None
        else {"meshStudio": 1, "info": {"title": title or _title(specs), "version": "1.0.0"}}
    )
    # the caller's registry stays as it is: the builder replaces the subjects it changes
    registry = (
        dataclasses.replace(registry, subjects=dict(registry.subjects))
        if registry is not None
        else Registry()
    )
    mesh = MeshBuilder(data, registry)
    payloads = Payloads(mesh)
    for spec in specs:
        if spec.kind == "asyncapi":
            import_asyncapi(spec, mesh, payloads)
        else:
            OpenApiImport(spec, mesh, payloads).run()
    for key in ("brokers", "applications", "topics", "messages", "endpoints"):
        if not data[key]:
            del data[key]
    design = checked_design(data, SourceMap("<imported design>", {(): Mark(1, 1)}))
    return ImportResult(
        design,
        registry,
        mesh.added,
        mesh.notes,
        mesh.registry_changed,
        mesh.updated,
        workers_unavailable,
    )


def load_specs(paths: Sequence[str | Path]) -> tuple[list[SpecFile], str | None]:
    """Every document, read in parallel when there are many: reading YAML is most of the
    cost of an import (a 5,000-element mesh exports 14 MB of it). Also says why they were
    read one at a time when worker processes could not start."""
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    if len(paths) < _PARALLEL_FROM or workers < 2:
        return [load_spec(path) for path in paths], None
    # Spawned, not forked: the studio calls this from a process that runs Qt threads.
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            return list(
                pool.map(load_spec_elsewhere, paths, chunksize=max(1, len(paths) // (workers * 8)))
            ), None
    except (BrokenProcessPool, OSError) as exc:  # e.g. a frozen or embedded Python
        reason = str(exc) or type(exc).__name__
        return [load_spec(path) for path in paths], reason


def _title(specs: list[SpecFile]) -> str:
    titles = [str((spec.data.get("info") or {}).get("title")) for spec in specs]
    return titles[0] if len(titles) == 1 else "Imported mesh"
