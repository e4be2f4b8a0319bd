"""Search (Ctrl+F): typing finds by name, id, address and subject; Enter reveals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from studio.gui.main_window import MainWindow
from tests.gui.conftest import ERP, press


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    win.show()
    assert win.open_file(ERP)
    yield win
    win.problems.wait()
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SAP S/4", "erp"),  # a name
        ("erp.product.changed", "product-changed"),  # an address
        ("erp.customer.changed.v1-value", "customer-changed-event"),  # a subject
        ("update-customer", "update-customer"),  # an id
        ("PUT /customers", "update-customer"),  # method and path
    ],
)
def test_matches(window: MainWindow, query: str, expected: str) -> None:
    assert expected in window.search.matches(query)


def test_ctrl_f_type_enter_reveals(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    press(window, window.menu_actions.find)
    assert window.search.hasFocus() or window.search.isActiveWindow()
    QTest.keyClicks(window.search, "Fulfilment service")
    popup = window.search.completer().popup()
    assert popup.isVisible()
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert not popup.isVisible()  # chosen: the list of matches no longer covers the canvas
    assert window.scene.selected_ids() == ["fulfilment"]
    assert window.properties.shown_id == "fulfilment"


def test_enter_on_text_nothing_matches_says_so(window: MainWindow) -> None:
    window.scene.select_ids(["erp"])
    press(window, window.menu_actions.find)
    QTest.keyClicks(window.search, "no-such-thing")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "Nothing matches 'no-such-thing'."
    assert window.scene.selected_ids() == ["erp"]


def test_new_elements_are_found_after_an_edit(window: MainWindow) -> None:
    window.edits.add_at_centre("client")
    assert "client" in window.search.matches("New client")
