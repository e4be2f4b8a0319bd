"""``mesh-studio validate DESIGN... [--format text|json|sarif|junit] [-o FILE]``.

Several designs make one report (each finding names its file), as pre-commit and CI pass
them. A design that cannot be read is reported on its own line and does not stop the others.
"""

from __future__ import annotations

import argparse

from studio.commands.common import EXIT_FOUND, EXIT_OK, EXIT_UNUSABLE, Subcommands, print_report
from studio.commands.options import add_design, add_report_options, each_design
from studio.validate.parallel import validate_file_on_cores
from studio.validate.reports import FORMATS, render
from studio.validate.runner import Report


def register(commands: Subcommands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check designs against every rule (MS101-MS115); exit 1 on errors",
        description="Check designs and their registries against the rule catalogue; several "
        "designs make one report. Exit 0 when there are no errors, 1 when there "
        "are, 2 when an input is unusable (the others are still checked). "
        "Disable rules or change severities with the design's 'rules:' section.",
    )
    add_design(validate, nargs="+")
    add_report_options(validate, FORMATS)
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    checked = each_design(args, validate_file_on_cores)  # None: a design that cannot be read
    report = Report()
    for one in checked:
        if one is not None:
            report.findings.extend(one.findings)
    if any(one is not None for one in checked):  # "0 errors" would be false of no design
        print_report(render(report, args.format), args.output)
    if any(one is None for one in checked):
        return EXIT_UNUSABLE
    return EXIT_FOUND if report.has_errors else EXIT_OK
