"""Parse JSON Schemas: JSON, the metaschema of their draft, and ``$ref``s resolved offline.

A JSON Schema is checked against the metaschema of the draft its ``$schema`` names
(draft-07 when absent or unknown, as Confluent assumes). Valid schemas take the fast path, a
jsonschema-rs validator of the metaschema built once per draft (draft 4 to 2020-12); only an
invalid one, or one the fast path cannot take, goes through jsonschema, whose errors say
where. Regular expressions are not compiled at this step: JSON Schema patterns are ECMA-262
and Python's ``re`` would refuse valid ones.

Every ``$ref`` must resolve without the network: ``#/...`` pointers inside the document, or
a referenced schema named by the version's ``references`` (by its reference name, or by its
``$id``). A URL that is neither is refused with a finding; nothing is ever fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urljoin

import jsonschema
import jsonschema.exceptions
import jsonschema.validators
import jsonschema_rs

from studio.registry.bounds import SchemaProblem
from studio.registry.json_pointer import MISSING, follow_pointer
from studio.registry.schema_types import Dependency, in_reference, load_json, walk_dependencies

_FAST_DRAFTS = {"draft4", "draft6", "draft7", "draft201909", "draft202012"}


@dataclass(eq=False)
class JsonDocument:
    """A parsed JSON Schema document and the referenced documents its ``$ref``s may use."""

    root: Any
    name: str = ""
    base: str = ""
    documents: dict[str, JsonDocument] = field(default_factory=dict)
    # whether any $ref occurs: without one, equal nodes mean equal schemas (a fast path)
    has_refs: bool = True

    @property
    def title(self) -> str:
        title = self.root.get("title") if isinstance(self.root, dict) else None
        return title if isinstance(title, str) and title else "$"

    def find(self, uri: str) -> JsonDocument | None:
        """The document a ``$ref`` URI (without fragment) names, if it is known here."""
        for candidate in (uri, urljoin(self.base, uri) if self.base else uri):
            if candidate in ("", self.base):
                return self
            if candidate in self.documents:
                return self.documents[candidate]
        return None

    def resolve(self, ref: str) -> tuple[JsonDocument, Any]:
        """The document and node ``ref`` points at; SchemaProblem when it points nowhere."""
        uri, _, fragment = ref.partition("#")
        target = self.find(uri)
        if target is None:
            if "://" in uri or uri.startswith("//"):
                raise SchemaProblem(
                    f"$ref '{ref}' points outside the schema and is not one of "
                    "its references; Mesh Studio never fetches schemas from "
                    "the network"
                )
            raise SchemaProblem(
                f"$ref '{ref}' names '{uri}', which is not one of the schema's references"
            )
        node = (
            follow_pointer(target.root, fragment)
            if fragment.startswith("/") or not fragment
            else _anchor(target.root, fragment)
        )
        if node is MISSING:
            raise SchemaProblem(
                f"$ref '{ref}' points at nothing in "
                f"{'the schema' if target is self else repr(target.name)}"
            )
        return target, node


def _anchor(root: Any, name: str) -> Any:
    for node in iter_schemas(root):
        if node.get("$anchor") == name or node.get("$id") == "#" + name:
            return node
    return MISSING


_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples"})


def iter_schemas(root: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a document outside example data (an ``enum`` value may look like a
    ``$ref`` without being one), without recursion."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(v for k, v in node.items() if k not in _DATA_KEYWORDS)
        elif isinstance(node, list):
            stack.extend(node)


def parse_json_schema(text: str, dependencies: tuple[Dependency, ...]) -> JsonDocument:
    """The JsonDocument of ``text``; its references are parsed and checked too."""
    documents: dict[str, JsonDocument] = {}
    referenced: list[tuple[Dependency, JsonDocument]] = []
    for dependency in walk_dependencies(dependencies):
        try:
            root = _load(dependency.text)
        except SchemaProblem as problem:
            raise in_reference(dependency, problem) from None
        doc = JsonDocument(
            root, dependency.name, _id_of(root), documents, '"$ref"' in dependency.text
        )
        documents[dependency.name] = doc
        if doc.base:
            documents.setdefault(doc.base, doc)
        referenced.append((dependency, doc))
    document = JsonDocument(_load(text), "", "", documents, '"$ref"' in text)
    document.base = _id_of(document.root)
    _check_refs(document)
    for dependency, doc in referenced:  # comparisons follow their $refs too
        try:
            _check_refs(doc)
        except SchemaProblem as problem:
            raise in_reference(dependency, problem) from None
    return document


def _check_refs(document: JsonDocument) -> None:
    if document.has_refs:
        reaching: set[int] = set()  # $ref nodes already known to end at a schema
        for node in iter_schemas(document.root):
            if isinstance(node.get("$ref"), str):
                _follow(document, node, reaching)


def _follow(document: JsonDocument, node: dict[str, Any], reaching: set[int]) -> None:
    """Resolve a chain of ``$ref``s to a schema, refusing chains that loop. A chain that
    joins one already followed stops there, so a long chain costs its length once, not
    once per link."""
    path = [node]
    seen = {id(node)}
    doc, target = document.resolve(node["$ref"])
    while (
        isinstance(target, dict)
        and isinstance(target.get("$ref"), str)
        and id(target) not in reaching
    ):
        if id(target) in seen:
            raise SchemaProblem(
                f"$ref '{node['$ref']}' loops back to itself without ever reaching a schema"
            )
        seen.add(id(target))
        path.append(target)
        doc, target = doc.resolve(target["$ref"])
    reaching.update(id(n) for n in path)


def _id_of(root: Any) -> str:
    if isinstance(root, dict):
        for key in ("$id", "id"):
            if isinstance(root.get(key), str) and not root[key].startswith("#"):
                return str(root[key])
    return ""


def _load(text: str) -> Any:
    root = load_json(text)
    if not isinstance(root, (dict, bool)):
        raise SchemaProblem("is not a JSON Schema: a schema is a JSON object or a boolean")
    _check_metaschema(root)
    return root


def _check_metaschema(root: Any) -> None:
    cls = _validator_class(root)
    draft = cls.__name__.removesuffix("Validator").lower()
    if draft in _FAST_DRAFTS:
        try:
            if _fast_validator(draft).is_valid(root):
                return
        except ValueError:  # e.g. a key with a lone surrogate, which Rust strings cannot hold
            pass
        # not valid (or not for the fast path): jsonschema decides and words it below
    error = jsonschema.exceptions.best_match(cls(cls.META_SCHEMA).iter_errors(root))
    if error is None:
        return
    where = ".".join(str(p) for p in error.absolute_path) or None
    raise SchemaProblem(f"is not a valid JSON Schema ({draft}): {error.message}", where)


def _validator_class(root: Any) -> Any:
    default = jsonschema.validators.Draft7Validator
    if not isinstance(root, dict) or not isinstance(root.get("$schema"), str):
        return default
    return jsonschema.validators.validator_for(root, default=default)


@cache
def _fast_validator(draft: str) -> Any:
    cls = getattr(jsonschema.validators, draft.capitalize() + "Validator")
    # validate_formats=False, as jsonschema without a format checker: the metaschemas' "regex"
    # and "uri" formats are annotations here. The drafts' metaschemas are built into
    # jsonschema-rs, so nothing is retrieved; the retriever makes sure of it.
    return getattr(jsonschema_rs, cls.__name__)(
        cls.META_SCHEMA, validate_formats=False, retriever=_refuse
    )


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri} is not fetched: Mesh Studio never uses the network")
