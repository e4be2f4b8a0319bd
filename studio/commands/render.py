"""``mesh-studio render DESIGN -o OUT.(svg|png|dot)``: a diagram of the mesh.

The format follows the extension. SVG needs nothing installed; PNG needs Graphviz's ``dot``.
The diagram uses the design's ``layout:`` positions and auto-lays out elements without one.
``--view ID`` draws one of the design's ``views:``: its members and the links among them.
"""

from __future__ import annotations

import argparse

from studio.commands.common import EXIT_OK, Subcommands, write_output
from studio.commands.options import add_design, add_output
from studio.errors import LoadError
from studio.io.design_file import load_design
from studio.model import Design, View


def register(commands: Subcommands) -> None:
    command = commands.add_parser(
        "render",
        help="draw the mesh as an SVG, PNG or DOT file",
        description="Draw the mesh as on the canvas: SVG (no dependencies), DOT (Graphviz "
        "source) or PNG (needs Graphviz). Elements without a position in layout: "
        "are placed by the auto-layout. With --view ID only the elements of that view "
        "(views: in the design file) and the links among them are drawn, at the view's own "
        "positions if it has them.",
    )
    add_design(command)
    add_output(command, "OUT", "the diagram file: OUT.svg, OUT.png or OUT.dot", required=True)
    command.add_argument(
        "--view",
        metavar="ID",
        help="draw only this view (an id under views:); an unknown id is refused, naming the views",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from studio.layout.render import format_of, render  # networkx and graphviz: only when used

    fmt = format_of(args.output)  # refuse an unknown extension before any work
    design = load_design(args.design).design
    view = None if args.view is None else view_named(design, args.view, args.design)
    diagrams = []
    write_output(args.output, lambda path: diagrams.append(render(design, path, view=view)))
    shapes = len(diagrams[0].shapes)
    print(f"wrote {args.output} ({fmt.upper()}, {shapes} shapes, {len(diagrams[0].edges)} links)")
    return EXIT_OK


def view_named(design: Design, view_id: str, path: str) -> View:
    """The view ``view_id`` of ``design``; a LoadError naming the views there are if none."""
    view = next((v for v in design.views if v.id == view_id), None)
    if view is None:
        there = ", ".join(v.id for v in design.views)
        raise LoadError(
            path,
            f"has no view '{view_id}'; its views are: {there}"
            if there
            else f"has no view '{view_id}'; it defines no views (views: in the file)",
        )
    return view
