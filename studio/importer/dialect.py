"""OpenAPI 3.0 Schema Objects back into JSON Schema, the dialect designs write.

3.0 has its own subset: ``nullable`` beside a ``type``, boolean ``exclusiveMinimum`` beside
``minimum``, one ``example``, ``format: byte`` for base64, and a ``$ref`` that ignores its
siblings (so tools wrap it in an ``allOf``). Each becomes its JSON Schema form, the reverse of
what the export writes for 3.0.3; everything else is the same in both.
"""

from __future__ import annotations

from typing import Any

from studio.export.dialects import map_schema

JsonSchema = dict[str, Any]


def from_openapi30(schema: Any) -> Any:
    """``schema`` (an OpenAPI 3.0 Schema Object) as JSON Schema."""
    return map_schema(schema, _node)


def _node(node: JsonSchema) -> JsonSchema:
    node = dict(node)
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if node.get(exclusive) is True and bound in node:
            node[exclusive] = node.pop(bound)
        elif node.get(exclusive) is False:
            del node[exclusive]
    if "example" in node:
        node["examples"] = [node.pop("example")]
    if node.get("format") == "byte" and node.get("type") == "string":
        del node["format"]
        node["contentEncoding"] = "base64"
    branches = node.get("allOf")
    if (
        isinstance(branches, list)
        and len(branches) == 1
        and "$ref" in branches[0]
        and "$ref" not in node
    ):
        node = {"$ref": branches[0]["$ref"], **{k: v for k, v in node.items() if k != "allOf"}}
    if node.pop("nullable", False) is not True:
        return node
    if node.get("enum") == [None]:
        return {"type": "null"}  # the branch that stands for null alone
    kind = node.get("type")
    if isinstance(kind, str):
        node["type"] = [kind, "null"]
        return node
    return {"anyOf": [node, {"type": "null"}]}
