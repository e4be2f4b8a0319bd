"""``mesh-studio impact DESIGN (--subject S | --element ID) [--format text|json]``."""

from __future__ import annotations

import argparse
import json

from studio.commands.common import EXIT_OK, Subcommands
from studio.errors import MeshStudioError
from studio.export.exporter import load_for_export
from studio.graph import impact_of_element, impact_of_subject


def register(commands: Subcommands) -> None:
    impact = commands.add_parser(
        "impact", help="what a change to a subject or an element would touch, transitively",
        description="List the messages, topics, endpoints and applications a change reaches: "
                    "through the subjects of the registry file that reference a subject, the "
                    "topics that carry a message, webhook deliveries of evented APIs, and "
                    "synchronous calls.")
    impact.add_argument("design", metavar="DESIGN", help="a *.mesh.yaml design file")
    what = impact.add_mutually_exclusive_group(required=True)
    what.add_argument("--subject", metavar="S", help="a registry subject used by messages")
    what.add_argument("--element", metavar="ID", help="an element id")
    impact.add_argument("--format", choices=("text", "json"), default="text")
    impact.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    design, registry, _ = load_for_export(args.design)  # the registry, when there is one
    if args.subject:
        result = impact_of_subject(design, args.subject, registry)
        if not result.affected.get("messages"):
            raise MeshStudioError(f"{args.design}:1:1: no message of this design uses subject "
                                  f"'{args.subject}', directly or through the subjects that "
                                  "reference it")
    else:
        if not any(e.id == args.element for e in design.elements()):
            raise MeshStudioError(f"{args.design}:1:1: no element has the id '{args.element}'")
        result = impact_of_element(design, args.element)
    if args.format == "json":
        print(json.dumps(result.as_dict(), indent=2))
        return EXIT_OK
    print(f"A change to {result.origin} reaches {result.count} element(s):")
    for group, ids in result.affected.items():
        print(f"  {group}:")
        for element_id in ids:
            route = " → ".join(result.paths[element_id][1:-1]) or "direct"
            print(f"    {element_id.removeprefix('subject:')}  (via {route})")
    return EXIT_OK
