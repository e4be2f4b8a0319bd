"""``mesh-studio validate DESIGN [--format text|json|sarif|junit] [-o FILE]``."""

from __future__ import annotations

import argparse

from studio.commands.common import EXIT_FOUND, EXIT_OK, Subcommands, write_output
from studio.io.atomic import write_atomic
from studio.validate.reports import FORMATS, render
from studio.validate.runner import validate_file


def register(commands: Subcommands) -> None:
    validate = commands.add_parser(
        "validate", help="check a design against every rule (MS101-MS114); exit 1 on errors",
        description="Check a design and its registry against the rule catalogue. Exit 0 when "
                    "there are no errors, 1 when there are, 2 when the input is unusable. "
                    "Disable rules or change severities with the design's 'rules:' section.")
    validate.add_argument("design", metavar="DESIGN", help="a *.mesh.yaml design file")
    validate.add_argument("--format", choices=FORMATS, default="text",
                          help="report format (text)")
    validate.add_argument("-o", "--output", metavar="FILE",
                          help="write the report to FILE instead of standard output")
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = validate_file(args.design)
    text = render(report, args.format)
    if args.output:
        write_output(args.output, lambda path: write_atomic(path, text))
    else:
        print(text, end="")
    return EXIT_FOUND if report.has_errors else EXIT_OK
