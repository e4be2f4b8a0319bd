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

from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from studio.errors import MeshStudioError
from studio.gui.canvas.scene_build import SliceBuild
from studio.gui.panels.problems import ProblemsPanel
from studio.gui.panels.registry_browser import RegistryBrowser
from studio.registry import Registry, load_registry
from studio.registry.file import load_registry_steps

SLICED_FROM_BYTES = 1_000_000  # the 5,000-element benchmark's registry is 2.6 MB
AFTER_FIRST_FRAME_MS = 50

ShowRegistry = Callable[[Registry | None, str | None], None]


class Announcing(Protocol):
    """A signal (Qt's, or the model's ``Signal``) whose emissions call ``finish``."""

    def connect(self, slot: Callable[[Any], None], /) -> Any: ...


class RegistryLoader(QObject):
    """Loads registry files: ``show`` puts one (or why it cannot be used) in the window's
    state, Properties and status bar, ``show_loading`` names a file being read; the Registry
    panel (``browser``, in ``browser_dock``) lists it once it is on screen. The signals
    ``wanted_after`` (an edit, a selection) have the rest of a file being read read at once."""

    def __init__(
        self,
        problems: ProblemsPanel,
        browser: RegistryBrowser,
        browser_dock: QDockWidget,
        show: ShowRegistry,
        show_loading: Callable[[str], None],
        wanted_after: Iterable[Announcing],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.problems = problems
        self.browser = browser
        self.show = show
        self.show_loading = show_loading
        self.registry: Registry | None = None  # read so far by the slices under way
        self.problem: str | None = None
        self._slices: SliceBuild | None = None
        self._waiting = False  # validation in this process waits for the registry
        self._unshown: tuple[Registry | None, str | None] | None = None  # for a hidden browser
        for signal in wanted_after:  # an edit, a selection: they need the registry now
            signal.connect(self.finish)
        # a tab behind Properties still counts as visible to Qt: its dock says when it shows
        browser_dock.visibilityChanged.connect(self._browser_shown)

    @property
    def reading(self) -> bool:
        return self._slices is not None

    def load(self, path: Path | None, in_slices: bool) -> bool:
        """Load the registry file at ``path`` (None: the design names none); True when it is
        read in slices (``validate_when_ready`` says what validation waits for)."""
        if self._slices is not None:
            self._slices.cancel()  # a file no longer wanted
            self._slices = None
        if path is not None and in_slices and _big(path):
            self.registry, self.problem = None, None
            self._slices = SliceBuild(self._steps(path), lambda: None, self._loaded, self)
            self._slices.start(after_ms=AFTER_FIRST_FRAME_MS)  # the first frame comes first
            self.show_loading(path.name)
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
        problems = self.problems
        self._waiting = self._slices is not None and not problems.validates_in_child
        if self._waiting:
            problems.stop()  # the old design's validation, and the reset's timer
        elif problems.validates_in_child:
            problems.validate_now()
        else:
            problems.validate_soon()

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
        if self._waiting:
            self.validate_when_ready()

    def _show(
        self, registry: Registry | None, problem: str | None, browser_when_shown: bool = False
    ) -> None:
        self.show(registry, problem)
        self._unshown = None
        if browser_when_shown and self.browser.visibleRegion().isEmpty():
            # listing thousands of subjects is a stall of 50 ms: left until the panel shows
            self._unshown = registry, problem
        else:
            self.browser.set_registry(registry, problem)

    def _browser_shown(self, visible: bool) -> None:
        if visible and self._unshown is not None:
            registry, problem = self._unshown
            self._unshown = None
            self.browser.set_registry(registry, problem)


def _big(path: Path) -> bool:
    try:
        return path.stat().st_size >= SLICED_FROM_BYTES
    except OSError:
        return False  # read at once: its error says why
