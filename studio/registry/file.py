"""Load and save the registry file (FORMATS.md section 2) with ``registry.schema.json``.

Structure problems are LoadErrors with line and column; whether schemas parse and whether
histories obey their levels is the registry engine's job (``registry check``), reported as
findings.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

from studio.errors import LoadError
from studio.io.atomic import write_atomic
from studio.io.design_codec import extensions_of
from studio.io.schema_check import check_structure, is_valid
from studio.io.yaml_source import (
    EVENTS_PER_STEP,
    SourceMap,
    drain,
    parse_yaml_steps,
    placed_when_refused,
    read_text_steps,
)
from studio.io.yaml_writer import dump_yaml
from studio.registry.model import Registry, SchemaReference, SchemaVersion, Subject

FORMAT_VERSION = 1
SUBJECTS_PER_STEP = 50  # about a millisecond of making subjects, between pauses
BYTES_PER_STEP = 1 << 20  # about a millisecond of reading the file
SUBJECTS_PER_CHECK = 300  # about 2 ms of checking them against the schema
_SCHEMA = "registry.schema.json"


def load_registry(path: str | Path, positions: bool = True) -> tuple[Registry, SourceMap]:
    """Read a registry file; raise LoadError if it cannot be used. Without ``positions``
    the source map is empty and a big file reads faster (``placed_when_refused``)."""
    return drain(load_registry_steps(path, positions, pause_every=0))


def load_registry_steps(
    path: str | Path, positions: bool = True, pause_every: int = EVENTS_PER_STEP
) -> Generator[None, None, tuple[Registry, SourceMap]]:
    """``load_registry``, pausing (a bare ``yield``) every few milliseconds of work: the
    studio reads a big registry between turns of its event loop (``pause_every`` as in
    ``parse_yaml_steps``; 0: no pauses)."""
    text = yield from read_text_steps(path, BYTES_PER_STEP if pause_every else 0)
    return (
        yield from placed_when_refused(
            lambda placed: _parse_steps(text, path, placed, pause_every), positions
        )
    )


def parse_registry(text: str, path: str | Path = "<registry>") -> tuple[Registry, SourceMap]:
    return drain(_parse_steps(text, path, positions=True, pause_every=0))


def _parse_steps(
    text: str, path: str | Path, positions: bool, pause_every: int
) -> Generator[None, None, tuple[Registry, SourceMap]]:
    data, source = yield from parse_yaml_steps(text, path, positions, pause_every)
    if not isinstance(data, dict) or "formatVersion" not in data:
        raise LoadError(path, "is not a registry file: 'formatVersion: 1' is missing at the top")
    version = data["formatVersion"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        mark = source.mark(("formatVersion",))
        raise LoadError(
            path,
            f"uses registry format {version}, newer than format "
            f"{FORMAT_VERSION} that this Mesh Studio reads; update Mesh Studio",
            mark.line,
            mark.column,
        )
    yield from _check_steps(data, source, pausing=pause_every > 0)
    subjects: dict[str, Subject] = {}
    for index, (name, subject) in enumerate((data.get("subjects") or {}).items()):
        subjects[name] = _subject(name, subject)
        if pause_every and index % SUBJECTS_PER_STEP == 0:
            yield
    return registry_from_data(data, subjects), source


def _check_steps(
    data: dict[str, Any], source: SourceMap, pausing: bool
) -> Generator[None, None, None]:
    """Check the file's structure, then that no subject lists a version twice; when
    ``pausing``, a share of the subjects at a time (10 MB at once: a stall of 25-50 ms).
    The schema judges each subject on its own (nothing counts or compares them), so the
    shares pass exactly when the whole does; should one not, the whole is checked, so the
    error names the first wrong place in the file as ever."""
    subjects = data.get("subjects")
    if not pausing or not isinstance(subjects, dict):
        check_structure(data, _SCHEMA, source)
        _check_unique_versions(data, source)
        return
    names = list(subjects)
    shares = [
        {**data, "subjects": {name: subjects[name] for name in names[at : at + SUBJECTS_PER_CHECK]}}
        for at in range(0, len(names), SUBJECTS_PER_CHECK)
    ] or [data]
    for share in shares:
        if not is_valid(share, _SCHEMA):
            check_structure(data, _SCHEMA, source)
            break  # (not raised: the engines disagree, and jsonschema finds it valid)
        yield
    for share in shares:
        _check_unique_versions(share, source)
        yield


def _check_unique_versions(data: dict[str, Any], source: SourceMap) -> None:
    for name, subject in (data.get("subjects") or {}).items():
        seen: set[int] = set()
        for index, entry in enumerate(subject["versions"]):
            if entry["version"] in seen:
                mark = source.mark(("subjects", name, "versions", index, "version"))
                raise LoadError(
                    source.path,
                    f"subject '{name}' lists version {entry['version']} twice",
                    mark.line,
                    mark.column,
                )
            seen.add(entry["version"])


def registry_from_data(
    data: dict[str, Any], subjects: dict[str, Subject] | None = None
) -> Registry:
    """The registry of plain ``data``; ``subjects`` when they are made already (of
    ``data["subjects"]``, in their order)."""
    config = data.get("config") or {}
    if subjects is None:
        subjects = {name: _subject(name, s) for name, s in (data.get("subjects") or {}).items()}
    return Registry(
        format_version=data["formatVersion"],
        source=data.get("source"),
        compatibility_level=config.get("compatibilityLevel"),
        config_extensions=extensions_of(config),
        subjects=subjects,
        extensions=extensions_of(data),
    )


def _subject(name: str, data: dict[str, Any]) -> Subject:
    config = data.get("config") or {}
    return Subject(
        name=name,
        versions=[_version(v) for v in data["versions"]],
        compatibility_level=config.get("compatibilityLevel"),
        config_extensions=extensions_of(config),
        extensions=extensions_of(data),
    )


def _version(data: dict[str, Any]) -> SchemaVersion:
    return SchemaVersion(
        version=data["version"],
        schema=data["schema"],
        id=data.get("id"),
        schema_type=data.get("schemaType", "AVRO"),
        references=tuple(
            SchemaReference(r["name"], r["subject"], r["version"], extensions_of(r))
            for r in data.get("references") or ()
        ),
        deleted=data.get("deleted", False),
        extensions=extensions_of(data),
    )


def registry_to_data(registry: Registry) -> dict[str, Any]:
    """Plain data in the key order of FORMATS.md."""
    data: dict[str, Any] = {"formatVersion": registry.format_version}
    if registry.source:
        data["source"] = registry.source
    config = _config(registry.compatibility_level, registry.config_extensions)
    if config:
        data["config"] = config
    data["subjects"] = {name: _subject_to_data(s) for name, s in registry.subjects.items()}
    data.update(registry.extensions)
    return data


def _config(level: str | None, extensions: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = {"compatibilityLevel": level} if level else {}
    config.update(extensions)
    return config


def _subject_to_data(subject: Subject) -> dict[str, Any]:
    data: dict[str, Any] = {}
    config = _config(subject.compatibility_level, subject.config_extensions)
    if config:
        data["config"] = config
    data["versions"] = [_version_to_data(v) for v in subject.versions]
    data.update(subject.extensions)
    return data


def _version_to_data(v: SchemaVersion) -> dict[str, Any]:
    data: dict[str, Any] = {"version": v.version}
    if v.id is not None:
        data["id"] = v.id
    data["schemaType"] = v.schema_type
    if v.deleted:
        data["deleted"] = True
    if v.references:
        data["references"] = [
            {"name": r.name, "subject": r.subject, "version": r.version, **r.extensions}
            for r in v.references
        ]
    data["schema"] = v.schema
    data.update(v.extensions)
    return data


def _is_block(path: tuple[str | int, ...]) -> bool:
    # subjects and their version entries read best one per block; small configs stay inline
    if path in ((), ("subjects",)):
        return True
    in_versions = path[2:3] == ("versions",) and len(path) <= 4
    return path[0] == "subjects" and (len(path) == 2 or in_versions)


def dump_registry(registry: Registry) -> str:
    return dump_yaml(registry_to_data(registry), _is_block)


def save_registry(registry: Registry, path: str | Path) -> None:
    """Write the registry canonically and atomically; schema strings are written unchanged."""
    write_atomic(path, dump_registry(registry))
