"""The design being built by an import: elements merged across documents, ids kept unique.

Import works on the plain data of the design file (FORMATS.md), so the result goes through the
same schema check as a file a user writes. Elements are merged where documents describe the
same thing, which is the point of importing ten service specs into one mesh:

- a broker is the same when protocol and host are;
- a topic is the same when broker and address are;
- a message is the same when its id and content are; a different message under a taken id
  gets a free variant of it;
- an application is the same when its id is; its links are added once;
- an endpoint is the same when provider, method and path are.

An element of the design imported into (``--into``) takes what the first document that says
otherwise than the design says about it (its description, bindings, a message's
content): that is how a specification edited by hand comes back into the design, while the
other documents, which still say what the design says, change nothing. Import adds and
updates; it never removes what a document leaves out.

Payload schemas go into the registry (``register``): a schema already there under the subject
is reused, a different one becomes the subject's next version.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from studio.registry.model import Registry, SchemaVersion, Subject

Data = dict[str, Any]
_ID_CHARS = re.compile(r"[^a-z0-9_.-]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_LISTS = ("brokers", "applications", "topics", "messages", "endpoints")
_SOURCES = ("payload", "key", "headers")


def slug(text: str, fallback: str = "element") -> str:
    """An id (``^[a-z][a-z0-9_.-]{0,63}$``) that reads like ``text``: ``OrderPlaced`` and
    ``getCustomer`` become ``order-placed`` and ``get-customer``."""
    words = _CAMEL.sub("-", text.strip())
    value = _ID_CHARS.sub("-", words.lower()).strip("-.")
    if not value or not value[0].isalpha():
        value = f"{fallback}-{value}".strip("-")
    return value[:64].rstrip("-.")


@dataclass
class ImportNote:
    """Something the import could not map as it is, at its place in a document."""

    where: str  # FILE:LINE
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.pointer or '/'}: {self.message}"


@dataclass
class MeshBuilder:
    """Design data and registry under construction."""

    data: Data
    registry: Registry
    notes: list[ImportNote] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.data.setdefault("meshStudio", 1)
        self._by_id: dict[str, dict[str, Data]] = {}
        self.taken: set[str] = set()
        for key in _LISTS:
            items = self.data.setdefault(key, [])
            self._by_id[key] = {item["id"]: item for item in items}
            self.taken.update(self._by_id[key])
        for item in self.data.get("notes") or ():
            self.taken.add(item["id"])
        # the merge keys, so that each document costs no more than its own size
        self._brokers = {
            (b.get("protocol", "kafka"), b.get("host")): b["id"]
            for b in reversed(self.data["brokers"])
        }
        self._topics = {
            (t.get("broker"), t.get("address")): t for t in reversed(self.data["topics"])
        }
        self._endpoints = {
            (e.get("provider"), e.get("method", "GET"), e.get("path", "/")): e
            for e in reversed(self.data["endpoints"])
        }
        self._variants: dict[str, list[Data]] = {}  # message id -> it and its variants
        for message in self.data["messages"]:
            self._variants.setdefault(_base_id(message["id"]), []).append(message)
        self.added: list[str] = []  # ids of new elements, in order
        self.updated: list[str] = []  # ids of the design's elements a document changed
        self._unclaimed = set(self.taken)  # the design's elements no document changed yet
        self._before: dict[str, Data] = {}  # what a changed element said before
        self.registry_changed = False

    # ---- ids -----------------------------------------------------------------------------
    def free_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.taken:
            suffix = f"-{number}"
            candidate, number = wanted[: 64 - len(suffix)] + suffix, number + 1
        return candidate

    def _add(self, key: str, item: Data) -> Data:
        self.data[key].append(item)
        self._by_id[key][item["id"]] = item
        self.taken.add(item["id"])
        self.added.append(item["id"])
        return item

    def get(self, key: str, element_id: str) -> Data | None:
        return self._by_id[key].get(element_id)

    def _claim(self, item: Data, fields: Data, keys: tuple[str, ...]) -> None:
        """The first document that says otherwise than the design about one of its elements
        sets those of ``keys`` (and ``x-`` keys) that it gives to what it says; what it leaves
        out stays (a 2.x server has no title: the broker keeps its name). Documents that say
        the same change nothing, and later ones only add."""
        if item["id"] not in self._unclaimed:
            return
        said = {k: v for k, v in _compact(fields).items() if k in keys or k.startswith("x-")}
        changed = {**item, **said}
        if changed == item:
            return
        self._unclaimed.discard(item["id"])
        self._before[item["id"]] = dict(item)
        item.clear()
        item.update(changed)  # key order does not matter: the file is written canonically
        self.updated.append(item["id"])

    # ---- elements ------------------------------------------------------------------------
    def broker(self, wanted: str, protocol: str, host: str | None, extra: Data) -> str:
        found = self._brokers.get((protocol, host))
        if found is not None:
            self._claim(
                self._by_id["brokers"][found], extra, ("name", "description", "schemaRegistryUrl")
            )
            return found
        item = {"id": self.free_id(wanted), **_compact(extra), "protocol": protocol}
        if host:
            item["host"] = host
        self._brokers[(protocol, host)] = item["id"]
        return str(self._add("brokers", _ordered(item, _BROKER_KEYS))["id"])

    def topic(self, wanted: str, broker: str | None, address: str, extra: Data) -> Data:
        found = self._topics.get((broker, address))
        if found is not None:
            self._claim(found, extra, ("description", "bindings"))
            return found
        item = {"id": self.free_id(wanted), "address": address}
        if broker:
            item["broker"] = broker
        item.update(_compact(extra))
        topic = self._topics[(broker, address)] = self._add("topics", _ordered(item, _TOPIC_KEYS))
        return topic

    def message(self, wanted: str, content: Data, whole: bool = True) -> str:
        """The id of a message with ``content``: it, or a variant of it, when one says the
        same; the design's message ``wanted`` updated, when ``content`` is ``whole`` (an
        AsyncAPI message, not a REST body's partial view) and no document described it yet;
        else a new message under a free variant of ``wanted``."""
        for item in self._variants.get(wanted, ()):
            if self._same_message(item, content) or self._same_message(
                self._before.get(item["id"], {}), content
            ):
                return str(item["id"])  # the same, or what it was before a document changed it
        existing = self._by_id["messages"].get(wanted)
        if whole and existing is not None and wanted in self._unclaimed:
            self._claim(existing, content, _MESSAGE_KEYS[1:])  # all but the id
            return wanted
        item = self._add(
            "messages", _ordered({"id": self.free_id(wanted), **content}, _MESSAGE_KEYS)
        )
        self._variants.setdefault(wanted, []).append(item)
        return str(item["id"])

    def _same_message(self, item: Data, content: Data) -> bool:
        """Whether ``item`` says what ``content`` says; a payload, key or header reference to
        ``latest`` is the same as one to the version that is the latest now."""
        if not item:
            return False
        mine = {k: self.pinned(v) if k in _SOURCES else v for k, v in item.items() if k != "id"}
        return mine == content

    def pinned(self, source: Any) -> Any:
        """A ``latest`` schema reference as the version it names today."""
        if isinstance(source, dict) and source.get("version") == "latest":
            found = self.registry.lookup(source.get("subject", ""), "latest")
            if found is not None:
                return {"subject": source["subject"], "version": found.version}
        return source

    def application(self, wanted: str, extra: Data) -> Data:
        existing = self.get("applications", wanted)
        if existing is not None:
            described = {k: v for k, v in extra.items() if k != "kind"}  # kinds are the design's
            self._claim(existing, described, ("name", "owner", "description"))
            for key, value in _compact(extra).items():
                existing.setdefault(key, value)
            return existing
        return self._add(
            "applications", _ordered({"id": wanted, **_compact(extra)}, _APPLICATION_KEYS)
        )

    def endpoint(self, wanted: str, provider: str, method: str, path: str, extra: Data) -> Data:
        found = self._endpoints.get((provider, method, path))
        if found is not None:
            self._claim(found, extra, ("summary", "description", "request", "responses"))
            return found
        item = {
            "id": self.free_id(wanted),
            "provider": provider,
            "method": method,
            "path": path,
            **_compact(extra),
        }
        endpoint = self._add("endpoints", _ordered(item, _ENDPOINT_KEYS))
        self._endpoints[(provider, method, path)] = endpoint
        return endpoint

    # ---- links ---------------------------------------------------------------------------
    def publish(self, app: Data, topic: str, extra: Data) -> None:
        links = app.setdefault("publishes", [])
        if not any(link["topic"] == topic for link in links):
            links.append({"topic": topic, **_compact(extra)})
        app["publishes"] = links

    def subscribe(self, app: Data, topic: str, extra: Data) -> None:
        links = app.setdefault("subscribes", [])
        via = extra.get("via")
        if not any(link["topic"] == topic and link.get("via") == via for link in links):
            links.append({"topic": topic, **_compact(extra)})

    # ---- schemas -------------------------------------------------------------------------
    def register(
        self, subject: str, schema_type: str, text: str, references: tuple[Any, ...] = ()
    ) -> int:
        """The version of ``subject`` holding ``text``: found, or added after the latest."""
        entry = self.registry.subjects.get(subject) or Subject(subject)
        for version in entry.versions:
            if (
                not version.deleted
                and version.schema_type == schema_type
                and _same_schema(version.schema, text, schema_type)
            ):
                return version.version
        self.registry_changed = True
        number = max((v.version for v in entry.versions), default=0) + 1
        ids = [v.id for s in self.registry.subjects.values() for v in s.versions if v.id]
        added = SchemaVersion(number, text, max(ids, default=0) + 1, schema_type, references)
        # a new Subject, not the caller's changed in place (the registry given is kept)
        self.registry.subjects[subject] = dataclasses.replace(
            entry, versions=[*entry.versions, added]
        )
        return number

    def note(self, where: str, pointer: str, message: str) -> None:
        self.notes.append(ImportNote(where, pointer, message))


def _base_id(element_id: str) -> str:
    """``order`` for ``order-2``: the id a free variant was made from."""
    head, dash, number = element_id.rpartition("-")
    return head if dash and number.isdigit() and int(number) >= 2 else element_id


def _same_schema(old: str, new: str, schema_type: str) -> bool:
    if old == new:
        return True
    if schema_type in ("AVRO", "JSON"):
        try:
            return bool(json.loads(old) == json.loads(new))
        except ValueError:
            return False
    return " ".join(old.split()) == " ".join(new.split())


def _compact(data: Data) -> Data:
    return {key: value for key, value in data.items() if value not in (None, [], {}, "")}


def _ordered(item: Data, keys: tuple[str, ...]) -> Data:
    """``item`` with its keys in the order of FORMATS.md (extensions last)."""
    known = {key: item[key] for key in keys if key in item}
    return {**known, **{k: v for k, v in item.items() if k not in known}}


_BROKER_KEYS = ("id", "name", "protocol", "host", "description", "schemaRegistryUrl")
_TOPIC_KEYS = ("id", "address", "broker", "messages", "description", "bindings")
_MESSAGE_KEYS = (
    "id",
    "name",
    "title",
    "summary",
    "description",
    "contentType",
    "payload",
    "key",
    "headers",
    "examples",
)
_APPLICATION_KEYS = (
    "id",
    "name",
    "kind",
    "owner",
    "description",
    "backend",
    "publishes",
    "calls",
    "subscribes",
    "webhooks",
    "writes",
    "reads",
)
_ENDPOINT_KEYS = (
    "id",
    "provider",
    "method",
    "path",
    "summary",
    "description",
    "request",
    "responses",
)
