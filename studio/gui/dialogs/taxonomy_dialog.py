"""Edit the event taxonomy: per protocol, an address pattern with ``{level}`` placeholders and
the values each level may take. The result is one undoable change of the ``taxonomy`` section.

The dialog teaches its syntax: a help text with an example per separator style, a new row
starts with the starter pattern of its protocol (``studio.model.starter``), and each pattern
shows, as its tooltip, an address that follows it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.model import PROTOCOLS, STARTER_PATTERNS, TaxonomyRule, example_address

LEVELS_HELP = "level: value, value; level: value"
SYNTAX_HELP = (
    "Topic addresses are checked against the pattern of their broker's protocol (MS106); new "
    "topics get a proposed address. A pattern is an address with {level} placeholders: "
    "<code>{domain}.{entity}.{event}.v{version}</code> accepts "
    "<code>sales.order.created.v1</code>; <code>{site}/{domain}/{entity}/{event}</code> "
    "accepts <code>hamburg/sales/order/created</code>. Levels limit what a placeholder may "
    "be, e.g. <code>domain: sales, erp; event: created, changed</code>; a level not listed "
    "takes any value."
)


def levels_text(levels: dict[str, tuple[str, ...]]) -> str:
    return "; ".join(f"{name}: {', '.join(values)}" for name, values in levels.items())


def parse_levels(text: str) -> dict[str, tuple[str, ...]]:
    """``domain: erp, crm; event: created`` -> ``{"domain": ("erp", "crm"), ...}``."""
    levels: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, values = part.partition(":")
        if not sep or not name.strip():
            raise ValueError(f"'{part}' is not 'level: value, value'")
        levels[name.strip()] = tuple(v.strip() for v in values.split(",") if v.strip())
    return levels


class TaxonomyDialog(QDialog):
    """A table of protocol, pattern and level values; ``taxonomy()`` is the edited result."""

    def __init__(self, taxonomy: dict[str, TaxonomyRule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Event taxonomy")
        self.resize(780, 440)  # the starter taxonomy (six rows) and the help fit
        self._extensions = {p: r.extensions for p, r in taxonomy.items()}
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Protocol", "Pattern", f"Levels ({LEVELS_HELP})"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(
            lambda item: self._show_example(item.row()) if item.column() == 1 else None
        )
        for protocol, rule in taxonomy.items():
            self.add_row(protocol, rule.pattern, levels_text(rule.levels))
        add = QPushButton("Add protocol")
        add.clicked.connect(self._add_protocol)
        remove = QPushButton("Remove selected")
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.error = QLabel()
        self.error.setStyleSheet("color: #d93b3b;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.help = QLabel(SYNTAX_HELP)
        self.help.setWordWrap(True)
        layout.addWidget(self.help)
        layout.addWidget(self.table)
        layout.addWidget(add)
        layout.addWidget(remove)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _add_protocol(self) -> None:
        protocol = self._unused_protocol()
        self.add_row(protocol, STARTER_PATTERNS.get(protocol, ""), "")
        self.table.setCurrentCell(self.table.rowCount() - 1, 1)

    def _unused_protocol(self) -> str:
        used = {self._protocol(row) for row in range(self.table.rowCount())}
        return next((p for p in PROTOCOLS if p not in used), PROTOCOLS[0])

    def add_row(self, protocol: str, pattern: str, levels: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        combo.addItems(PROTOCOLS)
        combo.setCurrentText(protocol)
        self.table.setCellWidget(row, 0, combo)
        self.table.setItem(row, 1, QTableWidgetItem(pattern))
        self.table.setItem(row, 2, QTableWidgetItem(levels))
        self._show_example(row)
        combo.currentTextChanged.connect(lambda _: self._protocol_changed(combo))

    def _protocol_changed(self, combo: QComboBox) -> None:
        """A row whose pattern is still empty, or a starter one, follows its protocol."""
        row = next(r for r in range(self.table.rowCount()) if self.table.cellWidget(r, 0) is combo)
        item = self.table.item(row, 1)
        if item is not None and (not item.text() or item.text() in STARTER_PATTERNS.values()):
            item.setText(STARTER_PATTERNS.get(combo.currentText(), ""))

    def _show_example(self, row: int) -> None:
        item = self.table.item(row, 1)
        if item is not None:
            item.setToolTip(
                f"e.g. {example_address(item.text())}"
                if item.text()
                else "An address with {level} placeholders, e.g. "
                "{domain}.{entity}.{event}.v{version}"
            )

    def _protocol(self, row: int) -> str:
        widget = self.table.cellWidget(row, 0)
        return widget.currentText() if isinstance(widget, QComboBox) else ""

    def taxonomy(self) -> dict[str, TaxonomyRule]:
        """The edited taxonomy; ValueError with a sentence when a row is not usable."""
        result: dict[str, TaxonomyRule] = {}
        for row in range(self.table.rowCount()):
            protocol = self._protocol(row)
            pattern = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            levels = (self.table.item(row, 2) or QTableWidgetItem()).text()
            if protocol in result:
                raise ValueError(f"{protocol} has two rows; keep one pattern per protocol")
            if not pattern:
                raise ValueError(f"the {protocol} pattern is empty")
            result[protocol] = TaxonomyRule(
                pattern, parse_levels(levels), self._extensions.get(protocol, {})
            )
        return result

    def accept(self) -> None:
        try:
            self.taxonomy()
        except ValueError as error:
            self.error.setText(f"Cannot use this taxonomy: {error}.")
            self.error.show()
            return
        super().accept()
