"""The mesh being generated: the ``studio.model`` elements made so far, the facts about them
that the model does not hold (each application's home domain, each API's style, each topic's
producers, each message's schema plan), the id space and the one random source every step
draws from.

Steps only add: a later step may extend an application's links but never undoes an earlier
choice. Applications are frozen model values, so a step "extends" one by replacing it in its
slot; steps refer to applications by slot because an API only gets its id once it knows the
resources it serves.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from typing import Any

from studio.generate.names import Ids
from studio.generate.payloads import SchemaPlan
from studio.generate.vocabulary import DOMAINS, PROTOCOL_OF_BROKER
from studio.model import Application, Endpoint, Message, Subscription, Topic


class Draft:
    """Everything one run of the generator has made so far."""

    def __init__(self, apps: int, seed: int) -> None:
        self.size = apps
        self.seed = seed
        self.rng = random.Random(seed)
        self.ids = Ids()
        self.domains = DOMAINS[: min(len(DOMAINS), max(1, math.ceil(apps / 30)))]
        self.apps: list[Application] = []
        self.homes: list[str] = []  # the domain of each application, by slot
        self.api_styles: dict[int, str] = {}  # System, Process or Experience, by slot
        self.messages: list[Message] = []
        self.message_by_id: dict[str, Message] = {}
        self.plans: dict[str, SchemaPlan] = {}  # by message id
        self.topics: list[Topic] = []
        self.producers: dict[str, list[int]] = {}  # application slots, by topic id
        self.endpoints: list[Endpoint] = []
        self.used_brokers: set[str] = set()
        self.topics_of: dict[str, list[Topic]] = {d: [] for d, _, _ in self.domains}
        self.messages_of: dict[str, list[Message]] = {d: [] for d, _, _ in self.domains}

    def of(self, *kinds: str) -> list[int]:
        """The slots of the applications of these kinds, in file order."""
        return [slot for slot, app in enumerate(self.apps) if app.kind in kinds]

    def add(self, app: Application, home: str) -> int:
        self.apps.append(app)
        self.homes.append(home)
        return len(self.apps) - 1

    def extend(self, slot: int, **links: tuple[Any, ...]) -> None:
        """Append to link tuples of an application, e.g. ``extend(3, calls=("get-order",))``."""
        app = self.apps[slot]
        self.apps[slot] = replace(app, **{k: getattr(app, k) + v for k, v in links.items()})

    def subscribe(self, slot: int, topic: Topic, **extra: Any) -> bool:
        """Subscribe an application to a topic once; False if it already was."""
        if any(s.topic == topic.id for s in self.apps[slot].subscribes):
            return False
        self.extend(slot, subscribes=(Subscription(topic.id, **extra),))
        return True

    def protocol(self, topic: Topic) -> str:
        return PROTOCOL_OF_BROKER[topic.broker or ""]

    def plan_of(self, topic: Topic) -> SchemaPlan:
        return self.plans[topic.messages[0]]

    def message_of(self, topic: Topic) -> Message:
        return self.message_by_id[topic.messages[0]]
