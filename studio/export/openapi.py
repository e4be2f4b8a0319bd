"""OpenAPI 3.1.0, 3.2.0 and 3.0.3 documents: one per application that provides endpoints or
webhooks.

Each endpoint is an operation under its path and method with the endpoint id as
``operationId`` and its ``{...}`` path parameters declared; request and response messages
become media types of their content type whose schema is the message's payload in
``components.schemas`` (Avro and Protobuf converted to JSON Schema, ``x-schema-registry`` naming
the source). An evented API (``webhooks`` in the design) also gets its registration endpoint:
``POST <registration>`` takes ``{callbackUrl, topics}``, answers ``201`` with the subscription,
and describes each topic's delivery as a callback POSTed to ``{$request.body#/callbackUrl}``;
in 3.1.0 and 3.2.0 the same deliveries are the top-level ``webhooks``. 3.0.3 has no
``webhooks``, so there the callbacks stand alone and the report says so. 3.2.0 speaks the same
JSON Schema dialect as 3.1.0 and adds nothing a design needs, so its documents differ only in
the version.
"""

from __future__ import annotations

from functools import partial
from http import HTTPStatus
from typing import Any

from studio.export.components import Components, Target
from studio.export.context import ExportContext, address_parameters
from studio.export.versions import OPENAPI_VERSIONS, require_version
from studio.model.elements import Application, Endpoint, Message, Topic

CALLBACK_URL = "{$request.body#/callbackUrl}"
_TARGETS: dict[str, Target] = {
    "3.1.0": "openapi-3.1",
    "3.2.0": "openapi-3.1",
    "3.0.3": "openapi-3.0",
}
_STATUS_RANGES = ("1XX", "2XX", "3XX", "4XX", "5XX", "default")


def openapi_document(
    ctx: ExportContext, app: Application, version: str = "3.1.0"
) -> dict[str, Any] | None:
    """The OpenAPI document of ``app``, or None when it provides neither endpoints nor webhooks."""
    require_version("OpenAPI", version, OPENAPI_VERSIONS)
    endpoints = ctx.uses.endpoints_of(app.id)
    if not endpoints and app.webhooks is None:
        return None
    builder = _Builder(ctx, app, version)
    for endpoint in endpoints:
        builder.endpoint(endpoint)
    if app.webhooks is not None:
        builder.evented_api()
    return builder.document()


