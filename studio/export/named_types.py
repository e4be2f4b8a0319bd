"""Named types in a converted schema: inlined where they are used once, else in ``$defs``.

The Avro and Protobuf converters meet named types (records, enums, fixed, messages) that a
schema may use many times, or inside themselves. Each use starts as a ``$ref`` to the type's
definition and is remembered; once the whole schema is converted, a type used exactly once
takes the place of its one use, and the others stay in ``$defs`` under their full name.
"""

from __future__ import annotations

from typing import Any

JsonSchema = dict[str, Any]


class NamedTypes:
    """The definitions of named types met so far, and every place each is used."""

    def __init__(self) -> None:
        self.defs: dict[str, JsonSchema] = {}
        self.sites: dict[str, list[JsonSchema]] = {}

    def site(self, fullname: str) -> JsonSchema:
        """A new use of ``fullname``: a ``$ref`` to its definition, remembered."""
        site: JsonSchema = {"$ref": f"#/$defs/{fullname}"}
        self.sites.setdefault(fullname, []).append(site)
        return site

    def finish(self, root: JsonSchema) -> JsonSchema:
        """``root`` with the types used once inlined; the others in its ``$defs``."""
        kept: dict[str, JsonSchema] = {}
        for fullname, body in self.defs.items():
            sites = self.sites.get(fullname, [])
            if len(sites) == 1:
                site = sites[0]
                # a field's doc or default sits beside the $ref and wins over the type's own
                extra = {k: v for k, v in site.items() if k != "$ref"}
                site.clear()
                site.update(body)
                site.update(extra)
            else:
                kept[fullname] = body
        if kept:
            root = dict(root)
            root["$defs"] = {name: kept[name] for name in sorted(kept)}
        return root
