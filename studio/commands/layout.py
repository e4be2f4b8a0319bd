"""``mesh-studio layout DESIGN [--engine auto|dot|builtin] [-o OUT]``: arrange the canvas.

Writes auto-layout positions for the applications, topics, notes and brokers without topics
into the design's ``layout:`` (endpoints follow their provider), in place unless ``-o`` names
another file. The save is atomic; positions of other ids are kept as they are.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from studio.commands.common import EXIT_OK, Subcommands, write_output
from studio.commands.options import add_design, add_output
from studio.io.design_file import load_design, save_design
from studio.model import Position

# studio.layout.ENGINES, repeated so that building the CLI does not import networkx
ENGINES = ("auto", "dot", "builtin")


def register(commands: Subcommands) -> None:
    layout = commands.add_parser(
        "layout",
        help="lay the design out left to right and write the positions into layout:",
        description="Place producers, topics (grouped per broker), consumers and API providers "
        "left to right, without overlaps, and write the positions into the "
        "design's layout: section. 'dot' needs Graphviz; 'auto' uses it for meshes "
        "of up to a few hundred elements and the built-in engine otherwise.",
    )
    add_design(layout)
    layout.add_argument(
        "--engine", choices=ENGINES, default="auto", help="layout engine (default: auto)"
    )
    add_output(layout, "OUT", "write the laid-out design here instead of changing DESIGN")
    layout.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from studio.layout import auto_layout, dot_available

    design = load_design(args.design).design
    started = time.perf_counter()
    result = auto_layout(design, args.engine)
    seconds = time.perf_counter() - started
    layout = dict(design.layout)
    for element_id, position in result.positions.items():
        old = layout.get(element_id)  # keep the user's x-... keys on a position
        layout[element_id] = Position(position.x, position.y, dict(old.extensions) if old else {})
    target = Path(args.output or args.design)
    laid_out = dataclasses.replace(design, layout=layout)
    write_output(target, lambda path: save_design(laid_out, path))
    for remark in result.remarks:
        print(f"note: {remark}")
    if args.engine == "auto" and result.engine == "builtin" and dot_available():
        print("note: ask for --engine dot to wait for Graphviz")
    print(
        f"laid out {len(result.positions)} elements with the {result.engine} engine "
        f"in {seconds:.2f} s; wrote {target}"
    )
    return EXIT_OK
