"""Judge changes to relations: publishes, subscribes, webhook deliveries, calls, writes,
reads, fronts and note pins, plus an evented API's webhook settings.

A relation is its owner's business (a consumer dropping a subscription affects only itself),
except where others depend on it: the last producer of a topic that is still consumed, the
last writer of a datastore that is still read, a webhook delivery the consumer does not get
another way, a consumer's pinned reader schema (``payloads.pin_change``), and the
registration path and topics of an evented API that others registered callbacks with.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from studio.diff.compare import Delta
from studio.diff.context import Context, Verdict, harmless
from studio.diff.payloads import Reader, pin_change
from studio.diff.usage import names, verb
from studio.model import relations as kinds
from studio.model.references import READ, WRITE

# A question of one side's ``Usage``: who uses the element with this id (e.g. its producers).
Users = Callable[[str], list[str]]


def relation_verdict(delta: Delta, ctx: Context, reader: Reader) -> Verdict:
    """The verdict on an added or removed relation, or a changed subscription setting."""
    link = delta.link
    assert link is not None
    if delta.field == "schemaVersion":
        return pin_change(ctx, reader, link.target, link.topic or link.source, delta.old, delta.new)
    if delta.field == "group":
        return Verdict(
            False,
            f"{link.target} now consumes in group {delta.new}; it resumes "
            "from that group's offsets (it may re-read or skip messages), "
            "nobody else is affected.",
        )
    if delta.field is not None:
        return harmless(delta)
    if delta.kind == "added":
        return Verdict(False, f"New relation: {delta.what}.")
    if link.kind == kinds.PUBLISHES:
        return _last_supplier(
            ctx,
            link.source,
            link.target,
            ctx.new.consumers,
            ctx.new.producers,
            "producer of topic",
            "messages",
        )
    if link.kind == kinds.WRITES:
        return _last_supplier(
            ctx,
            link.source,
            link.target,
            partial(ctx.new.users, reference=READ),
            partial(ctx.new.users, reference=WRITE),
            "writer of datastore",
            "new data",
        )
    if link.kind == kinds.WEBHOOK:
        consumer, topic = link.target, link.topic or ""
        if ctx.new.receives(consumer, topic):
            return Verdict(False, f"{consumer} still receives {topic}, now another way.")
        return Verdict(
            True,
            f"{link.source} stops delivering {topic} to the callback {consumer} registered.",
            ctx.surviving([consumer]),
        )
    reasons = {
        kinds.SUBSCRIBES: f"{link.target} no longer consumes {link.source}; only it is affected.",
        kinds.CALLS: f"{link.source} no longer calls {link.target}; only it is affected.",
        kinds.READS: f"{link.target} no longer reads {link.source}; only it is affected.",
        kinds.FRONTS: f"{link.source} no longer fronts {link.target}; its callers see the "
        "same endpoints.",
        kinds.PINNED: "A review note: no client depends on it.",
    }
    return Verdict(False, reasons.get(link.kind, f"Relation removed: {delta.what}."))


def _last_supplier(
    ctx: Context, supplier: str, target: str, takers: Users, suppliers: Users, role: str, what: str
) -> Verdict:
    waiting = takers(target)
    if ctx.new.has(target) and waiting and not suppliers(target):
        return Verdict(
            True,
            f"{supplier} was the last {role} {target}, so {names(waiting)} "
            f"{verb(waiting, 'get')} no more {what}.",
            tuple(waiting),
        )
    if not waiting:
        return Verdict(False, f"{supplier} no longer supplies {target}; nobody takes from it.")
    return Verdict(
        False,
        f"{supplier} no longer supplies {target}; "
        f"{names(suppliers(target))} still "
        f"{verb(suppliers(target), 'do')}.",
    )


def webhooks_verdict(delta: Delta, ctx: Context, _: Reader) -> Verdict:
    """The verdict on an evented API's ``webhooks`` settings (added, removed, changed)."""
    api = delta.element or ""
    setting = (delta.field or "webhooks").partition("/")[2]
    deliveries = [*ctx.old.webhook_subscribers(api), *ctx.new.webhook_subscribers(api)]
    subscribers = [s for s, _ in deliveries]
    if setting == "topics":
        dropped = [t for t in delta.old or () if t not in (delta.new or ())]
        subscribers = [s for s, t in deliveries if t in dropped]
        if not dropped:
            return Verdict(False, f"Evented API {api} delivers more topics by webhook.")
        what = f"no longer delivers {names(dropped)} by webhook"
    elif setting == "registration":
        what = f"takes webhook registrations at {delta.new} instead of {delta.old}"
    elif setting:
        return harmless(delta)
    elif delta.kind == "added":
        return Verdict(
            False, f"Application {api} becomes an evented API; nothing existing depends on it."
        )
    else:
        what = "is no longer an evented API"
    subscribers = list(dict.fromkeys(subscribers))
    if not subscribers:
        return Verdict(False, f"Application {api} {what}, but nobody registered a webhook there.")
    return Verdict(
        True,
        f"Application {api} {what}; {names(subscribers)} registered callbacks there.",
        ctx.surviving(subscribers),
    )
