"""What commands write from hostile content stays safe: markup is text in SVG and HTML,
path-like names never become paths, remote ``$ref``s are refused with a message and never
fetched, and a diagram too big for a bitmap is refused instead of eating the memory."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from studio.cli import main
from tests.hostile.corpus import CASES, MARKUP, PATHS, REMOTE

CASE = {case.name: case for case in CASES}
SVG = "{http://www.w3.org/2000/svg}"
WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def run(*argv: str) -> int:
    return main(list(argv))


def written(case_name: str, tmp_path: Path, *commands: list[str]) -> Path:
    """Write the case into ``tmp_path/in``, run the commands on it; return ``tmp_path/out``."""
    folder = tmp_path / "in"
    folder.mkdir()
    CASE[case_name].write(folder)
    design = str(folder / "design.mesh.yaml")
    for command in commands:
        assert run(*[design if arg == "DESIGN" else arg for arg in command]) in (0, 1)
    return tmp_path / "out"


class Markup(HTMLParser):
    """Collects what a browser would run: script bodies, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.in_script = False
        self.scripts: list[str] = []
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.active.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)


def test_markup_in_names_is_text_in_the_diagram(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = written(
        "markup-in-names", tmp_path, ["render", "DESIGN", "-o", str(tmp_path / "out" / "mesh.svg")]
    )
    text = (out / "mesh.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert MARKUP not in text and "&lt;script&gt;" in text
    elements = list(root.iter())
    assert not [e for e in elements if e.tag in (f"{SVG}script", "script", f"{SVG}foreignObject")]
    assert not [(e.tag, a) for e in elements for a in e.attrib if a.lower().startswith("on")]
    shown = "".join(root.itertext())
    assert "<script>" in shown  # the name is shown, as the text it is


def test_markup_in_names_is_text_in_the_portal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = written(
        "markup-in-names",
        tmp_path,
        ["portal", "DESIGN", "-o", str(tmp_path / "out" / "portal"), "-q"],
    )
    pages = [*sorted((out / "portal").rglob("*.html")), out / "portal" / "assets" / "mesh.svg"]
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert MARKUP not in text and "onerror=alert(1)>" not in text, page
        parser = Markup()
        parser.feed(text)
        assert parser.active == [], page  # the broker's javascript: registry URL is no link
        assert not [s for s in parser.scripts if "pwned" in s and "\\u003cscript" not in s], page
    index = (out / "portal" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in index  # shown to the reader, as text


def test_path_like_names_never_become_paths(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = written(
        "path-like-names",
        tmp_path,
        ["export", "DESIGN", "-o", str(tmp_path / "out" / "specs")],
        ["portal", "DESIGN", "-o", str(tmp_path / "out" / "portal"), "-q"],
    )
    files = [p for p in out.rglob("*") if p.is_file()]
    subjects = list((out / "portal" / "subjects").glob("*.html"))
    assert len(subjects) >= len(PATHS)  # a page for each path-like subject, inside the portal
    for path in files:
        assert path.resolve().is_relative_to(out.resolve())
        assert "\\" not in path.name and not WINDOWS_DEVICES.match(path.name), path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_remote_refs_are_refused_with_a_message_and_never_fetched(
    tmp_path: Path,  # type: ignore[no-untyped-def]
    capsys,
) -> None:
    written("remote-refs", tmp_path)
    design = str(tmp_path / "in" / "design.mesh.yaml")
    assert run("validate", design) == 1
    report = capsys.readouterr().out
    for url in REMOTE:  # the registry's JSON Schemas
        lines = [line for line in report.splitlines() if url in line]
        assert any(
            "MS103" in line and "never fetches schemas from the network" in line for line in lines
        ), lines
    # and the payload schema written in the design (MS115)
    assert any(
        "warning MS115" in line and "never fetched" in line
        for line in report.splitlines()
        if REMOTE[0] in line
    )
    assert "imports 'https://evil.example/x.proto'" in report  # and a Protobuf import
    assert run("export", design, "-o", str(tmp_path / "out")) == 0
    notes = capsys.readouterr().out
    assert f"the reference '{REMOTE[0]}' leads outside the registry and is not followed" in notes
    # no_network (conftest) fails the test if anything tried to connect


def test_a_diagram_too_big_for_a_bitmap_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    design = tmp_path / "far.mesh.yaml"
    design.write_text(
        "meshStudio: 1\napplications:\n  - {id: a, name: A, kind: service}\n"
        "  - {id: b, name: B, kind: service}\n"
        "layout:\n  a: {x: -1000000, y: 0}\n  b: {x: 1000000, y: 1000000}\n",
        encoding="utf-8",
    )
    png = tmp_path / "far.png"
    assert run("render", str(design), "-o", str(png)) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"mesh-studio: {png}:1:1: the diagram is") and "SVG" in error
    assert not png.exists()
    assert run("render", str(design), "-o", str(tmp_path / "far.svg")) == 0


def test_escapes_in_names_cannot_drive_the_terminal(tmp_path: Path, capsys, write) -> None:  # type: ignore[no-untyped-def]
    # ESC [2J clears the screen, ESC ]0; retitles the terminal, U+202E reverses what follows
    design = write(
        "d.mesh.yaml",
        'meshStudio: 1\ninfo: {title: "Evil\\e[2J\\e]0;owned\\a'
        '\\u202e", version: "1"}\ntopics:\n  - id: t\n'
        '    address: "a\\e[31mred"\n',
    )
    assert run("info", str(design)) == 0
    assert run("validate", str(design)) == 0  # warnings about the topic quote its address
    out = capsys.readouterr().out
    assert not {"\x1b", "\x07", "\u202e"} & set(out)
    assert "Evil\\x1b[2J\\x1b]0;owned\\x07\\u202e" in out and "a\\x1b[31mred" in out
