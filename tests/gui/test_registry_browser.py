"""The Registry browser: subjects, versions, schema text, comparison verdicts, assignment."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest

from studio.gui.panels.registry_browser import RegistryBrowser, aligned_diff
from studio.registry import load_registry
from studio.registry.model import Registry, SchemaVersion, Subject
from tests.conftest import SAMPLES

CUSTOMER = "erp.customer.changed.v1-value"


def avro(*fields: tuple[str, str]) -> str:
    return json.dumps(
        {"type": "record", "name": "R", "fields": [{"name": n, "type": t} for n, t in fields]}
    )


@pytest.fixture
def browser(qtbot) -> RegistryBrowser:  # type: ignore[no-untyped-def]
    widget = RegistryBrowser()
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.set_registry(load_registry(SAMPLES / "registry.yaml")[0])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_subject(browser: RegistryBrowser, name: str) -> None:
    tree = browser.subject_tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == name
    )
    tree.scrollToItem(item)
    QTest.mouseClick(
        tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tree.visualItemRect(item).center(),
    )


def version_labels(browser: RegistryBrowser) -> list[str]:
    return [browser.version_list.item(i).text() for i in range(browser.version_list.count())]


def test_subjects_listed_with_type_and_level(browser: RegistryBrowser) -> None:
    assert CUSTOMER in browser.subjects()
    assert "acme/common/money.proto" in browser.subjects()
    assert len(browser.subjects()) == 7
    tree = browser.subject_tree
    row = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == CUSTOMER
    )
    assert (row.text(1), row.text(2)) == ("AVRO", "FULL_TRANSITIVE")


def test_typing_in_the_filter_narrows_the_list(browser: RegistryBrowser, qtbot) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(browser.filter, "ERP.CUSTOMER")  # case-insensitive, anywhere in the name
    assert browser.subjects() == ["com.acme.erp.Customer", "erp.customer.changed.v1-key", CUSTOMER]
    QTest.keyClicks(browser.filter, ".changed")
    assert browser.subjects() == ["erp.customer.changed.v1-key", CUSTOMER]
    browser.filter.clear()
    assert len(browser.subjects()) == 7


def test_clicking_a_subject_lists_versions_with_the_deleted_one_greyed(
    browser: RegistryBrowser,
) -> None:
    click_subject(browser, CUSTOMER)
    assert browser.current_subject() == CUSTOMER
    assert version_labels(browser) == ["latest (v4)", "v4", "v3 (deleted)", "v2", "v1"]
    deleted = browser.version_list.item(2)
    disabled = browser.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert deleted.foreground().color() == disabled
    # the latest entry is selected first and shows the newest live schema, indented
    assert browser.current_version() == "latest"
    assert browser.schema_text.startswith("{\n  ")
    assert json.loads(browser.schema_text) == json.loads(
        browser.registry.subjects[CUSTOMER].get(4).schema
    )  # type: ignore[union-attr]


def test_selecting_versions_shows_their_schema(browser: RegistryBrowser) -> None:
    click_subject(browser, CUSTOMER)
    list_widget = browser.version_list
    QTest.mouseClick(
        list_widget.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        list_widget.visualItemRect(list_widget.item(2)).center(),
    )
    assert browser.current_version() == 3
    assert json.loads(browser.schema_text) == json.loads(
        browser.registry.subjects[CUSTOMER].get(3).schema
    )  # type: ignore[union-attr]
    assert not browser.assign_button.isEnabled()  # a deleted version is not assignable
    browser.select_subject("acme/common/money.proto")
    assert browser.select_version(1)
    assert browser.schema_text.startswith('syntax = "proto3";')  # Protobuf stays as written


def test_compare_of_sample_versions_is_compatible_and_diffed(browser: RegistryBrowser) -> None:
    browser.select_subject(CUSTOMER)
    browser.tabs.setCurrentIndex(1)
    # the default pair is the oldest and the newest live version
    assert (browser.combo_a.currentData(), browser.combo_b.currentData()) == (1, 4)
    assert browser.compare(1, 4) == "compatible under FULL_TRANSITIVE"
    left, right = browser.diff_a.toPlainText(), browser.diff_b.toPlainText()
    assert left.count("\n") == right.count("\n")  # aligned row for row
    assert left != right
    assert browser.diff_b.extraSelections()  # the added lines are marked


def test_incompatible_versions_say_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    registry = Registry(
        subjects={
            "t-value": Subject(
                "t-value",
                [
                    SchemaVersion(1, avro(("a", "int"))),
                    SchemaVersion(2, avro(("a", "int"), ("b", "string"))),
                ],
                "BACKWARD",
            )
        }
    )
    browser = RegistryBrowser()
    qtbot.addWidget(browser)
    browser.set_registry(registry)
    browser.select_subject("t-value")
    text = browser.compare(1, 2)
    assert text.startswith("not compatible under BACKWARD: ")
    assert "R.b (READER_FIELD_MISSING_DEFAULT_VALUE)" in text
    assert browser.verdict_text == text
    # the reverse direction only drops a field, which BACKWARD allows
    assert browser.compare(2, 1) == "compatible under BACKWARD"


def test_assign_button_emits_subject_and_version(browser: RegistryBrowser, qtbot) -> None:  # type: ignore[no-untyped-def]
    click_subject(browser, CUSTOMER)
    with qtbot.waitSignal(browser.assign_requested, timeout=1000) as blocker:
        qtbot.mouseClick(browser.assign_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [CUSTOMER, "latest"]
    browser.select_version(2)
    with qtbot.waitSignal(browser.assign_requested, timeout=1000) as blocker:
        qtbot.mouseClick(browser.assign_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [CUSTOMER, 2]


def test_no_registry_shows_the_problem_and_reload_keeps_selection(browser: RegistryBrowser) -> None:
    browser.select_subject(CUSTOMER)
    registry = browser.registry
    browser.set_registry(None, "registry.yaml, line 3: expected a mapping")
    assert browser.stack.currentWidget() is browser.notice
    assert browser.notice.text() == "registry.yaml, line 3: expected a mapping"
    assert browser.subjects() == []
    browser.set_registry(None)
    assert "No registry file" in browser.notice.text()
    browser.set_registry(registry)
    browser.select_subject(CUSTOMER)
    browser.set_registry(registry)  # reloading the same file keeps the place
    assert browser.current_subject() == CUSTOMER
    assert browser.stack.currentWidget() is not browser.notice


def test_aligned_diff_pads_so_equal_lines_match() -> None:
    left, right, removed, added = aligned_diff("a\nb\nc", "a\nx\ny\nc")
    assert left == ["a", "b", "", "c"]
    assert right == ["a", "x", "y", "c"]
    assert (removed, added) == ({1}, {1, 2})
