"""The ``mesh-studio`` command: the headless core for CI, and the way into the studio.

Exit codes follow PRODUCT.md: 0 success, 1 the check found something, 2 unusable input.
Unusable input prints one line, ``mesh-studio: FILE:LINE:COL: sentence``, and never a
traceback unless ``--debug`` is given. Each subcommand lives in ``studio.commands``; Qt is
imported only by ``gui``.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from studio import __version__
from studio.commands import COMMAND_MODULES
from studio.commands.common import EXIT_INTERNAL, EXIT_UNUSABLE
from studio.errors import MeshStudioError, one_line, printable

PROG = "mesh-studio"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Design service and event meshes; export AsyncAPI/OpenAPI; check schemas. "
        "'mesh-studio [DESIGN]' opens the studio on a design; "
        "'mesh-studio --review DESIGN' opens it read-only, for review "
        "(the same as 'mesh-studio gui [--review] [DESIGN]').",
        epilog="Exit codes: 0 success, 1 the check found problems, 2 unusable input. "
        "Run 'mesh-studio COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show a traceback for errors instead of the one-line message",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    parser.set_defaults(command_names=tuple(commands.choices))  # in --help order
    return parser


# Commands build large graphs of objects that hold almost no reference cycles; with Python's
# default thresholds (a collection every 700 allocations) the collector walks the growing
# heap again and again: 15-20 % of validate and export at 5,000 to 20,000 elements.
GC_THRESHOLDS = (50_000, 20, 20)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    mistyped = _mistyped_command(args_list, parser)
    if mistyped:
        print(f"{PROG}: {mistyped}", file=sys.stderr)
        return EXIT_UNUSABLE
    args = parser.parse_args(_routed(args_list, parser))
    stdout, stderr = sys.stdout, sys.stderr
    # reports quote names from untrusted files: an ESC in one must not drive the terminal
    sys.stdout, sys.stderr = _Printable(stdout), _Printable(stderr)  # type: ignore[assignment]
    try:
        return int(args.run(args))
    except MeshStudioError as exc:
        if args.debug:
            raise
        print(f"{PROG}: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (``| head``): not an error to report; keep the interpreter's
        # final flush from failing again, and exit as a process killed by SIGPIPE would
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 128 + 13
    except Exception as exc:  # a bug, not the user's fault: say so in one line
        if args.debug:
            raise
        print(
            f"{PROG}: internal error ({type(exc).__name__}: {one_line(str(exc))}); "
            "run with --debug for details and please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        sys.stdout, sys.stderr = stdout, stderr


class _Printable:
    """A text stream that writes through ``printable``; everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# Options of the top-level parser that may come before the command (-h and --version end
# the program). Anything else first is the command, a design, or an option of ``gui``.
_TOP_LEVEL_OPTIONS = ("--debug",)
# What a design path looks like when the file does not exist yet (the studio creates it)
DESIGN_SUFFIXES = (".yaml", ".yml", ".json")


def _command_index(args: list[str]) -> int:
    return next((i for i, a in enumerate(args) if a not in _TOP_LEVEL_OPTIONS), len(args))


def _opens_studio(args: list[str], parser: argparse.ArgumentParser) -> bool:
    """``mesh-studio``, ``mesh-studio DESIGN`` or ``mesh-studio --review DESIGN`` opens the
    studio."""
    if any(a in ("-h", "--help", "--version") for a in args):
        return False
    index = _command_index(args)
    return index == len(args) or args[index] not in parser.get_default("command_names")


def _routed(args: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The arguments to parse: ``gui`` goes in front of them when they open the studio.
    No command word shows where the top-level options end then, so ``--debug`` may come
    anywhere (``mesh-studio --review --debug DESIGN``)."""
    if not _opens_studio(args, parser):
        return args
    top = [a for a in args if a in _TOP_LEVEL_OPTIONS]
    return [*top, "gui", *(a for a in args if a not in _TOP_LEVEL_OPTIONS)]


def _mistyped_command(args: list[str], parser: argparse.ArgumentParser) -> str | None:
    """The answer to ``mesh-studio valdate x.mesh.yaml``: a first word that is no command,
    no existing file and no design path is a mistyped command, not a design to open."""
    if not _opens_studio(args, parser):
        return None
    index = _command_index(args)
    if index == len(args) or args[index].startswith("-"):
        return None
    word = args[index]
    if os.path.exists(word) or word.lower().endswith(DESIGN_SUFFIXES):
        return None
    commands: tuple[str, ...] = parser.get_default("command_names")
    close = [f"'{name}'" for name in difflib.get_close_matches(word, commands, n=3)]
    if close:
        return f"'{word}' is not a command; did you mean {' or '.join(close)}?"
    return f"'{word}' is not a command; the commands are {', '.join(commands)}"


def gui_main() -> int:
    """Entry point of the ``mesh-studio-gui`` script."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
