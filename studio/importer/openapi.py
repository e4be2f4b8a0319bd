"""An OpenAPI document (3.0, 3.1) into the design: the providing application's endpoints.

Every operation of ``paths`` becomes an endpoint of the application (id from ``operationId``,
else method and path), its request body and response bodies messages (a body's media type is
the message's content type; a JSON body offered beside a binary media type is that binary
message's JSON form, as the export writes it). Header parameters and response headers become
the message's header schema; query and cookie parameters, which the design has no place for,
are kept as the endpoint's ``x-parameters``.

An operation with ``callbacks`` makes the application an evented API: the operation's path is
the registration, each callback a webhook topic whose delivery body is the topic's message.
3.1's top-level ``webhooks`` are webhook topics too. Mesh Studio's own registration operation
(``register-webhook``) is what the export derives from that, so it is not an endpoint.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from pathlib import Path
from typing import Any

from studio.importer.asyncapi import application_id
from studio.importer.dialect import from_openapi30
from studio.importer.mesh import Data, MeshBuilder, slug
from studio.importer.payloads import Payloads
from studio.importer.source import SpecFile

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_REGISTRATION = "register-webhook"
_NO_RESPONSE = "The design describes no response."
_PATH_PARAMETER = re.compile(r"\{([^{}]+)\}")


class OpenApiImport:
    """Maps one OpenAPI document."""

    def __init__(self, spec: SpecFile, mesh: MeshBuilder, payloads: Payloads) -> None:
        self.spec, self.mesh, self.payloads = spec, mesh, payloads
        info = spec.data.get("info") or {}
        self.app = mesh.application(
            application_id(spec),
            {
                "name": info.get("title"),
                "kind": "api",
                "owner": info.get("x-owner") or (info.get("contact") or {}).get("name"),
                "description": info.get("description"),
                **{k: v for k, v in info.items() if k.startswith("x-") and k != "x-owner"},
            },
        )

    def run(self) -> None:
        for path, item in (self.spec.data.get("paths") or {}).items():
            item, base = self.spec.resolve(item)
            for method in _METHODS:
                if method in item:
                    self._operation(path, method, item[method], item.get("parameters") or [], base)
        for name, item in (self.spec.data.get("webhooks") or {}).items():
            item, base = self.spec.resolve(item)
            operation = item.get("post") or next((item[m] for m in _METHODS if m in item), None)
            if operation is not None:
                self._webhook_topic(name, operation, base, f"/webhooks/{_escape(name)}")

    def _operation(
        self, path: str, method: str, operation: Data, shared: list[Any], base: Path
    ) -> None:
        pointer = f"/paths/{_escape(path)}/{method}"
        operation, base = self.spec.resolve(operation, base)
        callbacks = operation.get("callbacks") or {}
        if callbacks:
            hooks = self.app.setdefault("webhooks", {"registration": path, "topics": []})
            hooks["registration"] = path
            if operation.get("operationId") == _REGISTRATION and operation.get("description"):
                hooks["description"] = operation["description"]
            for name, callback in callbacks.items():
                callback, callback_base = self.spec.resolve(callback, base)
                delivery = next(
                    (
                        expression.get("post")
                        for expression in callback.values()
                        if isinstance(expression, dict) and "post" in expression
                    ),
                    None,
                )
                if delivery is not None:
                    self._webhook_topic(
                        name, delivery, callback_base, f"{pointer}/callbacks/{_escape(name)}"
                    )
            if operation.get("operationId") == _REGISTRATION:
                return
        endpoint_id = slug(operation.get("operationId") or f"{method}-{path}", "endpoint")
        parameters = [
            self.spec.resolve(p, base)[0] for p in [*shared, *operation.get("parameters", [])]
        ]
        header_schema = _headers_schema([p for p in parameters if p.get("in") == "header"])
        kept = [
            p
            for p in parameters
            if p.get("in") in ("query", "cookie")
            or (p.get("in") == "path" and p.get("name") not in _PATH_PARAMETER.findall(path))
        ]
        extra: Data = {
            "summary": operation.get("summary"),
            "description": operation.get("description"),
            "x-parameters": kept or None,
            **{k: v for k, v in operation.items() if k.startswith("x-")},
        }
        body = operation.get("requestBody")
        if body is not None:
            body, body_base = self.spec.resolve(body, base)
            extra["request"] = self._body(
                body.get("content") or {},
                body_base,
                f"{pointer}/requestBody",
                f"{endpoint_id}-request",
                header_schema,
                body.get("description"),
            )
        responses: dict[str, str | None] = {}
        for status, response in (operation.get("responses") or {}).items():
            response, response_base = self.spec.resolve(response, base)
            if status == "default" and response.get("description") == _NO_RESPONSE:
                continue  # what the export writes for an endpoint without responses
            headers = _headers_schema(
                [
                    {"name": name, **self.spec.resolve(h, base)[0]}
                    for name, h in (response.get("headers") or {}).items()
                ]
            )
            responses[str(status)] = self._body(
                response.get("content") or {},
                response_base,
                f"{pointer}/responses/{status}",
                f"{endpoint_id}-{status}",
                headers,
                _description(status, response.get("description")),
            )
        extra["responses"] = responses
        self.mesh.endpoint(endpoint_id, self.app["id"], method.upper(), path, extra)

    def _body(
        self,
        content: Data,
        base: Path,
        pointer: str,
        fallback: str,
        headers: Data | None,
        description: str | None = None,
    ) -> str | None:
        """The id of the message a body's content describes (None: no body)."""
        if not content:
            return None
        media_types = list(content)
        binary = [m for m in media_types if _opaque(content[m].get("schema"))]
        described = [m for m in media_types if m not in binary]
        if not described:
            self.mesh.note(
                self.spec.where(pointer),
                pointer,
                "the body has no schema; its message has no payload",
            )
        chosen = described[0] if described else media_types[0]
        media = content[chosen]
        content_type = binary[0] if binary and chosen == "application/json" else chosen
        schema_node = media.get("schema")
        ref = schema_node.get("$ref", "") if isinstance(schema_node, dict) else ""
        schema, schema_base = (
            self.spec.resolve(schema_node, base) if schema_node is not None else (None, base)
        )
        message: Data = {}
        name = schema.get("title") if isinstance(schema, dict) else None
        if name:
            message["name"] = name
        if description and description != name:
            message["description"] = description
        message["contentType"] = content_type
        if schema is not None:
            named = schema.get("x-schema-registry") if isinstance(schema, dict) else None
            source = self.payloads.registered(named)
            if source is None:
                inline = self.payloads.json_schema(self.spec, schema_node, base)
                if inline is not None:
                    inline["schema"] = {
                        k: v
                        for k, v in inline["schema"].items()
                        if k not in ("title", "x-schema-registry") or (k == "title" and v != name)
                    }
                source = inline
            if source is not None:
                message["payload"] = source
        if headers:
            message["headers"] = {
                "schema": from_openapi30(headers)
                if self.spec.version.startswith("3.0.")
                else headers
            }
        examples = [
            self.spec.resolve(e, base)[0].get("value")
            for e in (media.get("examples") or {}).values()
        ]
        if "example" in media:
            examples.insert(0, media["example"])
        examples = [e for e in examples if e is not None]
        if examples:
            message["examples"] = examples
        wanted = slug(ref.rsplit("/", 1)[-1] if ref else fallback, "message")
        del schema_base
        existing = self.mesh.get("messages", wanted)
        if existing is not None and self.mesh.pinned(existing.get("payload")) == message.get(
            "payload"
        ):
            return wanted  # the message an AsyncAPI document (or the design) has, seen as a body
        return self.mesh.message(wanted, message, whole=False)  # a body shows part of it

    def _webhook_topic(self, name: str, delivery: Data, base: Path, pointer: str) -> None:
        delivery, base = self.spec.resolve(delivery, base)
        topic = self.mesh.get("topics", slug(name, "topic"))
        if topic is None:
            self.mesh.note(
                self.spec.where(pointer),
                pointer,
                f"the webhook topic '{name}' is "
                "on no broker any imported AsyncAPI document describes; it is a "
                "topic with its name as address and no broker",
            )
            topic = self.mesh.topic(slug(name, "topic"), None, name, {})
        hooks = self.app.setdefault("webhooks", {"registration": "/subscriptions", "topics": []})
        if topic["id"] not in hooks["topics"]:
            hooks["topics"].append(topic["id"])
        body = delivery.get("requestBody")
        if body is not None:
            body, body_base = self.spec.resolve(body, base)
            if _schema_names(body.get("content") or {}) & set(topic.get("messages") or ()):
                return  # the delivery of a message the topic has (the export writes it so)
            headers = _headers_schema(
                [
                    self.spec.resolve(p, base)[0]
                    for p in delivery.get("parameters") or ()
                    if self.spec.resolve(p, base)[0].get("in") == "header"
                ]
            )
            message_id = self._body(
                body.get("content") or {},
                body_base,
                f"{pointer}/requestBody",
                f"{topic['id']}-delivery",
                headers,
            )
            if (
                message_id is not None
                and message_id not in topic.setdefault("messages", [])
                and not topic["messages"]
            ):
                topic["messages"].append(message_id)


