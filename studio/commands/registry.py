"""``mesh-studio registry check|compat|import``: the schema registry file from the shell.

* ``registry check REGISTRY [--format text|json]`` - every schema parses, references resolve,
  every history obeys its level. Exit 0 clean, 1 findings, 2 unusable file.
* ``registry compat REGISTRY SUBJECT (--schema FILE [--type T] | --versions A B)
  [--level L]`` - would the registry accept a candidate (or is version B compatible with A)?
  Exit 0 compatible, 1 not, 2 unusable input.
* ``registry import DUMP -o REGISTRY`` - a Confluent REST dump to a registry file. Exit 0/2.

Unusable input (a registry that does not load, a candidate or a stored version that does not
parse, a missing subject) is a LoadError, so ``mesh-studio`` prints one located line.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from studio.commands.common import EXIT_FOUND, EXIT_OK, Subcommands, write_output
from studio.commands.options import add_format, add_output
from studio.errors import LoadError, MeshStudioError
from studio.io.yaml_source import SourceMap, read_text
from studio.registry.check import check_registry, finding_dict, format_finding
from studio.registry.compatibility import Incompatibility, check_candidate, check_versions
from studio.registry.file import load_registry, save_registry
from studio.registry.importer import load_dump
from studio.registry.model import LEVELS, SCHEMA_TYPES, Registry, SchemaReference
from studio.registry.schema_types import SchemaError

_EXTENSIONS = {".avsc": "AVRO", ".avro": "AVRO", ".json": "JSON", ".proto": "PROTOBUF"}
_LINE = re.compile(r"line (\d+), column (\d+)")


def register(commands: Subcommands) -> None:
    registry = commands.add_parser(
        "registry",
        help="check a schema registry file, a candidate schema, or import a dump",
        description="Work with a local schema registry file: a YAML mirror of a "
        "Confluent-compatible schema registry, with the subjects, their "
        "compatibility levels and their numbered Avro, JSON Schema or Protobuf "
        "versions. 'registry import' makes one from a dump of a registry's "
        "REST API.",
    )
    actions = registry.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = _action(actions, "check", run_check)
    check.add_argument("registry", metavar="REGISTRY", help="a registry file")
    add_format(check, ("text", "json"))

    compat = _action(actions, "compat", run_compat)
    compat.add_argument("registry", metavar="REGISTRY", help="a registry file")
    compat.add_argument("subject", metavar="SUBJECT", help="the subject to check against")
    source = compat.add_mutually_exclusive_group(required=True)
    source.add_argument("--schema", metavar="FILE", help="the candidate schema file")
    source.add_argument(
        "--versions",
        nargs=2,
        metavar=("A", "B"),
        help="check version B against version A (numbers or 'latest')",
    )
    compat.add_argument(
        "--type",
        choices=SCHEMA_TYPES,
        help="the candidate's schema type (default: the subject's, else by "
        "file extension .avsc/.json/.proto, else AVRO)",
    )
    compat.add_argument(
        "--reference",
        action="append",
        default=[],
        metavar="NAME=SUBJECT:VERSION",
        help="a reference of the candidate (repeatable), e.g. "
        "money.proto=acme/common/money.proto:1",
    )
    compat.add_argument(
        "--level",
        choices=LEVELS,
        help="the level to check (default: the subject's effective level)",
    )
    add_format(compat, ("text", "json"))

    dump = _action(actions, "import", run_import)
    dump.add_argument("dump", metavar="DUMP", help="the JSON dump")
    add_output(dump, "REGISTRY", "the registry file to write", required=True)


def _action(
    actions: Subcommands, name: str, run: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """A registry action that runs ``run``, which says what it does in its docstring: the
    first line in the list of actions, the rest in the action's --help."""
    summary, _, details = (inspect.getdoc(run) or "").partition("\n\n")
    help_text = summary[:1].lower() + summary[1:].removesuffix(".")
    parser = actions.add_parser(name, help=help_text, description=details)
    parser.set_defaults(run=run)
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Every schema parses, references resolve, histories obey their levels.

    Check a registry file: MS103 for a schema that does not parse (or a reference that does
    not resolve), MS104 for a version that breaks its subject's compatibility level. Exit 0
    clean, 1 findings, 2 unusable."""
    registry, source = load_registry(args.registry)
    findings = check_registry(registry, source)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "findings": [finding_dict(f) for f in findings],
                    "summary": {"error": len(findings), "warning": 0, "info": 0},
                },
                indent=2,
            )
        )
    else:
        for finding in findings:
            print(format_finding(finding))
        versions = sum(len(s.versions) for s in registry.subjects.values())
        outcome = (
            f"{len(findings)} error{'s' * (len(findings) != 1)}" if findings else "no problems"
        )
        print(
            f"{args.registry}: {outcome} in {len(registry.subjects)} subjects, {versions} versions"
        )
    return EXIT_FOUND if findings else EXIT_OK


def run_compat(args: argparse.Namespace) -> int:
    """Is a candidate schema (or version B) compatible with a subject?

    Check a candidate schema against a subject as the registry would when registering it,
    or version B against version A. Every breaking change gets a line. Exit 0 compatible, 1
    not, 2 unusable input."""
    registry, source = load_registry(args.registry)
    level = args.level or registry.level_of(args.subject)
    try:
        if args.schema:
            checked = "the candidate"
            found, against = _candidate(args, registry)
        else:
            if args.type or args.reference:
                raise MeshStudioError("--type and --reference apply to --schema only")
            old, new = (_version_number(v) for v in args.versions)
            found = check_versions(registry, args.subject, old, new, level)
            # "latest" is shown as the number it stands for (both exist: checked above)
            numbers = [getattr(registry.lookup(args.subject, v), "version", v) for v in (old, new)]
            against, checked = f"v{numbers[0]}", f"v{numbers[1]}"
    except SchemaError as error:
        raise _located(error, args, registry, source) from None
    _report(args, level, checked, against, found)
    return EXIT_FOUND if found else EXIT_OK


def _candidate(args: argparse.Namespace, registry: Registry) -> tuple[list[Incompatibility], str]:
    text = read_text(args.schema)
    subject = registry.subjects.get(args.subject)
    latest = subject.get("latest") if subject else None
    schema_type = (
        args.type
        or (latest.schema_type if latest else None)
        or _EXTENSIONS.get(Path(args.schema).suffix.lower(), "AVRO")
    )
    references = [_reference(r) for r in args.reference]
    found = check_candidate(registry, args.subject, text, schema_type, args.level, references)
    live = [f"v{v.version}" for v in subject.live_versions()] if subject else []
    return found, ", ".join(live) or "nothing (a new subject)"


def _reference(text: str) -> SchemaReference:
    name, _, target = text.partition("=")
    subject, _, version = target.rpartition(":")
    if not name or not subject or not version.isdigit() or int(version) < 1:
        raise MeshStudioError(
            f"--reference '{text}' is not NAME=SUBJECT:VERSION, e.g. "
            "money.proto=acme/common/money.proto:1"
        )
    return SchemaReference(name, subject, int(version))


def _version_number(text: str) -> int | Literal["latest"]:
    if text == "latest":
        return "latest"
    if not text.isdigit():
        raise MeshStudioError(f"version '{text}' is not a number or 'latest'")
    return int(text)


def _located(
    error: SchemaError, args: argparse.Namespace, registry: Registry, source: SourceMap
) -> LoadError:
    """Where the unusable schema is: the candidate file, or the stored version's line."""
    match = _LINE.fullmatch(error.where or "")
    detail = f" ({error.where})" if error.where and not match else ""
    if error.candidate and error.reference is None:
        line, column = (int(match[1]), int(match[2])) if match else (1, 1)
        return LoadError(args.schema, error.message + detail, line, column)
    path: tuple[str | int, ...] = ("subjects", error.subject)
    subject = registry.subjects.get(error.subject)
    if subject is not None:
        for index, entry in enumerate(subject.versions):
            if entry.version == error.version:
                path = (*path, "versions", index)
    mark = source.mark(path) if subject is not None else source.mark(("subjects",))
    return LoadError(args.registry, str(error), mark.line, mark.column)


