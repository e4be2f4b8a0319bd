"""``mesh-studio impact DESIGN (--subject S [--version N] | --element ID) [--format text|json]``.

For a subject, the report also tries its newest version (or ``--version N``) on every
subject that references it at another version (``studio.registry.referrers``).
"""

from __future__ import annotations

import argparse
import json

from studio.commands.common import EXIT_OK, Subcommands
from studio.commands.options import add_design, add_format
from studio.errors import MeshStudioError
from studio.export.exporter import load_for_export
from studio.graph import impact_of_element, impact_of_subject
from studio.registry import Registry
from studio.registry.referrers import MovedReferrer, moved_referrers


def register(commands: Subcommands) -> None:
    impact = commands.add_parser(
        "impact",
        help="what a change to a subject or an element would touch, transitively",
        description="List the messages, topics, endpoints and applications a change reaches: "
        "through the subjects of the registry file that reference a subject, the "
        "topics that carry a message, webhook deliveries of evented APIs, and "
        "synchronous calls. For a subject, its newest version (or --version N) "
        "is also tried on every subject that references it at another version, "
        "as if that subject moved to it, naming the ones that would break.",
    )
    add_design(impact)
    what = impact.add_mutually_exclusive_group(required=True)
    what.add_argument("--subject", metavar="S", help="a registry subject used by messages")
    what.add_argument("--element", metavar="ID", help="an element id")
    impact.add_argument(
        "--version",
        metavar="N",
        type=_positive,
        help="with --subject: the version to try on the subjects that "
        "reference it (default: its latest live version)",
    )
    add_format(impact, ("text", "json"), help_text=None)
    impact.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    design, registry, _ = load_for_export(args.design)  # the registry, when there is one
    if args.version is not None and not args.subject:
        raise MeshStudioError("--version applies to --subject only")
    moved = _moved(registry, args.subject, args.version, args.design) if args.subject else None
    if args.subject:
        result = impact_of_subject(design, args.subject, registry)
        if not result.affected.get("messages"):
            raise MeshStudioError(
                f"{args.design}:1:1: no message of this design uses subject "
                f"'{args.subject}', directly or through the subjects that "
                "reference it"
            )
    else:
        if not any(e.id == args.element for e in design.elements()):
            raise MeshStudioError(f"{args.design}:1:1: no element has the id '{args.element}'")
        result = impact_of_element(design, args.element)
    if args.format == "json":
        data = result.as_dict()
        if moved is not None:
            version, referrers = moved
            data["movedReferrers"] = {
                "version": version,
                "subjects": [
                    {
                        "subject": r.subject,
                        "version": r.version,
                        "pins": r.pinned,
                        "level": r.level,
                        "breaks": r.breaks,
                        "problems": list(r.problems),
                    }
                    for r in referrers
                ],
            }
        print(json.dumps(data, indent=2))
        return EXIT_OK
    print(f"A change to {result.origin} reaches {result.count} element(s):")
    for group, ids in result.affected.items():
        print(f"  {group}:")
        for element_id in ids:
            route = " → ".join(result.paths[element_id][1:-1]) or "direct"
            print(f"    {element_id.removeprefix('subject:')}  (via {route})")
    if moved is not None:
        _print_moved(args.subject, *moved)
    return EXIT_OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a version number (1, 2, ...)")
    return int(text)


def _moved(
    registry: Registry | None, subject: str, version: int | None, design: str
) -> tuple[int, list[MovedReferrer]] | None:
    """The version tried and the verdicts, or None without a registry or a subject in it."""
    entry = registry.subjects.get(subject) if registry else None
    if registry is None or entry is None:
        if version is not None:
            raise MeshStudioError(
                f"{design}:1:1: --version needs subject '{subject}' in the design's registry file"
            )
        return None
    target = entry.get("latest") if version is None else entry.get(version)
    if target is None:
        raise MeshStudioError(
            f"{design}:1:1: subject '{subject}' has no version "
            f"{version if version is not None else '(all are deleted)'}"
        )
    return target.version, moved_referrers(registry, subject, target.version)


def _print_moved(subject: str, version: int, referrers: list[MovedReferrer]) -> None:
    if not referrers:
        print(f"No subject references {subject} at a version other than v{version}.")
        return
    broken = sum(r.breaks for r in referrers)
    print(
        f"If the {len(referrers)} subject(s) that reference {subject} moved to v{version}, "
        f"{broken} would break:"
    )
    for referrer in referrers:
        verdict = (
            f"would break; as a candidate referencing v{version} it"
            if referrer.breaks
            else f"compatible under {referrer.level}"
        )
        print(
            f"  {referrer.subject} v{referrer.version} (references v{referrer.pinned}): {verdict}"
        )
        for problem in referrer.problems:
            print(f"    {problem}")
