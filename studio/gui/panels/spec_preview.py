"""The Spec preview panel: the AsyncAPI and OpenAPI YAML of the selected application, live.

The panel shows exactly what ``mesh-studio export`` would write for one application, in the
chosen versions, with the document's validation state. Only that application's documents are
built, after a short pause in editing (a burst of keystrokes costs one build). The build runs
on the UI thread: one application's documents take milliseconds, and a worker thread (as the
Problems panel uses) crashed the offscreen tests inside the garbage collector while the
validator compiled its schema. A kind the application has no document of is disabled, with a
one-line reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from studio.export import (
    ASYNCAPI_VERSIONS,
    OPENAPI_VERSIONS,
    ExportContext,
    asyncapi_document,
    check_document,
    dump_document,
    openapi_document,
    validate_document,
)
from studio.export.validation import Kind
from studio.gui.panels.columns import column, page
from studio.model import Application, Design, Document
from studio.registry import Registry

DEBOUNCE_MS = 300
KINDS = ("asyncapi", "openapi")
KIND_TITLES = {"asyncapi": "AsyncAPI", "openapi": "OpenAPI"}
VERSIONS = {"asyncapi": ASYNCAPI_VERSIONS, "openapi": OPENAPI_VERSIONS}
MAX_PROBLEMS_SHOWN = 3


@dataclass
class Preview:
    """What one run found for one application: which kinds exist, and the shown one's text."""

    app_id: str
    kind: str
    version: str
    available: dict[str, bool] = field(default_factory=dict)
    text: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def build_preview(
    design: Design, registry: Registry | None, app_id: str, kind: str, version: str
) -> Preview:
    """Both documents of ``app_id`` (to know which exist); text and problems of ``kind``."""
    preview = Preview(app_id, kind, version)
    app = next((a for a in design.applications if a.id == app_id), None)
    if app is None:
        preview.error = f"'{app_id}' is no longer in the design."
        return preview
    ctx = ExportContext(design, registry, None if registry else "no registry is loaded")
    versions = {k: version if k == kind else VERSIONS[k][0] for k in KINDS}
    documents = {
        "asyncapi": asyncapi_document(ctx, app, versions["asyncapi"]),
        "openapi": openapi_document(ctx, app, versions["openapi"]),
    }
    preview.available = {k: documents[k] is not None for k in KINDS}
    data = documents[kind]
    if data is not None:
        preview.text = dump_document(data)
        # the checks after the schema are what export_design runs too; a preview saying
        # "valid" for a document export then refuses to write would mislead
        checked: Kind = "asyncapi" if kind == "asyncapi" else "openapi"  # one of KINDS
        preview.problems = [
            *check_document(checked, version, data),
            *validate_document(checked, version, data),
        ]
        name = f"{kind}/{app_id}"
        preview.notes = [str(n) for n in ctx.notes.items if n.document == name]
    return preview


