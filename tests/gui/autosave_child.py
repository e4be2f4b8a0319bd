"""The studio as a separate process, for the crash test: open a design offscreen, add a service
from the palette as a user would, wait for the autosave, say so, and wait to be killed.

``python autosave_child.py DESIGN SETTINGS.ini`` prints one JSON line, ``{"recovery": path,
"added": [ids]}``, once the recovery file holding the edit exists. The recovery folder comes
from ``MESH_STUDIO_RECOVERY_DIR``, as in the test that starts it.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSettings, QTimer

from studio.gui.app import application
from studio.gui.main_window import MainWindow
from studio.io.recovery import read_recovery


def main(design: str, settings: str) -> int:
    app = application()
    window = MainWindow(
        settings=QSettings(settings, QSettings.Format.IniFormat), theme_mode="light"
    )
    window.autosave.after_edit_ms = 100
    window.show()
    if not window.open_file(design):
        return 2
    before = {a.id for a in window.doc.design.applications}
    window.edits.add_at_centre("service")  # what activating "Service" in the palette does
    added = sorted({a.id for a in window.doc.design.applications} - before)

    def report_when_saved() -> None:
        written = window.autosave.written
        if (
            written is not None
            and written.exists()
            and read_recovery(written).design == window.doc.design
        ):
            print(json.dumps({"recovery": str(written), "added": added}), flush=True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(report_when_saved)
    poll.start(20)
    return int(app.exec())  # until the test kills the process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
