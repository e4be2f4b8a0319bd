"""Where each page of the portal lives, and the guarantee that nothing lands outside DIR.

Every page name is derived from an id or a subject name, and both are untrusted: ids are held
to ``[a-z][a-z0-9_.-]*`` by the design schema, but subject names come from a registry dump and
may hold slashes, capitals, spaces or anything else (``acme/common/money.proto``). So a name
is used as it is only when it is a plain lowercase token; anything else becomes a slug plus a
short hash of the original, which keeps names distinct (also on case-insensitive file systems)
and stable from one publication to the next. Pages sit exactly one folder deep (``topics/``,
``applications/`` ...) or at the top (``index.html``), so links between them are simply
``../folder/name.html``.

``inside`` is the last line of defence: it refuses any relative name that climbs, is absolute,
or resolves (through a symlinked folder) to somewhere outside the portal's folder.
"""

from __future__ import annotations

import hashlib
import re
from functools import partialmethod
from pathlib import Path, PurePosixPath

from studio.errors import LoadError
from studio.export.result import WINDOWS_RESERVED

# folders of the portal, one per kind of page, plus the static files and the exported specs
FOLDERS = {
    "topic": "topics",
    "application": "applications",
    "subject": "subjects",
    "message": "messages",
    "broker": "brokers",
    "view": "views",
}
ASSETS = "assets"
SPECS = "specs"
INDEX = "index.html"

_PLAIN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
_UNSAFE = re.compile(r"[^a-z0-9_.-]+")
_RESERVED = WINDOWS_RESERVED


def safe_stem(name: str) -> str:
    """A file name stem for ``name``: itself when plain, else a slug with a hash suffix."""
    if (
        _PLAIN.match(name)
        and ".." not in name
        and not name.endswith(".")
        and name.split(".")[0] not in _RESERVED
    ):
        return name
    slug = re.sub(r"\.{2,}", ".", _UNSAFE.sub("-", name.lower()))
    slug = slug.strip("-.")[:48].strip("-.") or "item"
    if slug.split(".")[0] in _RESERVED:  # "nul.txt-<hash>" is still the NUL device on Windows
        slug = slug.replace(".", "-", 1)
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}"


class PagePaths:
    """The relative path (POSIX, from the portal's root) of every page, by kind and key.

    Names are assigned once and remembered, so two keys whose stems would collide (which
    ``safe_stem`` makes practically impossible, but defensively) still get distinct pages.
    """

    def __init__(self) -> None:
        self._pages: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()

    def page(self, kind: str, key: str) -> str:
        """``topics/orders.html`` for ``("topic", "orders")``."""
        found = self._pages.get((kind, key))
        if found is not None:
            return found
        stem = safe_stem(key)
        path = f"{FOLDERS[kind]}/{stem}.html"
        number = 2
        while path.lower() in self._taken:
            path = f"{FOLDERS[kind]}/{stem}-{number}.html"
            number += 1
        self._taken.add(path.lower())
        self._pages[(kind, key)] = path
        return path

    # the page of each kind of element, by its key: ``paths.topic("orders")``
    topic = partialmethod(page, "topic")
    application = partialmethod(page, "application")
    subject = partialmethod(page, "subject")
    message = partialmethod(page, "message")
    broker = partialmethod(page, "broker")
    view = partialmethod(page, "view")


def anchor(key: str) -> str:
    """A fragment id for an element shown inside a page (an endpoint on its provider's)."""
    return "el-" + safe_stem(key)


def root_of(page: str) -> str:
    """The prefix that leads from ``page`` back to the portal's root (``""`` or ``"../"``)."""
    return "../" * (len(PurePosixPath(page).parts) - 1)


def inside(root: Path, name: str) -> Path:
    """``root / name``, refused unless it stays inside ``root`` once symlinks are followed."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or "\\" in name:
        raise LoadError(root / name, "is not a name the portal writes; refusing to write it")
    target = root.joinpath(*relative.parts)
    base = root.resolve()
    # the folder the file goes into must be inside, whatever symlinks lie on the way; the
    # file itself may not be a symlink either (os.replace would keep it inside, but a reader
    # following it earlier could have been sent anywhere)
    if not target.parent.resolve().is_relative_to(base) or (
        target.is_symlink() and not target.resolve().is_relative_to(base)
    ):
        raise LoadError(target, f"leads outside {root}; the portal writes only inside it")
    return target
