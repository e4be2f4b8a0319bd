"""The catalogue filter in a real headless browser (Debian's chromium; `make test` installs it).

Chromium runs ``portal.js`` under the pages' Content-Security-Policy from ``file://`` and
``--dump-dom`` gives the DOM after it ran, so these tests see which rows the filter hid.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from studio.io.design_file import load_design
from studio.portal import publish_portal
from tests.conftest import SAMPLES
from tests.portal.conftest import Published
from tests.portal.html_check import scan_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The IoT sample only: one sample is enough to see the script work, and each browser
    start costs about a second."""
    path = SAMPLES / "iot-mesh.mesh.yaml"
    design = load_design(path).design
    root = tmp_path_factory.mktemp("browser") / "site"
    result = publish_portal(design, root, design_path=path)
    return Published(design, root, result, scan_site(root))


def dump_dom(url: str, profile: Path) -> str:
    assert CHROMIUM is not None, (
        "the portal's browser tests need Debian's chromium: "
        "`make test` installs it (apt-get install chromium)"
    )
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def rows(dom: str) -> tuple[set[str], set[str]]:
    """Ids of the catalogue rows shown and hidden."""
    shown, hidden = set(), set()
    for match in re.finditer(r'<tr id="(row-\d+)"([^>]*)>', dom):
        (hidden if "hidden" in match.group(2) else shown).add(match.group(1))
    return shown, hidden


def test_a_query_in_the_hash_filters_the_catalogue(published: Published, tmp_path: Path) -> None:
    topic = published.design.topics[0]
    url = (published.root / "index.html").resolve().as_uri() + f"#q={topic.address}"
    dom = dump_dom(url, tmp_path)
    shown, hidden = rows(dom)
    assert shown and hidden, "the script did not run or hid nothing"
    assert f'value="{topic.address}"' in dom or topic.address in dom
    assert re.search(r"\d+ of \d+ entries match", dom)
    assert (
        '<form class="filters" id="filters"' in dom
        and 'id="filters" role="search" aria-label="Filter the catalogue" hidden' not in dom
    )


def test_the_kind_filter_leaves_only_that_kind(published: Published, tmp_path: Path) -> None:
    url = (published.root / "index.html").resolve().as_uri() + "#kind=broker"
    dom = dump_dom(url, tmp_path)
    shown, _ = rows(dom)
    assert len(shown) == len(published.design.brokers)
    assert re.search(r'<section id="topics"[^>]*hidden', dom)
