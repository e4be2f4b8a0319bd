"""The part of a design one view shows, and where its elements are drawn.

A view (``studio.model.views``) is drawn from the design cut down to its members: the
elements keep their fields, so the links among members are drawn and links to anything
outside find no end and are left out, while layout engines, the overlap check and both
diagram writers work on the part unchanged. Positions come from the view's own ``layout``
when it has one, else from the design's; members without one are completed as any drawing is
(``studio.layout.completion``), which auto-lays out a part that has no position at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from studio.layout.completion import drawing_positions
from studio.model import Design, Position, View, view_members
from studio.model.design import sections_among


def shown_part(design: Design, ids: Collection[str]) -> Design:
    """``design`` with only the brokers, applications, topics, endpoints and notes in
    ``ids`` (messages stay: they are never drawn, and topics count theirs)."""
    part = sections_among(design, ids)
    part["messages"] = design.messages
    return dataclasses.replace(design, **part, views=[])


def view_positions(design: Design, view: View, engine: str = "auto") -> dict[str, Position]:
    """Where the members of ``view`` are drawn (see the module docstring)."""
    members = view_members(design, view)
    part = shown_part(design, members)
    if view.layout:
        part.layout = {i: p for i, p in view.layout.items() if i in members}
    return drawing_positions(part, engine)
