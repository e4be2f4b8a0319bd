"""Work shared out to forked processes: a big design's export, and the parts of it that
whole validation (``studio.validate.parallel``) hands to helpers.

A fresh ``mesh-studio export`` of a big design parses every Protobuf schema its messages use
(ANTLR, in Python), builds and checks every document and renders its file's text (at 5,000
elements: 0.4, 1.4 and 0.9 s). On two cores a helper parses half of the schemas and sends the
syntax trees back (pickled, a hundredth of the parsing time); then a second helper, forked
with every tree at hand, builds, checks and renders the OpenAPI documents while this process
does the AsyncAPI ones, with a third rendering half of those. No document reads another, the
texts are those one process renders, and the notes of the two halves merge into those of one
run (each note once, in the order they arise: a single run builds the AsyncAPI documents
first too).
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from studio.export.exporter import export_design
from studio.export.protobuf_json import parse_protos, take_parsed
from studio.export.result import DocumentKind, ExportedDocument, ExportResult, Notes
from studio.export.serialize import Serializer
from studio.model import Design, SchemaRef
from studio.registry import Registry
from studio.registry.model import SchemaReference

T = TypeVar("T")
NONE_PARSED: dict[str, Any] = {}  # should the helper parsing half the texts fail
# Elements from which two cores are worth it: below, the helpers cost about what they save.
ON_CORES_FROM = 400


def on_cores(design: Design) -> bool:
    """Whether to share a design's work out: it is big, and the machine can fork and has
    two cores."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    return sum(1 for _ in design.elements()) >= ON_CORES_FROM


def export_on_cores(
    design: Design, registry: Registry | None, as_json: bool | None = None, **options: Any
) -> ExportResult:
    """``export_design(design, registry, **options)`` of a big design on two cores: the same
    documents and notes; with ``as_json`` given, their files' texts rendered too
    (``ExportedDocument.rendered``)."""
    texts = protobuf_texts(design, registry)
    parsing = Forked(lambda: parse_protos(texts[1::2]), NONE_PARSED)
    parse_protos(texts[0::2])
    take_parsed(parsing.result())

    def export(kind: DocumentKind) -> ExportResult:
        result = export_design(design, registry, **options, kinds=(kind,))
        if kind == "openapi" and as_json is not None:
            render(result.documents, as_json)
        return result

    openapi_part = Forked(lambda: export("openapi"), None)
    first = export("asyncapi")
    if as_json is not None:  # the AsyncAPI documents are most of the work: a helper renders half
        mine, theirs = first.documents[0::2], first.documents[1::2]
        rendering = Forked(lambda: render(theirs, as_json), None)
        render(mine, as_json)
        for doc, text in zip(theirs, rendering.result(), strict=True):
            if text:
                doc.rendered[as_json] = text
    second = openapi_part.result()
    notes = Notes()
    for note in (*first.notes, *second.notes):
        notes.add(note.level, note.message, note.document, note.element)
    documents = first.documents + second.documents
    return ExportResult(first.asyncapi_version, first.openapi_version, documents, notes.items)


def render(documents: list[ExportedDocument], as_json: bool) -> list[str]:
    """Render the files' texts of ``documents`` (those that will be written), keep each on
    its document, and return them all ("" for the others)."""
    serializer = Serializer()
    for doc in documents:
        if not doc.problems:
            doc.rendered[as_json] = serializer.dump(doc.data, as_json)
    return [doc.rendered.get(as_json, "") for doc in documents]


def protobuf_texts(design: Design, registry: Registry | None) -> list[str]:
    """The .proto texts that converting the messages' schemas parses (their imports too),
    each once: a third of the work of a whole validation or export is parsing them."""
    texts: dict[str, None] = {}
    pending: list[SchemaRef | SchemaReference] = [
        source
        for message in design.messages
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


class Forked(Generic[T]):
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
