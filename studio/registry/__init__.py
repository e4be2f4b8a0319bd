"""The local schema registry: its file, schema parsing per format, the compatibility engine."""

from studio.registry.file import load_registry, parse_registry, save_registry
from studio.registry.model import (
           LEVELS,
           SCHEMA_TYPES,
           Registry,
           SchemaReference,
           SchemaVersion,
           Subject,
)

__all__ = ["LEVELS", "SCHEMA_TYPES", "Registry", "SchemaReference", "SchemaVersion", "Subject",
           "load_registry", "parse_registry", "save_registry"]
