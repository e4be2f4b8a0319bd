"""``mesh-studio validate DESIGN... [--format text|json|sarif|junit] [-o FILE]``.

Several designs make one report (each finding names its file), as pre-commit and CI pass
them. A design that cannot be read is reported on its own line and does not stop the others.
"""

from __future__ import annotations

import argparse
import sys

from studio.commands.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_UNUSABLE,
    Subcommands,
    write_output,
)
from studio.errors import MeshStudioError, one_line
from studio.io.atomic import write_atomic
from studio.validate.reports import FORMATS, render
from studio.validate.runner import Report, validate_file


def register(commands: Subcommands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check designs against every rule (MS101-MS115); exit 1 on errors",
        description="Check designs and their registries against the rule catalogue; several "
        "designs make one report. Exit 0 when there are no errors, 1 when there "
        "are, 2 when an input is unusable (the others are still checked). "
        "Disable rules or change severities with the design's 'rules:' section.",
    )
    validate.add_argument("design", metavar="DESIGN", nargs="+", help="*.mesh.yaml design files")
    validate.add_argument("--format", choices=FORMATS, default="text", help="report format (text)")
    validate.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report, unusable = Report(), False
    for name in args.design:
        try:
            report.findings.extend(validate_file(name).findings)
        except MeshStudioError as error:
            if args.debug:
                raise
            print(f"mesh-studio: {one_line(str(error))}", file=sys.stderr)
            unusable = True
    text = render(report, args.format)
    if args.output:
        write_output(args.output, lambda path: write_atomic(path, text))
    else:
        print(text, end="")
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_FOUND if report.has_errors else EXIT_OK
