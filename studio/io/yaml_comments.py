"""Find the comments of a YAML text, which the canonical writer cannot keep.

A design is saved from the model, so ``#`` comments do not survive ``fmt`` or a save. Rather
than drop them silently, ``fmt`` asks where they are. PyYAML's scanner skips comments, but
every comment lies in the gap between two tokens (or on a block scalar's header line), and
nothing else in such a gap can hold a ``#``.
"""

from __future__ import annotations

import yaml

try:  # libyaml's scanner gives the same tokens and marks, many times faster
    from yaml import CSafeLoader as _Scanner
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Scanner  # type: ignore[assignment]


def comment_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines that hold a comment, in order (text that scans)."""
    if "#" not in text:
        return []
    found: list[int] = []
    position = 0
    for token in yaml.scan(text, Loader=_Scanner):
        start, end = token.start_mark.index, token.end_mark.index
        found += _hashes(text, position, start)
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header_end = text.find("\n", start)
            found += _hashes(
                text, start + 1, end if header_end < 0 else header_end, after_space=True
            )
        position = max(position, end)
    found += _hashes(text, position, len(text))
    return sorted({text.count("\n", 0, index) + 1 for index in found})


def _hashes(text: str, start: int, end: int, after_space: bool = False) -> list[int]:
    """Where comments start between ``start`` and ``end``."""
    found = []
    index = text.find("#", start, end)
    while index >= 0:
        if not after_space or text[index - 1] in " \t":
            found.append(index)
            # the rest of the line is the same comment
            newline = text.find("\n", index, end)
            if newline < 0:
                break
            index = newline
        index = text.find("#", index + 1, end)
    return found
