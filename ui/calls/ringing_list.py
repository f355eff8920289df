"""The ringing calls, oldest first and flashing, with the low-priority
section of blocked numbers' calls below them (ui/calls/blocked_calls.py).

A caller whose number made at least `prank.flag_after` prank or ghost calls
in `prank.window_days` days rings with a ⚠ before the number and a tooltip
that says why (dispatch/caller_blocks.py): the call-taker still answers,
forewarned.

Its words are the Calls panel's (translation context "CallsPanel").
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dispatch.caller_blocks import PrankPolicy
from dispatch.timeutil import format_wita
from ui import labels
from ui.calls.blocked_calls import BlockedCalls
from ui.calls.call_types import flag_mark, flag_tooltip
from ui.calls.caller import caller_text
from ui.calls.ring_alert import FLASH_COLOUR, RingAlert
from ui.snapshots import CallRow
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

translate = QCoreApplication.translate


class RingingCalls(QWidget):
    def __init__(self, ring_alert: RingAlert, policy: PrankPolicy,
                 service_of: Callable[[CallRow], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def flash(_row) -> str | None:
            return FLASH_COLOUR if ring_alert.flash_on else None
        self.title = QLabel(self)
        self.model = RowTableModel([
            Column(lambda: translate("CallsPanel", "Penelepon"),
                   lambda row: flag_mark(row.nuisance) + caller_text(
                       row.caller_number, row.withheld, row.caller_name),
                   background=flash,
                   tooltip=lambda row: flag_tooltip(row.nuisance, policy.window_days)),
            Column(lambda: translate("CallsPanel", "Layanan"), service_of, background=flash,
                   tooltip=lambda row: row.line),
            Column(lambda: translate("CallsPanel", "Berdering"),
                   lambda row: labels.elapsed(row.started_at), ticking=True,
                   tooltip=lambda row: format_wita(row.started_at), background=flash),
        ], key=lambda row: row.id, parent=self)
        self.view = KeyedTableView(self.model, self)
        self.view.setObjectName("ringingTable")
        self.blocked = BlockedCalls(self)
        # One selection between the two lists: the row picked last is the one F2 means.
        self.view.currentKeyChanged.connect(lambda key: self._picked(key, self.blocked.view))
        self.blocked.view.currentKeyChanged.connect(lambda key: self._picked(key, self.view))
        ring_alert.flashed.connect(lambda _on: self.model.tick_all())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.blocked)

    @staticmethod
    def _picked(key, other: KeyedTableView) -> None:
        if key is not None:
            other.clearSelection()

    def retranslate(self) -> None:
        self.title.setText(translate("CallsPanel", "<b>Berdering</b> (terlama di atas)"))
        self.model.retranslate()
        self.blocked.retranslate()

    def tick(self) -> None:
        self.model.tick()
        self.blocked.model.tick()

    def show_rows(self, ringing: tuple[CallRow, ...], blocked: tuple[CallRow, ...]) -> None:
        self.model.set_rows(ringing)
        self.blocked.show_rows(blocked)

    def upsert(self, row: CallRow, *, blocked: bool) -> None:
        (self.blocked.model if blocked else self.model).upsert(row)

    def remove(self, call_id: int) -> None:
        self.model.remove(call_id)
        self.blocked.model.remove(call_id)

    def target(self) -> CallRow | None:
        """The selected ringing call, else the one that has rung longest; a
        blocked number's call only when selected or when nothing else rings."""
        for view in (self.view, self.blocked.view):
            key = view.current_key()
            if key is not None:
                return view.keyed_model().row_for(key)
        for model in (self.model, self.blocked.model):
            if model.rowCount():
                return model.row_at(0)
        return None
