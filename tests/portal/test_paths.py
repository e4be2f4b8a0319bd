"""Page names are safe whatever the ids and subjects, and nothing is written outside DIR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio.errors import LoadError
from studio.io.design_file import load_design
from studio.portal import publish_portal
from studio.portal.paths import PagePaths, inside, root_of, safe_stem
from tests.conftest import SAMPLES


@pytest.mark.parametrize("name", ["orders", "erp.customer.changed.v1-value", "a_b-c.d"])
def test_plain_names_are_kept(name: str) -> None:
    assert safe_stem(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/abs/path",
        "a/b",
        "Com.Acme.Order",
        "con",
        "nul.txt",
        "x..y",
        "trailing.",
        ".hidden",
        "",
        "with space",
        "\u00fcml\u00e4ut",
        "a\\b",
        "\x00",
        "z" * 300,
    ],
)
def test_other_names_become_a_slug_with_a_hash(name: str) -> None:
    stem = safe_stem(name)
    assert stem != name
    assert "/" not in stem and "\\" not in stem and ".." not in stem
    assert stem[0].isalnum() and len(stem) <= 60


def test_names_differing_only_in_case_get_different_pages() -> None:
    paths = PagePaths()
    assert paths.subject("Orders").lower() != paths.subject("orders").lower()
    assert paths.subject("Orders") == paths.subject("Orders")


def test_root_prefix_leads_back_to_the_top() -> None:
    assert root_of("index.html") == ""
    assert root_of("topics/x.html") == "../"


@pytest.mark.parametrize("name", ["../x.html", "/etc/x.html", "a/../../x.html", "a\\..\\x"])
def test_inside_refuses_names_that_climb(tmp_path: Path, name: str) -> None:
    with pytest.raises(LoadError):
        inside(tmp_path, name)


def test_a_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "portal"
    root.mkdir()
    os.symlink(outside, root / "topics")
    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    with pytest.raises(LoadError, match="leads outside"):
        publish_portal(design, root, design_path=SAMPLES / "erp-mesh.mesh.yaml")
    assert list(outside.iterdir()) == []


def test_a_symlinked_specs_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "portal"
    root.mkdir()
    os.symlink(outside, root / "specs")
    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    with pytest.raises(LoadError, match="leads outside"):
        publish_portal(design, root)
    assert list(outside.iterdir()) == []


def test_a_symlinked_page_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    root = tmp_path / "portal"
    (root / "topics").mkdir(parents=True)
    os.symlink(victim, root / "topics" / "customer-changed.html")
    design = load_design(SAMPLES / "erp-mesh.mesh.yaml").design
    with pytest.raises(LoadError, match="leads outside"):
        publish_portal(design, root)
    assert victim.read_text(encoding="utf-8") == "keep me"
