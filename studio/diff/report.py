"""Reports of a diff: plain text for terminals, JSON for tools, Markdown for pull requests.

JSON is the issue's contract: ``{"changes": [{"kind", "element", "path", "breaking",
"reason", ...}], "summary": {...}}`` with extra keys per change (``what``, ``old``, ``new``,
``affected``, ``link``). Markdown is meant to be posted as a pull-request comment: a heading
with the counts, breaking changes first in a table, the rest in a collapsed table; text
written in the design (addresses, descriptions, reasons quoting them) is escaped so it
cannot break the table or inject markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

from studio.diff.changes import Change, DiffResult, count_text
from studio.errors import one_line

FORMATS = ("text", "json", "markdown")
_MAX_VALUE = 60  # characters of an old/new value shown inline; JSON carries the full value


def render(result: DiffResult, fmt: str) -> str:
    """The report in ``fmt`` (one of FORMATS), ending with a newline."""
    if fmt == "json":
        return json.dumps(result.as_dict(), indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "markdown":
        return markdown(result)
    return text(result)


def headline(result: DiffResult) -> str:
    """``3 changes, 1 breaking`` or ``no semantic changes``."""
    if result.same:
        return "no semantic changes"
    return f"{count_text(len(result.changes), 'change')}, {len(result.breaking)} breaking"


def describe(change: Change) -> str:
    """What happened, in a few words: ``changed address of topic t: a → b``."""
    what = change.what or change.path
    if change.kind == "changed" and _inline(change.old) and _inline(change.new):
        return f"{change.kind} {what}: {_value(change.old)} → {_value(change.new)}"
    if change.kind == "added" and change.new is not None and _inline(change.new):
        return f"{change.kind} {what}: {_value(change.new)}"
    return f"{change.kind} {what}"


def text(result: DiffResult) -> str:
    lines = [f"{result.old_label} → {result.new_label}: {headline(result)}"]
    for title, changes in (("Breaking", result.breaking), ("Not breaking", result.not_breaking)):
        if not changes:
            continue
        lines += ["", f"{title}:"]
        for change in changes:
            # one line each: descriptions and reasons quote values that may hold line breaks
            lines.append(one_line(f"  {describe(change)}  [{change.path}]"))
            lines.append(one_line(f"      {change.reason}"))
    notes = _notes(result)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def markdown(result: DiffResult) -> str:
    breaking, other = result.breaking, result.not_breaking
    icon = "⚠️ " if breaking else ""
    lines = [
        f"### {icon}Mesh design diff: {headline(result)}",
        "",
        f"{_code(result.old_label)} → {_code(result.new_label)}",
    ]
    if breaking:
        lines += ["", f"#### Breaking ({len(breaking)})", "", *_table(breaking)]
    if other and breaking:  # keep the comment short: what breaks shows, the rest folds
        lines += [
            "",
            "<details>",
            f"<summary>Other changes ({len(other)})</summary>",
            "",
            *_table(other),
            "",
            "</details>",
        ]
    elif other:
        lines += ["", f"#### Changes ({len(other)})", "", *_table(other)]
    notes = _notes(result)
    if notes:
        lines += ["", *(f"_{escape(note)}_" for note in notes)]
    return "\n".join(lines) + "\n"


def _table(changes: tuple[Change, ...]) -> list[str]:
    rows = ["| Element | Change | Reason |", "|---|---|---|"]
    for change in changes:
        element = _code(change.element) if change.element else "(design)"
        rows.append(f"| {element} | {escape(describe(change))} | {escape(change.reason)} |")
    return rows


def _notes(result: DiffResult) -> list[str]:
    notes = []
    if result.layout_changed:
        notes.append("Canvas layout changed too (not a semantic change, not listed).")
    notes += [f"Note: {note}." for note in result.notes]
    return notes


_MARKUP = re.compile(r"([\\`*_\[\]|~])")


def escape(value: str) -> str:
    """Design text made inert in a Markdown table cell: HTML and Markdown characters are
    escaped, line breaks become spaces, a pipe cannot end the cell, and ``@`` cannot mention
    anyone."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKUP.sub(r"\\\1", " ".join(value.split()))
    return value.replace("@", "&#64;")  # no @-mentions: design text must not ping people


def _code(value: str) -> str:
    """A code span; ids and labels never hold a backtick, but a pipe must be escaped even in
    a code span inside a table."""
    return "`" + value.replace("`", "'").replace("|", "\\|") + "`"


def _inline(value: Any) -> bool:
    if isinstance(value, dict) and ("subject" in value or set(value) == {"schema"}):
        return True
    return (
        value is None
        or isinstance(value, (str, int, float, bool))
        or (isinstance(value, (list, dict)) and len(json.dumps(value, default=str)) <= _MAX_VALUE)
    )


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict) and "subject" in value:  # a schema reference, as people say it
        version = value.get("version", "latest")
        return f"{value['subject']} " + ("latest" if version == "latest" else f"v{version}")
    if isinstance(value, dict) and set(value) == {"schema"}:
        return "an inline schema"
    if isinstance(value, str):
        shown = value if len(value) <= _MAX_VALUE else value[: _MAX_VALUE - 1] + "…"
        return f"'{shown}'"
    return json.dumps(value, default=str, ensure_ascii=False)
