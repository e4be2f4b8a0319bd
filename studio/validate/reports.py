"""Validation reports for people and for CI: text, JSON, SARIF 2.1.0 and JUnit XML.

All four carry the same findings. SARIF locations are relative to the current folder when
the file lies under it (GitHub code scanning resolves them against the repository root).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

from studio import __version__
from studio.errors import one_line
from studio.validate.rules import RULES
from studio.validate.runner import Report

FORMATS = ("text", "json", "sarif", "junit")
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def count_text(counts: dict[str, int]) -> str:
    """``1 error, 2 warnings, 0 info``."""
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    return (
        f"{errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, {counts.get('info', 0)} info"
    )


def render(report: Report, fmt: str) -> str:
    return {"text": as_text, "json": as_json, "sarif": as_sarif, "junit": as_junit}[fmt](report)


def as_text(report: Report) -> str:
    # one finding, one line: messages quote names from the file, which may hold line breaks
    lines = [
        one_line(
            f"{f.file}:{f.line}: {f.severity} {f.rule}"
            + (f" [{f.element}]" if f.element else "")
            + f": {f.message}"
        )
        for f in report.findings
    ]
    lines.append(count_text(report.summary()))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return (
        json.dumps(
            {"findings": [f.as_dict() for f in report.findings], "summary": report.summary()},
            indent=2,
        )
        + "\n"
    )


def _relative(path: str) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path.cwd())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def as_sarif(report: Report) -> str:
    used = sorted({f.rule for f in report.findings} | set(RULES))
    rules = [
        {
            "id": rule_id,
            "name": RULES[rule_id].title.replace(" ", ""),
            "shortDescription": {"text": RULES[rule_id].title},
            "defaultConfiguration": {"level": _SARIF_LEVELS[RULES[rule_id].severity]},
        }
        for rule_id in used
        if rule_id in RULES
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, object] = {
            "ruleId": f.rule,
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f"{f.element}: {f.message}" if f.element else f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _relative(f.file)},
                        "region": {"startLine": max(1, f.line)},
                    }
                }
            ],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mesh-studio",
                        "version": __version__,
                        "informationUri": "https://github.com/mesh-studio",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


# characters XML 1.0 does not allow at all, not even escaped (C0 controls but tab and line
# breaks, lone surrogates, U+FFFE/U+FFFF): a design quoting one would make the file unreadable
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` with what XML cannot hold written as a visible escape (``\x1b``)."""
    return _NOT_XML.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


def as_junit(report: Report) -> str:
    """One test case per rule: failures for errors and warnings, passes for clean rules."""
    counts = report.summary()
    suite = ElementTree.Element(
        "testsuite",
        name="mesh-studio validate",
        tests=str(len(RULES)),
        failures=str(counts["error"] + counts["warning"]),
        errors="0",
        skipped="0",
    )
    for rule_id, rule in RULES.items():
        case = ElementTree.SubElement(
            suite, "testcase", classname="mesh-studio", name=f"{rule_id} {rule.title}"
        )
        for f in (f for f in report.findings if f.rule == rule_id):
            tag = "failure" if f.severity in ("error", "warning") else "system-out"
            node = ElementTree.SubElement(case, tag)
            text = f"{f.file}:{f.line}: {f.element or ''}: {f.message}"
            if tag == "failure":
                node.set("type", f.severity)
                node.set("message", _xml_safe(f.message))
            node.text = _xml_safe(text)
    suites = ElementTree.Element("testsuites")
    suites.append(suite)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
