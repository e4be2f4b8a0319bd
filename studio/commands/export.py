"""``mesh-studio export DESIGN -o DIR [--asyncapi V] [--openapi V] [--json]``: write the specs.

Writes one AsyncAPI document per application that publishes or subscribes and one OpenAPI
document per application that provides endpoints or webhooks, plus ``index.yaml`` with the
export report. Exit 0 when every document was written (the report may still hold warnings),
1 when some document failed validation and was not written, 2 for unusable input (a design
or registry that does not load, an unknown version: argparse refuses it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studio.commands.common import EXIT_FOUND, EXIT_OK, Subcommands
from studio.commands.options import add_design, add_output
from studio.export.asyncapi import ASYNCAPI_VERSIONS
from studio.export.exporter import export_design, load_for_export
from studio.export.on_cores import export_on_cores, on_cores
from studio.export.openapi import OPENAPI_VERSIONS
from studio.export.output import index_name, write_export


def register(commands: Subcommands) -> None:
    export = commands.add_parser(
        "export",
        help="write AsyncAPI and OpenAPI documents for every application",
        description="Write one AsyncAPI document per application that publishes or subscribes "
        "(DIR/asyncapi/<id>.yaml) and one OpenAPI document per application that "
        "provides endpoints or webhooks (DIR/openapi/<id>.yaml), plus "
        "DIR/index.yaml (index.json with --json) listing them with the export "
        "report. Every document is validated first, against its official schema "
        "and the rules the official AsyncAPI parser and OpenAPI validators add; "
        "one that fails is not written and the exit code is 1.",
    )
    add_design(export)
    add_output(export, "DIR", "folder to write the documents to", required=True)
    export.add_argument(
        "--asyncapi",
        choices=ASYNCAPI_VERSIONS,
        default=ASYNCAPI_VERSIONS[0],
        help=f"AsyncAPI version (default {ASYNCAPI_VERSIONS[0]}; 2.6.0 for tools "
        "that predate AsyncAPI 3)",
    )
    export.add_argument(
        "--openapi",
        choices=OPENAPI_VERSIONS,
        default=OPENAPI_VERSIONS[0],
        help=f"OpenAPI version (default {OPENAPI_VERSIONS[0]}; 3.0.3 for tools "
        "that predate OpenAPI 3.1, such as API gateways)",
    )
    export.add_argument("--json", action="store_true", help="write JSON instead of YAML")
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    design, registry, missing = load_for_export(args.design)
    options = {"asyncapi": args.asyncapi, "openapi": args.openapi, "missing_registry": missing}
    if on_cores(design):
        result = export_on_cores(design, registry, **options, as_json=args.json)
    else:
        result = export_design(design, registry, **options)
    summary = write_export(result, design, args.output, as_json=args.json)
    files = {doc.name: doc.file_name(args.json) for doc in result.documents}
    for note in result.notes:
        where = f"{files.get(note.document, note.document)}: " if note.document else ""
        print(f"{note.level}: {where}{note.message}")
    for doc in result.failed:
        for problem in doc.problems:
            print(f"error: {files[doc.name]}: {problem}", file=sys.stderr)
    counts = {
        kind: sum(1 for d in result.documents if d.kind == kind and not d.problems)
        for kind in ("asyncapi", "openapi")
    }
    warnings = sum(1 for n in result.notes if n.level == "warning")
    index = index_name(args.json)
    changed = len([n for n in summary.written if n != index])
    print(
        f"exported {counts['asyncapi']} AsyncAPI {result.asyncapi_version} and "
        f"{counts['openapi']} OpenAPI {result.openapi_version} documents to "
        f"{Path(args.output)} ({changed} changed, {len(summary.removed)} removed, "
        f"{warnings} warnings); see {Path(args.output) / index}"
    )
    if result.failed:
        print(
            f"mesh-studio: {len(result.failed)} documents failed validation and were not written",
            file=sys.stderr,
        )
        return EXIT_FOUND
    return EXIT_OK
