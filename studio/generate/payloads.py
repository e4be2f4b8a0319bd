"""What a generated message carries: the payload fields it starts with, the fields its later
schema versions add, the shared Protobuf types it may import, and the examples it shows.

A ``SchemaPlan`` holds the facts of one message's schema history that the design model does
not (its format, level and fields); ``subjects`` turns plans into registry subjects.
Histories only ever add fields with defaults (Avro), optional properties to a closed model (JSON
Schema) or fields with new numbers (Protobuf), so every subject obeys its level and every pinned
older reader can still read what producers write.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, NamedTuple

from studio.model import Version

Data = dict[str, Any]

VERSIONS = 5  # versions of every value subject


@dataclass(frozen=True)
class Field:
    """One payload field; ``kind`` is rendered per schema format, ``default`` used once added."""

    name: str
    kind: str
    example: Any
    default: Any = None
    symbols: tuple[str, ...] = ()


BASE_FIELDS = (
    Field("name", "string", "Northwind Traders"),
    Field("status", "enum", "ACTIVE", symbols=("ACTIVE", "INACTIVE", "PENDING")),
    Field("quantity", "int", 12),
    Field("amount", "double", 249.9),
    Field("currency", "string", "EUR"),
    Field("region", "string", "emea"),
    Field("active", "boolean", True),
    Field("source", "string", "erp"),
    Field("reference", "string", "REF-20260101-0001"),
    Field("score", "double", 0.82),
    Field("count", "int", 3),
    Field("email", "string", "ops@example.com"),
    Field("country", "string", "DE"),
    Field("unit", "string", "pcs"),
)
ADDED_FIELDS = (
    Field("channel", "nullable", "web"),
    Field("priority", "int", 2, 0),
    Field("tags", "strings", ["priority"], []),
    Field("correlationId", "nullable", "c0ffee-42"),
    Field("tenant", "string", "acme", "acme"),
    Field("retryCount", "int", 1, 0),
    Field("flagged", "boolean", False, False),
    Field("locale", "string", "de-DE", "en-GB"),
    Field("comment", "nullable", "checked"),
    Field("origin", "enum", "WEB", "UNKNOWN", ("UNKNOWN", "WEB", "STORE", "PARTNER")),
    Field("weight", "double", 1.5, 0.0),
    Field("externalRef", "nullable", "EXT-9921"),
    Field("batchSize", "int", 10, 1),
    Field("updatedBy", "nullable", "system"),
)


class Common(NamedTuple):
    """A shared Protobuf type, imported through a registry reference."""

    field: Field
    path: str  # the import path, also the name of its subject
    body: str  # the proto text after the package line


COMMON = {
    "money": Common(
        Field("total", "acme.common.Money", {"currencyCode": "EUR", "amount": "249.90"}),
        "acme/common/money.proto",
        'message Money {\n  string currency_code = 1;\n  // Decimal string, e.g. "12.50".\n'
        "  string amount = 2;\n}",
    ),
    "address": Common(
        Field(
            "shipTo",
            "acme.common.Address",
            {"street": "Hauptstr. 1", "city": "Berlin", "postalCode": "10115", "countryCode": "DE"},
        ),
        "acme/common/address.proto",
        "message Address {\n  string street = 1;\n  string city = 2;\n"
        "  string postal_code = 3;\n  string country_code = 4;\n}",
    ),
}


@dataclass(frozen=True)
class SchemaPlan:
    """The schema history of one message: ``fields`` are version 1, each later version adds the
    next of ``added``; ``commons`` are the shared types it imports (Protobuf only); ``level`` is
    the compatibility level the history obeys."""

    domain: str
    entity: str
    schema_type: str
    fields: tuple[Field, ...]
    added: tuple[Field, ...]
    commons: tuple[str, ...]
    level: str

    def fields_at(self, version: int) -> tuple[Field, ...]:
        return self.fields + self.added[: version - 1]


def written_version(version: Version) -> int:
    """The schema version a producer on ``version`` writes."""
    return VERSIONS if version == "latest" else int(version)


def example(plan: SchemaPlan, version: Version) -> Data:
    """An example payload with the fields up to the producer's version: valid there and, as
    later versions only add optional fields, against the latest too."""
    # Deep copies: shared objects would become YAML aliases, and edits would leak across messages.
    return {f.name: copy.deepcopy(f.example) for f in plan.fields_at(written_version(version))}
