"""The Problems panel: live validation of the open design, and the way to each problem.

Validation runs off the UI thread after a short pause in editing (a snapshot of the design is
validated, so edits made meanwhile are safe and simply trigger another run). Results list
rule, element and message with a severity icon; double-click (or Enter) selects the element
on the canvas. The panel also tells the window the counts for its status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.io.design_file import LoadedDesign
from studio.io.yaml_source import SourceMap
from studio.model import Design, Document, snapshot
from studio.model.findings import Finding
from studio.validate.context import RegistryInput
from studio.validate.reports import count_text
from studio.validate.runner import Report, validate_loaded

DEBOUNCE_MS = 400
AFTER_PAINT_MS = 100  # after opening: long enough for the first frame to be painted
SEVERITY_COLOURS = {
    "error": QColor("#d93b3b"),
    "warning": QColor("#e0a100"),
    "info": QColor("#2f6feb"),
}


def severity_icon(severity: str, size: int = 14) -> QIcon:
    """A filled dot in the severity's colour (sharp on high-DPI screens)."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SEVERITY_COLOURS.get(severity, QColor("#5b6577")))
        painter.drawEllipse(2, 2, size - 4, size - 4)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class _Signals(QObject):
    finished = Signal(int, object)  # run number, Report


class _ValidationRun(QRunnable):
    """Validates a snapshot of the design in a worker thread."""

    def __init__(
        self, number: int, design: Design, path: Path, registry: RegistryInput, signals: _Signals
    ) -> None:
        super().__init__()
        self.number, self.design, self.path = number, design, path
        self.registry, self.signals = registry, signals

    def run(self) -> None:
        loaded = LoadedDesign(self.design, SourceMap(str(self.path), {}))
        report = validate_loaded(loaded, self.path, self.registry)
        self.signals.finished.emit(self.number, report)


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
        self._run_number = 0
        self._runs: dict[int, _ValidationRun] = {}
        self._signals = _Signals()
        self._signals.finished.connect(self._show)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate_now)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        # no line column: after edits in the studio the file's lines no longer apply
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Rule", "Element", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        doc.changed.connect(lambda _change: self.schedule())

    def schedule(self) -> None:
        """Validate after a pause in editing (each change restarts the pause)."""
        self._timer.start(DEBOUNCE_MS)

    def validate_soon(self) -> None:
        """Validate once the window has drawn what it just opened: the run holds the GIL for
        seconds on a big mesh, and the first frame of the canvas must not wait for it."""
        self._timer.start(AFTER_PAINT_MS)

    def validate_now(self) -> None:
        self._timer.stop()
        self._run_number += 1
        path = self.doc.path or Path("untitled.mesh.yaml")
        run = _ValidationRun(
            self._run_number, snapshot(self.doc.design), path, self.registry(), self._signals
        )
        # held until its result arrives and not auto-deleted: Qt must not free a runnable
        # that Python still references (or the reverse)
        run.setAutoDelete(False)
        self._runs[self._run_number] = run
        self._pool.start(run)

    def wait(self) -> None:
        """Run a pending validation and block until it is done (tests, screenshots)."""
        if self._timer.isActive():
            self.validate_now()
        self._pool.waitForDone()

    def _show(self, number: int, report: Report) -> None:
        self._runs.pop(number, None)
        if number != self._run_number:
            return  # a newer run is on its way; this one describes an older design
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
