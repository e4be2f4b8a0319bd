"""Benchmarks of Mesh Studio at growing mesh sizes; prints one table against PRODUCT.md's budgets.

For each size a mesh is made by ``mesh-studio generate`` (fixed seed; a fifth of the elements
are applications, so 5,000 elements is ``--apps 1000`` with its registry of about 1,000
subjects). Every measurement runs in a fresh process of its own, so the peak memory shown
for it is that work's own, and is repeated: the table shows medians, the 5,000-element
figure against its budget, and the growth from 5,000 to 20,000 elements (4x the elements
may cost at most 5x the time).

    python benchmarks/run.py                       # 1,000, 5,000 and 20,000 elements
    python benchmarks/run.py --quick               # 5,000 only, one run each, no PNG
    python benchmarks/run.py --sizes 5000 --repeat 5
    python benchmarks/run.py --sizes 5000 --phases export,import

The canvas figures come from the offscreen Qt platform (software rendering, as on a desktop
without GPU acceleration of QPainter) in a 1600x1000 view.
"""

from __future__ import annotations

import argparse
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from live_studio import phase_live, print_live_table  # noqa: E402  (beside this script)

ELEMENTS_PER_APP = 5  # generate makes about five elements per application
VIEW_SIZE = (1600, 1000)
PAN_STEPS = 30

# row: (label, unit, budget at 5,000 elements or None, is a time that should grow linearly)
ROWS: dict[str, tuple[str, str, float | None, bool]] = {
    "load": ("load (parse + check)", "ms", None, True),
    # the budgets are for the commands as users run them: a process of their own
    "validate": ("validate, in a warm process", "ms", None, True),
    "validate_process": ("validate, as a fresh CLI process", "ms", 3000, True),
    "export": ("export every document, warm process", "ms", None, True),
    "export_process": ("export, as a fresh CLI process", "ms", 3000, True),
    "import": ("import, as a fresh CLI process", "ms", None, True),
    "import_vs_export": ("  import / export", "x", 1.0, False),
    "layout": ("auto-layout (builtin)", "ms", None, True),
    "render_svg": ("render SVG", "ms", None, True),
    "render_png": ("render PNG (1 run)", "ms", None, True),
    "scene": ("scene build", "ms", None, True),
    "open": ("open: parse + scene + 1st frame", "ms", 1500, True),
    "open_window": ("open in the studio window", "ms", None, True),
    "startup": ("start-up to a usable window", "ms", 1000, False),
    "repaint_cold": ("1st repaint at a new zoom", "ms", None, True),
    "repaint_fit": ("repaint, whole mesh in view", "ms", 16, False),
    "repaint_100": ("repaint at 100 %", "ms", 16, False),
    "pan_median": ("pan step at 100 %, median", "ms", 16, False),
    "pan_worst": ("pan step at 100 %, worst", "ms", None, False),
    "repaint_direct": ("repaint at 100 % without tiles", "ms", None, False),
    "laid_pan_median": ("  after auto-layout: pan, median", "ms", 16, False),
    "laid_pan_worst": ("  after auto-layout: pan, worst", "ms", None, False),
    "laid_repaint_direct": ("  after auto-layout: no tiles", "ms", None, False),
    "peak_load": ("peak RSS: load", "MB", None, False),
    "peak_validate": ("peak RSS: validate", "MB", None, False),
    "peak_export": ("peak RSS: export", "MB", None, False),
    "peak_canvas": ("peak RSS: canvas (open, paint)", "MB", 400, False),
    "peak_window": ("peak RSS: studio window", "MB", 400, False),
}


# -- measuring, in a child process ---------------------------------------------------------


