"""What a new design starts with: a starter taxonomy, one address pattern per common protocol.

An empty taxonomy gives the first topic the address ``topic`` and teaches nothing about how
addresses are formed. Each pattern here follows the protocol's own conventions (dots for
Kafka, AMQP and NATS subjects, slashes for MQTT and Solace topic levels, dashes for Anypoint
MQ queue names), so the first topic gets a meaningful address and the taxonomy editor shows a
working example of the ``{level}`` syntax to adapt. Levels start open (any value), except
the event verbs every mesh uses.
"""

from __future__ import annotations

from studio.model.design import Design
from studio.model.elements import TaxonomyRule

EVENTS = ("created", "changed", "deleted")

STARTER_PATTERNS: dict[str, str] = {
    "kafka": "{domain}.{entity}.{event}.v{version}",
    "mqtt": "{site}/{domain}/{entity}/{event}",
    "amqp": "{domain}.{entity}.{event}",
    "solace": "{domain}/{entity}/{event}/v{version}",
    "nats": "{domain}.{entity}.{event}",
    "anypointmq": "{domain}-{entity}-{event}",
}


def starter_taxonomy() -> dict[str, TaxonomyRule]:
    """A fresh copy of the starter taxonomy (a design owns and edits its own)."""
    return {
        protocol: TaxonomyRule(pattern, {"event": EVENTS} if "{event}" in pattern else {})
        for protocol, pattern in STARTER_PATTERNS.items()
    }


def example_address(pattern: str) -> str:
    """The pattern with sample values, to show what an address following it looks like."""
    samples = {
        "domain": "sales",
        "entity": "order",
        "event": "created",
        "version": "1",
        "site": "hamburg",
    }
    result = pattern
    for name, value in samples.items():
        result = result.replace("{" + name + "}", value)
    return result


def new_design() -> Design:
    """The design File > New opens: empty, with the starter taxonomy."""
    return Design(taxonomy=starter_taxonomy())


def is_untouched(design: Design) -> bool:
    """Whether ``design`` is still what File > New (or an older, bare new design) gave."""
    return design == Design() or design == new_design()
