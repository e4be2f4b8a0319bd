"""The two sides of a diff: a design file on disk, or one at a revision of its git repository.

``load_side(spec)`` takes what the user typed. ``git:REV:PATH`` reads PATH as it was in
revision REV (any name git understands: ``HEAD~1``, ``origin/main``, a tag, a hash);
``git:REV`` alone means "the other side's file, at REV". Anything else is a file path.

Which repository: the one the other side's file lives in (the issue's "the repository the
design lives in"), else the one containing the current folder. How PATH is read: like a
path typed in a shell, relative to the current folder when that folder is inside the
repository, and, when no such file exists at REV, relative to the repository root (git's own
``REV:path``). So ``git:HEAD:samples/x.mesh.yaml`` works from the root, and from
``samples/`` both ``git:HEAD:x.mesh.yaml`` and ``git:HEAD:samples/x.mesh.yaml`` work. A PATH
starting with ``./`` or ``../`` is only read relative to the current folder (git's
``REV:./path``), one starting with ``/`` only relative to the repository root.

git runs as a subprocess with list arguments (no shell) and ``cat-file``, which prints a
file's bytes exactly as committed (no text conversion filters). The registry a design names
is read at the same revision when it exists there, else from the working tree (a registry is
append-only in practice, so today's file still holds yesterday's versions).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from studio.diff.context import Registries
from studio.errors import LoadError, MeshStudioError
from studio.io.design_file import load_design, parse_design
from studio.io.yaml_source import decode_utf8
from studio.model import Design
from studio.registry import Registry, load_registry, parse_registry

PREFIX = "git:"
_TIMEOUT = 60  # seconds; git answers these in milliseconds, a hang means something is wrong


@dataclass(frozen=True)
class Side:
    """One side of a diff: the design, what to call it, and where its registry is.

    ``base_dir`` is the working-tree folder the design's ``registry:`` path is relative to;
    for a git side, ``revision``, ``repo_root`` and ``repo_path`` (the design's path inside
    the repository, with ``/``) say where it was read.
    """

    design: Design
    label: str
    base_dir: Path
    revision: str | None = None
    repo_root: Path | None = None
    repo_path: str | None = None


def is_git_spec(spec: str) -> bool:
    return spec.startswith(PREFIX)


def load_side(spec: str, other: str | None = None, cwd: Path | None = None) -> Side:
    """Load one side; ``other`` is the other side's spec (to find the repository and, for
    ``git:REV``, the path); relative paths are relative to ``cwd`` (the current folder by
    default). Raises a MeshStudioError with one sentence when the side is unusable."""
    here = (cwd or Path.cwd()).resolve()
    if not is_git_spec(spec):
        path = Path(spec) if cwd is None else cwd / spec  # errors name the path as typed
        return Side(load_design(path).design, spec, path.parent)
    revision, _, wanted = spec[len(PREFIX) :].partition(":")
    if not revision or revision.startswith("-"):
        raise LoadError(
            spec, "names no revision; write git:REV:PATH, e.g. git:HEAD:designs/erp.mesh.yaml"
        )
    other_file = here / other if other and not is_git_spec(other) else None
    folder = other_file.resolve().parent if other_file else here
    root = _repository(folder if folder.is_dir() else here, spec)
    if not wanted:
        if other_file is None:
            raise LoadError(spec, "names no file; write git:REV:PATH")
        wanted = _inside(other_file.resolve(), root, spec)
        candidates = [wanted]
    else:
        candidates = _candidates(wanted, here, root, spec)
    _check_revision(root, revision, spec)
    for repo_path in candidates:
        data = _blob(root, revision, repo_path, spec)
        if data is not None:
            label = f"{PREFIX}{revision}:{repo_path}"
            design = parse_design(decode_utf8(data, label), label).design
            return Side(
                design, label, root / posixpath.dirname(repo_path), revision, root, repo_path
            )
    tried = " or ".join(f"'{c}'" for c in candidates)
    raise LoadError(spec, f"there is no file {tried} in revision {revision} of {root}")


def registries_of(old: Side, new: Side) -> Registries:
    """The registry file each side names (read when first needed), or why it cannot be
    used."""
    return Registries.lazy(lambda: registry_of(old), lambda: registry_of(new))


def registry_of(side: Side) -> tuple[Registry | None, str | None]:
    """A side's registry: at its revision if it exists there, else in the working tree."""
    name = side.design.registry
    if not name:
        return None, "the design names no registry file"
    try:
        if side.revision and side.repo_root is not None and side.repo_path is not None:
            repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(side.repo_path), name))
            data = (
                None
                if repo_path.startswith("..")
                else _blob(side.repo_root, side.revision, repo_path, side.label)
            )
            if data is not None:
                label = f"{PREFIX}{side.revision}:{repo_path}"
                return parse_registry(decode_utf8(data, label), label)[0], None
        return load_registry(side.base_dir / name)[0], None
    except MeshStudioError as error:
        return None, f"registry file cannot be used ({error})"


def _candidates(wanted: str, here: Path, root: Path, spec: str) -> list[str]:
    """Paths inside the repository PATH may mean, in the order they are tried."""
    from_here = not wanted.startswith("/")
    from_root = not (wanted.startswith(("./", "../")) or wanted in (".", ".."))
    try:
        prefix: str | None = here.relative_to(root).as_posix()
    except ValueError:
        prefix = None
    if prefix is None and not from_root:
        raise LoadError(
            spec, f"is relative to the current folder, which is not inside the repository {root}"
        )
    found: list[str] = []
    if from_here and prefix is not None:
        found.append(posixpath.normpath(posixpath.join(prefix, wanted)))
    if from_root:
        found.append(posixpath.normpath(wanted.lstrip("/")))
    found = [f for f in found if f != ".." and not f.startswith("../")]
    if not found:
        raise LoadError(spec, f"names a file outside the repository {root}")
    return list(dict.fromkeys(found))


def _inside(path: Path, root: Path, spec: str) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        raise LoadError(
            spec, f"the other file {path} is not inside the repository {root}"
        ) from None


def _git(root: Path, spec: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``root``; a missing or hanging git is the user's to fix, in one sentence."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, env=env, timeout=_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise LoadError(
            spec,
            "git is not installed (or not on PATH); it is needed to read a design at a revision",
        ) from None
    except subprocess.TimeoutExpired:
        raise LoadError(spec, f"git did not answer within {_TIMEOUT} s in {root}") from None


def _repository(folder: Path, spec: str) -> Path:
    result = _git(folder, spec, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise LoadError(spec, f"{folder} is not inside a git repository")
    return Path(result.stdout.decode("utf-8", "replace").strip()).resolve()


def _check_revision(root: Path, revision: str, spec: str) -> None:
    result = _git(root, spec, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if result.returncode != 0:
        raise LoadError(spec, f"revision '{revision}' is not known in the repository {root}")


def _blob(root: Path, revision: str, repo_path: str, spec: str) -> bytes | None:
    """The committed bytes of a file at a revision, or None when it is not a file there."""
    kind = _git(root, spec, "cat-file", "-t", f"{revision}:{repo_path}")
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        return None
    result = _git(root, spec, "cat-file", "blob", f"{revision}:{repo_path}")
    return result.stdout if result.returncode == 0 else None
