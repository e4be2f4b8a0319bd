"""A whole design's validation on two cores: what the studio's validation process runs when a
big design opens (``studio.validate.background``).

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

A helper sends its result back pickled and leaves with ``os._exit``; should one fail, its
share is done here after all, so the findings are always those of one run.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from studio.export.protobuf_json import parse_protos, take_parsed
from studio.export.result import DocumentKind
from studio.io.design_file import LoadedDesign, load_design
from studio.model import SchemaRef
from studio.model.findings import Finding
from studio.model.uses import Uses
from studio.registry.model import SchemaReference
from studio.validate.context import Context, RegistryInput
from studio.validate.export_rules import document_findings
from studio.validate.rules import RULES
from studio.validate.runner import (
    Report,
    context_for,
    load_registry_for,
    run_rules,
    validate_loaded,
)

T = TypeVar("T")
_NONE_PARSED: dict[str, Any] = {}  # should the helper parsing half the texts fail
_EXPORT = "MS109"
_EXAMPLES = "MS110"
_OPENAPI: tuple[DocumentKind] = ("openapi",)
_ASYNCAPI: tuple[DocumentKind] = ("asyncapi",)


# Elements from which a design is validated on two cores: below, the helpers cost about
# what they save (the studio's own threshold for its validation process is the same).
ON_CORES_FROM = 400


def validate_file_on_cores(path: str | Path) -> Report:
    """``validate_file``, on two cores where the machine has them and the design is big:
    what ``mesh-studio validate`` runs (a fresh process parses every Protobuf schema anew,
    which the studio's validation process does once)."""
    design_path = Path(path)
    loaded = load_design(design_path)
    registry = load_registry_for(loaded, design_path)
    elements = sum(1 for _ in loaded.design.elements())
    if elements < ON_CORES_FROM or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
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
    texts = _protobuf_texts(ctx)
    parsing = _Helper(lambda: parse_protos(texts[1::2]), _NONE_PARSED)
    others_found = _Helper(lambda: run_rules(ctx, others), None)
    parse_protos(texts[0::2])
    take_parsed(parsing.result())
    findings = run_rules(ctx, converting)
    if _EXPORT not in ctx.design.rules.disable:
        openapi = _Helper(lambda: list(document_findings(ctx, _OPENAPI)), None)
        findings += document_findings(ctx, _ASYNCAPI)
        findings += openapi.result()
    findings += others_found.result()
    return sorted(findings, key=lambda f: (f.file, f.line, f.rule, f.message))


def _protobuf_texts(ctx: Context) -> list[str]:
    """The .proto texts that converting the messages' schemas parses (their imports too),
    each once: a third of the work of the whole validation is parsing them."""
    texts: dict[str, None] = {}
    registry = ctx.registry
    pending: list[SchemaRef | SchemaReference] = [
        source
        for message in ctx.design.messages
        for source in (message.payload, message.key, message.headers)
        if isinstance(source, SchemaRef)
    ]
    seen: set[tuple[str, int]] = set()
    while pending and registry is not None:
        source = pending.pop()
        version = (
            registry.lookup(source.subject, source.version)
            if isinstance(source, SchemaRef)
            else registry.resolve(source)
        )
        if version is None or version.schema_type != "PROTOBUF" or version.schema in texts:
            continue
        texts[version.schema] = None
        pending += [r for r in version.references if (r.subject, r.version) not in seen]
        seen.update((r.subject, r.version) for r in version.references)
    return list(texts)


class _Helper(Generic[T]):
    """``work`` done in a forked process, its result read back when asked for."""

    def __init__(self, work: Callable[[], T], failed: T | None) -> None:
        self._work = work
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            code = 1
            try:
                os.close(read)
                # what it inherited stays shared with its parent: a collection would walk,
                # and so copy, all of it
                gc.freeze()
                with os.fdopen(write, "wb") as out:
                    pickle.dump(work(), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._read = read
        self._failed = failed

    def result(self) -> T:
        """The helper's result (waits for it). Should the helper have failed: ``failed``
        if that does as well (a head start the caller can do without), else the same work
        done here."""
        with os.fdopen(self._read, "rb") as received:
            try:
                found: T | None = pickle.load(received)
            except (EOFError, pickle.UnpicklingError):
                found = None
        os.waitpid(self._pid, 0)
        if found is not None:
            return found
        return self._failed if self._failed is not None else self._work()
