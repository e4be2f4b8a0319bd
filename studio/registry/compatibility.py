"""The compatibility engine: Confluent's seven levels over Avro, JSON Schema and Protobuf.

Everything reduces to one question per pair of schemas, "can a consumer holding the reader
schema read what the writer schema produces?", answered by the format's checker
(``avro_compat``, ``json_compat``, ``protobuf_compat``). A level picks the pairs:

============================  ==========================  ==================================
level                         checked against             direction
============================  ==========================  ==================================
BACKWARD / _TRANSITIVE        latest live / every live    the new schema reads the old
FORWARD / _TRANSITIVE         latest live / every live    the old schema reads the new
FULL / _TRANSITIVE            latest live / every live    both
NONE                          nothing                     always compatible
============================  ==========================  ==================================

Soft-deleted versions are skipped; a change of schema type is always incompatible.

Public API (every function raises ``SchemaError`` when a schema it needs does not parse):

* ``check_candidate`` - would the registry accept this schema text as the next version?
* ``check_versions`` - is version B compatible with version A under a level?
* ``check_history`` - does each live version obey the subject's level against the versions
  before it (what the registry checked when it was registered)?
* ``can_read`` - can a consumer pinned to one version read what another version writes?
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from studio.registry.avro_compat import avro_breaks
from studio.registry.breaks import Break, Roles, article, sentence
from studio.registry.json_compat import json_breaks
from studio.registry.model import LEVELS, Registry, SchemaReference, SchemaVersion
from studio.registry.protobuf_compat import protobuf_breaks
from studio.registry.schema_types import ParsedSchema, SchemaError
from studio.registry.schemas import parse_text, parse_version

Direction = Literal["backward", "forward", "read"]


@dataclass(frozen=True, slots=True)
class Incompatibility:
    """One breaking change between two versions of a subject.

    ``old_version`` is the version checked against, ``new_version`` the version (or the
    candidate, None) being checked. ``direction`` says which reading failed: ``backward``
    (the new schema cannot read data written with the old), ``forward`` (the old cannot read
    the new) or ``read`` (``can_read``: the reader, as ``new_version``, cannot read the writer,
    as ``old_version``). ``path`` is the place in the schema (``CustomerChanged.address.zip``),
    ``rule`` the Avro resolution error or Confluent difference type, ``message`` one sentence.
    """

    subject: str
    old_version: int
    new_version: int | None
    path: str
    rule: str
    message: str
    direction: Direction = "backward"

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON reports (camelCase keys, as the other reports use)."""
        return {
            "oldVersion": self.old_version,
            "newVersion": self.new_version,
            "direction": self.direction,
            "path": self.path,
            "rule": self.rule,
            "message": self.message,
        }


def level_parts(level: str) -> tuple[bool, bool, bool]:
    """(new reads old, old reads new, against every live version) for a level name."""
    if level not in LEVELS:
        raise ValueError(f"unknown compatibility level '{level}'; use one of {', '.join(LEVELS)}")
    base = level.removesuffix("_TRANSITIVE")
    return (
        base in ("BACKWARD", "FULL"),
        base in ("FORWARD", "FULL"),
        level.endswith("_TRANSITIVE"),
    )


def check_candidate(
    registry: Registry,
    subject: str,
    schema_text: str,
    schema_type: str = "AVRO",
    level: str | None = None,
    references: Sequence[SchemaReference] = (),
) -> list[Incompatibility]:
    """Why the registry would refuse ``schema_text`` as the next version of ``subject``
    (empty when it would accept it). ``level`` defaults to the subject's effective level;
    a subject the registry does not have yet accepts anything."""
    candidate = parse_text(registry, subject, schema_text, schema_type, references)
    backward, forward, transitive = level_parts(level or registry.level_of(subject))
    if not (backward or forward):
        return []
    entry = registry.subjects.get(subject)
    live = entry.live_versions() if entry else []
    targets = live if transitive else live[-1:]
    found: list[Incompatibility] = []
    for target in reversed(targets):
        found += _pair(
            subject,
            target,
            None,
            parse_version(registry, subject, target),
            candidate,
            backward,
            forward,
        )
    return found


