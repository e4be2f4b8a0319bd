"""Check loaded data against a bundled JSON Schema and word the first problem for a person.

Valid files take the fast path: the schema compiled by jsonschema-rs checks a 5,000-element
design in about 4 ms, some 300 times faster than jsonschema. Only an invalid file goes through
jsonschema, whose errors carry the schema context needed to word the problem for a person.

jsonschema's messages are written for schema authors ("Additional properties are not
allowed ('kidn' was unexpected)"); users of a design file need the place and the fix. This
module picks the problem that comes first in the file and rewrites the common cases.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from jsonschema.exceptions import ValidationError

from studio.errors import LoadError
from studio.io.yaml_source import SourceMap
from studio.resources import resource_path

ID_PATTERN = "^[a-z][a-z0-9_.-]{0,63}$"
_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


@cache
def _schema(schema_name: str) -> dict[str, Any]:
    return json.loads(resource_path("schemas", schema_name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def validator_for(schema_name: str) -> jsonschema.protocols.Validator:
    """The jsonschema validator for ``resources/schemas/<schema_name>`` (built once)."""
    schema = _schema(schema_name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)  # type: ignore[no-any-return]


@cache
def _fast_validator(schema_name: str) -> Any:
    # no format checks, as jsonschema without a format checker; the bundled schemas are
    # self-contained, so the retriever is never called
    return jsonschema_rs.validator_for(
        _schema(schema_name), validate_formats=False, retriever=_refuse
    )


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri} is not fetched: Mesh Studio never uses the network")


def is_valid(data: Any, schema_name: str) -> bool:
    """Whether ``data`` passes the schema (the fast engine's word: ``check_structure`` words
    what does not)."""
    try:
        return bool(_fast_validator(schema_name).is_valid(data))
    except ValueError:  # text Rust cannot hold: check_structure asks jsonschema
        return False


def check_structure(data: Any, schema_name: str, source: SourceMap) -> None:
    """Raise a LoadError for the first place (in file order) where ``data`` breaks the schema."""
    fast = _fast_validator(schema_name)
    try:
        if fast.is_valid(data):
            return
    except ValueError:  # text Rust cannot hold (a lone surrogate): jsonschema alone decides
        fast = None
    errors = list(validator_for(schema_name).iter_errors(data))
    if not errors:  # the engines disagree: a pattern's "$" before a final newline, which
        # Python's re accepts and ECMA-262 does not, is still refused in the fast engine's words
        for fast_error in fast.iter_errors(data) if fast else ():
            path = tuple(fast_error.instance_path)
            if _is_non_finite(_value_at(data, path)):  # jsonschema-rs reads NaN as null
                continue
            mark = source.mark(path)
            where = describe_path(path)
            raise LoadError(
                Path(source.path),
                f"{where}: {fast_error.message}" if where else fast_error.message,
                mark.line,
                mark.column,
            )
        return
    first = min(errors, key=lambda e: _position(e, source))
    while first.validator in ("oneOf", "anyOf") and first.context:
        deepest = max(first.context, key=lambda e: len(e.relative_path))
        if not deepest.relative_path:  # alternatives for the same value: say what fits
            break
        first = deepest
    path = tuple(first.absolute_path)
    extra = _unknown_keys(first)
    mark = source.mark((*path, extra[0]) if extra else path)
    where = describe_path(path)
    message = _sentence(first)
    raise LoadError(
        Path(source.path), f"{where}: {message}" if where else message, mark.line, mark.column
    )


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _is_non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _position(error: ValidationError, source: SourceMap) -> tuple[int, int, int]:
    mark = source.mark(tuple(error.absolute_path))
    return (mark.line, mark.column, -len(error.absolute_path))


def describe_path(path: tuple[Any, ...]) -> str:
    """``('applications', 2, 'kind')`` -> ``applications[2].kind``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unknown_keys(error: ValidationError) -> list[str]:
    """The keys an ``additionalProperties: false`` error is about (to point at the first)."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    allowed = set(error.schema.get("properties", {}))
    extensible = _takes_extensions(error.schema)
    return [
        k
        for k in error.instance
        if k not in allowed and not (extensible and str(k).startswith("x-"))
    ]


def _takes_extensions(schema: dict[str, Any]) -> bool:
    """Whether a mapping keeps ``x-`` keys (a few small ones, such as a view's filters,
    have no place for them)."""
    return "^x-" in schema.get("patternProperties", {})


def _sentence(error: ValidationError) -> str:
    v, instance, expected = error.validator, error.instance, error.validator_value
    if v == "additionalProperties" and isinstance(instance, dict):
        allowed = set(error.schema.get("properties", {}))
        names = ", ".join(f"'{k}'" for k in _unknown_keys(error))
        known = ", ".join(sorted(allowed))
        extensions = " (or an 'x-' extension key)" if _takes_extensions(error.schema) else ""
        return (
            f"unknown key {names}; expected one of {known}{extensions}"
            if allowed
            else f"unknown key {names}"
        )
    if v == "required":
        missing = [k for k in expected if k not in instance]
        return f"missing required key '{missing[0]}'"
    if v == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        return (
            f"expected {' or '.join(_TYPE_NAMES.get(t) or str(t) for t in wanted)}, "
            f"got {_kind_of(instance)}"
        )
    if v == "enum":
        return f"{_show(instance)} is not one of: {', '.join(map(str, expected))}"
    if v == "const":
        return f"{_show(instance)} is not supported here; expected {_show(expected)}"
    if v == "pattern" and expected == ID_PATTERN:
        return (
            f"{_show(instance)} is not a valid id: use a lowercase letter, then lowercase "
            "letters, digits, '_', '.' or '-', at most 64 characters"
        )
    if v == "pattern" and expected == "^/":
        return f"{_show(instance)} must start with '/'"
    if v == "not" and list(error.absolute_path)[-1:] == ["registry"]:
        return (
            f"{_show(instance)} must be a path relative to the design file, not absolute or a URL"
        )
    if v in ("oneOf", "anyOf") and error.context:
        options = " or ".join(dict.fromkeys(_expected_by(e) for e in error.context))
        return f"{_show(instance)} is not valid here; expected {options}"
    if v == "minLength" and expected == 1:
        return "must not be empty"
    if v == "minimum":
        return f"{_show(instance)} is below the minimum {expected}"
    return error.message


def _expected_by(error: ValidationError) -> str:
    """What one alternative of a oneOf wanted, in words."""
    if error.validator == "type":
        wanted = error.validator_value
        return _TYPE_NAMES.get(wanted, str(wanted)) if isinstance(wanted, str) else "a value"
    if error.validator == "const":
        return _show(error.validator_value)
    if error.validator in ("required", "additionalProperties"):
        return "a mapping with " + ", ".join(f"'{k}'" for k in error.schema.get("properties", {}))
    return error.message


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"text {_show(value)}"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
