"""File > Import Specs: real key presses, one undo step, the registry file, errors and notes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.gui.main_window import MainWindow
from studio.gui.spec_import import SPEC_FILE_FILTER
from studio.io.design_file import dump_design, load_design
from studio.model import Application, Topic
from studio.registry import load_registry

BILLING = """\
    asyncapi: 3.0.0
    info:
      title: Billing Service
      version: 1.0.0
    servers:
      kafka:
        host: kafka.example.com:9092
        protocol: kafka
    channels:
      invoiceIssued:
        address: billing.invoice-issued
        messages:
          invoiceIssued:
            name: InvoiceIssued
            payload:
              type: object
              properties:
                invoiceId:
                  type: string
    operations:
      publishInvoice:
        action: send
        channel:
          $ref: '#/channels/invoiceIssued'
    """
CATALOG = """\
    openapi: 3.1.0
    info:
      title: Catalog API
      version: 1.0.0
    paths:
      /products/{sku}:
        get:
          operationId: getProduct
          parameters:
            - name: sku
              in: path
              required: true
              schema:
                type: string
          responses:
            '200':
              description: A product
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      sku:
                        type: string
    """
NEW_SUBJECT = "billing.invoice-issued-value"


def write_specs(folder: Path, **texts: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name.replace("_", ".")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        paths.append(str(path))
    return paths


class FileDialog:
    """Stands in for QFileDialog.getOpenFileNames: answers ``paths``, records each call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
        self.paths, self.calls = paths, []
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self)

    def __call__(self, parent, caption, start, filter_):  # type: ignore[no-untyped-def]
        self.calls.append((start, filter_))
        return self.paths, filter_


