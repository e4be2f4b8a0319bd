"""``mesh-studio portal DESIGN -o DIR``: publish the static event portal of a design.

Writes ``DIR/index.html`` (diagram and searchable catalogue), one page per topic,
application, message, schema subject and broker, and the exported specs under
``DIR/specs/``. The folder opens from the file system, so CI can publish it as it is. Exit 0
when the portal was written (a missing registry file only leaves payload schemas out, and a
spec that fails validation is left out with a warning); 2 for unusable input: a design or
registry that does not load, or a folder that cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.commands.common import EXIT_OK, Subcommands
from studio.commands.options import add_design, add_output
from studio.io.design_file import load_design


def register(commands: Subcommands) -> None:
    command = commands.add_parser(
        "portal",
        help="publish a static HTML event portal of the mesh",
        description="Publish a static event portal into DIR: index.html with the mesh "
        "diagram and a searchable, filterable catalogue; a page per topic "
        "(address, broker, bindings, messages, payload schemas with versions and "
        "compatibility, examples, producers and consumers), per application "
        "(what it publishes, consumes and provides, with its AsyncAPI/OpenAPI "
        "documents to download), per message, schema subject and broker. It opens "
        "from the file system: no server, nothing fetched from the network. Only "
        "files inside DIR are written; pages of elements removed since the last "
        "publication into DIR are deleted.",
        epilog="Example: mesh-studio portal shop.mesh.yaml -o build/portal, then open "
        "build/portal/index.html in a browser.",
    )
    add_design(command)
    add_output(
        command, "DIR", "folder to publish the portal into (created if needed)", required=True
    )
    command.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing but warnings and errors"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from studio.portal import publish_portal  # jinja2 and the exporter: only when used

    design = load_design(args.design).design
    result = publish_portal(design, args.output, design_path=args.design)
    for note in result.notes:
        print(f"warning: {note}")
    if not args.quiet:
        print(
            f"published {result.pages_written} pages and {len(result.specs)} specs to "
            f"{Path(args.output)} ({len(result.written)} files changed, "
            f"{len(result.removed)} removed); open {result.index}"
        )
    return EXIT_OK
