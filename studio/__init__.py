"""Mesh Studio: design service and event meshes, export AsyncAPI/OpenAPI, check schemas.

This package is the headless core. It never imports Qt; only ``studio.gui`` does, and
only when the studio window is opened. The public API below is what the CLI, the studio
and tests build on.
"""

from studio.errors import LoadError, MeshStudioError
from studio.io.design_file import dump_design, load_design, parse_design, save_design
from studio.model import Design, Document
from studio.registry import Registry, load_registry, save_registry

__version__ = "0.1.0"

__all__ = [
    "Design",
    "Document",
    "LoadError",
    "MeshStudioError",
    "Registry",
    "__version__",
    "dump_design",
    "load_design",
    "load_registry",
    "parse_design",
    "save_design",
    "save_registry",
]
