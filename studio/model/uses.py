"""Who uses what in one design: every reference, inverted once, for the questions asked of it.

A design says things from one side only: an application lists the topics it publishes, a
topic names its broker. Analyses, breaking-change rules, the portal and validation ask from
the other side (who produces this topic, who calls this endpoint, which topics carry this
message), so ``uses_of`` indexes every ``mention`` of the reference table by the id it names,
in file order, and each question is a filter of one id's uses. Dangling references are kept
(the index names what is named); callers that draw or link skip the unknown ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from studio.model.design import Design
from studio.model.elements import (
    Application,
    Element,
    Endpoint,
    Publication,
    Subscription,
    Topic,
)
from studio.model.references import (
    PROVIDER,
    PUBLICATION,
    REQUEST,
    RESPONSE,
    SUBSCRIPTION,
    SUBSCRIPTION_VIA,
    TOPIC_MESSAGE,
    WEBHOOK_TOPIC,
    Mention,
    Reference,
    mentions,
)


class Uses:
    """The uses of every element of one design; build with ``uses_of(design)``."""

    def __init__(self, design: Design) -> None:
        # target id -> the mentions of it, grouped by the element making them (by identity,
        # as learned): forgetting an element costs its own mentions, not all the uses of
        # what it names (a broker is named by thousands of topics)
        self._named: dict[str, dict[int, list[Mention]]] = defaultdict(dict)
        for element in design.elements():
            self.learn(element)

    def learn(self, element: Element) -> None:
        """Add the uses of an element that joined the design (or its new version)."""
        for mention in mentions(element):
            self._named[mention.target].setdefault(id(element), []).append(mention)

    def forget(self, element: Element) -> None:
        """Drop the uses of an element that left the design (or its old version)."""
        for target in dict.fromkeys(mention.target for mention in mentions(element)):
            by_element = self._named.get(target, {})
            by_element.pop(id(element), None)
            if not by_element:
                self._named.pop(target, None)

    def of(self, target: str, *references: Reference) -> list[Mention]:
        """The mentions of ``target`` through ``references`` (all of them when none given)."""
        found = self._named.get(target)
        if not found:
            return []
        return [
            m
            for made in found.values()
            for m in made
            if not references or m.reference in references
        ]

    def owners(self, target: str, reference: Reference) -> list[Element]:
        """The elements naming ``target`` through ``reference``, once per mention: the
        callers of an endpoint are ``owners(endpoint, CALL)``, its readers ``owners(store,
        READ)``, the topics on a broker ``owners(broker, TOPIC_BROKER)``."""
        return [m.element for m in self.of(target, reference)]

    # -- topics ---------------------------------------------------------------------------

    def publications(self, topic: str) -> list[tuple[Application, Publication]]:
        """Each publication to ``topic`` with the application making it."""
        return [(cast(Application, m.element), m.holder) for m in self.of(topic, PUBLICATION)]

    def subscriptions(self, topic: str) -> list[tuple[Application, Subscription]]:
        """Each subscription to ``topic``, direct or by webhook (``via``), with its consumer."""
        return [(cast(Application, m.element), m.holder) for m in self.of(topic, SUBSCRIPTION)]

    def producers(self, topic: str) -> list[str]:
        """The applications publishing to ``topic``, each once."""
        return ids(app for app, _ in self.publications(topic))

    def consumers(self, topic: str) -> list[str]:
        """The applications consuming ``topic`` directly or by webhook, each once."""
        return ids(app for app, _ in self.subscriptions(topic))

    def webhook_apis(self, topic: str) -> list[Application]:
        """The evented APIs that deliver ``topic`` by webhook (its ``webhooks.topics``)."""
        return cast(list[Application], self.owners(topic, WEBHOOK_TOPIC))

    def deliveries(self, api: str) -> list[tuple[Application, Subscription]]:
        """The subscriptions delivered by the evented API ``api``, with their consumers."""
        return [(cast(Application, m.element), m.holder) for m in self.of(api, SUBSCRIPTION_VIA)]

    def topics_of_message(self, message: str) -> list[Topic]:
        """The topics carrying ``message``, each once."""
        return _once(cast(list[Topic], self.owners(message, TOPIC_MESSAGE)))

    # -- endpoints -----------------------------------------------------------------------

    def endpoints_of(self, provider: str) -> list[Endpoint]:
        """The endpoints ``provider`` provides."""
        return cast(list[Endpoint], self.owners(provider, PROVIDER))

    def bodies_of(self, message: str) -> list[tuple[Endpoint, str | None]]:
        """Each use of ``message`` as an endpoint's body: (endpoint, None) for its request,
        (endpoint, status) for a response, endpoint by endpoint."""
        return [
            (cast(Endpoint, m.element), None if m.reference is REQUEST else str(m.path[-1]))
            for m in self.of(message, REQUEST, RESPONSE)
        ]

    def dependents(self, target: str) -> list[Element]:
        """The elements that cannot exist without ``target`` (its endpoints, the notes on
        it), each once."""
        found = [m.element for m in self.of(target) if m.reference.dependent]
        return list({id(element): element for element in found}.values())

    def referrers(self, target: str) -> list[str]:
        """The ids of the elements (other than ``target``) naming ``target``, each once."""
        return ids(m.element for m in self.of(target) if m.element.id != target)


def uses_of(design: Design) -> Uses:
    """The uses index of ``design`` (build once, ask many times)."""
    return Uses(design)


def ids(elements: Iterable[Element]) -> list[str]:
    """The ids of ``elements``, each once, in order."""
    return list(dict.fromkeys(e.id for e in elements))


def _once(elements: list[Topic]) -> list[Topic]:
    return list({e.id: e for e in elements}.values())
