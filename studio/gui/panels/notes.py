"""The Notes panel: review threads on the design, to read, start, answer and resolve.

Each thread is a row (what it is on, the first comment, its author, open or resolved) with its
replies beneath. A comment is written in the box below the list: "Comment" starts a thread on
the elements selected on the canvas (one thread each; on the design when none is), "Reply"
answers the thread selected in the list. Ctrl+Enter does what the box says it will: a reply
only while a thread is selected, which only the user does (clicking a thread or a badge);
selecting other elements on the canvas, or Review > Comment on Selection, lets it go again.
Every action is a command through ``push``, so it is undoable and, in review mode, the only
kind of edit the window lets through. The panel shows the document; it never edits it.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.edit import AddElement, Command, Macro, Refusal, delete_elements
from studio.edit.notes import Thread, comment_on_each, reply, root_of, set_resolved, threads
from studio.gui.tree_items import children, top_level_items
from studio.model import (
    Change,
    Document,
    DocumentReset,
    ElementAdded,
    ElementRemoved,
    ElementReplaced,
    Note,
)

NOTE_ROLE = Qt.ItemDataRole.UserRole
OPEN_COLOUR = QColor("#d9822b")
RESOLVED_COLOUR = QColor("#8a93a3")


def default_author(settings: QSettings) -> str:
    """The author written on new comments: the name given last time, else the login name."""
    name = settings.value("author", "")
    if name:
        return str(name)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


class CommentEdit(QPlainTextEdit):
    """The comment box: Ctrl+Enter sends (Enter alone starts a new line)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class NotesPanel(QWidget):
    """Threads of review comments; emits the element a thread is about when activated."""

    element_activated = Signal(str)
    author_changed = Signal(str)

    def __init__(
        self,
        doc: Document,
        push: Callable[[Command], None],
        author: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self._push = push
        self.targets: tuple[str, ...] = ()  # the elements a new comment is about
        self.summary = QLabel()
        self.show_resolved = QCheckBox("Show resolved")
        self.show_resolved.setChecked(True)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.author_edit = QLineEdit(author)
        self.author_edit.setObjectName("author")
        self.author_edit.setPlaceholderText("your name")
        self.author_edit.setMaximumWidth(160)
        self.author_edit.setToolTip("The author written on your comments")
        self.author_edit.editingFinished.connect(
            lambda: self.author_changed.emit(self.author_edit.text().strip())
        )
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["On", "Comment", "Author"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setMinimumHeight(40)
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 380)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.text = CommentEdit()
        self.text.setObjectName("comment-text")
        self.text.setMaximumHeight(56)
        self.text.setMinimumHeight(36)  # the dock must shrink with the window
        self.text.textChanged.connect(self._update_buttons)
        self.text.submitted.connect(self.send)
        self.comment_button = QPushButton("Comment")
        self.comment_button.clicked.connect(self.add_comment)
        self.reply_button = QPushButton("Reply")
        self.reply_button.clicked.connect(self.add_reply)
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected comment (a thread with its replies)")
        self.delete_button.clicked.connect(self.delete_selected)
        self._build_layout()
        doc.changed.connect(self._on_changed)
        self.refresh()
        self.set_targets(())

    def _build_layout(self) -> None:
        # one line of controls above and the send buttons beside the box: the dock is short
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.resolve_button)
        top.addWidget(self.delete_button)
        top.addSpacing(12)
        top.addWidget(self.show_resolved)
        top.addWidget(QLabel("Name:"))
        top.addWidget(self.author_edit)
        send = QVBoxLayout()
        send.addWidget(self.comment_button)
        send.addWidget(self.reply_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.text, 1)
        bottom.addLayout(send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

    # -- showing ----------------------------------------------------------------------

    @property
    def target(self) -> str | None:
        """The element a new comment is about, when it is one (None: the design, or several)."""
        return self.targets[0] if len(self.targets) == 1 else None

    def set_target(self, element_id: str | None) -> None:
        """The element new comments are about (None: the design)."""
        self.set_targets([element_id] if element_id else [])

    def set_targets(self, element_ids: Sequence[str]) -> None:
        """The elements new comments are about (the canvas selection). A thread selected in
        the list about none of them is let go: the next comment must not become a reply to
        something the user no longer looks at."""
        self.targets = tuple(element_ids)
        root = self._selected_root()
        if root is not None and (root.on or None) not in (self.targets or (None,)):
            self.tree.setCurrentIndex(QModelIndex())
        if len(self.targets) > 1:
            self.comment_button.setText(f"Comment on {len(self.targets)} elements")
        else:
            self.comment_button.setText(
                f"Comment on '{self.targets[0]}'" if self.targets else "Comment on the design"
            )
        self.comment_button.setToolTip(
            "Start a thread on "
            + (
                ", ".join(f"'{t}'" for t in self.targets)
                if self.targets
                else "the design as a whole"
            )
        )
        self._update_buttons()

    def start_thread(self, element_ids: Sequence[str]) -> None:
        """Get ready for a new thread on ``element_ids`` (Review > Comment on Selection): no
        thread stays selected, so Ctrl+Enter comments rather than replies, and the box has
        the focus."""
        self.tree.setCurrentIndex(QModelIndex())
        self.set_targets(element_ids)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_element(self, element_id: str) -> None:
        """Select the first thread on ``element_id`` (a badge was clicked)."""
        self.set_target(element_id)
        for item in top_level_items(self.tree):
            note = self.doc.get(item.data(0, NOTE_ROLE))
            if isinstance(note, Note) and note.on == element_id:
                self.tree.setCurrentItem(item)
                item.setExpanded(True)
                return

    def _on_changed(self, change: Change) -> None:
        # only notes are listed: deleting thousands of other elements must not rebuild the
        # list thousands of times (a rename rewrites the notes on the element, a note change)
        if isinstance(change, ElementAdded | ElementRemoved):
            about_notes = isinstance(change.element, Note)
        elif isinstance(change, ElementReplaced):
            about_notes = isinstance(change.new, Note)
        else:
            about_notes = isinstance(change, DocumentReset)
        if about_notes:
            self.refresh()

    def refresh(self) -> None:
        current = self.selected_note_id()
        all_threads = threads(self.doc.design)
        shown = [t for t in all_threads if self.show_resolved.isChecked() or not t.resolved]
        self.tree.clear()
        for thread in shown:
            self.tree.addTopLevelItem(self._thread_item(thread))
        self.tree.expandAll()
        if current:
            self._select_note(current)
        open_count = sum(1 for t in all_threads if not t.resolved)
        self.summary.setText(
            f"{open_count} open · {len(all_threads) - open_count} resolved"
            if all_threads
            else "No comments yet."
        )
        self._update_buttons()

    def _thread_item(self, thread: Thread) -> QTreeWidgetItem:
        root = thread.root
        state = "✓ resolved" if thread.resolved else "● open"
        item = QTreeWidgetItem([root.on or "(design)", root.text, root.author or ""])
        item.setData(0, NOTE_ROLE, root.id)
        item.setToolTip(1, f"{state}\n{root.text}")
        item.setForeground(0, RESOLVED_COLOUR if thread.resolved else OPEN_COLOUR)
        if thread.resolved:
            for column in (1, 2):
                item.setForeground(column, RESOLVED_COLOUR)
        for note in thread.replies:
            child = QTreeWidgetItem(["↳ reply", note.text, note.author or ""])
            child.setData(0, NOTE_ROLE, note.id)
            child.setToolTip(1, note.text)
            item.addChild(child)
        return item

    def _select_note(self, note_id: str) -> None:
        for top in top_level_items(self.tree):
            for item in (top, *children(top)):
                if item.data(0, NOTE_ROLE) == note_id:
                    self.tree.setCurrentItem(item)
                    return

    def selected_note_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, NOTE_ROLE)) if item is not None else None

    def _selected_root(self) -> Note | None:
        note = self.doc.get(self.selected_note_id() or "")
        return root_of(self.doc.design, note) if isinstance(note, Note) else None

    def _update_buttons(self) -> None:
        has_text = bool(self.text.toPlainText().strip())
        root = self._selected_root()
        self.comment_button.setEnabled(has_text)
        self.reply_button.setEnabled(has_text and root is not None)
        self.resolve_button.setEnabled(root is not None)
        self.resolve_button.setText("Reopen" if root is not None and root.resolved else "Resolve")
        self.delete_button.setEnabled(root is not None)
        # the box says what Ctrl+Enter will send, and where
        if root is not None:
            where = f"the thread on '{root.on}'" if root.on else "the thread on the design"
            self.text.setPlaceholderText(f"Reply to {where}; Ctrl+Enter sends it")
        else:
            self.text.setPlaceholderText(
                f"{self.comment_button.text()}: write it here; Ctrl+Enter sends it"
            )

    # -- acting -----------------------------------------------------------------------

    def author(self) -> str:
        return self.author_edit.text().strip()

    def send(self) -> None:
        """Ctrl+Enter: reply to the selected thread, or start one."""
        if self._selected_root() is not None:
            self.add_reply()
        else:
            self.add_comment()

    def add_comment(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            return
        command = comment_on_each(self.doc, self.targets, self.author(), text)
        self._push(command)
        steps = command.commands if isinstance(command, Macro) else [command]
        first = next(c.element.id for c in steps if isinstance(c, AddElement))
        if self.doc.get(first) is not None:  # refused in read-only windows
            self.text.clear()
            self._select_note(first)

    def add_reply(self) -> None:
        text = self.text.toPlainText().strip()
        root = self._selected_root()
        if not text or root is None:
            return
        command = reply(self.doc, root.id, self.author(), text)
        if isinstance(command, Refusal):
            self.summary.setText(command.reason)
            return
        self._push(command)
        if self.doc.get(command.element.id) is not None:
            self.text.clear()
            self._select_note(command.element.id)

    def toggle_resolved(self) -> None:
        root = self._selected_root()
        if root is None:
            return
        command = set_resolved(self.doc, root.id, not root.resolved)
        if isinstance(command, Refusal):
            self.summary.setText(command.reason)
        elif command is not None:
            self._push(command)

    def delete_selected(self) -> None:
        note_id = self.selected_note_id()
        if note_id is None:
            return
        command = delete_elements(self.doc, [note_id])
        if command is not None:
            self._push(command)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        note = self.doc.get(str(item.data(0, NOTE_ROLE)))
        if isinstance(note, Note):
            root = root_of(self.doc.design, note)
            self.element_activated.emit(root.on or root.id)
