"""The local schema registry as typed values: subjects, versions, references, levels.

A faithful offline mirror of a Confluent-compatible registry. ``schema`` strings are kept
exactly as written (registries derive ids from the bytes); they are parsed only by the
per-format checkers, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

LEVELS = (
    "NONE",
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
)
SCHEMA_TYPES = ("AVRO", "JSON", "PROTOBUF")
DEFAULT_LEVEL = "BACKWARD"


@dataclass(frozen=True, slots=True)
class SchemaReference:
    """An import of another subject's version; ``name`` is the import path (Protobuf) or URL."""

    name: str
    subject: str
    version: int
    extensions: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SchemaVersion:
    """One registered version of a subject."""

    version: int
    schema: str
    id: int | None = None
    schema_type: str = "AVRO"
    references: tuple[SchemaReference, ...] = ()
    deleted: bool = False
    extensions: dict[str, Any] = field(default_factory=dict)


@dataclass
class Subject:
    """A named, versioned schema history with an optional compatibility level of its own."""

    name: str
    versions: list[SchemaVersion] = field(default_factory=list)
    compatibility_level: str | None = None
    config_extensions: dict[str, Any] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)

    def live_versions(self) -> list[SchemaVersion]:
        """Versions not soft-deleted, in ascending version order."""
        return sorted((v for v in self.versions if not v.deleted), key=lambda v: v.version)

    def get(self, version: int | Literal["latest"]) -> SchemaVersion | None:
        """A version by number (deleted ones included), or the latest live one."""
        if version == "latest":
            live = self.live_versions()
            return live[-1] if live else None
        return next((v for v in self.versions if v.version == version), None)


@dataclass
class Registry:
    """Everything a registry file holds."""

    format_version: int = 1
    source: dict[str, Any] | None = None
    compatibility_level: str | None = None
    config_extensions: dict[str, Any] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)

    def level_of(self, subject: str) -> str:
        """The effective compatibility level: the subject's, else the global, else BACKWARD."""
        own = self.subjects[subject].compatibility_level if subject in self.subjects else None
        return own or self.compatibility_level or DEFAULT_LEVEL

    def lookup(self, subject: str, version: int | Literal["latest"]) -> SchemaVersion | None:
        """The schema version a design reference names, or None when it does not exist."""
        entry = self.subjects.get(subject)
        return entry.get(version) if entry else None

    def resolve(self, reference: SchemaReference) -> SchemaVersion | None:
        """The version a schema reference points at, or None when it is missing."""
        return self.lookup(reference.subject, reference.version)
