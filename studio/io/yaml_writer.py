"""Write plain data as canonical YAML: stable, diff-friendly and readable by any YAML tool.

The caller decides key order (dicts are written in insertion order). This module decides
only presentation, always the same way, so saving unchanged data gives the same bytes:

* 2-space indent, UTF-8, ``\\n`` line ends, a final newline, no anchors, no line folding;
* small leaf containers go on one line (``{x: 40, y: 120}``, ``[erp, crm]``); element
  mappings chosen by the caller (``block_paths``) and anything large stay in block style;
* multi-line strings use literal blocks (``|-``) when YAML allows it, else double quotes;
* a string that a YAML 1.1 *or* 1.2 reader would take for another type is quoted
  (``'on'`` as a value or a key, ``'200'`` as a key) so that every tool reads back the same
  data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import yaml
import yaml.resolver

from studio.io.yaml_fast import FastUnsure, FastWriter
from studio.io.yaml_source import resolve_plain


class _Dumper(yaml.SafeDumper):
    """Indents block sequences under their key (``brokers:\n  - id: x``) as FORMATS.md shows.

    libyaml's emitter cannot do this, so the pure-Python emitter is used. It is slow (about
    2 s for a 5,000-element design), so ``yaml_fast`` writes the same bytes directly and
    this emitter only writes what that one leaves to it.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


FLOW_WIDTH = 72
_STR = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()

_UNUSUAL_BREAKS = frozenset("\r\x85\u2028\u2029")

BlockRule = Callable[[tuple[str | int, ...]], bool]


def dump_yaml(data: Any, block_paths: BlockRule = lambda path: False) -> str:
    """Serialise ``data`` (dicts, lists, str, int, float, bool, None) as canonical YAML."""

    def flow(value: Any, path: tuple[str | int, ...]) -> bool:
        return not block_paths(path) and _fits_on_one_line(value)

    try:
        return FastWriter(flow, _scalar).document(data)
    except FastUnsure:  # rare layouts: PyYAML's emitter knows them
        return dump_yaml_with_pyyaml(data, block_paths)


def dump_yaml_with_pyyaml(data: Any, block_paths: BlockRule = lambda path: False) -> str:
    """``dump_yaml`` through PyYAML's emitter: the reference the fast writer must match."""
    events = [
        yaml.StreamStartEvent(encoding=None),
        yaml.DocumentStartEvent(explicit=False),
        *_events(data, (), block_paths, is_key=False),
        yaml.DocumentEndEvent(explicit=False),
        yaml.StreamEndEvent(),
    ]
    text = yaml.emit(
        events, Dumper=_Dumper, indent=2, width=1_000_000, allow_unicode=True, line_break="\n"
    )
    return text if text.endswith("\n") else text + "\n"


def _events(
    value: Any, path: tuple[str | int, ...], block: BlockRule, is_key: bool
) -> Iterator[yaml.Event]:
    if isinstance(value, dict):
        flow = not block(path) and _fits_on_one_line(value)
        yield yaml.MappingStartEvent(None, None, True, flow_style=flow)
        for key, item in value.items():
            yield from _events(str(key), (*path, key), block, is_key=True)
            yield from _events(item, (*path, key), block, is_key=False)
        yield yaml.MappingEndEvent()
    elif isinstance(value, (list, tuple)):
        flow = not block(path) and _fits_on_one_line(value)
        yield yaml.SequenceStartEvent(None, None, True, flow_style=flow)
        for index, item in enumerate(value):
            yield from _events(item, (*path, index), block, is_key=False)
        yield yaml.SequenceEndEvent()
    else:
        yield _scalar(value, is_key)


def _scalar(value: Any, is_key: bool) -> yaml.ScalarEvent:
    if isinstance(value, str):
        if _reads_as_other_type(value, is_key):
            return yaml.ScalarEvent(None, _STR, (False, True), value, style="'")
        if _UNUSUAL_BREAKS.intersection(value):
            # YAML folds these inside plain and block scalars; only escapes keep them exact
            return yaml.ScalarEvent(None, _STR, (True, True), value, style='"')
        style = "|" if "\n" in value and not is_key else None
        return yaml.ScalarEvent(None, _STR, (True, True), value, style=style)
    return yaml.ScalarEvent(None, None, (True, False), format_plain(value))


def format_plain(value: Any) -> str:
    """The plain YAML text of a non-string scalar, read back as the same value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _reads_as_other_type(text: str, is_key: bool) -> bool:
    """Whether a YAML 1.2 or a YAML 1.1 reader (PyYAML, most CI scripts) would take the plain
    ``text`` for something else than this string: a key ``on`` is the boolean true there."""
    if not isinstance(resolve_plain(text), str):
        return True
    return _YAML11.resolve(yaml.ScalarNode, text, (True, False)) != _STR


def _fits_on_one_line(value: dict[Any, Any] | list[Any] | tuple[Any, ...]) -> bool:
    """Whether a container is small and flat enough to read well as one flow line."""
    if not value:
        return True
    budget = FLOW_WIDTH
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > 1:
            return False
        items = list(node.items()) if isinstance(node, dict) else [(None, v) for v in node]
        for key, item in items:
            budget -= len(str(key)) + 2 if key is not None else 2
            if isinstance(item, (dict, list, tuple)):
                stack.append((item, depth + 1))
                budget -= 2
            elif isinstance(item, str):
                if "\n" in item or item != item.strip():
                    return False
                budget -= len(item) + 2
            else:
                budget -= len(format_plain(item))
            if budget < 0:
                return False
    return True
