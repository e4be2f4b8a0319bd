"""One export run: every document of a design, checked and validated, with the report.

``export_design`` is the pure core of ``mesh-studio export``: design and registry in, plain
documents and notes out, no files touched. Documents come in a fixed order (AsyncAPI, then
OpenAPI, each in the order of the design's applications). Unless told otherwise it validates
every document against its official schema and runs the checks the schema misses; a document
with problems is still returned, with its problems, so the caller can report them and decline
to write it.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from studio.export.asyncapi import asyncapi_document
from studio.export.checks import Checker
from studio.export.context import ExportContext
from studio.export.openapi import openapi_document
from studio.export.result import DocumentKind, ExportedDocument, ExportResult
from studio.export.schemas import SchemaResolver
from studio.export.validation import validate_document
from studio.export.versions import ASYNCAPI_VERSIONS, OPENAPI_VERSIONS, require_version
from studio.io.design_file import load_design
from studio.model.design import Design
from studio.model.uses import Uses
from studio.registry.file import load_registry
from studio.registry.model import Registry


def export_design(
    design: Design,
    registry: Registry | None = None,
    *,
    asyncapi: str = "3.0.0",
    openapi: str = "3.1.0",
    validate: bool = True,
    missing_registry: str | None = None,
    resolver: SchemaResolver | None = None,
    only: Collection[str] | None = None,
    uses: Uses | None = None,
    kinds: Collection[DocumentKind] = ("asyncapi", "openapi"),
) -> ExportResult:
    """Every AsyncAPI and OpenAPI document of ``design``, with the export report.

    ``missing_registry`` says why ``registry`` is None, for the notes about unknown payloads.
    ``only`` limits the documents to those of the applications it names (live validation
    re-checks the documents an edit touched); ``uses`` is the design's uses index when the
    caller already has it. ``kinds`` limits them to AsyncAPI or OpenAPI documents (no document
    reads another, so whole validation builds the two kinds in two processes). Raises
    ValueError for an unsupported version.
    """
    require_version("AsyncAPI", asyncapi, ASYNCAPI_VERSIONS)
    require_version("OpenAPI", openapi, OPENAPI_VERSIONS)
    ctx = ExportContext(design, registry, missing_registry, resolver, uses)
    applications = [a for a in design.applications if only is None or a.id in only]
    documents: list[ExportedDocument] = []
    for app in applications if "asyncapi" in kinds else ():
        if app.publishes or app.subscribes:
            data = asyncapi_document(ctx, app, asyncapi)
            if data is not None:
                documents.append(ExportedDocument("asyncapi", asyncapi, app.id, data))
    for app in applications if "openapi" in kinds else ():
        data = openapi_document(ctx, app, openapi)
        if data is not None:
            documents.append(ExportedDocument("openapi", openapi, app.id, data))
    if validate:
        checker = Checker()
        for doc in documents:
            doc.problems = _problems(checker, doc)
    return ExportResult(asyncapi, openapi, documents, ctx.notes.items)


def _problems(checker: Checker, doc: ExportedDocument) -> list[str]:
    return [
        *checker.check(doc.kind, doc.version, doc.data),
        *validate_document(doc.kind, doc.version, doc.data),
    ]


def load_for_export(path: str | Path) -> tuple[Design, Registry | None, str | None]:
    """The design at ``path`` and its registry, or why there is none.

    A design or registry that cannot be read raises LoadError; a registry file that does not
    exist is not an error: the export goes on without payload schemas and says so.
    """
    design = load_design(path).design
    if not design.registry:
        return design, None, None
    registry_path = Path(path).parent / design.registry
    if not registry_path.exists():
        return design, None, f"the registry file {design.registry} does not exist"
    registry, _ = load_registry(registry_path)
    return design, registry, None
