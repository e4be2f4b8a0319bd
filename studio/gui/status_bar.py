"""The main window's status bar: mode, problem counts, element counts, registry and zoom.

The permanent labels at the right of the status bar, and the sentences they show. The window
tells it what changed (findings counted, an edit, a registry loaded); messages that come and
go (``showMessage``) stay the status bar's own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from studio.gui.panels.problems import SEVERITY_COLOURS
from studio.model import Design
from studio.model.summary import summarize
from studio.registry import Registry

SEVERITIES = ("error", "warning", "info")
REGISTRY_NOT_LOADED = "Registry not loaded"


class StatusLabels:
    """The permanent labels of ``bar``."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.mode_label = QLabel()
        self.problem_labels = {severity: QLabel() for severity in SEVERITIES}
        self.counts_label = QLabel()
        self.registry_label = QLabel()
        self.zoom_label = QLabel("100 %")
        bar.addPermanentWidget(self.mode_label)
        for severity, label in self.problem_labels.items():
            label.setToolTip(f"{severity} findings (View > Problems)")
            bar.addPermanentWidget(label)
        for label in (self.counts_label, self.registry_label, self.zoom_label):
            bar.addPermanentWidget(label)
        self.show_problem_counts(dict.fromkeys(SEVERITIES, 0))

    def show_problem_counts(self, counts: dict[str, int]) -> None:
        for severity, label in self.problem_labels.items():
            colour = SEVERITY_COLOURS[severity].name()
            label.setText(f"<span style='color:{colour}'>\u25cf</span> {counts[severity]}")

    def show_counts(self, design: Design) -> None:
        summary = summarize(design)
        self.counts_label.setText(
            f"{summary.applications} applications · {summary.topics} "
            f"topics · {summary.endpoints} endpoints · "
            f"{summary.link_total} links"
        )

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def show_review_mode(self, review: bool) -> None:
        self.mode_label.setText("Review mode: read-only" if review else "")

    def show_registry_loading(self, name: str) -> None:
        """The registry file ``name`` is being read (a big one, while the window is in use)."""
        self.registry_label.setText(f"Registry: {name} (loading…)")

    def show_registry(
        self, name: str | None, registry: Registry | None, problem: str | None
    ) -> None:
        """The registry file ``name`` the design links: loaded, unavailable (and why), none."""
        self.registry_label.setToolTip("")
        if self.bar.currentMessage().startswith(REGISTRY_NOT_LOADED):
            self.bar.clearMessage()  # about a file the design no longer names
        if registry is not None:
            self.registry_label.setText(f"Registry: {name} ({len(registry.subjects)} subjects)")
        elif problem:
            self.registry_label.setText("Registry: unavailable")
            self.registry_label.setToolTip(problem)
            self.bar.showMessage(f"{REGISTRY_NOT_LOADED}: {problem}", 10000)
        else:
            self.registry_label.setText("No registry")
