"""Hostile names, descriptions, schemas and examples stay text: no markup, no script runs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studio.io.design_file import load_design
from studio.portal import publish_portal
from tests.portal.hostile import ALL, CLOSE, SCRIPT, write_hostile
from tests.portal.html_check import TAGS, PageScan, broken_links, scan_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[Path, PageScan]]:
    folder = tmp_path_factory.mktemp("hostile")
    design_path = write_hostile(folder / "design")
    before = _files(folder)
    root = folder / "portal"
    publish_portal(load_design(design_path).design, root, design_path=design_path)
    after = _files(folder)
    outside = {p for p in after - before if not p.is_relative_to(root)}
    assert outside == set(), "the portal wrote outside its folder"
    return folder, root, scan_site(root)


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_no_page_holds_raw_control_characters(site) -> None:
    _, root, _ = site
    pages = list(root.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), page
    topic = next(p for p in pages if "orders" in p.name and "topic" in p.as_posix())
    assert "escape\\x1b[31m null\\x00" in topic.read_text(encoding="utf-8")


def test_only_the_portals_own_scripts_exist(site) -> None:
    _, _, scans = site
    for page, scan in scans.items():
        for attrs, text in scan.scripts:
            own_code = attrs.get("src", "").endswith("assets/portal.js") and not text.strip()
            own_data = attrs == {"type": "application/json", "id": "catalogue-data"}
            assert own_code or own_data, (page, attrs, text[:80])


def test_no_event_handler_attributes_tags_or_script_urls(site) -> None:
    _, root, scans = site
    for page, scan in scans.items():
        for tag, attrs in scan.tags:
            assert tag in TAGS, (page, tag)
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)
            assert "style" not in attrs and tag != "style", (page, tag)  # strict CSP
            for name in ("href", "src", "action"):
                assert (
                    not attrs.get(name, "")
                    .strip()
                    .lower()
                    .startswith(("javascript:", "data:", "vbscript:"))
                ), (page, attrs)
    assert broken_links(root, scans) == []


def test_hostile_text_is_shown_as_text(site) -> None:
    _, root, scans = site
    index = scans[(root / "index.html").resolve()]
    shown = "".join(index.text)
    assert SCRIPT in shown and CLOSE in shown  # escaped, not dropped
    topic = scans[(root / "topics" / "orders.html").resolve()]
    assert CLOSE in "".join(topic.text)  # the schema doc and the example


def test_the_catalogue_data_cannot_close_its_script_block(site) -> None:
    _, root, _ = site
    raw = (root / "index.html").read_text("utf-8")
    block = raw.split('<script type="application/json" id="catalogue-data">', 1)[1]
    data_text = block.split("</script>", 1)[0]
    assert "<" not in data_text and ">" not in data_text
    data = json.loads(data_text)
    assert any(CLOSE.lower() in e["text"] for e in data["entries"])


def test_subject_pages_have_safe_names_inside_the_portal(site) -> None:
    _, root, _ = site
    subjects = sorted(p.name for p in (root / "subjects").iterdir())
    assert len(subjects) == 2
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_.-]*\.html", name) for name in subjects)


def test_the_diagram_svg_and_its_stylesheet_carry_no_markup_from_the_design(site) -> None:
    _, root, _ = site
    svg = ET.parse(root / "assets" / "mesh.svg").getroot()
    for element in svg.iter():
        assert not element.tag.endswith(("script", "foreignObject")), element.tag
        assert not [a for a in element.attrib if a.lower().startswith("on")]
    rules = (root / "assets" / "diagram.css").read_text("utf-8").splitlines()[1:]
    rule = re.compile(r"\.hs-\d+\{left:-?[\d.]+%;top:-?[\d.]+%;width:[\d.]+%;height:[\d.]+%\}")
    assert rules and all(rule.fullmatch(line) for line in rules if line)


@pytest.mark.parametrize("text", ALL)
def test_no_page_holds_a_hostile_string_unescaped(site, text: str) -> None:
    _, root, _ = site
    for page in root.rglob("*.html"):
        assert text not in page.read_text("utf-8"), page
