"""A full validation in a child process, so the studio's interpreter never waits for it.

Validating a 20,000-element design takes seconds of pure Python. In a thread it would hold
the interpreter lock the canvas needs for every item it paints (the window froze for seconds
that way), so the studio forks: the child starts with the design already in its memory,
nothing to copy or re-read, validates it and sends back only the findings through a pipe. The
parent watches the pipe (``fileno``) and takes the findings when they are there.

Forking is safe here because the child runs nothing but this module's pure-Python work and
leaves with ``os._exit`` (multiprocessing's way), never touching the GUI's threads or Qt.
"""

from __future__ import annotations

import gc
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import Design
from studio.model.findings import Finding
from studio.validate.context import RegistryInput
from studio.validate.runner import validate_loaded


class ValidationFailed(Exception):
    """The child could not finish (its error, as text: the traceback stays in the child)."""


class BackgroundValidation:
    """One full validation of ``design`` running in a forked child process."""

    def __init__(self, design: Design, path: Path, registry: RegistryInput) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_validate_and_send, args=(design, path, registry, send), daemon=True
        )
        self._process.start()
        send.close()  # the child holds the other end: the pipe closes when it exits

    def fileno(self) -> int:
        """The pipe's descriptor: readable once the findings (or the child's end) are there."""
        return self._receive.fileno()

    def ready(self) -> bool:
        return self._receive.poll()

    def wait(self, timeout: float) -> bool:
        """Block until the findings are there (at most ``timeout`` seconds)."""
        return self._receive.poll(timeout)

    def result(self, timeout: float | None = None) -> list[Finding]:
        """The findings (waiting up to ``timeout`` seconds); raises ValidationFailed."""
        if not self._receive.poll(timeout):
            raise ValidationFailed(f"no result after {timeout} s")
        try:
            outcome = self._receive.recv()
        except EOFError:
            raise ValidationFailed("the validation process ended without a result") from None
        finally:
            self._finish()
        if isinstance(outcome, str):
            raise ValidationFailed(outcome)
        return list(outcome)

    def cancel(self) -> None:
        """Stop the child (a newer validation replaces it, or the window closes)."""
        if self._process.is_alive():
            self._process.kill()
        self._finish()

    def _finish(self) -> None:
        self._process.join()
        self._process.close()
        self._receive.close()


def _validate_and_send(
    design: Design, path: Path, registry: RegistryInput, send: Connection
) -> None:
    # The inherited heap is the parent's: a collection would walk (and so copy) all of it.
    gc.freeze()
    try:
        loaded = LoadedDesign(design, SourceMap(str(path), {}))
        outcome: list[Finding] | str = validate_loaded(loaded, path, registry).findings
    except Exception as error:  # anything the rules raise is reported to the parent, not lost
        outcome = f"{type(error).__name__}: {error}"
    send.send(outcome)
    send.close()