class _Builder:
    def __init__(self, ctx: ExportContext, app: Application, version: str) -> None:
        self.ctx, self.app, self.version = ctx, app, version
        self.name = f"openapi/{app.id}"
        self.target = _TARGETS[version]
        self.components = Components()
        self.paths: dict[str, dict[str, Any]] = {}
        self.webhooks: dict[str, Any] = {}
        self.examples: dict[str, Any] = {}
        self.operation_ids: set[str] = set()

    def document(self) -> dict[str, Any]:
        info: dict[str, Any] = {"title": self.app.name or self.app.id, "version": self.ctx.version}
        if self.app.description:
            info["description"] = self.app.description
        if self.app.owner:
            info["contact"] = {"name": self.app.owner}
            info["x-owner"] = self.app.owner
        info.update(self.ctx.extensions(self.app.extensions, self.app.id))
        doc: dict[str, Any] = {"openapi": self.version, "info": info, "paths": self.paths}
        if self.webhooks:
            doc["webhooks"] = self.webhooks
        components: dict[str, Any] = {}
        if self.components.schemas:
            components["schemas"] = self.components.sorted()
        if self.examples:
            components["examples"] = {name: self.examples[name] for name in sorted(self.examples)}
        if components:
            doc["components"] = components
        return doc

    def endpoint(self, endpoint: Endpoint) -> None:
        path = endpoint.path if endpoint.path.startswith("/") else "/" + endpoint.path
        method = endpoint.method.lower()
        item = self._path_item(path)
        if method in item:
            self.ctx.note(
                "warning",
                f"endpoints '{item[method]['operationId']}' and "
                f"'{endpoint.id}' are both {endpoint.method} {path}; "
                f"'{endpoint.id}' is left out",
                self.name,
                endpoint.id,
            )
            return
        operation: dict[str, Any] = {"operationId": self._operation_id(endpoint.id)}
        if endpoint.summary:
            operation["summary"] = endpoint.summary
        if endpoint.description:
            operation["description"] = endpoint.description
        if endpoint.request:
            message = self._message(endpoint.request, endpoint.id)
            if message is not None:
                self._header_parameters(operation, [message])
                body: dict[str, Any] = {"required": True, "content": self._content([message])}
                if message.description:
                    body = {"description": message.description, **body}
                operation["requestBody"] = body
        operation["responses"] = self._responses(endpoint)
        operation.update(self.ctx.extensions(endpoint.extensions, endpoint.id))
        item[method] = operation

    def evented_api(self) -> None:
        webhooks = self.app.webhooks
        assert webhooks is not None
        topics: list[Topic] = []
        for topic_id in webhooks.topics:
            if topic_id in self.ctx.topics:
                topics.append(self.ctx.topics[topic_id])
            else:
                self.ctx.note(
                    "warning",
                    f"the webhooks of '{self.app.id}' list the unknown "
                    f"topic '{topic_id}'; it is left out",
                    self.name,
                    self.app.id,
                )
        path = webhooks.registration
        path = path if path.startswith("/") else "/" + path
        item = self._path_item(path)
        callbacks = {
            t.id: {CALLBACK_URL: {"post": self._delivery(t, callback=True)}} for t in topics
        }
        if "post" in item:
            self.ctx.note(
                "info",
                f"POST {path} is the endpoint '{item['post']['operationId']}'; "
                "the webhook callbacks are described on it",
                self.name,
                self.app.id,
            )
            item["post"]["callbacks"] = callbacks
        else:
            item["post"] = self._registration(topics, callbacks)
        if self.version != "3.0.3":
            self.webhooks.update(
                {t.id: {"post": self._delivery(t, callback=False)} for t in topics}
            )
        elif topics:
            self.ctx.note(
                "info",
                "OpenAPI 3.0.3 has no webhooks; the deliveries are described "
                f"only as callbacks of POST {path}",
                self.name,
                self.app.id,
            )

    def _registration(self, topics: list[Topic], callbacks: dict[str, Any]) -> dict[str, Any]:
        names = {"type": "string", "enum": [t.id for t in topics]} if topics else {"type": "string"}
        callback_url = {
            "type": "string",
            "format": "uri",
            "description": "Where deliveries are POSTed.",
        }
        properties: dict[str, Any] = {
            "callbackUrl": callback_url,
            "topics": {
                "type": "array",
                "items": names,
                "minItems": 1,
                "uniqueItems": True,
                "description": "The topics to be told about.",
            },
        }
        registration = {
            "type": "object",
            "properties": properties,
            "required": ["callbackUrl", "topics"],
        }
        subscription = {
            "type": "object",
            "properties": {
                "id": {"type": "string", "description": "The subscription id."},
                **properties,
            },
            "required": ["id", "callbackUrl", "topics"],
        }
        operation: dict[str, Any] = {
            "operationId": self._operation_id("register-webhook"),
            "summary": "Register a callback URL for topic deliveries",
        }
        if self.app.webhooks and self.app.webhooks.description:
            operation["description"] = self.app.webhooks.description
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {
                    "schema": self.components.add("WebhookRegistration", registration)
                }
            },
        }
        operation["responses"] = {
            "201": {
                "description": "The subscription was created.",
                "content": {
                    "application/json": {
                        "schema": self.components.add("WebhookSubscription", subscription)
                    }
                },
            }
        }
        if callbacks:
            operation["callbacks"] = callbacks
        return operation

    def _delivery(self, topic: Topic, callback: bool) -> dict[str, Any]:
        prefix = "deliver" if callback else "on"
        operation: dict[str, Any] = {
            "operationId": self._operation_id(f"{prefix}-{topic.id}"),
            "summary": f"A message on topic {topic.id}",
        }
        if topic.description:
            operation["description"] = topic.description
        messages = [m for m in (self._message(mid, topic.id) for mid in topic.messages) if m]
        if messages:
            self._header_parameters(operation, messages)
            operation["requestBody"] = {"required": True, "content": self._content(messages)}
        operation["responses"] = {"2XX": {"description": "The delivery was accepted."}}
        return operation

    def _responses(self, endpoint: Endpoint) -> dict[str, Any]:
        responses: dict[str, Any] = {}
        for status, message_id in endpoint.responses.items():
            if not (status in _STATUS_RANGES or (status.isdigit() and len(status) == 3)):
                self.ctx.note(
                    "warning",
                    f"endpoint '{endpoint.id}' has the response status "
                    f"'{status}', which is no HTTP status; it is left out",
                    self.name,
                    endpoint.id,
                )
                continue
            message = self._message(message_id, endpoint.id) if message_id else None
            response: dict[str, Any] = {"description": _describe(status, message)}
            if message is not None:
                headers = self._headers([message])
                if headers:
                    response["headers"] = headers
                response["content"] = self._content([message])
            responses[status] = response
        if not responses:
            responses["default"] = {"description": "The design describes no response."}
        return responses

    def _message(self, message_id: str, user: str) -> Message | None:
        message = self.ctx.messages.get(message_id)
        if message is None:
            self.ctx.note(
                "warning",
                f"'{user}' names the unknown message '{message_id}'; it is left out",
                self.name,
                user,
            )
        return message

    def _content(self, messages: list[Message]) -> dict[str, Any]:
        """Media types by content type; messages sharing one are alternatives (``oneOf``).

        A binary message (Avro, Protobuf) has no JSON Schema of its bytes: its JSON encoding
        goes under ``application/json`` with the schema and examples, which client generators
        read, and the binary media type is offered beside it as an opaque body."""
        grouped: dict[str, list[Message]] = {}
        binary: list[str] = []
        for message in messages:
            media_type = message.content_type or "application/json"
            if is_binary(media_type):
                binary += [media_type] if media_type not in binary else []
                media_type = "application/json"
            grouped.setdefault(media_type, []).append(message)
        content: dict[str, Any] = {}
        for media_type, group in grouped.items():
            media: dict[str, Any] = {}
            schemas = [s for s in (self._schema(m) for m in group) if s is not None]
            if len(schemas) == 1:
                media["schema"] = schemas[0]
            elif schemas:
                media["schema"] = {"oneOf": schemas}
            examples = {}
            for message in group:
                kept = self.ctx.valid_examples(message, self.ctx.payload_view(message))
                for number, example in enumerate(kept, start=1):
                    # once per document in components, referenced from every media type
                    name = f"{message.id}-{number}"
                    self.examples[name] = self.ctx.cached(
                        ("openapi-example", name), partial(_example, example)
                    )
                    examples[name] = {"$ref": f"#/components/examples/{name}"}
            if examples:
                media["examples"] = examples
            content[media_type] = media
        for media_type in binary:
            opaque = (
                {"type": "string", "format": "binary"}
                if self.version == "3.0.3"
                else {"type": "string", "contentMediaType": media_type}
            )
            content[media_type] = {"schema": opaque}
        return content

    def _headers(self, messages: list[Message]) -> dict[str, Any]:
        """Header Objects from the messages' header schemas (each property one header; it is
        required when every message requires it). OpenAPI ignores Content-Type, Accept and
        Authorization here, so they are left out."""
        headers: dict[str, Any] = {}
        required: dict[str, bool] = {}
        for message in messages:
            schema = self._header_schema(message)
            if schema is None:
                continue
            needed = set(schema.get("required") or ())
            for name, header in (schema.get("properties") or {}).items():
                if name.lower() in _IGNORED_HEADERS or not isinstance(header, dict):
                    continue
                required[name] = required.get(name, True) and name in needed
                if name not in headers:
                    header = dict(header)
                    description = header.pop("description", None)
                    headers[name] = {"description": description} if description else {}
                    headers[name]["schema"] = header
        for message in messages:  # a header some message lacks is not required
            schema = self._header_schema(message) or {}
            for name in headers:
                if name not in (schema.get("properties") or {}):
                    required[name] = False
        for name, header in headers.items():
            if required[name]:
                header["required"] = True
        return headers

    def _header_parameters(self, operation: dict[str, Any], messages: list[Message]) -> None:
        parameters = [
            {"name": name, "in": "header", **header}
            for name, header in self._headers(messages).items()
        ]
        if parameters:
            operation["parameters"] = parameters

    def _header_schema(self, message: Message) -> dict[str, Any] | None:
        """The message's header schema in this document's dialect, when it is an object."""
        if message.headers is None:
            return None
        view, problems = self.ctx.resolver.view(message.headers, f"{message.id}.headers")
        for problem in problems:
            self.ctx.note(
                "warning", f"headers of message '{message.id}': {problem}", element=message.id
            )
        if view is None:
            return None
        root = self.components.place(
            self.ctx.placer(self.target).prepare(view), f"{message.id}.headers"
        )
        if not isinstance(root.get("properties"), dict):
            self.ctx.note(
                "warning",
                f"headers of message '{message.id}' are not an object "
                "with properties; OpenAPI cannot name them and they are "
                "left out",
                self.name,
                message.id,
            )
            return None
        return root

    def _schema(self, message: Message) -> dict[str, Any] | None:
        """A ``$ref`` to the message's payload in ``components.schemas``."""
        view = self.ctx.payload_view(message)
        if view is None:
            return None
        prepared = self.ctx.placer(self.target).prepare(view)
        for warning in prepared.warnings:
            self.ctx.note(
                "warning", f"payload of message '{message.id}': {warning}", element=message.id
            )
        root = self.components.place(prepared, message.id)
        if "title" not in root and "$ref" not in root and message.name:
            # generators name the type after the title, not the kebab-case component key
            titled, named = root, message.name
            root = self.ctx.cached(
                ("openapi-title", self.target, id(root), named),
                lambda: (titled, {"title": named, **titled}),
            )[1]
        if view.origin is not None:
            extension = {"x-schema-registry": view.origin.extension()}
            bare = root

            def annotate() -> tuple[dict[str, Any], dict[str, Any]]:
                # the bare root is kept in the cache so that its id stays unique
                if "$ref" in bare and self.target == "openapi-3.0":
                    return bare, {"allOf": [bare], **extension}  # 3.0 ignores $ref siblings
                return bare, {**bare, **extension}

            root = self.ctx.cached(("openapi-payload", self.target, id(root)), annotate)[1]
        return self.components.add(message.id, root)

    def _path_item(self, path: str) -> dict[str, Any]:
        if path not in self.paths:
            item: dict[str, Any] = {}
            names = address_parameters(path)
            if names:
                item["parameters"] = [
                    {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                    for n in names
                ]
            self.paths[path] = item
        return self.paths[path]

    def _operation_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.operation_ids:
            candidate, number = f"{wanted}-{number}", number + 1
        self.operation_ids.add(candidate)
        return candidate


_IGNORED_HEADERS = frozenset(("content-type", "accept", "authorization"))
# media types whose bodies are JSON or text that a JSON Schema can describe
_TEXT_SUFFIXES = ("+json", "+xml")


def is_binary(media_type: str) -> bool:
    """Whether bodies of ``media_type`` are bytes a JSON Schema cannot describe."""
    kind = media_type.split(";", 1)[0].strip().lower()
    return not (
        kind in ("application/json", "application/xml", "*/*")
        or kind.startswith("text/")
        or kind.endswith(_TEXT_SUFFIXES)
        or kind in ("application/x-www-form-urlencoded", "multipart/form-data")
    )


def _example(value: Any) -> dict[str, Any]:
    return {"value": value}


def _describe(status: str, message: Message | None) -> str:
    if message is not None:
        text = message.summary or message.description or message.title or message.name
        if text:
            return text
    if status.isdigit():
        try:
            return HTTPStatus(int(status)).phrase
        except ValueError:
            pass
    return "Response"
