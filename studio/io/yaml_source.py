"""Read untrusted YAML into plain data, remembering where every node came from.

Design and registry files come from repositories and pull requests, so nothing in them may
construct objects or blow up memory. This module builds Python data straight from the
parser's event stream (libyaml when available) instead of using a loader:

* only plain data: mappings, sequences, strings, numbers, booleans and null; any explicit tag
  other than the core ones (``!!python/object`` ...) is refused;
* scalars resolve with the YAML 1.2 core schema, so ``on``, ``no`` and ``yes`` stay strings
  (the "Norway problem") and timestamps stay strings; mapping keys are always strings;
* anchors and aliases are refused: canonical files never use them, and refusing them rules
  out "billion laughs" expansion;
* duplicate keys, nesting deeper than ``MAX_DEPTH`` and files over ``MAX_BYTES`` are errors;
* every value's position is recorded by its path (``("applications", 2, "kind")``) so later
  checks can point at the line a user must edit.
"""

from __future__ import annotations

import codecs
import math
import re
import stat
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

import yaml

from studio.errors import LoadError

try:  # libyaml is many times faster; PyYAML wheels ship it, source builds may not.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 100
EVENTS_PER_STEP = 2_000  # about a millisecond of reading, between pauses of a stepped read

T = TypeVar("T")

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based line and column in a source file (a tuple: a big file records a hundred
    thousand of them, and a tuple is made several times faster than a frozen dataclass)."""

    line: int
    column: int


@dataclass(slots=True)
class SourceMap:
    """Where each node of a loaded file starts, keyed by its path from the root.

    For a mapping member the mark is the key's position (where a user looks for it); for a
    sequence item it is the item's start.
    """

    path: str
    marks: dict[Path_, Mark]

    def mark(self, path: Path_) -> Mark:
        """The mark of ``path``, or of its nearest recorded ancestor."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def line(self, path: Path_) -> int:
        return self.mark(path).line


_CORE_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


# the number patterns, most common first, each with how it converts its text
_NUMBERS: tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...] = (
    (_INT10, int),
    (_FLOAT, float),
    (_INT8, lambda text: int(text[2:], 8)),
    (_INT16, lambda text: int(text[2:], 16)),
    (_INF, lambda text: -math.inf if text.startswith("-") else math.inf),
    (_NAN, lambda text: math.nan),
)

# Only these first characters can start a null, a boolean or a number: any other plain
# scalar is a string without trying the patterns (most scalars are ids and names).
_KEYWORD_START = frozenset("~nNtTfF")
_NUMBER_START = frozenset("-+.0123456789")
_KEYWORDS: dict[str, Any] = {
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}


