"""A whole design's validation on two cores: what the studio's validation process runs when a
big design opens (``studio.validate.background``).

The work, on the 20,000-element benchmark mesh and one core:

====================================================  ======  ===============================
the registry's own checks (MS103, MS104)               2.2 s  read the registry file only
the design's rules                                     2.1 s  1.6 s of it converts every
                                                              payload to JSON Schema (MS110)
AsyncAPI documents, built and checked (MS109)          2.4 s  reuse those conversions
OpenAPI documents, built and checked (MS109)           1.5 s  reuse them too
====================================================  ======  ===============================

So this process forks a helper at once for the registry's checks and runs the design's rules
meanwhile; then it forks a second helper for the OpenAPI documents, which starts with every
conversion done (a fork copies nothing and redoes nothing), and builds and checks the AsyncAPI
documents itself. No document reads another, and one conversion serves both kinds. (Splitting
the documents by application instead, each process converted the payloads of its share anew,
and the applications of a generated mesh come producers first, so one share had most of the
work: 6.3 s against 3.6.)

A helper sends its findings back pickled and leaves with ``os._exit``; should one fail, its
share is done here after all, so the findings are always those of one run.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from studio.export.result import DocumentKind
from studio.io.design_file import LoadedDesign
from studio.model.findings import Finding
from studio.model.uses import Uses
from studio.validate.context import RegistryInput
from studio.validate.export_rules import document_findings
from studio.validate.rules import RULES
from studio.validate.runner import context_for, run_rules

Work = Callable[[], list[Finding]]
_EXPORT = "MS109"
_OPENAPI: tuple[DocumentKind] = ("openapi",)
_ASYNCAPI: tuple[DocumentKind] = ("asyncapi",)


def validate_whole(
    loaded: LoadedDesign, path: Path, registry: RegistryInput, uses: Uses | None = None
) -> list[Finding]:
    """Every rule on the whole design, as ``validate_loaded`` finds them, on two cores
    (``uses``: the design's uses index, when the caller keeps one)."""
    ctx = context_for(loaded, path, registry, uses=uses)
    registry_rules = [rule for rule in RULES.values() if rule.reach == "registry"]
    design_rules = [r for r in RULES.values() if r.id != _EXPORT and r.reach != "registry"]
    registry_checks = _Helper(lambda: run_rules(ctx, registry_rules))
    findings = run_rules(ctx, design_rules)  # converts the payloads the documents reuse
    if _EXPORT not in ctx.design.rules.disable:
        openapi = _Helper(lambda: list(document_findings(ctx, _OPENAPI)))
        findings += document_findings(ctx, _ASYNCAPI)
        findings += openapi.result()
    findings += registry_checks.result()
    return sorted(findings, key=lambda f: (f.file, f.line, f.rule, f.message))


class _Helper:
    """``work`` done in a forked process, its findings read back when asked for."""

    def __init__(self, work: Work) -> None:
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

    def result(self) -> list[Finding]:
        """The helper's findings (waits for them), or the same work done here if it failed."""
        with os.fdopen(self._read, "rb") as received:
            try:
                found: list[Finding] | None = pickle.load(received)
            except (EOFError, pickle.UnpicklingError):
                found = None
        os.waitpid(self._pid, 0)
        return self._work() if found is None else found
