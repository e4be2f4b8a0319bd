"""Limits on untrusted schema text, and the problem a format parser raises when a schema fails.

Schemas come from registry dumps and pull requests, so every parser works inside the same
bounds: at most ``MAX_SCHEMA_BYTES`` of text, brackets nested at most ``MAX_NESTING`` deep
(checked before any recursive parser or walker sees the text, so no RecursionError can
escape), reference chains at most ``MAX_REFERENCE_DEPTH`` long and at most
``MAX_REFERENCES`` schemas pulled in by one version.

``SchemaProblem`` carries a sentence and where in the schema it is, but not the subject and
version: parsing is cached by content, and the same text may sit in several subjects.
``studio.registry.schemas`` turns it into a located ``SchemaError``
(``studio.registry.schema_types``).
"""

from __future__ import annotations

import re

MAX_SCHEMA_BYTES = 1024 * 1024
MAX_NESTING = 100
MAX_REFERENCE_DEPTH = 16
MAX_REFERENCES = 256

# Strings are skipped so that brackets inside them do not count; comments are not, which can
# only over-count (a schema with a hundred braces in comments is refused, never mis-parsed).
_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[\[\]{}]')


class SchemaProblem(Exception):
    """A schema text that does not parse or means nothing; ``where`` locates it inside."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


def check_size(text: str) -> None:
    """Refuse texts over ``MAX_SCHEMA_BYTES`` (counted in UTF-8 bytes, as a registry would)."""
    if len(text) * 4 <= MAX_SCHEMA_BYTES:  # cheap bound: no character takes more than 4 bytes
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SCHEMA_BYTES:
        raise SchemaProblem(
            f"is {size / (1024 * 1024):.1f} MiB; schemas over "
            f"{MAX_SCHEMA_BYTES // (1024 * 1024)} MiB are refused"
        )


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """Refuse texts whose brackets nest deeper than ``limit``, without recursion."""
    if text.count("{") + text.count("[") <= limit:  # the common case, at C speed
        return
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start()) + 1
                raise SchemaProblem(f"nests deeper than {limit} levels", f"line {line}")
        elif token in "]}":
            depth -= 1
