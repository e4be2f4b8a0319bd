"""The kind glyphs of the canvas (``studio.gui.icons``) as SVG path data, without Qt.

Each glyph is drawn into a square ``(x, y, size)`` as a list of ``(path data, filled)``
strokes with the proportions of the QPainter versions, so an application's icon, the bell of
an evented API or a webhook edge, and the broker mark look the same in a rendered diagram as
on the canvas. Paths are built from numbers only: no text of the design reaches them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Stroke = tuple[str, bool]


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rounded(x: float, y: float, w: float, h: float, r: float) -> str:
    return (
        f"M{_n(x + r)},{_n(y)} H{_n(x + w - r)} A{_n(r)},{_n(r)} 0 0 1 {_n(x + w)},{_n(y + r)}"
        f" V{_n(y + h - r)} A{_n(r)},{_n(r)} 0 0 1 {_n(x + w - r)},{_n(y + h)} H{_n(x + r)}"
        f" A{_n(r)},{_n(r)} 0 0 1 {_n(x)},{_n(y + h - r)} V{_n(y + r)}"
        f" A{_n(r)},{_n(r)} 0 0 1 {_n(x + r)},{_n(y)} Z"
    )


def _circle(cx: float, cy: float, r: float) -> str:
    return (
        f"M{_n(cx - r)},{_n(cy)} A{_n(r)},{_n(r)} 0 1 0 {_n(cx + r)},{_n(cy)}"
        f" A{_n(r)},{_n(r)} 0 1 0 {_n(cx - r)},{_n(cy)} Z"
    )


def _outlines(*paths: str) -> list[Stroke]:
    """Strokes that are only drawn, not filled: all of a glyph but the backend's dots."""
    return [(path, False) for path in paths]


def _backend(x: float, y: float, s: float) -> list[Stroke]:
    h = s / 3
    strokes: list[Stroke] = []
    for i in range(3):
        top = y + i * h + h * 0.08
        strokes.append((_rounded(x, top, s, h * 0.84, h * 0.2), False))
        strokes.append((_circle(x + s - h * 0.4, top + h * 0.42, h * 0.1), True))
    return strokes


def _service(x: float, y: float, s: float) -> list[Stroke]:
    cx, cy, radius, teeth = x + s / 2, y + s / 2, s / 2, 8
    points = []
    for i in range(teeth * 2):
        angle = math.pi * i / teeth
        rad = radius if i % 2 == 0 else radius * 0.75
        points.append(f"{_n(cx + rad * math.cos(angle))},{_n(cy + rad * math.sin(angle))}")
    return _outlines("M" + " L".join(points) + " Z", _circle(cx, cy, radius * 0.3))


def _api(x: float, y: float, s: float) -> list[Stroke]:
    return _outlines(
        f"M{_n(x + s * 0.3)},{_n(y + s * 0.2)} L{_n(x)},{_n(y + s * 0.5)} "
        f"L{_n(x + s * 0.3)},{_n(y + s * 0.8)}",
        f"M{_n(x + s * 0.7)},{_n(y + s * 0.2)} L{_n(x + s)},{_n(y + s * 0.5)} "
        f"L{_n(x + s * 0.7)},{_n(y + s * 0.8)}",
        f"M{_n(x + s * 0.58)},{_n(y + s * 0.1)} L{_n(x + s * 0.42)},{_n(y + s * 0.9)}",
    )


def _client(x: float, y: float, s: float) -> list[Stroke]:
    return _outlines(
        _rounded(x, y, s, s * 0.7, s * 0.08),
        f"M{_n(x + s / 2)},{_n(y + s * 0.7)} V{_n(y + s)}",
        f"M{_n(x + s * 0.25)},{_n(y + s)} H{_n(x + s * 0.75)}",
    )


def _datastore(x: float, y: float, s: float) -> list[Stroke]:
    ry = s * 0.15
    return _outlines(
        f"M{_n(x)},{_n(y + ry)} V{_n(y + s - ry)} A{_n(s / 2)},{_n(ry)} 0 0 0 {_n(x + s)},"
        f"{_n(y + s - ry)} V{_n(y + ry)} A{_n(s / 2)},{_n(ry)} 0 0 0 {_n(x)},{_n(y + ry)} Z",
        f"M{_n(x)},{_n(y + ry)} A{_n(s / 2)},{_n(ry)} 0 0 0 {_n(x + s)},{_n(y + ry)}",
    )


def _bell(x: float, y: float, s: float) -> list[Stroke]:
    return _outlines(
        f"M{_n(x + s * 0.1)},{_n(y + s * 0.75)} Q{_n(x + s * 0.22)},{_n(y + s * 0.6)} "
        f"{_n(x + s * 0.22)},{_n(y + s * 0.4)} C{_n(x + s * 0.22)},{_n(y + s * 0.05)} "
        f"{_n(x + s * 0.78)},{_n(y + s * 0.05)} {_n(x + s * 0.78)},{_n(y + s * 0.4)} "
        f"Q{_n(x + s * 0.78)},{_n(y + s * 0.6)} {_n(x + s * 0.9)},{_n(y + s * 0.75)} Z",
        f"M{_n(x + s * 0.38)},{_n(y + s * 0.83)} A{_n(s * 0.12)},{_n(s * 0.11)} 0 0 0 "
        f"{_n(x + s * 0.62)},{_n(y + s * 0.83)}",
    )


def _broker(x: float, y: float, s: float) -> list[Stroke]:
    inner_x, inner_y, inner = x + s * 0.2, y + s * 0.35, s * 0.6
    ry = inner * 0.25
    return _outlines(
        _rounded(x, y, s, s, s * 0.12),
        f"M{_n(inner_x + ry)},{_n(inner_y)} H{_n(inner_x + inner - ry)} "
        f"A{_n(ry)},{_n(ry * 1.2)} 0 0 1 {_n(inner_x + inner - ry)},{_n(inner_y + inner / 2)} "
        f"H{_n(inner_x + ry)} A{_n(ry)},{_n(ry * 1.2)} "
        f"0 0 1 {_n(inner_x + ry)},{_n(inner_y)} Z",
    )


GLYPHS: dict[str, Callable[[float, float, float], list[Stroke]]] = {
    "backend": _backend,
    "service": _service,
    "api": _api,
    "client": _client,
    "datastore": _datastore,
    "bell": _bell,
    "broker": _broker,
}


def glyph(name: str, x: float, y: float, size: float) -> list[Stroke]:
    """The strokes of glyph ``name`` (a service gear when unknown) inside the square."""
    pad = max(1.0, size / 12)  # as draw_glyph: strokes stay inside the square
    return GLYPHS.get(name, _service)(x + pad, y + pad, size - 2 * pad)
