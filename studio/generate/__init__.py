"""Synthetic meshes for demos and benchmarks (``mesh-studio generate``): turning an application
count and a seed into a ``studio.model.Design`` and a matching ``studio.registry`` Registry,
written by the design and registry codecs like any other.

At 1,000 applications it yields the benchmark mesh of PRODUCT.md (about 2,000 topics, 1,000
messages, 500 endpoints, 10,000 links; a value subject of 5 versions per message, plus some key
subjects and shared Protobuf types) and everything scales with the count. Output depends only
on the arguments: one ``random.Random(seed)`` drives every choice, in a fixed order, and only
lists and insertion-ordered dicts reach the result.

The steps, each in its own module and each only adding to what the earlier ones made:
``apps`` (applications), ``events`` (messages, topics, producers), ``endpoints`` (REST
endpoints, calls), ``consumers`` (subscriptions, webhooks, CQRS reads and writes), then
``design`` (the Design with its layout) and ``subjects`` (the registry).
"""

from __future__ import annotations

from typing import NamedTuple

from studio.generate.apps import make_apps
from studio.generate.consumers import make_cqrs, make_evented_apis, subscribe_directly
from studio.generate.design import design_of
from studio.generate.draft import Draft
from studio.generate.endpoints import make_calls, make_endpoints
from studio.generate.events import make_messages
from studio.generate.subjects import registry_of
from studio.model import Design
from studio.registry.model import Registry


class GeneratedMesh(NamedTuple):
    """A generated design and the registry its messages refer to."""

    design: Design
    registry: Registry


def generate_mesh(apps: int, seed: int = 1, registry_file: str = "registry.yaml") -> GeneratedMesh:
    """A mesh of ``apps`` applications; the design refers to its registry as
    ``registry_file``. The same arguments always give the same mesh."""
    if apps < 1:
        raise ValueError(f"a mesh needs at least one application, not {apps}")
    draft = Draft(apps, seed)
    make_apps(draft)
    make_messages(draft)
    make_endpoints(draft)
    subscribe_directly(draft)
    make_evented_apis(draft)
    make_calls(draft)
    make_cqrs(draft)
    registry = registry_of([(m, draft.plans[m.id]) for m in draft.messages])
    return GeneratedMesh(design_of(draft, registry_file), registry)


__all__ = ["GeneratedMesh", "generate_mesh"]
