"""What the portal shows about a schema: a message's payload (or key, or headers) and a subject.

``payload_of`` answers the questions a consumer has about a message: which subject and version
it pins, what that resolves to, the compatibility level that governs the subject's history,
the other versions, the schema text and its fields. ``subject_of`` gathers a subject page:
every version (soft-deleted ones marked), references, and the level. Both degrade to a note
when the registry is missing or does not know the subject, so the portal always builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio.export.schemas import SchemaResolver
from studio.model import InlineSchema, Message, SchemaRef, SchemaSource
from studio.portal.schema_view import Field, data_text, fields_of, schema_text
from studio.portal.site import Site
from studio.registry.model import DEFAULT_LEVEL, Registry, SchemaReference, SchemaVersion


@dataclass(frozen=True, slots=True)
class VersionChip:
    """One version of a subject in a compact list, with how a message relates to it."""

    version: int
    deleted: bool
    pinned: bool
    latest: bool


@dataclass
class PayloadInfo:
    """A message part's schema as a consumer needs to know it."""

    part: str
    subject: str | None = None
    pinned: int | str | None = None
    resolved: int | None = None
    schema_type: str = "JSON"
    level: str | None = None
    level_from: str | None = None
    versions: list[VersionChip] = field(default_factory=list)
    text: str = ""
    fields: list[Field] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def inline(self) -> bool:
        return self.subject is None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One registered version on a subject page."""

    version: int
    id: int | None
    schema_type: str
    deleted: bool
    latest: bool
    references: tuple[SchemaReference, ...]
    text: str


@dataclass
class SubjectInfo:
    """Everything a subject page shows."""

    name: str
    in_registry: bool
    level: str | None = None
    level_from: str | None = None
    versions: list[VersionInfo] = field(default_factory=list)
    problem: str | None = None


def level_of(registry: Registry, subject: str) -> tuple[str, str]:
    """The effective compatibility level and where it comes from, in words."""
    entry = registry.subjects.get(subject)
    if entry is not None and entry.compatibility_level:
        return entry.compatibility_level, "set on the subject"
    if registry.compatibility_level:
        return registry.compatibility_level, "the registry's global level"
    return DEFAULT_LEVEL, "the default level"


def payloads_of(site: Site, resolver: SchemaResolver, message: Message) -> list[PayloadInfo]:
    """Payload, key and headers of ``message``, those it has, in that order."""
    parts = []
    for part in ("payload", "key", "headers"):
        source = getattr(message, part)
        if source is not None:
            parts.append(payload_of(site, resolver, message, part, source))
    return parts


def payload_of(
    site: Site, resolver: SchemaResolver, message: Message, part: str, source: SchemaSource
) -> PayloadInfo:
    view, problems = resolver.view(source, f"{message.id}.{part}")
    info = PayloadInfo(part, fields=fields_of(view), problems=list(problems))
    if isinstance(source, InlineSchema):
        info.text = data_text(source.schema)
        return info
    assert isinstance(source, SchemaRef)
    info.subject, info.pinned = source.subject, source.version
    registry = site.registry
    entry = registry.subjects.get(source.subject) if registry else None
    if registry is None or entry is None:
        return info  # the resolver's problem already says why (no registry, unknown subject)
    info.level, info.level_from = level_of(registry, source.subject)
    resolved = entry.get(source.version)
    latest = entry.get("latest")
    info.versions = [
        VersionChip(
            v.version,
            v.deleted,
            resolved is not None and v.version == resolved.version,
            latest is not None and v.version == latest.version,
        )
        for v in sorted(entry.versions, key=lambda v: v.version)
    ]
    if resolved is not None:
        info.resolved = resolved.version
        info.schema_type = resolved.schema_type
        info.text = schema_text(resolved.schema, resolved.schema_type)
    return info


def subject_of(site: Site, name: str) -> SubjectInfo:
    registry = site.registry
    if registry is None:
        why = site.missing_registry or "the design names no registry file"
        return SubjectInfo(
            name,
            False,
            problem=f"Registry not found: {why}, so the versions of this subject cannot be shown.",
        )
    entry = registry.subjects.get(name)
    if entry is None:
        return SubjectInfo(
            name,
            False,
            problem="This subject is not in the registry file; messages naming it have no schema.",
        )
    level, level_from = level_of(registry, name)
    latest = entry.get("latest")
    versions = [
        _version_info(v, latest)
        for v in sorted(entry.versions, key=lambda v: v.version, reverse=True)
    ]
    return SubjectInfo(name, True, level, level_from, versions)


def _version_info(version: SchemaVersion, latest: SchemaVersion | None) -> VersionInfo:
    return VersionInfo(
        version.version,
        version.id,
        version.schema_type,
        version.deleted,
        latest is not None and latest.version == version.version,
        version.references,
        schema_text(version.schema, version.schema_type),
    )
