"""The Properties panel: the form of the selected element, or of the design itself.

The panel owns one form per element kind and shows the one that fits. It never writes the
document: forms turn edits into commands for ``push`` (the main window's undo stack, which
runs them), and the panel mirrors the document's events back into the form, so undo, redo, a
rename or an edit made on the canvas all show up here the same way. When the shown element
goes away the panel falls back to the design's own properties.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from studio.edit import Command
from studio.gui.panels.properties_application import ApplicationForm
from studio.gui.panels.properties_base import ElementForm, FormContext, apply_read_only, hint_label
from studio.gui.panels.properties_basic import BrokerForm, DesignForm, NoteForm
from studio.gui.panels.properties_endpoint import EndpointForm
from studio.gui.panels.properties_message import MessageForm
from studio.gui.panels.properties_topic import TopicForm
from studio.model import (
    Application,
    Broker,
    Change,
    Document,
    DocumentReset,
    Endpoint,
    Message,
    Note,
    PositionChanged,
    SectionChanged,
    Topic,
    kind_name,
)
from studio.registry import Registry

FORMS: dict[type | None, type[ElementForm]] = {
    None: DesignForm,
    Application: ApplicationForm,
    Topic: TopicForm,
    Message: MessageForm,
    Endpoint: EndpointForm,
    Broker: BrokerForm,
    Note: NoteForm,
}


class PropertiesPanel(QWidget):
    """Forms to edit the selected element (or the design), through undoable commands."""

    def __init__(
        self, doc: Document, push: Callable[[Command], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("properties-panel")
        self._ctx = FormContext(doc, push)
        self.header = QLabel()
        self.header.setObjectName("properties-header")
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.header.setFont(font)
        self.header.setWordWrap(True)
        self.review_banner = hint_label("Review mode: properties are read-only.")
        self.review_banner.hide()

        container = QWidget()
        forms_layout = QVBoxLayout(container)
        forms_layout.setContentsMargins(4, 0, 4, 4)
        self.forms: dict[type | None, ElementForm] = {}
        for kind, form_class in FORMS.items():
            form = form_class(self._ctx)
            form.hide()
            forms_layout.addWidget(form)
            self.forms[kind] = form
        forms_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(container)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.review_banner)
        layout.addWidget(self._scroll, 1)

        self.form: ElementForm = self.forms[None]  # the form on show
        self.form.show()
        doc.changed.connect(self._on_changed)
        # The document usually outlives the panel: stop listening when the panel goes.
        self.destroyed.connect(lambda: doc.changed.disconnect(self._on_changed))
        self.show_element(None)

    # -- the contract with the main window ---------------------------------------------

    def show_element(self, element_id: str | None) -> None:
        """Show an element's form; None (or an unknown id) shows the design's properties."""
        element = self._ctx.doc.get(element_id) if element_id else None
        form = self.forms[type(element) if element is not None else None]
        if form is not self.form:
            self.form.hide()
            form.show()
            self.form = form
            self._scroll.verticalScrollBar().setValue(0)
        form.show_element(element.id if element is not None else None)
        self._update_header()

    def set_registry(self, registry: Registry | None, problem: str | None = None) -> None:
        """Offer this registry's subjects for payloads and keys (None: free text); ``problem``
        says why the design's registry file did not load."""
        self._ctx.registry, self._ctx.registry_problem = registry, problem
        self.form.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """Review mode: every editor is read-only or disabled."""
        self._ctx.read_only = read_only
        self.review_banner.setVisible(read_only)
        for form in self.forms.values():
            apply_read_only(form, read_only)
        self.form.refresh()

    # -- for the window and tests ---------------------------------------------------

    @property
    def shown_id(self) -> str | None:
        """The id of the element on show; None for the design."""
        return self.form.element_id

    # -- mirroring the document ------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if isinstance(change, PositionChanged):
            return  # geometry is not shown here; a drag must stay cheap
        if self.form.element_id is None and not _shown_by_design_form(change):
            return  # deleting a whole big mesh must not reload it for each element
        if not self.form.follow(change):
            self.show_element(None)
            return
        self.form.refresh()
        self._update_header()

    def _update_header(self) -> None:
        element = self.form.element()
        if element is None:
            self.header.setText("Design")
            return
        kind = kind_name(element).capitalize()
        self.header.setText(f"{kind} '{element.id}'")


def _shown_by_design_form(change: Change) -> bool:
    """Whether a change alters what the design's own form shows: its info and registry."""
    if isinstance(change, SectionChanged):
        return change.name in ("info", "registry")
    return isinstance(change, DocumentReset)
