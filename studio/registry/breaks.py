"""What a format's checker reports: one breaking change, located and worded for people.

The three checkers (``avro_compat``, ``json_compat``, ``protobuf_compat``) answer one
question, "can a consumer holding the *reader* schema read what a producer holding the
*writer* schema writes?", and return a ``Break`` per reason it cannot. ``Roles`` carries how
to name the two schemas in sentences ("v3", "the candidate"), so each sentence says what a
consumer would experience without the caller rewording it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Roles:
    """How the reader and the writer schema are named in sentences, e.g. ``v3`` and ``v2``."""

    reader: str
    writer: str


@dataclass(frozen=True, slots=True)
class Break:
    """One reason the reader cannot read the writer's data.

    ``path`` is the place inside the schema (``CustomerChanged.address.zip``), ``rule`` the
    Avro resolution error or Confluent difference type, ``message`` one plain sentence.
    """

    path: str
    rule: str
    message: str


def sentence(text: str) -> str:
    """Capitalise a leading "the" ("the candidate ..."); version labels such as ``v2`` stay."""
    return "T" + text[1:] if text.startswith("the ") else text


def article(noun: str) -> str:
    """``a`` or ``an`` before ``noun``, by its first letter."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def dedupe(breaks: list[Break]) -> list[Break]:
    """Drop repeated (path, rule) pairs, keeping the first sentence, in order."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in breaks:
        if (item.path, item.rule) not in seen:
            seen.add((item.path, item.rule))
            unique.append(item)
    return unique
