"""Rules that need the registry file: payload references resolve (MS102).

The registry engine's own checks (MS103 parse, MS104 history) and the schema-level rules
(MS105 reader/writer, MS110 examples, MS114 open content) join here as the engine grows.
"""

from __future__ import annotations

from collections.abc import Iterator

from studio.model import SchemaRef
from studio.registry import Registry
from studio.validate.design_rules import Context
from studio.validate.findings import Finding


def payload_references(ctx: Context, registry: Registry | None) -> Iterator[Finding]:
    """MS102: every subject/version a message names exists (and is live) in the registry."""
    if registry is None:
        return  # the runner reports once why there is no registry to check against
    for message in ctx.design.messages:
        for field in ("payload", "key", "headers"):
            ref = getattr(message, field)
            if not isinstance(ref, SchemaRef):
                continue
            subject = registry.subjects.get(ref.subject)
            if subject is None:
                yield ctx.at("MS102", f"{field} subject '{ref.subject}' is not in the registry",
                             message.id, field, "subject")
                continue
            version = subject.get(ref.version)
            if version is None:
                live = ", ".join(str(v.version) for v in subject.live_versions()) or "none"
                what = "has no live version" if ref.version == "latest" else (
                    f"has no version {ref.version}")
                yield ctx.at("MS102", f"{field} subject '{ref.subject}' {what} (live versions: "
                             f"{live})", message.id, field, "version")
            elif version.deleted:
                yield ctx.at("MS102", f"{field} subject '{ref.subject}' version {ref.version} is "
                             "soft-deleted in the registry", message.id, field, "version")
