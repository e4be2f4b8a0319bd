"""Who uses what in one design: the facts breaking rules ask about, by id.

A change breaks someone when something depends on what changed: a topic's producers and
consumers (direct subscribers and webhook deliveries), an endpoint's callers, the topics and
endpoints that carry a message, the subscribers an evented API delivers to, a datastore's
readers. ``Usage`` answers those questions in ids from the model's uses index
(``studio.model.uses``), built once per side, so classifying thousands of changes stays
linear.
"""

from __future__ import annotations

from collections.abc import Iterable

from studio.model import Application, Design, Element, Subscription
from studio.model.references import CALL, Reference
from studio.model.uses import ids, uses_of


class Usage:
    """The uses of one design's elements, by id (``Usage(design)``)."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.uses = uses_of(design)
        self.elements: dict[str, Element] = {e.id: e for e in design.elements()}

    def has(self, element_id: str) -> bool:
        return element_id in self.elements

    def producers(self, topic: str) -> list[str]:
        return self.uses.producers(topic)

    def consumers(self, topic: str) -> list[str]:
        """Applications consuming ``topic``, directly or by webhook."""
        return self.uses.consumers(topic)

    def produced_by(self, app: str) -> list[str]:
        """The topics ``app`` publishes to, each once."""
        element = self.elements.get(app)
        if not isinstance(element, Application):
            return []
        return list(dict.fromkeys(p.topic for p in element.publishes))

    def subscriptions(self, topic: str) -> list[tuple[Application, Subscription]]:
        return self.uses.subscriptions(topic)

    def webhook_subscribers(self, api: str) -> list[tuple[str, str]]:
        """(consumer, topic) of each subscription the evented API ``api`` delivers."""
        return [(app.id, s.topic) for app, s in self.uses.deliveries(api)]

    def users(self, element_id: str, reference: Reference) -> list[str]:
        """Who names ``element_id`` through ``reference``, each once: ``users(endpoint,
        CALL)`` are its callers, ``users(store, READ)`` its readers."""
        return ids(self.uses.owners(element_id, reference))

    def topics_of_message(self, message: str) -> list[str]:
        return ids(self.uses.topics_of_message(message))

    def requests_of_message(self, message: str) -> list[str]:
        return ids(e for e, status in self.uses.bodies_of(message) if status is None)

    def responses_of_message(self, message: str) -> list[str]:
        return ids(e for e, status in self.uses.bodies_of(message) if status is not None)

    def clients_of_topic(self, topic: str) -> list[str]:
        """Producers, then consumers, of a topic (each once)."""
        return list(dict.fromkeys([*self.producers(topic), *self.consumers(topic)]))

    def consumers_of_message(self, message: str) -> list[str]:
        """Applications consuming a topic that carries the message."""
        return list(
            dict.fromkeys(c for t in self.topics_of_message(message) for c in self.consumers(t))
        )

    def callers_of_message(self, message: str) -> list[str]:
        """Applications calling an endpoint whose request or a response is the message."""
        endpoints = [*self.requests_of_message(message), *self.responses_of_message(message)]
        return list(dict.fromkeys(c for e in endpoints for c in self.users(e, CALL)))

    def references_to(self, element_id: str) -> list[str]:
        """Ids of the elements that name ``element_id`` in one of their fields."""
        return self.uses.referrers(element_id)

    def receives(self, app: str, topic: str) -> bool:
        """Whether ``app`` consumes ``topic`` at all (directly or by webhook)."""
        return app in self.consumers(topic)


def names(ids: Iterable[str], limit: int = 4) -> str:
    """``a, b and c`` (at most ``limit`` names, then ``and N more``) for reasons."""
    items = list(dict.fromkeys(ids))
    if len(items) > limit:
        rest = len(items) - limit + 1
        items = [*items[: limit - 1], f"{rest} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def verb(ids: Iterable[str], word: str) -> str:
    """``word`` agreeing with how many ``ids`` there are: ``consume`` -> ``consumes`` for one."""
    if len(list(dict.fromkeys(ids))) != 1:
        return word
    return word + ("es" if word.endswith("o") else "s")
