"""What the breaking rules may consult, and what each of them answers.

``Context`` holds both sides of a diff: each design's ``Usage`` index and the registry each
side resolves its payload references in (either may be missing, with the reason why).
``Verdict`` is a rule's answer: breaking or not, one sentence saying why, and the elements
that break; ``harmless`` is the answer for fields nothing depends on (documentation, owners,
``x-`` extensions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from studio.diff.compare import Delta
from studio.diff.usage import Usage
from studio.model import Design
from studio.registry import Registry

RegistryAnswer = tuple[Registry | None, str | None]


class Registries:
    """The registry file of each side, or why there is none (``problem``: one sentence).

    Either give them (``Registries(old, new)``) or give loaders (``Registries.lazy``): a
    registry is then read only when a payload check needs it, since most diffs touch no
    schema and a large registry takes longer to read than the diff takes to run.
    """

    def __init__(
        self,
        old: Registry | None = None,
        new: Registry | None = None,
        old_problem: str | None = None,
        new_problem: str | None = None,
    ) -> None:
        self._answers: dict[str, RegistryAnswer] = {
            "old": (old, old_problem),
            "new": (new, new_problem),
        }
        self._loaders: dict[str, Callable[[], RegistryAnswer]] = {}

    @classmethod
    def lazy(
        cls, old: Callable[[], RegistryAnswer], new: Callable[[], RegistryAnswer]
    ) -> Registries:
        registries = cls()
        registries._loaders = {"old": old, "new": new}
        return registries

    def of(self, side: str) -> RegistryAnswer:
        """(registry, None) or (None, why not) for ``side`` ("old" or "new")."""
        loader = self._loaders.pop(side, None)
        if loader is not None:
            self._answers[side] = loader()
        return self._answers[side]

    def loaded(self, side: str) -> bool:
        return side not in self._loaders


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's answer for one change."""

    breaking: bool
    reason: str
    affected: tuple[str, ...] = ()


@dataclass
class Context:
    """Both designs, indexed, and their registries; built once per diff."""

    old: Usage
    new: Usage
    registries: Registries = field(default_factory=Registries)

    @classmethod
    def of(cls, old: Design, new: Design, registries: Registries | None = None) -> Context:
        return cls(Usage(old), Usage(new), registries or Registries())

    def surviving(self, ids: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """The ids still present in the new design (what a reviewer can still point at)."""
        return tuple(i for i in dict.fromkeys(ids) if self.new.has(i))


_DOCUMENTATION = frozenset(
    {"name", "title", "summary", "description", "owner", "examples", "author", "text", "resolved"}
)


def harmless(delta: Delta) -> Verdict:
    """The verdict on a field nothing in the mesh depends on (documentation, extensions)."""
    name = delta.field or ""
    if name.startswith("x-") or "/x-" in name:
        return Verdict(False, "An x- extension: kept for other tools, no client depends on it.")
    if name == "kind":
        return Verdict(
            False,
            "An application's relations say what it does; its kind changes "
            "how it is drawn and documented.",
        )
    if name in _DOCUMENTATION or delta.section == "notes":
        return Verdict(False, f"Documentation only: no client depends on the {name}.")
    return Verdict(False, f"The {name} changed; no client of the mesh depends on it.")
