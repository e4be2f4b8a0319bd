"""``mesh-studio import``: AsyncAPI and OpenAPI documents into a design and its registry."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from studio.commands.common import EXIT_OK, Subcommands
from studio.commands.options import add_output
from studio.errors import MeshStudioError
from studio.export.exporter import load_for_export
from studio.io.design_file import save_design
from studio.model import Design
from studio.registry.file import load_registry, save_registry


def register(commands: Subcommands) -> None:
    command = commands.add_parser(
        "import",
        help="bring AsyncAPI and OpenAPI documents into a design",
        description="Read AsyncAPI 2.0-3.1 and OpenAPI 3.0/3.1 documents (YAML or JSON) and "
        "merge them into one design: servers become brokers, channels topics, "
        "operations the publications and subscriptions of each document's "
        "application, paths endpoints, callbacks and webhooks an evented API. "
        "Payload schemas are registered in the registry file. Documents that "
        "describe the same broker and address share one topic. What cannot be "
        "mapped is listed, one line each with file, line and JSON pointer. Local "
        "and relative-file $refs are followed; remote ones are refused.",
    )
    command.add_argument(
        "specs",
        nargs="+",
        metavar="FILE",
        help="AsyncAPI or OpenAPI documents (*.yaml, *.yml, *.json)",
    )
    add_output(
        command,
        "DESIGN",
        "the design file to write (*.mesh.yaml); it must not exist unless it is the --into design",
        required=True,
    )
    command.add_argument(
        "--into",
        metavar="EXISTING",
        help="merge into this design (its registry too) instead of a new one",
    )
    command.add_argument(
        "--registry",
        metavar="REGISTRY",
        help="the registry file to add schemas to (default: the --into "
        "design's, else DESIGN's name with .registry.yaml)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    into = registry = None
    if args.into:
        into, registry, _ = load_for_export(args.into)
    elif output.exists():
        raise MeshStudioError(
            f"{output} exists; import into it with --into {output}, or name a new design file"
        )
    registry_path = _registry_path(args, output, into)
    if args.registry and Path(args.registry).exists():
        registry, _ = load_registry(args.registry)
    from studio.importer import import_specs  # every command loads this module at start-up

    result = import_specs(args.specs, into, registry)
    for note in result.notes:
        print(f"note: {note}")
    if result.workers_unavailable:
        print(
            f"mesh-studio: worker processes could not start ({result.workers_unavailable}); "
            "the documents were read one at a time",
            file=sys.stderr,
        )
    if into is not None and into.layout and result.added:
        _place_new(result.design, result.added)
    if result.registry.subjects:
        result.design.registry = Path(
            os.path.relpath(registry_path.resolve(), output.resolve().parent)
        ).as_posix()
    if result.registry_changed or (result.registry.subjects and not registry_path.exists()):
        save_registry(result.registry, registry_path)
    save_design(result.design, output)
    added = set(result.added)
    counts = {
        kind: sum(1 for e in getattr(result.design, kind) if e.id in added)
        for kind in ("brokers", "applications", "topics", "messages", "endpoints")
    }
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(
        f"imported {len(args.specs)} documents into {output}: added {summary}; "
        f"updated {len(result.updated)} elements; {len(result.notes)} notes"
    )
    return EXIT_OK


def _place_new(design: Design, added: list[str]) -> None:
    """Positions for the new elements of a laid-out design, below the drawing, so that the
    studio shows them where they cover nothing; what was placed stays (a design without
    positions is laid out whole when it is drawn)."""
    from studio.layout.completion import drawing_positions  # graphviz loads only when used

    positions = drawing_positions(design)
    design.layout.update({i: positions[i] for i in added if i in positions})


def _registry_path(args: argparse.Namespace, output: Path, into: Design | None) -> Path:
    if args.registry:
        return Path(args.registry)
    if args.into and into is not None and into.registry:
        return Path(args.into).parent / into.registry
    name = output.name.removesuffix(".yaml").removesuffix(".mesh")
    return output.parent / f"{name}.registry.yaml"
