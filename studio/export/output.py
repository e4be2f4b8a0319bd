"""Writing an export to a folder: the documents, their index and nothing else.

Files are named from application ids only (``asyncapi/<id>.yaml``, ``openapi/<id>.yaml``), and
ids are restricted to ``[a-z][a-z0-9_.-]*``, so nothing can land outside the folder; every path
is still checked to stay inside before it is written. Each file is replaced atomically, and
only when its text changed, so an unchanged export leaves files (and their times) alone. A document
that failed validation is not written. Files an earlier export listed in ``index.yaml`` that
this export no longer produces are removed, so the folder always matches its index; no other
file is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.errors import LoadError
from studio.export.result import ExportResult
from studio.export.serialize import Serializer
from studio.io.atomic import fsync_folder, make_temp, mode_for, remove_stale_temps
from studio.io.yaml_source import parse_yaml
from studio.model.design import Design

INDEX = "index.yaml"
INDEX_JSON = "index.json"  # the index follows the documents' format (--json)
# an id, or "_" and an id Windows reserves (result.file_stem)
_DOCUMENT_FILE = re.compile(r"^(asyncapi|openapi)/_?[a-z][a-z0-9_.-]{0,63}\.(yaml|json)$")


@dataclass
class WriteSummary:
    """Which files an export wrote, left unchanged and removed (paths relative to the folder)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_export(
    result: ExportResult, design: Design, folder: str | Path, as_json: bool = False
) -> WriteSummary:
    """Write the valid documents of ``result`` and ``index.yaml`` into ``folder``."""
    root = Path(folder)
    make_folder(root, "export writes a folder of documents")
    _check_subfolders(root)
    previous = _previous_files(root) or set()
    documents = [doc for doc in result.documents if not doc.problems]
    serializer = Serializer()
    index = index_name(as_json)
    staged: list[Staged] = []
    try:
        for doc in documents:
            text = doc.rendered.get(as_json) or serializer.dump(doc.data, as_json)
            staged.append(_stage(root, doc.file_name(as_json), text))
        staged.append(
            _stage(root, index, serializer.dump(index_data(result, design, as_json), as_json))
        )
    except LoadError:  # a full disk: what was staged would keep it full
        _discard(staged)
        raise
    summary = WriteSummary()
    _commit(root, staged, summary)
    current = {doc.file_name(as_json) for doc in documents}
    if _previous_files(root, INDEX_JSON if index == INDEX else INDEX) is not None:
        previous.add(INDEX_JSON if index == INDEX else INDEX)  # the other format's index
    for name in sorted(previous - current):
        target = _inside(root, name)
        if target.is_file():
            target.unlink()
            summary.removed.append(name)
    return summary


def index_data(result: ExportResult, design: Design, as_json: bool = False) -> dict[str, Any]:
    """What the index holds: the documents, the failures and the report. The spec versions
    sit under ``specVersions``: a top-level ``asyncapi:`` or ``openapi:`` key would make tools
    that sniff a file's kind take the index for a (broken) spec."""
    files = {doc.name: doc.file_name(as_json) for doc in result.documents}
    versions = {"asyncapi": result.asyncapi_version, "openapi": result.openapi_version}
    data: dict[str, Any] = {
        "title": design.info.title,
        "version": design.info.version,
        "specVersions": {k: v for k, v in versions.items() if v},
    }
    data = {k: v for k, v in data.items() if v}
    data["documents"] = [
        {
            "file": files[doc.name],
            "kind": doc.kind,
            "application": doc.application,
            "title": doc.data.get("info", {}).get("title", doc.application),
        }
        for doc in result.documents
        if not doc.problems
    ]
    if result.failed:
        data["failed"] = [
            {"file": files[doc.name], "problems": doc.problems} for doc in result.failed
        ]
    data["report"] = [note.to_data(files) for note in result.notes]
    return data


def make_folder(root: Path, purpose: str) -> None:
    """Create ``root`` and its parents unless it is a folder already; a file in its place is
    refused, saying ``purpose`` ("export writes a folder of documents")."""
    if root.exists() and not root.is_dir():
        raise LoadError(root, f"is not a folder; {purpose}")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LoadError(root, f"cannot be created ({exc.strerror or exc})") from None


