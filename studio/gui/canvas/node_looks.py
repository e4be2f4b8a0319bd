"""What element items draw with: their fonts, the pens of a theme, and shared outlines.

Made once and shared by every item (a big mesh has thousands): pens and brushes per colour
theme, and the outlines of pipes, cylinders and accent stripes per box size (boxes grow on a
10 px grid, so there are few sizes; QPainterPath copies share their data). The font sizes
are the ones ``studio.layout.node_sizes`` sizes the boxes for.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QFont, QPainterPath, QPen

from studio.gui import theme
from studio.gui.icons import cylinder_path, pipe_path
from studio.layout.node_sizes import SMALL_POINTS, TITLE_POINTS

TITLE_FONT = QFont()
TITLE_FONT.setPointSizeF(TITLE_POINTS)
TITLE_FONT.setBold(True)
SMALL_FONT = QFont()
SMALL_FONT.setPointSizeF(SMALL_POINTS)
TAG_FONT = QFont()
TAG_FONT.setPointSizeF(6.8)
TAG_FONT.setBold(True)


class Look:
    """Pens and brushes of one colour theme, made once instead of in every paint()."""

    def __init__(self, colours: theme.CanvasColours) -> None:
        self.border = QPen(colours.node_border, 1.2)
        self.selected_border = QPen(colours.selection, 2.2)
        self.fill = QBrush(colours.node_fill)
        self.port = QPen(colours.selection, 1.5)
        self.tab_border = QPen(colours.node_border, 1)  # endpoints: small tabs, thin lines
        self.tab_selected_border = QPen(colours.selection, 2)
        # solid, not dashed: dashing a frame around thousands of topics is slow to paint
        self.frame_border = QPen(colours.frame_border, 1.1)
        self.frame_selected_border = QPen(colours.selection, 1.6)
        self.frame_fill = QBrush(colours.frame_fill)


_LOOKS: dict[int, Look] = {}
_OUTLINES: dict[tuple[str, float, float], tuple[QPainterPath, QPainterPath]] = {}
_STRIPES: dict[float, QPainterPath] = {}


def look(colours: theme.CanvasColours) -> Look:
    found = _LOOKS.get(id(colours))
    if found is None:
        found = _LOOKS[id(colours)] = Look(colours)
    return found


def outline(kind: str, size: QRectF) -> tuple[QPainterPath, QPainterPath]:
    """A topic's pipe and its open end, or a datastore's cylinder and its lid."""
    key = (kind, size.width(), size.height())
    if key not in _OUTLINES:
        _OUTLINES[key] = pipe_path(size, 22) if kind == "topic" else cylinder_path(size, 18)
    return _OUTLINES[key]


def app_stripe(size: QRectF, width: float = 6) -> QPainterPath:
    """The left ``width`` of a rounded box: the accent stripe of an application."""
    if size.width() not in _STRIPES:
        box = QPainterPath()
        box.addRoundedRect(size, 10, 10)
        band = QPainterPath()
        band.addRect(QRectF(size.left(), size.top(), width, size.height()))
        _STRIPES[size.width()] = box.intersected(band)
    return _STRIPES[size.width()]
