"""Protobuf examples from the proto3 JSON mapping to the form AsyncAPI's Protobuf parser checks."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from studio.export.protobuf_examples import ExampleNotExpressible, parser_example
from studio.export.protobuf_text import self_contained
from tests.export.mini import MONEY_PROTO, SHIPMENT_PROTO

EVENT = textwrap.dedent("""\
    syntax = "proto3";
    package acme.test.v1;
    import "google/protobuf/duration.proto";
    import "google/protobuf/field_mask.proto";
    import "google/protobuf/wrappers.proto";
    import "google/protobuf/struct.proto";

    message Event {
      string id = 1;
      int64 sequence = 2;
      uint64 big = 3;
      int32 count = 4;
      double ratio = 5;
      bool done = 6;
      bytes blob = 7;
      Level level = 8;
      repeated string tags = 9;
      optional string note = 10;
      oneof target {
        string user_id = 11;
        int32 group_id = 12;
      }
      string display_name = 13 [json_name = "label"];
      fixed64 checksum = 14;
      optional google.protobuf.Duration timeout = 15;
      optional google.protobuf.FieldMask mask = 16;
      optional google.protobuf.Int64Value limit = 17;
      Node tree = 18;
      // @Required
      string code = 19;
    }

    enum Level {
      LEVEL_UNSPECIFIED = 0;
      LEVEL_HIGH = 1;
    }

    message Node {
      string name = 1;
      Node child = 2;
    }
    """)
FULL: dict[str, Any] = {"tree": {"name": "a", "child": {"name": "b", "child": {"name": "c"}}}}


def test_proto_names_and_the_defaults_of_absent_proto3_fields() -> None:
    assert parser_example(EVENT, {"label": "Shown", **FULL}) == {
        "id": "",
        "sequence": 0,
        "big": 0,
        "count": 0,
        "ratio": 0,
        "done": False,
        "blob": "",
        "level": "LEVEL_UNSPECIFIED",
        "tags": [],
        "display_name": "Shown",
        "checksum": 0,
        # below the second Node the parser describes any object: nothing more is required
        "tree": {"name": "a", "child": {"name": "b", "child": {"name": "c"}}},
        "code": "",
    }


def test_values_take_the_form_the_parser_checks() -> None:
    example = {
        "id": "E-1",
        "sequence": "-42",
        "big": "9007199254740991",
        "count": 3.0,
        "ratio": "0.5",
        "done": True,
        "blob": "aGk=",
        "level": 1,
        "tags": ["x"],
        "note": "kept",
        "groupId": 7,
        "display_name": "by proto name",
        "checksum": "5",
        "timeout": "-1.5s",
        "mask": "user.displayName,id",
        "limit": "12",
        "code": "C",
        **FULL,
    }
    written = parser_example(EVENT, example)
    assert written == {
        "id": "E-1",
        "sequence": -42,
        "big": 9007199254740991,
        "count": 3,
        "ratio": 0.5,
        "done": True,
        "blob": "aGk=",
        "level": "LEVEL_HIGH",
        "tags": ["x"],
        "note": "kept",
        # a oneof field keeps its own name; the parser does not require one of them
        "group_id": 7,
        "display_name": "by proto name",
        "checksum": 5,
        "timeout": {"seconds": -1, "nanos": -500000000},
        "mask": {"paths": ["user.display_name", "id"]},
        "limit": {"value": 12},
        "tree": FULL["tree"],
        "code": "C",
    }
    assert example["sequence"] == "-42"  # the design's example is not touched


@pytest.mark.parametrize(
    ("example", "reason"),
    [
        (
            {"big": "18446744073709551615"},
            "'big' is 18446744073709551615, outside the range the "
            "parser allows for uint64 (0 to 9007199254740991)",
        ),
        ({"ratio": "NaN"}, "'ratio' is NaN, which JSON numbers cannot express"),
        ({"level": 7}, "'level' is 7, which is not a value of Level"),
        ({"unknown": 1}, "'unknown' is not a field of Event"),
        (
            {"tree": {"name": "a"}},
            "'tree.child' is unset, and the parser requires the message field to be set",
        ),
        ({}, "'tree' is unset, and the parser requires the message field to be set"),
        ({"blob": "not base64!", **FULL}, "'blob' is not base64"),
    ],
)
def test_what_the_parser_cannot_read_truthfully_is_refused(example: dict, reason: str) -> None:
    with pytest.raises(ExampleNotExpressible) as raised:
        parser_example(EVENT, example)
    assert str(raised.value) == reason


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        (
            "map<string, int32> counts = 1;",
            {"counts": {"a": 1}},
            "'counts' is a map, which the parser reads as a single value of the map's value type",
        ),
        (
            "map<string, int32> counts = 1;",
            {},
            "'counts' is a map, which the parser reads as a single value of the map's value type",
        ),
        (
            "google.protobuf.Struct extra = 1;",
            {"extra": {"a": 1}},
            "'extra' is a google.protobuf.Struct, which the parser reads by fields the JSON form "
            "does "
            "not show",
        ),
    ],
)
def test_maps_and_structs_cannot_be_written(field: str, value: dict, reason: str) -> None:
    text = f'syntax = "proto3";\nimport "google/protobuf/struct.proto";\nmessage M {{ {field} }}'
    with pytest.raises(ExampleNotExpressible) as raised:
        parser_example(text, value)
    assert str(raised.value) == reason


def test_proto2_fills_only_required_fields() -> None:
    text = (
        'syntax = "proto2";\nmessage M { required int64 id = 1; optional string name = 2; '
        "repeated int32 ids = 3; }"
    )
    assert parser_example(text, {}) == {"id": 0}
    assert parser_example(text, {"id": "7", "name": "n"}) == {"id": 7, "name": "n"}


def test_examples_of_an_inlined_text() -> None:
    text = self_contained(SHIPMENT_PROTO, {"acme/common/money.proto": MONEY_PROTO})
    example = {
        "shipmentId": "S-1",
        "cost": {"currencyCode": "EUR", "units": "1250"},
        "insured": {},
        "sentAt": "2026-03-01T12:30:00+01:00",
        "parcels": ["P-1"],
    }
    assert parser_example(text, example) == {
        "shipment_id": "S-1",
        "cost": {"currency_code": "EUR", "units": 1250},
        "insured": {"currency_code": "", "units": 0},
        "sent_at": {"seconds": 1772364600, "nanos": 0},
        "parcels": ["P-1"],
        "mode": "MODE_UNSPECIFIED",
    }
