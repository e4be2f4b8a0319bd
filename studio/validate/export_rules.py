"""Rules that look through the exporter: exported documents validate (MS109), examples
validate against their payload schema (MS110).

Both reuse the exporter's own machinery (and one schema resolver, ``Context.resolver``), so
validation and export can never disagree about what a payload's JSON Schema is or whether a
document is valid.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from studio.export import export_design
from studio.export.result import DocumentKind
from studio.model.findings import Finding
from studio.validate.context import Context

# the versions MS109 exports and checks (the catalogue's words: AsyncAPI 3.0.0, OpenAPI 3.1.0)
ASYNCAPI_VERSION = "3.0.0"
OPENAPI_VERSION = "3.1.0"


def exported_documents(ctx: Context) -> Iterator[Finding]:
    """MS109: every AsyncAPI 3.0.0 and OpenAPI 3.1.0 document passes the official schemas."""
    return document_findings(ctx, ("asyncapi", "openapi"))


def document_findings(ctx: Context, kinds: Collection[DocumentKind]) -> Iterator[Finding]:
    """MS109 for the documents of ``kinds`` only (whole validation builds and checks the two
    kinds in two processes, ``studio.validate.parallel``)."""
    resolver = ctx.resolver
    applications = {app.id for app in ctx.each(ctx.design.applications)}
    result = export_design(
        ctx.design,
        resolver.registry,
        asyncapi=ASYNCAPI_VERSION,
        openapi=OPENAPI_VERSION,
        missing_registry=resolver.missing_registry,
        resolver=resolver,
        only=applications,
        uses=ctx.uses,
        kinds=kinds,
    )
    for document in result.failed:
        for problem in document.problems[:3]:  # the first few say enough; the export lists all
            yield ctx.at(
                "MS109",
                f"{document.kind} document of '{document.application}' is invalid: {problem}",
                document.application,
            )


def examples(ctx: Context) -> Iterator[Finding]:
    """MS110: each message example is valid for the message's payload schema."""
    resolver = ctx.resolver
    for message in ctx.each(ctx.design.messages):
        if message.payload is None or not message.examples:
            continue
        view, _problems = resolver.view(message.payload, message.id)
        if view is None:
            continue  # MS102 (or MS103) explains why there is no schema
        for index in resolver.check_examples(view, message.examples):
            yield ctx.at(
                "MS110",
                f"example {index + 1} does not validate against the payload schema",
                message.id,
                "examples",
                index,
            )
