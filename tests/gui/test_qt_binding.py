"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 released one reference to None per void method call (``path.lineTo``), which
aborts the studio after a few thousand calls; the project pins it out. This keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath


def test_void_method_calls_keep_none_refcount() -> None:
    before = sys.getrefcount(None)
    path = QPainterPath()
    for _ in range(2000):
        path.lineTo(1, 2)
        path.arcTo(QRectF(0, 0, 10, 10), 90, -180)
    assert abs(sys.getrefcount(None) - before) < 100
