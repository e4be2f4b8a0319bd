"""The three report formats: text, JSON (the issue's shape) and Markdown for pull requests."""

from __future__ import annotations

import json

from studio.diff import Change, DiffResult, describe, render
from studio.diff.report import escape
from tests.diff.helpers import changed, erp, run, without


def _result() -> DiffResult:
    old = erp()
    new = changed(without(old, "product-changed"), "kafka", name="Kafka")
    return run(old, new)


def test_json_has_the_issue_shape() -> None:
    data = json.loads(render(_result(), "json"))
    assert set(data) == {"changes", "summary"}
    first = data["changes"][0]
    assert list(first)[:5] == ["kind", "element", "path", "breaking", "reason"]
    assert {c["kind"] for c in data["changes"]} <= {"added", "removed", "changed"}
    assert data["changes"] == [
        {
            "kind": "changed",
            "element": "kafka",
            "path": "brokers/kafka/name",
            "breaking": False,
            "reason": "Documentation only: no client depends on the name.",
            "what": "name of broker kafka",
            "old": "Kafka (Confluent, prod)",
            "new": "Kafka",
        },
        {
            "kind": "removed",
            "element": "product-changed",
            "path": "topics/product-changed",
            "breaking": True,
            "reason": "Topic product-changed is removed but analytics and sales-projector "
            "consume it and erp still refers to it.",
            "what": "topic product-changed",
            "affected": ["analytics", "sales-projector", "erp"],
        },
    ]
    assert data["summary"] == {
        "old": "old",
        "new": "new",
        "changes": 2,
        "breaking": 1,
        "added": 0,
        "removed": 1,
        "changed": 1,
        "layoutChanged": False,
    }


def test_json_of_no_changes() -> None:
    data = json.loads(render(run(erp(), erp()), "json"))
    assert data["changes"] == [] and data["summary"]["changes"] == 0


def test_text_lists_breaking_changes_first() -> None:
    text = render(_result(), "text")
    lines = text.splitlines()
    assert lines[0] == "old → new: 2 changes, 1 breaking"
    assert lines[2] == "Breaking:"
    assert lines[3] == "  removed topic product-changed  [topics/product-changed]"
    assert lines[4].startswith("      Topic product-changed is removed")
    assert lines[6] == "Not breaking:"
    assert lines[7] == (
        "  changed name of broker kafka: 'Kafka (Confluent, prod)' → 'Kafka'  [brokers/kafka/name]"
    )
    assert render(run(erp(), erp()), "text") == "old → new: no semantic changes\n"


def test_markdown_for_a_pull_request_comment() -> None:
    md = render(_result(), "markdown")
    assert md.startswith("### ⚠️ Mesh design diff: 2 changes, 1 breaking\n")
    breaking_at, other_at = md.index("#### Breaking (1)"), md.index("Other changes (1)")
    assert breaking_at < other_at
    assert "product\\-changed" not in md  # hyphens are not escaped: ids stay readable
    assert (
        "| `product-changed` | removed topic product-changed | Topic product-changed is "
        "removed but analytics and sales-projector consume it and erp still refers to "
        "it. |" in md
    )
    assert "<details>" in md and md.rstrip().endswith("</details>")


def test_markdown_without_breaking_changes_has_one_plain_table() -> None:
    old = erp()
    md = render(run(old, changed(old, "kafka", name="Kafka")), "markdown")
    assert md.startswith("### Mesh design diff: 1 change, 0 breaking")
    assert "#### Changes (1)" in md and "<details>" not in md
    assert render(run(old, old), "markdown").startswith("### Mesh design diff: no semantic changes")


def test_markdown_escapes_design_text() -> None:
    old = erp()
    new = changed(old, "kafka", name="Kafka | <b>prod</b> *now* [x](y) `z` @team\nnext")
    md = render(run(old, new), "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| `kafka`"))
    assert row.count(" | ") == 2  # element | change | reason: the pipe in the name is escaped
    assert "\\|" in row and "&lt;b&gt;" in row and "<b>" not in row
    assert "\\*now\\*" in row and "\\[x\\](y)" in row and "\\`z\\`" in row
    assert "&#64;team" in row and "@team" not in row
    assert escape("a\n\nb") == "a b"


def test_describe_shows_schema_references_as_people_say_them() -> None:
    change = Change(
        "changed",
        "m",
        "messages/m/payload",
        False,
        "r",
        "payload of message m",
        {"subject": "s", "version": 1},
        {"subject": "s", "version": "latest"},
    )
    assert describe(change) == "changed payload of message m: s v1 → s latest"
    inline = Change(
        "changed",
        "m",
        "messages/m/payload",
        False,
        "r",
        "payload of message m",
        {"schema": {"type": "object"}},
        {"subject": "s", "version": 2},
    )
    assert describe(inline) == "changed payload of message m: an inline schema → s v2"


def test_notes_and_layout_appear_under_the_changes() -> None:
    result = DiffResult((), "a", "b", layout_changed=True, notes=("new side: broken",))
    assert render(result, "text").splitlines()[-2:] == [
        "Canvas layout changed too (not a semantic change, not listed).",
        "Note: new side: broken.",
    ]
    assert "_Note: new side: broken._" in render(result, "markdown")


def test_text_keeps_a_line_break_in_a_name_on_its_line() -> None:
    old = erp()
    new = changed(old, "kafka", name="Kafka\nmesh-studio: forged")
    lines = render(run(old, new), "text").splitlines()
    assert not any(line.startswith("mesh-studio: forged") for line in lines)
    assert any("Kafka\\nmesh-studio: forged" in line for line in lines)