def resolve_plain(value: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first not in _NUMBER_START and value[-1] != "\n":  # ("$" also matches before a "\n")
        return _KEYWORDS.get(value, value) if first in _KEYWORD_START else value
    return _resolve_by_patterns(value)


def _resolve_by_patterns(value: str) -> Any:
    if value[0] not in _NUMBER_START:  # no number pattern can match, only the keywords
        if _NULL.match(value):
            return None
        if _TRUE.match(value):
            return True
        if _FALSE.match(value):
            return False
    for pattern, convert in _NUMBERS:  # (positions: a design's most common scalars)
        if pattern.match(value):
            return convert(value)
    return value


def read_text(path: str | Path) -> str:
    """Read a file as UTF-8 text, turning every OS and encoding problem into a LoadError."""
    return drain(read_text_steps(path, pause_every_bytes=0))


def read_text_steps(path: str | Path, pause_every_bytes: int) -> Generator[None, None, str]:
    """``read_text``, pausing (a bare ``yield``) after reading, and then decoding, every
    ``pause_every_bytes`` (0: no pauses): the studio reads a big registry between turns of
    its event loop, and 10 MB took 10-20 ms to read at once, and 6-16 ms to decode."""
    p = Path(path)
    chunks: list[bytes] = []
    try:
        if p.is_dir():
            raise LoadError(p, "is a directory, not a file")
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            # /dev/zero would be read for ever, a named pipe would block
            raise LoadError(p, "is not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_BYTES:
            raise LoadError(
                p, f"is {info.st_size // (1024 * 1024)} MiB; files over 64 MiB are refused"
            )
        with p.open("rb") as handle:
            left = MAX_BYTES + 1  # bounded even if the file grows meanwhile
            while left > 0:
                chunk = handle.read(min(left, pause_every_bytes or left))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
                if pause_every_bytes:
                    yield
        if left <= 0:
            raise LoadError(p, "is larger than 64 MiB; files that large are refused")
    except FileNotFoundError:
        raise LoadError(p, "no such file") from None
    except PermissionError:
        raise LoadError(p, "permission denied") from None
    except OSError as exc:
        raise LoadError(p, f"cannot be read ({exc.strerror or exc})") from None
    if pause_every_bytes:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            texts = []
            for chunk in chunks:
                texts.append(decoder.decode(chunk))
                yield
            texts.append(decoder.decode(b"", final=True))
            return "".join(texts)
        except UnicodeDecodeError:
            pass  # decoded whole below, whose error names the line
    return decode_utf8(b"".join(chunks), p)


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode bytes as UTF-8 (a BOM is accepted), naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start]
        raise LoadError(
            path, f"is not valid UTF-8 text (byte 0x{bad:02x}); is it a binary file?", line, column
        ) from None


def parse_yaml(text: str, path: str | Path, positions: bool = True) -> tuple[Any, SourceMap]:
    """Parse one YAML document of plain data; return it with the positions of its nodes.

    Without ``positions`` the source map is empty and reading is about a third faster (for
    files whose positions are only needed if something is wrong with them: they are read
    again then); the same files are refused with the same errors."""
    return drain(parse_yaml_steps(text, path, positions, pause_every=0))


def parse_yaml_steps(
    text: str, path: str | Path, positions: bool = True, pause_every: int = EVENTS_PER_STEP
) -> Generator[None, None, tuple[Any, SourceMap]]:
    """``parse_yaml`` pausing (a bare ``yield``) after every ``pause_every`` events (0: never),
    so that a caller may read a big file between turns of an event loop; it returns what
    ``parse_yaml`` returns."""
    if len(text) > MAX_BYTES:
        raise LoadError(path, "is larger than 64 MiB; files that large are refused")
    source = SourceMap(str(path), {(): Mark(1, 1)})
    if pause_every:
        yield  # (after whatever made the text: joining a big one's parts takes a while)
    loader = _EventLoader(text)  # (which encodes the text for libyaml: 10 MB, 5-10 ms)
    if pause_every:
        yield
    try:
        # the parser's events, asked for one by one: ``yaml.parse`` wraps the same calls in a
        # generator that also asks ``check_event`` each time, a tenth of reading a big file
        events = iter(loader.get_event, None)
        value = yield from _Builder(events, source, path, positions, pause_every).document()
    except _NeedPositions:  # an error whose sentence quotes a position: read it with them
        return (yield from parse_yaml_steps(text, path, True, pause_every))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "YAML syntax error").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError(path, f"YAML syntax error: {problem}", line, column) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise LoadError(
            path,
            f"contains the control character #x{code:04x} that YAML "
            "does not allow; is it a binary file?",
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(path, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    return value, source


def placed_when_refused(
    steps: Callable[[bool], Generator[None, None, T]], positions: bool
) -> Generator[None, None, T]:
    """Read a file through ``steps(positions)``; without ``positions`` (a caller that never
    points into the file, such as the studio window) the read is faster, and a file that is
    refused is read again with them, so that its error names the same line as ever."""
    if not positions:
        try:
            return (yield from steps(False))
        except LoadError:
            pass  # read again below: the error's line and column need the positions
    return (yield from steps(True))


def drain(steps: Generator[None, None, T]) -> T:
    """Run a generator of steps (``parse_yaml_steps`` ...) to its end; return its result."""
    try:
        while True:
            next(steps)
    except StopIteration as done:
        return cast(T, done.value)


_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_ALIAS, _DOCUMENT_END = yaml.AliasEvent, yaml.DocumentEndEvent


# what each core-schema tag accepts (a !!float may be written as an integer)
_EXPECTED_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "null": type(None),
}


class _NeedPositions(Exception):
    """Reading without positions met an error that names a line: read again with them."""


class _Builder:
    """Turns a parser event stream into plain data without recursion (deep files are safe)."""

    def __init__(
        self,
        events: Iterator[yaml.Event],
        source: SourceMap,
        path: str | Path,
        positions: bool = True,
        pause_every: int = 0,
    ):
        self._events = events
        self._source = source
        self._path = path
        self._positions = positions
        self._pause_every = pause_every

    def _error(self, event: yaml.Event, message: str) -> LoadError:
        mark = event.start_mark
        if mark is None:  # libyaml always sets it; the type allows None
            return LoadError(self._path, message)
        return LoadError(self._path, message, mark.line + 1, mark.column + 1)

    def document(self) -> Generator[None, None, Any]:
        documents = 0
        result: Any = None
        for event in self._events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._error(event, "holds more than one YAML document; use one per file")
                result = yield from self._node()
            elif isinstance(event, yaml.StreamEndEvent):
                break
        if documents == 0:
            raise LoadError(self._path, "is empty")
        return result

    def _node(self) -> Generator[None, None, Any]:
        # One pass over the events with the work inlined: a 5,000-element design is about
        # 200,000 events, and a method call per event was a third of loading it.
        # Each frame: [container, its path, pending key, key marks, is a mapping, key's path]
        stack: list[list[Any]] = []
        root: Any = None
        marks = self._source.marks
        positions = self._positions
        pause_every = countdown = self._pause_every
        event: Any  # dispatched on its exact type below, which mypy cannot follow
        frame: list[Any] | None
        for event in self._events:
            if pause_every:
                countdown -= 1
                if not countdown:
                    countdown = pause_every
                    yield
            kind = type(event)
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                frame = stack.pop()
                if not stack:
                    root = frame[0]
                continue
            if kind is _DOCUMENT_END:
                return root
            if kind is _ALIAS or getattr(event, "anchor", None):
                raise self._error(
                    event, "YAML anchors and aliases are not allowed; write the value out in full"
                )
            tag = event.tag if kind is _SCALAR else getattr(event, "tag", None)
            if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                shown = tag.replace(_CORE_TAG, "!!")
                raise self._error(
                    event, f"YAML tag '{shown}' is not allowed; files hold plain data only"
                )
            if stack:
                frame = stack[-1]
                if frame[4]:
                    if frame[2] is None:  # a key (inlined: half of all events are keys)
                        if kind is not _SCALAR:
                            raise self._error(
                                event, "mapping keys must be plain text, not lists or mappings"
                            )
                        key = event.value
                        key_marks = frame[3]
                        if key in key_marks:  # every key of the mapping so far is there
                            if not positions:
                                raise _NeedPositions
                            raise self._error(
                                event,
                                f"duplicate key '{key}' (first written "
                                f"on line {key_marks[key].line})",
                            )
                        if positions:
                            start = event.start_mark
                            path = (*frame[1], key)
                            key_marks[key] = marks[path] = Mark(start.line + 1, start.column + 1)
                        else:
                            key_marks[key] = path = None
                        frame[2], frame[5] = key, path
                        continue
                    path = frame[5]
                elif positions:
                    path = (*frame[1], len(frame[0]))
                    start = event.start_mark
                    marks[path] = Mark(start.line + 1, start.column + 1)
                else:
                    path = None
            else:
                frame, path = None, ()
            if kind is _SCALAR:
                value: Any = event.value
                if tag is not None or event.style or not event.implicit[0]:
                    value = self._scalar(event)
                elif not value or value[0] in _NUMBER_START or value[0] in _KEYWORD_START:
                    value = self._resolve(event)
                # else: a plain scalar no core-schema pattern can match is a string
            elif kind is _MAPPING_START:
                value = {}
            elif kind is _SEQUENCE_START:
                value = []
            else:  # pragma: no cover - the parser emits no other events inside a document
                raise self._error(event, "unexpected YAML structure")
            if frame is not None:
                if frame[4]:
                    frame[0][frame[2]] = value
                    frame[2] = None
                else:
                    frame[0].append(value)
            if kind is not _SCALAR:
                if len(stack) >= MAX_DEPTH:
                    raise self._error(event, f"nests deeper than {MAX_DEPTH} levels")
                stack.append([value, path, None, {}, kind is _MAPPING_START, None])
            elif frame is None:
                root = value
                # a scalar document ends at the DocumentEndEvent
        raise LoadError(self._path, "ends in the middle of a YAML document")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            plain = not event.style and event.implicit[0]
            return self._resolve(event) if plain else event.value
        value = event.value
        kind = tag.removeprefix(_CORE_TAG)
        if kind == "str":
            return value
        resolved: Any = self._resolve(event)
        expected = _EXPECTED_TYPES[kind]
        if (isinstance(resolved, bool) and kind != "bool") or not isinstance(resolved, expected):
            raise self._error(event, f"'{value}' is not a valid !!{kind} value")
        if kind == "float" and isinstance(resolved, int):
            return float(resolved)  # !!float 1 is the number 1.0
        return resolved

    def _resolve(self, event: yaml.ScalarEvent) -> Any:
        """``resolve_plain``, refusing integers too long to ever be written out again
        (Python converts at most ``sys.get_int_max_str_digits()`` digits)."""
        try:
            value = resolve_plain(event.value)
        except ValueError:
            value = None
        else:
            if not isinstance(value, int) or isinstance(value, bool):
                return value
            limit = sys.get_int_max_str_digits()
            # 3.33 bits a digit: the same bound for 0x and 0o numbers, which int() lets by
            if not limit or value.bit_length() <= limit * 3.32:
                return value
        raise self._error(
            event,
            f"the number {event.value[:20]}... has more digits than "
            "a number in a design or registry file may have",
        )
