"""Which column each block of a big design goes to, left to right.

A big design's groups (``studio.layout.grouped``) are a few hundred blocks whose links run
every way, so the question is the classic one of a layered drawing at a coarser grain: an
order in which as much link weight as possible points forward, then columns cut from it.

The order starts from the greedy order of ``flow.acyclic_order`` and is improved by *sifting*
(each block in turn moved to the slot where the most weight touching it points forward, until
nothing moves), which is quadratic in the blocks and affordable for a few hundred of them.

Columns are contiguous runs of that order, so every link between runs keeps its direction. A
link inside one run is drawn upright, neither way, so the runs are chosen by dynamic
programming to keep the least weight inside them, among cuts whose columns are no taller than
a cap (the layout's wished height) and that use at most half again as many columns as the
fewest that fit: without that bound, one column per block would keep every link pointing
forward, and the drawing a hundred columns wide.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

SIFT_LIMIT = 600  # blocks: sifting and the cutting are quadratic in them
SIFT_PASSES = 8
SPARE_COLUMNS = 0.25  # columns beyond the fewest that fit, as a share of those


def sifted(order: Sequence[str], links: Mapping[tuple[str, str], int]) -> list[str]:
    """``order`` improved by sifting (see the module docstring)."""
    if len(order) > SIFT_LIMIT:
        return list(order)
    touching: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (source, target), weight in links.items():
        touching[source].append((target, weight))
        touching[target].append((source, -weight))  # negative: the link comes in
    result = list(order)
    for _ in range(SIFT_PASSES):
        moved = False
        for node in list(result):
            at = result.index(node)
            result.pop(at)
            slot = _best_slot(touching[node], result, at)
            result.insert(slot, node)
            moved = moved or slot != at
        if not moved:
            break
    return result


def _best_slot(touching: Sequence[tuple[str, int]], others: Sequence[str], at: int) -> int:
    """The slot among ``others`` where the most weight of a node's links points forward
    (``at``, where it was, unless another is strictly better)."""
    place = {n: i for i, n in enumerate(others)}
    # forward weight at slot 0: every outgoing link; passing another node flips its links
    forward = sum(w for _, w in touching if w > 0)
    change = [0] * (len(others) + 1)
    for other, weight in touching:
        change[place[other] + 1] -= weight  # outgoing turns backward, incoming forward
    best, best_slot, here = forward, 0, forward
    for slot in range(1, len(others) + 1):
        forward += change[slot]
        if forward > best:
            best, best_slot = forward, slot
        if slot == at:
            here = forward
    return best_slot if best > here else at


def columns_of(
    order: Sequence[str],
    heights: Mapping[str, float],
    links: Mapping[tuple[str, str], int],
    cap: float,
    gap: float,
) -> list[list[str]]:
    """``order`` cut into columns (see the module docstring); a block taller than ``cap``
    stands alone."""
    if not order:
        return []
    tall = [heights[k] for k in order]
    fewest = _greedy_cuts(tall, cap, gap)
    if len(order) > SIFT_LIMIT:
        return [list(order[i:j]) for i, j in itertools.pairwise(fewest)]
    budget = len(fewest) - 1 + max(1, math.ceil((len(fewest) - 1) * SPARE_COLUMNS))
    inside = _weight_inside(order, tall, links, cap, gap)
    n = len(order)
    # cost[c][j]: least weight inside columns when the first j blocks make c columns
    cost = [[math.inf] * (n + 1) for _ in range(budget + 1)]
    start = [[0] * (n + 1) for _ in range(budget + 1)]
    cost[0][0] = 0.0
    for c in range(1, budget + 1):
        for j in range(1, n + 1):
            for i, weight in inside[j].items():
                candidate = cost[c - 1][i] + weight
                if candidate < cost[c][j]:
                    cost[c][j], start[c][j] = candidate, i
    used = min(range(1, budget + 1), key=lambda c: (cost[c][n], c))
    cuts, j = [n], n
    for c in range(used, 0, -1):
        j = start[c][j]
        cuts.append(j)
    return [list(order[i:j]) for i, j in itertools.pairwise(cuts[::-1])]


def _greedy_cuts(heights: Sequence[float], cap: float, gap: float) -> list[int]:
    """Cut positions of the fewest columns no taller than ``cap``, filling each in turn."""
    cuts, height = [0], -gap
    for i, h in enumerate(heights):
        if height + gap + h > cap and i > cuts[-1]:
            cuts.append(i)
            height = -gap
        height += gap + h
    cuts.append(len(heights))
    return cuts


def _weight_inside(
    order: Sequence[str],
    heights: Sequence[float],
    links: Mapping[tuple[str, str], int],
    cap: float,
    gap: float,
) -> list[dict[int, float]]:
    """For each end ``j``, the allowed starts ``i`` of a column ``order[i:j]`` with the link
    weight inside it."""
    rank = {k: i for i, k in enumerate(order)}
    earlier: list[list[tuple[int, int]]] = [[] for _ in order]
    for (a, b), weight in links.items():
        i, j = sorted((rank[a], rank[b]))
        earlier[j].append((i, weight))
    result: list[dict[int, float]] = [{} for _ in range(len(order) + 1)]
    for i in range(len(order)):
        height, inside = -gap, 0.0
        for j in range(i, len(order)):
            height += gap + heights[j]
            if height > cap and j > i:
                break
            inside += sum(w for k, w in earlier[j] if k >= i)
            result[j + 1][i] = inside
    return result
