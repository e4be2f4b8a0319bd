"""``mesh-studio info DESIGN [--json]``: what a design holds, counted."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from studio.commands.common import EXIT_OK, Subcommands
from studio.commands.options import add_design
from studio.io.design_file import load_design
from studio.model.summary import summarize


def register(commands: Subcommands) -> None:
    info = commands.add_parser(
        "info", help="count the applications, topics, messages, endpoints and links of a design"
    )
    add_design(info)
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    info.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    design = load_design(args.design).design
    summary = summarize(design)
    if args.json:
        print(
            json.dumps(
                {
                    "title": design.info.title,
                    "version": design.info.version,
                    **asdict(summary),
                    "linkTotal": summary.link_total,
                },
                indent=2,
            )
        )
        return EXIT_OK
    title = design.info.title or Path(args.design).name
    print(f"{title} {design.info.version or ''}".rstrip())
    kinds = ", ".join(f"{k} {n}" for k, n in summary.kinds.items() if n)
    rows = [
        ("applications", summary.applications, kinds),
        ("evented APIs", summary.evented_apis, ""),
        ("brokers", summary.brokers, ""),
        ("topics", summary.topics, ""),
        ("messages", summary.messages, ""),
        ("endpoints", summary.endpoints, ""),
        ("links", summary.link_total, ", ".join(f"{k} {n}" for k, n in summary.links.items() if n)),
        ("notes", summary.notes, ""),
    ]
    for label, count, detail in rows:
        print(f"  {label:<13}{count:>6}" + (f"  ({detail})" if detail else ""))
    if design.registry:
        print(f"  {'registry':<13}{design.registry:>6}")
    return EXIT_OK
