"""Turning the site model into HTML pages with Jinja2 templates that escape everything.

Every text of a design or registry is untrusted (a name may be ``<script>...``), so the
environment autoescapes every template, whatever its name, and nothing here marks text as
safe. JSON for the catalogue goes through Jinja's ``tojson``, which also escapes ``<``, ``>``,
``&`` and ``'``, so a ``</script>`` inside a description cannot end the data block. Undefined
names raise, so a template typo fails the tests instead of printing nothing.

Templates live in ``resources/portal/templates``; each page gets the site, the catalogue, a
function to get a message's payload views, and ``root``: the prefix back to the portal's top.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from studio import __version__
from studio.export.schemas import SchemaResolver
from studio.model import Application, Broker, Message, Topic
from studio.model.views import View, view_members
from studio.portal.catalogue import KIND_LABELS, KINDS, Catalogue
from studio.portal.diagram import MeshPicture
from studio.portal.paths import INDEX, anchor, root_of
from studio.portal.payloads import PayloadInfo, payloads_of, subject_of
from studio.portal.schema_view import data_text
from studio.portal.site import Site

# how to subscribe directly, per protocol: the one thing a newcomer gets wrong
SUBSCRIBE_HINTS = {
    "kafka": "Use a consumer group of your own (group.id), so your reads do not take "
    "messages away from another team's consumers.",
    "mqtt": "Subscribe to the topic with the QoS the producers publish at; use a shared "
    "subscription ($share/GROUP/...) to spread messages over several instances.",
    "amqp": "Declare a queue of your own and bind it to the exchange with this routing key.",
    "anypointmq": "Ask for a queue of your own bound to this exchange.",
    "solace": "Subscribe with a topic subscription, or a queue of your own subscribed to it.",
    "nats": "Subscribe to the subject; use a queue group to spread messages over instances.",
    "ws": "Open a WebSocket connection to the broker's host and listen on this channel.",
    "http": "Call the broker's host over HTTP as its API describes.",
}


# control characters (but tab and line breaks): a raw ESC or NUL in a page is invalid HTML
# and can drive a terminal that shows the file
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible(value: Any) -> Any:
    """A value about to be written into a page, with control characters as escapes
    (``\x1b``); markup stays markup."""
    if not isinstance(value, str) or not _CONTROL.search(value):
        return value
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)
    return Markup(text) if isinstance(value, Markup) else text


# what every template may read or call besides its page's own context
_GLOBALS: dict[str, Any] = {
    "anchor": anchor,
    "kind_labels": KIND_LABELS,
    "kinds": KINDS,
    "hints": SUBSCRIBE_HINTS,
    "studio_version": __version__,
    "data_text": data_text,
}


def environment() -> Environment:
    """The Jinja2 environment of the portal's templates."""
    env = Environment(
        loader=PackageLoader("studio.resources", "portal/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=visible,
    )
    env.globals.update(_GLOBALS)
    return env


class PageRenderer:
    """Renders the pages of one portal; payload views are computed once per message."""

    def __init__(
        self,
        site: Site,
        resolver: SchemaResolver,
        catalogue: Catalogue,
        picture: MeshPicture,
        view_pictures: dict[str, MeshPicture] | None = None,
    ) -> None:
        self.site = site
        self.resolver = resolver
        self.catalogue = catalogue
        self.picture = picture
        self.view_pictures = view_pictures or {}
        self.env = environment()
        self._payloads: dict[str, list[PayloadInfo]] = {}
        info = site.design.info
        self.title = info.title or "Event portal"

    def payloads(self, message: Message) -> list[PayloadInfo]:
        if message.id not in self._payloads:
            self._payloads[message.id] = payloads_of(self.site, self.resolver, message)
        return self._payloads[message.id]

    def _render(self, template: str, page: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            site=self.site,
            design=self.site.design,
            page=page,
            root=root_of(page),
            portal_title=self.title,
            payloads=self.payloads,
            **context,
        )

    def render(self, kind: str, item: Any) -> str:
        """The page of ``item``, a ``kind`` of element (``index`` takes no item)."""
        if kind == "index":
            return self.index()
        renderers: dict[str, Callable[[Any], str]] = {
            "topic": self.topic,
            "application": self.application,
            "message": self.message,
            "subject": self.subject,
            "broker": self.broker,
            "view": self.view,
        }
        return renderers[kind](item)

    def index(self) -> str:
        return self._render("index.html", INDEX, catalogue=self.catalogue, picture=self.picture)

    def topic(self, topic: Topic) -> str:
        return self._render("topic.html", self.site.paths.topic(topic.id), topic=topic)

    def application(self, app: Application) -> str:
        return self._render("application.html", self.site.paths.application(app.id), app=app)

    def message(self, message: Message) -> str:
        return self._render("message.html", self.site.paths.message(message.id), message=message)

    def subject(self, name: str) -> str:
        return self._render(
            "subject.html", self.site.paths.subject(name), subject=subject_of(self.site, name)
        )

    def broker(self, broker: Broker) -> str:
        return self._render("broker.html", self.site.paths.broker(broker.id), broker=broker)

    def view(self, view: View) -> str:
        members = view_members(self.site.design, view)
        return self._render(
            "view.html",
            self.site.paths.view(view.id),
            view=view,
            picture=self.view_pictures[view.id],
            assets=view_assets(self.site, view),
            applications=[a for a in self.site.design.applications if a.id in members],
            topics=[t for t in self.site.design.topics if t.id in members],
        )


def view_assets(site: Site, view: View) -> str:
    """The stem of a view's picture and style sheet in ``assets/`` (``view-<page stem>``)."""
    return "view-" + site.paths.view(view.id).rsplit("/", 1)[-1].removesuffix(".html")
