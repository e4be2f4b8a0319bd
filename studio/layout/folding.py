"""Folding a design for semantic zoom: groups of elements as blocks, links as counted bundles.

Zoomed far out, a mesh of thousands of elements is read by its groups
(``studio.layout.grouping``): the applications of one owner (or one domain) fold into one
block with the endpoints they provide, the topics of one broker into the broker (topics on no
known broker into a block of their domain), and the links between two blocks into one bundle
that says how many links it stands for. Notes and messages are not folded: they are not drawn
as blocks. Each block's rectangle encloses its members' boxes where ``scene_of`` draws them,
so the GUI can draw the folded picture in place of the elements, and the built-in layout of
big designs keeps these groups together, so the blocks of a laid-out design do not overlap.

Folding is done again after edits while the user zooms, so it avoids the costly part of
``scene_of``: a box's width comes from its texts, but its height and the bounds of its width
are fixed (``studio.layout.node_sizes``), so only the boxes that may reach a block's right
edge are measured.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from studio.layout.block_rects import Rect, block_rects
from studio.layout.grouping import (
    BROKER,
    DOMAIN,
    NO_BROKER,
    OWNER,
    UNOWNED,
    application_groups,
    topic_domains,
    topic_groups,
)
from studio.model import Application, Design, Position
from studio.model.relations import owned_links

APPLICATIONS, BROKERS = "applications", "broker"  # the kinds of block
ENDPOINTS, TOPICS = "endpoints", "topics"  # what blocks count besides applications


@dataclass(frozen=True, slots=True)
class Block:
    """One folded group: ``members`` are its element ids, ``counts`` what it holds (for its
    caption), ``rect`` (x, y, width, height) encloses its members' boxes."""

    id: str  # owner:<team>, domain:<name>, broker:<broker id>, no-broker:<domain>, unowned
    kind: str  # "applications" or "broker"
    label: str  # the team, domain or broker name, for display
    members: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    rect: Rect  # block_rects.NOWHERE, (0, 0, 0, 0), when none of its members is placed

    @property
    def key(self) -> str:
        """What the block stands for: the owner, the domain or the broker's id ("" when
        unowned)."""
        return self.id.partition(":")[2]


@dataclass(frozen=True, slots=True)
class Bundle:
    """The links from one block to another: ``count`` of them (``relations.links_of``)."""

    source: str
    target: str
    count: int


@dataclass(frozen=True, slots=True)
class Folding:
    """A folded design: its blocks, the bundles between them, and each element's block."""

    blocks: tuple[Block, ...]
    bundles: tuple[Bundle, ...]  # one per ordered pair of blocks with links between them
    block_of: Mapping[str, str]  # element id -> block id

    def caption(self, block: Block) -> str:
        """What a block holds, after its label: ``payments · 12 applications, 30 endpoints``."""
        return f"{block.label} · {counted(block.counts)}"


def counted(counts: tuple[tuple[str, int], ...]) -> str:
    """``(("applications", 12), ("endpoints", 1))`` as ``12 applications, 1 endpoint``."""
    return ", ".join(f"{n} {what if n != 1 else what[:-1]}" for what, n in counts)


def fold(
    design: Design, positions: Mapping[str, Position] | None = None, by: str = "owner"
) -> Folding:
    """``design`` folded by owner (falling back to domain, then "unowned") or by domain; the
    rectangles follow ``positions`` (the design's layout when None)."""
    domains = topic_domains(design)
    apps = application_groups(design, domains, by)
    topics = topic_groups(design, domains)
    members: dict[str, list[str]] = defaultdict(list)
    held: dict[str, Counter[str]] = defaultdict(Counter)
    for app in design.applications:
        members[apps[app.id]].append(app.id)
        held[apps[app.id]][APPLICATIONS] += 1
    for endpoint in design.endpoints:
        block = apps.get(endpoint.provider, UNOWNED)
        members[block].append(endpoint.id)
        held[block][ENDPOINTS] += 1
    for broker in design.brokers:
        members[BROKER + broker.id].append(broker.id)
    for topic in design.topics:
        members[topics[topic.id]].append(topic.id)
        held[topics[topic.id]][TOPICS] += 1
    block_of = {member: block for block, ids in members.items() for member in ids}
    rects = block_rects(design, design.layout if positions is None else positions, block_of)
    names = {b.id: b.name or b.id for b in design.brokers}
    blocks = tuple(
        Block(
            block,
            BROKERS if block.startswith((BROKER, NO_BROKER)) else APPLICATIONS,
            _label(block, names),
            tuple(ids),
            _counts(block, held[block]),
            rects[block],
        )
        for block, ids in sorted(members.items(), key=lambda item: _KIND_RANK[_prefix(item[0])])
    )
    return Folding(blocks, _bundles(design, block_of), block_of)


# blocks of applications first, then brokers, then topics on no broker; the sort is stable,
# so within a kind blocks come in the order of their first member in the file
_KIND_RANK = {OWNER: 0, DOMAIN: 0, UNOWNED: 0, BROKER: 1, NO_BROKER: 2}


def _prefix(block: str) -> str:
    head, colon, _ = block.partition(":")
    return head + colon


def _label(block: str, broker_names: Mapping[str, str]) -> str:
    prefix, key = _prefix(block), block.partition(":")[2]
    if prefix == BROKER:
        return broker_names[key]
    if prefix == NO_BROKER:
        return f"{key} (no broker)"
    return "Unowned" if prefix == UNOWNED else key


def _counts(block: str, held: Counter[str]) -> tuple[tuple[str, int], ...]:
    if block.startswith((BROKER, NO_BROKER)):
        return ((TOPICS, held[TOPICS]),)
    counts = [(APPLICATIONS, held[APPLICATIONS])]
    if held[ENDPOINTS]:
        counts.append((ENDPOINTS, held[ENDPOINTS]))
    return tuple(counts)


def _bundles(design: Design, block_of: Mapping[str, str]) -> tuple[Bundle, ...]:
    """The links of ``links_of`` between blocks, counted per ordered pair of blocks. Every
    link is held by an application (joining it to the other end) or by a note (a pin, with
    an end in no block)."""
    block = block_of.get
    counts = Counter(
        (mine, theirs) if outgoing else (theirs, mine)
        for app in design.applications
        if (mine := block(app.id)) is not None
        for other, outgoing in _other_ends(app)
        if (theirs := block(other)) is not None and theirs != mine
    )
    return tuple(Bundle(s, t, n) for (s, t), n in counts.items())


# Folding runs again after edits, and walking the reference table for every application is
# most of its cost. An application's links come from its own fields, and an edit replaces
# the element it changes (elements are immutable), so the links of an application object
# seen before are remembered: stored with the object itself, checked by identity.
_REMEMBERED: dict[str, tuple[Application, tuple[tuple[str, bool], ...]]] = {}
REMEMBER_AT_MOST = 200_000  # applications, across designs; then the memory starts afresh


def _other_ends(app: Application) -> tuple[tuple[str, bool], ...]:
    """The other end of each link ``app`` holds, and whether the link leaves ``app``."""
    seen = _REMEMBERED.get(app.id)
    if seen is not None and seen[0] is app:
        return seen[1]
    ends = tuple(
        (link.target, True) if link.source == app.id else (link.source, False)
        for link in owned_links(app)
    )
    if len(_REMEMBERED) >= REMEMBER_AT_MOST:
        _REMEMBERED.clear()
    _REMEMBERED[app.id] = (app, ends)
    return ends
