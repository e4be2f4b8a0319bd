"""docs/architecture.md shows the model's reference table as it is in the code."""

from __future__ import annotations

from studio.model.references import REFERENCES, Reference
from tests.conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
START = "<!-- reference table: generated from studio.model.references.REFERENCES -->"
END = "<!-- end of the reference table -->"


def _row(reference: Reference) -> str:
    owner = reference.owner.__name__.lower()
    field = (
        reference.field
        if reference.key is None
        else reference.field.replace(reference.field.split(".")[-1], reference.key)
    )
    target = reference.target.__name__.lower() if reference.target else "any element"
    return f"| {owner} | `{field}` | {target} | {'yes' if reference.dependent else ''} |"


def reference_table() -> str:
    head = ["| element | field (in the file) | refers to | goes with it |", "|---|---|---|---|"]
    return "\n".join([START, *head, *map(_row, REFERENCES), END])


def test_the_documented_reference_table_is_the_code_s() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] == reference_table(), "regenerate the table in docs/architecture.md"
