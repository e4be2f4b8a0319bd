"""Build a networkx graph of a design.

Nodes are element ids (plus ``subject:<name>`` for registry subjects a message uses), with a
``kind`` attribute. Edges point the way a change travels: a subject to the messages using it,
a message to the topics and endpoints carrying it, a topic to its consumers (and to its
producers, who must write what it carries), an evented API to the applications it delivers
to, an endpoint to its callers, a provider to its endpoints, a datastore to its readers, a
backend to the APIs fronting it. Each edge has a ``link`` attribute naming the relation.
"""

from __future__ import annotations

import networkx as nx

from studio.model import Design, Endpoint, InlineSchema, Topic, kind_name
from studio.model import relations as kinds
from studio.model.references import PROVIDER, REQUEST, RESPONSE, TOPIC_MESSAGE, mentions
from studio.model.relations import links_of

# The relation a change travels along each link kind, and whether it travels against the
# link's drawn direction (a topic's change reaches its producers; a provider's, its callers).
_ALONG_LINKS: dict[str, tuple[str, bool]] = {
    kinds.PUBLISHES: ("published by", True),
    kinds.SUBSCRIBES: ("consumed by", False),
    kinds.WEBHOOK: ("delivers by webhook to", False),
    kinds.CALLS: ("called by", True),
    kinds.WRITES: ("writes", False),
    kinds.READS: ("read by", False),
    kinds.FRONTS: ("fronted by", True),
}
# ... and along the references that are not drawn as links: from the element named to the one
# naming it (a message to the topics carrying it, a provider to its endpoints).
_ALONG_REFERENCES = {
    TOPIC_MESSAGE: "carried by",
    PROVIDER: "provides",
    REQUEST: "body of",
    RESPONSE: "body of",
}


def subject_node(subject: str) -> str:
    return f"subject:{subject}"


def to_networkx(design: Design) -> nx.MultiDiGraph:
    """The change-propagation graph of ``design`` (dangling references are left out)."""
    graph = nx.MultiDiGraph()
    for element in design.elements():
        kind = kind_name(element)
        if kind == "application":
            kind = getattr(element, "kind", "application")
        graph.add_node(element.id, kind=kind)
    known = set(graph.nodes)

    def link(source: str, target: str, relation: str) -> None:
        if source in known and target in known:
            graph.add_edge(source, target, link=relation)

    for message in design.messages:
        for source in (message.payload, message.key, message.headers):
            if source is not None and not isinstance(source, InlineSchema):
                node = subject_node(source.subject)
                graph.add_node(node, kind="subject")
                known.add(node)
                link(node, message.id, "schema of")
    owners: list[Topic | Endpoint] = [*design.topics, *design.endpoints]
    for owner in owners:
        for mention in mentions(owner):
            relation = _ALONG_REFERENCES.get(mention.reference)
            if relation is not None:
                link(mention.target, owner.id, relation)
    for drawn in links_of(design):
        along = _ALONG_LINKS.get(drawn.kind)
        if along is not None:
            name, against = along
            start, end = (drawn.target, drawn.source) if against else (drawn.source, drawn.target)
            link(start, end, name)
    return graph
