"""``mesh-studio generate --apps N [--seed S] -o FILE``: a synthetic mesh and its registry."""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.commands.common import EXIT_OK, Subcommands, positive_int, write_output
from studio.commands.options import add_output
from studio.io.design_file import save_design
from studio.model.summary import summarize


def register(commands: Subcommands) -> None:
    generate = commands.add_parser(
        "generate",
        help="write a realistic synthetic mesh and its registry (demos, benchmarks)",
        description="Write a synthetic mesh of about 5 elements per application, with its "
        "registry file beside it (NAME.registry.yaml). The same seed always gives "
        "the same files.",
    )
    generate.add_argument(
        "--apps", type=positive_int, required=True, metavar="N", help="number of applications"
    )
    generate.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    add_output(generate, "FILE", "design file to write, e.g. big.mesh.yaml", required=True)
    generate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from studio.generate import generate_mesh
    from studio.registry.file import save_registry

    out = Path(args.output)
    stem = out.name.removesuffix(".yaml").removesuffix(".mesh")
    registry_path = out.with_name(f"{stem}.registry.yaml")
    design, registry = generate_mesh(args.apps, args.seed, registry_path.name)
    write_output(registry_path, lambda path: save_registry(registry, path))
    write_output(out, lambda path: save_design(design, path))
    print(
        f"wrote {out} ({summarize(design).applications} applications, "
        f"{len(design.topics)} topics) and {registry_path} ({len(registry.subjects)} subjects)"
    )
    return EXIT_OK
