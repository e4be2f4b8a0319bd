"""Live validation: the findings of an open design, kept up to date edit by edit.

Validating a 20,000-element design takes seconds, and the studio must show what an edit
broke in a fraction of one. So the whole design is validated once (when it opens, or when
something every element depends on changes: the registry, the taxonomy, the rule settings,
the design's info), and after that each edit re-runs the rules only where it can have changed
their verdict.

Where that is follows from the reference table. A finding is about one element (or about the
design), and an element's verdict depends on what it names and what names it: a topic has no
producer when no application names it, an application's exported document reads its topics,
their messages and brokers, and the endpoints naming it as provider. So the scope of an edit
is the changed elements (C), what they name before and after (T: a topic has no producer when
no application names it), two steps of the elements naming C (R, R·R: a message's change
reaches the applications through their topics), and what the first of those name (an
endpoint's change reaches its provider's document). Two things reach further. The messages a
changed topic carries: a message on a Kafka topic anywhere gets Kafka bindings in every
document, so the applications using those messages through other topics are checked too.
And a broker: its protocol decides the addresses, bindings and servers of every topic on it,
so editing or removing one asks for a full validation. A topic's broker is not followed from
the topic (every topic on the broker would come with it, and none depends on its siblings).
A property test (tests/validate/test_incremental.py) holds the result equal to a full
validation after random edits.

Rules say what they read (``Rule.reach``): ``element`` checks look only at the elements in
scope, and their new findings replace the old ones of exactly the elements they looked at; a
``design`` check (call cycles) runs whole again after any element changes; ``registry``
checks keep their findings until the next full validation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from studio.export.schemas import SchemaResolver
from studio.io.yaml_source import SourceMap
from studio.model import Broker, Design, Element
from studio.model.events import (
    Change,
    DocumentReset,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    SectionChanged,
)
from studio.model.findings import Finding
from studio.model.references import TOPIC_BROKER, TOPIC_MESSAGE, mentions
from studio.model.uses import Uses
from studio.validate.context import Context, RegistryInput
from studio.validate.rules import RULES
from studio.validate.runner import Report, severities

# Sections whose change can alter any element's verdict: they call for a full validation.
_EVERYWHERE = ("registry", "taxonomy", "rules", "info")


class LiveValidation:
    """The findings of one open design: a full validation's, then updated after each edit.

    Feed every change of the design to ``note``; ``update`` re-checks what the changes since
    the last call touched and returns the report. ``needs_full`` says when only a whole
    validation will do; its findings come back through ``start_from`` (they may come from a
    worker process, while edits go on: those are applied on top).
    """

    def __init__(self, file: str | Path) -> None:
        self.file = str(file)
        self.needs_full = True
        self._findings: dict[str, list[Finding]] = {}
        self._changed: set[str] = set()
        self._named_before: set[str] = set()  # what changed elements named before the change
        self._carried_before: set[str] = set()  # the messages changed topics carried before
        self._resolver: SchemaResolver | None = None
        self._views_changed = False

    # -- what happened ------------------------------------------------------------------

    def note(self, change: Change) -> None:
        """Remember what an edit touched (call with every change, in order)."""
        if isinstance(change, ElementAdded):
            self._touch(None, change.element)
        elif isinstance(change, ElementRemoved):
            self._touch(change.element, None)
        elif isinstance(change, ElementReplaced):
            self._touch(change.old, change.new)
        elif isinstance(change, SectionChanged):
            if change.name in _EVERYWHERE:
                self.needs_full = True
            elif change.name == "views":
                self._views_changed = True
        elif isinstance(change, DocumentReset):
            self.needs_full = True

    def _touch(self, old: Element | None, new: Element | None) -> None:
        if isinstance(old, Broker):
            self.needs_full = True
        if old is not None:
            self._changed.add(old.id)
            self._named_before.update(_named_by(old))
            self._carried_before.update(_carried_by(old))
        if new is not None:
            self._changed.add(new.id)

    @property
    def pending(self) -> bool:
        """Whether edits since the last update wait to be checked."""
        return bool(self._changed or self._views_changed)

    # -- full validation ----------------------------------------------------------------

    def start_full(self) -> None:
        """A full validation of the design as it is now begins: edits from here on are
        applied on top of its findings."""
        self.needs_full = False
        self._resolver = None  # the registry may have changed
        self._forget_edits()

    def start_from(self, findings: Iterable[Finding]) -> None:
        """Take the findings of a full validation (begun at ``start_full``)."""
        self._findings = {rule: [] for rule in RULES}
        for finding in findings:
            self._findings.setdefault(finding.rule, []).append(finding)

    def _forget_edits(self) -> None:
        self._changed.clear()
        self._named_before.clear()
        self._carried_before.clear()
        self._views_changed = False

    # -- after edits --------------------------------------------------------------------

    def update(self, design: Design, registry: RegistryInput, uses: Uses) -> Report:
        """Re-check what the edits since the last update touched; the report of the design.
        ``uses`` is the design's uses index as it is now (the Document keeps one)."""
        scope = self.scope(design, uses)
        settings = design.rules
        ctx = Context(
            design,
            SourceMap(self.file, {}),
            self.file,
            registry,
            severities(settings.severity),
            scope=frozenset(scope),
            uses=uses,
            resolver=self._resolver,
        )
        self._resolver = ctx.resolver
        off = set(settings.disable)
        elements_changed = bool(self._changed)
        for rule in RULES.values():
            if rule.id in off or rule.reach == "registry":
                continue
            if rule.reach == "design":
                if elements_changed:
                    self._findings[rule.id] = list(rule.check(ctx))
                continue
            ctx.checked.clear()
            found = list(rule.check(ctx))
            replaced = scope | ctx.checked
            kept = [
                f
                for f in self._findings.get(rule.id, ())
                if f.element is not None and f.element not in replaced
            ]
            self._findings[rule.id] = kept + found
        self._forget_edits()
        return self.report()

    def scope(self, design: Design, uses: Uses) -> set[str]:
        """The ids whose findings the edits since the last update can have changed."""
        changed = set(self._changed)
        now = _current(design, changed)
        named = self._named_before | {t for e in now for t in _named_by(e)}
        carried = self._carried_before | {t for e in now for t in _carried_by(e)}
        first = _referrers(uses, changed)
        second = _referrers(uses, first)
        named_by_first = {t for e in _current(design, first) for t in _named_by(e)}
        through_carried = _referrers(uses, _referrers(uses, carried))
        return changed | named | first | second | named_by_first | through_carried

    def report(self) -> Report:
        found = [f for findings in self._findings.values() for f in findings]
        return Report(sorted(found, key=lambda f: (f.file, f.line, f.rule, f.message)))


def _named_by(element: Element) -> Iterable[str]:
    """What an element names, but not a topic's broker (see the module's docstring)."""
    return (m.target for m in mentions(element) if m.reference is not TOPIC_BROKER)


def _carried_by(element: Element) -> Iterable[str]:
    """The messages a topic carries (nothing for other kinds)."""
    return (m.target for m in mentions(element) if m.reference is TOPIC_MESSAGE)


def _referrers(uses: Uses, targets: Iterable[str]) -> set[str]:
    return {referrer for target in targets for referrer in uses.referrers(target)}


def _current(design: Design, ids: set[str]) -> Iterable[Element]:
    """The elements of ``design`` with these ids (one pass over the design when many)."""
    if not ids:
        return ()
    return [e for e in design.elements() if e.id in ids]