def _timed(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cli_quiet(args: list[str]) -> int:
    from studio.cli import main as cli

    with open(os.devnull, "w") as quiet:
        stdout, stderr, sys.stdout, sys.stderr = sys.stdout, sys.stderr, quiet, quiet
        try:
            return cli(args)
        finally:
            sys.stdout, sys.stderr = stdout, stderr


def phase_load(design: Path, repeat: int) -> dict[str, float]:
    from studio.io.design_file import load_design

    return {"load": _timed(lambda: load_design(design), repeat), "peak_load": _peak_mb()}


def phase_validate(design: Path, repeat: int) -> dict[str, float]:
    return {
        "validate": _timed(lambda: _cli_quiet(["validate", str(design)]), repeat),
        "peak_validate": _peak_mb(),
        "validate_process": _timed(lambda: _cli_process("validate", str(design)), repeat),
    }


def _cli_process(*args: str) -> None:
    """``mesh-studio ARGS`` as a process of its own: start-up, imports and caches as cold
    as a user's (or CI's) run meets them. Exit 1 (findings) is a finished run too."""
    done = subprocess.run([sys.executable, "-m", "studio", *args], capture_output=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode())


def phase_export(design: Path, repeat: int) -> dict[str, float]:
    # a fresh folder each run: re-exporting into the same one skips unchanged files
    def export() -> None:
        _cli_quiet(["export", str(design), "-o", tempfile.mkdtemp(dir=design.parent)])

    return {"export": _timed(export, repeat), "peak_export": _peak_mb()}


def phase_import(design: Path, repeat: int) -> dict[str, float]:
    # Import against export as users meet them: each a `mesh-studio` process of its own (an
    # import starts worker processes each time, so timing it in a warm process would not
    # compare). The documents are the mesh's export, imported with its registry: each
    # payload names its registered version, so nothing new is registered.
    exported = Path(tempfile.mkdtemp(dir=design.parent))
    _cli_quiet(["export", str(design), "-o", str(exported)])
    files = sorted(str(p) for p in exported.glob("*/*.yaml"))
    registry = design.with_name(design.name.replace(".mesh.yaml", ".registry.yaml"))

    def export() -> None:
        _cli_process("export", str(design), "-o", tempfile.mkdtemp(dir=design.parent))

    def run() -> None:
        output = Path(tempfile.mkdtemp(dir=design.parent)) / "imported.mesh.yaml"
        _cli_process("import", *files, "-o", str(output), "--registry", str(registry))

    times = {"export_process": _timed(export, repeat), "import": _timed(run, repeat)}
    times["import_vs_export"] = times["import"] / times["export_process"]
    return times


def measure_ref_chains(repeat: int) -> list[tuple[int, float]]:
    """``registry check`` of a JSON Schema subject whose two versions reach their type through
    a chain of ``$ref``s: the time must grow with the chain, not with its square."""
    from studio.registry import check_registry
    from studio.registry.file import registry_from_data

    rows = []
    for links in (1000, 2000, 4000):

        def version(number: int, leaf: str, links: int = links) -> dict[str, Any]:
            defs: dict[str, Any] = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}"} for i in range(links)}
            defs[f"d{links}"] = {"type": "object", "properties": {"a": {"type": leaf}}}
            return {
                "version": number,
                "id": number,
                "schemaType": "JSON",
                "schema": json.dumps({"$defs": defs, "$ref": "#/$defs/d0"}),
            }

        registry = registry_from_data(
            {
                "formatVersion": 1,
                "subjects": {"s-value": {"versions": [version(1, "string"), version(2, "string")]}},
            }
        )
        rows.append((links, _timed(lambda registry=registry: check_registry(registry), repeat)))
    return rows


def print_ref_chains(rows: list[tuple[int, float]]) -> None:
    print(
        f"\n{'registry check, $ref chain':<34}{'unit':>5}"
        + "".join(f"{links:>10,}" for links, _ in rows)
        + "  growth"
    )
    first, last = rows[0], rows[-1]
    growth = (last[1] / first[1]) / (last[0] / first[0])
    print(
        f"{'  links -> time':<34}{'ms':>5}"
        + "".join(f"{_cell(ms):>10}" for _, ms in rows)
        + f"  x{growth:.1f} of linear {'✓' if growth <= 1.5 else '✗'}"
    )


# YAML a hostile file may hold: refused before it costs anything (the tests check the refusal)
_HOSTILE_YAML = {
    "billion laughs (9 x 9 aliases)": "\n".join(
        ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    ),
    "alias bomb in a design": "\n".join(
        ["meshStudio: 1", 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"x-{i}: &b{i} [" + ",".join(["*a"] * 9) + "]" for i in range(12)]
    ),
    "50,000 nested brackets": "meshStudio: 1\nx-deep: " + "[" * 50_000 + "]" * 50_000 + "\n",
}


def measure_hostile_yaml(repeat: int) -> list[tuple[str, float]]:
    """Loading a design file that holds each hostile YAML shape, until its refusal."""
    from studio.errors import MeshStudioError
    from studio.io.design_file import parse_design

    def refuse(text: str) -> None:
        try:
            parse_design(text, "hostile.mesh.yaml")
        except MeshStudioError:
            return
        raise AssertionError("a hostile file was accepted")

    return [
        (name, _timed(lambda text=text: refuse(text), repeat))
        for name, text in _HOSTILE_YAML.items()
    ]


def print_hostile_yaml(rows: list[tuple[str, float]]) -> None:
    print(f"\n{'hostile YAML refused':<34}{'unit':>5}{'median':>10}")
    for name, ms in rows:
        print(f"{'  ' + name:<34}{'ms':>5}{ms:>10.2f}")


