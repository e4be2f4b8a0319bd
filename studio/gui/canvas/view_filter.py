"""What the canvas shows of a named view: the scene's items hidden or shown for a set of ids.

A view (``studio.model.views``) picks part of the mesh; the canvas keeps every item of the
design and only hides the others, so switching views is instant and editing in a view edits
the same items. A link is shown only when both its ends are; a broker frame only when its
broker is in the view, fitted around the topics shown (not around hidden ones, which would
leave an empty box in the view). Nothing here writes the model: hiding is presentation.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.gui.canvas.scene import MeshScene


def show_only(scene: MeshScene, ids: Set[str] | None) -> None:
    """Show the items of ``ids`` and the links among them; ``None`` shows everything."""

    def shown(element_id: str) -> bool:
        return ids is None or element_id in ids

    for element_id, item in scene.nodes.items():
        item.setVisible(shown(element_id))
    for edge in scene.edges():
        edge.setVisible(shown(edge.link.source) and shown(edge.link.target))
    for broker_id, frame in scene.frames.items():
        frame.setVisible(shown(broker_id))
        if frame.isVisible():
            scene.arrangement.refit_frame(broker_id)  # around the topics now shown
    scene.shown_changed.emit()


def shown_ids(scene: MeshScene) -> list[str]:
    """The ids of the elements and broker frames the canvas shows now."""
    return [
        element_id
        for element_id, item in (*scene.nodes.items(), *scene.frames.items())
        if item.isVisible()
    ]