def _report(
    args: argparse.Namespace, level: str, candidate: str, against: str, found: list[Incompatibility]
) -> None:
    if args.format == "json":
        print(
            json.dumps(
                {
                    "subject": args.subject,
                    "level": level,
                    "compatible": not found,
                    "checked": candidate,
                    "against": against,
                    "incompatibilities": [i.as_dict() for i in found],
                },
                indent=2,
            )
        )
        return
    for item in found:
        print(
            f"{args.subject} v{item.old_version} -> {candidate} [{item.direction}] "
            f"{item.path or '(schema)'}: {item.rule}: {item.message}"
        )
    verdict = "not compatible" if found else "compatible"
    print(f"{args.subject}: {candidate} is {verdict} under {level} (checked against {against})")


def run_import(args: argparse.Namespace) -> int:
    """Convert a Confluent REST dump into a registry file.

    Convert a JSON list of Confluent REST version objects (the bodies of
    GET /subjects/{subject}/versions/{version}) into a registry file."""
    registry = load_dump(args.dump)
    write_output(args.output, lambda path: save_registry(registry, path))
    versions = sum(len(s.versions) for s in registry.subjects.values())
    print(
        f"wrote {args.output}: {len(registry.subjects)} subjects, {versions} versions "
        f"(run 'mesh-studio registry check {args.output}' to check the schemas)"
    )
    return EXIT_OK
