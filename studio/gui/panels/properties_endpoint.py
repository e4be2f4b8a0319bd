"""The endpoint form: method, path, texts, request body and the responses by status.

Responses are a mapping from status to message (or no body), edited as a table. A status is
renamed on Enter or focus-out, not per keystroke, because it is the key of the mapping: while
"404" is being typed, "4" and "40" are not statuses. Rows keep the file's order.

A body is chosen among the design's messages or created on the spot with "New message…",
which adds the message and points the body at it in one undo step. The message last chosen or
created for a body is shown in a message form under the responses, where its payload subject
is picked from the registry, as a topic shows its messages.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.edit.body_messages import new_body_message
from studio.gui.panels.columns import column
from studio.gui.panels.form_box import FormBox
from studio.gui.panels.properties_base import (
    ElementForm,
    FormContext,
    combo,
    error_label,
    set_current,
    set_items,
    set_plain_text,
    set_text,
    show_choice,
    with_current,
)
from studio.gui.panels.properties_message import MessageForm
from studio.gui.panels.properties_widgets import (
    EditorTable,
    cell,
    must_start_with_slash,
    remove_button,
)
from studio.model import HTTP_METHODS, Change, Element, ElementReplaced, Endpoint

STATUS_RE = re.compile(r"^([1-5][0-9]{2}|[1-5]XX|default)$")
COMMON_STATUSES = ("200", "201", "204", "400", "404", "409", "500")
NO_BODY = "(no body)"
# The choice that creates a message; its data can never be an id (ids start with a letter).
NEW_MESSAGE = ("New message…", "<new>")


class EndpointForm(ElementForm):
    """One synchronous operation of its provider."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rows: tuple[str, ...] | None = None
        self._message_id: str | None = None  # the body shown in the message form
        operation = FormBox.with_id(self, "Endpoint")
        self.provider_label = operation.row("Provider", QLabel())
        self.provider_label.setObjectName("provider")
        self.method_combo = operation.choice_row("Method", "method")
        self.path_field = operation.checked_row(
            "Path", "path", must_start_with_slash, "/customers/{customerId}"
        )
        self.path_edit = self.path_field.edit
        self.summary_edit = operation.text_row("Summary", "summary")
        self.description_edit = operation.description_row()
        self.request_combo = operation.row(
            "Request", combo(lambda m: self._set_request(m or None), "request")
        )

        self.responses = EditorTable(
            ("Status", "Message", ""), stretch=1, name="responses", most_rows=8
        )
        self.responses_error = error_label()
        self.add_response = QPushButton("Add response")
        self.add_response.setObjectName("add-response")
        self.add_response.clicked.connect(self._add_response)
        responses = QGroupBox("Responses")
        responses_layout = QVBoxLayout(responses)
        responses_layout.addWidget(self.responses)
        responses_layout.addWidget(self.responses_error)
        responses_layout.addWidget(self.add_response)

        self.message_form = MessageForm(ctx)
        self.message_form.hide()

        column(self, operation, responses, self.message_form)

    def show_element(self, element_id: str | None) -> None:
        self._rows = None
        if element_id != self.element_id:
            self.message_form.commit_typed_id()
            self._message_id = None
        super().show_element(element_id)

    def follow(self, change: Change) -> bool:
        if isinstance(change, ElementReplaced) and change.old.id == self._message_id:
            self._message_id = change.new.id  # the shown body was renamed
        return super().follow(change)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.responses_error.hide()

    def load(self, element: Element) -> None:
        assert isinstance(element, Endpoint)
        set_text(self.provider_label, element.provider)
        show_choice(self.method_combo, [(m, m) for m in HTTP_METHODS], element.method)
        self.path_field.set_value(element.path)
        set_text(self.summary_edit, element.summary)
        set_plain_text(self.description_edit, element.description)
        messages = [(m.id, m.id) for m in self.ctx.doc.design.messages]
        set_items(
            self.request_combo,
            [*with_current([("(none)", ""), *messages], element.request), NEW_MESSAGE],
        )
        set_current(self.request_combo, element.request)

        rows = tuple(element.responses)
        rebuilt = rows != self._rows
        if rebuilt:
            self._rows = rows
            self.responses.setRowCount(0)  # index widgets go with deleteLater
            self.responses.setRowCount(len(rows))
            for row, status in enumerate(rows):
                self._build_row(row, status)
        for row, (status, message) in enumerate(element.responses.items()):
            set_text(cell(self.responses, row, 0, QLineEdit), status)
            body = cell(self.responses, row, 1, QComboBox)
            set_items(body, [*with_current([(NO_BODY, ""), *messages], message), NEW_MESSAGE])
            set_current(body, message)
        if rebuilt:
            self.responses.fit()
        self._show_body(element)

    def _show_body(self, endpoint: Endpoint) -> None:
        """The message form, for the body last chosen while the endpoint still uses it (an
        undo of "New message…" takes the form away with the message)."""
        used = self._message_id in (endpoint.request, *endpoint.responses.values())
        shown = used and self._message_id in self.ctx.doc
        self.message_form.setVisible(shown)
        if shown:
            self.message_form.element_id = self._message_id
            self.message_form.refresh()

    def _build_row(self, row: int, status: str) -> None:
        status_edit = QLineEdit(status)
        status_edit.setMaxLength(7)
        status_edit.setFixedWidth(status_edit.fontMetrics().horizontalAdvance("default") + 24)
        status_edit.editingFinished.connect(
            lambda: self._rename_status(status, status_edit.text().strip())
        )
        self.responses.setCellWidget(row, 0, status_edit)
        body = combo(lambda m: self._set_body(status, m or None))
        self.responses.setCellWidget(row, 1, body)
        remove = remove_button(f"Remove the {status} response")
        remove.clicked.connect(lambda: self._remove_response(status))
        self.responses.setCellWidget(row, 2, remove)

    # -- edits -----------------------------------------------------------------------

    def _set_request(self, message: str | None) -> None:
        if message == NEW_MESSAGE[1]:
            self._new_body(None)
            return
        self._choose_body(message)
        self.edit("request", "request", request=message)

    def _set_body(self, status: str, message: str | None) -> None:
        if message == NEW_MESSAGE[1]:
            self._new_body(status)
            return
        endpoint = self.element()
        if isinstance(endpoint, Endpoint) and status in endpoint.responses:
            self._choose_body(message)
            self.edit(
                f"response {status}",
                ("response", status),
                responses={**endpoint.responses, status: message},
            )

    def _choose_body(self, message: str | None) -> None:
        if message != self._message_id:
            self.message_form.commit_typed_id()
        self._message_id = message
        self.refresh()

    def _new_body(self, status: str | None) -> None:
        """Add a message and make it the body of the request (None) or of ``status``."""
        if self.element_id is None or self.ctx.read_only:
            self.refresh()  # puts the combo back on the current body
            return
        made = new_body_message(self.ctx.doc, self.element_id, status)
        if made is None:
            return
        step, message_id = made
        self._choose_body(message_id)
        self.ctx.push(step)

    def _rename_status(self, old: str, new: str) -> None:
        endpoint = self.element()
        if not isinstance(endpoint, Endpoint) or old not in endpoint.responses or old == new:
            self.responses_error.hide()
            return
        problem = (
            None
            if STATUS_RE.match(new)
            else "A status is a code such as 200, a range such as 4XX, or 'default'."
        )
        if problem is None and new in endpoint.responses:
            problem = f"There is a {new} response already."
        if problem:
            self.responses_error.setText(problem)
            self.responses_error.show()
            row = list(endpoint.responses).index(old)
            set_text(cell(self.responses, row, 0, QLineEdit), old)
            return
        self.responses_error.hide()
        self.change(
            f"Change response {old} to {new} in '{endpoint.id}'",
            responses={(new if s == old else s): m for s, m in endpoint.responses.items()},
        )

    def _remove_response(self, status: str) -> None:
        endpoint = self.element()
        if isinstance(endpoint, Endpoint) and status in endpoint.responses:
            self.change(
                f"Remove response {status} from '{endpoint.id}'",
                responses={s: m for s, m in endpoint.responses.items() if s != status},
            )

    def _add_response(self) -> None:
        endpoint = self.element()
        if not isinstance(endpoint, Endpoint):
            return
        taken = set(endpoint.responses)
        status = next((s for s in COMMON_STATUSES if s not in taken), None)
        if status is None:
            status = next(str(code) for code in range(201, 600) if str(code) not in taken)
        self.change(
            f"Add response {status} to '{endpoint.id}'",
            responses={**endpoint.responses, status: None},
        )
