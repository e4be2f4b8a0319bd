"""The one way an edit says "not allowed": a ``Refusal`` returned in place of a command.

Every planner in ``studio.edit`` (connect, relabel, rename, drop from the palette, reply to a
note, ...) returns either the command to push or a ``Refusal`` whose reason the studio shows
next to what the user did; none raises for a refusal. A value rather than an exception,
because most planners already answer with one (a refused drag is an expected outcome, not an
error) and a caller cannot forget to handle it: the type ``Command | Refusal`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an edit cannot be made, in one sentence for the user."""

    reason: str
