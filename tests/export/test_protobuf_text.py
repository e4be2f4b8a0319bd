"""One self-contained .proto text per Protobuf payload, as AsyncAPI's Protobuf parser reads it."""

from __future__ import annotations

import textwrap

import pytest

from studio.export.protobuf_json import parse_proto
from studio.export.protobuf_text import ProtobufInlineError, root_candidates, self_contained
from tests.export.mini import MONEY_PROTO, SHIPMENT_PROTO


def proto(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def test_a_text_without_imports_whose_payload_the_parser_finds_is_kept_byte_for_byte() -> None:
    assert self_contained(MONEY_PROTO) is not None
    assert self_contained(MONEY_PROTO) == MONEY_PROTO
    with_well_known = proto("""\
        syntax = "proto3";
        import "google/protobuf/timestamp.proto";
        message A { google.protobuf.Timestamp at = 1; B b = 2; }
        message B { string x = 1; }
        """)
    assert self_contained(with_well_known) == with_well_known


def test_imported_types_move_into_the_package_under_their_own_names() -> None:
    text = self_contained(SHIPMENT_PROTO, {"acme/common/money.proto": MONEY_PROTO})
    assert text == proto("""\
        syntax = "proto3";

        package acme.ship.v1;

        import "google/protobuf/timestamp.proto";

        // A shipment left the warehouse.
        message Shipment {
          string shipment_id = 1;
          Money cost = 2;
          Money insured = 3;
          google.protobuf.Timestamp sent_at = 4;
          repeated string parcels = 5;
          Mode mode = 6;
        }

        enum Mode {
          MODE_UNSPECIFIED = 0;
          MODE_ROAD = 1;
        }

        message Money {
          string currency_code = 1;
          int64 units = 2;
        }
        """)
    # the parser takes the first message as the payload: Money is used by it
    names = [name for name, _, _ in root_candidates(parse_proto(text))]
    assert names == ["acme.ship.v1.Shipment"]


ORDER = proto("""\
    syntax = "proto3";
    package acme.shop.v1;
    import "acme/common/money.proto";
    import "acme/common/status.proto";

    message Order {
      Money local = 1;
      acme.common.Money total = 2;
      .acme.common.Money.Cents cents = 3;
      map<string, common.Money> by_line = 4 [deprecated = true];
      Status status = 5;
    }

    // Only for the shop's own bookkeeping.
    message Money { int64 units = 1; }
    """)
COMMON_MONEY = proto("""\
    syntax = "proto3";
    package acme.common;
    import "acme/common/rates.proto";
    import "google/protobuf/duration.proto";
    option java_package = "com.acme.common";
    option optimize_for = SPEED;

    // An amount in a currency.
    message Money {
      string currency_code = 1;
      Cents cents = 2;
      Rate rate = 3;
      google.protobuf.Duration valid_for = 4;
      message Cents { int32 value = 1; }
    }

    message Unused { string why = 1; }
    """)
RATES = proto("""\
    syntax = "proto3";
    package acme.common;
    message Rate { double value = 1; }
    """)
STATUS = proto("""\
    syntax = "proto3";
    package acme.common;
    enum Status {
      STATUS_UNSPECIFIED = 0;
      STATUS_OPEN = 1 [deprecated = true];
    }
    """)
IMPORTS = {
    "acme/common/money.proto": COMMON_MONEY,
    "acme/common/rates.proto": RATES,
    "acme/common/status.proto": STATUS,
}


def test_a_clash_renames_the_imported_type_and_every_reference_follows() -> None:
    text = self_contained(ORDER, IMPORTS)
    assert text == proto("""\
        syntax = "proto3";

        package acme.shop.v1;

        import "google/protobuf/duration.proto";

        message Order {
          Money local = 1;
          AcmeCommonMoney total = 2;
          AcmeCommonMoney.Cents cents = 3;
          map<string, AcmeCommonMoney> by_line = 4 [deprecated = true];
          Status status = 5;
        }

        // Only for the shop's own bookkeeping.
        message Money {
          int64 units = 1;
        }

        // An amount in a currency.
        message AcmeCommonMoney {
          string currency_code = 1;
          Cents cents = 2;
          Rate rate = 3;
          google.protobuf.Duration valid_for = 4;
          message Cents {
            int32 value = 1;
          }
        }

        enum Status {
          STATUS_UNSPECIFIED = 0;
          STATUS_OPEN = 1 [deprecated = true];
        }

        message Rate {
          double value = 1;
        }
        """)
    # what is not used (Unused) stays out; the file options of imports are theirs alone
    assert "Unused" not in text and "java_package" not in text


def test_the_payload_is_marked_when_the_parser_would_not_find_it() -> None:
    # Extra is used by nobody and Inner by a qualified name: three candidates without a mark
    text = proto("""\
        syntax = "proto3";
        package p;
        import "q.proto";
        message Event {
          Event.Inner inner = 1;
          q.Thing thing = 2;
          message Inner { string s = 1; }
        }
        message Extra { Event parent = 1; }
        """)
    inlined = self_contained(
        text, {"q.proto": 'syntax = "proto3";\npackage q;\nmessage Thing { string id = 1; }\n'}
    )
    assert "// @RootNode\nmessage Event {" in inlined
    # a use of the payload by its short name would make the parser pass it over
    assert "  .p.Event parent = 1;" in inlined
    candidates = root_candidates(parse_proto(inlined))
    marked = [name for name, _, comment in candidates if comment and "@RootNode" in comment]
    assert marked == ["p.Event"]


def test_file_options_with_identifiers_are_printed_as_identifiers() -> None:
    text = proto("""\
        syntax = "proto3";
        package p;
        import "q.proto";
        option optimize_for = SPEED;
        option java_package = "com.p";
        message Event { q.Thing thing = 1; }
        """)
    inlined = self_contained(
        text, {"q.proto": 'syntax = "proto3";\npackage q;\nmessage Thing { string id = 1; }\n'}
    )
    assert 'option optimize_for = SPEED;\noption java_package = "com.p";\n' in inlined
    assert "  Thing thing = 1;\n" in inlined


@pytest.mark.parametrize(
    ("text", "imports", "reason"),
    [
        (
            'syntax = "proto3";\nimport "elsewhere.proto";\nmessage A { string a = 1; }',
            {},
            "the import 'elsewhere.proto' is neither among the schema's registry references nor "
            "bundled with the parser",
        ),
        (
            'syntax = "proto3";\nimport "b.proto";\nmessage A { B b = 1; }',
            {"b.proto": 'syntax = "proto2";\nmessage B { optional string b = 1; }'},
            "an import is written in proto2, the schema in proto3, and one text has one syntax",
        ),
        (
            'syntax = "proto3";\nimport "b.proto";\nmessage A { Missing m = 1; }',
            {"b.proto": 'syntax = "proto3";\nmessage B { string b = 1; }'},
            "the type 'Missing' is not defined in the schema or its imports",
        ),
        (
            'syntax = "proto3";\nimport "b.proto";\nmessage A { q.E e = 1; }\nenum F { X = 0; }',
            {"b.proto": 'syntax = "proto3";\npackage q;\nenum E { X = 0; }'},
            "the values of the enum 'q.E' clash with names of the schema's package",
        ),
        (
            'syntax = "proto3";\nimport "b.proto";\nmessage A { B b = 1; }',
            {
                "b.proto": 'syntax = "proto3";\nmessage B { string b = 1; }\n'
                "extend B { string more = 2; }"
            },
            "an import defines extensions or services",
        ),
    ],
)
def test_what_cannot_be_one_text_says_why(text: str, imports: dict[str, str], reason: str) -> None:
    with pytest.raises(ProtobufInlineError) as raised:
        self_contained(text, imports)
    assert str(raised.value) == reason


def test_a_text_that_does_not_parse_cannot_be_inlined() -> None:
    with pytest.raises(ProtobufInlineError, match="it does not parse"):
        self_contained('syntax = "proto3";\nimport "b.proto";\nmessage {')
