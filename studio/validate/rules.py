"""The rule table: every validation rule by id, with its severity, words and check.

This is the catalogue of PRODUCT.md in code, and the only list of rules: the runner runs the
checks of the rules a design has not disabled, the reports describe rules from it (SARIF's
rule list, JUnit's test cases) and ``diff`` names rules with it. Every check has one
signature, ``check(context) -> findings``; ``title`` is the short name reports show,
``description`` the catalogue's sentence. Ids are stable and never reused.

``reach`` says what a check's findings depend on, for live validation
(``studio.validate.incremental``): ``element`` checks look at the elements in the context's
scope (through ``Context.each``) and say something about each one; a ``design`` check reads
the whole design at once and runs whole again after any edit of an element; a ``registry``
check reads only the registry file and runs only when the whole design is validated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from studio.model.findings import Finding, Severity
from studio.validate.context import Context
from studio.validate.design_rules import (
    address_legality,
    call_cycle,
    endpoint_paths,
    producers_and_consumers,
    remote_references,
    taxonomy,
    unknown_references,
    webhook_delivery,
)
from studio.validate.export_rules import examples, exported_documents
from studio.validate.registry_rules import (
    broken_histories,
    open_content_models,
    payload_references,
    pinned_readers,
    unparsable_schemas,
)

Check = Callable[[Context], Iterable[Finding]]
Reach = Literal["element", "design", "registry"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the catalogue and the check that finds its problems."""

    id: str
    severity: Severity
    title: str
    check: Check
    description: str
    reach: Reach = "element"


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "MS101",
            "error",
            "Reference to an unknown id",
            unknown_references,
            "reference to an unknown id (topic, message, application, endpoint, broker)",
        ),
        Rule(
            "MS102",
            "error",
            "Payload names a subject or version missing from the registry",
            payload_references,
            "message payload names a subject or version missing from the registry",
        ),
        Rule(
            "MS103",
            "error",
            "Registry schema does not parse in its declared format",
            unparsable_schemas,
            "a schema in the registry does not parse in its declared format",
            "registry",
        ),
        Rule(
            "MS104",
            "error",
            "Subject's version history breaks its compatibility level",
            broken_histories,
            "a subject's version history breaks its compatibility level",
            "registry",
        ),
        Rule(
            "MS105",
            "warning",
            "Consumer's reader schema cannot read what the producer writes",
            pinned_readers,
            "consumer's reader schema (schemaVersion) cannot read what the producer writes",
        ),
        Rule(
            "MS106",
            "warning",
            "Topic address does not match the taxonomy pattern",
            taxonomy,
            "topic address does not match the taxonomy pattern for its protocol",
        ),
        Rule(
            "MS107",
            "warning",
            "Topic has no producer or no consumer",
            producers_and_consumers,
            "topic has no producer / has no consumer",
        ),
        Rule(
            "MS108",
            "error",
            "via: names no evented API for that topic",
            webhook_delivery,
            "via: names an application that is not an evented API for that topic",
        ),
        Rule(
            "MS109",
            "error",
            "Exported document fails the official AsyncAPI/OpenAPI schema",
            exported_documents,
            "an exported document fails the official AsyncAPI/OpenAPI schema",
        ),
        Rule(
            "MS110",
            "warning",
            "Message example does not validate against its payload schema",
            examples,
            "message example does not validate against its payload schema",
        ),
        Rule(
            "MS111",
            "warning",
            "Synchronous call cycle between applications",
            call_cycle,
            "synchronous call cycle between applications",
            "design",
        ),
        Rule(
            "MS112",
            "error",
            "Address illegal for its protocol",
            address_legality,
            "address illegal for its protocol (e.g. MQTT wildcard #/+ in a published topic, "
            "Kafka name over 249 chars or with illegal characters)",
        ),
        Rule(
            "MS113",
            "warning",
            "Endpoint path parameter malformed or duplicate method and path",
            endpoint_paths,
            "endpoint path parameter not declared / duplicate method+path",
        ),
        Rule(
            "MS114",
            "info",
            "JSON Schema with an open content model",
            open_content_models,
            "JSON Schema with an open content model: adding properties will break FORWARD/FULL "
            "compatibility",
        ),
        Rule(
            "MS115",
            "warning",
            "Remote $ref in a schema written in the design (never fetched)",
            remote_references,
            "a remote $ref (http, https, file) inside a schema written in the "
            "design: never fetched, so never checked",
        ),
    )
}
