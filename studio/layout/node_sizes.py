"""How wide each element's box is: it grows with its texts up to ``MAX_WIDTH``.

The canvas, the layout engines and the diagrams must agree on every box, and positions are
saved in the design file and opened on other machines, so a box's size is a pure function of
the element's texts, decided here without Qt (STYLE.md habit 1) rather than measured with the
fonts of whichever desktop happens to lay it out. Text widths come from a table of the
advances of DejaVu Sans (the canvas font on Linux, and wider than the usual Windows and macOS
sans serifs), taken at the canvas's point sizes with hinting, plus a small safety margin: a
text the table says fits does fit on the canvas. A text wider than ``MAX_WIDTH`` allows is
elided in the middle by the canvas (start and end, such as a topic's version, stay).

Each rule is ``left pad + widest text + right pad``, rounded up to the 10 px grid, never
narrower than the classic size and never wider than ``MAX_WIDTH``. Heights do not change.
"""

from __future__ import annotations

import math
import unicodedata

from studio.layout.canvas_style import GRID
from studio.model import Application, Element, Endpoint, Topic

APP_SIZE = (188.0, 64.0)
DATASTORE_SIZE = (150.0, 84.0)
TOPIC_SIZE = (220.0, 48.0)
ENDPOINT_SIZE = (176.0, 24.0)
NOTE_SIZE = (170.0, 72.0)
# Wide enough for long names and addresses, narrow enough that boxes drawn in the classic
# 300 px columns (the samples, older layouts) keep clear of their neighbours.
MAX_WIDTH = 280.0
ENDPOINT_MAX_WIDTH = MAX_WIDTH - 8  # docked 8 px in from its provider's left edge

TITLE_POINTS = 9.5  # bold: names, addresses
SMALL_POINTS = 8.0  # owners, topic details, endpoint paths, frame titles
DPI = 96.0
SAFETY = 1.03  # other fonts and hinting at other sizes

# Where the texts sit inside each box: (left, right) padding, shared with the canvas items.
APP_TEXT = (46.0, 14.0)  # right of the kind's icon; clear of the problem corner and bell
DATASTORE_TEXT = (12.0, 12.0)  # centred between the cylinder's sides
TOPIC_TEXT = (16.0, 24.0)  # clear of the pipe's open end
ENDPOINT_TEXT = (57.0, 3.0)  # right of the method badge

# Advances of ASCII 32..126 in thousandths of an em, the largest over the canvas sizes.
_REGULAR = (
    327,
    414,
    474,
    863,
    655,
    979,
    803,
    283,
    402,
    402,
    516,
    863,
    327,
    373,
    327,
    348,
    655,
    655,
    655,
    655,
    655,
    655,
    655,
    655,
    655,
    655,
    348,
    348,
    863,
    863,
    863,
    547,
    1032,
    705,
    707,
    720,
    794,
    651,
    592,
    799,
    775,
    304,
    304,
    676,
    575,
    890,
    771,
    812,
    622,
    812,
    717,
    654,
    630,
    755,
    705,
    1020,
    707,
    630,
    707,
    402,
    348,
    402,
    863,
    516,
    516,
    632,
    654,
    567,
    654,
    635,
    362,
    654,
    654,
    286,
    286,
    597,
    286,
    1004,
    654,
    630,
    654,
    654,
    424,
    537,
    405,
    654,
    610,
    843,
    610,
    610,
    541,
    655,
    348,
    655,
    863,
)
_BOLD = (
    359,
    471,
    537,
    863,
    717,
    1033,
    898,
    315,
    471,
    471,
    540,
    863,
    392,
    428,
    392,
    377,
    717,
    717,
    717,
    717,
    717,
    717,
    717,
    717,
    717,
    717,
    412,
    412,
    863,
    863,
    863,
    598,
    1032,
    797,
    786,
    756,
    856,
    704,
    704,
    846,
    863,
    383,
    383,
    799,
    657,
    1026,
    863,
    876,
    755,
    876,
    794,
    743,
    704,
    837,
    797,
    1137,
    794,
    746,
    748,
    471,
    377,
    471,
    863,
    516,
    516,
    696,
    737,
    611,
    737,
    699,
    449,
    737,
    734,
    354,
    354,
    686,
    354,
    1074,
    734,
    708,
    737,
    737,
    509,
    614,
    493,
    734,
    671,
    953,
    666,
    671,
    600,
    734,
    377,
    734,
    863,
)
_PUNCTUATION = {
    "\u00b7": 380,
    "\u2026": 1000,
    "\u2013": 500,
    "\u2014": 1000,
    "\u2019": 320,
    "\u2018": 320,
    "\u201c": 520,
    "\u201d": 520,
    "\u2713": 840,
    "\u2192": 840,
}


def _char_em(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return table[code - 32]
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    base = unicodedata.normalize("NFD", char)[0]  # an accented letter is as wide as its base
    if base != char and 32 <= ord(base) <= 126:
        return table[ord(base) - 32]
    return 1000  # CJK and everything unknown: a full em errs wide, as it should


def label_width(text: str, points: float, bold: bool = False) -> float:
    """How wide ``text`` is drawn at ``points`` on the canvas, erring a little wide."""
    table = _BOLD if bold else _REGULAR
    ems = sum(_char_em(char, table) for char in text) / 1000
    return ems * points * DPI / 72 * SAFETY


def _fit(
    base: float,
    pads: tuple[float, float],
    texts: list[tuple[str, float, bool]],
    most: float = MAX_WIDTH,
) -> float:
    need = pads[0] + pads[1] + max(label_width(*text) for text in texts)
    return min(most, max(base, math.ceil(need / GRID) * GRID))


def application_subtitle(app: Application) -> str:
    """The second line of an application's box: its role and owner."""
    role = "evented API" if app.webhooks is not None else app.kind
    return f"{role} · {app.owner}" if app.owner else role


def topic_detail(topic: Topic) -> str:
    """The second line of a topic's pipe: its id and how many messages it carries."""
    count = len(topic.messages)
    return f"{topic.id} · {count} message{'s' if count != 1 else ''}"


def application_size(app: Application) -> tuple[float, float]:
    name = app.name or app.id
    if app.kind == "datastore":
        width = _fit(DATASTORE_SIZE[0], DATASTORE_TEXT, [(name, TITLE_POINTS, True)])
        return width, DATASTORE_SIZE[1]
    width = _fit(
        APP_SIZE[0],
        APP_TEXT,
        [(name, TITLE_POINTS, True), (application_subtitle(app), SMALL_POINTS, False)],
    )
    return width, APP_SIZE[1]


def topic_size(topic: Topic) -> tuple[float, float]:
    width = _fit(
        TOPIC_SIZE[0],
        TOPIC_TEXT,
        [(topic.address, TITLE_POINTS, True), (topic_detail(topic), SMALL_POINTS, False)],
    )
    return width, TOPIC_SIZE[1]


def endpoint_size(endpoint: Endpoint) -> tuple[float, float]:
    width = _fit(
        ENDPOINT_SIZE[0], ENDPOINT_TEXT, [(endpoint.path, SMALL_POINTS, False)], ENDPOINT_MAX_WIDTH
    )
    return width, ENDPOINT_SIZE[1]


def node_size(element: Element) -> tuple[float, float]:
    """The size of the canvas box of any element (notes have a fixed size)."""
    if isinstance(element, Topic):
        return topic_size(element)
    if isinstance(element, Application):
        return application_size(element)
    if isinstance(element, Endpoint):
        return endpoint_size(element)
    return NOTE_SIZE
