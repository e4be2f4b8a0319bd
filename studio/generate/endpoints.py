"""The synchronous side of a generated mesh: the REST endpoints each API provides (about one
per two applications, every API at least one) and which applications call them.

Only clients, services and Process or Experience APIs call, and only APIs provide, so calls
never form a cycle.
"""

from __future__ import annotations

import math

from studio.generate.apps import name_api
from studio.generate.draft import Draft
from studio.generate.names import a, camel, plural, words
from studio.model import Endpoint, Message

_OPERATIONS = 7  # per resource, see _operations

Operation = tuple[str, str, str, str, str | None, dict[str, str | None]]


def make_endpoints(draft: Draft) -> None:
    apis = draft.of("api")
    total = max(len(apis), round(draft.size / 2))  # every API provides at least one
    for i, slot in enumerate(apis):
        _endpoints_for(draft, slot, total // len(apis) + (i < total % len(apis)))


def make_calls(draft: Draft) -> None:
    system_ids = {draft.apps[slot].id for slot in draft.of("api") if draft.apps[slot].backend}
    to_systems = [e.id for e in draft.endpoints if e.provider in system_ids]
    every = [e.id for e in draft.endpoints]
    rng = draft.rng
    for slot, app in enumerate(draft.apps):
        if app.kind == "client":
            _call(draft, slot, every, rng.randint(2, 6))
        elif app.kind == "service" and rng.random() < 0.4:
            _call(draft, slot, every, rng.randint(1, 4))
        elif app.kind == "api" and not app.backend:
            _call(draft, slot, to_systems, rng.randint(1, 3))


def _call(draft: Draft, slot: int, endpoints: list[str], count: int) -> None:
    draft.extend(slot, calls=tuple(draft.rng.sample(endpoints, min(count, len(endpoints)))))


def _endpoints_for(draft: Draft, slot: int, count: int) -> None:
    same = draft.messages_of[draft.homes[slot]] or draft.messages
    resources = draft.rng.sample(same, min(len(same), math.ceil(count / _OPERATIONS)))
    name_api(draft, slot, draft.plans[resources[0].id].entity)
    provider = draft.apps[slot].id
    # Two domains may share an entity name: skip a path this API already serves.
    served: set[tuple[str, str]] = set()
    ops = [op for m in resources for op in _operations(draft, m)]
    for base, method, path, summary, request, responses in ops:
        if count == 0 or (method, path) in served:
            continue
        served.add((method, path))
        count -= 1
        draft.endpoints.append(
            Endpoint(
                draft.ids.claim(base),
                provider,
                method,
                path,
                summary,
                request=request,
                responses=responses,
            )
        )


def _operations(draft: Draft, message: Message) -> list[Operation]:
    """The REST operations of one resource, most common first."""
    entity, body = draft.plans[message.id].entity, message.id
    collection, text = f"/{plural(entity)}", words(entity)
    a_text = a(text)
    item = f"{collection}/{{{camel(entity)}Id}}"
    history = f"{item}/history"
    return [
        (f"get-{entity}", "GET", item, f"Read one {text}", None, {"200": body, "404": None}),
        (f"create-{entity}", "POST", collection, f"Create {a_text}", body, {"201": body}),
        (f"update-{entity}", "PUT", item, f"Replace {a_text}", body, {"204": None, "404": None}),
        (f"list-{plural(entity)}", "GET", collection, f"List {plural(text)}", None, {"200": body}),
        (f"delete-{entity}", "DELETE", item, f"Delete {a_text}", None, {"204": None, "404": None}),
        (f"history-of-{entity}", "GET", history, f"History of {a_text}", None, {"200": body}),
        (f"cancel-{entity}", "POST", f"{item}/cancel", f"Cancel {a_text}", None, {"202": None}),
    ]
