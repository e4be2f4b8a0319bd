"""Exported documents as text: stable, diff-friendly YAML or JSON.

Key order is the order the builders insert (fixed for a design), so the same design always
gives the same bytes and a changed property changes only the lines that express it.

YAML follows the presentation of the design files (``studio.io.yaml_writer``): 2-space
indents, sequences indented under their key, small flat mappings and lists on one line
(``{$ref: '#/servers/kafka'}``, ``[a, b]``), multi-line text as literal blocks (a Protobuf
schema stays readable), strings that a YAML 1.1 or 1.2 reader would take for something else
quoted (``'200'``, ``'yes'``). It is written here rather than through PyYAML's emitter because
the 5,000-element benchmark mesh exports about a million lines, which the pure-Python emitter
takes well over ten seconds to write; this writer renders each distinct string once and each
shared subtree (a message object in many documents) once per export. JSON is
``json.dumps(indent=2, ensure_ascii=False)`` plus a final newline.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml.resolver

from studio.io.yaml_source import resolve_plain
from studio.io.yaml_writer import format_plain

FLOW_WIDTH = 72
_MAX_INLINE = 24  # more items than this never fit in FLOW_WIDTH
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = frozenset(",[]{}:?")  # PyYAML ends a plain scalar at these in {} or []
_YAML11 = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_UNSAFE_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def dump_document(data: dict[str, Any], as_json: bool = False) -> str:
    """The text of one document (a fresh serializer; use ``Serializer`` for many)."""
    return Serializer().dump(data, as_json)


class Serializer:
    """Writes documents; remembers rendered strings and shared subtrees between them."""

    def __init__(self) -> None:
        # rendered strings for each context: block value, mapping key, inside {} or []
        self._scalars: tuple[dict[str, str], ...] = ({}, {}, {})
        self._shared: dict[int, tuple[Any, str]] = {}

    def dump(self, data: dict[str, Any], as_json: bool = False) -> str:
        if as_json:
            return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        out: list[str] = []
        inline = self._inline(data) if not isinstance(data, dict) or not data else None
        if inline is not None:
            out.append(inline + "\n")
        else:
            for key, value in data.items():
                self._entry(key, value, 0, out, None, share=2 if key == "components" else 0)
        return "".join(out)

    def _mapping(
        self,
        mapping: dict[str, Any],
        indent: int,
        out: list[str],
        first: str | None = None,
        share: int = 0,
    ) -> None:
        for key, value in mapping.items():
            self._entry(key, value, indent, out, first, share)
            first = None

    def _entry(
        self, key: Any, value: Any, indent: int, out: list[str], first: str | None, share: int
    ) -> None:
        head = (first if first is not None else " " * indent) + self._scalar(str(key), 1) + ":"
        if share == 1 and isinstance(value, (dict, list)):
            inline = self._inline(value)
            if inline is None:
                out.append(head + "\n")
                out.append(self._shared_block(value, indent + 2))
            else:
                out.append(f"{head} {inline}\n")
        else:
            self._value(head, value, indent, out, share - 1 if share else 0)

    def _value(self, head: str, value: Any, indent: int, out: list[str], share: int = 0) -> None:
        """Writes ``head`` (``key:`` or ``-``) followed by the value."""
        if isinstance(value, (dict, list)):
            inline = self._inline(value)
            if inline is not None:
                out.append(f"{head} {inline}\n")
            else:
                out.append(head + "\n")
                self._block(value, indent + 2, out, share)
        elif isinstance(value, str):
            if "\n" in value and _literal_ok(value):
                self._literal(head, value, indent + 2, out)
            else:
                out.append(f"{head} {self._scalar(value, 0)}\n")
        else:
            out.append(f"{head} {_plain(value)}\n")

    def _block(
        self, value: dict[str, Any] | list[Any], indent: int, out: list[str], share: int = 0
    ) -> None:
        """A mapping or a sequence, one entry a line."""
        if isinstance(value, dict):
            self._mapping(value, indent, out, share=share)
        else:
            self._sequence(value, indent, out)

    def _sequence(self, items: list[Any], indent: int, out: list[str]) -> None:
        dash = " " * indent + "-"
        for item in items:
            if isinstance(item, dict) and self._inline(item) is None:
                self._mapping(item, indent + 2, out, first=dash + " ")
            else:
                self._value(dash, item, indent, out)

    def _shared_block(self, value: dict[str, Any] | list[Any], indent: int) -> str:
        cached = self._shared.get(id(value))
        if cached is not None and cached[0] is value:
            return cached[1]
        part: list[str] = []
        self._block(value, indent, part)
        text = "".join(part)
        self._shared[id(value)] = (value, text)  # the value is kept so its id stays its own
        return text

    def _literal(self, head: str, text: str, indent: int, out: list[str]) -> None:
        if not text.endswith("\n"):
            chomp, body = "-", text
        elif text.endswith("\n\n"):
            chomp, body = "+", text[:-1]
        else:
            chomp, body = "", text[:-1]
        out.append(f"{head} |{chomp}\n")
        pad = " " * indent
        out.extend((pad + line if line else "") + "\n" for line in body.split("\n"))

    def _inline(self, value: Any) -> str | None:
        """The one-line form of a scalar or of a small flat container; None if it is neither."""
        if isinstance(value, dict):
            if len(value) > _MAX_INLINE:
                return None
            parts = []
            size = 0
            for key, item in value.items():
                text = self._flat(item)
                if text is None:
                    return None
                part = f"{self._scalar(str(key), 2)}: {text}"
                size += len(part) + 2
                if size > FLOW_WIDTH:
                    return None
                parts.append(part)
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, list):
            if len(value) > _MAX_INLINE:
                return None
            parts = []
            size = 0
            for item in value:
                text = self._flat(item)
                if text is None:
                    return None
                size += len(text) + 2
                if size > FLOW_WIDTH:
                    return None
                parts.append(text)
            return "[" + ", ".join(parts) + "]"
        return self._flat(value)

    def _flat(self, value: Any) -> str | None:
        if isinstance(value, str):
            return None if "\n" in value else self._scalar(value, 2)
        if isinstance(value, dict):
            return None if value else "{}"
        if isinstance(value, list):
            return None if value else "[]"
        return _plain(value)

    def _scalar(self, text: str, context: int) -> str:
        """A string as YAML; context 0 is a block value, 1 a key, 2 inside ``{}``/``[]``."""
        known = self._scalars[context]
        rendered = known.get(text)
        if rendered is None:
            rendered = _render(text, context == 2)
            known[text] = rendered
        return rendered


def _render(text: str, in_flow: bool) -> str:
    if _plain_ok(text, in_flow):
        return text
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return _UNSAFE_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text[0] in _INDICATORS or text[0] == " " or text[-1] == " ":
        return False
    if not text.isprintable() or ": " in text or " #" in text or text.endswith(":"):
        return False
    if in_flow and not _FLOW_SPECIAL.isdisjoint(text):
        return False
    # what a YAML 1.2 reader (ours) or a YAML 1.1 one (PyYAML, many tools) would not read as text
    if not isinstance(resolve_plain(text), str):
        return False
    return bool(_YAML11.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG)


def _literal_ok(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    first = next((line for line in lines if line), "")
    if first[:1] in (" ", "\t") or not first:
        return False
    return all(line.replace("\t", " ").isprintable() and line == line.rstrip() for line in lines)


def _plain(value: Any) -> str:
    text = format_plain(value)
    if isinstance(value, float) and "e" in text and "." not in text:
        text = text.replace("e", ".0e")  # YAML 1.1 reads 1e+16 as a string, 1.0e+16 as a float
    return text
