"""Right-click menus on the canvas, chosen with real mouse clicks: an element's, a link's and
the empty canvas's entries change the Document (one undo step each) and the scene."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from studio.gui.main_window import MainWindow
from studio.model import Application, Topic
from studio.model.relations import PUBLISHES, SUBSCRIBES, Link
from tests.gui.conftest import press


def view_point(win: MainWindow, scene_point: QPointF) -> QPoint:
    win.view.centerOn(scene_point)
    QApplication.processEvents()
    return win.view.mapFromScene(scene_point)


def centre(win: MainWindow, element_id: str) -> QPointF:
    item = win.scene.nodes.get(element_id) or win.scene.frames[element_id]
    return item.mapToScene(item.size.center())


def right_click(win: MainWindow, point: QPoint) -> QMenu:
    """Right-click on the canvas and return the menu that popped up."""
    QTest.mouseClick(
        win.view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point
    )
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu), "no context menu popped up"
    return menu


def entry(menu: QMenu, text: str) -> QAction:
    found = [a for a in menu.actions() if a.text().replace("&", "").startswith(text)]
    assert found, f"no '{text}' in {[a.text() for a in menu.actions()]}"
    return found[0]


def texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def choose(menu: QMenu, *path: str) -> None:
    """Click the entries of ``path`` in turn (a submenu, then its entry), as a user does."""
    for text in path:
        action = entry(menu, text)
        assert action.isEnabled(), f"'{text}' is disabled"
        at = menu.actionGeometry(action).center()
        QTest.mouseMove(menu, at)  # the pointer goes there first (a submenu opens on it)
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        if action.menu() is not None:
            menu = action.menu()
            assert menu.isVisible(), f"submenu '{text}' did not open"
    QApplication.processEvents()


def entries(menu: QMenu) -> set[str]:
    return {t.split("\t")[0] for t in texts(menu)}


def undo_steps(win: MainWindow) -> int:
    return win.undo_stack.count()


def test_right_click_on_an_element_selects_it_and_delete_removes_it(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.scene.select_ids(["erp"])
    menu = right_click(win, view_point(win, centre(win, "customer-changed")))
    assert win.scene.selected_ids() == ["customer-changed"]  # selected first, as desktops do
    assert {
        "Edit Address",
        "Delete",
        "Connect to…",
        "Add Message",
        "Bring into Broker",
        "Properties",
    } <= entries(menu)
    assert entry(menu, "Delete") is win.menu_actions.delete  # the window's action, not a copy
    choose(menu, "Delete")
    assert "customer-changed" not in win.doc and "customer-changed" not in win.scene.nodes
    assert undo_steps(win) == 1
    press(win, win.menu_actions.undo)
    assert "customer-changed" in win.doc and "customer-changed" in win.scene.nodes


def test_application_menu_offers_what_applies_to_it(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    menu = right_click(win, view_point(win, centre(win, "customer-api")))
    shown = entries(menu)
    assert {"Rename", "Delete", "Connect to…", "Open Spec", "Add Endpoint", "Properties"} <= shown
    assert not {"Add Message", "Bring into Broker", "Edit Address"} & shown
    assert entry(menu, "Rename").shortcut().toString() == "F2"
    menu.close()
    datastore = right_click(win, view_point(win, centre(win, "sales-read-model")))
    assert "Add Endpoint" not in entries(datastore)  # a datastore provides no endpoints
    datastore.close()


def test_add_endpoint_adds_one_docked_under_the_application(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    before = [e.id for e in win.doc.design.endpoints if e.provider == "erp"]
    choose(right_click(win, view_point(win, centre(win, "erp"))), "Add Endpoint")
    added = [e for e in win.doc.design.endpoints if e.provider == "erp" and e.id not in before]
    assert len(added) == 1 and undo_steps(win) == 1
    item = win.scene.nodes[added[0].id]
    erp = win.scene.nodes["erp"]
    assert item.scenePos().y() > erp.scenePos().y() + erp.size.height()  # docked under it
    assert win.properties.shown_id == added[0].id  # ready to be filled in
    press(win, win.menu_actions.undo)
    assert added[0].id not in win.doc and added[0].id not in win.scene.nodes


def test_add_message_lists_a_new_message_on_the_topic(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    topic = win.doc.get("order-placed")
    assert isinstance(topic, Topic)
    choose(right_click(win, view_point(win, centre(win, "order-placed"))), "Add Message")
    after = win.doc.get("order-placed")
    assert isinstance(after, Topic) and len(after.messages) == len(topic.messages) + 1
    new_id = after.messages[-1]
    assert new_id in win.doc and undo_steps(win) == 1
    assert win.properties.shown_id == "order-placed"
    press(win, win.menu_actions.undo)
    assert win.doc.get("order-placed") == topic and new_id not in win.doc


def test_bring_into_broker_moves_the_topic_into_that_frame(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    topic = win.doc.get("customer-changed")
    assert isinstance(topic, Topic) and topic.broker == "kafka"
    menu = right_click(win, view_point(win, centre(win, "customer-changed")))
    kafka = entry(entry(menu, "Bring into Broker").menu(), "Kafka (Confluent, prod)")
    assert kafka.isChecked() and not kafka.isEnabled()  # already there
    choose(menu, "Bring into Broker", "RabbitMQ (logistics)")
    moved = win.doc.get("customer-changed")
    assert isinstance(moved, Topic) and moved.broker == "rabbitmq" and undo_steps(win) == 1
    QApplication.processEvents()  # frames refit after the burst of changes
    frame = win.scene.frames["rabbitmq"]
    assert frame.sceneBoundingRect().contains(
        win.scene.nodes["customer-changed"].sceneBoundingRect().center()
    )
    press(win, win.menu_actions.undo)
    assert win.doc.get("customer-changed") == topic


def test_connect_to_starts_a_connection_the_next_click_ends(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.view.set_zoom(0.5)
    choose(right_click(win, view_point(win, centre(win, "sales-cockpit"))), "Connect to…")
    assert "Click the element to connect 'sales-cockpit'" in win.statusBar().currentMessage()
    target = win.view.mapFromScene(centre(win, "order-placed"))
    QTest.mouseMove(win.view.viewport(), target)  # the dashed line follows the pointer
    QTest.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target
    )
    app = win.doc.get("sales-cockpit")
    assert isinstance(app, Application) and any(p.topic == "order-placed" for p in app.publishes)
    assert Link(PUBLISHES, "sales-cockpit", "order-placed") in {e.link for e in win.scene.edges()}
    assert undo_steps(win) == 1 and not win.scene.interacting()


def test_connect_to_is_cancelled_by_escape(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    choose(right_click(win, view_point(win, centre(win, "sales-cockpit"))), "Connect to…")
    assert win.scene.interacting()
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Escape)
    assert not win.scene.interacting()
    target = view_point(win, centre(win, "order-placed"))
    QTest.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target
    )
    assert undo_steps(win) == 0
    assert win.scene.selected_ids() == ["order-placed"]  # an ordinary click again


def test_show_impact_comment_open_spec_and_properties_act_on_the_clicked_element(
    erp_window,
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    point = view_point(win, centre(win, "customer-changed"))
    choose(right_click(win, point), "Show Impact")
    assert win.impact.highlighted_ids()[0] == "customer-changed"
    choose(right_click(win, point), "Comment")
    assert win.docks.notes.isVisible() and win.notes.text.hasFocus()
    app_point = view_point(win, centre(win, "customer-api"))
    choose(right_click(win, app_point), "Open Spec")
    assert win.spec_preview.app_id == "customer-api" and win.docks.spec.isVisible()
    choose(right_click(win, app_point), "Properties")
    assert win.properties.shown_id == "customer-api" and win.docks.properties.isVisible()


def link_point(win: MainWindow, link: Link) -> QPointF:
    edge = win.scene.edge_for(link)
    assert edge is not None
    return edge.mapToScene(edge.path().pointAtPercent(0.5))


def test_link_menu_deletes_shows_its_ends_and_its_owner(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    link = Link(SUBSCRIBES, "product-changed", "analytics")
    point = view_point(win, link_point(win, link))
    menu = right_click(win, point)
    assert win.scene.selected_links() == [link]
    assert {
        "Delete",
        "Show Source ('product-changed')",
        "Show Target ('analytics')",
        "Properties of 'analytics'",
    } <= entries(menu)
    choose(menu, "Show Source")
    assert win.scene.selected_ids() == ["product-changed"]
    choose(right_click(win, view_point(win, link_point(win, link))), "Show Target")
    assert win.scene.selected_ids() == ["analytics"]
    choose(right_click(win, view_point(win, link_point(win, link))), "Properties of")
    assert win.properties.shown_id == "analytics"  # the subscriber holds the subscription
    choose(right_click(win, view_point(win, link_point(win, link))), "Delete")
    analytics = win.doc.get("analytics")
    assert isinstance(analytics, Application)
    assert all(s.topic != "product-changed" for s in analytics.subscribes)
    assert win.scene.edge_for(link) is None and undo_steps(win) == 1
    press(win, win.menu_actions.undo)
    assert win.scene.edge_for(link) is not None


def empty_point(win: MainWindow) -> QPointF:
    """A point of the canvas far from every element."""
    bounds = win.scene.itemsBoundingRect()
    return QPointF(bounds.right() + 200, bounds.bottom() + 200)


def test_canvas_menu_adds_at_the_click_point(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    spot = empty_point(win)
    menu = right_click(win, view_point(win, spot))
    assert win.scene.selected_ids() == []
    assert {"Add", "Paste", "Select All", "Auto-layout", "Fit to Window"} <= entries(menu)
    add = entry(menu, "Add").menu()
    assert "Endpoint" not in texts(add)  # an endpoint is added on its application
    choose(menu, "Add", "Service")
    added = win.doc.get("service")
    assert isinstance(added, Application) and added.kind == "service"
    position = win.doc.design.layout["service"]
    assert abs(position.x - spot.x()) <= 10 and abs(position.y - spot.y()) <= 10
    assert "service" in win.scene.nodes and undo_steps(win) == 1


def test_canvas_menu_select_all_fit_and_auto_layout(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    point = view_point(win, empty_point(win))
    choose(right_click(win, point), "Select All")
    assert set(win.scene.selected_ids()) == set(win.scene.nodes) | set(win.scene.frames)
    win.view.set_zoom(2.0)
    choose(right_click(win, view_point(win, empty_point(win))), "Fit to Window")
    assert win.view.zoom < 2.0
    choose(right_click(win, view_point(win, empty_point(win))), "Auto-layout")
    assert win.undo_stack.undoText().startswith("Auto-layout")


def test_review_mode_disables_adding_from_the_canvas_menu(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.set_review_mode(True)
    menu = right_click(win, view_point(win, empty_point(win)))
    assert not entry(menu, "Add").isEnabled()  # review mode: nothing to add
    menu.close()


def test_shift_f10_and_the_menu_key_open_the_selection_menu(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.scene.select_ids(["shop"])
    view_point(win, centre(win, "shop"))
    win.view.setFocus()
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and "Rename" in entries(menu)
    assert win.scene.selected_ids() == ["shop"]
    QTest.keyClick(menu, Qt.Key.Key_Escape)
    assert QApplication.activePopupWidget() is None
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_Menu)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and "Connect to…" in entries(menu)
    choose(menu, "Delete")
    assert "shop" not in win.doc


def test_review_mode_keeps_comments_and_disables_edits(erp_window) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    win.set_review_mode(True)
    menu = right_click(win, view_point(win, centre(win, "erp")))
    for text in ("Rename", "Delete", "Connect to…", "Add Endpoint"):
        assert not entry(menu, text).isEnabled(), text
    for text in ("Comment", "Show Impact", "Open Spec", "Properties"):
        assert entry(menu, text).isEnabled(), text
    menu.close()


def test_a_platform_right_click_opens_one_menu(erp_window) -> None:  # type: ignore[no-untyped-def]
    """Through the window system (press, then the platform's context-menu event)."""
    win = erp_window
    point = view_point(win, centre(win, "erp"))
    handle = win.windowHandle()
    at = win.view.viewport().mapTo(win, point)
    QTest.mouseClick(handle, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    menus = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMenu) and w.objectName() == "canvas-context-menu" and w.isVisible()
    ]
    assert len(menus) == 1 and win.scene.selected_ids() == ["erp"]
    menus[0].close()
