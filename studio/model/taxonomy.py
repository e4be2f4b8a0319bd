"""Topic address patterns: ``{level}`` placeholders, allowed level values, proposals.

A pattern such as ``{domain}.{entity}.{event}.v{version}`` matches addresses whose levels
are free text without the pattern's separators, except where the taxonomy lists the values a
level may take. The same compiled pattern proposes an address for a new topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from studio.model.elements import TaxonomyRule

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")


@dataclass(frozen=True)
class Mismatch:
    """Why an address does not follow a pattern, in one sentence."""

    reason: str


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    names: list[str] = []
    parts: list[str] = []
    last = 0
    literals = "".join(_PLACEHOLDER.split(pattern)[0::2])
    separators = "".join(sorted({c for c in literals if not c.isalnum()})) or "."
    level = f"[^{re.escape(separators)}]+"
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(pattern[last : match.start()]))
        parts.append(f"(?P<_{len(names)}>{level})")
        names.append(match.group(1))
        last = match.end()
    parts.append(re.escape(pattern[last:]))
    return re.compile("^" + "".join(parts) + "$"), tuple(names)


def check_address(address: str, rule: TaxonomyRule) -> Mismatch | None:
    """None when ``address`` follows ``rule``; otherwise the reason it does not."""
    regex, names = _compile(rule.pattern)
    match = regex.match(address)
    if match is None:
        return Mismatch(f"does not have the shape '{rule.pattern}'")
    for index, name in enumerate(names):
        allowed = rule.levels.get(name)
        value = match.group(f"_{index}")
        if allowed and value not in allowed:
            return Mismatch(f"has {name} '{value}', expected one of: {', '.join(allowed)}")
    return None


def level_values(address: str, rule: TaxonomyRule) -> dict[str, str] | None:
    """The value of each level in ``address`` (``{'domain': 'erp', ...}``), or None when the
    address does not have the pattern's shape; allowed values are not checked here."""
    regex, names = _compile(rule.pattern)
    match = regex.match(address)
    if match is None:
        return None
    return {name: match.group(f"_{index}") for index, name in enumerate(names)}


def propose_address(rule: TaxonomyRule, values: dict[str, str]) -> str:
    """An address for ``rule`` with the given level values (first allowed value, else the
    level's name, for levels not given)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        allowed = rule.levels.get(name)
        return allowed[0] if allowed else name

    return _PLACEHOLDER.sub(fill, rule.pattern)
