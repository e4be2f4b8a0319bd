"""Writing the portal's files into its folder: atomically, only inside, and nothing stale.

Each file goes to a temporary file beside its target and is renamed over it at the end, after
one flush of the file system (fsyncing each of thousands of pages would cost seconds; one
``sync`` keeps ``write_atomic``'s promise for all of them). A file whose content is unchanged
is left alone, so republishing an unchanged design touches nothing and a CI deploy sees no
diff. Every path goes through ``paths.inside`` first.

The folder keeps a manifest of the files the portal wrote (``.mesh-portal``); files a previous
publication listed that this one no longer produces (the page of a removed topic) are
removed, and no other file in the folder is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from studio.errors import LoadError
from studio.export.output import make_folder
from studio.io.atomic import fsync_folder, mode_for, write_atomic
from studio.portal.paths import ASSETS, FOLDERS, inside

MANIFEST = ".mesh-portal"
# what a manifest may name: our folders' pages and assets, the index; anything else in a
# (possibly edited) manifest is ignored rather than deleted
_FOLDER_NAMES = "|".join(re.escape(f) for f in (*FOLDERS.values(), ASSETS))
_OURS = re.compile(rf"^(index\.html|({_FOLDER_NAMES})/[A-Za-z0-9_.-]+\.(html|css|js|svg))$")


class SiteWriter:
    """Stages files for one publication and commits them together."""

    def __init__(self, root: Path) -> None:
        make_folder(root, "the portal is written into a folder")
        self.root = root
        # name, where it goes (checked to be inside), temporary file or None when unchanged
        self.staged: list[tuple[str, Path, str | None]] = []
        self.written: list[str] = []
        self.unchanged: list[str] = []
        self.removed: list[str] = []

    def add(self, name: str, content: str | bytes) -> None:
        """Stage ``content`` for ``name`` (a relative POSIX path)."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = inside(self.root, name)
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                self.staged.append((name, target, None))
                return
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            self.staged.append((name, target, temp))  # so that discard() removes it too
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            self.discard()
            raise LoadError(target, f"cannot be written ({exc.strerror or exc})") from None

    def commit(self) -> None:
        """Move every staged file into place, then drop what the last publication left."""
        temps = [(n, target, t) for n, target, t in self.staged if t is not None]
        self.unchanged = [n for n, _, t in self.staged if t is None]
        folders = {target.parent for _, target, _ in temps}
        try:
            # checked when staged; checked again, once per folder, in case one was swapped
            # for a symlink meanwhile
            for folder in folders:
                inside(self.root, f"{folder.relative_to(self.root).as_posix()}/x")
            if temps and hasattr(os, "sync"):
                os.sync()
            for name, target, temp in temps:
                os.chmod(temp, mode_for(target))
                os.replace(temp, target)
                self.written.append(name)
        except OSError as exc:
            raise LoadError(self.root, f"cannot be written ({exc.strerror or exc})") from None
        finally:
            self.discard()
        for folder in folders:
            fsync_folder(folder)
        self._remove_stale()

    def discard(self) -> None:
        """Remove temporary files not yet moved into place."""
        for _, _, temp in self.staged:
            if temp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)

    def _remove_stale(self) -> None:
        current = {name for name, _, _ in self.staged}
        for name in sorted(previous_files(self.root) - current):
            target = inside(self.root, name)
            if target.is_file() and not target.is_symlink():
                target.unlink()
                self.removed.append(name)
        listing = "".join(f"{name}\n" for name in sorted(current))
        manifest = inside(self.root, MANIFEST)
        if not (manifest.is_file() and manifest.read_text(encoding="utf-8") == listing):
            write_atomic(manifest, listing)


def previous_files(root: Path) -> set[str]:
    """The files the last publication into ``root`` wrote (well-formed names only)."""
    manifest = root / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return set()
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in lines if _OURS.match(line) and ".." not in line}
