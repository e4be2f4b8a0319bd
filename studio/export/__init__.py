"""Export of a mesh as AsyncAPI and OpenAPI documents that the official tools accept.

The mapping (EXPORT.md) is a set of pure functions from a design (and its registry) to plain
documents: ``asyncapi_document`` (3.0.0, 2.6.0) for every application that publishes or
subscribes, ``openapi_document`` (3.1.0, 3.0.3) for every application that provides endpoints or
webhooks, run together by ``export_design``, which also validates each document against its
official schema (``validate_document``) and the checks the schema misses (``check_document``).
What a version cannot express is left out and reported as ``ExportNote``s. ``Serializer`` and
``dump_document`` turn documents into stable YAML or JSON; ``write_export`` writes a folder
with an ``index.yaml``.

Modules: ``asyncapi``/``messages`` and ``openapi`` build documents; ``schemas`` resolves
registry references and gives JSON Schema views, with ``avro_json``, ``protobuf_json``,
``flatten``, ``dialects`` and ``components`` converting and placing them; ``checks`` and
``validation`` check; ``serialize`` and ``output`` write.
"""

from studio.export.asyncapi import ASYNCAPI_VERSIONS, asyncapi_document
from studio.export.checks import check_document
from studio.export.context import ExportContext
from studio.export.exporter import export_design, load_for_export
from studio.export.openapi import OPENAPI_VERSIONS, openapi_document
from studio.export.output import WriteSummary, index_data, write_export
from studio.export.result import ExportedDocument, ExportNote, ExportResult
from studio.export.serialize import Serializer, dump_document
from studio.export.validation import validate_document

__all__ = [
    "ASYNCAPI_VERSIONS",
    "OPENAPI_VERSIONS",
    "ExportContext",
    "ExportNote",
    "ExportResult",
    "ExportedDocument",
    "Serializer",
    "WriteSummary",
    "asyncapi_document",
    "check_document",
    "dump_document",
    "export_design",
    "index_data",
    "load_for_export",
    "openapi_document",
    "validate_document",
    "write_export",
]
