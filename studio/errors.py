"""The errors users can cause, each with a location and one readable sentence.

Hierarchy::

    MeshStudioError            anything the CLI reports as "unusable input" (exit 2)
    └── LoadError              a file that cannot be read as a design or registry file:
                               missing, not UTF-8, not YAML, wrong structure, newer format

The CLI and the studio show ``str(error)``; a traceback is only shown with ``--debug``.
"""

from __future__ import annotations

import re
from pathlib import Path

# line breaks, other C0/C1 controls (ESC starts terminal escape sequences) and the bidi
# controls that make text display in another order than it is written
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with the characters of ``one_line`` escaped except line breaks and tabs: for
    reports, whose lines are the program's, but whose values come from untrusted files."""
    return _UNPRINTABLE.sub(
        lambda m: (
            m.group() if m.group() in "\n\t" else m.group().encode("unicode_escape").decode("ascii")
        ),
        text,
    )


def one_line(text: str) -> str:
    """``text`` with every character that could break the line or rewrite the terminal
    written as an escape (``\\n``, ``\\x1b``): messages quote values from untrusted files."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class MeshStudioError(Exception):
    """An error caused by the user's input, worded for the user."""


class LoadError(MeshStudioError):
    """A file could not be loaded; carries the file, a 1-based line and column, and a sentence.

    Problems with the whole file (missing, a directory) point at line 1, column 1 so that
    every error has the same ``FILE:LINE:COL: sentence`` shape editors and CI can parse. The
    message quotes keys and values from the file, so it is kept to one printable line.
    """

    def __init__(self, path: str | Path, message: str, line: int = 1, column: int = 1) -> None:
        self.path = one_line(str(path))
        self.message = one_line(message)
        self.line = line
        self.column = column
        super().__init__(f"{self.path}:{line}:{column}: {self.message}")

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str, int, int]]:
        # rebuilt from its parts when it crosses to another process (import reads files in
        # worker processes)
        return type(self), (self.path, self.message, self.line, self.column)
