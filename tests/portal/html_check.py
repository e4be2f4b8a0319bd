"""Reading a published portal back with the standard library's HTML parser.

``PageScan`` records what the tests assert on: every tag with its attributes, the ids a page
defines, the links and sources it refers to, its headings and the text of its script blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# every element the portal's templates use: anything else in a page came from a design
TAGS = frozenset(
    {
        "html",
        "head",
        "meta",
        "title",
        "link",
        "body",
        "a",
        "span",
        "header",
        "div",
        "nav",
        "ul",
        "ol",
        "li",
        "main",
        "footer",
        "script",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "pre",
        "details",
        "summary",
        "figure",
        "figcaption",
        "img",
        "form",
        "label",
        "input",
        "select",
        "option",
        "button",
        "strong",
    }
)


@dataclass
class PageScan:
    path: Path
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    headings: list[int] = field(default_factory=list)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def refs(self) -> list[str]:
        return [attrs[name] for _, attrs in self.tags for name in ("href", "src") if name in attrs]


class _Parser(HTMLParser):
    def __init__(self, scan: PageScan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.scan.tags.append((tag, values))
        if "id" in values:
            self.scan.ids.add(values["id"])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.scan.headings.append(int(tag[1]))
        if tag == "script":
            self._script, self._script_text = values, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scan.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.scan.text.append(data)


def scan_page(path: Path) -> PageScan:
    scan = PageScan(path)
    parser = _Parser(scan)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return scan


def scan_site(root: Path) -> dict[Path, PageScan]:
    return {page.resolve(): scan_page(page) for page in sorted(root.rglob("*.html"))}


def broken_links(root: Path, scans: dict[Path, PageScan]) -> list[str]:
    """Every relative href/src that does not lead to a file (and fragment) inside ``root``."""
    problems = []
    base = root.resolve()
    for page, scan in scans.items():
        for ref in scan.refs():
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                problems.append(f"{page}: external or scheme link {ref!r}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_relative_to(base) or not target.is_file():
                problems.append(f"{page}: {ref!r} does not resolve inside the portal")
                continue
            if parts.fragment and target.suffix == ".html" and "=" not in parts.fragment:
                target_scan = scans.get(target) or scan_page(target)
                if parts.fragment not in target_scan.ids:
                    problems.append(f"{page}: {ref!r} names a missing fragment")
    return problems
