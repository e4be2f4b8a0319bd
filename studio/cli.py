"""The ``mesh-studio`` command: the headless core for CI, and the way into the studio.

Exit codes follow PRODUCT.md: 0 success, 1 the check found something (``fmt --check``), 2
unusable input. Unusable input prints one line, ``mesh-studio: FILE:LINE:COL: sentence``, and
never a traceback unless ``--debug`` is given. Qt is imported only by the ``gui`` command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from studio import __version__
from studio.errors import LoadError, MeshStudioError
from studio.io.design_file import dump_design, load_design, parse_design, save_design
from studio.io.yaml_source import read_text
from studio.model.summary import summarize

PROG = "mesh-studio"
EXIT_OK, EXIT_FOUND, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Design service and event meshes; export AsyncAPI/OpenAPI; check schemas.",
        epilog="Exit codes: 0 success, 1 the check found problems, 2 unusable input. "
               "Run 'mesh-studio COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show a traceback for errors instead of the one-line message")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser(
        "gui", help="open the studio (also: mesh-studio [DESIGN])",
        description="Open the studio window on a design. Without a display, the window is "
                    "rendered offscreen to a PNG whose name is printed.")
    gui.add_argument("design", metavar="DESIGN", nargs="?", help="a *.mesh.yaml design file")
    gui.add_argument("--review", action="store_true",
                     help="open read-only for review (no edit actions)")
    gui.add_argument("--screenshot", metavar="PNG",
                     help="render the window with the design to PNG and quit")
    gui.set_defaults(run=run_gui)

    info = commands.add_parser("info", help="count the applications, topics, messages, "
                                            "endpoints and links of a design")
    info.add_argument("design", metavar="DESIGN", help="a *.mesh.yaml design file")
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    info.set_defaults(run=run_info)

    fmt = commands.add_parser("fmt", help="rewrite a design file in canonical form",
                              description="Rewrite a design file in canonical form (key order, "
                                          "2-space indent, no aliases). YAML comments are not "
                                          "kept. Exit 1 with --check when the file would change.")
    fmt.add_argument("design", metavar="DESIGN", nargs="+", help="design files")
    fmt.add_argument("--check", action="store_true",
                     help="only report files that are not canonical (exit 1), change nothing")
    fmt.set_defaults(run=run_fmt)

    generate = commands.add_parser(
        "generate", help="write a realistic synthetic mesh and its registry (demos, benchmarks)",
        description="Write a synthetic mesh of about 5 elements per application, with its "
                    "registry file beside it (NAME.registry.yaml). The same seed always gives "
                    "the same files.")
    generate.add_argument("--apps", type=_positive, required=True, metavar="N",
                          help="number of applications")
    generate.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    generate.add_argument("-o", "--output", required=True, metavar="FILE",
                          help="design file to write, e.g. big.mesh.yaml")
    generate.set_defaults(run=run_generate)
    parser.set_defaults(command_names=frozenset(commands.choices))
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_gui(args: argparse.Namespace) -> int:
    if args.design:
        load_design(args.design)  # unusable files fail here, with the CLI's one line
    from studio.gui.app import run  # Qt is imported only now

    return run(args.design, review=args.review, screenshot=args.screenshot)


def run_info(args: argparse.Namespace) -> int:
    design = load_design(args.design).design
    summary = summarize(design)
    if args.json:
        print(json.dumps({"title": design.info.title, "version": design.info.version,
                          **asdict(summary), "linkTotal": summary.link_total}, indent=2))
        return EXIT_OK
    title = design.info.title or Path(args.design).name
    print(f"{title} {design.info.version or ''}".rstrip())
    kinds = ", ".join(f"{k} {n}" for k, n in summary.kinds.items() if n)
    rows = [
        ("applications", summary.applications, kinds),
        ("evented APIs", summary.evented_apis, ""),
        ("brokers", summary.brokers, ""),
        ("topics", summary.topics, ""),
        ("messages", summary.messages, ""),
        ("endpoints", summary.endpoints, ""),
        ("links", summary.link_total,
         ", ".join(f"{k} {n}" for k, n in summary.links.items() if n)),
        ("notes", summary.notes, ""),
    ]
    for label, count, detail in rows:
        print(f"  {label:<13}{count:>6}" + (f"  ({detail})" if detail else ""))
    if design.registry:
        print(f"  {'registry':<13}{design.registry:>6}")
    return EXIT_OK


def run_fmt(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.design:
        text = read_text(name)
        canonical = dump_design(parse_design(text, name).design)
        if canonical == text:
            continue
        if args.check:
            print(f"{name}: not in canonical form (run 'mesh-studio fmt {name}')")
            status = EXIT_FOUND
        else:
            _write(name, lambda path, c=canonical: _write_text(path, c))
            print(f"{name}: reformatted")
    return status


def run_generate(args: argparse.Namespace) -> int:
    from studio.generate import generate_mesh
    from studio.registry.file import registry_from_data, save_registry

    out = Path(args.output)
    stem = out.name.removesuffix(".yaml").removesuffix(".mesh")
    registry_path = out.with_name(f"{stem}.registry.yaml")
    design_data, registry_data = generate_mesh(args.apps, args.seed, registry_path.name)
    # Going through the real loader proves the generated data is a valid design file.
    design = parse_design(json.dumps(design_data), out).design
    registry = registry_from_data(registry_data)
    _write(registry_path, lambda path: save_registry(registry, path))
    _write(out, lambda path: save_design(design, path))
    print(f"wrote {out} ({summarize(design).applications} applications, "
          f"{len(design.topics)} topics) and {registry_path} ({len(registry.subjects)} subjects)")
    return EXIT_OK


def _write_text(path: Path | str, text: str) -> None:
    from studio.io.atomic import write_atomic

    write_atomic(path, text)


def _write(path: Path | str, writer: Callable[[Path], None]) -> None:
    """Create the folder if needed and run ``writer``; OS errors become one-line messages."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(target)
    except OSError as exc:
        raise LoadError(target, f"cannot be written ({exc.strerror or exc})") from None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if _opens_studio(args_list, parser):
        args_list.insert(_first_positional(args_list), "gui")
    args = parser.parse_args(args_list)
    try:
        return int(args.run(args))
    except MeshStudioError as exc:
        if args.debug:
            raise
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not the user's fault: say so in one line
        if args.debug:
            raise
        print(f"{PROG}: internal error ({type(exc).__name__}: {exc}); "
              "run with --debug for details and please report it", file=sys.stderr)
        return EXIT_INTERNAL


def _first_positional(args: list[str]) -> int:
    return next((i for i, a in enumerate(args) if not a.startswith("-")), len(args))


def _opens_studio(args: list[str], parser: argparse.ArgumentParser) -> bool:
    """``mesh-studio`` alone or ``mesh-studio DESIGN`` opens the studio."""
    if any(a in ("-h", "--help", "--version") for a in args):
        return False
    index = _first_positional(args)
    if index == len(args):
        return True
    return args[index] not in parser.get_default("command_names")

    """Entry point of the ``mesh-studio-gui`` script."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
