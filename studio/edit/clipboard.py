"""Copy and paste elements as a small design file, so a clipboard can also go to a text editor.

Copying writes the selected elements (with the endpoints of copied applications and their
positions) in the design file format. Pasting gives every element a fresh id when its id is
taken, rewrites references among the pasted elements to the new ids, keeps references to
elements outside the selection, and offsets positions so the copy does not hide the original.
"""

from __future__ import annotations

import dataclasses
import re

from studio.edit.commands import AddElement, Command, Macro
from studio.errors import MeshStudioError
from studio.io.design_file import dump_design, parse_design
from studio.model import Design, Document, Element, Endpoint, Position
from studio.model.design import sections_among
from studio.model.references import rewrite


def copy_elements(design: Design, ids: list[str]) -> str:
    """The selected elements (and endpoints of selected applications) as design-file text."""
    wanted = set(ids)
    wanted |= {e.id for e in design.endpoints if e.provider in wanted}
    return dump_design(Design(**sections_among(design, wanted)))


def paste_elements(doc: Document, text: str, offset: float = 30) -> Macro | None:
    """One command adding the elements of a copied fragment; None if it holds none.

    Raises MeshStudioError when the text is not a design fragment.
    """
    try:
        fragment = parse_design(text, "clipboard").design
    except MeshStudioError as error:
        raise MeshStudioError(
            f"The clipboard does not hold Mesh Studio elements ({error.args[0]})"
        ) from None
    elements = list(fragment.elements())
    if not elements:
        return None
    renames: dict[str, str] = {}
    taken = set()
    for element in elements:
        new_id = element.id
        stem = re.sub(r"-\d+$", "", element.id)  # a copy of "shop-2" is "shop-3", not "shop-2-2"
        n = 1
        while new_id in doc or new_id in taken:
            n += 1
            new_id = f"{stem}-{n}"
        taken.add(new_id)
        if new_id != element.id:
            renames[element.id] = new_id
    commands: list[Command] = []
    for element in elements:
        copy: Element = dataclasses.replace(element, id=renames.get(element.id, element.id))
        for old, new in renames.items():
            copy = rewrite(copy, old, new)
        position = fragment.layout.get(element.id)
        moved = (
            None
            if position is None or isinstance(copy, Endpoint)
            else Position(position.x + offset, position.y + offset, position.extensions)
        )
        commands.append(AddElement(copy, moved))
    count = len(commands)
    return Macro(f"Paste {count} element{'s' if count != 1 else ''}", commands)
