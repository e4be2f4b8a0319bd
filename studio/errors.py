"""The errors users can cause, each with a location and one readable sentence.

Hierarchy::

    MeshStudioError            anything the CLI reports as "unusable input" (exit 2)
    └── LoadError              a file that cannot be read as a design or registry file:
                               missing, not UTF-8, not YAML, wrong structure, newer format

The CLI and the studio show ``str(error)``; a traceback is only shown with ``--debug``.
"""

from __future__ import annotations

from pathlib import Path


class MeshStudioError(Exception):
    """An error caused by the user's input, worded for the user."""


class LoadError(MeshStudioError):
    """A file could not be loaded; carries the file, a 1-based line and column, and a sentence.

    Problems with the whole file (missing, a directory) point at line 1, column 1 so that
    every error has the same ``FILE:LINE:COL: sentence`` shape editors and CI can parse.
    """

    def __init__(self, path: str | Path, message: str, line: int = 1, column: int = 1) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        super().__init__(f"{self.path}:{line}:{column}: {message}")
