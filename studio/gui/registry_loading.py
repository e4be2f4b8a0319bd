"""Loading the design's registry into the window; a big one while the window is in use.

The registry of a 20,000-element design is a 10 MB file: reading it takes about half a
second, which opening the design would wait for, though only the Properties and Registry
panels and validation use it. When a design is opened, a registry file of
``SLICED_FROM_BYTES`` or more is therefore read in slices of a few milliseconds between turns
of the event loop (``load_registry_steps``). Whatever needs it before it is in (an edit, a
selection) has the rest read at once. A big design's validation process reads the file
itself meanwhile (``RegistryInput.unread``); a small design's validation, which runs in the
window's process, starts once it is in. Either way the findings are those of the design
with its registry. Smaller files, and a registry loaded again (its path edited, the design
saved elsewhere), are read at once.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from studio.errors import MeshStudioError
from studio.gui.canvas.scene_build import SliceBuild
from studio.registry import Registry, load_registry
from studio.registry.file import load_registry_steps

if TYPE_CHECKING:
    from studio.gui.main_window import MainWindow

SLICED_FROM_BYTES = 1_000_000  # the 5,000-element benchmark's registry is 2.6 MB
AFTER_FIRST_FRAME_MS = 50


def registry_loader(window: MainWindow) -> RegistryLoader:
    """The window's loader (made on first use)."""
    loader = window.findChild(RegistryLoader)
    return loader if isinstance(loader, RegistryLoader) else RegistryLoader(window)


class RegistryLoader(QObject):
    """Loads registry files into ``window`` (its ``registry``, panels and status bar)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.registry: Registry | None = None  # read so far by the slices under way
        self.problem: str | None = None
        self._slices: SliceBuild | None = None
        self._waiting = False  # validation in this process waits for the registry
        self._unshown: tuple[Registry | None, str | None] | None = None  # for a hidden browser
        # an edit or a selection needs the registry (for its findings, its subjects)
        window.doc.changed.connect(self.finish)
        window.scene.selectionChanged.connect(self.finish)
        # a tab behind Properties still counts as visible to Qt: its dock says when it shows
        window.docks.registry.visibilityChanged.connect(self._browser_shown)

    @property
    def reading(self) -> bool:
        return self._slices is not None

    def load(self, path: Path | None, in_slices: bool) -> bool:
        """Load the registry file at ``path`` (None: the design names none); True when it is
        read in slices, after which validation starts."""
        if self._slices is not None:
            self._slices.cancel()  # a file no longer wanted
            self._slices = None
        if path is not None and in_slices and _big(path):
            self.registry, self.problem = None, None
            self._slices = SliceBuild(self._steps(path), lambda: None, self._loaded, self)
            # after the window's first frame: reading the file is a turn's work of its own
            self._slices.start(after_ms=AFTER_FIRST_FRAME_MS)
            self.window.status_labels.registry_label.setText(f"Registry: {path.name} (loading…)")
            return True
        registry, problem = None, None
        if path is not None:
            try:
                registry = load_registry(path, positions=False)[0]  # the window shows no line
            except MeshStudioError as error:
                problem = str(error)
        self._show(registry, problem)
        return False

    def validate_when_ready(self) -> None:
        """Validate the design just set. A big one is validated by a child process forked at
        once, before the window draws anything: forking takes some 10 ms, part of opening
        rather than a stall of the first frames. The child reads the registry itself if the
        window is still reading it, and yields the cores to the canvas's slices. A small
        design is validated here once its registry is in (after the first frame)."""
        problems = self.window.problems
        self._waiting = self._slices is not None and not problems.validates_in_child
        if self._waiting:
            problems.stop()  # the old design's validation, and the reset's timer
        elif problems.validates_in_child:
            problems.validate_now()
        else:
            problems.validate_soon()

    def _ready(self) -> None:
        if self._waiting:
            self.validate_when_ready()

    def finish(self, *_: object) -> None:
        """Read the rest of the registry now."""
        if self._slices is not None and not self._slices.running:
            self._slices.finish()

    def _steps(self, path: Path) -> Generator[None, None, None]:
        try:
            self.registry = (yield from load_registry_steps(path, positions=False))[0]
        except MeshStudioError as error:
            self.problem = str(error)

    def _loaded(self) -> None:
        self._slices = None
        self._show(self.registry, self.problem, browser_when_shown=True)
        self._ready()

    def _show(
        self, registry: Registry | None, problem: str | None, browser_when_shown: bool = False
    ) -> None:
        window = self.window
        window.registry, window.registry_problem = registry, problem
        window.properties.set_registry(registry, problem)
        window.status_labels.show_registry(window.registry_link, registry, problem)
        self._unshown = None
        if browser_when_shown and window.registry_browser.visibleRegion().isEmpty():
            # listing thousands of subjects is a stall of 50 ms: left until the panel shows
            self._unshown = registry, problem
        else:
            window.registry_browser.set_registry(registry, problem)

    def _browser_shown(self, visible: bool) -> None:
        if visible and self._unshown is not None:
            registry, problem = self._unshown
            self._unshown = None
            self.window.registry_browser.set_registry(registry, problem)


def _big(path: Path) -> bool:
    try:
        return path.stat().st_size >= SLICED_FROM_BYTES
    except OSError:
        return False  # read at once: its error says why