def press_import(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()  # a window shortcut reaches only the active window
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keySequence(win, QKeySequence("Ctrl+Shift+I"))


def press_redo(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keySequence(win, QKeySequence("Ctrl+Shift+Z"))


def test_ctrl_shift_i_imports_as_one_undo_step_with_placed_elements_and_schemas(
    erp_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    specs = write_specs(
        tmp_path / "specs", billing_asyncapi_yaml=BILLING, catalog_openapi_yaml=CATALOG
    )
    dialog = FileDialog(monkeypatch, specs)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    before = dump_design(win.doc.design)
    placed = {i: item.pos() for i, item in win.scene.nodes.items()}

    press_import(qtbot, win)

    assert dialog.calls == [(str(tmp_path), SPEC_FILE_FILTER)]
    doc = win.doc
    [topic] = [t for t in doc.design.topics if t.address == "billing.invoice-issued"]
    [billing] = [a for a in doc.design.applications if a.name == "Billing Service"]
    [catalog] = [a for a in doc.design.applications if a.name == "Catalog API"]
    [endpoint] = [e for e in doc.design.endpoints if e.provider == catalog.id]
    assert [p.topic for p in billing.publishes] == [topic.id]
    assert (endpoint.method, endpoint.path) == ("GET", "/products/{sku}")
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Import 2 specs"
    assert win.statusBar().currentMessage() == "Imported 2 documents: added 7 elements"
    after = dump_design(doc.design)

    # on the canvas: the new elements stand where the layout says, clear of the others,
    # and nothing placed before has moved
    new = [billing.id, catalog.id, topic.id]
    for element_id in new:
        item = win.scene.nodes[element_id]
        position = doc.design.layout[element_id]
        assert (item.pos().x(), item.pos().y()) == (position.x, position.y)
    assert {i: win.scene.nodes[i].pos() for i in placed} == placed
    boxes = {
        i: item.sceneBoundingRect()
        for i, item in win.scene.nodes.items()
        if isinstance(doc.get(i), Application | Topic)
    }
    for element_id in new:
        assert not [
            i for i, box in boxes.items() if i != element_id and box.intersects(boxes[element_id])
        ]
    assert sorted(win.scene.selected_ids()) == sorted([*new, endpoint.id, topic.broker])
    assert topic.broker is not None and topic.broker in win.scene.frames

    # the schema is in the design's registry file and in every panel that shows it
    assert NEW_SUBJECT in load_registry(tmp_path / "registry.yaml")[0].subjects
    assert win.registry is not None and NEW_SUBJECT in win.registry.subjects
    assert NEW_SUBJECT in win.registry_browser.subjects()
    assert "(8 subjects)" in win.status_labels.registry_label.text()

    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump_design(doc.design) == before
    assert not any(i in win.scene.nodes for i in new) and topic.broker not in win.scene.frames
    assert {i: win.scene.nodes[i].pos() for i in placed} == placed
    press_redo(qtbot, win)
    assert dump_design(doc.design) == after
    assert all(i in win.scene.nodes for i in new)

    # the next import starts in the folder of the last one; cancelling changes nothing
    dialog.paths = []
    press_import(qtbot, win)
    assert dialog.calls[-1] == (str(tmp_path / "specs"), SPEC_FILE_FILTER)
    assert win.undo_stack.count() == 1 and dump_design(doc.design) == after


def test_an_invalid_document_is_reported_in_one_line_and_nothing_changes(
    erp_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    broken = BILLING.replace("    info:\n      title: Billing Service\n      version: 1.0.0\n", "")
    specs = write_specs(
        tmp_path / "specs", catalog_openapi_yaml=CATALOG, broken_asyncapi_yaml=broken
    )
    FileDialog(monkeypatch, specs)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    before = dump_design(win.doc.design)
    registry = (tmp_path / "registry.yaml").read_bytes()

    press_import(qtbot, win)

    assert len(shown) == 1 and "\n" not in shown[0]
    assert shown[0].startswith(f"{specs[1]}:") and "info" in shown[0]
    assert dump_design(win.doc.design) == before and win.undo_stack.count() == 0
    assert (tmp_path / "registry.yaml").read_bytes() == registry
    assert "Catalog API" not in [a.name for a in win.doc.design.applications]


def test_what_cannot_be_mapped_is_listed_after_the_import(
    erp_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    legacy = BILLING.replace(
        "    channels:",
        "      legacy:\n        host: mq.example.com\n        protocol: ibmmq\n    channels:",
    )
    specs = write_specs(tmp_path / "specs", billing_asyncapi_yaml=legacy)
    FileDialog(monkeypatch, specs)
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: boxes.append((box.text(), box.detailedText())) or 0
    )

    press_import(qtbot, win)

    assert [a.name for a in win.doc.design.applications].count("Billing Service") == 1
    [(text, details)] = boxes
    assert text.startswith("Imported 1 document: added") and "1 item could not be mapped" in text
    assert details.startswith(f"{specs[0]}:") and "/servers/legacy" in details
    assert "ibmmq" in details
    assert win.statusBar().currentMessage().startswith("Imported 1 document: added ")


def test_review_mode_disables_import(erp_window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    dialog = FileDialog(monkeypatch, [])
    win.set_review_mode(True)
    assert not win.menu_actions.import_specs.isEnabled()
    press_import(qtbot, win)
    assert dialog.calls == []
    win.set_review_mode(False)
    assert win.menu_actions.import_specs.isEnabled()


def test_an_untitled_design_is_saved_first_and_gets_a_registry_beside_it(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), theme_mode="light"
    )
    qtbot.addWidget(win)
    win.show()
    FileDialog(monkeypatch, write_specs(tmp_path / "specs", billing_asyncapi_yaml=BILLING))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Save,
    )
    design_path = tmp_path / "shop.mesh.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(design_path), ""))

    press_import(qtbot, win)

    assert len(asked) == 1 and "1 schema" in asked[0]
    assert win.doc.path == design_path and load_design(design_path).design.registry is None
    assert win.doc.design.registry == "shop.registry.yaml"
    assert win.doc.design.info.title == "Billing Service"  # a blank design takes the title
    registry_path = tmp_path / "shop.registry.yaml"
    assert NEW_SUBJECT in load_registry(registry_path)[0].subjects
    assert win.registry is not None and NEW_SUBJECT in win.registry.subjects
    [billing] = win.doc.design.applications
    assert billing.id in win.scene.nodes and win.isWindowModified()

    # undo unlinks the registry file (which stays on disk); redo links it again
    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.doc.design.registry is None and billing.id not in win.scene.nodes
    qtbot.waitUntil(lambda: win.registry is None)
    assert win.status_labels.registry_label.text() == "No registry" and registry_path.exists()
    press_redo(qtbot, win)
    qtbot.waitUntil(lambda: win.registry is not None)
    assert win.registry is not None and NEW_SUBJECT in win.registry.subjects
    win.problems.wait()
    win.undo_stack.setClean()
    win.close()


def test_an_unreadable_registry_file_stops_the_import(
    erp_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    win = erp_window
    FileDialog(monkeypatch, write_specs(tmp_path / "specs", billing_asyncapi_yaml=BILLING))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    registry = tmp_path / "registry.yaml"
    registry.write_text("subjects: [\n", encoding="utf-8")  # broken since the studio loaded it
    before = dump_design(win.doc.design)

    press_import(qtbot, win)

    assert len(shown) == 1 and shown[0].startswith(f"{registry}:")
    assert registry.read_text(encoding="utf-8") == "subjects: [\n"  # never overwritten
    assert dump_design(win.doc.design) == before and win.undo_stack.count() == 0
