"""One self-contained .proto text that AsyncAPI's Protobuf schema parser reads.

The official ``@asyncapi/protobuf-schema-parser`` (built on protobufjs) reads one text. It loads
only the imports it bundles (the ``google/protobuf`` well-known types, ``google/type``,
protoc-gen-validate) and fails on any other; and it takes as the payload the one message that no
other message of the text uses by its short name, or else the one whose comment says
``@RootNode``. A registry schema that imports other subjects is therefore written as one text:
the imported messages and enums it uses move into its package (renamed only on a clash, as
``AcmeCommonMoney``) and every reference to them is rewritten to a name that resolves to them
both under protoc's scoping rules and under protobufjs's. The payload message (the first, as
Confluent serialisers take it) is marked ``@RootNode`` when the parser would not find it
otherwise. Field names, numbers and types stay, so the wire format is the registered one; only
the full names of moved types change.

What cannot be written so (imports of another syntax, extensions, an import neither registered
nor bundled, a type that does not resolve) raises ``ProtobufInlineError``. No library merges
.proto files into one text; this works on proto-schema-parser's syntax tree (indexed by
``proto_index``) and prints it with its generator (``proto_printer``, mended where it drops
options).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from proto_schema_parser import ast

from studio.export.proto_index import (
    BUNDLED_IMPORTS,
    EXTERNAL_TYPES,
    ROOT_NODE,
    ProtobufInlineError,
    ProtoIndex,
)
from studio.export.proto_printer import ProtoPrinter
from studio.export.protobuf_json import (
    ProtobufConversionError,
    imported_files,
    join,
    package_of,
    parse_proto,
)
from studio.registry.protobuf_model import SCALARS


def self_contained(text: str, imports: Mapping[str, str] = {}) -> str:
    """``text`` as the Protobuf schema parser reads it, with the imported types it uses inlined.

    ``imports`` maps import paths to .proto texts (the whole closure of registry references).
    A text with no import to inline, whose payload the parser finds, comes back unchanged.
    """
    try:
        root = parse_proto(text)
        if not any(
            isinstance(e, ast.Import) and e.name not in BUNDLED_IMPORTS for e in root.file_elements
        ) and _payload_found(root):
            return text
        files = [copy.deepcopy(root)]
        kept_imports = _load_imports(root, imports, files)
    except ProtobufConversionError as exc:
        raise ProtobufInlineError(f"it does not parse ({exc})") from exc
    return _Inliner(files, kept_imports).text()


def _load_imports(root: ast.File, imports: Mapping[str, str], files: list[ast.File]) -> list[str]:
    """Append the imported files to ``files``; the bundled imports to keep, in order."""
    kept: list[str] = []
    for name, imported in imported_files(root, imports, unfollowed=BUNDLED_IMPORTS):
        if name in BUNDLED_IMPORTS:
            kept.append(name)
        elif imported is not None:
            files.append(copy.deepcopy(imported))
        else:
            raise ProtobufInlineError(
                f"the import '{name}' is neither among the schema's "
                "registry references nor bundled with the parser"
            )
    syntax = _syntax(root)
    for file in files[1:]:
        if _syntax(file) != syntax:
            raise ProtobufInlineError(
                f"an import is written in {_syntax(file)}, the schema in "
                f"{syntax}, and one text has one syntax"
            )
        if any(isinstance(e, (ast.Extension, ast.Service)) for e in file.file_elements):
            raise ProtobufInlineError("an import defines extensions or services")
    return kept


class _Inliner:
    def __init__(self, files: list[ast.File], kept_imports: list[str]) -> None:
        self.files = files
        self.kept_imports = kept_imports
        self.package = package_of(files[0])
        self.before = ProtoIndex(files)
        self.payload = _payload(files[0], self.package)
        # every reference with the type it denotes in the files as registered
        self.references: list[tuple[Any, str, str, str]] = []  # (holder, attribute, scope, target)
        for holder, attribute, scope in _references(files):
            name = getattr(holder, attribute)
            target = self.before.resolve(name, scope) or self.before.resolve_like_protobufjs(
                name, scope
            )
            if target is None:
                raise ProtobufInlineError(
                    f"the type '{name}' is not defined in the schema or its imports"
                )
            self.references.append((holder, attribute, scope, target))

    def text(self) -> str:
        moved = self._moved()
        renames = self._renames(moved)
        elements = self._elements(moved, renames)
        merged = ast.File(
            syntax=self.files[0].syntax, edition=self.files[0].edition, file_elements=elements
        )
        after = ProtoIndex([merged])
        for holder, attribute, scope, target in self.references:
            new_target = _renamed(target, renames)
            new_scope = _renamed(scope, renames)
            setattr(
                holder,
                attribute,
                self._write(after, getattr(holder, attribute), new_scope, new_target),
            )
        _mark_payload(merged, self.package)
        return ProtoPrinter().generate(merged)

    def _moved(self) -> list[str]:
        """The imported top-level types the schema uses, directly or through others."""
        by_scope: dict[str, list[str]] = {}
        for _, _, scope, target in self.references:
            by_scope.setdefault(self._top_of(scope), []).append(target)
        tops = [d.top for d in self.before.definitions.values() if d.file == 0]
        moved: list[str] = []
        pending = list(dict.fromkeys(tops))
        seen = set(pending)
        while pending:
            top = pending.pop(0)
            for target in by_scope.get(top, []):
                definition = self.before.definitions.get(target)
                if definition is not None and definition.top not in seen:
                    seen.add(definition.top)
                    pending.append(definition.top)
                    moved.append(definition.top)
        order = list(self.before.definitions)
        return sorted(moved, key=order.index)

    def _top_of(self, scope: str) -> str:
        definition = self.before.definitions.get(scope)
        return definition.top if definition else scope

    def _renames(self, moved: list[str]) -> dict[str, str]:
        taken = {"google"}
        for element in self.files[0].file_elements:
            if isinstance(element, (ast.Message, ast.Enum)):
                taken.add(element.name)
                taken.update(_enum_values(element))
        renames: dict[str, str] = {}
        for top in moved:
            node = self.before.definitions[top].node
            name = node.name
            if name in taken:
                prefix = "".join(p[:1].upper() + p[1:] for p in top.split(".")[:-1])
                name, number = prefix + node.name, 2
                while name in taken:
                    name, number = f"{prefix}{node.name}{number}", number + 1
            values = _enum_values(node)
            if values & taken or name in values:
                raise ProtobufInlineError(
                    f"the values of the enum '{top}' clash with names of the schema's package"
                )
            taken.add(name)
            taken.update(values)
            renames[top] = join(self.package, name)
        return renames

    def _elements(self, moved: list[str], renames: dict[str, str]) -> list[Any]:
        elements: list[Any] = []
        imports_at: int | None = None
        for element in self.files[0].file_elements:
            if isinstance(element, ast.Import):
                imports_at = len(elements) if imports_at is None else imports_at
            else:
                elements.append(element)
        at = imports_at if imports_at is not None else _after_package(elements)
        elements[at:at] = [ast.Import(name) for name in self.kept_imports]
        for top in moved:
            definition = self.before.definitions[top]
            file = self.files[definition.file].file_elements
            position = next(i for i, e in enumerate(file) if e is definition.node)
            start = position
            while start > 0 and _comment(file[start - 1], inline=False):
                start -= 1
            end = position + 1
            if end < len(file) and _comment(file[end], inline=True):
                end += 1
            definition.node.name = renames[top].rpartition(".")[2]
            elements += file[start:end]
        return elements

    def _write(self, after: ProtoIndex, written: str, scope: str, target: str) -> str:
        """The name to write for ``target`` inside ``scope``: as registered when that still
        means it, else the shortest that does, else the full name."""
        if target == self.payload and scope != self.payload:
            return "." + target  # a short-name use would hide the payload from the parser
        if target in EXTERNAL_TYPES and not written.startswith("."):
            candidates = [written, target]
        else:
            parts = target.split(".")
            candidates = [written] + [".".join(parts[i:]) for i in range(len(parts) - 1, -1, -1)]
        for candidate in candidates:
            if (
                after.resolve(candidate, scope) == target
                and after.resolve_like_protobufjs(candidate, scope) == target
            ):
                return candidate
        return "." + target


def _references(files: list[ast.File]) -> Iterator[tuple[Any, str, str]]:
    """Every type reference of the files: (holder, attribute, scope it is resolved in)."""
    for file in files:
        package = package_of(file)
        for element in file.file_elements:
            if isinstance(element, ast.Message):
                yield from _message_references(element, join(package, element.name))
            elif isinstance(element, ast.Service):
                for method in element.elements:
                    if isinstance(method, ast.Method):
                        yield method.input_type, "type", package
                        yield method.output_type, "type", package
            elif isinstance(element, ast.Extension):
                raise ProtobufInlineError("the schema extends another message")


def _message_references(message: ast.Message, scope: str) -> Iterator[tuple[Any, str, str]]:
    for element in message.elements:
        fields = element.elements if isinstance(element, ast.OneOf) else [element]
        for field in fields:
            if isinstance(field, ast.Field) and field.type not in SCALARS:
                yield field, "type", scope
            elif isinstance(field, ast.MapField) and field.value_type not in SCALARS:
                yield field, "value_type", scope
            elif isinstance(field, (ast.Group, ast.Extension)):
                raise ProtobufInlineError("the schema uses groups or extensions")
        if isinstance(element, ast.Message):
            yield from _message_references(element, join(scope, element.name))


def _renamed(fullname: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        if fullname == old or fullname.startswith(old + "."):
            return new + fullname[len(old) :]
    return fullname


def _comment(element: Any, inline: bool) -> bool:
    return isinstance(element, ast.Comment) and element.inline == inline


def _enum_values(node: ast.Message | ast.Enum) -> set[str]:
    if isinstance(node, ast.Enum):
        return {v.name for v in node.elements if isinstance(v, ast.EnumValue)}
    return set()


def _after_package(elements: list[Any]) -> int:
    for index, element in enumerate(elements):
        if isinstance(element, ast.Package):
            return index + 1
    return 0


def _syntax(file: ast.File) -> str:
    return (file.edition and f"edition {file.edition}") or file.syntax or "proto2"


# ---- how the parser picks the payload --------------------------------------------------------


def _payload(file: ast.File, package: str) -> str:
    first = next((e for e in file.file_elements if isinstance(e, ast.Message)), None)
    if first is None:
        raise ProtobufInlineError("the schema defines no message")
    return join(package, first.name)


def root_candidates(file: ast.File) -> list[tuple[str, ast.Message, str | None]]:
    """The messages the parser may take as the payload, with their comments: those no other
    message uses by the short name (protobufjs's ``findRootItem``)."""
    messages = list(_messages(file.file_elements, package_of(file)))
    used: dict[str, set[str]] = {}
    for _, message, _ in messages:
        for element in message.elements:
            fields = element.elements if isinstance(element, ast.OneOf) else [element]
            for field in fields:
                if isinstance(field, ast.Field):
                    used.setdefault(field.type, set()).add(message.name)
                elif isinstance(field, ast.MapField):
                    used.setdefault(field.value_type, set()).add(message.name)
    return [
        (fullname, message, comment)
        for fullname, message, comment in messages
        if not used.get(message.name) or used[message.name] == {message.name}
    ]


def _messages(elements: list[Any], scope: str) -> Iterator[tuple[str, ast.Message, str | None]]:
    comments: list[str] = []
    for element in elements:
        if isinstance(element, ast.Comment):
            if not element.inline:
                comments.append(element.text)
            continue
        if isinstance(element, ast.Message):
            fullname = join(scope, element.name)
            yield fullname, element, "\n".join(comments) or None
            yield from _messages(element.elements, fullname)
        comments = []


def _payload_found(file: ast.File) -> bool:
    """Whether the parser takes the first message as the payload of ``file`` as it is."""
    try:
        payload = _payload(file, package_of(file))
    except ProtobufInlineError:
        return True  # nothing to mend; the caller reports it
    candidates = root_candidates(file)
    names = [fullname for fullname, _, _ in candidates]
    if names == [payload]:
        return True
    marked = [f for f, _, comment in candidates if comment and ROOT_NODE in comment]
    return payload in names and marked == [payload]


def _mark_payload(file: ast.File, package: str) -> None:
    """Add ``// @RootNode`` before the payload when the parser would not pick it."""
    if _payload_found(file):
        return
    payload = _payload(file, package)
    candidates = root_candidates(file)
    if payload not in [f for f, _, _ in candidates] or any(
        comment and ROOT_NODE in comment for f, _, comment in candidates if f != payload
    ):
        raise ProtobufInlineError("the parser would not take the first message as the payload")
    index = next(
        i
        for i, e in enumerate(file.file_elements)
        if isinstance(e, ast.Message) and join(package, e.name) == payload
    )
    file.file_elements.insert(index, ast.Comment(f"// {ROOT_NODE}"))
