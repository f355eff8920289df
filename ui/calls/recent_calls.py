"""The calls that just ended at this desk, newest first, with their type:
a call is classified after it too (ui/calls/call_types.py), and once it
ends it is no longer among the live calls.

Its words are the Calls panel's (translation context "CallsPanel").
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dispatch.timeutil import format_wita
from ui.calls.call_types import type_name
from ui.calls.caller import caller_text
from ui.calls.live_calls import LiveCall
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

translate = QCoreApplication.translate
KEPT = 8  # enough to go back over a busy few minutes, short enough to read at a glance


@dataclass(frozen=True)
class RecentCall:
    call_id: int
    caller_number: str | None
    withheld: bool
    caller_name: str | None
    ended_at: datetime


class RecentCalls(QWidget):
    def __init__(self, types: Mapping[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._types = types  # the panel's: call id → type
        self.title = QLabel(self)
        self.model = RowTableModel([
            Column(lambda: translate("CallsPanel", "Penelepon"),
                   lambda row: caller_text(row.caller_number, row.withheld, row.caller_name)),
            Column(lambda: translate("CallsPanel", "Selesai (WITA)"),
                   lambda row: format_wita(row.ended_at, with_date=False)),
            Column(lambda: translate("CallsPanel", "Jenis"),
                   lambda row: type_name(self._types.get(row.call_id))),
        ], key=lambda row: row.call_id, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("recentCallsTable")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def retranslate(self) -> None:
        self.title.setText(translate("CallsPanel", "Panggilan terakhir"))
        self.model.retranslate()

    def add(self, call: LiveCall, at: datetime) -> None:
        if call.call_id is None:
            return
        row = RecentCall(call.call_id, call.caller_number, call.withheld, call.caller_name, at)
        rows = [row] + [kept for kept in self.model.rows() if kept.call_id != call.call_id]
        self.model.set_rows(rows[:KEPT])

    def latest(self) -> RecentCall | None:
        return self.model.row_at(0) if self.model.rowCount() else None

    def call_ids(self) -> tuple[int, ...]:
        return tuple(row.call_id for row in self.model.rows())
