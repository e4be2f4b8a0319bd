"""Following the JSON pointer in a ``$ref``'s fragment to the node it names.

A fragment is part of a URI, so each step is percent-decoded (``a%20b`` is the key ``a b``)
before the pointer's own escapes (``~1`` for ``/``, ``~0`` for ``~``) are undone, as RFC 6901
says and as the AsyncAPI parser and JSON Schema validators read it. The registry's JSON Schema
reader and the export's check of its own documents both follow references this way, so
neither accepts a reference the tools reject, or the other way round.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

# where a pointer to nothing leads (None cannot say it: null is a JSON value)
MISSING: Any = object()


def follow_pointer(root: Any, fragment: str) -> Any:
    """The node ``fragment`` (``/a/0/b~1c``; empty for the root) names inside ``root``, or
    ``MISSING``."""
    node = root
    for raw in fragment.split("/")[1:]:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return MISSING
    return node
