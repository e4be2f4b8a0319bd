"""Avro examples judged as AsyncAPI 2.6's Avro schema parser judges them.

The cases are (name, Avro schema, example, rejected?). ``test_official_parser_generated`` feeds
every case to the real parser as a 2.6 document and requires the same verdict, so the reading
pinned here is the parser's, not a guess.
"""

from __future__ import annotations

import pytest

from studio.export.avro_examples import parser_rejection, parser_schema
from tests.export.mini import DESIGN, edited, mini_export, notes_of

STATUS = {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}
ORDER = {
    "type": "record",
    "name": "Order",
    "namespace": "acme",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "status", "type": STATUS},
        {"name": "previous", "type": ["null", "Status"], "default": None},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "count", "type": "int", "default": 0},
    ],
}
LINE = {"type": "record", "name": "Line", "fields": [{"name": "sku", "type": "string"}]}
BASKET = {
    "type": "record",
    "name": "Basket",
    "fields": [
        {"name": "first", "type": LINE},
        {"name": "second", "type": "Line"},
        {"name": "lines", "type": {"type": "array", "items": "Line"}},
        {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 2}},
        {"name": "tag", "type": {"type": "string", "logicalType": "uuid"}},
    ],
}
BASKET_OK = {
    "first": {"sku": "a"},
    "second": {"sku": "b"},
    "lines": [1, "anything"],
    "digest": "\u00ff\u0001",
    "tag": "123e4567-e89b-12d3-a456-426614174000",
}

CASES = [
    ("full", ORDER, {"id": "O-1", "status": "NEW", "previous": "PAID", "note": "n"}, False),
    ("defaults-left-out", ORDER, {"id": "O-1", "status": "NEW"}, False),
    ("null-named-branch", ORDER, {"id": "O-1", "status": "NEW", "previous": None}, True),
    ("null-primitive-branch", ORDER, {"id": "O-1", "status": "NEW", "note": None}, False),
    ("missing-required", ORDER, {"id": "O-1"}, True),
    ("not-a-symbol", ORDER, {"id": "O-1", "status": "LOST"}, True),
    ("int-or-long", ["int", "long"], 1, True),
    ("int-out-of-range", {"type": "int"}, 2**31, True),
    ("string-or-long", ["string", "long"], "x", False),
    ("named-records", BASKET, BASKET_OK, False),
    ("named-record-required", BASKET, {k: v for k, v in BASKET_OK.items() if k != "second"}, True),
    ("fixed-size", BASKET, {**BASKET_OK, "digest": "abc"}, True),
    ("fixed-bytes", BASKET, {**BASKET_OK, "digest": "\u0100x"}, True),
    ("uuid-format", BASKET, {**BASKET_OK, "tag": "T-1"}, True),
    ("unknown-format", {"type": "string", "logicalType": "iso-datetime"}, "any", False),
]


@pytest.mark.parametrize(
    ("name", "avro", "example", "rejected"), CASES, ids=[case[0] for case in CASES]
)
def test_the_reading_of_the_parser(
    name: str, avro: object, example: object, rejected: bool
) -> None:
    assert (parser_rejection(avro, example) is not None) == rejected


def test_a_rejection_says_where_and_why() -> None:
    assert (
        parser_rejection(ORDER, {"id": "O-1", "status": "NEW", "previous": None})
        == "/previous matches several branches of its union"
    )
    assert parser_rejection(["string", "long"], 1.5) == "/ matches no branch of its union"
    assert parser_rejection(ORDER, {"id": "O-1"}) == "/: 'status' is a required property"


def test_a_named_type_is_known_by_its_own_namespace_only() -> None:
    # the enum inherits "acme" in Avro, but the parser caches it as plain "Status"
    schema = parser_schema(
        {
            **ORDER,
            "fields": [
                ORDER["fields"][1],
                {"name": "again", "type": "acme.Status"},
                {"name": "same", "type": "Status"},
            ],
        }
    )
    assert schema["properties"]["again"] == {}
    assert schema["properties"]["same"] == {"type": "string", "enum": ["NEW", "PAID"]}


def test_only_2_6_documents_leave_such_examples_out_with_a_warning() -> None:
    # the mini mesh's order example has previous: null, a null in ["null", Status]
    old = mini_export("2.6.0", "3.0.3")
    order = old.document("asyncapi/shop").data["components"]["messages"]["order"]
    assert "examples" not in order
    assert any(
        "example 1 of message 'order' is true to its Avro schema" in note
        and "/previous matches several branches of its union" in note
        for note in notes_of(old)
    )
    new = mini_export("3.0.0", "3.1.0")
    assert new.document("asyncapi/shop").data["components"]["messages"]["order"]["examples"]
    assert not any("Avro schema parser" in note for note in notes_of(new))
    fixed = mini_export("2.6.0", "3.0.3", edited(DESIGN, "previous: null}", "previous: PAID}"))
    assert fixed.document("asyncapi/shop").data["components"]["messages"]["order"]["examples"]