def check_versions(
    registry: Registry,
    subject: str,
    old: int | Literal["latest"],
    new: int | Literal["latest"],
    level: str | None = None,
) -> list[Incompatibility]:
    """Why version ``new`` of ``subject`` is not compatible with version ``old`` under
    ``level`` (the subject's own by default). A pair has no history, so a transitive level
    means the same as its plain one here; deleted versions can be compared on purpose."""
    backward, forward, _ = level_parts(level or registry.level_of(subject))
    old_entry, new_entry = _entry(registry, subject, old), _entry(registry, subject, new)
    return _pair(
        subject,
        old_entry,
        new_entry.version,
        parse_version(registry, subject, old_entry),
        parse_version(registry, subject, new_entry),
        backward,
        forward,
    )


def check_history(registry: Registry, subject: str) -> list[Incompatibility]:
    """Every way the live versions of ``subject`` break its level, each checked against the
    live versions before it as the registry did when registering it. Versions that do not
    parse are skipped here (``check.check_registry`` reports them)."""
    if subject not in registry.subjects:
        raise SchemaError(subject, None, f"there is no subject '{subject}' in the registry")
    backward, forward, transitive = level_parts(registry.level_of(subject))
    if not (backward or forward):
        return []
    parsed: list[tuple[SchemaVersion, ParsedSchema]] = []
    for entry in registry.subjects[subject].live_versions():
        try:
            parsed.append((entry, parse_version(registry, subject, entry)))
        except SchemaError:
            continue
    found: list[Incompatibility] = []
    for index in range(1, len(parsed)):
        new_entry, new_schema = parsed[index]
        earlier = parsed[:index] if transitive else parsed[index - 1 : index]
        for old_entry, old_schema in reversed(earlier):
            found += _pair(
                subject, old_entry, new_entry.version, old_schema, new_schema, backward, forward
            )
    return found


def can_read(
    registry: Registry, reader: SchemaVersion, writer: SchemaVersion, subject: str = ""
) -> list[Incompatibility]:
    """Why a consumer holding ``reader`` cannot read data written with ``writer`` (empty
    when it can). In the result ``new_version`` is the reader's, ``old_version`` the writer's;
    ``subject`` only names them in messages and errors."""
    reader_schema = parse_version(registry, subject, reader)
    writer_schema = parse_version(registry, subject, writer)
    roles = Roles(f"v{reader.version}", f"v{writer.version}")
    return [
        Incompatibility(subject, writer.version, reader.version, b.path, b.rule, b.message, "read")
        for b in reads(reader_schema, writer_schema, roles)
    ]


def reads(reader: ParsedSchema, writer: ParsedSchema, roles: Roles) -> list[Break]:
    """The format's answer: why ``reader`` cannot read what ``writer`` writes."""
    if reader.schema_type != writer.schema_type:
        return [
            Break(
                "",
                "SCHEMA_TYPE_CHANGED",
                sentence(
                    f"{roles.reader} is {article(reader.schema_type)} schema and {roles.writer} "
                    f"{article(writer.schema_type)} schema, so {roles.reader} cannot read the "
                    "data at "
                    "all; a subject keeps one schema type."
                ),
            )
        ]
    if reader.schema_type == "AVRO":
        return avro_breaks(reader.model, writer.model, roles)
    if reader.schema_type == "JSON":
        return json_breaks(reader.model, writer.model, roles)
    return protobuf_breaks(reader.model, writer.model, roles)


def _pair(
    subject: str,
    old: SchemaVersion,
    new_version: int | None,
    old_schema: ParsedSchema,
    new_schema: ParsedSchema,
    backward: bool,
    forward: bool,
) -> list[Incompatibility]:
    new_label = f"v{new_version}" if new_version is not None else "the candidate"
    old_label = f"v{old.version}"
    found: list[Incompatibility] = []
    if backward:
        found += [
            Incompatibility(
                subject, old.version, new_version, b.path, b.rule, b.message, "backward"
            )
            for b in reads(new_schema, old_schema, Roles(new_label, old_label))
        ]
    if forward and not (backward and old_schema.schema_type != new_schema.schema_type):
        found += [
            Incompatibility(subject, old.version, new_version, b.path, b.rule, b.message, "forward")
            for b in reads(old_schema, new_schema, Roles(old_label, new_label))
        ]
    return found


def _entry(registry: Registry, subject: str, version: int | Literal["latest"]) -> SchemaVersion:
    if subject not in registry.subjects:
        raise SchemaError(subject, None, f"there is no subject '{subject}' in the registry")
    entry = registry.lookup(subject, version)
    if entry is None:
        raise SchemaError(
            subject,
            version if isinstance(version, int) else None,
            f"there is no version {version} of subject '{subject}'",
        )
    return entry
