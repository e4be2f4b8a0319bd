"""A new version of a referenced subject, tried on the subjects that reference it."""

from __future__ import annotations

from studio.registry import Registry, SchemaReference, SchemaVersion, Subject
from studio.registry.referrers import moved_referrers
from tests.registry.helpers import proto

MONEY = [
    proto("message Money { string currency = 1; int64 units = 2; }", package="acme.common"),
    # v2 adds a field: everyone can move
    proto(
        "message Money { string currency = 1; int64 units = 2; int32 nanos = 3; }",
        package="acme.common",
    ),
    # v3 changes how units is encoded: readers of v1 data misread it
    proto("message Money { string currency = 1; string units = 2; }", package="acme.common"),
    # v4 renames the message: importers no longer compile
    proto("message Amount { string currency = 1; }", package="acme.common"),
]


def uses_money(name: str, money_version: int, level: str | None = None) -> Subject:
    text = proto(
        'import "money.proto";\nmessage Order { acme.common.Money total = 1; }',
        package=name.replace("-", "_"),
    )
    reference = SchemaReference("money.proto", "money", money_version)
    return Subject(
        name, [SchemaVersion(1, text, None, "PROTOBUF", (reference,))], compatibility_level=level
    )


def registry() -> Registry:
    ledger_text = proto('import "orders.proto";\nmessage Entry { orders.Order order = 1; }')
    subjects = {
        "money": Subject(
            "money",
            [SchemaVersion(i, t, None, "PROTOBUF") for i, t in enumerate(MONEY, 1)],
            compatibility_level="NONE",
        ),
        "orders": uses_money("orders", 1),
        "invoices": uses_money("invoices", 1, level="NONE"),
        "refunds": uses_money("refunds", 2),
        # reaches money only through orders: it keeps orders' pinned chain
        "ledger": Subject(
            "ledger",
            [
                SchemaVersion(
                    1,
                    ledger_text,
                    None,
                    "PROTOBUF",
                    (SchemaReference("orders.proto", "orders", 1),),
                )
            ],
        ),
    }
    return Registry(subjects=subjects)


def verdicts(version: int) -> dict[str, tuple[int, bool]]:
    return {m.subject: (m.pinned, m.breaks) for m in moved_referrers(registry(), "money", version)}


def test_a_compatible_version_moves_everyone_who_pins_another() -> None:
    assert verdicts(2) == {"invoices": (1, False), "orders": (1, False)}


def test_a_breaking_version_names_who_would_break_under_their_own_level() -> None:
    moved = {m.subject: m for m in moved_referrers(registry(), "money", 3)}
    assert set(moved) == {"invoices", "orders", "refunds"}
    assert moved["invoices"].problems == ()  # NONE accepts any change
    orders = moved["orders"]
    assert orders.level == "BACKWARD" and orders.breaks
    assert orders.problems[0].startswith("breaks BACKWARD against v1 at Order.total.units: ")
    assert "int64 in v1 but string in the candidate" in orders.problems[0]
    assert moved["refunds"].breaks and moved["refunds"].pinned == 2


def test_a_version_the_importers_cannot_compile_against_is_named() -> None:
    moved = moved_referrers(registry(), "money", 4)
    assert [m.subject for m in moved] == ["invoices", "orders", "refunds"]
    for referrer in moved:
        assert len(referrer.problems) == 1
        assert referrer.problems[0].startswith("no longer parses: ")
        assert "acme.common.Money" in referrer.problems[0]


def test_the_version_they_already_use_moves_nobody() -> None:
    assert verdicts(1) == {"refunds": (2, False)}
