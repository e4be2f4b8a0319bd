"""Starting the studio: the QApplication, the window, screenshots, and life without a display.

``mesh-studio gui`` on a machine with no display (a CI box, an SSH session) does not crash:
it says so in one line, renders the window offscreen to a PNG it names, and points to the
headless commands.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from studio.gui import APP_NAME
from studio.gui.main_window import MainWindow
from studio.resources import resource_path


def has_display() -> bool:
    """Whether a window can be shown (always true off Linux/BSD desktops or when offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


_PLATFORM_NOISE = ("This plugin does not support",)


def _quiet_platform_noise(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's notes about window features it lacks; keep the rest."""
    if message.startswith(_PLATFORM_NOISE):
        return
    sys.stderr.write(message + "\n")


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    qInstallMessageHandler(_quiet_platform_noise)
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("MeshStudio")
    app.setApplicationDisplayName(APP_NAME)
    # the installed mesh-studio.desktop: Wayland shells match windows to it by this name
    app.setDesktopFileName("mesh-studio")
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The studio's icon, the SVG the desktop entry uses too."""
    return QIcon(str(resource_path("desktop", "mesh-studio.svg")))


def save_screenshot(window: MainWindow, path: str | Path) -> None:
    """Render the window as it would appear on screen into a PNG."""
    app = application()
    window.show()
    for _ in range(3):
        app.processEvents()
    window.view.fit_all()
    app.processEvents()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target), "PNG"):
        raise OSError(f"cannot write {target}")


def run(design: str | None, review: bool = False, screenshot: str | None = None) -> int:
    """Open the studio; with ``screenshot`` render it to a PNG and return at once."""
    headless_note = None
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if screenshot is None:
            stem = Path(design).name.split(".")[0] if design else "untitled"
            screenshot = str(Path(tempfile.gettempdir()) / f"mesh-studio-{stem}.png")
            headless_note = (
                f"mesh-studio: no display found; rendered the studio offscreen to "
                f"{screenshot} instead (headless commands: mesh-studio --help)"
            )
    app = application()
    settings = (
        QSettings("MeshStudio", "Mesh Studio")
        if screenshot is None
        else QSettings(
            str(Path(tempfile.gettempdir()) / "mesh-studio-screenshot.ini"),
            QSettings.Format.IniFormat,
        )
    )
    window = MainWindow(review=review, settings=settings)
    # a screenshot neither asks questions nor leaves recovery files
    window.autosave.enabled = screenshot is None
    if not design:
        window.autosave.offer_recovery()  # untitled work a crash left behind
    if design and not window.open_file(design):
        return 2 if screenshot else _run_loop(app, window)
    if screenshot:
        save_screenshot(window, screenshot)
        if headless_note:
            print(headless_note, file=sys.stderr)
        return 0
    return _run_loop(app, window)


def _run_loop(app: QApplication, window: MainWindow) -> int:
    window.show()
    return int(app.exec())
