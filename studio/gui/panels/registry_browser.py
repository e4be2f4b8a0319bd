"""The Registry browser: the subjects of the local registry, their versions, and how they differ.

A filter narrows the subject list (each with its schema type and effective compatibility
level); the selected subject's versions are listed newest first under a "latest" entry, with
soft-deleted ones greyed, and the selected version's schema is shown as written (JSON formats
pretty-printed). The Compare tab sets two versions side by side with changed lines marked and
says whether B is compatible with A under the subject's level, using the registry's own
compatibility engine. "Assign to selected message" only emits intent; the window turns it into
a command on the message.
"""

from __future__ import annotations

import difflib
import json
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.gui.panels.columns import page
from studio.gui.panels.row_table import row_table
from studio.registry import Registry, SchemaError, SchemaVersion, Subject, check_versions

VersionKey = int | Literal["latest"]
NO_REGISTRY = "No registry file: set one in the design to browse its subjects."
# Translucent so the marks read on the light and the dark theme alike.
REMOVED_COLOUR = QColor(220, 60, 60, 70)
ADDED_COLOUR = QColor(40, 170, 70, 70)
MAX_REASONS = 3


def pretty_schema(version: SchemaVersion) -> str:
    """The schema as a person reads it: JSON formats indented, Protobuf exactly as written."""
    if version.schema_type == "PROTOBUF":
        return version.schema
    try:
        return json.dumps(json.loads(version.schema), indent=2, ensure_ascii=False)
    except ValueError:
        return version.schema  # not JSON after all; showing it as written beats hiding it


def subject_type(subject: Subject) -> str:
    """The schema type of the latest live version (of the latest one when all are deleted)."""
    versions = subject.live_versions() or sorted(subject.versions, key=lambda v: v.version)
    return versions[-1].schema_type if versions else ""


def aligned_diff(old: str, new: str) -> tuple[list[str], list[str], set[int], set[int]]:
    """Both texts padded with blank rows so equal lines sit side by side, and the rows that
    were removed from ``old`` and added in ``new``."""
    a, b = old.splitlines(), new.splitlines()
    left: list[str] = []
    right: list[str] = []
    removed: set[int] = set()
    added: set[int] = set()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        chunk_a, chunk_b = a[i1:i2], b[j1:j2]
        if tag == "equal":
            left += chunk_a
            right += chunk_b
            continue
        rows = max(len(chunk_a), len(chunk_b))
        removed.update(range(len(left), len(left) + len(chunk_a)))
        added.update(range(len(right), len(right) + len(chunk_b)))
        left += chunk_a + [""] * (rows - len(chunk_a))
        right += chunk_b + [""] * (rows - len(chunk_b))
    return left, right, removed, added


def verdict(registry: Registry, subject: str, a: int, b: int) -> str:
    """One line: is version ``b`` compatible with version ``a`` under the subject's level?"""
    level = registry.level_of(subject)
    try:
        problems = check_versions(registry, subject, a, b, level)
    except SchemaError as error:
        return f"cannot compare: {error}"
    if not problems:
        return f"compatible under {level}"
    reasons = "; ".join(f"{p.path} ({p.rule}): {p.message}" for p in problems[:MAX_REASONS])
    more = len(problems) - MAX_REASONS
    return f"not compatible under {level}: {reasons}" + (f"; and {more} more" if more > 0 else "")


def _monospace_view() -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


def _mark_lines(view: QPlainTextEdit, rows: set[int], colour: QColor) -> None:
    marks = []
    for row in sorted(rows):
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        cursor = QTextCursor(view.document().findBlockByNumber(row))
        selection.cursor = cursor
        marks.append(selection)
    view.setExtraSelections(marks)


