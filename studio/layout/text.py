"""Fitting untrusted text into fixed boxes without a font engine: widths, eliding, wrapping.

Diagrams are written as SVG and DOT text, with no Qt to measure fonts (STYLE.md habit 1), so a
width is estimated from per-character classes of a sans-serif font (DejaVu Sans, the canvas
default on Linux). The estimate errs a little wide, so a text that "fits" does fit; a text that
does not is cut with an ellipsis, as ``QFontMetricsF.elidedText`` does on the canvas.
"""

from __future__ import annotations

import re

ELLIPSIS = "\u2026"
_NARROW = frozenset("iljtfrI.,:;'!|()[]{}` ")
_WIDE = frozenset("mwMW@%&")
# characters XML 1.0 cannot carry even escaped; names are untrusted, so they are replaced
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` with characters no XML document may contain replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated advance width of ``text`` at font ``size`` (pixels)."""
    units = 0.0
    for char in text:
        if char in _NARROW:
            units += 0.34
        elif char in _WIDE:
            units += 0.92
        elif char.isupper() or char.isdigit():
            units += 0.68
        elif ord(char) > 0x2E80:  # CJK and other full-width scripts
            units += 1.0
        else:
            units += 0.58
    return units * size * (1.07 if bold else 1.0)


def elide(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text``, cut with an ellipsis if it is wider than ``width``."""
    text = " ".join(text.split())
    if text_width(text, size, bold) <= width:
        return text
    room = width - text_width(ELLIPSIS, size, bold)
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits, by bisection
        middle = (low + high + 1) // 2
        if text_width(text[:middle], size, bold) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def wrap(text: str, size: float, width: float, lines: int) -> list[str]:
    """At most ``lines`` lines of ``text`` no wider than ``width``; the last one elided if
    the text goes on."""
    words = text.split()
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word
        if len(result) == lines - 1:
            rest = " ".join([current, *words[index + 1 :]])
            return [*result, elide(rest, size, width)]
    if current:
        result.append(elide(current, size, width))
    return result[:lines]