class YamlHighlighter(QSyntaxHighlighter):
    """Colours YAML line by line: keys, strings, numbers and booleans, comments, ``$ref``s.

    The exporter's YAML is regular (no multi-line flow collections), so a few patterns per
    line suffice; literal blocks (``|``) are left plain, which is what they are.
    """

    _KEY = re.compile(r"^(\s*(?:-\s+)?)((?:'[^']*'|\"[^\"]*\"|[^\s'\"#][^:#]*?)):(?=\s|$)")
    _INLINE_KEY = re.compile(
        r"(?<=[{,]\s)([^\s{},:'\"][^{},:]*?):(?=\s)|(?<={)([^\s{},:'\"]"
        r"[^{},:]*?):(?=\s)"
    )
    _STRING = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"")
    _SCALAR = re.compile(
        r"(?<![\w.-])(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|~)"
        r"(?![\w.-])"
    )
    _REF = re.compile(r"\$ref:\s*(\S.*?)(?=\s*[},]|\s*$)")
    _COMMENT = re.compile(r"(?:^|\s)(#.*)$")

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.formats: dict[str, QTextCharFormat] = {}
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        # both sets keep text contrast above WCAG AA on their background
        colours = (
            {
                "key": "#7fb4ff",
                "string": "#9fd08a",
                "scalar": "#f0a35e",
                "comment": "#8b95a7",
                "ref": "#d7a6ff",
            }
            if dark
            else {
                "key": "#1c4fb8",
                "string": "#2d7a3a",
                "scalar": "#a24b00",
                "comment": "#6a7384",
                "ref": "#7a2fb5",
            }
        )
        self.formats = {}
        for role, colour in colours.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if role == "key":
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if role == "comment":
                fmt.setFontItalic(True)
            if role == "ref":
                fmt.setFontUnderline(True)
            self.formats[role] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for match in self._SCALAR.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.formats["scalar"])
        for match in self._STRING.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.formats["string"])
        key = self._KEY.match(text)
        if key:
            self.setFormat(key.start(2), key.end(2) - key.start(2), self.formats["key"])
        for match in self._INLINE_KEY.finditer(text):
            group = 1 if match.group(1) else 2
            self.setFormat(
                match.start(group), match.end(group) - match.start(group), self.formats["key"]
            )
        for match in self._REF.finditer(text):
            self.setFormat(match.start(1), match.end(1) - match.start(1), self.formats["ref"])
        comment = self._COMMENT.search(text)
        # a '#' inside a quoted string or a $ref ('#/components/...') is not a comment
        if comment and not self._inside_quotes(text, comment.start(1)):
            self.setFormat(comment.start(1), len(text) - comment.start(1), self.formats["comment"])

    def _inside_quotes(self, text: str, index: int) -> bool:
        return any(m.start() < index < m.end() for m in self._STRING.finditer(text))


