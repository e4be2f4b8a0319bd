"""The applications of a generated mesh: how many of each kind, their homes, names, owners and
descriptions, and which backend each System API fronts. APIs are named later (``name_api``),
once they know the resources they serve."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from studio.generate.draft import Draft
from studio.generate.names import plural, words
from studio.generate.vocabulary import (
    CLIENTS,
    KIND_SHARES,
    LABELS,
    NOUNS,
    REGIONS,
    ROLES,
    SERVICE_TEAMS,
    STORES,
    SYSTEMS,
    TEAMS,
    table,
)
from studio.model import Application


def kind_counts(apps: int) -> dict[str, int]:
    """Largest-remainder split of KIND_SHARES. Tiny meshes take one of each kind in share
    order instead, so a single application is a service that both produces and consumes."""
    shares = table(KIND_SHARES)
    if apps <= len(shares):
        return {kind: int(i < apps) for i, (kind, _share) in enumerate(shares)}
    counts = {kind: apps * share // 100 for kind, share in shares}
    order = sorted(shares, key=lambda ks: -(apps * ks[1] % 100))
    for kind, _share in order[: apps - sum(counts.values())]:
        counts[kind] += 1
    return counts


def make_apps(draft: Draft) -> None:
    """Every application; file order groups kinds the way people write them: systems first,
    clients last."""
    counts = kind_counts(draft.size)
    makers: dict[str, Callable[[Draft, int, str], Application]] = {
        "backend": _backend,
        "service": _service,
        "api": _api,
        "client": _client,
        "datastore": _datastore,
    }
    for kind, make in makers.items():
        for i in range(counts[kind]):
            home = _home(draft, kind, i)
            draft.add(make(draft, i, home), home)


def name_api(draft: Draft, slot: int, entity: str) -> None:
    """Give an API its id, name and description after the first resource it serves."""
    api, domain, style = draft.apps[slot], draft.homes[slot], draft.api_styles[slot]
    draft.apps[slot] = replace(
        api,
        id=draft.ids.claim(f"{entity}-{style.lower()}-api"),
        name=f"{words(entity).title()} {style} API",
        description=f"{style} API for {plural(words(entity))} in {LABELS[domain]}.",
    )


def _home(draft: Draft, kind: str, i: int) -> str:
    # Backends go round the domains so that each one has a system of record.
    if kind == "backend":
        return draft.domains[i % len(draft.domains)][0]
    return draft.rng.choice(draft.domains)[0]


def _new_app(draft: Draft, base: str, domain: str, kind: str, name: str, text: str) -> Application:
    team = TEAMS.get(kind) or draft.rng.choice(SERVICE_TEAMS)
    return Application(draft.ids.claim(base), name, kind, f"{domain}-{team}", text)


def _backend(draft: Draft, i: int, domain: str) -> Application:
    region = REGIONS[(i // len(draft.domains)) % len(REGIONS)]
    name = f"{SYSTEMS[domain]} ({region.upper()})"
    text = f"{LABELS[domain]} system of record for {region.upper()}."
    return _new_app(draft, f"{domain}-{region}", domain, "backend", name, text)


def _service(draft: Draft, _i: int, domain: str) -> Application:
    noun, role = draft.rng.choice(NOUNS), draft.rng.choice(ROLES)
    name = f"{words(noun).capitalize()} {role}"
    text = f"{role.capitalize()} of {plural(words(noun))} in {LABELS[domain]}."
    return _new_app(draft, f"{noun}-{role}", domain, "service", name, text)


def _api(draft: Draft, _i: int, domain: str) -> Application:
    # Named once it knows the resources it serves (name_api); its style is its role in
    # API-led connectivity, and a System API fronts one backend (the System API pattern).
    style = draft.rng.choice(("System", "System", "Process", "Experience"))
    backend = _backend_for(draft, domain) if style == "System" else None
    draft.api_styles[len(draft.apps)] = style
    return Application("", kind="api", owner=f"{domain}-{TEAMS['api']}", backend=backend)


def _backend_for(draft: Draft, domain: str) -> str | None:
    backends = draft.of("backend")  # every backend exists before the first API is made
    same = [slot for slot in backends if draft.homes[slot] == domain] or backends
    return draft.apps[draft.rng.choice(same)].id if same else None


def _client(draft: Draft, _i: int, domain: str) -> Application:
    slug, label = draft.rng.choice(CLIENTS)
    name, text = f"{LABELS[domain]} {label}", f"The {label} of {LABELS[domain]}."
    return _new_app(draft, f"{domain}-{slug}", domain, "client", name, text)


def _datastore(draft: Draft, _i: int, domain: str) -> Application:
    noun, (slug, label) = draft.rng.choice(NOUNS), draft.rng.choice(STORES)
    name, text = f"{words(noun).capitalize()} {label}", f"CQRS {label} of {words(noun)} data."
    return _new_app(draft, f"{noun}-{slug}", domain, "datastore", name, text)
