"""Benchmarks of Mesh Studio at growing mesh sizes; prints a table of medians.

Each size runs in its own process (so peak memory is that size's own), on a mesh made by
``generate`` with a fixed seed. Every measurement is repeated and the median is shown, with
the growth factor against the previous size (4x the elements should cost at most 5x).

    python benchmarks/run.py                    # 1,000, 5,000 and 20,000 elements
    python benchmarks/run.py --sizes 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APPS_PER_ELEMENTS = 0.22  # generate makes about 4.5 elements per application


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(elements: int, repeat: int) -> dict[str, float]:
    """All measurements for one size, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studio.cli import main as cli
    from studio.io.design_file import load_design
    from studio.model import Document

    def cli_quiet(args: list[str]) -> int:
        with open(os.devnull, "w") as quiet:
            stdout, stderr, sys.stdout, sys.stderr = sys.stdout, sys.stderr, quiet, quiet
            try:
                return cli(args)
            finally:
                sys.stdout, sys.stderr = stdout, stderr

    folder = Path(tempfile.mkdtemp(prefix="mesh-bench-"))
    design_path = folder / "bench.mesh.yaml"
    apps = max(1, round(elements * APPS_PER_ELEMENTS))
    cli_quiet(["generate", "--apps", str(apps), "--seed", "1", "-o", str(design_path)])
    loaded = load_design(design_path)
    results: dict[str, float] = {"elements": float(sum(1 for _ in loaded.design.elements()))}
    results["load ms"] = _median_ms(lambda: load_design(design_path), repeat)
    results["validate ms"] = _median_ms(lambda: cli_quiet(["validate", str(design_path)]),
                                        repeat)
    # a fresh folder each run: re-exporting into the same one skips unchanged files
    results["export ms"] = _median_ms(
        lambda: cli_quiet(["export", str(design_path), "-o", tempfile.mkdtemp(dir=folder)]),
        repeat)

    from PySide6.QtWidgets import QApplication

    from studio.gui.canvas.scene import MeshScene
    from studio.gui.canvas.view import CanvasView

    app = QApplication.instance() or QApplication([])
    doc = Document(loaded.design, design_path)
    scene_holder: list[MeshScene] = []

    def build_scene() -> None:
        for old in scene_holder:
            old.detach()
        scene_holder[:] = [MeshScene(doc, lambda command: None)]

    results["scene ms"] = _median_ms(build_scene, repeat)
    results["open ms"] = results["load ms"] + results["scene ms"]
    view = CanvasView(scene_holder[0])
    view.resize(1600, 1000)
    view.show()
    app.processEvents()
    view.fit_all()
    app.processEvents()
    results["repaint fit ms"] = _median_ms(view.viewport().repaint, repeat * 3)
    view.set_zoom(1.0)
    view.centerOn(scene_holder[0].itemsBoundingRect().center())
    app.processEvents()
    results["repaint 100% ms"] = _median_ms(view.viewport().repaint, repeat * 3)

    def pan_step() -> None:  # what a drag-to-pan costs per mouse move: scroll + exposed strip
        view.pan_by(40, 25)
        app.processEvents()

    results["pan step ms"] = _median_ms(pan_step, repeat * 5)
    results["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000",
                        help="element counts, comma-separated (1000,5000,20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--repeat",
                              str(args.repeat)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print_table(rows)
    return 0


def print_table(rows: list[dict[str, float]]) -> None:
    columns = [c for c in rows[0] if c != "elements"]
    print(f"{'measure':<18}" + "".join(f"{int(r['elements']):>12,}" for r in rows)
          + ("   growth" if len(rows) > 1 else ""))
    for column in columns:
        values = [r[column] for r in rows]
        growth = "  ".join(f"x{b / a:.1f}" for a, b in itertools.pairwise(values) if a)
        print(f"{column:<18}" + "".join(f"{v:>12.1f}" for v in values) + f"   {growth}")
    print("(medians; elements = brokers + applications + topics + messages + endpoints)")


if __name__ == "__main__":
    sys.exit(main())