class SpecPreviewPanel(QWidget):
    """The YAML documents of one application, rebuilt after each pause in editing."""

    def __init__(
        self, doc: Document, registry: Callable[[], Registry | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.registry = registry
        self.app_id: str | None = None
        self.preview: Preview | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)

        self.hint = QLabel("Select an application to preview its AsyncAPI and OpenAPI documents.")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabBar()
        self.tabs.setDrawBase(False)
        for kind in KINDS:
            self.tabs.addTab(KIND_TITLES[kind])
        self.version_combos: dict[str, QComboBox] = {}
        for kind in KINDS:
            combo = QComboBox()
            combo.addItems(list(VERSIONS[kind]))
            combo.setToolTip(f"{KIND_TITLES[kind]} version of the preview")
            combo.currentIndexChanged.connect(lambda _i: self.refresh_now())
            self.version_combos[kind] = combo
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the document's YAML to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = YamlHighlighter(self.editor.document(), self._is_dark())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(self.tabs)
        bar.addStretch(1)
        for combo in self.version_combos.values():
            bar.addWidget(combo)
        bar.addWidget(self.copy_button)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(page(bar, self.reason, (self.editor, 1), self.status))
        column(self, self.stack, margins=(4, 4, 4, 4))
        self.tabs.currentChanged.connect(self._kind_changed)
        self._kind_changed(self.tabs.currentIndex())
        self.reason.hide()
        doc.changed.connect(lambda _change: self.schedule())

    # -- what is shown -----------------------------------------------------------------

    @property
    def kind(self) -> str:
        return KINDS[max(self.tabs.currentIndex(), 0)]

    @property
    def version(self) -> str:
        return self.version_combos[self.kind].currentText()

    @property
    def text(self) -> str:
        return self.editor.toPlainText()

    def show_application(self, app_id: str | None) -> None:
        """Preview ``app_id``; None, or an id that is not an application, shows the hint."""
        element = self.doc.get(app_id) if app_id else None
        if not isinstance(element, Application):
            self.app_id = None
            self._timer.stop()
            self._show_hint("Select an application to preview its AsyncAPI and OpenAPI documents.")
            return
        if app_id != self.app_id:
            self.editor.clear()
            self.status.setText("Building…")
        self.app_id = app_id
        self.stack.setCurrentIndex(1)
        self.refresh_now()

    def schedule(self) -> None:
        """Rebuild after a pause in editing (each change restarts the pause)."""
        if self.app_id is not None:
            self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self.app_id is None:
            return
        try:
            preview = build_preview(
                self.doc.design, self.registry(), self.app_id, self.kind, self.version
            )
        except Exception as exc:  # the panel says so instead of going silently stale
            preview = Preview(
                self.app_id, self.kind, self.version, error=f"The preview failed: {exc}"
            )
        self._show(preview)

    def wait(self) -> None:
        """Kept for callers written against a threaded build; the build is synchronous."""
        QApplication.processEvents()

    def copy(self) -> None:
        # setText, not setMimeData: a QMimeData handed to the clipboard crashes PySide6 at exit
        QGuiApplication.clipboard().setText(self.text)

    # -- internals ---------------------------------------------------------------------

    def _show_hint(self, text: str) -> None:
        self.preview = None
        self.hint.setText(text)
        self.stack.setCurrentIndex(0)

    def _kind_changed(self, index: int) -> None:
        for kind, combo in self.version_combos.items():
            combo.setVisible(kind == KINDS[max(index, 0)])
        self.refresh_now()

    def _show(self, preview: Preview) -> None:
        if preview.error:
            self._show_hint(preview.error)
            return
        self.preview = preview
        if not any(preview.available.values()):
            apis = self._webhook_sources(preview.app_id)
            if apis:
                self._show_hint(
                    f"'{preview.app_id}' receives its events as webhook deliveries "
                    f"from {', '.join(apis)}; they are described in the OpenAPI "
                    f"document of {', '.join(apis)}, so '{preview.app_id}' has no "
                    "document of its own. Select the evented API to preview it."
                )
            else:
                self._show_hint(
                    f"'{preview.app_id}' neither publishes, subscribes, provides "
                    "endpoints nor offers webhooks, so it has no AsyncAPI or "
                    "OpenAPI document."
                )
            return
        self.stack.setCurrentIndex(1)
        for index, kind in enumerate(KINDS):
            self.tabs.setTabEnabled(index, preview.available[kind])
            self.tabs.setTabToolTip(
                index, "" if preview.available[kind] else self._missing_reason(kind, preview.app_id)
            )
        missing = [k for k in KINDS if not preview.available[k]]
        self.reason.setText(self._missing_reason(missing[0], preview.app_id) if missing else "")
        self.reason.setVisible(bool(missing))
        if not preview.available[preview.kind]:
            # switching tabs starts a run for the kind the application does have
            other = next(k for k in KINDS if preview.available[k])
            self.tabs.setCurrentIndex(KINDS.index(other))
            return
        if preview.text != self.editor.toPlainText():
            bar = self.editor.verticalScrollBar()
            position = bar.value()  # an edit should not throw the reader back to the top
            self.editor.setPlainText(preview.text)
            bar.setValue(position)
        self.status.setText(self._status_text(preview))
        self.status.setToolTip("\n".join(preview.notes))

    def _webhook_sources(self, app_id: str) -> list[str]:
        """The evented APIs that deliver to ``app_id`` by webhook, in the order it lists them."""
        app = self.doc.get(app_id)
        subscriptions = app.subscribes if isinstance(app, Application) else ()
        return list(dict.fromkeys(s.via for s in subscriptions if s.via))

    def _missing_reason(self, kind: str, app_id: str) -> str:
        if kind == "asyncapi":
            apis = self._webhook_sources(app_id)
            if apis:
                return (
                    f"'{app_id}' has no AsyncAPI document: it neither publishes nor "
                    "subscribes to a topic directly; the webhook deliveries it receives "
                    f"are in the OpenAPI document of {', '.join(apis)}."
                )
            return (
                f"'{app_id}' has no AsyncAPI document: it neither publishes nor subscribes "
                "to a topic (webhook deliveries are in the evented API's OpenAPI)."
            )
        return (
            f"'{app_id}' has no OpenAPI document: it provides no endpoints and offers no webhooks."
        )

    def _status_text(self, preview: Preview) -> str:
        title = f"{KIND_TITLES[preview.kind]} {preview.version}"
        if not preview.problems:
            notes = f" ({len(preview.notes)} export notes)" if preview.notes else ""
            return f"✔ {title}: valid{notes}"
        shown = preview.problems[:MAX_PROBLEMS_SHOWN]
        more = len(preview.problems) - len(shown)
        lines = [f"✖ {title}: {len(preview.problems)} problem(s); export will not write it"]
        lines += [f"• {p}" for p in shown]
        if more:
            lines.append(f"… and {more} more")
        return "\n".join(lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_dark(self._is_dark())
        super().changeEvent(event)

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128