def phase_layout(design: Path, repeat: int) -> dict[str, float]:
    from studio.io.design_file import load_design
    from studio.layout import auto_layout, render

    loaded = load_design(design).design
    results = {
        "layout": _timed(lambda: auto_layout(loaded, "builtin"), repeat),
        "render_svg": _timed(lambda: render(loaded, design.with_suffix(".svg")), repeat),
    }
    return results


def phase_png(design: Path, repeat: int) -> dict[str, float]:
    from studio.io.design_file import load_design
    from studio.layout import dot_available, render

    if not dot_available():
        return {}
    loaded = load_design(design).design
    return {"render_png": _timed(lambda: render(loaded, design.with_suffix(".png")), 1)}


def phase_canvas(design: Path, repeat: int) -> dict[str, float]:
    """Open the design on a canvas (no other panels) and measure building and painting."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studio.gui.canvas.scene import MeshScene
    from studio.gui.canvas.view import CanvasView
    from studio.io.design_file import load_design
    from studio.model import Document

    app = QApplication.instance() or QApplication([])
    results: dict[str, float] = {}
    opens, builds = [], []
    view: CanvasView | None = None
    for _ in range(repeat):
        if view is not None:
            view.mesh_scene().detach()
            view.close()
            view.deleteLater()
            app.processEvents()
        start = time.perf_counter()
        doc = Document(load_design(design).design, design)
        built = time.perf_counter()
        scene = MeshScene(doc, lambda command: None)
        builds.append((time.perf_counter() - built) * 1000)
        view = CanvasView(scene)
        view.resize(*VIEW_SIZE)
        view.show()
        view.fit_all()
        view.viewport().repaint()  # the first frame the user sees
        opens.append((time.perf_counter() - start) * 1000)
    assert view is not None
    results["scene"], results["open"] = statistics.median(builds), statistics.median(opens)

    def settle() -> None:  # let the view draw its tiles ahead, as it does while idle
        drawing_ahead = getattr(view, "_prefetch", None)  # (older versions have no tiles)
        for _ in range(500):
            app.processEvents()
            if drawing_ahead is None or not drawing_ahead.isActive():
                break

    def repaint() -> None:
        view.viewport().repaint()

    colds = []
    for zoom in (None, 1.0):
        if zoom is None:
            view.fit_all()
        else:
            view.set_zoom(zoom)
            view.centerOn(view.mesh_scene().itemsBoundingRect().center())
        colds.append(_timed(repaint, 1))
        settle()
        results["repaint_fit" if zoom is None else "repaint_100"] = _timed(repaint, 3 * repeat)
    results["repaint_cold"] = max(colds)
    steps = []
    for _ in range(PAN_STEPS):  # a drag-to-pan: scroll, paint the exposed strip, idle work
        start = time.perf_counter()
        view.pan_by(40, 25)
        app.processEvents()
        steps.append((time.perf_counter() - start) * 1000)
    results["pan_median"], results["pan_worst"] = statistics.median(steps), max(steps)
    view.use_tiles = False
    results["repaint_direct"] = _timed(repaint, repeat)
    results["peak_canvas"] = _peak_mb()
    return results


def phase_laid_out(design: Path, repeat: int) -> dict[str, float]:
    """The canvas figures again, on the mesh as ``layout --engine builtin`` arranges it
    (the generated layout is columns of kinds, so its links cross the whole canvas)."""
    laid = design.with_name(design.name.replace(".mesh.yaml", "-laid.mesh.yaml"))
    if not laid.exists():
        _cli_quiet(["layout", str(design), "--engine", "builtin", "-o", str(laid)])
    results = phase_canvas(laid, repeat)
    return {f"laid_{key}": results[key] for key in ("pan_median", "pan_worst", "repaint_direct")}


def phase_window(design: Path, repeat: int) -> dict[str, float]:
    """The studio window: open the design with every panel, until validation is done."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from studio.gui.app import application
    from studio.gui.main_window import MainWindow

    app = application()
    settings = QSettings(str(design.parent / "bench-settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    if hasattr(window, "autosave"):
        window.autosave.enabled = False
    window.resize(1800, 1200)
    window.show()
    app.processEvents()
    start = time.perf_counter()
    window.open_file(design)
    app.processEvents()
    window.view.viewport().repaint()
    opened = (time.perf_counter() - start) * 1000
    window.problems.wait()  # background validation holds its findings in memory too
    for _ in range(50):
        app.processEvents()
    window.undo_stack.setClean()
    return {"open_window": opened, "peak_window": _peak_mb()}


def phase_startup_child() -> None:
    """Start the studio with no design and say when its window is on screen and idle."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from studio.gui.app import application
    from studio.gui.main_window import MainWindow

    app = application()
    window = MainWindow(
        settings=QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
    )
    if hasattr(window, "autosave"):
        window.autosave.enabled = False
    window.show()
    app.processEvents()
    window.repaint()
    print("ready", flush=True)


PHASES: dict[str, Callable[[Path, int], dict[str, float]]] = {
    "load": phase_load,
    "validate": phase_validate,
    "export": phase_export,
    "import": phase_import,
    "layout": phase_layout,
    "png": phase_png,
    "canvas": phase_canvas,
    "laid_out": phase_laid_out,
    "window": phase_window,
    "live": phase_live,
}


# -- running the children and printing the table -------------------------------------------


def run_phase(phase: str, design: Path, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--design",
            str(design),
            "--repeat",
            str(repeat),
        ],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        print(f"  {phase} failed:\n{out.stderr[-2000:]}", file=sys.stderr)
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure_startup(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--phase", "startup"], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        child.stdout.readline()
        times.append((time.perf_counter() - start) * 1000)
        child.wait()
    return statistics.median(times)


def measure_size(elements: int, repeat: int, phases: list[str], folder: Path) -> dict[str, Any]:
    apps = max(1, elements // ELEMENTS_PER_APP)
    design = folder / f"bench-{elements}.mesh.yaml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "generate",
            "--apps",
            str(apps),
            "--seed",
            "1",
            "-o",
            str(design),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    from studio.io.design_file import load_design

    loaded = load_design(design).design
    row: dict[str, Any] = {
        "elements": sum(1 for _ in loaded.elements()),
        "apps": apps,
        "nominal": elements,
    }
    for phase in phases:
        print(f"  {elements:,} elements: {phase} ...", file=sys.stderr, flush=True)
        row.update(run_phase(phase, design, repeat))
    return row


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def print_table(rows: list[dict[str, Any]], nominal: list[int]) -> None:
    five = nominal.index(5000) if 5000 in nominal else None
    twenty = nominal.index(20000) if 20000 in nominal else None
    head = (
        f"{'measure':<34}{'unit':>5}"
        + "".join(f"{r['elements']:>10,}" for r in rows)
        + f"{'budget':>9}  {'5k':<3}"
    )
    if five is not None and twenty is not None:
        head += "  5k→20k"
    print(head)
    print("-" * len(head))
    for key, (label, unit, budget, linear) in ROWS.items():
        values = [r.get(key) for r in rows]
        if all(v is None for v in values):
            continue
        line = f"{label:<34}{unit:>5}" + "".join(f"{_cell(v):>10}" for v in values)
        verdict = ""
        if budget is not None and five is not None and values[five] is not None:
            verdict = "✓" if values[five] <= budget else "✗"
        line += f"{_cell(budget) if budget else '':>9}  {verdict:<3}"
        if five is not None and twenty is not None and linear:
            a, b = values[five], values[twenty]
            if a and b:
                line += f"  x{b / a:.1f} {'✓' if b / a <= 5 else '✗'}"
        print(line)
    print(
        "(medians of the runs; elements = brokers + applications + topics + messages + "
        "endpoints; columns for generate --apps " + ", ".join(str(r["apps"]) for r in rows) + ")"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,5000,20000",
        help="element counts, comma-separated (1000,5000,20000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    parser.add_argument(
        "--repeat-large", type=int, default=2, help="runs per measurement above 5,000 elements (2)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="5,000 elements only, one run each, no PNG"
    )
    parser.add_argument(
        "--refs",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time registry check on $ref chains of 1,000-4,000 links",
    )
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help=f"what to measure, comma-separated ({','.join(PHASES)})",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # child process mode
    parser.add_argument("--design", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # measured as the studio runs: with the CLI's garbage collector settings
        import gc

        from studio import cli

        gc.set_threshold(*getattr(cli, "GC_THRESHOLDS", gc.get_threshold()))
    if args.phase == "startup":
        phase_startup_child()
        return 0
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.design, args.repeat)))
        return 0
    if args.quick:
        args.sizes, args.repeat = "5000", 1
    sizes = [int(s) for s in args.sizes.split(",")]
    phases = [p for p in args.phases.split(",") if not (args.quick and p == "png")]
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    folder = Path(tempfile.mkdtemp(prefix="mesh-bench-"))
    rows = []
    for size in sizes:
        repeat = args.repeat if size <= 5000 else min(args.repeat, args.repeat_large)
        rows.append(measure_size(size, repeat, phases, folder))
    startup = measure_startup(max(3, args.repeat))
    for row in rows:
        row["startup"] = startup  # the same empty window for every size
    print_table(rows, sizes)
    print_live_table(rows, _cell)
    if args.refs:
        print_ref_chains(measure_ref_chains(args.repeat))
        print_hostile_yaml(measure_hostile_yaml(args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
