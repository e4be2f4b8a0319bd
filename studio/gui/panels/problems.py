"""The Problems panel: live validation of the open design, and the way to each problem.

A small design is validated here: whole when it opens (and when its registry, taxonomy, rules
or info change), then each edit where it can have changed a verdict
(``studio.validate.incremental``), a few milliseconds after the edit. A big one is validated
by a child process that keeps a copy of it in step with the edits
(``studio.validate.background``), so the canvas never waits for validation. Results list
rule, element and message with a severity icon; double-click (or Enter) selects the element
on the canvas. The panel also tells the window the counts for its status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from studio.gui.icons import painted_icon
from studio.gui.panels.row_table import row_table
from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import SECTIONS, Document
from studio.model.events import Change, DocumentReset, SectionChanged
from studio.model.findings import Finding
from studio.validate.background import BackgroundValidation, ValidationFailed
from studio.validate.context import RegistryInput
from studio.validate.incremental import LiveValidation
from studio.validate.reports import count_text
from studio.validate.runner import Report, validate_loaded

DEBOUNCE_MS = 30  # an edit is checked this soon after the last change of a burst (a drag)
AFTER_PAINT_MS = 100  # after opening: long enough for the first frame to be painted
# A design this small is validated here: a tenth of a second when it opens (the ERP sample),
# milliseconds per edit; starting a child process would cost more than it saves.
IN_PROCESS_BELOW = 400
WAIT_LIMIT_S = 120.0  # wait(): a child that has not answered by then is not waited for
UNTITLED = Path("untitled.mesh.yaml")
SEVERITY_COLOURS = {
    "error": QColor("#d93b3b"),
    "warning": QColor("#e0a100"),
    "info": QColor("#2f6feb"),
}


def severity_icon(severity: str, size: int = 14) -> QIcon:
    """A filled dot in the severity's colour (sharp on high-DPI screens)."""
    colour = SEVERITY_COLOURS.get(severity, QColor("#5b6577"))

    def dot(painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(2, 2, size - 4, size - 4)

    return painted_icon(size, dot)


class ProblemsPanel(QWidget):
    """Findings of the open design; emits the element to show when one is activated."""

    element_activated = Signal(str)
    counts_changed = Signal(dict)
    findings_changed = Signal(list)

    def __init__(
        self, doc: Document, registry: Callable[[], RegistryInput], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.registry = registry
        self.report = Report()
        self.live = LiveValidation(doc.path or UNTITLED)  # a small design's, in this process
        self._child: BackgroundValidation | None = None  # a big design's
        self._child_watch: QSocketNotifier | None = None
        self._answered = 0  # the child's latest answer shown
        self._fresh = True  # a new design or registry: validate whole
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.validate_now)
        self.summary = QLabel()
        # no line column: after edits in the studio the file's lines no longer apply
        self.tree = row_table(["Rule", "Element", "Problem"], stretched=2)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        doc.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if isinstance(change, DocumentReset) or (
            isinstance(change, SectionChanged) and change.name == "registry"
        ):
            self._fresh = True  # a child would check a copy with the old registry
        elif self._child is not None:
            self._child.note(change)
        if self._child is None:
            self.live.note(change)
        self.schedule()

    def schedule(self) -> None:
        """Validate after a pause in editing (each change restarts the pause)."""
        self._timer.start(DEBOUNCE_MS)

    def validate_soon(self) -> None:
        """Validate once the window has drawn what it just opened (the first frame must not
        wait for a validation that runs in this process)."""
        self._timer.start(AFTER_PAINT_MS)

    @property
    def validates_in_child(self) -> bool:
        """Whether the design is big enough to be validated by a child process."""
        design = self.doc.design
        return sum(len(getattr(design, s)) for s in SECTIONS.values()) >= IN_PROCESS_BELOW

    def validate_now(self) -> None:
        """Check what changed: the whole design when it is new (or its registry, taxonomy,
        rules or info changed), else only what the edits since the last check touched; a
        big design in its child process, a small one here."""
        self._timer.stop()
        if self._fresh:
            self._fresh = False
            self._stop_child()
            if self.validates_in_child:
                self._start_child()
            else:  # edits noted while a child ran are not here: validate this one whole
                self.live.needs_full = True
        if self._child is not None:
            self._child.check()
        elif self.live.needs_full:
            path = self.doc.path or UNTITLED
            self.live.file = str(path)
            self.live.start_full()
            loaded = LoadedDesign(self.doc.design, SourceMap(str(path), {}))
            self.live.start_from(validate_loaded(loaded, path, self.registry()).findings)
            self._show(self.live.report())
        elif self.live.pending:
            self._show(self.live.update(self.doc.design, self.registry(), self.doc.uses))

    def _start_child(self) -> None:
        self.summary.setText("Checking the whole design…")
        path = self.doc.path or UNTITLED
        self._child = BackgroundValidation(self.doc.design, path, self.registry())
        self._child_watch = QSocketNotifier(self._child.fileno(), QSocketNotifier.Type.Read, self)
        self._child_watch.activated.connect(self._child_answered)

    def _child_answered(self) -> None:
        """Show the child's latest findings (earlier answers it sent meanwhile are older)."""
        child = self._child
        answer = None
        while child is not None and child.ready():
            try:
                answer = child.receive()
            except ValidationFailed as error:
                self._stop_child()
                self._fresh = True  # a new child validates the design again after the next edit
                self.summary.setText(f"Validation stopped: {error}")
                return
        if answer is not None:
            self._answered, findings = answer
            self._show(Report(findings))

    def _stop_child(self) -> None:
        if self._child_watch is not None:
            self._child_watch.setEnabled(False)
            self._child_watch.deleteLater()
            self._child_watch = None
        if self._child is not None:
            self._child.stop()
            self._child = None
        self._answered = 0

    @property
    def checking(self) -> bool:
        """Whether the findings shown are not yet those of the design as it is."""
        if self._timer.isActive():
            return True
        if self._child is not None:
            return self._answered < self._child.latest
        return self.live.needs_full or self.live.pending

    def stop(self) -> None:
        """Stop validating (the window closes)."""
        self._timer.stop()
        self._stop_child()

    def wait(self) -> None:
        """Run pending validation and block until it is shown (tests, screenshots)."""
        if self._timer.isActive():
            self.validate_now()
        child = self._child
        while child is not None and self._child is child and self._answered < child.latest:
            if not child.wait(WAIT_LIMIT_S):
                break
            self._child_answered()

    def _show(self, report: Report) -> None:
        self.report = report
        self.tree.clear()
        items = []
        for f in report.findings:
            item = QTreeWidgetItem([f.rule, f.element or "", f.message])
            item.setIcon(0, severity_icon(f.severity))
            item.setToolTip(2, f.message)
            item.setData(0, Qt.ItemDataRole.UserRole, f.element)
            items.append(item)
        self.tree.addTopLevelItems(items)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        counts = report.summary()
        self.summary.setText(count_text(counts) if report.findings else "No problems found.")
        self.counts_changed.emit(counts)
        self.findings_changed.emit(report.findings)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        element = item.data(0, Qt.ItemDataRole.UserRole)
        if element:
            self.element_activated.emit(element)

    def findings_by_element(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for f in self.report.findings:
            if f.element:
                grouped.setdefault(f.element, []).append(f)
        return grouped
