"""``mesh-studio fmt DESIGN... [--check]``: rewrite design files in canonical form."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from studio.commands.common import EXIT_FOUND, EXIT_OK, Subcommands, write_output
from studio.io.atomic import write_atomic
from studio.io.design_file import dump_design, parse_design
from studio.io.yaml_source import read_text


def register(commands: Subcommands) -> None:
    fmt = commands.add_parser("fmt", help="rewrite a design file in canonical form",
                              description="Rewrite a design file in canonical form (key order, "
                                          "2-space indent, no aliases). YAML comments are not "
                                          "kept. Exit 1 with --check when the file would change.")
    fmt.add_argument("design", metavar="DESIGN", nargs="+", help="design files")
    fmt.add_argument("--check", action="store_true",
                     help="only report files that are not canonical (exit 1), change nothing")
    fmt.set_defaults(run=run)


def _write(path: Path, text: str) -> None:
    write_atomic(path, text)


def run(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.design:
        text = read_text(name)
        canonical = dump_design(parse_design(text, name).design)
        if canonical == text:
            continue
        if args.check:
            print(f"{name}: not in canonical form (run 'mesh-studio fmt {name}')")
            status = EXIT_FOUND
        else:
            write_output(name, functools.partial(_write, text=canonical))
            print(f"{name}: reformatted")
    return status
