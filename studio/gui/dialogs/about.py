"""Help > About: the name, the version and what the studio is for."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from studio import __version__
from studio.gui import APP_NAME


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<b>{APP_NAME} {__version__}</b><p>Design service and event meshes, "
        "export AsyncAPI and OpenAPI, check schemas offline.</p>"
        "<p>The same core runs headless: <code>mesh-studio --help</code>.</p>",
    )
