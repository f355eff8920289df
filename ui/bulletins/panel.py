"""The radio staff's bulletin editor: pick tickets, order them, word them.

Every change is a domain call on the worker, whose refusal (a reporter's
number in the text, a bulletin already read on air) comes back as one line
and writes nothing. The panel then re-reads; it never edits its own copy.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dispatch.bulletins import add_item, create_bulletin, move_item, remove_item, set_reading_text
from ui.actions import panel_action
from ui.bulletins import tables
from ui.bulletins.reading_text_editor import ReadingTextEditor
from ui.bulletins.snapshots import (
    BulletinDetail,
    BulletinPanelSnapshot,
    export_bulletin,
    read_bulletin_panel,
)
from ui.qt.translations import Retranslates
from ui.qt.worker import CoalescedRead, DbWorker, describe_error
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import KeyedTableView, RowTableModel


class BulletinPanel(Retranslates, QWidget):
    bulletinChosen = Signal(object)  # bulletin id, or None
    readRequested = Signal(int)  # the user wants the reading view for this bulletin
    exported = Signal(str)  # the path just written

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._bulletin_id: int | None = None
        self._detail: BulletinDetail | None = None
        self._writes = 0
        self._refresh = CoalescedRead(worker, self._query, self._show)
        self.message = MessageLine(self)
        self._build_tables()
        self._build_editing()
        self._lay_out()
        self.retranslate()
        self._enable()

    # ---- building

    def _table(self, columns, key, name: str) -> tuple[RowTableModel, KeyedTableView]:
        model = RowTableModel(columns, key=key, parent=self)
        view = KeyedTableView(model, self)
        view.setObjectName(name)
        return model, view

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_tables(self) -> None:
        self.bulletins_model, self.bulletins_view = self._table(
            tables.bulletin_columns(), lambda row: row.id, "bulletinsTable")
        self.bulletins_view.currentKeyChanged.connect(self._bulletin_selected)
        self.candidates_model, self.candidates_view = self._table(
            tables.candidate_columns(), lambda row: row.ticket, "candidatesTable")
        self.candidates_view.doubleClicked.connect(lambda _index: self.add_selected_candidate())
        self.items_model, self.items_view = self._table(
            tables.item_columns(), lambda row: row.ticket, "bulletinItemsTable")
        self.items_view.currentKeyChanged.connect(self._item_selected)
        for keys, slot in ((["Ctrl+Up"], lambda: self.move_selected(-1)),
                           (["Ctrl+Down"], lambda: self.move_selected(1)),
                           ([QKeySequence.StandardKey.Delete], self.remove_selected)):
            panel_action(self.items_view, keys, slot)

    def _build_editing(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("bulletinTitleEdit")
        self.title_edit.returnPressed.connect(lambda: self.new_bulletin(self.title_edit.text()))
        self.new_button = self._button("newBulletinButton",
                                       lambda: self.new_bulletin(self.title_edit.text()))
        self.add_button = self._button("addToBulletinButton", self.add_selected_candidate)
        self.up_button = self._button("moveUpButton", lambda: self.move_selected(-1))
        self.down_button = self._button("moveDownButton", lambda: self.move_selected(1))
        self.remove_button = self._button("removeItemButton", self.remove_selected)
        self.editor = ReadingTextEditor(self)
        self.editor.saveRequested.connect(self.save_text)
        self.editor.draftRequested.connect(self.revert_to_draft)
        # Short names for the editor's parts (tests and the window's actions use them).
        self.text_edit, self.text_state = self.editor.edit, self.editor.state
        self.save_button, self.draft_button = self.editor.save_button, self.editor.draft_button
        self.export_text_button = self._button("exportTextButton", lambda: self._ask_export("txt"))
        self.export_pdf_button = self._button("exportPdfButton", lambda: self._ask_export("pdf"))
        self.read_button = self._button("readOnAirButton", self._request_read)

    def _lay_out(self) -> None:
        self.headings = [QLabel(self) for _ in range(3)]
        for heading in self.headings:
            heading.setWordWrap(True)  # a long heading must not widen the dock

        def column(*parts) -> QWidget:
            box = QWidget(self)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(2, 2, 2, 2)
            for part in parts:
                if isinstance(part, (list, tuple)):
                    row = QHBoxLayout()
                    for widget in part:
                        row.addWidget(widget) if widget is not None else row.addStretch(1)
                    layout.addLayout(row)
                else:
                    layout.addWidget(part)
            return box
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(column(self.headings[0], self.bulletins_view, self.title_edit,
                                  [None, self.new_button]))
        splitter.addWidget(column(self.headings[1], self.candidates_view,
                                  [None, self.add_button]))
        # Two short button rows rather than one long one: the column stays
        # narrow enough for the radio layout at 1366 px.
        splitter.addWidget(column(
            self.headings[2], self.items_view,
            [self.up_button, self.down_button, None, self.remove_button],
            self.editor, [self.read_button, None, self.export_text_button,
                          self.export_pdf_button]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        for label, text in zip(self.headings, (
                self.tr("Buletin Halo Denpasar"),
                self.tr("Pengaduan baru atau berubah sejak buletin sebelumnya"),
                self.tr("Isi buletin (urutan dibacakan)"))):
            label.setText(f"<b>{text}</b>")
        self.title_edit.setPlaceholderText(self.tr("Judul buletin baru, mis. Halo Denpasar pagi"))
        self.new_button.setText(self.tr("Buletin baru"))
        self.add_button.setText(self.tr("Tambahkan ke buletin"))
        self.up_button.setText(self.tr("Naik"))
        self.up_button.setToolTip(self.tr("Pindahkan ke atas (Ctrl+Atas)"))
        self.down_button.setText(self.tr("Turun"))
        self.down_button.setToolTip(self.tr("Pindahkan ke bawah (Ctrl+Bawah)"))
        self.remove_button.setText(self.tr("Hapus dari buletin"))
        self.export_text_button.setText(self.tr("Ekspor teks…"))
        self.export_pdf_button.setText(self.tr("Ekspor PDF…"))
        self.read_button.setText(self.tr("Tampilan siaran…"))
        for model in (self.bulletins_model, self.candidates_model, self.items_model):
            model.retranslate()

    # ---- public

    def refresh(self) -> None:
        self._refresh.request()

    def current_bulletin_id(self) -> int | None:
        return self._bulletin_id

    def select_bulletin(self, bulletin_id: int | None) -> None:
        if bulletin_id is not None:
            self.bulletins_view.select_key(bulletin_id)
        self._bulletin_selected(bulletin_id)

    def selected_ticket(self) -> str | None:
        return self.items_view.current_key()

    def tickets(self) -> list[str]:
        """The chosen bulletin's tickets in reading order, as shown."""
        return [row.ticket for row in self.items_model.rows()]

    def select_item(self, ticket: str) -> None:
        self.items_view.select_key(ticket)

    def is_busy(self) -> bool:
        return self._writes > 0 or self._refresh.busy

    # ---- reading

    def _query(self):
        bulletin_id = self._bulletin_id
        return lambda session: read_bulletin_panel(session, bulletin_id)

    def _show(self, snapshot: BulletinPanelSnapshot) -> None:
        self.bulletins_model.set_rows(snapshot.bulletins)
        detail = snapshot.detail
        if detail is not None and detail.id != self._bulletin_id:
            return  # read for a bulletin no longer chosen; its own read follows
        self._detail = detail
        self.items_model.set_rows(detail.items if detail else ())
        self.candidates_model.set_rows(snapshot.candidates if detail else ())
        self._item_selected(self.items_view.current_key(), keep_edits=True)

    def _bulletin_selected(self, bulletin_id: int | None) -> None:
        if bulletin_id == self._bulletin_id:
            return
        self._bulletin_id = bulletin_id
        self._detail = None
        self.items_model.set_rows(())
        self.candidates_model.set_rows(())
        self.editor.show_item(None, False)
        self._enable()
        self.bulletinChosen.emit(bulletin_id)
        self.refresh()

    def _item(self, ticket: str | None):
        return self.items_model.row_for(ticket) if ticket is not None else None

    def _item_selected(self, ticket: str | None, keep_edits: bool = False) -> None:
        editable = self._detail is not None and self._detail.editable
        leaving = self.editor.shown_ticket()
        if editable and leaving is not None and leaving != ticket and self.editor.is_modified():
            self._save_on_leaving(self._detail.id, leaving, self.editor.text())
        self.editor.show_item(self._item(ticket), editable, keep_edits=keep_edits)
        self._enable()

    def _enable(self) -> None:
        editable = self._detail is not None and self._detail.editable
        has_item = self._item(self.selected_ticket()) is not None
        has_items = self._detail is not None and bool(self._detail.items)
        self.add_button.setEnabled(editable)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(editable and has_item)
        for button in (self.export_text_button, self.export_pdf_button, self.read_button):
            button.setEnabled(has_items)

    # ---- writing

    def _write(self, operation, done, refused_prefix: Callable[[], str] | None = None, *,
               read_only: bool = False, on_refused=None) -> None:
        """`refused_prefix` makes the line a refusal goes in ("… %1"), in the
        language of the moment."""
        self._writes += 1
        self.message.clear_message()  # the last command's news is not this one's

        def finished(result) -> None:
            self._writes -= 1
            done(result)
            self.refresh()

        def failed(error: BaseException) -> None:
            self._writes -= 1
            self.message.show_error(
                lambda: refused_prefix().replace("%1", describe_error(error)) if refused_prefix
                else describe_error(error))
            if on_refused is not None:
                on_refused()
            self.refresh()
        (self._worker.read if read_only else self._worker.write)(operation, finished, failed)

    def _need_bulletin(self) -> int | None:
        if self._bulletin_id is None:
            self.message.show_error(lambda: self.tr("Pilih atau buat buletin dulu."))
        return self._bulletin_id

    def _need_item(self) -> tuple[int, str] | None:
        bulletin_id, ticket = self._need_bulletin(), self.selected_ticket()
        if bulletin_id is not None and ticket is None:
            self.message.show_error(lambda: self.tr("Pilih item buletin dulu."))
        return None if bulletin_id is None or ticket is None else (bulletin_id, ticket)

    def new_bulletin(self, title: str) -> None:
        title = " ".join(title.split())
        if not title:
            self.message.show_error(lambda: self.tr("Beri judul buletin baru."))
            self.title_edit.setFocus()
            return
        actor = self._actor

        def create(session) -> tuple[int, bool]:
            bulletin = create_bulletin(session, title=title, tickets=[], actor=actor)
            return bulletin.id, bulletin.title != title  # stored scrubbed: something was hidden

        def made(created: tuple[int, bool]) -> None:
            bulletin_id, hidden = created
            self.title_edit.clear()
            self.message.show_info(
                (lambda: self.tr("Buletin #%1 dibuat; nomor atau nama di judul disembunyikan.")
                 .replace("%1", str(bulletin_id))) if hidden else
                (lambda: self.tr("Buletin #%1 dibuat.").replace("%1", str(bulletin_id))))
            self.select_bulletin(bulletin_id)
        self._write(create, made)

    def add_selected_candidate(self) -> None:
        ticket = self.candidates_view.current_key()
        if ticket is None:
            self.message.show_error(lambda: self.tr("Pilih pengaduan yang akan ditambahkan."))
            return
        self.add_ticket(ticket)

    def add_ticket(self, ticket: str) -> None:
        bulletin_id, actor = self._need_bulletin(), self._actor
        if bulletin_id is None:
            return

        def added(_item) -> None:
            self.message.show_info(lambda: self.tr("%1 masuk buletin.").replace("%1", ticket))
            self.items_view.select_key(ticket)
        self._write(lambda s: add_item(s, bulletin_id=bulletin_id, ticket=ticket,
                                       actor=actor).id, added)

    def _on_selected_item(self, operation, done,
                          refused_prefix: Callable[[], str] | None = None,
                          **values) -> None:
        """operation(session, bulletin_id=, ticket=, actor=, **values) on the chosen item."""
        chosen = self._need_item()
        if chosen is not None:
            self._on_item(chosen, operation, done, refused_prefix, **values)

    def _on_item(self, chosen: tuple[int, str], operation, done,
                 refused_prefix: Callable[[], str] | None = None, on_refused=None,
                 **values) -> None:
        keys = dict(bulletin_id=chosen[0], ticket=chosen[1], actor=self._actor, **values)

        def write(session) -> None:
            operation(session, **keys)  # no ORM object may travel to the GUI thread
        self._write(write, lambda _none: done(chosen[1]), refused_prefix, on_refused=on_refused)

    def _save_on_leaving(self, bulletin_id: int, ticket: str, text: str) -> None:
        """Moving to another item keeps what the reader typed: it is saved;
        if the desk refuses it (a reporter's number), the item comes back
        with the text, unsaved, beside the reason."""
        def refused() -> None:
            self.select_item(ticket)
            self.editor.restore_edits(text)
        self._on_item((bulletin_id, ticket), set_reading_text,
                      lambda saved: self.message.show_info(
                          lambda: self.tr("Teks %1 disimpan.").replace("%1", saved)),
                      lambda: self.tr("Teks tidak disimpan: %1"), on_refused=refused,
                      text=text)

    def move_selected(self, delta: int) -> None:
        item = self._item(self.selected_ticket())
        if item is not None and not 1 <= item.position + delta <= self.items_model.rowCount():
            return  # already first (or last): nothing to move
        self._on_selected_item(move_item, lambda _t: self.message.clear_message(),
                               position=(item.position + delta) if item else 0)

    def remove_selected(self) -> None:
        self._on_selected_item(remove_item, lambda ticket: self.message.show_info(
            lambda: self.tr("%1 dikeluarkan dari buletin.").replace("%1", ticket)))

    def save_text(self, text: str | None = None) -> None:
        """Save `text` (by default what the editor holds) for the selected item."""
        self._set_text(self.editor.text() if text is None else text)

    def revert_to_draft(self) -> None:
        self._set_text(None)

    def _set_text(self, text: str | None) -> None:
        def saved(ticket: str) -> None:
            self.editor.mark_saved()  # the refresh shows what is stored
            self.message.show_info(lambda: (
                self.tr("Teks %1 disimpan.") if text is not None
                else self.tr("Teks %1 kembali ke draf.")).replace("%1", ticket))
        self._on_selected_item(set_reading_text, saved,
                               lambda: self.tr("Teks tidak disimpan: %1"),
                               text=text)

    # ---- export and reading

    def export_to(self, path: str, fmt: str) -> None:
        """Write the chosen bulletin as "txt" or "pdf" on the worker."""
        bulletin_id = self._need_bulletin()
        if bulletin_id is None:
            return

        def written(target: str) -> None:
            self.message.show_info(
                lambda: self.tr("Buletin diekspor ke %1").replace("%1", target))
            self.exported.emit(target)
        self._write(lambda s: export_bulletin(s, bulletin_id, path, fmt), written,
                    lambda: self.tr("Ekspor gagal: %1"), read_only=True)

    def _ask_export(self, fmt: str) -> None:
        bulletin_id = self._need_bulletin()
        if bulletin_id is None:
            return
        wanted = self.tr("Dokumen PDF (*.pdf)") if fmt == "pdf" else self.tr("Teks (*.txt)")
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Ekspor buletin"), f"buletin-{bulletin_id}.{fmt}", wanted)
        if path:
            self.export_to(path, fmt)

    def _request_read(self) -> None:
        bulletin_id = self._need_bulletin()
        if bulletin_id is not None:
            self.readRequested.emit(bulletin_id)
