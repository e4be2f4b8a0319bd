"""The AsyncAPI and OpenAPI versions the export writes, and the refusal of any other.

The first of each is the default. Builders, the export run and the validators all refuse an
unknown version with the same sentence, which the CLI and the studio show as it is.
"""

from __future__ import annotations

from collections.abc import Collection

ASYNCAPI_VERSIONS = ("3.0.0", "3.1.0", "2.6.0")
OPENAPI_VERSIONS = ("3.1.0", "3.2.0", "3.0.3")


def require_version(standard: str, version: str, supported: Collection[str]) -> None:
    """ValueError unless ``version`` of ``standard`` ("AsyncAPI", "OpenAPI") is ``supported``."""
    if version not in supported:
        raise ValueError(
            f"{standard} {version} is not supported; choose one of {', '.join(supported)}"
        )
