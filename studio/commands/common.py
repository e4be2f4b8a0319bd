"""Small helpers shared by the command modules: exit codes and safe output writing."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studio.errors import LoadError
from studio.io.atomic import write_atomic

EXIT_OK, EXIT_FOUND, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3

# argparse keeps the sub-parsers action private; this alias names what register() receives
Subcommands = Any


def write_output(path: Path | str, writer: Callable[[Path], None]) -> None:
    """Create the folder if needed and run ``writer``; OS errors become one-line messages."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(target)
    except OSError as exc:
        raise LoadError(target, f"cannot be written ({exc.strerror or exc})") from None


def print_report(text: str, output: str | None) -> None:
    """Print a report, or write it to ``output`` (the command's ``-o FILE``) when given."""
    if output:
        write_output(output, lambda path: write_atomic(path, text))
    else:
        print(text, end="")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
