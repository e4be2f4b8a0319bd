"""What every rule's check reads: the design, where it is written, its registry, the settings.

A ``Context`` is built once per validation run and handed to each rule's check (the one
signature of ``studio.validate.rules``). It answers quick lookups (an element by id, the line
of a field), carries the registry the design names (or why it could not be used), the schema
resolver MS109 and MS110 share, and the severity the design gives each rule, so a check
makes finished findings with ``at``.

A context may carry a ``scope``: the ids an incremental run re-checks
(``studio.validate.incremental``). Checks walk elements through ``each``, which yields only
those in scope and records them in ``checked``, so the run knows whose earlier findings the
new ones replace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from studio.export.schemas import SchemaResolver
from studio.io.yaml_source import SourceMap
from studio.model import SECTIONS, Design, Element
from studio.model.findings import Finding, Severity
from studio.model.uses import Uses
from studio.registry import Registry

E = TypeVar("E", bound=Element)


@dataclass
class RegistryInput:
    """The registry a design names: loaded, or the reason it could not be."""

    registry: Registry | None = None
    source: SourceMap | None = None
    path: Path | None = None
    problem: str | None = None

    @property
    def unread(self) -> bool:
        """Named but neither read nor refused yet: the window is still reading a big one,
        and its validation process reads it itself (``background``)."""
        return self.path is not None and self.registry is None and self.problem is None


class Context:
    """The design under validation with quick lookups, its registry and the rule severities."""

    def __init__(
        self,
        design: Design,
        source: SourceMap,
        file: str,
        registry: RegistryInput,
        severities: Mapping[str, Severity],
        *,
        scope: frozenset[str] | None = None,
        uses: Uses | None = None,
        resolver: SchemaResolver | None = None,
    ) -> None:
        self.design = design
        self.source = source
        self.file = file
        self.registry_input = registry
        self.severities = severities
        self.scope = scope
        self.checked: set[str] = set()
        self._uses = uses
        if resolver is not None:  # kept by live validation: schemas converted once, not per edit
            self.resolver = resolver
        self._index: dict[str, tuple[Element, tuple[str, int]]] = {}
        for section in SECTIONS.values():
            for position, element in enumerate(getattr(design, section)):
                self._index[element.id] = (element, (section, position))

    @property
    def registry(self) -> Registry | None:
        return self.registry_input.registry

    @cached_property
    def resolver(self) -> SchemaResolver:
        """One schema conversion per payload, shared by the rules that look through export."""
        missing = self.registry_input.problem or (
            None if self.design.registry else "the design names no registry file"
        )
        return SchemaResolver(self.registry, missing)

    @property
    def uses(self) -> Uses:
        """Who uses what (given by an incremental run, which keeps it up to date)."""
        if self._uses is None:
            self._uses = Uses(self.design)
        return self._uses

    def each(self, elements: Iterable[E], also: Callable[[E], str] | None = None) -> Iterator[E]:
        """The elements a check looks at: all of them, or in an incremental run those in scope
        (and those whose ``also`` id is: an endpoint when its provider is, for a rule that
        compares an endpoint with its siblings)."""
        scope = self.scope
        for element in elements:
            if (
                scope is None
                or element.id in scope
                or (also is not None and also(element) in scope)
            ):
                self.checked.add(element.id)
                yield element

    def get(self, element_id: str) -> Element | None:
        entry = self._index.get(element_id)
        return entry[0] if entry else None

    def line(self, element_id: str, *path: str | int) -> int:
        """The line of an element (or of a field inside it)."""
        entry = self._index.get(element_id)
        if entry is None:
            return 1
        return self.source.line((*entry[1], *path))

    def at(self, rule: str, message: str, element_id: str, *path: str | int) -> Finding:
        """A finding of ``rule`` about an element, on the line of ``path`` inside it."""
        return self.finding(rule, message, element_id, self.file, self.line(element_id, *path))

    def finding(
        self, rule: str, message: str, element: str | None, file: str, line: int
    ) -> Finding:
        """A finding with the severity the design gives ``rule``."""
        return Finding(rule, message, element, file, line, self.severities[rule])
