"""Text reports keep one finding per line, whatever the names they quote."""

from __future__ import annotations

from pathlib import Path

from studio.model.findings import Finding
from studio.validate.reports import as_text
from studio.validate.runner import Report


def test_a_line_break_in_a_name_cannot_split_a_text_finding(tmp_path: Path) -> None:
    finding = Finding(
        "MS107",
        "topic 'a\nmesh-studio: forged' has no producer",
        "a",
        str(tmp_path / "x.mesh.yaml"),
        3,
        "warning",
    )
    lines = as_text(Report([finding])).splitlines()
    assert len(lines) == 2 and "\\n" in lines[0]  # the finding, then the counts
    assert lines[0].startswith(f"{tmp_path / 'x.mesh.yaml'}:3: warning MS107 [a]: ")
