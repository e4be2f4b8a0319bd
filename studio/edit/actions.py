"""The user's edits, each built as one undoable command from the current document.

These functions decide *what* an edit changes (deleting an application also cuts the
links to it and removes its endpoints; renaming rewrites every reference); the commands in
``studio.edit.commands`` only carry the changes out and back.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from studio.edit import commands
from studio.edit.links import plan_connection
from studio.edit.refusal import Refusal
from studio.model import Broker, Design, Document, Element, Endpoint, Note, Position
from studio.model.references import rewrite
from studio.model.relations import Link, link_owner, without_link
from studio.model.views import rename_in_views

ID_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


def check_new_id(doc: Document, new_id: str, current: str | None = None) -> str | None:
    """Why ``new_id`` cannot be used, or None when it can."""
    if not ID_RE.match(new_id):
        return (
            "An id starts with a lowercase letter, then lowercase letters, digits, '_', "
            "'.' or '-', at most 64 characters."
        )
    if new_id != current and new_id in doc:
        return f"The id '{new_id}' is already used."
    return None


def connect(doc: Document, source_id: str, target_id: str) -> commands.Command | Refusal:
    source, target = doc.get(source_id), doc.get(target_id)
    if source is None or target is None:
        return Refusal("Both ends of a connection must be elements of the design.")
    plan = plan_connection(source, target)
    if isinstance(plan, Refusal):
        return plan
    return commands.ReplaceElement(plan.element_id, plan.new, label=plan.label)


def delete_elements(
    doc: Document, ids: Iterable[str], links: Iterable[Link] = ()
) -> commands.Command | None:
    """Delete elements with their dependents and the links to them, and the given links.

    One macro: first the referring elements are rewritten (links cut), then the elements are
    removed, each after its dependents; undo runs it backwards, so every list regains its
    order.
    """
    doomed = _with_dependents(doc, ids)
    going = set(doomed)
    changed: dict[str, Element] = {}
    for link in links:
        owner_id = link_owner(link)
        owner = changed.get(owner_id) or doc.get(owner_id)
        if owner is None or owner_id in going:
            continue
        cut = without_link(owner, link)
        if cut is not None:
            changed[owner_id] = cut
    for target in doomed:
        for element in doc.referrers(target):
            if element.id in going:
                continue
            changed[element.id] = rewrite(changed.get(element.id, element), target, None)
    steps: list[commands.Command] = [
        commands.ReplaceElement(i, e, label=f"Cut links of '{i}'")
        for i, e in changed.items()
        if e != doc.get(i)
    ]
    steps += [commands.RemoveElement(i) for i in doomed]
    views = doc.design.views
    for target in doomed:
        views = rename_in_views(views, target, None)
    if views != doc.design.views:
        steps.append(commands.SetSection("views", views, label="Cut deleted elements from views"))
    if not steps:
        return None
    count = len(doomed)
    label = (
        f"Delete '{next(iter(doomed))}'"
        if count == 1
        else f"Delete {count} elements"
        if count
        else "Delete links"
    )
    return commands.Macro(label, steps)


_REMOVED_FIRST: dict[type, int] = {Note: 0, Endpoint: 1, Broker: 2}  # the rest: 3


def _with_dependents(doc: Document, ids: Iterable[str]) -> list[str]:
    """The ids with everything that goes with them, in the order they are removed.

    What depends on others goes first: notes (on any element), then endpoints (on their
    provider); so nothing is left for a moment without what it depends on (an endpoint
    without its provider is shown apart), and undo brings each back after it. Brokers go
    before the rest, so that undo brings a broker's frame back around its topics, not empty
    somewhere first. Each kind goes from the end of its list (a reply, written after its
    thread, before it), so a removal leaves the places of those still to go as they were:
    ``Document.index_of`` finds each at once.
    """
    going: dict[str, None] = {}
    pending = [i for i in ids if i in doc]
    while pending:
        current = pending.pop()
        if current not in going:
            going[current] = None
            pending.extend(d.id for d in doc.uses.dependents(current))
    return sorted(going, key=lambda i: (_REMOVED_FIRST.get(type(doc.get(i)), 3), -doc.index_of(i)))


def rename_element(doc: Document, old_id: str, new_id: str) -> commands.Command | Refusal:
    """Give an element a new id and rewrite every reference and its canvas position."""
    problem = check_new_id(doc, new_id, old_id)
    if problem:
        return Refusal(problem)
    element = doc.get(old_id)
    if element is None:
        return Refusal(f"There is no element '{old_id}' to rename.")
    steps: list[commands.Command] = [
        commands.ReplaceElement(old_id, dataclasses.replace(element, id=new_id))
    ]
    steps += [
        commands.ReplaceElement(e.id, rewrite(e, old_id, new_id)) for e in doc.referrers(old_id)
    ]
    position = doc.design.layout.get(old_id)
    if position is not None:
        steps.append(commands.MoveElements({old_id: (position, None), new_id: (None, position)}))
    views = rename_in_views(doc.design.views, old_id, new_id)
    if views != doc.design.views:
        steps.append(commands.SetSection("views", views, label=f"Rename '{old_id}' in views"))
    return commands.Macro(f"Rename '{old_id}' to '{new_id}'", steps)


def apply_layout(
    doc: Document, positions: dict[str, Position], engine: str
) -> commands.Command | None:
    """Move every element to its laid-out position as one undoable step."""
    moves: dict[str, tuple[Position | None, Position | None]] = {
        element_id: (doc.design.layout.get(element_id), position)
        for element_id, position in positions.items()
        if element_id in doc and doc.design.layout.get(element_id) != position
    }
    return commands.MoveElements(moves, label=f"Auto-layout ({engine})") if moves else None


def merge_import(
    merged: Design, positions: Mapping[str, Position], added: Iterable[str], label: str
) -> commands.Command:
    """Swap in the design an import merged, as one undoable step.

    The new elements arrive already standing at ``positions``, so Undo takes them off the
    canvas together with the elements; what was placed before keeps its place exactly.
    """
    layout = dict(merged.layout)
    layout.update({i: positions[i] for i in added if i in positions and i not in layout})
    return commands.ReplaceDesign(dataclasses.replace(merged, layout=layout), label=label)
