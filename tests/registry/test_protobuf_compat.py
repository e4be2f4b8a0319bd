"""Protobuf compatibility beyond the table: nesting, imports, maps, recursion, sentences."""

from __future__ import annotations

import pytest

from studio.registry import Registry, SchemaReference, SchemaVersion, Subject, check_versions
from tests.registry.helpers import proto, registry_of


def backward(old: str, new: str) -> list[tuple[str, str]]:
    registry = registry_of(old, new, schema_type="PROTOBUF")
    return [(i.rule, i.path) for i in check_versions(registry, "s", 1, 2, "BACKWARD")]


@pytest.mark.parametrize(
    ("old", "new", "broken"),
    [
        (
            "message O { message I { string a = 1; } I i = 1; }",
            "message O { message I { int32 a = 1; } I i = 1; }",
            [("FIELD_SCALAR_KIND_CHANGED", "O.i.a"), ("FIELD_NAMED_TYPE_CHANGED", "O.i")],
        ),
        ("message O { message I { } }", "message O { }", [("MESSAGE_REMOVED", "O.I")]),
        ("message N { N next = 1; string v = 2; }", "message N { N next = 1; string v = 2; }", []),
        (
            "message N { N next = 1; string v = 2; }",
            "message N { N next = 1; int64 v = 2; }",
            [("FIELD_SCALAR_KIND_CHANGED", "N.v")],
        ),
        (
            "message A { map<string, int32> m = 1; }",
            "message A { map<string, sint32> m = 1; }",
            [("FIELD_SCALAR_KIND_CHANGED", "A.m")],
        ),
        (
            "message A { map<string, int32> m = 1; }",
            "message A { map<int64, int32> m = 1; }",
            [("FIELD_SCALAR_KIND_CHANGED", "A.m")],
        ),
        (
            "message A { E e = 1; }\nenum E { Z = 0; }",
            "message A { int64 e = 1; }\nenum E { Z = 0; }",
            [],
        ),
        (
            "message A { E e = 1; }\nenum E { Z = 0; }",
            "message A { string e = 1; }\nenum E { Z = 0; }",
            [("FIELD_SCALAR_KIND_CHANGED", "A.e")],
        ),
        (
            'import "google/protobuf/timestamp.proto";\n'
            "message A { google.protobuf.Timestamp at = 1; }",
            'import "google/protobuf/duration.proto";\n'
            "message A { google.protobuf.Duration at = 1; }",
            [("FIELD_NAMED_TYPE_CHANGED", "A.at")],
        ),
        ("message A { oneof o { string x = 1; } }", "message A { oneof p { string x = 1; } }", []),
        (
            "message A { oneof o { string x = 1; } }",
            "message A { oneof p { int32 x = 1; } }",
            [("FIELD_SCALAR_KIND_CHANGED", "A.x")],
        ),
        (
            "message A { string x = 1; }\nmessage M { }",
            "message A { M x = 1; }\nmessage M { }",
            [("FIELD_KIND_CHANGED", "A.x")],
        ),
        (
            "message A { repeated Sub s = 1; }\nmessage Sub { }",
            "message A { Sub s = 1; }\nmessage Sub { }",
            [],
        ),
        ("message A { optional int32 a = 1; }", "message A { int32 a = 1; }", []),
    ],
)
def test_differences(old: str, new: str, broken: list[tuple[str, str]]) -> None:
    assert backward(proto(old), proto(new)) == broken


def _with_money(order_money_version: int, money_texts: list[str]) -> Registry:
    ref = (SchemaReference("money.proto", "money", order_money_version),)
    order = proto(
        'import "money.proto";\nmessage Order { acme.common.Money total = 1; }', package="acme.shop"
    )
    return Registry(
        subjects={
            "money": Subject(
                "money", [SchemaVersion(i, t, i, "PROTOBUF") for i, t in enumerate(money_texts, 1)]
            ),
            "s": Subject(
                "s",
                [
                    SchemaVersion(
                        1, order, 1, "PROTOBUF", (SchemaReference("money.proto", "money", 1),)
                    ),
                    SchemaVersion(2, order, 2, "PROTOBUF", ref),
                ],
            ),
        }
    )


def test_imported_types_are_compared_when_their_reference_changes() -> None:
    money_v1 = proto(
        "message Money { string currency = 1; int64 units = 2; }", package="acme.common"
    )
    money_v2 = proto(
        "message Money { string currency = 1; double units = 2; }", package="acme.common"
    )
    same = _with_money(1, [money_v1, money_v2])
    assert check_versions(same, "s", 1, 2, "FULL") == []
    changed = _with_money(2, [money_v1, money_v2])
    found = check_versions(changed, "s", 1, 2, "BACKWARD")
    assert [(i.rule, i.path) for i in found] == [
        ("FIELD_SCALAR_KIND_CHANGED", "Order.total.units"),
        ("FIELD_NAMED_TYPE_CHANGED", "Order.total"),
    ]
    assert found[0].message == (
        "field 2 'Order.total.units' is int64 in v1 but double in v2, which are encoded "
        "differently, so v2 misreads the value."
    )


def test_every_message_using_every_other_stays_fast() -> None:
    names = [f"M{i}" for i in range(14)]
    body = "\n".join(
        f"message {n} {{ "
        + " ".join(f"{m} f{j} = {j + 1};" for j, m in enumerate(names))
        + f" int32 x = {len(names) + 1}; }}"
        for n in names
    )
    changed = body.replace(f"int32 x = {len(names) + 1};", f"sint32 x = {len(names) + 1};")
    found = backward(proto(body), proto(changed))
    assert ("FIELD_SCALAR_KIND_CHANGED", "M0.x") in found


def test_sentences() -> None:
    registry = registry_of(
        proto("message A { oneof o { string x = 1; int32 y = 2; } }"),
        proto("message A { oneof o { string x = 1; } }"),
        schema_type="PROTOBUF",
    )
    found = check_versions(registry, "s", 1, 2, "BACKWARD")
    assert [i.message for i in found] == [
        "field 2 'A.y' of oneof o in v1 is gone from v2, so v2 reads messages that set it as "
        "if the oneof were unset."
    ]
