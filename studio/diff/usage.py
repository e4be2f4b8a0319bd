"""Who uses what in one design: the facts breaking rules ask about, indexed once per side.

A change breaks someone when something depends on what changed: a topic's producers and
consumers (direct subscribers and webhook deliveries), an endpoint's callers, the topics and
endpoints that carry a message, the subscribers an evented API delivers to, a datastore's
readers. ``Usage`` answers those questions for one design in constant time, so classifying
thousands of changes stays linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from studio.model import Application, Design, Element, Subscription


class Usage:
    """Indexes of one design's relations, built once (``Usage(design)``)."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self._referrers: dict[str, list[str]] | None = None
        self.elements: dict[str, Element] = {e.id: e for e in design.elements()}
        self.producers: dict[str, list[str]] = defaultdict(list)
        self.consumers: dict[str, list[str]] = defaultdict(list)
        self.subscriptions: dict[str, list[tuple[Application, Subscription]]] = defaultdict(list)
        self.webhook_subscribers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.callers: dict[str, list[str]] = defaultdict(list)
        self.writers: dict[str, list[str]] = defaultdict(list)
        self.readers: dict[str, list[str]] = defaultdict(list)
        self.fronting: dict[str, list[str]] = defaultdict(list)
        self.webhook_topics: dict[str, list[str]] = defaultdict(list)
        for app in design.applications:
            self._index_application(app)
        self.topics_of_message: dict[str, list[str]] = defaultdict(list)
        self.topics_on_broker: dict[str, list[str]] = defaultdict(list)
        for topic in design.topics:
            for message in dict.fromkeys(topic.messages):
                self.topics_of_message[message].append(topic.id)
            if topic.broker:
                self.topics_on_broker[topic.broker].append(topic.id)
        self.requests_of_message: dict[str, list[str]] = defaultdict(list)
        self.responses_of_message: dict[str, list[str]] = defaultdict(list)
        self.endpoints_of_provider: dict[str, list[str]] = defaultdict(list)
        for endpoint in design.endpoints:
            self.endpoints_of_provider[endpoint.provider].append(endpoint.id)
            if endpoint.request:
                self.requests_of_message[endpoint.request].append(endpoint.id)
            for message in dict.fromkeys(m for m in endpoint.responses.values() if m):
                self.responses_of_message[message].append(endpoint.id)

    def _index_application(self, app: Application) -> None:
        for publication in app.publishes:
            _add(self.producers[publication.topic], app.id)
        for subscription in app.subscribes:
            _add(self.consumers[subscription.topic], app.id)
            self.subscriptions[subscription.topic].append((app, subscription))
            if subscription.via:
                self.webhook_subscribers[subscription.via].append((app.id, subscription.topic))
        for endpoint in app.calls:
            _add(self.callers[endpoint], app.id)
        for store in app.writes:
            _add(self.writers[store], app.id)
        for store in app.reads:
            _add(self.readers[store], app.id)
        if app.backend:
            self.fronting[app.backend].append(app.id)
        if app.webhooks:
            for topic in app.webhooks.topics:
                self.webhook_topics[topic].append(app.id)

    def has(self, element_id: str) -> bool:
        return element_id in self.elements

    def clients_of_topic(self, topic: str) -> list[str]:
        """Producers, then consumers, of a topic (each once)."""
        return list(dict.fromkeys([*self.producers.get(topic, ()),
                                   *self.consumers.get(topic, ())]))

    def consumers_of_message(self, message: str) -> list[str]:
        """Applications consuming a topic that carries the message."""
        return list(dict.fromkeys(c for t in self.topics_of_message.get(message, ())
                                  for c in self.consumers.get(t, ())))

    def callers_of_message(self, message: str) -> list[str]:
        """Applications calling an endpoint whose request or a response is the message."""
        endpoints = [*self.requests_of_message.get(message, ()),
                     *self.responses_of_message.get(message, ())]
        return list(dict.fromkeys(c for e in endpoints for c in self.callers.get(e, ())))

    def references_to(self, element_id: str) -> list[str]:
        """Ids of the elements that name ``element_id`` in one of their fields."""
        if self._referrers is None:  # built on first use: only removals ask
            self._referrers = defaultdict(list)
            for element in self.design.elements():
                for named in dict.fromkeys(_named_ids(element)):
                    if named != element.id:
                        self._referrers[named].append(element.id)
        return list(self._referrers.get(element_id, ()))

    def receives(self, app: str, topic: str) -> bool:
        """Whether ``app`` consumes ``topic`` at all (directly or by webhook)."""
        return app in self.consumers.get(topic, ())


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _named_ids(element: Element) -> Iterable[str]:
    """The ids an element's fields refer to (the same fields MS101 checks)."""
    if isinstance(element, Application):
        yield from (p.topic for p in element.publishes)
        for s in element.subscribes:
            yield s.topic
            if s.via:
                yield s.via
        yield from element.calls
        yield from element.writes
        yield from element.reads
        if element.backend:
            yield element.backend
        if element.webhooks:
            yield from element.webhooks.topics
        return
    for name in ("broker", "provider", "request", "on"):
        value = getattr(element, name, None)
        if isinstance(value, str):
            yield value
    yield from getattr(element, "messages", ())
    responses = getattr(element, "responses", None)
    if isinstance(responses, dict):
        yield from (m for m in responses.values() if m)


def names(ids: Iterable[str], limit: int = 4) -> str:
    """``a, b and c`` (at most ``limit`` names, then ``and N more``) for reasons."""
    items = list(dict.fromkeys(ids))
    if len(items) > limit:
        rest = len(items) - limit + 1
        items = [*items[:limit - 1], f"{rest} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def verb(ids: Iterable[str], word: str) -> str:
    """``word`` agreeing with how many ``ids`` there are: ``consume`` -> ``consumes`` for one."""
    if len(list(dict.fromkeys(ids))) != 1:
        return word
    return word + ("es" if word.endswith("o") else "s")
