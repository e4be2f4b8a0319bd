"""``mesh-studio gui [DESIGN] [--review] [--screenshot PNG]``: open the studio.

``mesh-studio [--review] [DESIGN]`` comes here too: ``studio.cli`` puts the word ``gui`` in.
"""

from __future__ import annotations

import argparse

from studio.commands.common import Subcommands
from studio.commands.options import add_design
from studio.io.design_file import load_design


def register(commands: Subcommands) -> None:
    gui = commands.add_parser(
        "gui",
        help="open the studio (also: mesh-studio [--review] [DESIGN])",
        description="Open the studio window on a design; 'mesh-studio [--review] [DESIGN]' "
        "is the same without the word gui. Without a display, the window is "
        "rendered offscreen to a PNG whose name is printed.",
    )
    add_design(gui, nargs="?")
    gui.add_argument(
        "--review", action="store_true", help="open read-only for review: comments only, no edits"
    )
    gui.add_argument(
        "--screenshot", metavar="PNG", help="render the window with the design to PNG and quit"
    )
    gui.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.design:
        load_design(args.design)  # unusable files fail here, with the CLI's one line
    from studio.gui.app import run as run_studio  # Qt is imported only now

    return run_studio(args.design, review=args.review, screenshot=args.screenshot)
