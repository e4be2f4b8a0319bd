"""The samples' portals: a page for every element, links that resolve, accessible markup."""

from __future__ import annotations

import json

from studio.portal.paths import PagePaths
from studio.registry.file import load_registry
from tests.conftest import SAMPLES
from tests.portal.conftest import Published
from tests.portal.html_check import TAGS, broken_links


def test_every_relative_link_and_source_resolves_inside_the_portal(published: Published) -> None:
    assert published.scans, "no pages were written"
    assert broken_links(published.root, published.scans) == []


def test_a_page_exists_for_every_topic_application_message_broker_subject_and_view(
    published: Published,
) -> None:
    design, root = published.design, published.root
    paths = PagePaths()
    expected = [paths.topic(t.id) for t in design.topics]
    expected += [paths.application(a.id) for a in design.applications]
    expected += [paths.message(m.id) for m in design.messages]
    expected += [paths.broker(b.id) for b in design.brokers]
    expected += [paths.view(v.id) for v in design.views]
    registry = load_registry(SAMPLES / design.registry)[0] if design.registry else None
    subjects = set(registry.subjects) if registry else set()
    subjects |= {
        s.subject
        for m in design.messages
        for s in (m.payload, m.key, m.headers)
        if s is not None and hasattr(s, "subject")
    }
    expected += [paths.subject(s) for s in sorted(subjects)]
    for page in expected:
        assert (root / page).is_file(), page
    assert set(published.result.pages) == {"index.html", *expected}


def test_the_index_links_every_page_and_the_pages_are_reachable(published: Published) -> None:
    index = published.scans[(published.root / "index.html").resolve()]
    linked = {ref.split("#")[0] for ref in index.refs()}
    for page in published.result.pages:
        if page != "index.html":
            assert page in linked, page


def test_application_pages_link_their_exported_specs_for_download(published: Published) -> None:
    assert published.result.specs
    for spec in published.result.specs:
        assert (published.root / spec).is_file()
        app = spec.rsplit("/", 1)[1].rsplit(".", 1)[0]
        scan = published.scans[(published.root / "applications" / f"{app}.html").resolve()]
        links = [
            attrs for tag, attrs in scan.tags if tag == "a" and attrs.get("href") == f"../{spec}"
        ]
        assert links and all("download" in attrs for attrs in links), spec


def test_topic_pages_show_schema_versions_compatibility_and_how_to_consume(
    published: Published,
) -> None:
    design, root = published.design, published.root
    for topic in design.topics:
        text = " ".join((root / PagePaths().topic(topic.id)).read_text("utf-8").split())
        assert topic.address in text
        assert "How to subscribe" in text
        if any(
            m.payload is not None and hasattr(m.payload, "subject")
            for m in design.messages
            if m.id in topic.messages
        ):
            assert "Compatibility" in text and "Version pinned" in text


def test_every_page_is_accessible_markup(published: Published) -> None:
    for page, scan in published.scans.items():
        tags = [tag for tag, _ in scan.tags]
        html = next(attrs for tag, attrs in scan.tags if tag == "html")
        assert html.get("lang") == "en", page
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in tags, (page, landmark)
        assert scan.headings.count(1) == 1 and scan.headings[0] == 1, page
        for before, after in zip(scan.headings, scan.headings[1:], strict=False):
            assert after <= before + 1, (page, scan.headings)
        skip = next(attrs for tag, attrs in scan.tags if tag == "a")
        assert skip.get("href") == "#main" and "main" in scan.ids, page
        for tag, attrs in scan.tags:
            if tag == "th":
                assert attrs.get("scope") in ("col", "row"), page
            if tag == "img":
                assert attrs.get("alt"), page
            if tag in ("input", "select"):
                assert any(
                    t == "label" and a.get("for") == attrs.get("id") for t, a in scan.tags
                ), (page, attrs)
        assert set(tags) <= TAGS, (page, set(tags) - TAGS)


def test_the_catalogue_data_lists_every_row_of_the_index(published: Published) -> None:
    index = published.scans[(published.root / "index.html").resolve()]
    data = next(
        json.loads(text) for attrs, text in index.scripts if attrs.get("type") == "application/json"
    )
    rows = {entry["row"] for entry in data["entries"]}
    assert rows and rows <= index.ids
    kinds = {entry["kind"] for entry in data["entries"]}
    assert kinds == {"topic", "application", "message", "subject", "broker"}
    topics = [e for e in data["entries"] if e["kind"] == "topic"]
    assert all(e["brokers"] and e["protocols"] for e in topics)
    assert len(topics) == len(published.design.topics)


def test_a_view_page_draws_only_the_view_and_links_its_elements(published: Published) -> None:
    from studio.model.views import view_members
    from studio.portal.render import view_assets
    from studio.portal.site import Site

    design, root = published.design, published.root
    assert design.views, "each sample has a view"
    site = Site(design, None, None)
    for view in design.views:
        page = root / site.paths.view(view.id)
        members = view_members(design, view)
        svg = (root / "assets" / f"{view_assets(site, view)}.svg").read_text(encoding="utf-8")
        for topic in design.topics:
            assert (topic.address in svg) == (topic.id in members), topic.id
        html = page.read_text(encoding="utf-8")
        for topic_id in (t.id for t in design.topics if t.id in members):
            assert f'href="../{site.paths.topic(topic_id)}"' in html
        index = (root / "index.html").read_text(encoding="utf-8")
        assert f'href="{site.paths.view(view.id)}"' in index