Staged = tuple[str, str | None]  # file name, and the temporary file holding its new text


def _stage(root: Path, name: str, text: str) -> Staged:
    """Write ``text`` to a temporary file beside its target, unless the target has it already."""
    target = _inside(root, name)
    try:
        if target.is_file() and target.read_bytes() == text.encode("utf-8"):
            return name, None
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = make_temp(target)  # named so a later export can clean it up after a kill
    except OSError as exc:
        raise LoadError(target, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except OSError as exc:
        _discard([(name, temp)])
        raise LoadError(target, f"cannot be written ({exc.strerror or exc})") from None
    return name, temp


def _discard(staged: Sequence[Staged]) -> None:
    """Remove the temporary files of ``staged`` (those not yet moved into place)."""
    for _, temp in staged:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def _commit(root: Path, staged: list[Staged], summary: WriteSummary) -> None:
    """Move the staged files into place, each atomically, after one flush to disk.

    Fsyncing each of a thousand files costs seconds; one ``sync`` before the renames keeps the
    promise of ``write_atomic`` (a crash leaves the old file or the new one, never a torn one)
    for all of them at once.
    """
    temps = [(name, temp) for name, temp in staged if temp is not None]
    summary.unchanged += [name for name, temp in staged if temp is None]
    try:
        if temps:
            if hasattr(os, "sync"):
                os.sync()
            else:  # pragma: no cover - Windows has no sync(); flush file by file
                for _, temp in temps:
                    with open(temp, "rb+") as handle:
                        os.fsync(handle.fileno())
        for name, temp in temps:
            target = _inside(root, name)
            os.chmod(temp, mode_for(target))
            os.replace(temp, target)
            summary.written.append(name)
    except OSError as exc:
        raise LoadError(root, f"cannot be written ({exc.strerror or exc})") from None
    finally:
        _discard(temps)
    for folder in {_inside(root, name).parent for name, _ in temps}:
        fsync_folder(folder)
    folders: dict[Path, set[str]] = {}
    for name, _ in staged:
        target = _inside(root, name)
        folders.setdefault(target.parent, set()).add(target.name)
    for folder, names in folders.items():
        remove_stale_temps(folder, names)  # left by an export that was killed


def _inside(root: Path, name: str) -> Path:
    """``root / name`` for the names export writes, which cannot climb out of ``root``."""
    if not _DOCUMENT_FILE.match(name) and name not in (INDEX, INDEX_JSON):
        raise ValueError(f"{name!r} is not a name export writes")
    return root / name


def _check_subfolders(root: Path) -> None:
    """The names cannot climb, but a symlinked ``asyncapi/`` or ``openapi/`` folder could."""
    inside = root.resolve()
    for kind in ("asyncapi", "openapi"):
        folder = root / kind
        if (folder.exists() or folder.is_symlink()) and not folder.resolve().is_relative_to(inside):
            raise LoadError(folder, f"leads outside {root}; export writes only inside it")


def index_name(as_json: bool) -> str:
    return INDEX_JSON if as_json else INDEX


def _previous_files(root: Path, name: str | None = None) -> set[str] | None:
    """The document files an earlier export's index lists (only well-formed names); with
    ``name``, that index only, and None when it is not an export's index."""
    found: set[str] | None = None
    for index in (root / n for n in ((name,) if name else (INDEX, INDEX_JSON))):
        if not index.is_file():
            continue
        try:
            data, _ = parse_yaml(index.read_text(encoding="utf-8"), index)  # JSON is YAML
        except (LoadError, OSError, UnicodeDecodeError):
            continue
        documents = data.get("documents") if isinstance(data, dict) else None
        if not isinstance(documents, list):
            continue
        names = {d.get("file") for d in documents if isinstance(d, dict)}
        found = (found or set()) | {
            n for n in names if isinstance(n, str) and _DOCUMENT_FILE.match(n)
        }
    return found
