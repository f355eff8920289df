"""Ringing calls from a number a supervisor blocked (repeat prank calls):
listed apart, below the ringing calls, without flashing: low priority, but
never hidden, since a blocked number can still have a real emergency. F2
answers one when nothing else rings, or when it is selected.

Its words are the Calls panel's (translation context "CallsPanel").
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dispatch.timeutil import format_wita
from ui import labels
from ui.calls.caller import caller_text
from ui.snapshots import CallRow
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

translate = QCoreApplication.translate
BLOCKED_COLOUR = "#eeeeee"  # grey: it waits behind the others


class BlockedCalls(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("blockedCallsTitle")
        grey = lambda _row: BLOCKED_COLOUR  # noqa: E731
        self.model = RowTableModel([
            Column(lambda: translate("CallsPanel", "Penelepon"),
                   lambda row: caller_text(row.caller_number, row.withheld, row.caller_name),
                   background=grey, tooltip=self._tooltip),
            Column(lambda: translate("CallsPanel", "Diblokir sampai"),
                   lambda row: format_wita(row.blocked_until) if row.blocked_until else "",
                   background=grey),
            Column(lambda: translate("CallsPanel", "Berdering"),
                   lambda row: labels.elapsed(row.started_at), ticking=True, background=grey,
                   tooltip=lambda row: format_wita(row.started_at)),
        ], key=lambda row: row.id, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("blockedCallsTable")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self._show_when_ringing()
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._show_when_ringing)

    @staticmethod
    def _tooltip(row: CallRow) -> str:
        return translate("CallsPanel", "Nomor ini diblokir supervisor (panggilan iseng "
                         "berulang). Tetap bisa dijawab dengan F2.")

    def retranslate(self) -> None:
        self.title.setText(translate("CallsPanel", "<b>Nomor diblokir</b> — berdering, "
                                     "prioritas rendah"))
        self.model.retranslate()

    def show_rows(self, rows: tuple[CallRow, ...]) -> None:
        self.model.set_rows(rows)

    def _show_when_ringing(self, *_args) -> None:
        # Room for the ringing calls above when no blocked number rings.
        self.setVisible(self.model.rowCount() > 0)
