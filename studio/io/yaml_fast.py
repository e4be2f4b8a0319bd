"""The canonical YAML of ``yaml_writer``, written without PyYAML's emitter where that is safe.

PyYAML's pure-Python emitter takes about 2 s for a 5,000-element design (and longer for its
registry), which an import of a big mesh, or saving it in the studio, pays every time. The
layout decisions are ``yaml_writer``'s own (block or flow per container, the style asked of
each scalar); only the emitter's part is done here: indentation, flow punctuation, and the
text of each scalar. A scalar whose text is certain, a plain word or sentence, a number, a
literal block of clean lines, is written directly; any other one is rendered once by PyYAML
itself, in the same context, and reused. Anything whose layout PyYAML would change (a key
too long to be a simple key, a literal block PyYAML would mark or end specially) makes
``FastUnsure`` raise, and the caller writes the document with PyYAML. ``tests/io`` compares
both writers byte for byte on the samples, generated meshes and generated strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
Layout = Callable[[Any, Path_], bool]  # whether a container at a path goes on one line
ScalarStyle = Callable[[Any, bool], yaml.ScalarEvent]

# a string PyYAML writes plain in block and in flow context alike: no indicator at the start,
# no flow indicator, ':' or '#' anywhere, no space at either end, only printable characters
_PLAIN = re.compile(
    r"[\w.()+=<$^~\\;/](?:[\w .()+=<>$^~\\;/'\"!&*%@|`>-]*"
    r"[\w.()+=<>$^~\\;/'\"!&*%@|`>-])?"
)
# characters PyYAML writes as they are in a literal block (allow_unicode): printable ones; a
# tab is not one of them (PyYAML then double-quotes the whole string)
_LITERAL_LINE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]*")
# one line of characters PyYAML writes as they are (printable, allow_unicode; no tab)
_ONE_PRINTABLE_LINE = re.compile(
    "[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+"
)
_HASH_AFTER_SPACE = re.compile(r"(?<=[ \t])#")
_COLON_BEFORE_SPACE = re.compile(r":(?=[ \t]|$)")
_FLOW_INDICATOR = re.compile(r"[,?\[\]{}:]")
_SIMPLE_KEY_MAX = 127  # PyYAML writes longer keys in the explicit "? key" form


class FastUnsure(Exception):
    """This document needs PyYAML's emitter."""


class FastWriter:
    """Writes one document; ``flow(value, path)`` and ``scalar(value, is_key)`` are the
    decisions of ``yaml_writer``."""

    def __init__(self, flow: Layout, scalar: ScalarStyle) -> None:
        self.flow = flow
        self.scalar_event = scalar
        self.out: list[str] = []

    def document(self, data: Any) -> str:
        if isinstance(data, (dict, list)) and data and not self.flow(data, ()):
            if isinstance(data, dict):
                self._mapping(data, (), 0, first=None)
            else:
                self._sequence(data, (), 0, first=None)
        else:
            self.out.append(self._flow_text(data, ()) + "\n")
        return "".join(self.out)

    # ---- block style -------------------------------------------------------------------
    def _mapping(
        self, mapping: dict[Any, Any], path: Path_, indent: int, first: str | None
    ) -> None:
        for key, value in mapping.items():
            head = (first if first is not None else " " * indent) + self._key(str(key)) + ":"
            first = None
            self._value(head, value, (*path, key), indent)

    def _sequence(self, items: list[Any], path: Path_, indent: int, first: str | None) -> None:
        for index, item in enumerate(items):
            dash = (first if first is not None else " " * indent) + "-"
            first = None
            child = (*path, index)
            if isinstance(item, (dict, list)) and item and not self.flow(item, child):
                if isinstance(item, dict):
                    self._mapping(item, child, indent + 2, first=dash + " ")
                else:
                    self._sequence(item, child, indent + 2, first=dash + " ")
            else:
                self._value(dash, item, child, indent)

    def _value(self, head: str, value: Any, path: Path_, indent: int) -> None:
        if isinstance(value, (dict, list)) and value and not self.flow(value, path):
            self.out.append(head + "\n")
            if isinstance(value, dict):
                self._mapping(value, path, indent + 2, first=None)
            else:
                self._sequence(value, path, indent + 2, first=None)
        elif isinstance(value, (dict, list)):
            self.out.append(f"{head} {self._flow_text(value, path)}\n")
        else:
            event = self.scalar_event(value, False)
            if event.style == "|":
                self._literal(head, event.value, indent + 2)
            else:
                self.out.append(f"{head} {_text(event, 0)}\n")

    def _literal(self, head: str, text: str, indent: int) -> None:
        lines = text.split("\n")
        clip = text.endswith("\n")
        if clip:
            lines.pop()
        # PyYAML adds indicators for these, or refuses the block style: leave them to it
        if (
            not lines
            or text[0] in " \n"
            or text.endswith("\n\n")
            or any(not _LITERAL_LINE.fullmatch(line) or line.endswith(" ") for line in lines)
        ):
            raise FastUnsure
        pad = " " * indent
        self.out.append(f"{head} |{'' if clip else '-'}\n")
        self.out.extend(pad + line + "\n" if line else "\n" for line in lines)

    def _key(self, key: str) -> str:
        if len(key) > _SIMPLE_KEY_MAX or "\n" in key:
            raise FastUnsure
        return _text(self.scalar_event(key, True), 1)

    # ---- flow style --------------------------------------------------------------------
    def _flow_text(self, value: Any, path: Path_) -> str:
        if isinstance(value, dict):
            return (
                "{"
                + ", ".join(
                    f"{self._flow_key(str(k))}: {self._flow_text(v, (*path, k))}"
                    for k, v in value.items()
                )
                + "}"
            )
        if isinstance(value, list):
            return (
                "[" + ", ".join(self._flow_text(v, (*path, i)) for i, v in enumerate(value)) + "]"
            )
        return _text(self.scalar_event(value, False), 2)

    def _flow_key(self, key: str) -> str:
        if len(key) > _SIMPLE_KEY_MAX:
            raise FastUnsure
        return _text(self.scalar_event(key, True), 3)


