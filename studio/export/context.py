"""What every document of one export shares: the design's indexes, schemas, caches, notes.

Building a thousand documents from one design must not redo per document what depends only on
the design: finding elements by id, resolving and converting schemas, building a message's
object. ``ExportContext`` holds those lookups and caches for one export run. It reads the
design and never changes it; the builders stay pure functions of design, registry and version.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from studio.export.components import Placer, Target
from studio.export.result import Notes
from studio.export.schemas import JsonView, SchemaResolver
from studio.model.design import Design
from studio.model.elements import Application, Broker, Message, Topic
from studio.model.uses import Uses, uses_of
from studio.registry.model import Registry

_PARAMETER = re.compile(r"\{([^{}]+)\}")
_EXTENSION = re.compile(r"^x-[\w\d.\-_]+$")


class ExportContext:
    """Indexes and caches of one design for one export."""

    def __init__(
        self,
        design: Design,
        registry: Registry | None = None,
        missing_registry: str | None = None,
        resolver: SchemaResolver | None = None,
        uses: Uses | None = None,
    ) -> None:
        self.design = design
        self.version = design.info.version or "0.0.0"
        self.brokers: dict[str, Broker] = {b.id: b for b in design.brokers}
        self.topics: dict[str, Topic] = {t.id: t for t in design.topics}
        self.topic_order = {t.id: i for i, t in enumerate(design.topics)}
        self.messages: dict[str, Message] = {m.id: m for m in design.messages}
        self.applications: dict[str, Application] = {a.id: a for a in design.applications}
        self.uses = uses or uses_of(design)  # live validation passes the one it keeps
        # messages carried on a Kafka topic anywhere: their objects get Kafka message bindings
        self.kafka_messages = {
            m for t in design.topics if self.protocol(t) == "kafka" for m in t.messages
        }
        # a resolver shared with validation converts each schema once for both
        self.resolver = resolver or SchemaResolver(registry, missing_registry)
        self.notes = Notes()
        self.note = self.notes.add  # what a builder leaves out or changes goes to the report
        self._placers: dict[Target, Placer] = {}
        self._cache: dict[Any, Any] = {}
        if design.info.version is None:
            self.notes.add("warning", "the design has no info.version; documents say 0.0.0")

    def placer(self, target: Target) -> Placer:
        if target not in self._placers:
            self._placers[target] = Placer(target)
        return self._placers[target]

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """``build()`` once per key and export: shared objects keep serialising cheap."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def protocol(self, topic: Topic) -> str | None:
        broker = self.brokers.get(topic.broker or "")
        return broker.protocol if broker else None

    def payload_view(self, message: Message) -> JsonView | None:
        """The JSON Schema view of a message's payload; problems are noted once per message."""
        if message.payload is None:
            return None
        view, problems = self.resolver.view(message.payload, message.id)
        for problem in problems:
            self.note(
                "warning", f"payload of message '{message.id}': {problem}", element=message.id
            )
        return view

    def valid_examples(self, message: Message, view: JsonView | None) -> list[Any]:
        """The message's examples that validate against its payload; the others are noted."""
        if view is None or not message.examples:
            return list(message.examples)
        bad = set(self.resolver.check_examples(view, message.examples))
        for index in sorted(bad):
            self.note(
                "warning",
                f"example {index + 1} of message '{message.id}' does not "
                "validate against its payload schema and is left out",
                element=message.id,
            )
        return [e for i, e in enumerate(message.examples) if i not in bad]

    def extensions(self, extensions: dict[str, Any], element: str) -> dict[str, Any]:
        """An element's ``x-`` keys that documents accept, in their order."""
        kept = {}
        for key, value in extensions.items():
            if _EXTENSION.match(key):
                kept[key] = value
            else:
                self.note(
                    "warning",
                    f"the extension key '{key}' has characters that AsyncAPI "
                    "and OpenAPI do not allow; it is left out",
                    element=element,
                )
        return kept


def address_parameters(address: str) -> list[str]:
    """The ``{name}`` parameters of a channel address or path, each once, in order."""
    return list(dict.fromkeys(_PARAMETER.findall(address)))
