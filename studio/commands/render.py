"""``mesh-studio render DESIGN -o OUT.(svg|png|dot)``: a diagram of the mesh.

The format follows the extension. SVG needs nothing installed; PNG needs Graphviz's ``dot``.
The diagram uses the design's ``layout:`` positions and auto-lays out elements without one.
"""

from __future__ import annotations

import argparse

from studio.commands.common import EXIT_OK, Subcommands, write_output
from studio.io.design_file import load_design


def register(commands: Subcommands) -> None:
    command = commands.add_parser(
        "render",
        help="draw the mesh as an SVG, PNG or DOT file",
        description="Draw the mesh as on the canvas: SVG (no dependencies), DOT (Graphviz "
        "source) or PNG (needs Graphviz). Elements without a position in layout: "
        "are placed by the auto-layout.",
    )
    command.add_argument("design", metavar="DESIGN", help="a *.mesh.yaml design file")
    command.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the diagram file: OUT.svg, OUT.png or OUT.dot",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from studio.layout.render import format_of, render  # networkx and graphviz: only when used

    fmt = format_of(args.output)  # refuse an unknown extension before any work
    design = load_design(args.design).design
    diagrams = []
    write_output(args.output, lambda path: diagrams.append(render(design, path)))
    shapes = len(diagrams[0].shapes)
    print(f"wrote {args.output} ({fmt.upper()}, {shapes} shapes, {len(diagrams[0].edges)} links)")
    return EXIT_OK