def _text(event: yaml.ScalarEvent, context: int) -> str:
    """The text of a one-line scalar; context 0 block value, 1 block key, 2 flow value,
    3 flow key."""
    value = event.value
    if event.style is None and event.implicit[0]:
        if event.tag is None:
            return value  # a number, a boolean or null
        if _PLAIN.fullmatch(value) and not value.startswith(("---", "...")):
            return value  # a string PyYAML surely writes plain
    if event.style in (None, "'") and value and _ONE_PRINTABLE_LINE.fullmatch(value):
        plain = event.style is None and event.implicit[0] and _plain_allowed(value, context >= 2)
        return value if plain else "'" + value.replace("'", "''") + "'"
    return _rendered(value, event.style, event.tag, event.implicit, context)


def _plain_allowed(value: str, flow: bool) -> bool:
    """PyYAML's verdict (``Emitter.analyze_scalar``) on writing a one-line printable string
    plain: no space at either end, and no indicator that the context forbids."""
    if value[0] == " " or value[-1] == " ":
        return False
    first, followed = value[0], len(value) == 1 or value[1] in " \t"
    both = (
        value.startswith(("---", "..."))
        or first in "#,[]{}&*!|>'\"%@`"
        or (first in "?:-" and followed)
        or _HASH_AFTER_SPACE.search(value, 1) is not None
        or _COLON_BEFORE_SPACE.search(value, 1) is not None
    )
    if both:
        return False
    if flow:  # in [] and {} flow indicators and ':' anywhere end a plain scalar
        return first not in "?:" and _FLOW_INDICATOR.search(value, 1) is None
    return True


@lru_cache(maxsize=65536)
def _rendered(
    value: str, style: str | None, tag: str | None, implicit: tuple[bool, bool], context: int
) -> str:
    """PyYAML's own text of a scalar in a context, cut out of a two-node document."""
    scalar = yaml.ScalarEvent(None, tag, implicit, value, style=style)
    other = yaml.ScalarEvent(None, None, (True, True), "x")
    flow = context >= 2
    if context in (1, 3):
        inner = [
            yaml.MappingStartEvent(None, None, True, flow_style=flow),
            scalar,
            other,
            yaml.MappingEndEvent(),
        ]
    elif context == 0:
        inner = [
            yaml.MappingStartEvent(None, None, True, flow_style=False),
            other,
            scalar,
            yaml.MappingEndEvent(),
        ]
    else:
        inner = [
            yaml.SequenceStartEvent(None, None, True, flow_style=True),
            scalar,
            yaml.SequenceEndEvent(),
        ]
    text = yaml.emit(
        [
            yaml.StreamStartEvent(encoding=None),
            yaml.DocumentStartEvent(explicit=False),
            *inner,
            yaml.DocumentEndEvent(explicit=False),
            yaml.StreamEndEvent(),
        ],
        width=1_000_000,
        allow_unicode=True,
        line_break="\n",
    )
    body = text.rstrip("\n")
    if "\n" in body:
        raise FastUnsure
    if context == 0:
        return body.removeprefix("x: ")
    if context == 1:
        return body.removesuffix(": x")
    if context == 2:
        return body[1:-1]
    return body[1:-1].removesuffix(": x")
