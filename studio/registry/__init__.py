"""The local schema registry: its file, schema parsing per format, the compatibility engine.

``load_registry`` reads the file; ``parse_schema`` understands one version in its format;
``check_candidate``, ``check_versions``, ``check_history`` and ``can_read`` answer
compatibility questions with Confluent's semantics; ``check_registry`` gives the findings of
``mesh-studio registry check`` (MS103, MS104). The format parsers share their types through
``schema_types``, so every import sits at the top of its module.
"""

from studio.registry.check import check_registry
from studio.registry.compatibility import (
    Incompatibility,
    can_read,
    check_candidate,
    check_history,
    check_versions,
)
from studio.registry.file import load_registry, parse_registry, save_registry
from studio.registry.model import (
    LEVELS,
    SCHEMA_TYPES,
    Registry,
    SchemaReference,
    SchemaVersion,
    Subject,
)
from studio.registry.schema_types import ParsedSchema, SchemaError
from studio.registry.schemas import parse_schema, parse_text

__all__ = [
    "LEVELS",
    "SCHEMA_TYPES",
    "Incompatibility",
    "ParsedSchema",
    "Registry",
    "SchemaError",
    "SchemaReference",
    "SchemaVersion",
    "Subject",
    "can_read",
    "check_candidate",
    "check_history",
    "check_registry",
    "check_versions",
    "load_registry",
    "parse_registry",
    "parse_schema",
    "parse_text",
    "save_registry",
]
