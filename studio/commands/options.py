"""The arguments several commands share, so that a design, an output or a report format reads
the same in every ``--help``, and the loop of the commands that take several designs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TypeVar

from studio.errors import MeshStudioError, one_line

T = TypeVar("T")

REPORT_FORMAT_HELP = "report format (text)"


def add_design(parser: argparse.ArgumentParser, nargs: str | None = None) -> None:
    """The DESIGN argument: one design file, an optional one (``?``) or several (``+``)."""
    help_text = "*.mesh.yaml design files" if nargs == "+" else "a *.mesh.yaml design file"
    parser.add_argument("design", metavar="DESIGN", nargs=nargs, help=help_text)


def add_output(
    parser: argparse.ArgumentParser, metavar: str, help_text: str, required: bool = False
) -> None:
    parser.add_argument("-o", "--output", required=required, metavar=metavar, help=help_text)


def add_format(
    parser: argparse.ArgumentParser,
    formats: tuple[str, ...],
    help_text: str | None = REPORT_FORMAT_HELP,
) -> None:
    parser.add_argument("--format", choices=formats, default="text", help=help_text)


def add_report_options(
    parser: argparse.ArgumentParser, formats: tuple[str, ...], format_help: str = REPORT_FORMAT_HELP
) -> None:
    """``--format`` and ``-o FILE`` of a command that prints a report (``common.print_report``)."""
    add_format(parser, formats, format_help)
    add_output(parser, "FILE", "write the report to FILE instead of standard output")


def each_design(args: argparse.Namespace, handle: Callable[[str], T]) -> list[T | None]:
    """``handle`` run on each of ``args.design`` in turn. A file that cannot be used is
    reported in one line and gives None, so the others are still handled (pre-commit and CI
    pass many); ``--debug`` raises instead."""
    results: list[T | None] = []
    for name in args.design:
        try:
            results.append(handle(name))
        except MeshStudioError as error:
            if args.debug:
                raise
            print(f"mesh-studio: {one_line(str(error))}", file=sys.stderr)
            results.append(None)
    return results
