"""Live validation in a child process, so the studio's interpreter never waits for it.

Validating a 20,000-element design takes seconds of pure Python, and even the few documents an
edit touches take a big share of a frame to export and check. In a thread that work would
hold the interpreter lock the canvas needs for every item it paints (the window froze for
seconds that way), so the studio forks a child that keeps a copy of the design:

- it starts with the design already in its memory (fork: nothing to copy or re-read),
  reads the registry itself if the window is still reading it (``RegistryInput.unread``),
  validates the design whole, and stays. It runs at a lower priority (``CHILD_NICENESS``):
  the window builds its canvas meanwhile, and on two cores its turns must come first;
- the studio sends it every change of the design as it happens (a ``Change`` event: small,
  and put on a queue whose own thread sends it, so the studio never blocks on the pipe), and
  the child applies each to its copy through a ``Document`` (the same events, the same code);
- after a pause in editing the studio asks for a ``check``; the child re-checks what the edits
  touched (``LiveValidation``, with its caches of converted and parsed schemas warm from the
  first run) and sends back the findings, numbered like the request.

The parent watches the result pipe (``fileno``). Forking is safe here because the child runs
only this module's pure-Python work and leaves with ``os._exit`` (multiprocessing's way),
never touching the GUI's threads or Qt.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from studio.export.validation import prepare
from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import Design, Document
from studio.model.events import (
    Change,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    SectionChanged,
)
from studio.model.findings import Finding
from studio.validate.context import RegistryInput
from studio.validate.export_rules import OPENAPI_VERSION
from studio.validate.incremental import LiveValidation
from studio.validate.parallel import validate_whole as _validate_whole
from studio.validate.runner import read_registry

CHILD_NICENESS = 10  # the window's turns first: its canvas is built meanwhile


class ValidationFailed(Exception):
    """The child could not go on (its error, as text: the traceback stays in the child)."""


class BackgroundValidation:
    """A child process validating a copy of one design, kept in step with its edits."""

    def __init__(self, design: Design, path: Path, registry: RegistryInput) -> None:
        context = multiprocessing.get_context("fork")
        self._inbox: Any = context.Queue()
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve, args=(design, path, registry, self._inbox, send), daemon=True
        )
        self._process.start()
        send.close()  # the child holds the other end: the pipe closes when it exits
        self.pid = self._process.pid  # (the benchmark reads its memory)
        self.latest = 0  # the number of the latest request

    def note(self, change: Change) -> None:
        """Pass on a change of the design (positions do not matter to any rule)."""
        if isinstance(change, ElementAdded | ElementRemoved | ElementReplaced | SectionChanged):
            self._inbox.put(("change", change))

    def check(self) -> int:
        """Ask for the findings of the design as changed so far; returns the request's number."""
        self.latest += 1
        self._inbox.put(("check", self.latest))
        return self.latest

    def fileno(self) -> int:
        """The result pipe: readable once findings (or the child's end) are there."""
        return self._receive.fileno()

    def ready(self) -> bool:
        return self._receive.poll()

    def wait(self, timeout: float) -> bool:
        """Block until a result is there (at most ``timeout`` seconds)."""
        return self._receive.poll(timeout)

    def receive(self) -> tuple[int, list[Finding]]:
        """The next result: the request's number and the findings; raises ValidationFailed."""
        try:
            number, outcome = self._receive.recv()
        except EOFError:
            raise ValidationFailed("the validation process ended without a result") from None
        if isinstance(outcome, str):
            raise ValidationFailed(outcome)
        return number, list(outcome)

    def stop(self) -> None:
        """End the child (a new design or registry replaces it, or the window closes)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._process.close()
        self._receive.close()
        self._inbox.close()
        self._inbox.cancel_join_thread()  # what is still queued is for a child that is gone


def _serve(
    design: Design, path: Path, registry: RegistryInput, inbox: Any, send: Connection
) -> None:
    # The inherited heap is the parent's: a collection would walk (and so copy) all of it.
    gc.freeze()
    os.nice(CHILD_NICENESS)
    if registry.unread and registry.path is not None:  # the window is still reading it
        registry = read_registry(registry.path, positions=False)  # (the window shows no line)
    doc = Document(design, path)
    live = LiveValidation(path)
    doc.changed.connect(live.note)
    try:
        while True:
            asked = _apply_until_asked(doc, inbox)
            whole = live.needs_full
            if whole:
                live.start_full()
                loaded = LoadedDesign(doc.design, SourceMap(str(path), {}))
                live.start_from(_validate_whole(loaded, path, registry, doc.uses))
            report = live.update(doc.design, registry, doc.uses) if live.pending else None
            send.send((asked, (report or live.report()).findings))
            if whole:
                # a helper checked the OpenAPI documents of the whole validation, so this
                # process has not loaded their validator yet: load it now, while the user
                # reads the findings, not when the first edit asks for a check
                prepare("openapi", OPENAPI_VERSION)
    except Exception as error:  # anything the rules raise is reported to the parent, not lost
        send.send((-1, f"{type(error).__name__}: {error}"))


def _apply_until_asked(doc: Document, inbox: Any) -> int:
    """Apply changes until a check is asked for and nothing more is queued: a burst of edits
    and checks is answered once, for the latest check."""
    asked: int | None = None
    while True:
        try:
            kind, value = inbox.get(block=asked is None)
        except queue.Empty:
            assert asked is not None  # without a check the get above blocks
            return asked
        if kind == "check":
            asked = value
        else:
            _apply(doc, value)


def _apply(doc: Document, change: Change) -> None:
    if isinstance(change, ElementAdded):
        doc.add(change.element, change.index)
    elif isinstance(change, ElementRemoved):
        doc.remove(change.element.id)
    elif isinstance(change, ElementReplaced):
        doc.replace(change.old.id, change.new)
    elif isinstance(change, SectionChanged):
        doc.set_section(change.name, change.new)
