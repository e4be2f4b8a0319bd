"""Validation of exported documents against the official schemas, offline.

AsyncAPI documents are checked against the official JSON Schemas of ``@asyncapi/specs`` 6.11.1,
bundled in ``resources/schemas/asyncapi/`` (the self-contained ``-without-$id`` variants, so no
reference ever leads to a URL), with ``jsonschema-rs``: it compiles the 400 kB schema in
milliseconds and validates a document in microseconds, where the pure-Python ``jsonschema``
needs over a second per document for this schema. Its retriever refuses every URL, so a schema
or document can never make validation touch the network. OpenAPI documents go through
``openapi-spec-validator`` (which also uses ``jsonschema-rs`` when installed), with its URL
handlers replaced by one that refuses.

``validate_document`` is the entry point the ``validate`` command reuses (rule MS109).
Validators are compiled once per process and kept.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

import jsonschema_rs

from studio.export.versions import OPENAPI_VERSIONS, require_version
from studio.resources import resource_path

Kind = Literal["asyncapi", "openapi"]
ASYNCAPI_SCHEMAS = {"3.0.0": "3.0.0.json", "3.1.0": "3.1.0.json", "2.6.0": "2.6.0.json"}
MAX_PROBLEMS = 20
_MAX_MESSAGE = 300


class OfflineOnly(Exception):
    """Raised instead of fetching anything from the network."""


def validate_document(kind: Kind, version: str, document: dict[str, Any]) -> list[str]:
    """What makes ``document`` fail the official schema of its kind and version (empty: valid).

    Each problem is one sentence starting with the JSON pointer of the offending part.
    """
    if kind == "asyncapi":
        return _asyncapi_problems(version, document)
    if kind == "openapi":
        return _openapi_problems(version, document)
    raise ValueError(f"unknown document kind {kind!r}; expected 'asyncapi' or 'openapi'")


def prepare(kind: Kind, version: str) -> None:
    """Load and compile the validator of ``kind`` ``version`` now, so that the first document
    checked later does not wait for it (OpenAPI's: importing the library, building its
    validator classes and the compiled meta-schema, about 0.1 s and more on a busy machine)."""
    if kind == "asyncapi":
        asyncapi_validator(version)
    else:
        _openapi_problems(version, _SMALLEST_OPENAPI | {"openapi": version})


# one operation with a Schema Object, so every part of the OpenAPI check has run once
_SMALLEST_OPENAPI: dict[str, Any] = {
    "info": {"title": "-", "version": "-"},
    "paths": {
        "/": {
            "get": {
                "responses": {
                    "200": {
                        "description": "-",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                }
            }
        }
    },
}


def _refuse(uri: str) -> Any:
    raise OfflineOnly(f"{uri} is not fetched: validation never uses the network")


@cache
def asyncapi_validator(version: str) -> Any:
    """The compiled validator of an AsyncAPI version (cached for the process)."""
    require_version("AsyncAPI", version, ASYNCAPI_SCHEMAS)
    path = resource_path("schemas", "asyncapi", ASYNCAPI_SCHEMAS[version])
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(schema, retriever=_refuse)


def _asyncapi_problems(version: str, document: dict[str, Any]) -> list[str]:
    validator = asyncapi_validator(version)
    if validator.is_valid(document):
        return []
    problems = []
    for error in validator.iter_errors(document):
        problems.append(_describe(error))
        if len(problems) == MAX_PROBLEMS:
            break
    return problems


def _describe(error: Any) -> str:
    error = _most_relevant(error)
    where = "/" + "/".join(str(part) for part in error.instance_path)
    message = error.message
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + " ..."
    return f"{where}: {message}"


def _most_relevant(error: Any) -> Any:
    """Within a failed ``oneOf``/``anyOf``, the error that says most about what is wrong.

    Most AsyncAPI values are "a Reference or an X"; the branch that complains about a missing
    ``$ref`` is rarely the point, and a deeper error is more precise than a shallow one.
    """
    context = getattr(error.kind, "context", None)
    if not context:
        return error
    candidates = [e for branch in context for e in branch]
    useful = [e for e in candidates if "$ref" not in e.message] or candidates
    best = max(useful, key=lambda e: len(list(e.instance_path)))
    return _most_relevant(best)


@cache
def _openapi_validator_class(version: str) -> Any:
    require_version("OpenAPI", version, OPENAPI_VERSIONS)
    from openapi_spec_validator import (
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
        OpenAPIV32SpecValidator,
    )

    base = {"3.2.0": OpenAPIV32SpecValidator, "3.1.0": OpenAPIV31SpecValidator}.get(
        version, OpenAPIV30SpecValidator
    )

    def refuse(uri: str) -> Any:
        return _refuse(uri)

    # the library resolves $refs through URL handlers; these refuse instead of fetching
    handlers = {scheme: refuse for scheme in ("<all_urls>", "http", "https", "file")}
    keywords = dict(base.keyword_validators)
    keywords["schema"] = _remembering(keywords["schema"], version)
    return type(
        f"Offline{base.__name__}",
        (base,),
        {"resolver_handlers": handlers, "keyword_validators": keywords},
    )


_META_CHECKS: dict[tuple[Any, str], Any] = {}


def _remembering(schema_validator: Any, version: str) -> Any:
    """The library's Schema Object check, made fast where that cannot change its verdict.

    Checking each schema against the OpenAPI dialect's meta-schema with the pure-Python
    ``jsonschema`` is three quarters of the validation time. The verdict depends only on the
    schema's content, so it is remembered per content (an export repeats the same payloads in
    many documents); and a schema that ``jsonschema-rs`` finds valid against the very same
    meta-schema and resources is accepted without the slow pass. Anything it rejects goes
    through the library's own check, so every reported error is the library's.
    """
    fast = _fast_meta_validator(version)

    def validate_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        key = (schema_validator, json.dumps(schema_value, sort_keys=True, default=repr))
        if key not in _META_CHECKS:
            if len(_META_CHECKS) > 50_000:
                _META_CHECKS.clear()
            own_dialect = isinstance(schema_value, dict) and "$schema" in schema_value
            if fast is not None and not own_dialect and fast.is_valid(schema_value):
                _META_CHECKS[key] = None
            else:
                _META_CHECKS[key] = schema_validator._validate_schema_meta(
                    self, schema, schema_value
                )
        return _META_CHECKS[key]

    return type(
        f"Remembering{schema_validator.__name__}",
        (schema_validator,),
        {"_validate_schema_meta": validate_meta},
    )


def _fast_meta_validator(version: str) -> Any:
    """``jsonschema-rs`` compiled with the meta-schema the library checks Schema Objects with."""
    from openapi_schema_validator import OAS30Validator, OAS31Validator, OAS32Validator
    from openapi_schema_validator._specifications import REGISTRY

    meta_schema = {"3.2.0": OAS32Validator, "3.1.0": OAS31Validator}.get(
        version, OAS30Validator
    ).META_SCHEMA
    try:
        registry = jsonschema_rs.Registry([(uri, REGISTRY.contents(uri)) for uri in REGISTRY])
        return jsonschema_rs.validator_for(
            meta_schema, registry=registry, retriever=_refuse, validate_formats=True
        )
    except (ValueError, TypeError, jsonschema_rs.ReferencingError):  # pragma: no cover
        return None  # the library alone then: slower, same verdicts


def _openapi_problems(version: str, document: dict[str, Any]) -> list[str]:
    if document.get("openapi") != version:
        return [f"/openapi: {document.get('openapi')!r} is not {version!r}"]
    validator = _openapi_validator_class(version)(document)
    problems = []
    try:
        for error in validator.iter_errors():
            path = "/" + "/".join(
                str(p).replace("~", "~0").replace("/", "~1")
                for p in getattr(error, "path", ()) or ()
            )
            message = str(error.message).split("\n", 1)[0]
            problems.append(f"{path}: {message}"[: _MAX_MESSAGE + 40])
            if len(problems) == MAX_PROBLEMS:
                break
    except Exception as exc:  # e.g. a $ref the refusing handlers would not fetch
        problems.append(f"/: the validator stopped: {exc}")
    return problems
