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

from studio.model import Design, InlineSchema, kind_name


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
    for topic in design.topics:
        for message_id in topic.messages:
            link(message_id, topic.id, "carried by")
    for endpoint in design.endpoints:
        link(endpoint.provider, endpoint.id, "provides")
        for body in (endpoint.request, *endpoint.responses.values()):
            if body:
                link(body, endpoint.id, "body of")
    for app in design.applications:
        for publication in app.publishes:
            link(publication.topic, app.id, "published by")
        for subscription in app.subscribes:
            if subscription.via:
                link(subscription.via, app.id, "delivers by webhook to")
            else:
                link(subscription.topic, app.id, "consumed by")
        for endpoint_id in app.calls:
            link(endpoint_id, app.id, "called by")
        for store in app.reads:
            link(store, app.id, "read by")
        for store in app.writes:
            link(app.id, store, "writes")
        if app.backend:
            link(app.backend, app.id, "fronted by")
    return graph
