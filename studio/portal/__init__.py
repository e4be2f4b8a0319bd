"""The static event portal: how the rest of the organisation finds and reuses a mesh's events.

``publish_portal(design, DIR)`` writes a folder of plain HTML that opens from the file system
(no server, no CDN): ``index.html`` with the mesh diagram and a searchable catalogue, a page
per topic, application, message, schema subject and broker, and the exported AsyncAPI and
OpenAPI documents under ``specs/``. Every text from the design and registry is escaped.

Modules, one job each: ``paths`` (safe file names, staying inside DIR), ``site`` (relations
of the design both ways), ``payloads`` and ``schema_view`` (schemas made readable),
``catalogue`` (search entries), ``diagram`` (the SVG and its links), ``render`` (Jinja2
templates with autoescape), ``writer`` (atomic writes, stale pages removed), ``publish``
(the whole run).
"""

from studio.portal.publish import PortalResult, ProgressCallback, publish_portal

__all__ = ["PortalResult", "ProgressCallback", "publish_portal"]
