"""The files Mesh Studio ships: JSON Schemas, portal templates and assets, desktop files.

This folder is the package ``studio.resources`` (``pyproject.toml`` maps it), so the files go
into the wheel beside the code and are found through ``importlib.resources`` wherever the
package is installed: from a wheel in any virtualenv, or from this checkout in an editable
install.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource_path(*parts: str) -> Traversable:
    """A bundled file or folder, e.g. ``resource_path("schemas", "design.schema.json")``."""
    return files(__name__).joinpath("/".join(parts))
