"""``mesh-studio fmt DESIGN... [--check] [--drop-comments]``: rewrite designs in canonical form.

The canonical form is written from the model, so YAML comments cannot be kept: a file with
comments is left alone with a message naming the first one, unless ``--drop-comments`` says
to drop them. Each file is handled on its own (pre-commit passes many): an unusable one is
reported in one line and the others are still formatted.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from studio.commands.common import EXIT_FOUND, EXIT_OK, EXIT_UNUSABLE, Subcommands, write_output
from studio.commands.options import add_design, each_design
from studio.errors import MeshStudioError
from studio.io.atomic import write_atomic
from studio.io.design_file import dump_design, parse_design
from studio.io.yaml_comments import comment_lines
from studio.io.yaml_source import read_text


def register(commands: Subcommands) -> None:
    fmt = commands.add_parser(
        "fmt",
        help="rewrite design files in canonical form",
        description="Rewrite design files in canonical form (key order, 2-space indent, no "
        "aliases), as the studio saves them. A file with YAML comments is left "
        "unchanged (exit 2) unless --drop-comments is given, since the canonical "
        "form cannot keep them. Exit 1 with --check when a file would change.",
    )
    add_design(fmt, nargs="+")
    fmt.add_argument(
        "--check",
        action="store_true",
        help="only report files that are not canonical (exit 1), change nothing",
    )
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help="format files that have YAML comments too, dropping the comments",
    )
    fmt.set_defaults(run=run)


def _write(path: Path, text: str) -> None:
    write_atomic(path, text)


def run(args: argparse.Namespace) -> int:
    statuses = each_design(args, lambda name: _format(name, args.check, args.drop_comments))
    return max([EXIT_OK] + [EXIT_UNUSABLE if s is None else s for s in statuses])


def _format(name: str, check: bool, drop_comments: bool) -> int:
    text = read_text(name)
    canonical = dump_design(parse_design(text, name).design)
    if canonical == text:
        return EXIT_OK
    comments = [] if drop_comments else comment_lines(text)
    if check:
        advice = (
            f"its YAML comments ({_lines(comments)}) would be dropped: move them into "
            f"a description or a note, then run 'mesh-studio fmt {name}'"
            if comments
            else f"run 'mesh-studio fmt {name}'"
        )
        print(f"{name}: not in canonical form; {advice}")
        return EXIT_FOUND
    if comments:
        raise MeshStudioError(
            f"{name}:{comments[0]}:1: has YAML comments ({_lines(comments)}) that the canonical "
            "form cannot keep; move them into a description or a note, or run "
            "'mesh-studio fmt --drop-comments' to drop them"
        )
    write_output(name, functools.partial(_write, text=canonical))
    print(f"{name}: reformatted")
    return EXIT_OK


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"
