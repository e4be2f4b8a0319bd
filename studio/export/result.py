"""What an export produces: the documents, the notes of its report, and their problems.

Exporting never stops at the first thing a design cannot say in the chosen version: it leaves
that thing out and adds an ``ExportNote`` (a ``warning`` when something is missing or changed, an
``info`` when it is only expressed differently). A document's ``problems`` are different: they
say the document failed the official schema or the checks after it, and such a document is
not written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

NoteLevel = Literal["warning", "info"]
DocumentKind = Literal["asyncapi", "openapi"]


@dataclass(frozen=True, slots=True)
class ExportNote:
    """One line of the export report.

    ``document`` names the document concerned (``asyncapi/erp``) or is None when the note is
    about the design as a whole (a message's schema, say); ``element`` is the design element
    the note is about, when there is one.
    """

    level: NoteLevel
    document: str | None
    message: str
    element: str | None = None

    def __str__(self) -> str:
        return f"{self.level}: {self.document + ': ' if self.document else ''}{self.message}"

    def to_data(self, file_names: dict[str, str] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"level": self.level}
        if self.document:
            data["document"] = (file_names or {}).get(self.document, self.document)
        if self.element:
            data["element"] = self.element
        data["message"] = self.message
        return data


class Notes:
    """Collects notes in the order they arise, each distinct note once."""

    def __init__(self) -> None:
        self.items: list[ExportNote] = []
        self._seen: set[ExportNote] = set()

    def add(
        self,
        level: NoteLevel,
        message: str,
        document: str | None = None,
        element: str | None = None,
    ) -> None:
        note = ExportNote(level, document, message, element)
        if note not in self._seen:
            self._seen.add(note)
            self.items.append(note)


@dataclass
class ExportedDocument:
    """One AsyncAPI or OpenAPI document for one application."""

    kind: DocumentKind
    version: str
    application: str
    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    # its file's text, once written out (by as_json): a big export renders on two cores
    rendered: dict[bool, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """``asyncapi/erp``: the document's name in notes, and its file name without suffix."""
        return f"{self.kind}/{self.application}"

    def file_name(self, as_json: bool = False) -> str:
        return f"{self.kind}/{file_stem(self.application)}.{'json' if as_json else 'yaml'}"


# Device names Windows refuses as file names whatever the extension (``con.yaml`` is the
# console); exports and portals are made on Linux CI and opened from Windows shares too
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def file_stem(application: str) -> str:
    """The file name of an application's document, without suffix: its id, or ``_id`` for
    an id Windows reserves (ids never start with ``_``, so it is no other one's)."""
    reserved = application.split(".")[0] in WINDOWS_RESERVED
    return f"_{application}" if reserved else application


@dataclass
class ExportResult:
    """Every document of one export, with the report."""

    asyncapi_version: str
    openapi_version: str
    documents: list[ExportedDocument]
    notes: list[ExportNote]

    @property
    def failed(self) -> list[ExportedDocument]:
        """The documents that failed validation; they are not written."""
        return [d for d in self.documents if d.problems]

    def document(self, name: str) -> ExportedDocument:
        """The document called ``name`` (``asyncapi/erp``); KeyError if there is none."""
        for doc in self.documents:
            if doc.name == name:
                return doc
        raise KeyError(name)
