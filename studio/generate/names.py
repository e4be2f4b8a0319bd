"""Names in a generated mesh: the one id space of a design and the word forms of entity names
(``work-order`` -> ``WorkOrder``, ``workOrder``, ``work orders``, ``a work order``).

Hand-written because the vocabulary is fixed and small: a general inflection library would be
a dependency for the dozen English nouns of ``vocabulary.NOUNS``.
"""

from __future__ import annotations

import random
import re

from studio.generate.vocabulary import NOUNS, QUALIFIERS


class Ids:
    """One id space for the whole design, as FORMATS.md requires; clashes get a numeric suffix."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, base: str) -> str:
        stem = re.sub(r"[^a-z0-9_.-]+", "-", base.lower()).strip("-.")[:58] or "x"
        stem = stem if stem[0].isalpha() else f"x-{stem}"
        candidate, n = stem, 2
        while candidate in self._taken:
            candidate, n = f"{stem}-{n}", n + 1
        self._taken.add(candidate)
        return candidate


def words(entity: str) -> str:
    return entity.replace("-", " ")


def pascal(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_ ]", text) if part)


def camel(text: str) -> str:
    name = pascal(text)
    return name[:1].lower() + name[1:]


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", r"_\1", name).lower()


def a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> ba: a suffix that keeps names readable where digits would not."""
    text = ""
    while True:
        n, rest = divmod(n, 26)
        text = chr(ord("a") + rest) + text
        if n == 0:
            return text


def entity_pool(rng: random.Random) -> list[str]:
    """Plain nouns first, then qualified ones: plain names are what real meshes mostly have."""
    plain, qualified = list(NOUNS), [f"{q}-{n}" for q in QUALIFIERS for n in NOUNS]
    rng.shuffle(plain)
    rng.shuffle(qualified)
    return plain + qualified
