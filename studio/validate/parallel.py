"""A whole design's validation on two cores: what the studio's validation process runs when a
big design opens (``studio.validate.background``), and ``mesh-studio validate`` for a big
design (a fresh process, which parses every schema anew).

The work, on the 20,000-element benchmark mesh and one core (CPU seconds):

=========================================================  =====  ==========================
parsing the Protobuf schemas messages use (ANTLR, Python)    1.2  about 1 ms a schema
the other payload conversions, MS110 (examples)              0.4  the documents reuse them
the registry's own checks (MS103, MS104)                     2.3  read the registry only
the other rules of the design                                0.4
AsyncAPI documents, built and checked (MS109)                2.2  0.45 of it parsing texts
                                                                  inlined from imports
OpenAPI documents, built and checked (MS109)                 1.6
=========================================================  =====  ==========================

So this process forks a helper that parses half of the Protobuf schemas and sends the
syntax trees back (pickled, a hundredth of the parsing time), and another that runs every
rule but MS109 and MS110; meanwhile it parses the other half. Then it converts the payloads
(MS110), forks a third helper for the OpenAPI documents, which starts with every conversion
done (a fork copies nothing and redoes nothing), and builds and checks the AsyncAPI documents
itself. No document reads another, and one conversion serves both kinds. Each process has
about a third of the work, so they also finish together when the window's process takes a
core of its own. (Splitting the documents by application instead, each process converted the
payloads of its share anew, and the applications of a generated mesh come producers first,
so one share had most of the work: 6.3 s against 3.6.)

A helper (``studio.export.on_cores.Forked``) sends its result back pickled and leaves with
``os._exit``; should one fail, its share is done here after all, so the findings are always
those of one run.
"""

from __future__ import annotations

from pathlib import Path

from studio.export.on_cores import NONE_PARSED, Forked, on_cores, protobuf_texts
from studio.export.protobuf_json import parse_protos, take_parsed
from studio.export.result import DocumentKind
from studio.io.design_file import LoadedDesign, load_design
from studio.model.findings import Finding
from studio.model.uses import Uses
from studio.validate.context import RegistryInput
from studio.validate.export_rules import document_findings
from studio.validate.rules import RULES
from studio.validate.runner import (
    Report,
    context_for,
    load_registry_for,
    run_rules,
    validate_loaded,
)

_EXPORT = "MS109"
_EXAMPLES = "MS110"
_OPENAPI: tuple[DocumentKind] = ("openapi",)
_ASYNCAPI: tuple[DocumentKind] = ("asyncapi",)


def validate_file_on_cores(path: str | Path) -> Report:
    """``validate_file``, on two cores where the machine has them and the design is big:
    what ``mesh-studio validate`` runs (a fresh process parses every Protobuf schema anew,
    which the studio's validation process does once)."""
    design_path = Path(path)
    loaded = load_design(design_path)
    registry = load_registry_for(loaded, design_path)
    if not on_cores(loaded.design):
        return validate_loaded(loaded, design_path, registry)
    return Report(validate_whole(loaded, design_path, registry))


def validate_whole(
    loaded: LoadedDesign, path: Path, registry: RegistryInput, uses: Uses | None = None
) -> list[Finding]:
    """Every rule on the whole design, as ``validate_loaded`` finds them, on two cores
    (``uses``: the design's uses index, when the caller keeps one)."""
    ctx = context_for(loaded, path, registry, uses=uses)
    converting = [RULES[_EXAMPLES]]  # converts the payloads the documents reuse
    others = [r for r in RULES.values() if r.id not in (_EXPORT, _EXAMPLES)]
    texts = protobuf_texts(ctx.design, ctx.registry)
    parsing = Forked(lambda: parse_protos(texts[1::2]), NONE_PARSED)
    others_found = Forked(lambda: run_rules(ctx, others), None)
    parse_protos(texts[0::2])
    take_parsed(parsing.result())
    findings = run_rules(ctx, converting)
    if _EXPORT not in ctx.design.rules.disable:
        openapi = Forked(lambda: list(document_findings(ctx, _OPENAPI)), None)
        findings += document_findings(ctx, _ASYNCAPI)
        findings += openapi.result()
    findings += others_found.result()
    return sorted(findings, key=lambda f: (f.file, f.line, f.rule, f.message))
