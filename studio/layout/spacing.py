"""Spacing boxes along one axis: the positions nearest to wished ones that keep an order.

Both built-in layouts end with this question (nodes in a column, blocks in a band of a big
design): given boxes in a fixed order, each with a wished top, where do they go so that none
overlaps the next, with a gap between, as near as possible (least squares) to the wishes?
"""

from __future__ import annotations

from collections.abc import Sequence


def fit_in_order(
    wished: Sequence[float], heights: Sequence[float], gap: float, low: float, high: float
) -> list[float]:
    """Tops nearest (least squares) to ``wished`` that keep the given order, ``gap`` between
    neighbours, the first top at or below ``low`` and the last bottom at or above ``high``.

    Shifting each top by the room the ones above it need turns the gaps into a plain
    "non-decreasing" condition, which pool-adjacent-violators solves exactly; the bounds then
    become one interval for all shifted values, where clamping stays optimal.
    """
    offsets, room = [], 0.0
    for height in heights:
        offsets.append(room)
        room += height + gap
    values = [w - o for w, o in zip(wished, offsets, strict=True)]
    pools: list[list[float]] = []  # [sum, count]
    for value in values:
        pools.append([value, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    fitted = [s / c for s, c in pools for _ in range(int(c))]
    ceiling = high - offsets[-1] - heights[-1]
    clamped = [min(max(v, low), ceiling) if low <= ceiling else low for v in fitted]
    return [v + o for v, o in zip(clamped, offsets, strict=True)]
