"""Load and save design files (``*.mesh.yaml``) exactly as FORMATS.md defines them.

Loading goes: bytes -> UTF-8 text -> safe YAML with positions -> format version check ->
``design.schema.json`` -> duplicate ids -> typed Design. Every failure is a LoadError naming
the file, line and column. Meaning (unknown references, broken schemas) is not checked here:
such files load, and ``validate`` reports their findings.

Saving is canonical (same data, same bytes) and atomic.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any, NamedTuple

from studio.errors import LoadError
from studio.io.atomic import write_atomic
from studio.io.design_codec import design_from_data, design_to_data
from studio.io.schema_check import check_structure
from studio.io.yaml_source import (
    SourceMap,
    drain,
    parse_yaml_steps,
    placed_when_refused,
    read_text,
)
from studio.io.yaml_writer import dump_yaml
from studio.model import FORMAT_VERSION, SECTIONS, Design

ELEMENT_SECTIONS = tuple(SECTIONS.values())
# far beyond any laid-out mesh, near enough that the canvas and diagrams still compute with it
MAX_COORDINATE = 1_000_000


class LoadedDesign(NamedTuple):
    """A design with the source positions of its nodes (for findings' line numbers)."""

    design: Design
    source: SourceMap


def load_design(path: str | Path, positions: bool = True) -> LoadedDesign:
    """Read a design file; raise LoadError if it cannot be used."""
    return parse_design(read_text(path), path, positions)


def parse_design(text: str, path: str | Path = "<design>", positions: bool = True) -> LoadedDesign:
    """Parse the text of a design file; ``path`` is used in error messages. Without
    ``positions`` the source map is empty and a big file reads in about half the time
    (``placed_when_refused``)."""

    def steps(placed: bool) -> Generator[None, None, LoadedDesign]:
        data, source = yield from parse_yaml_steps(text, path, placed, pause_every=0)
        return LoadedDesign(checked_design(data, source), source)

    return drain(placed_when_refused(steps, positions))


def checked_design(data: Any, source: SourceMap) -> Design:
    """The design of plain ``data`` (read from a file, or made by a tool such as import),
    checked as a file is; ``source`` places the errors."""
    _check_format_version(data, source)
    check_structure(data, "design.schema.json", source)
    _check_unique_ids(data, source)
    _check_positions(data, source)
    return design_from_data(data)


def dump_design(design: Design) -> str:
    """The canonical text of a design file."""
    return dump_yaml(design_to_data(design), _is_block)


def save_design(design: Design, path: str | Path) -> None:
    """Write the design canonically and atomically."""
    write_atomic(path, dump_design(design))


def _is_block(path: tuple[str | int, ...]) -> bool:
    """Which mappings stay in block style whatever their size: sections and elements."""
    if len(path) == 1:
        return True
    if len(path) == 2 and path[0] in (*ELEMENT_SECTIONS, "views"):
        return True
    if len(path) == 3 and path[0] == "applications" and path[2] == "webhooks":
        return True
    return (
        len(path) in (3, 4) and path[0] == "applications" and path[2] in ("publishes", "subscribes")
    )


def _check_format_version(data: Any, source: SourceMap) -> None:
    where = Path(source.path)
    if not isinstance(data, dict):
        raise LoadError(
            where, "is not a design file: expected a mapping with 'meshStudio: 1' at the top"
        )
    if "meshStudio" not in data:
        raise LoadError(
            where, "is not a design file: the 'meshStudio: 1' format version is missing"
        )
    version = data["meshStudio"]
    mark = source.mark(("meshStudio",))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError(
            where,
            f"meshStudio: {version!r} is not a format version; expected 1",
            mark.line,
            mark.column,
        )
    if version > FORMAT_VERSION:
        raise LoadError(
            where,
            f"uses design format {version}, newer than format "
            f"{FORMAT_VERSION} that this Mesh Studio reads; update Mesh Studio",
            mark.line,
            mark.column,
        )


def _check_unique_ids(data: dict[str, Any], source: SourceMap) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for section in ELEMENT_SECTIONS:
        for index, element in enumerate(data.get(section) or ()):
            element_id = element["id"]
            mark = source.mark((section, index, "id"))
            if element_id in seen:
                other_section, line = seen[element_id]
                raise LoadError(
                    Path(source.path),
                    f"duplicate id '{element_id}': already used on line {line} "
                    f"({other_section}); ids must be unique in the whole file",
                    mark.line,
                    mark.column,
                )
            seen[element_id] = (section, mark.line)
    views: dict[str, int] = {}
    for index, view in enumerate(data.get("views") or ()):
        mark = source.mark(("views", index, "id"))
        if view["id"] in views:
            raise LoadError(
                Path(source.path),
                f"duplicate view id '{view['id']}': already used on line {views[view['id']]}; "
                "each view needs its own id",
                mark.line,
                mark.column,
            )
        views[view["id"]] = mark.line


def _check_positions(data: dict[str, Any], source: SourceMap) -> None:
    """Positions are finite and in range: a ``.nan`` or ``1e308`` is valid YAML and passes the
    schema, but would put NaN into every SVG coordinate or make Graphviz allocate gigabytes."""
    layouts: list[tuple[tuple[str | int, ...], dict[str, Any]]] = [
        (("layout",), data.get("layout") or {})
    ]
    layouts += [
        (("views", index, "layout"), view.get("layout") or {})
        for index, view in enumerate(data.get("views") or ())
    ]
    for where, layout in layouts:
        for element_id, position in layout.items():
            for axis in ("x", "y"):
                value = position[axis]
                if not -MAX_COORDINATE <= value <= MAX_COORDINATE:  # False for NaN too
                    mark = source.mark((*where, element_id, axis))
                    raise LoadError(
                        Path(source.path),
                        f"layout position {axis}: {value} of '{element_id}' is not a "
                        f"number between -{MAX_COORDINATE:,} and {MAX_COORDINATE:,}",
                        mark.line,
                        mark.column,
                    )
