"""Where a JSON Schema holds subschemas: the keywords whose value is a schema, not data.

Every walk over a schema (flattening its definitions, rewriting it for a dialect, renaming its
references) must step into the same places and never into data such as ``enum``, ``const``,
``default`` or ``examples``, which may look like schemas. A keyword's value is one subschema,
a list of them, or a map of named ones; ``items`` is either, by the draft. ``contentSchema``
describes a string's decoded content, and a ``$ref`` in it is a reference like any other.
"""

from __future__ import annotations

SUBSCHEMA = frozenset(
    (
        "additionalProperties",
        "additionalItems",
        "contains",
        "contentSchema",
        "propertyNames",
        "not",
        "if",
        "then",
        "else",
        "unevaluatedItems",
        "unevaluatedProperties",
        "items",
    )
)
SUBSCHEMA_LISTS = frozenset(("allOf", "anyOf", "oneOf", "prefixItems", "items"))
SUBSCHEMA_MAPS = frozenset(("properties", "patternProperties", "dependentSchemas", "dependencies"))
