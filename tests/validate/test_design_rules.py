"""Each design rule: a design that triggers it, and a near-identical one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.io.design_file import dump_design, parse_design
from studio.validate.context import RegistryInput
from studio.validate.rules import RULES
from studio.validate.runner import validate_loaded

BASE = """\
meshStudio: 1
taxonomy:
  kafka: {pattern: '{domain}.{entity}.{event}.v{version}', levels: {domain: [erp, shop]}}
  mqtt: {pattern: '{site}/{domain}/{event}'}
brokers:
  - {id: kafka, protocol: kafka}
  - {id: mqtt, protocol: mqtt}
applications:
  - id: erp
    kind: backend
    publishes: [{topic: customer-changed}]
  - id: api
    kind: api
    backend: erp
    subscribes: [{topic: customer-changed}]
    webhooks: {registration: /subscriptions, topics: [customer-changed]}
  - id: portal
    kind: client
    calls: [get-customer]
    subscribes: [{topic: customer-changed, via: api}]
  - id: sensor
    kind: client
    publishes: [{topic: temperature}]
  - id: ingest
    kind: service
    subscribes: [{topic: temperature}]
topics:
  - {id: customer-changed, address: erp.customer.changed.v1, broker: kafka,
     messages: [customer-event]}
  - {id: temperature, address: hamburg/plant/measured, broker: mqtt}
messages:
  - {id: customer-event, payload: {schema: {type: object}}}
endpoints:
  - {id: get-customer, provider: api, method: GET, path: '/customers/{customerId}',
     responses: {'200': customer-event}}
