"""``mesh-studio diff OLD NEW [--format text|json|markdown] [-o FILE]``."""

from __future__ import annotations

import argparse

from studio.commands.common import EXIT_FOUND, EXIT_OK, Subcommands, print_report
from studio.commands.options import add_report_options
from studio.diff import FORMATS, diff_specs, render


def register(commands: Subcommands) -> None:
    diff = commands.add_parser(
        "diff",
        help="semantic changes between two designs, each marked breaking or not",
        description="Compare two versions of a design: added, removed and changed elements "
        "and relations, payload schema versions, taxonomy and rule settings, each "
        "marked breaking or not with the reason. OLD (or NEW) may be "
        "git:REV:PATH, a file at a revision of the repository the other design "
        "lives in (git:REV alone: the other file at REV). Exit 0 when the designs "
        "mean the same, 1 when they differ, 2 when an input is unusable.",
    )
    diff.add_argument("old", metavar="OLD", help="the design before: a file or git:REV:PATH")
    diff.add_argument("new", metavar="NEW", help="the design after: a file or git:REV:PATH")
    add_report_options(
        diff, FORMATS, "report format (text); markdown is meant for a pull-request comment"
    )
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = diff_specs(args.old, args.new)
    print_report(render(result, args.format), args.output)
    return EXIT_OK if result.same else EXIT_FOUND
