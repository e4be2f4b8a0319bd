"""Counts that describe a design at a glance (``mesh-studio info``, the studio's status bar)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from studio.model.design import Design
from studio.model.elements import APPLICATION_KINDS


@dataclass(frozen=True)
class Summary:
    applications: int
    kinds: dict[str, int]
    evented_apis: int
    brokers: int
    topics: int
    messages: int
    endpoints: int
    notes: int
    links: dict[str, int] = field(default_factory=dict)

    @property
    def link_total(self) -> int:
        return sum(self.links.values())


def summarize(design: Design) -> Summary:
    apps = design.applications
    kinds = Counter(a.kind for a in apps)
    subscriptions = [s for a in apps for s in a.subscribes]
    webhook = sum(1 for s in subscriptions if s.via)
    links = {
        "publishes": sum(len(a.publishes) for a in apps),
        "subscribes (direct)": len(subscriptions) - webhook,
        "subscribes (webhook)": webhook,
        "calls": sum(len(a.calls) for a in apps),
        "webhook topics": sum(len(a.webhooks.topics) for a in apps if a.webhooks),
        "writes": sum(len(a.writes) for a in apps),
        "reads": sum(len(a.reads) for a in apps),
        "fronts backend": sum(1 for a in apps if a.backend),
    }
    return Summary(
        applications=len(apps),
        kinds={kind: kinds.get(kind, 0) for kind in APPLICATION_KINDS},
        evented_apis=sum(1 for a in apps if a.webhooks),
        brokers=len(design.brokers),
        topics=len(design.topics),
        messages=len(design.messages),
        endpoints=len(design.endpoints),
        notes=len(design.notes),
        links=links,
    )