def _rows(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    return [
        item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None
    ]


class RegistryBrowser(QWidget):
    """Browse, compare and assign the registry's subjects and versions."""

    assign_requested = Signal(str, object)  # subject, version number or "latest"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry: Registry | None = None

        self.notice = QLabel(NO_REGISTRY)
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter subjects")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.subject_tree = row_table(["Subject", "Type", "Level"], stretched=0)
        self.subject_tree.currentItemChanged.connect(self._subject_changed)

        self.version_list = QListWidget()
        self.version_list.currentItemChanged.connect(self._version_changed)
        self.schema_view = _monospace_view()
        self.assign_button = QPushButton("Assign to selected message")
        self.assign_button.setEnabled(False)
        self.assign_button.clicked.connect(self._assign)
        versions_splitter = QSplitter(Qt.Orientation.Horizontal)
        versions_splitter.addWidget(self.version_list)
        versions_splitter.addWidget(self.schema_view)
        versions_splitter.setStretchFactor(1, 1)
        versions_splitter.setSizes([120, 400])
        versions_page = QWidget()
        versions_layout = QVBoxLayout(versions_page)
        versions_layout.setContentsMargins(0, 4, 0, 0)
        versions_layout.addWidget(versions_splitter)
        versions_layout.addWidget(self.assign_button, 0, Qt.AlignmentFlag.AlignRight)

        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for combo in (self.combo_a, self.combo_b):
            combo.currentIndexChanged.connect(self._update_comparison)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff_a, self.diff_b = _monospace_view(), _monospace_view()
        # one scroll position for both sides, so aligned rows stay side by side
        self.diff_a.verticalScrollBar().valueChanged.connect(
            self.diff_b.verticalScrollBar().setValue
        )
        self.diff_b.verticalScrollBar().valueChanged.connect(
            self.diff_a.verticalScrollBar().setValue
        )
        pickers = QFormLayout()
        pickers.addRow("A (old)", self.combo_a)
        pickers.addRow("B (new)", self.combo_b)
        diff_splitter = QSplitter(Qt.Orientation.Horizontal)
        diff_splitter.addWidget(self.diff_a)
        diff_splitter.addWidget(self.diff_b)
        compare_page = page(pickers, self.verdict_label, (diff_splitter, 1), margins=(0, 4, 0, 0))

        self.tabs = QTabWidget()
        self.tabs.addTab(versions_page, "Versions")
        self.tabs.addTab(compare_page, "Compare")

        browser = QWidget()
        browser_layout = QVBoxLayout(browser)
        browser_layout.setContentsMargins(0, 0, 0, 0)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter)
        top_layout.addWidget(self.subject_tree)
        main_splitter = QSplitter(Qt.Orientation.Vertical)
        main_splitter.addWidget(top)
        main_splitter.addWidget(self.tabs)
        main_splitter.setStretchFactor(1, 1)
        browser_layout.addWidget(main_splitter)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.notice)
        self.stack.addWidget(browser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)

    # -- feeding -------------------------------------------------------------------------

    def set_registry(self, registry: Registry | None, problem: str | None = None) -> None:
        """Show ``registry``; without one, show why (``problem``) or that there is none.
        The selected subject stays selected when the new registry still has it."""
        previous = self.current_subject()
        self.registry = registry
        self.subject_tree.clear()
        if registry is None:
            self.notice.setText(problem or NO_REGISTRY)
            self.stack.setCurrentIndex(0)
            self._show_subject(None)
            return
        self.stack.setCurrentIndex(1)
        items = []
        for name in sorted(registry.subjects, key=str.lower):
            subject = registry.subjects[name]
            item = QTreeWidgetItem([name, subject_type(subject), registry.level_of(name)])
            item.setToolTip(0, name)
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            items.append(item)
        self.subject_tree.addTopLevelItems(items)
        for column in (1, 2):
            self.subject_tree.resizeColumnToContents(column)
        self._apply_filter(self.filter.text())
        if previous is not None and previous in registry.subjects:
            self.select_subject(previous)
        else:
            self._show_subject(None)

    # -- accessors (the window and tests) ------------------------------------------------

    def subjects(self) -> list[str]:
        """The subjects the filter lets through, in list order."""
        return [item.text(0) for item in _rows(self.subject_tree) if not item.isHidden()]

    def current_subject(self) -> str | None:
        item = self.subject_tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def current_version(self) -> VersionKey | None:
        item = self.version_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_subject(self, name: str) -> bool:
        for item in _rows(self.subject_tree):
            if item.text(0) == name:
                self.subject_tree.setCurrentItem(item)
                self.subject_tree.scrollToItem(item)
                return True
        return False

    def select_version(self, version: VersionKey) -> bool:
        for i in range(self.version_list.count()):
            item = self.version_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == version:
                self.version_list.setCurrentItem(item)
                return True
        return False

    def compare(self, a: int, b: int) -> str:
        """Compare versions ``a`` and ``b`` of the selected subject; returns the verdict."""
        for combo, version in ((self.combo_a, a), (self.combo_b, b)):
            index = combo.findData(version)
            if index < 0:
                raise ValueError(f"the selected subject has no version {version}")
            combo.setCurrentIndex(index)
        self._update_comparison()
        return self.verdict_text

    @property
    def verdict_text(self) -> str:
        return self.verdict_label.text()

    @property
    def schema_text(self) -> str:
        return self.schema_view.toPlainText()

    # -- reactions -----------------------------------------------------------------------

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for item in _rows(self.subject_tree):
            item.setHidden(needle not in item.text(0).lower())

    def _subject_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self._show_subject(current.data(0, Qt.ItemDataRole.UserRole) if current else None)

    def _subject(self, name: str | None) -> Subject | None:
        if self.registry is None or name is None:
            return None
        return self.registry.subjects.get(name)

    def _show_subject(self, name: str | None) -> None:
        subject = self._subject(name)
        self.version_list.clear()
        for combo in (self.combo_a, self.combo_b):
            combo.blockSignals(True)
            combo.clear()
        newest_first = sorted(subject.versions, key=lambda v: -v.version) if subject else []
        live = subject.live_versions() if subject else []
        if live:
            latest = QListWidgetItem(f"latest (v{live[-1].version})")
            latest.setData(Qt.ItemDataRole.UserRole, "latest")
            self.version_list.addItem(latest)
        for version in newest_first:
            label = f"v{version.version}" + (" (deleted)" if version.deleted else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, version.version)
            if version.deleted:
                item.setForeground(
                    self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                )
                item.setToolTip("Soft-deleted: kept by the registry, no longer served")
            self.version_list.addItem(item)
        for version in reversed(newest_first):
            label = f"v{version.version}" + (" (deleted)" if version.deleted else "")
            for combo in (self.combo_a, self.combo_b):
                combo.addItem(label, version.version)
        if live:
            # the usual question: does the newest version still fit the oldest?
            self.combo_a.setCurrentIndex(self.combo_a.findData(live[0].version))
            self.combo_b.setCurrentIndex(self.combo_b.findData(live[-1].version))
        for combo in (self.combo_a, self.combo_b):
            combo.blockSignals(False)
        if self.version_list.count():
            self.version_list.setCurrentRow(0)
        else:
            self._version_changed(None, None)
        self._update_comparison()

    def _version_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        subject = self._subject(self.current_subject())
        key = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        version = subject.get(key) if subject is not None and key is not None else None
        self.schema_view.setPlainText(pretty_schema(version) if version else "")
        # a soft-deleted version is no longer served, so a message must not point at it
        self.assign_button.setEnabled(version is not None and not version.deleted)

    def _update_comparison(self) -> None:
        subject = self.current_subject()
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        if self.registry is None or subject is None or a is None or b is None:
            for view in (self.diff_a, self.diff_b):
                view.clear()
            self.verdict_label.clear()
            return
        entries = self.registry.subjects[subject]
        old, new = entries.get(a), entries.get(b)
        assert old is not None and new is not None  # the combos list only existing versions
        left, right, removed, added = aligned_diff(pretty_schema(old), pretty_schema(new))
        self.diff_a.setPlainText("\n".join(left))
        self.diff_b.setPlainText("\n".join(right))
        _mark_lines(self.diff_a, removed, REMOVED_COLOUR)
        _mark_lines(self.diff_b, added, ADDED_COLOUR)
        self.verdict_label.setText(verdict(self.registry, subject, a, b))

    def _assign(self) -> None:
        subject, version = self.current_subject(), self.current_version()
        if subject is not None and version is not None:
            self.assign_requested.emit(subject, version)