"""


def findings(text: str, path: str = "d.mesh.yaml") -> list[tuple[str, str, str | None, int]]:
    loaded = parse_design(text, path)
    report = validate_loaded(loaded, Path(path), RegistryInput())
    return [(f.rule, f.message, f.element, f.line) for f in report.findings]


def rules_of(text: str) -> list[str]:
    return [rule for rule, *_ in findings(text)]


def test_base_design_is_clean() -> None:
    assert findings(BASE) == []


@pytest.mark.parametrize(
    ("old", "new", "rule", "element", "fragment"),
    [
        (
            "calls: [get-customer]",
            "calls: [get-custom]",
            "MS101",
            "portal",
            "calls 'get-custom' is not defined",
        ),
        (
            "publishes: [{topic: temperature}]",
            "publishes: [{topic: ingest}]",
            "MS101",
            "sensor",
            "'ingest' is an application, not a topic",
        ),
        ("broker: kafka,", "broker: kafak,", "MS101", "customer-changed", "broker 'kafak'"),
        (
            "address: erp.customer.changed.v1",
            "address: crm.customer.changed.v1",
            "MS106",
            "customer-changed",
            "has domain 'crm', expected one of: erp, shop",
        ),
        (
            "address: hamburg/plant/measured",
            "address: hamburg-plant-measured",
            "MS106",
            "temperature",
            "does not have the shape",
        ),
        (
            "  - id: ingest\n    kind: service\n    subscribes: [{topic: temperature}]\n",
            "  - id: ingest\n    kind: service\n",
            "MS107",
            "temperature",
            "has no consumer",
        ),
        ("    publishes: [{topic: temperature}]\n", "", "MS107", "temperature", "has no producer"),
        (
            "{topic: customer-changed, via: api}",
            "{topic: customer-changed, via: erp}",
            "MS108",
            "portal",
            "is not an evented API",
        ),
        (
            "topics: [customer-changed]}",
            "topics: []}",
            "MS108",
            "portal",
            "does not deliver topic 'customer-changed'",
        ),
        (
            "address: hamburg/plant/measured",
            "address: hamburg/plant/#",
            "MS112",
            "temperature",
            "MQTT wildcard",
        ),
        (
            "address: erp.customer.changed.v1",
            "address: erp.customer.changed.v1!",
            "MS112",
            "customer-changed",
            "characters Kafka does not allow",
        ),
        (
            "path: '/customers/{customerId}'",
            "path: '/customers/{customerId'",
            "MS113",
            "get-customer",
            "unbalanced braces",
        ),
        (
            "path: '/customers/{customerId}'",
            "path: '/customers/{id}/x/{id}'",
            "MS113",
            "get-customer",
            "declares parameter 'id' twice",
        ),
    ],
)
def test_rule_triggers_on_a_near_identical_design(
    old: str, new: str, rule: str, element: str, fragment: str
) -> None:
    assert old in BASE
    found = findings(BASE.replace(old, new, 1))
    matching = [f for f in found if f[0] == rule]
    assert matching, found
    assert any(f[2] == element and fragment in f[1] for f in matching), matching


def test_kafka_name_length() -> None:
    long_address = "erp.customer." + "x" * 240 + ".v1"
    found = findings(BASE.replace("erp.customer.changed.v1", long_address))
    assert "MS112" in [f[0] for f in found] and any(
        "Kafka topic names have at most 249" in f[1] for f in found
    )


def test_duplicate_method_and_path_and_call_cycle() -> None:
    text = BASE.replace(
        "     responses: {'200': customer-event}}\n",
        "     responses: {'200': customer-event}}\n"
        "  - {id: get-customer-2, provider: api, method: GET, path: '/customers/{id}'}\n"
        "  - {id: portal-ping, provider: portal, method: GET, path: /ping}\n",
    )
    assert "MS113" in rules_of(text)
    cyclic = text.replace("    backend: erp\n", "    backend: erp\n    calls: [portal-ping]\n")
    found = findings(cyclic)
    cycles = [f for f in found if f[0] == "MS111"]
    assert cycles and "api → portal → api" in cycles[0][1]
    assert "MS111" not in rules_of(text)


def test_lines_point_at_the_offending_element() -> None:
    text = BASE.replace("calls: [get-customer]", "calls: [nope]")
    ((_, _, _, line),) = [f for f in findings(text) if f[0] == "MS101"]
    assert text.splitlines()[line - 1].strip() == "calls: [nope]"


def test_every_mistake_at_once_still_reports_each() -> None:
    broken = (
        BASE.replace("calls: [get-customer]", "calls: [nope]")
        .replace("address: hamburg/plant/measured", "address: hamburg/#")
        .replace("{topic: customer-changed, via: api}", "{topic: customer-changed, via: erp}")
        .replace("path: '/customers/{customerId}'", "path: '/customers/{x'")
    )
    assert {"MS101", "MS106", "MS108", "MS112", "MS113"} <= set(rules_of(broken))


def test_rules_settings_disable_and_change_severity() -> None:
    text = BASE.replace("    publishes: [{topic: temperature}]\n", "")
    assert "MS107" in rules_of(text)
    quiet = text + "rules:\n  disable: [MS107]\n"
    assert "MS107" not in rules_of(quiet)
    loaded = parse_design(text + "rules:\n  severity: {MS107: error}\n", "d.mesh.yaml")
    report = validate_loaded(loaded, Path("d.mesh.yaml"), RegistryInput())
    assert {f.severity for f in report.findings if f.rule == "MS107"} == {"error"}
    assert report.has_errors


def test_base_round_trips() -> None:
    assert findings(dump_design(parse_design(BASE).design)) == []


def test_a_remote_ref_in_a_schema_written_in_the_design_is_a_warning() -> None:
    remote = BASE.replace(
        "  - {id: customer-event, payload: {schema: {type: object}}}\n",
        "  - id: customer-event\n"
        "    payload:\n"
        "      schema:\n"
        "        type: object\n"
        "        properties:\n"
        "          money: {$ref: 'https://schemas.example.com/money.json'}\n"
        "          local: {$ref: '#/$defs/x'}\n"
        "        $defs: {x: {type: string}}\n"
        "    key: {schema: {$ref: 'common.json#/key'}}\n",
    )
    found = [f for f in findings(remote) if f[0] == "MS115"]
    lines = remote.splitlines()
    assert found == [
        (
            "MS115",
            "payload schema refers to 'https://schemas.example.com/money.json', outside "
            "the design: it is never fetched, so never checked (export and the portal leave it "
            "out)",
            "customer-event",
            lines.index("          money: {$ref: 'https://schemas.example.com/money.json'}") + 1,
        ),
        (
            "MS115",
            "key schema refers to 'common.json#/key', outside the design: it is never "
            "fetched, so never checked (export and the portal leave it out)",
            "customer-event",
            lines.index("    key: {schema: {$ref: 'common.json#/key'}}") + 1,
        ),
    ]
    assert RULES["MS115"].severity == "warning"


def test_ms101_reports_ids_in_views_that_name_nothing_on_their_line() -> None:
    views = (
        "views:\n"
        "  - id: good\n"
        "    include: {elements: [erp, get-customer], around: {element: api, hops: 1}}\n"
        "    layout: {erp: {x: 0, y: 0}}\n"
        "  - id: stale\n"
        "    include:\n"
        "      elements: [erp, billing]\n"
        "      around: {element: old-api, hops: 2}\n"
        "    exclude: {elements: [gone]}\n"
        "    layout:\n"
        "      erp: {x: 0, y: 0}\n"
        "      ghost: {x: 40, y: 0}\n"
    )
    text = BASE + views
    lines = text.splitlines()
    found = [f for f in findings(text) if f[0] == "MS101"]
    assert found == [
        (
            "MS101",
            f"view 'stale' names '{name}' in {where}, which is not defined in this design",
            None,
            lines.index(line) + 1,
        )
        for name, where, line in [
            ("billing", "include.elements", "      elements: [erp, billing]"),
            ("old-api", "include.around", "      around: {element: old-api, hops: 2}"),
            ("gone", "exclude.elements", "    exclude: {elements: [gone]}"),
            ("ghost", "layout", "      ghost: {x: 40, y: 0}"),
        ]
    ]
    assert "MS101" not in rules_of(BASE + views[: views.index("  - id: stale")])
