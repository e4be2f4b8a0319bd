"""Printing a .proto syntax tree back to text, for ``protobuf_text``.

proto-schema-parser's generator, with blank lines between top-level parts and the options it
drops (file options with identifiers, map field and enum value options).
"""

from __future__ import annotations

from typing import Any

from proto_schema_parser import ast
from proto_schema_parser.generator import Generator

from studio.export.proto_index import ProtobufInlineError


class ProtoPrinter(Generator):  # type: ignore[misc]
    """proto-schema-parser's generator, with blank lines between top-level parts and the
    options it drops (file options with identifiers, map field and enum value options)."""

    def generate(self, file: ast.File) -> str:
        lines = [f'syntax = "{file.syntax}";' if file.syntax else f'edition = "{file.edition}";']
        previous: Any = None
        for element in file.file_elements:
            if isinstance(element, ast.Comment) and element.inline:
                lines[-1] = f"{lines[-1]} {element.text}"
                continue
            if not (
                isinstance(previous, ast.Comment)
                or (
                    type(previous) is type(element)
                    and isinstance(element, (ast.Import, ast.Option))
                )
            ):
                lines.append("")
            lines.append(self._top_level(element))
            previous = element
        return "\n".join(lines) + "\n"

    def _top_level(self, element: Any) -> str:
        if isinstance(element, ast.Package):
            return f"package {element.name};"
        if isinstance(element, ast.Import):
            modifier = "weak " if element.weak else "public " if element.public else ""
            return f'import {modifier}"{element.name}";'
        if isinstance(element, ast.Option):
            return str(self._generate_option(element))
        if isinstance(element, ast.Comment):
            return str(self._generate_comment(element))
        if isinstance(element, ast.Message):
            return str(self._generate_message(element))
        if isinstance(element, ast.Enum):
            return str(self._generate_enum(element))
        if isinstance(element, ast.Service):
            return str(self._generate_service(element))
        raise ProtobufInlineError(f"cannot print {type(element).__name__}")

    def _options(self, options: list[ast.Option], indent_level: int) -> str:
        if not options:
            return ""
        return (
            " ["
            + ", ".join(
                f"{o.name} = {self._generate_option_value(o.value, indent_level, inline=True)}"
                for o in options
            )
            + "]"
        )

    def _generate_map_field(self, map_field: ast.MapField, indent_level: int = 0) -> str:
        return (
            f"{'  ' * indent_level}map<{map_field.key_type}, {map_field.value_type}> "
            f"{map_field.name} = {map_field.number}"
            f"{self._options(map_field.options, indent_level)};"
        )

    def _generate_enum(self, enum: ast.Enum, indent_level: int = 0) -> str:
        lines = [f"{'  ' * indent_level}enum {enum.name} {{"]
        for element in enum.elements:
            if isinstance(element, ast.EnumValue):
                lines.append(
                    f"{'  ' * (indent_level + 1)}{element.name} = {element.number}"
                    f"{self._options(element.options, indent_level + 1)};"
                )
            elif isinstance(element, ast.EnumReserved):
                lines.append(self._generate_enum_reserved(element, indent_level + 1))
            elif isinstance(element, ast.Option):
                lines.append(self._generate_option(element, indent_level + 1))
            elif isinstance(element, ast.Comment) and element.inline:
                lines[-1] = f"{lines[-1]} {element.text}"
            elif isinstance(element, ast.Comment):
                lines.append(self._generate_comment(element, indent_level + 1))
        lines.append(f"{'  ' * indent_level}}}")
        return "\n".join(lines)