def _description(status: str, text: str | None) -> str | None:
    """A response's description, unless it is only the status's reason phrase."""
    try:
        phrase = HTTPStatus(int(status)).phrase if status.isdigit() else None
    except ValueError:
        phrase = None
    return None if text in (phrase, "Response") else text


def _schema_names(content: Data) -> set[str]:
    """The component names the body's media types refer to."""
    refs = (
        media.get("schema", {}).get("$ref", "")
        for media in content.values()
        if isinstance(media, dict) and isinstance(media.get("schema"), dict)
    )
    return {slug(ref.rsplit("/", 1)[-1], "message") for ref in refs if ref}


def _opaque(schema: Any) -> bool:
    """A binary body: a string of raw bytes, which the design describes by content type."""
    return (
        isinstance(schema, dict)
        and schema.get("type") == "string"
        and (schema.get("format") == "binary" or "contentMediaType" in schema)
        and set(schema) <= {"type", "format", "contentMediaType"}
    )


def _headers_schema(parameters: list[Data]) -> Data | None:
    properties = {p["name"]: p.get("schema", {}) for p in parameters if p.get("name")}
    if not properties:
        return None
    schema: Data = {"type": "object", "properties": properties}
    required = [p["name"] for p in parameters if p.get("required")]
    if required:
        schema["required"] = required
    return schema


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
