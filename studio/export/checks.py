"""What the official JSON Schemas do not check but the official tools reject.

A JSON Schema sees one value at a time, so it accepts a ``$ref`` to nothing, two operations with
one ``operationId``, an AsyncAPI 3 operation sending a message its channel does not carry, or a
channel address with an undeclared ``{parameter}``. The AsyncAPI parser and OpenAPI validators
reject those; these checks find them before a document is written. Each check is a small
generator of problem sentences, like the rules of ``validate``.

References must be local (``#/...``): exported documents are self-contained. Their pointers
are followed as the tools follow them, percent-decoded (``studio.registry.json_pointer``).
Walking a large document for references dominates the cost, so the references found in a
shared subtree (a message object used by many documents of one export) are remembered by the
``Checker``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from studio.registry.json_pointer import MISSING, follow_pointer

Kind = Literal["asyncapi", "openapi"]
_PARAMETER = re.compile(r"\{([^{}]+)\}")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def check_document(kind: Kind, version: str, document: dict[str, Any]) -> list[str]:
    """The problems of ``document`` that its official JSON Schema does not catch."""
    return Checker().check(kind, version, document)


class Checker:
    """Runs the checks; keep one for many documents of an export to share the work."""

    def __init__(self) -> None:
        self._refs: dict[int, tuple[Any, list[str]]] = {}

    def check(self, kind: Kind, version: str, document: dict[str, Any]) -> list[str]:
        problems = list(self._unresolved_refs(document))
        if kind == "asyncapi" and version.startswith("3."):
            problems += _asyncapi3_operations(document)
            problems += _channel_parameters(document.get("channels") or {}, by_address=False)
        elif kind == "asyncapi":
            problems += _asyncapi2_ids(document)
            problems += _channel_parameters(document.get("channels") or {}, by_address=True)
        else:
            problems += _openapi_operation_ids(document)
            if version.startswith("3.0."):
                problems += _nullable_without_type(document)
        return problems

    def _unresolved_refs(self, document: dict[str, Any]) -> Iterator[str]:
        seen: set[str] = set()
        for ref in self._collect(document):
            if ref in seen:
                continue
            seen.add(ref)
            if not ref.startswith("#"):
                yield f"the $ref '{ref}' points outside the document"
            elif not _resolves(document, ref):
                yield f"the $ref '{ref}' does not resolve"

    def _collect(self, document: dict[str, Any]) -> list[str]:
        refs: list[str] = []
        for key, value in document.items():
            if key != "components":
                _refs_in(value, refs)
                continue
            for section in value.values():
                for part in section.values() if isinstance(section, dict) else ():
                    refs += self._shared_refs(part)
        return refs

    def _shared_refs(self, node: Any) -> list[str]:
        """The references in a components entry, which many documents of an export share."""
        cached = self._refs.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        refs: list[str] = []
        _refs_in(node, refs)
        self._refs[id(node)] = (node, refs)  # the node is kept, so its id stays its own
        return refs


def _refs_in(node: Any, refs: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                refs.append(value)
            elif key == "examples" and isinstance(value, list):
                continue  # payload examples are data, and the bulk of a document
            elif key == "examples" and isinstance(value, dict):
                for example in value.values():  # OpenAPI Example Objects: skip their value
                    if isinstance(example, dict):
                        _refs_in({k: v for k, v in example.items() if k != "value"}, refs)
            elif isinstance(value, (dict, list)):
                _refs_in(value, refs)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, (dict, list)):
                _refs_in(item, refs)


def _resolves(document: Any, ref: str) -> bool:
    return follow_pointer(document, ref[1:]) is not MISSING


def _asyncapi3_operations(document: dict[str, Any]) -> Iterator[str]:
    channels = document.get("channels") or {}
    for op_id, operation in (document.get("operations") or {}).items():
        channel_ref = (operation.get("channel") or {}).get("$ref", "")
        if not channel_ref.startswith("#/channels/"):
            yield f"operation '{op_id}' must name its channel as '#/channels/...'"
            continue
        channel_id = channel_ref.removeprefix("#/channels/")
        carried = (channels.get(channel_id) or {}).get("messages") or {}
        prefix = f"{channel_ref}/messages/"
        for message in operation.get("messages") or ():
            ref = message.get("$ref", "")
            if not ref.startswith(prefix) or ref.removeprefix(prefix) not in carried:
                yield (
                    f"operation '{op_id}' uses the message '{ref}', which its channel "
                    f"'{channel_id}' does not carry"
                )
    for channel_id, channel in channels.items():
        for server in channel.get("servers") or ():
            if not server.get("$ref", "").startswith("#/servers/"):
                yield f"channel '{channel_id}' must name its servers as '#/servers/...'"


def _asyncapi2_ids(document: dict[str, Any]) -> Iterator[str]:
    seen: dict[str, str] = {}
    for name, channel in (document.get("channels") or {}).items():
        for verb in ("publish", "subscribe"):
            op_id = (channel.get(verb) or {}).get("operationId")
            if op_id is None:
                continue
            if op_id in seen:
                yield f"operationId '{op_id}' is used twice ({seen[op_id]} and {name})"
            seen[op_id] = name
    # the official parser checks messageId once references are resolved: a message that two
    # operations reference clashes with itself (asyncapi2-message-messageId-uniqueness)
    components = (document.get("components") or {}).get("messages") or {}
    message_ids: dict[str, str] = {}
    for name, channel in (document.get("channels") or {}).items():
        for verb in ("publish", "subscribe"):
            message = (channel.get(verb) or {}).get("message") or {}
            for one in message.get("oneOf", [message]):
                ref = one.get("$ref", "")
                resolved = components.get(ref.rsplit("/", 1)[-1], {}) if ref else one
                message_id = resolved.get("messageId")
                if message_id is None:
                    continue
                if message_id in message_ids:
                    yield (
                        f"messageId '{message_id}' is used twice ({message_ids[message_id]} "
                        f"and {name} {verb}); parsers check it after resolving references"
                    )
                message_ids[message_id] = f"{name} {verb}"
    for name, channel in (document.get("channels") or {}).items():
        servers = document.get("servers") or {}
        for server in channel.get("servers") or ():
            if server not in servers:
                yield f"channel '{name}' names the unknown server '{server}'"


def _channel_parameters(channels: dict[str, Any], by_address: bool) -> Iterator[str]:
    for name, channel in channels.items():
        address = name if by_address else channel.get("address") or ""
        used = set(_PARAMETER.findall(address))
        declared = set(channel.get("parameters") or {})
        for missing in sorted(used - declared):
            yield f"channel '{name}' does not declare the parameter '{missing}' of its address"
        for extra in sorted(declared - used):
            yield f"channel '{name}' declares the parameter '{extra}' its address does not use"
        if "#" in address or "?" in address:
            yield f"channel '{name}' has '#' or '?' in its address"


def _openapi_operation_ids(document: dict[str, Any]) -> Iterator[str]:
    seen: set[str] = set()
    for operation in _openapi_operations(document):
        op_id = operation.get("operationId")
        if op_id is None:
            continue
        if op_id in seen:
            yield f"operationId '{op_id}' is used twice"
        seen.add(op_id)
    for path, item in (document.get("paths") or {}).items():
        declared = {p.get("name") for p in item.get("parameters") or () if p.get("in") == "path"}
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            names = declared | {
                p.get("name") for p in operation.get("parameters") or () if p.get("in") == "path"
            }
            for missing in sorted(set(_PARAMETER.findall(path)) - names):
                yield f"{method.upper()} {path} does not declare the path parameter '{missing}'"


def _openapi_operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    items = list((document.get("paths") or {}).values())
    items += list((document.get("webhooks") or {}).values())
    while items:
        item = items.pop(0)
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield operation
                for callback in (operation.get("callbacks") or {}).values():
                    items += list(callback.values())


def _nullable_without_type(document: dict[str, Any]) -> Iterator[str]:
    """OpenAPI 3.0.3 honours ``nullable`` only beside a ``type`` (Redocly's spec rule); without
    one the null a design allows would be silently lost."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if node.get("nullable") is True and "type" not in node:
                yield f"{path or '/'}: 'nullable' without 'type' (OpenAPI 3.0.3 ignores it)"
            stack += [
                (f"{path}/{_escaped(str(key))}", value)
                for key, value in node.items()
                if isinstance(value, (dict, list)) and not str(key).startswith("x-")
            ]
        elif isinstance(node, list):
            stack += [
                (f"{path}/{index}", value)
                for index, value in enumerate(node)
                if isinstance(value, (dict, list))
            ]


def _escaped(key: str) -> str:
    """A key as a JSON Pointer token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")
