"""Which group each application and topic belongs to, for big designs.

A big mesh is read by its groups: topics by broker and, inside a broker, by business domain;
applications by the team that owns them. The layout of big designs (``studio.layout.grouped``)
keeps each group together and semantic zoom (``studio.layout.folding``) folds each into one
block, so both ask this module.

A topic's domain is the ``domain`` level of its address in its protocol's taxonomy, else the
address's first segment. An application's group is its owner; an application without one goes
with the domain it publishes to most (else the one it consumes most), and one with no topics
at all is "unowned". Group keys are the fold's block ids: ``owner:<team>``, ``domain:<name>``,
``unowned``, ``broker:<id>``, and ``no-broker:<domain>`` for topics on no (known) broker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from studio.model import Application, Design, Topic
from studio.model.taxonomy import level_values
from studio.model.views import DOMAIN_LEVEL

OWNER, DOMAIN, UNOWNED, BROKER, NO_BROKER = "owner:", "domain:", "unowned", "broker:", "no-broker:"
GROUPINGS = ("owner", "domain")
_SEPARATORS = re.compile(r"[./:]")


class TopicDomains(Mapping[str, str]):
    """Every topic's domain, by topic id, each worked out when first asked for: folding by
    owner needs the domains of only the topics on no broker and the applications without an
    owner, and reading an address against its taxonomy is most of the cost of a fold."""

    def __init__(self, design: Design) -> None:
        self._design = design
        self._topics = {t.id: t for t in design.topics}
        self._protocols = {b.id: b.protocol for b in design.brokers}
        self._known: dict[str, str] = {}

    def __getitem__(self, topic_id: str) -> str:
        known = self._known.get(topic_id)
        if known is None:
            topic = self._topics[topic_id]
            known = self._known[topic_id] = topic_domain(self._design, topic, self._protocols)
        return known

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._topics

    def __iter__(self) -> Iterator[str]:
        return iter(self._topics)

    def __len__(self) -> int:
        return len(self._topics)


def topic_domains(design: Design) -> TopicDomains:
    """Every topic's domain, by topic id (worked out as asked for)."""
    return TopicDomains(design)


def topic_domain(design: Design, topic: Topic, protocols: Mapping[str, str]) -> str:
    """The ``domain`` level of ``topic``'s address, else the address's first segment."""
    rule = design.taxonomy.get(protocols.get(topic.broker or "", ""))
    if rule is not None and "{" + DOMAIN_LEVEL + "}" in rule.pattern:
        values = level_values(topic.address, rule)
        if values:
            return values[DOMAIN_LEVEL]
    trimmed = topic.address.strip("./:")
    return _SEPARATORS.split(trimmed, maxsplit=1)[0] or topic.address


def topic_groups(design: Design, domains: Mapping[str, str]) -> dict[str, str]:
    """Every topic's group: its broker, or its domain when it is on no known broker."""
    brokers = {b.id for b in design.brokers}
    groups = {}
    for topic in design.topics:
        if topic.broker is not None and topic.broker in brokers:
            groups[topic.id] = BROKER + topic.broker
        else:
            groups[topic.id] = NO_BROKER + domains[topic.id]
    return groups


def application_domain(app: Application, domains: Mapping[str, str]) -> str | None:
    """The domain ``app`` publishes to most, else the one it consumes most (ties: the first
    named), or None for an application without topics."""
    for topics in ((p.topic for p in app.publishes), (s.topic for s in app.subscribes)):
        found = _most_common(domains[t] for t in topics if t in domains)
        if found is not None:
            return found
    return None


def application_groups(
    design: Design, domains: Mapping[str, str], by: str = "owner"
) -> dict[str, str]:
    """Every application's group, by owner (falling back to domain) or by domain."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping '{by}'; use one of {', '.join(GROUPINGS)}")
    groups = {}
    for app in design.applications:
        if by == "owner" and app.owner:
            groups[app.id] = OWNER + app.owner
            continue
        domain = application_domain(app, domains)
        groups[app.id] = UNOWNED if domain is None else DOMAIN + domain
    return groups


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)  # insertion-ordered: ties go to the first value seen
    return max(counts, key=counts.__getitem__) if counts else None
