"""The scene's index of drawn links: by the element whose fields hold each, and by either end.

An edit of one element redraws only the links it holds, and a moved element only the links
that touch it; in a mesh of ten thousand links neither may walk them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from studio.gui.canvas.edges import EdgeItem
from studio.model.relations import Link, link_owner


class EdgeIndex:
    """Edge items by owner (``link_owner``) and by the elements at their ends."""

    def __init__(self) -> None:
        self._by_owner: dict[str, list[EdgeItem]] = defaultdict(list)
        self._by_node: dict[str, set[EdgeItem]] = defaultdict(set)
        self._count = 0  # kept, not counted: every zoom step asks

    def clear(self) -> None:
        self._by_owner.clear()
        self._by_node.clear()
        self._count = 0

    def add(self, edge: EdgeItem) -> None:
        link = edge.link
        self._by_owner[link_owner(link)].append(edge)
        self._count += 1
        self._by_node[link.source].add(edge)
        self._by_node[link.target].add(edge)

    def pop_owned(self, owner_id: str) -> list[EdgeItem]:
        """Forget the edges of the links ``owner_id`` holds; the scene removes the items."""
        edges = self._by_owner.pop(owner_id, [])
        self._count -= len(edges)
        for edge in edges:
            self._by_node[edge.link.source].discard(edge)
            self._by_node[edge.link.target].discard(edge)
        return edges

    def pop_touching(self, element_id: str) -> list[EdgeItem]:
        """Forget every edge from or to ``element_id`` (it is gone from the design)."""
        edges = list(self._by_node.pop(element_id, ()))
        for edge in edges:
            owner = link_owner(edge.link)
            if edge in self._by_owner.get(owner, []):
                self._by_owner[owner].remove(edge)
                self._count -= 1
            other = edge.link.target if edge.link.source == element_id else edge.link.source
            self._by_node[other].discard(edge)
        return edges

    def __len__(self) -> int:
        return self._count

    def all(self) -> list[EdgeItem]:
        return [e for edges in self._by_owner.values() for e in edges]

    def touching(self, element_id: str) -> Iterable[EdgeItem]:
        """The edges from or to ``element_id`` (not a copy: do not change the index while
        going through them)."""
        return self._by_node.get(element_id, ())

    def find(self, link: Link) -> EdgeItem | None:
        """The item drawing ``link``, if it is drawn (found among its owner's few links)."""
        return next((e for e in self._by_owner.get(link_owner(link), ()) if e.link == link), None)
