"""The application form: identity, the evented API switch, subscriptions and other links.

Links are mostly drawn on the canvas; here they are listed so each can be inspected and cut,
and publications and calls can also be added from a list. Subscriptions carry settings of
their own (webhook delivery ``via`` an evented API, consumer group, reader schema version), so
they are a table whose cells edit one subscription each. A row is identified by its index and
topic together: a late focus-out from a row that has just been replaced then edits nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.gui.panels.columns import column
from studio.gui.panels.form_box import FormBox
from studio.gui.panels.properties_base import (
    EDITABLE_VIEW,
    ElementForm,
    FormContext,
    combo,
    form_layout,
    line_edit,
    line_of,
    or_none,
    quiet,
    set_checked,
    set_edit_text,
    set_items,
    set_plain_text,
    set_text,
    show_choice,
)
from studio.gui.panels.properties_widgets import (
    CheckedField,
    EditorTable,
    PickCombo,
    RemovableList,
    cell,
    fit_height,
    must_start_with_slash,
    parse_version,
    remove_button,
    version_combo,
    version_text,
)
from studio.model import (
    APPLICATION_KINDS,
    Application,
    Element,
    Endpoint,
    Message,
    Publication,
    Subscription,
    Topic,
    Webhooks,
)

DIRECT = "(direct)"
SUBSCRIPTION_COLUMNS = ("Topic", "Via", "Group", "Schema", "")


class ApplicationForm(ElementForm):
    """Everything about one application except its position on the canvas."""

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._subscription_rows: tuple[str, ...] | None = None
        identity = FormBox.with_id(self, "Application")
        self.name_edit = identity.text_row("Name", "name", "Customer System API")
        self.kind_combo = identity.choice_row("Kind", "kind")
        self.owner_edit = identity.text_row("Owner", "owner", "team")
        self.description_edit = identity.description_row()
        self.backend_combo = identity.choice_row("Backend", "backend", optional=True)

        self.evented_check = QCheckBox("Evented API (consumers register webhooks)")
        self.evented_check.setObjectName("evented")
        self.evented_check.toggled.connect(self._toggle_evented)
        self.registration_field = CheckedField(
            must_start_with_slash, self._edit_registration, "/subscriptions", "registration"
        )
        self.registration_edit = self.registration_field.edit
        self.webhook_topics = QListWidget()
        self.webhook_topics.setObjectName("webhook-topics")
        self.webhook_topics.setProperty(EDITABLE_VIEW, True)
        self.webhook_topics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.webhook_topics.itemChanged.connect(self._toggle_webhook_topic)
        evented = QGroupBox("Evented API")
        evented_layout = QVBoxLayout(evented)
        evented_layout.addWidget(self.evented_check)
        self.webhook_details = QWidget()
        details = form_layout(self.webhook_details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addRow("Registration", self.registration_field)
        details.addRow("Topics", self.webhook_topics)
        evented_layout.addWidget(self.webhook_details)

        self.subscriptions = EditorTable(SUBSCRIPTION_COLUMNS, stretch=2, name="subscriptions")
        subscriptions = QGroupBox("Subscriptions")
        QVBoxLayout(subscriptions).addWidget(self.subscriptions)

        links = FormBox(self, "Links")
        self.publishes_list = links.row("Publishes", RemovableList("publishes"))
        self.publishes_list.remove_requested.connect(self._remove_publication)
        self.add_publication = links.row("", PickCombo("Add topic…", "add-publication"))
        self.add_publication.picked.connect(self._add_publication)
        self.calls_list = self._id_list(links, "Calls", "calls")
        self.add_call = links.row("", PickCombo("Add endpoint…", "add-call"))
        self.add_call.picked.connect(self._add_call)
        self.writes_list = self._id_list(links, "Writes", "writes")
        self.reads_list = self._id_list(links, "Reads", "reads")
        column(self, identity, evented, subscriptions, links)

    def _id_list(self, box: FormBox, label: str, field: str) -> RemovableList:
        """A row listing the ids in ``field``, each with its remove button."""
        ids = box.row(label, RemovableList(field))
        ids.remove_requested.connect(lambda row: self._remove_id(field, row))
        return ids

    # -- showing ---------------------------------------------------------------------

    def show_element(self, element_id: str | None) -> None:
        self._subscription_rows = None
        super().show_element(element_id)

    def load(self, element: Element) -> None:
        assert isinstance(element, Application)
        app, design = element, self.ctx.doc.design
        set_text(self.name_edit, app.name)
        show_choice(self.kind_combo, [(k, k) for k in APPLICATION_KINDS], app.kind)
        set_text(self.owner_edit, app.owner)
        set_plain_text(self.description_edit, app.description)
        backends = [("(none)", "")] + [
            (a.id, a.id) for a in design.applications if a.kind == "backend" and a.id != app.id
        ]
        show_choice(self.backend_combo, backends, app.backend, " (not a backend)")

        hooks = app.webhooks
        set_checked(self.evented_check, hooks is not None)
        self.webhook_details.setVisible(hooks is not None)
        if hooks is not None:
            self.registration_field.set_value(hooks.registration)
            self._load_webhook_topics(hooks, [t.id for t in design.topics])
        self._load_subscriptions(app)

        self.publishes_list.set_entries(
            [(p.topic, p.topic, p.description or "") for p in app.publishes]
        )
        published = {p.topic for p in app.publishes}
        self.add_publication.set_choices(
            [(t.id, t.id) for t in design.topics if t.id not in published]
        )
        self.calls_list.set_entries([(c, c, self._endpoint_tip(c)) for c in app.calls])
        self.add_call.set_choices(
            [
                (f"{e.id}  ({e.method} {e.path})", e.id)
                for e in design.endpoints
                if e.id not in app.calls and e.provider != app.id
            ]
        )
        self.writes_list.set_entries([(w, w, "") for w in app.writes])
        self.reads_list.set_entries([(r, r, "") for r in app.reads])

    def _endpoint_tip(self, endpoint_id: str) -> str:
        endpoint = self.ctx.doc.get(endpoint_id)
        if not isinstance(endpoint, Endpoint):
            return "No endpoint has this id."
        return f"{endpoint.method} {endpoint.path} on {endpoint.provider}"

    def _load_webhook_topics(self, hooks: Webhooks, topics: list[str]) -> None:
        names = topics + [t for t in hooks.topics if t not in topics]
        view = self.webhook_topics
        with quiet(view):
            if [view.item(i).text() for i in range(view.count())] != names:
                view.clear()
                for name in names:
                    item = QListWidgetItem(name)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)  # draws the box from the start
                    view.addItem(item)
                fit_height(view, len(names), most=6)
            for i in range(view.count()):
                item = view.item(i)
                state = (
                    Qt.CheckState.Checked
                    if item.text() in hooks.topics
                    else Qt.CheckState.Unchecked
                )
                if item.checkState() != state:
                    item.setCheckState(state)

    def _load_subscriptions(self, app: Application) -> None:
        table = self.subscriptions
        rows = tuple(s.topic for s in app.subscribes)
        rebuilt = rows != self._subscription_rows
        if rebuilt:
            self._subscription_rows = rows
            table.setRowCount(0)  # index widgets go with deleteLater: safe inside their signals
            table.setRowCount(len(rows))
            for row, topic in enumerate(rows):
                self._build_subscription_row(row, topic)
        evented = [
            a for a in self.ctx.doc.design.applications if a.webhooks is not None and a.id != app.id
        ]
        for row, sub in enumerate(app.subscribes):
            via = cell(table, row, 1, QComboBox)
            apis = [(DIRECT, "")] + [
                (a.id, a.id) for a in evented if a.webhooks and sub.topic in a.webhooks.topics
            ]
            show_choice(via, apis, sub.via, " (not an evented API for this topic)")
            set_text(cell(table, row, 2, QLineEdit), sub.group)
            version = cell(table, row, 3, QComboBox)
            set_items(version, [(v, v) for v in self._version_choices(sub)])
            set_edit_text(version, version_text(sub.schema_version))
        if rebuilt:
            table.fit()

    def _build_subscription_row(self, row: int, topic: str) -> None:
        table = self.subscriptions
        label = QLabel(topic)
        label.setContentsMargins(4, 0, 4, 0)
        table.setCellWidget(row, 0, label)
        via = combo(lambda v: self._edit_subscription(row, topic, "via", via=v or None))
        table.setCellWidget(row, 1, via)
        group = line_edit(
            lambda t: self._edit_subscription(row, topic, "group", group=or_none(t)), "group"
        )
        table.setCellWidget(row, 2, group)
        version = version_combo()
        commit = self._version_committer(row, topic, version)
        version.activated.connect(commit)
        line_of(version).editingFinished.connect(commit)
        table.setCellWidget(row, 3, version)
        remove = remove_button(f"Remove the subscription to {topic}")
        remove.clicked.connect(lambda: self._remove_subscription(row, topic))
        table.setCellWidget(row, 4, remove)

    def _version_choices(self, sub: Subscription) -> list[str]:
        """Nothing, ``latest`` and the live versions of the topic's payload subjects."""
        choices = ["", "latest"]
        registry, topic = self.ctx.registry, self.ctx.doc.get(sub.topic)
        if registry is not None and isinstance(topic, Topic):
            numbers: set[int] = set()
            for message_id in topic.messages:
                message = self.ctx.doc.get(message_id)
                payload = message.payload if isinstance(message, Message) else None
                subject = registry.subjects.get(getattr(payload, "subject", ""))
                if subject is not None:
                    numbers.update(v.version for v in subject.live_versions())
            choices += [str(n) for n in sorted(numbers, reverse=True)]
        if isinstance(sub.schema_version, int) and str(sub.schema_version) not in choices:
            choices.append(str(sub.schema_version))
        return choices

    # -- edits -----------------------------------------------------------------------

    def _toggle_evented(self, checked: bool) -> None:
        app = self.element()
        if not isinstance(app, Application) or checked == (app.webhooks is not None):
            return
        if checked:
            self.change(f"Make '{app.id}' an evented API", webhooks=Webhooks())
        else:
            self.change(f"Make '{app.id}' a plain API", webhooks=None)

    def _edit_registration(self, text: str) -> None:
        app = self.element()
        if isinstance(app, Application) and app.webhooks is not None:
            hooks = dataclasses.replace(app.webhooks, registration=text)
            self.edit("webhook registration", "registration", webhooks=hooks)

    def _toggle_webhook_topic(self, item: QListWidgetItem) -> None:
        app = self.element()
        if not isinstance(app, Application) or app.webhooks is None:
            return
        topic, checked = item.text(), item.checkState() == Qt.CheckState.Checked
        topics = app.webhooks.topics
        if checked == (topic in topics):
            return
        # Keep the user's order; a newly delivered topic goes last.
        topics = (*topics, topic) if checked else tuple(t for t in topics if t != topic)
        verb = "Deliver" if checked else "Stop delivering"
        self.change(
            f"{verb} '{topic}' by webhook from '{app.id}'",
            webhooks=dataclasses.replace(app.webhooks, topics=topics),
        )

    def _subscription(self, row: int, topic: str) -> Subscription | None:
        app = self.element()
        if (
            isinstance(app, Application)
            and row < len(app.subscribes)
            and app.subscribes[row].topic == topic
        ):
            return app.subscribes[row]
        return None

    def _edit_subscription(self, row: int, topic: str, what: str, **changes: Any) -> None:
        app, sub = self.element(), self._subscription(row, topic)
        if not isinstance(app, Application) or sub is None:
            return
        subscribes = list(app.subscribes)
        subscribes[row] = dataclasses.replace(sub, **changes)
        self.edit(
            f"{what} of the subscription to '{topic}'",
            ("subscribes", row, what),
            subscribes=tuple(subscribes),
        )

    def _version_committer(self, row: int, topic: str, box: QComboBox) -> Callable[..., None]:
        def commit(*_: object) -> None:
            sub = self._subscription(row, topic)
            if sub is None:
                return
            try:
                version = parse_version(box.currentText())
            except ValueError:
                set_edit_text(box, version_text(sub.schema_version))
                return
            self._edit_subscription(row, topic, "schema version", schema_version=version)

        return commit

    def _remove_subscription(self, row: int, topic: str) -> None:
        app = self.element()
        if isinstance(app, Application) and self._subscription(row, topic) is not None:
            self.change(
                f"Remove the subscription of '{app.id}' to '{topic}'",
                subscribes=app.subscribes[:row] + app.subscribes[row + 1 :],
            )

    def _remove_publication(self, row: int) -> None:
        app = self.element()
        if isinstance(app, Application) and row < len(app.publishes):
            self.change(
                f"Remove the publication of '{app.id}' to '{app.publishes[row].topic}'",
                publishes=app.publishes[:row] + app.publishes[row + 1 :],
            )

    def _add_publication(self, topic: str) -> None:
        app = self.element()
        if isinstance(app, Application):
            self.change(
                f"Publish '{topic}' from '{app.id}'", publishes=(*app.publishes, Publication(topic))
            )

    def _add_call(self, endpoint: str) -> None:
        app = self.element()
        if isinstance(app, Application) and endpoint not in app.calls:
            self.change(f"Call '{endpoint}' from '{app.id}'", calls=(*app.calls, endpoint))

    def _remove_id(self, field: str, row: int) -> None:
        app = self.element()
        if not isinstance(app, Application):
            return
        values: tuple[str, ...] = getattr(app, field)
        if row < len(values):
            self.change(
                f"Remove '{values[row]}' from {field} of '{app.id}'",
                **{field: values[:row] + values[row + 1 :]},
            )
