"""The studio window as a user meets a big mesh: everything at once, not part by part.

``phase_live`` opens the design in the full studio window and measures, in one process:
how long until the window is painted and scrollable; how long until validation (which runs
in a child process) has put its findings in Problems; the longest stall of the event loop
while that runs and the user zooms and pans (a 5 ms timer's longest gap between ticks); zoom
and pan steps once it is done; how long an edit (move, rename, connect) takes to reach
Problems; and the window process's peak memory. ``run.py`` runs it as the ``live`` phase.

Between steps the window waits in an event loop of its own, as the studio does: it sleeps
until something happens. (Spinning ``processEvents`` instead kept a core busy, and the
validation process, which shares the machine's two cores with the window, finished later
than it does for a user.)
"""

from __future__ import annotations

import itertools
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

TICK_MS = 5  # the stall probe: a timer this often; a gap over it is a stall
USER_STEP_MS = 40  # while validation runs, a zoom or pan step this often
ZOOM_STEPS = 24
PAN_STEPS = 30
EDITS = 5  # of each kind
VALIDATION_LIMIT_MS = 120_000


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def phase_live(design: Path, repeat: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer

    from studio.gui.app import application
    from studio.gui.main_window import MainWindow

    app = application()
    settings = QSettings(str(design.parent / "bench-live.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.autosave.enabled = False
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    panel, view = window.problems, window.view

    start = time.perf_counter()
    window.open_file(design)
    view.viewport().repaint()
    usable = _ms(start)

    stalls = StallProbe()
    moves = _user_moves(view)
    busy_steps: list[float] = []

    def user_step() -> None:
        step = time.perf_counter()
        next(moves)()
        busy_steps.append(_ms(step))

    user = QTimer()
    user.timeout.connect(user_step)
    user.start(USER_STEP_MS)
    _run_until(lambda: not panel.checking, panel.findings_changed, VALIDATION_LIMIT_MS)
    validated = _ms(start)
    user.stop()
    stalls.stop()
    results = {
        "live_usable": usable,
        "live_validated": validated,
        "live_stall": stalls.longest,
        "live_busy_step": max(busy_steps, default=0.0),
    }
    results.update(_steps(app, view))
    results.update(_edits(window))
    results["live_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = getattr(panel, "_child", None)  # the validation process, when the design is big
    if child is not None and child.pid is not None:
        results["live_child_peak"] = _peak_of(child.pid)
    window.undo_stack.setClean()
    return results


class StallProbe:
    """The longest gap between the ticks of a ``TICK_MS`` timer while it runs: the longest
    the event loop was kept from turning (counted from ``start``)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self.start()

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start(TICK_MS)

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000)
        self._last = now


def _run_until(done: Callable[[], bool], signal: Any, limit_ms: int) -> None:
    """Run the event loop until ``done()`` holds after ``signal`` (or after ``limit_ms``)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()

    def maybe_quit(*_: object) -> None:
        if done():
            loop.quit()

    signal.connect(maybe_quit)
    QTimer.singleShot(limit_ms, loop.quit)
    loop.exec()
    signal.disconnect(maybe_quit)


def _run_for(ms: float) -> None:
    """Run the event loop for ``ms``, as the studio does between two of the user's steps."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(ms), loop.quit)
    loop.exec()


def _peak_of(pid: int) -> float:
    """A process's peak resident memory in MB (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _user_moves(view: Any) -> Iterator[Callable[[], None]]:
    """Zoom in, pan, zoom out, pan, ... as a user finding their way does."""
    return itertools.cycle(
        (
            lambda: view.zoom_by(1.25),
            lambda: view.pan_by(40, 25),
            lambda: view.zoom_by(0.8),
            lambda: view.pan_by(-40, -25),
        )
    )


def _steps(app: Any, view: Any) -> dict[str, float]:
    """Zoom steps between fit and 100 %, and pan steps at 100 %: each until its frame is on
    screen; between steps the event loop runs as it would between two turns of the wheel,
    each of its turns timed from waking to sleeping again (tiles drawn ahead, a row at a
    time)."""
    between = StallProbe()
    between.stop()

    def timed(move: Callable[[], None]) -> float:
        start = time.perf_counter()
        move()
        view.viewport().repaint()
        took = _ms(start)
        between.start()
        _run_for(USER_STEP_MS)
        between.stop()
        return took

    view.fit_all()
    app.processEvents()
    zooms = [timed(lambda: view.zoom_by(1.25)) for _ in range(ZOOM_STEPS // 2)]
    zooms += [timed(lambda: view.zoom_by(0.8)) for _ in range(ZOOM_STEPS // 2)]
    view.set_zoom(1.0)
    app.processEvents()
    pans = [timed(lambda: view.pan_by(40, 25)) for _ in range(PAN_STEPS)]
    return {
        "live_zoom_median": statistics.median(zooms),
        "live_zoom_worst": max(zooms),
        "live_pan_median": statistics.median(pans),
        "live_pan_worst": max(pans),
        "live_turn_worst": between.longest,
    }


def _edits(window: Any) -> dict[str, float]:
    """Move, rename and connect applications; each timed until Problems shows its result."""
    from studio.edit.actions import connect, rename_element
    from studio.edit.commands import MoveElements
    from studio.gui.undo import push
    from studio.model import Position

    doc, panel = window.doc, window.problems
    apps = [a for a in doc.design.applications if a.publishes][:EDITS]
    topics = doc.design.topics

    def until_shown(command: Any) -> float:
        start = time.perf_counter()
        push(window.undo_stack, doc, command)
        _run_until(lambda: not panel.checking, panel.findings_changed, VALIDATION_LIMIT_MS)
        return _ms(start)

    moves, renames, connects = [], [], []
    for i, application_ in enumerate(apps):
        old = doc.design.layout.get(application_.id) or Position(0, 0)
        moves.append(
            until_shown(MoveElements({application_.id: (old, Position(old.x + 40, old.y + 20))}))
        )
        new_id = doc.unused_id(application_.id + "-renamed")
        renames.append(until_shown(rename_element(doc, application_.id, new_id)))
        command = connect(doc, new_id, topics[(i * 97) % len(topics)].id)
        if hasattr(command, "do"):
            connects.append(until_shown(command))
    return {
        "live_edit_move": statistics.median(moves),
        "live_edit_rename": statistics.median(renames),
        "live_edit_connect": statistics.median(connects) if connects else float("nan"),
        "live_edit_worst": max(moves + renames + connects),
    }


# row: (label, unit, budget at 5,000 elements, budget at 20,000) from issue 21
LIVE_ROWS: dict[str, tuple[str, str, float | None, float | None]] = {
    "live_usable": ("window painted, scrollable", "ms", None, 2000),
    "live_validated": ("validation in Problems, from open", "ms", None, 10000),
    "live_stall": ("longest stall meanwhile (zoom, pan)", "ms", 50, 50),
    "live_busy_step": ("slowest zoom/pan step meanwhile", "ms", None, None),
    "live_zoom_median": ("zoom step, median", "ms", 16, 16),
    "live_zoom_worst": ("zoom step, worst", "ms", 50, 50),
    "live_pan_median": ("pan step at 100 %, median", "ms", 16, 16),
    "live_pan_worst": ("pan step at 100 %, worst", "ms", 50, 50),
    "live_turn_worst": ("longest stall between steps", "ms", 50, 50),
    "live_edit_move": ("edit to Problems: move, median", "ms", 200, 500),
    "live_edit_rename": ("edit to Problems: rename, median", "ms", 200, 500),
    "live_edit_connect": ("edit to Problems: connect, median", "ms", 200, 500),
    "live_edit_worst": ("edit to Problems: worst", "ms", 200, 500),
    "live_peak": ("peak RSS of the window process", "MB", None, 600),
    "live_child_peak": ("  and of its validation process", "MB", None, None),
}


def print_live_table(rows: list[dict[str, Any]], cell: Callable[[float | None], str]) -> None:
    """The studio-window rows, each against its budget at 5,000 and at 20,000 elements."""
    present = [r for r in rows if any(key in r for key in LIVE_ROWS)]
    if not present:
        return
    head = (
        f"\n{'the studio window, all at once':<38}{'unit':>5}"
        + "".join(f"{r['elements']:>10,}" for r in present)
        + f"{'5k':>8}{'20k':>8}"
    )
    print(head)
    print("-" * len(head.strip("\n")))
    for key, (label, unit, five, twenty) in LIVE_ROWS.items():
        line = f"{label:<38}{unit:>5}" + "".join(f"{cell(r.get(key)):>10}" for r in present)
        for budget, nominal in ((five, 5000), (twenty, 20000)):
            value = next((r.get(key) for r in present if r.get("nominal") == nominal), None)
            mark = "" if budget is None or value is None else ("✓" if value <= budget else "✗")
            line += f"{(cell(budget) + ' ' + mark) if budget is not None else '':>8}"
        print(line)
