"""Where the bundled resources (JSON Schemas, icons, styles, templates) live.

They sit in the top-level ``resources/`` folder of the project, next to the package, which
is where an editable install (the README's set-up) finds them.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("schemas", "design.schema.json")``."""
    return RESOURCES.joinpath(*parts)
