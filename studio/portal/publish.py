"""``publish_portal``: a loaded design in, a static event portal folder out.

The one entry point of the portal for the CLI (``mesh-studio portal``) and the studio (File >
Publish portal): Qt-free, it takes a design already loaded (and its registry, or the design's
path to find it), writes ``index.html``, one page per topic, application, message, subject,
broker and view (with the view's own diagram), the diagram, the static assets and the exported
AsyncAPI/OpenAPI documents under ``specs/`` into one folder, and reports progress through a
plain callback so the studio can drive a progress bar from it. A missing registry file is not
an error: the portal is built without payload schemas, and subject pages say the registry was
not found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.export.exporter import export_design
from studio.export.output import INDEX as SPECS_INDEX
from studio.export.output import write_export
from studio.export.result import ExportResult
from studio.export.schemas import SchemaResolver
from studio.model import Design
from studio.portal.catalogue import catalogue_of
from studio.portal.diagram import mesh_picture
from studio.portal.paths import ASSETS, INDEX, SPECS, inside
from studio.portal.render import PageRenderer, view_assets
from studio.portal.site import Site, SpecLink
from studio.portal.writer import SiteWriter
from studio.registry.file import load_registry
from studio.registry.model import Registry
from studio.resources import resource_path

# (done, total, what is being done): called before each step; total does not change
ProgressCallback = Callable[[int, int, str], None]
STATIC_FILES = ("portal.css", "portal.js")


@dataclass(frozen=True)
class PortalResult:
    """What a publication wrote: pages (relative paths), the index, specs and notes."""

    folder: Path
    index: Path
    pages: tuple[str, ...]
    specs: tuple[str, ...]
    written: tuple[str, ...]
    removed: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def pages_written(self) -> int:
        """How many HTML pages the portal has (changed or not)."""
        return len(self.pages)


def publish_portal(
    design: Design,
    output: str | Path,
    *,
    registry: Registry | None = None,
    design_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> PortalResult:
    """Write the event portal of ``design`` into the folder ``output``.

    ``registry`` is used when given; otherwise the design's ``registry:`` file is loaded
    relative to ``design_path`` when it exists. Raises LoadError (a MeshStudioError) when the
    registry file does not load, or the folder cannot be written or leads outside itself.
    """
    root = Path(output)
    registry, missing = _registry(design, registry, design_path)
    writer = SiteWriter(root)
    site = Site(design, registry, missing)
    resolver = SchemaResolver(registry, missing)
    jobs = list(_page_jobs(site))
    total = len(jobs) + 3
    report = progress or (lambda done, total, what: None)

    report(0, total, "Exporting AsyncAPI and OpenAPI documents")
    exported = export_design(design, registry, missing_registry=missing, resolver=resolver)
    inside(root, f"{SPECS}/{SPECS_INDEX}")  # a symlinked specs/ must not lead elsewhere
    summary = write_export(exported, design, root / SPECS)
    site.specs = _spec_links(exported)

    report(1, total, "Drawing the mesh diagram")
    picture = mesh_picture(design, site)
    view_pictures = {view.id: mesh_picture(design, site, view) for view in design.views}
    catalogue = catalogue_of(site)
    renderer = PageRenderer(site, resolver, catalogue, picture, view_pictures)
    report(2, total, "Copying styles and scripts")
    for name in STATIC_FILES:
        writer.add(f"{ASSETS}/{name}", resource_path("portal", "static", name).read_bytes())
    writer.add(f"{ASSETS}/mesh.svg", picture.svg)
    writer.add(f"{ASSETS}/diagram.css", picture.stylesheet())
    for view in design.views:
        stem = view_assets(site, view)
        writer.add(f"{ASSETS}/{stem}.svg", view_pictures[view.id].svg)
        writer.add(f"{ASSETS}/{stem}.css", view_pictures[view.id].stylesheet())

    pages = []
    for done, (page, kind, item) in enumerate(jobs, 3):
        report(done, total, f"Writing {page}")
        writer.add(page, renderer.render(kind, item))
        pages.append(page)
    writer.commit()
    report(total, total, "Done")
    notes = []
    if missing:
        notes.append(f"no payload schemas: {missing}")
    notes += [
        f"specs/{doc.file_name()} failed validation and was not written" for doc in exported.failed
    ]
    return PortalResult(
        root,
        root / INDEX,
        tuple(pages),
        tuple(f"{SPECS}/{doc.file_name()}" for doc in exported.documents if not doc.problems),
        tuple([*writer.written, *(f"{SPECS}/{n}" for n in summary.written)]),
        tuple([*writer.removed, *(f"{SPECS}/{n}" for n in summary.removed)]),
        tuple(notes),
    )


def _page_jobs(site: Site) -> Iterator[tuple[str, str, Any]]:
    """Every page to write, index first: its path, its kind and the element it shows."""
    yield INDEX, "index", None
    for topic in site.design.topics:
        yield site.paths.topic(topic.id), "topic", topic
    for app in site.design.applications:
        yield site.paths.application(app.id), "application", app
    for message in site.design.messages:
        yield site.paths.message(message.id), "message", message
    for subject in site.subjects():
        yield site.paths.subject(subject), "subject", subject
    for broker in site.design.brokers:
        yield site.paths.broker(broker.id), "broker", broker
    for view in site.design.views:
        yield site.paths.view(view.id), "view", view


def _registry(
    design: Design, registry: Registry | None, design_path: str | Path | None
) -> tuple[Registry | None, str | None]:
    """The registry to use and, when there is none, why (shown on subject pages)."""
    if registry is not None:
        return registry, None
    if not design.registry:
        return None, "the design names no registry file"
    if design_path is None:
        return None, f"the registry file {design.registry} was not given"
    path = Path(design_path).parent / design.registry
    if not path.is_file():
        return None, f"the registry file {design.registry} does not exist"
    return load_registry(path)[0], None


def _spec_links(result: ExportResult) -> dict[str, list[SpecLink]]:
    links: dict[str, list[SpecLink]] = {}
    for doc in result.documents:
        title = str(doc.data.get("info", {}).get("title", doc.application))
        links.setdefault(doc.application, []).append(
            SpecLink(
                doc.kind, doc.version, f"{SPECS}/{doc.file_name()}", title, tuple(doc.problems)
            )
        )
    return links
