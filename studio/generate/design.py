"""The generated design as one ``studio.model.Design``: its info, the taxonomy its addresses
follow, the brokers it uses, every element the steps made, and positions from the built-in
layout engine (which keeps the promise every layout keeps at any size and fast: no box overlaps
another, and a broker frame encloses only its own topics)."""

from __future__ import annotations

from studio.generate.draft import Draft
from studio.generate.vocabulary import BROKERS, PATTERNS, SITES
from studio.layout import auto_layout
from studio.model import Design, Info, Position, TaxonomyRule


def design_of(draft: Draft, registry_file: str) -> Design:
    domains = len(draft.domains)
    info = Info(
        title=f"Acme synthetic mesh ({draft.size} applications)",
        version="1.0.0",
        description=f"Generated service and event mesh across {domains} "
        f"domain{'s' * (domains > 1)} (seed {draft.seed}).",
        owner="integration-architecture",
    )
    design = Design(
        info=info,
        registry=registry_file,
        taxonomy=_taxonomy(draft),
        brokers=[b for b in BROKERS if b.id in draft.used_brokers],
        applications=list(draft.apps),
        topics=list(draft.topics),
        messages=list(draft.messages),
        endpoints=list(draft.endpoints),
    )
    design.layout = _positions(design)
    return design


def _taxonomy(draft: Draft) -> dict[str, TaxonomyRule]:
    used = {draft.protocol(topic) for topic in draft.topics}
    domains = tuple(d for d, _, _ in draft.domains)
    taxonomy: dict[str, TaxonomyRule] = {}
    for protocol in (p for p in PATTERNS if p in used):
        levels = {"domain": domains}
        if protocol == "mqtt":
            levels = {"site": SITES, **levels}
        taxonomy[protocol] = TaxonomyRule(PATTERNS[protocol], levels)
    return taxonomy


def _positions(design: Design) -> dict[str, Position]:
    """Whole-number positions (as a person would type them) of what the engine placed."""
    placed = auto_layout(design, "builtin").positions
    return {node: Position(round(p.x), round(p.y)) for node, p in placed.items()}
