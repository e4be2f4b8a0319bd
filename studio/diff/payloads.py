"""Can every reader still read a message after its schema changed? Asked of the registry engine.

A changed payload, key or headers schema breaks a reader only when the reader's schema cannot
read what the writer now writes. Who reads, with which schema:

* a topic consumer pinned to ``schemaVersion: N`` reads with version N of the payload subject
  (MS105's reading); ``latest`` with the latest live version of that subject;
* a consumer that pins nothing, and every reader of a key or headers, was built against the
  old schema: it reads the new writer with the old schema;
* callers of an endpoint answering with the message read the new response with the old schema;
  the provider of an endpoint taking it as a request reads what callers still send (the old).

The answer comes from ``studio.registry``'s engine (``reads``, the check behind ``can_read``),
with Confluent's semantics per format; an inline JSON Schema is checked as JSON Schema. Each
side's references resolve in that side's registry, falling back to the other side's for a
version only it has (versions are immutable once registered). A pinned consumer that already
could not read the old writer is not broken *by this change*: MS105 reports it either way.
When a schema cannot be resolved or parsed, the change is classified as breaking with the
reason "cannot be checked": a reviewer should look rather than trust silence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from studio.diff.context import Context, Verdict
from studio.diff.usage import names
from studio.io.design_codec import schema_source_to_data
from studio.model.references import CALL
from studio.registry import Registry, SchemaError
from studio.registry.breaks import Roles
from studio.registry.compatibility import reads
from studio.registry.schemas import ParsedSchema, parse_text, parse_version

Side = Literal["old", "new"]
_INLINE = Registry()  # inline schemas reference nothing; parse_text needs some registry


@dataclass(frozen=True, slots=True)
class Spec:
    """A schema as a design names it: file data of a ``SchemaSource`` plus the side it is on;
    ``pin`` replaces the version (a consumer's ``schemaVersion``)."""

    side: Side
    data: dict[str, Any]
    pin: int | str | None = None

    @property
    def label(self) -> str:
        if "subject" not in self.data:
            return "the inline schema"
        version = self.pin if self.pin is not None else self.data.get("version", "latest")
        return f"{self.data['subject']} " + ("latest" if version == "latest" else f"v{version}")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One reading: ``ok`` True (can read), False (cannot, ``detail`` says why) or None
    (cannot be checked, ``detail`` says why not)."""

    ok: bool | None
    detail: str = ""


class Reader:
    """Answers "can this spec read that one?" for one diff, each pair once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._seen: dict[tuple[str, str], Outcome] = {}

    def check(self, reader: Spec, writer: Spec) -> Outcome:
        key = (_key(reader), _key(writer))
        if key not in self._seen:
            self._seen[key] = self._check(reader, writer)
        return self._seen[key]

    def _check(self, reader: Spec, writer: Spec) -> Outcome:
        try:
            reader_schema, reader_id = self._parse(reader)
            writer_schema, writer_id = self._parse(writer)
        except _Unresolved as problem:
            return Outcome(None, str(problem))
        except SchemaError as error:
            return Outcome(None, str(error))
        if reader_id == writer_id:
            return Outcome(True)
        breaks = reads(reader_schema, writer_schema, _roles(reader, writer))
        return Outcome(not breaks, breaks[0].message if breaks else "")

    def _parse(self, spec: Spec) -> tuple[ParsedSchema, str]:
        if "subject" not in spec.data:
            text = json.dumps(spec.data.get("schema"), sort_keys=True)
            return parse_text(_INLINE, "inline", text, "JSON"), "inline:" + text
        subject = spec.data["subject"]
        version = spec.pin if spec.pin is not None else spec.data.get("version", "latest")
        registry = self._registry_with(spec.side, subject, version)
        entry = registry.lookup(subject, version)  # type: ignore[arg-type]
        assert entry is not None  # _registry_with found it there
        identity = f"{entry.schema_type}:{entry.schema}:{entry.references}"
        return parse_version(registry, subject, entry), identity

    def _registry_with(self, side: Side, subject: str, version: int | str) -> Registry:
        own, problem = self.ctx.registries.of(side)
        other, _ = self.ctx.registries.of("new" if side == "old" else "old")
        candidates = [own] if version == "latest" else [own, other]
        for registry in candidates:
            if registry is not None and registry.lookup(subject, version) is not None:  # type: ignore[arg-type]
                return registry
        if own is None and other is None:
            raise _Unresolved(problem or "the design names no registry file")
        what = "no live version" if version == "latest" else f"no version {version}"
        raise _Unresolved(f"subject '{subject}' has {what} in the registry")


def _roles(reader: Spec, writer: Spec) -> Roles:
    """``v1`` and ``v4`` within one subject; full names when the subject changed."""
    same = reader.data.get("subject") == writer.data.get("subject") and "subject" in reader.data
    if same:
        return Roles(reader.label.rsplit(" ", 1)[1], writer.label.rsplit(" ", 1)[1])
    return Roles(reader.label, writer.label)


class _Unresolved(Exception):
    """A schema reference that does not resolve (the sentence says why)."""


def _key(spec: Spec) -> str:
    return json.dumps([spec.side, spec.data, spec.pin], sort_keys=True, default=str)


def schema_change(
    ctx: Context,
    reader: Reader,
    message: str,
    field: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
) -> Verdict:
    """Whether a message's ``payload``/``key``/``headers`` schema change breaks a reader."""
    readings = _readings(ctx, message, field, old, new)
    who = list(dict.fromkeys(r[0] for r in readings))
    if not who:
        return Verdict(
            False,
            f"No consumer or caller reads message {message}, so nothing "
            f"depends on its {field} schema.",
        )
    if old is None:
        return Verdict(
            False,
            f"Message {message} now declares a {field} schema; its readers "
            "were not relying on one.",
        )
    if new is None:
        return Verdict(
            True,
            f"Message {message} no longer declares a {field} schema, so "
            f"what {names(who)} read is no longer defined.",
            tuple(who),
        )
    broken: list[tuple[str, Outcome]] = []
    unknown: list[tuple[str, Outcome]] = []
    already: list[str] = []
    for app, reading_spec, writer_spec, before in readings:
        outcome = reader.check(reading_spec, writer_spec)
        if outcome.ok is None:
            unknown.append((app, outcome))
        elif not outcome.ok and before and reader.check(*before).ok is False:
            already.append(app)  # MS105 already says so; this change breaks nothing new
        elif not outcome.ok:
            broken.append((app, outcome))
    new_label = Spec("new", new).label
    if broken:
        apps = [a for a, _ in broken]
        return Verdict(
            True,
            f"{names(apps)} cannot read {new_label} of message {message}: {broken[0][1].detail}",
            ctx.surviving(apps),
        )
    if unknown:
        apps = [a for a, _ in unknown]
        return Verdict(
            True,
            f"Whether {names(apps)} can read {new_label} of message {message} "
            f"cannot be checked: {unknown[0][1].detail}",
            ctx.surviving(apps),
        )
    if already:
        return Verdict(
            False,
            f"{names(already)} already could not read what producers of "
            f"message {message} wrote (MS105) and cannot read {new_label} "
            "either; every other reader can.",
        )
    return Verdict(False, f"Every reader of message {message} ({names(who)}) can read {new_label}.")


Reading = tuple[str, Spec, Spec, tuple[Spec, Spec] | None]


def _readings(
    ctx: Context, message: str, field: str, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> list[Reading]:
    """(who, reader spec, writer spec, the same reading before the change or None)."""
    found: list[Reading] = []
    old_spec = Spec("old", old or {})
    new_spec = Spec("new", new or {})
    for topic in ctx.new.topics_of_message(message):
        for app, subscription in ctx.new.subscriptions(topic):
            pin = subscription.schema_version
            if field == "payload" and pin is not None and "subject" in (new or {}):
                before = _pin_before(ctx, app.id, topic, message)
                found.append((app.id, Spec("new", new or {}, pin), new_spec, before))
            else:
                found.append((app.id, old_spec, new_spec, None))
    if field != "key":
        for endpoint in ctx.new.responses_of_message(message):
            found += [(c, old_spec, new_spec, None) for c in ctx.new.users(endpoint, CALL)]
        for endpoint in ctx.new.requests_of_message(message):
            operation = ctx.new.elements[endpoint]
            if ctx.new.users(endpoint, CALL):  # the provider reads what callers still send
                found.append((getattr(operation, "provider", endpoint), new_spec, old_spec, None))
    return found


def _pin_before(ctx: Context, app: str, topic: str, message: str) -> tuple[Spec, Spec] | None:
    """The pinned reading as it was in the old design, if the consumer was pinned there."""
    old_message = ctx.old.elements.get(message)
    payload = getattr(old_message, "payload", None)
    for old_app, subscription in ctx.old.subscriptions(topic):
        if old_app.id == app and subscription.schema_version is not None and payload:
            data = _source_data(payload)
            if "subject" in data:
                return Spec("old", data, subscription.schema_version), Spec("old", data)
    return None


def _source_data(source: Any) -> dict[str, Any]:
    return schema_source_to_data(source) or {}


def pin_change(
    ctx: Context, reader: Reader, app: str, topic: str, old_pin: Any, new_pin: Any
) -> Verdict:
    """Whether a consumer's new ``schemaVersion`` can read every payload its topic carries."""
    if new_pin is None:
        return Verdict(
            False,
            f"{app} no longer pins a reader schema for {topic}; it reads "
            "with the schema producers write.",
        )
    broken: list[str] = []
    unknown: list[str] = []
    for message in _topic_messages(ctx, topic):
        payload = _source_data(getattr(ctx.new.elements.get(message), "payload", None))
        if "subject" not in payload:
            continue
        outcome = reader.check(Spec("new", payload, new_pin), Spec("new", payload))
        if outcome.ok is False:
            broken.append(f"{Spec('new', payload).label}: {outcome.detail}")
        elif outcome.ok is None:
            unknown.append(outcome.detail)
    pinned = f"schemaVersion {new_pin}"
    if broken:
        return Verdict(
            True,
            f"With {pinned}, {app} cannot read what producers of {topic} write ({broken[0]})",
            ctx.surviving([app]),
        )
    if unknown:
        return Verdict(
            True,
            f"Whether {app} can read {topic} with {pinned} cannot be checked: {unknown[0]}",
            ctx.surviving([app]),
        )
    return Verdict(False, f"With {pinned}, {app} can read every payload {topic} carries.")


def _topic_messages(ctx: Context, topic: str) -> tuple[str, ...]:
    return tuple(getattr(ctx.new.elements.get(topic), "messages", ()))
