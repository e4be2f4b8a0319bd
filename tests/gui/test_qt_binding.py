"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 releases one reference to None per void method call (``path.lineTo``). Where
None is mortal (Python before 3.12) its count reaches zero after a few thousand calls and the
interpreter aborts ("none_dealloc"), so the project keeps 6.12 out there. Since Python 3.12
None is immortal (PEP 683): the stray release changes nothing, and 6.12 is allowed. The first
test holds on every Python: a process making a million void calls exits normally. The second
watches None's count itself where it can move.
"""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

NONE_IS_IMMORTAL = sys.version_info >= (3, 12)  # PEP 683

MILLION_VOID_CALLS = """
from PySide6.QtGui import QPainterPath
path = QPainterPath()
for i in range(1_000_000):
    path.lineTo(i % 1000, 2)
print(path.elementCount())
"""


def test_a_million_void_method_calls_leave_the_process_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", MILLION_VOID_CALLS], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1000001"


def test_void_method_calls_keep_none_refcount() -> None:
    before = sys.getrefcount(None)
    path = QPainterPath()
    for _ in range(2000):
        path.lineTo(1, 2)
        path.arcTo(QRectF(0, 0, 10, 10), 90, -180)
    after = sys.getrefcount(None)
    if NONE_IS_IMMORTAL:  # the count is a fixed marker that no release can lower
        assert after == before
    else:  # each stray release would show: 4,000 calls, 4,000 fewer references
        assert abs(after - before) < 100
