"""What every schema format shares: a resolved reference, a parsed schema, the error.

``studio.registry.schemas`` resolves a version's references into ``Dependency`` values and
hands them to the parser of its format (``avro_format``, ``json_format``,
``protobuf_format``); each parser walks them with ``walk_dependencies``, reads JSON text with
``load_json`` and words a reference's problem with ``in_reference``. They live here, apart
from both, so the dispatcher imports the parsers and the parsers import these, with no
import cycle between them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studio.errors import MeshStudioError
from studio.registry.bounds import SchemaProblem


class SchemaError(MeshStudioError):
    """A schema that cannot be used: it does not parse, or a reference cannot be resolved.

    ``subject`` and ``version`` say which schema (``version`` is None for a candidate that is
    not registered yet, with ``candidate`` set, or for a whole subject), ``where`` the place
    inside it when known, and ``reference`` the index of the reference at fault when the
    problem is a reference rather than the text.
    """

    def __init__(
        self,
        subject: str,
        version: int | None,
        message: str,
        where: str | None = None,
        reference: int | None = None,
        candidate: bool = False,
    ) -> None:
        self.subject, self.version, self.message = subject, version, message
        self.where, self.reference, self.candidate = where, reference, candidate
        label = f" v{version}" if version is not None else " candidate" if candidate else ""
        place = f" ({where})" if where else ""
        super().__init__(f"subject '{subject}'{label}: {message}{place}")


@dataclass(frozen=True, slots=True)
class Dependency:
    """A referenced schema, resolved: its import name, where it lives, its text and its own."""

    name: str
    subject: str
    version: int
    schema_type: str
    text: str
    dependencies: tuple[Dependency, ...] = ()


@dataclass(frozen=True, eq=False, slots=True)
class ParsedSchema:
    """A schema understood in its format.

    ``model`` is an ``avro.schema.Schema`` (AVRO), a ``studio.registry.json_format.JsonDocument``
    (JSON) or a ``studio.registry.protobuf_format.ProtoSchema`` (PROTOBUF). Parsed schemas are
    shared through the cache: treat them as read-only.
    """

    schema_type: str
    model: Any


def walk_dependencies(dependencies: Sequence[Dependency]) -> list[Dependency]:
    """Every dependency once, each after the ones it depends on (the order parsers need)."""
    seen: set[tuple[str, int]] = set()
    ordered: list[Dependency] = []
    stack: list[tuple[Dependency, bool]] = [(d, False) for d in reversed(dependencies)]
    while stack:
        dependency, expanded = stack.pop()
        key = (dependency.subject, dependency.version)
        if expanded:
            if key not in seen:
                seen.add(key)
                ordered.append(dependency)
            continue
        if key in seen:
            continue
        stack.append((dependency, True))
        stack.extend((d, False) for d in reversed(dependency.dependencies))
    return ordered


def in_reference(dependency: Dependency, problem: SchemaProblem) -> SchemaProblem:
    """``problem`` of a referenced schema, reworded as a problem of the schema referencing it."""
    return SchemaProblem(
        f"its reference '{dependency.name}' ({dependency.subject} "
        f"v{dependency.version}) does not parse: {problem.message}",
        problem.where,
    )


def load_json(text: str) -> Any:
    """The JSON value of a schema text (Avro and JSON Schema are JSON); SchemaProblem, located,
    when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaProblem(
            f"is not JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}"
        ) from None
