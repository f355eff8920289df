"""The callback list under the ringing calls: callers the desk missed,
oldest first. Ctrl+B calls the selected one (else the oldest) back;
Ctrl+Shift+B, or Delete in the list, takes it off with a reason
(ui/calls/callback_dialog.py), written through the worker. A withheld
caller can never be called back, only taken off.

Its words are the Calls panel's (translation context "CallsPanel").
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from dispatch.calls import clear_callback
from dispatch.timeutil import format_wita
from ui import labels
from ui.actions import panel_action
from ui.calls.call_types import type_name
from ui.calls.callback_dialog import ClearCallbackDialog
from ui.calls.caller import caller_text
from ui.qt.worker import DbWorker, describe_error
from ui.snapshots import CallRow
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

translate = QCoreApplication.translate


class CallbackList(QWidget):
    def __init__(self, worker: DbWorker, actor: str, message: MessageLine,
                 command: Callable[..., None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._message = message
        self._command = command  # the panel's: a command to the phone, failures shown
        self.dialog: ClearCallbackDialog | None = None
        self.title = QLabel(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.model = RowTableModel([
            Column(lambda: translate("CallsPanel", "Penelepon"),
                   lambda row: caller_text(row.caller_number, row.withheld, row.caller_name)),
            Column(lambda: translate("CallsPanel", "Waktu (WITA)"),
                   lambda row: format_wita(row.started_at, with_date=False)),
            Column(lambda: translate("CallsPanel", "Keterangan"),
                   lambda row: labels.call_status(row.status) + (
                       f" · {row.callback_note}" if row.callback_note else "") + (
                       f" · {type_name(row.classification)}" if row.classification else "")),
        ], key=lambda row: row.id, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("callbackTable")
        panel_action(self.view, ["Delete"], self.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.toolbar, self.view):
            layout.addWidget(widget)

    def set_actions(self, actions: list[QAction]) -> None:
        """Call back / clear, as buttons right above the list."""
        self.toolbar.clear()
        self.toolbar.addActions(actions)

    def retranslate(self) -> None:
        self.title.setText(translate("CallsPanel", "<b>Perlu ditelepon balik</b>"))
        self.model.retranslate()

    def show_rows(self, rows: tuple[CallRow, ...]) -> None:
        self.model.set_rows(rows)

    def target(self) -> CallRow | None:
        """The selected entry, else the oldest."""
        row = self.view.current_row()
        if row is None and self.model.rowCount():
            row = self.model.row_at(0)
        return row

    def call_back(self) -> None:
        row = self.target()
        if row is None:
            self._message.show_error(translate("CallsPanel", "Daftar telepon balik kosong."))
            return
        if row.withheld or not row.caller_number:
            self._message.show_error(translate(
                "CallsPanel", "Nomor penelepon ini disembunyikan; tidak bisa ditelepon balik."))
            return
        self._command("call_back", row.id)

    def clear(self) -> None:
        """Take the entry off the list, after a short dialog asking why."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        row = self.target()
        if row is None:
            self._message.show_error(translate("CallsPanel", "Daftar telepon balik kosong."))
            return
        dialog = ClearCallbackDialog(
            row, caller_text(row.caller_number, row.withheld, row.caller_name), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._write(row, dialog.reason()))
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        dialog.activateWindow()  # the keys go to it, not to the panel behind

    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _write(self, row: CallRow, reason: str) -> None:
        actor = self._actor
        caller = caller_text(row.caller_number, row.withheld, row.caller_name)

        def cleared(_call: Any) -> None:
            self.model.remove(row.id)
            self._message.show_info(translate(
                "CallsPanel", "%1 dihapus dari daftar telepon balik.").replace("%1", caller))
        self._message.clear_message()
        self._worker.write(
            lambda session: clear_callback(session, call_id=row.id, reason=reason, actor=actor),
            cleared, lambda error: self._message.show_error(lambda: describe_error(error)))
