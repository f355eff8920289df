"""Each call's type, set with one key while or after the call (Alt+1 to
Alt+6: emergency, complaint, information, prank, ghost, wrong number), and
the marks a ringing call from a repeat prank caller carries.

Which call a key means: the one the operator selected last in the list of
live calls, the recent calls or the callback list; else the active call;
else the call that just ended here. Taking a new call forgets the old
selection, so the key then means the call in the headset.

Its words are the Calls panel's (translation context "CallsPanel").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from dispatch.call_types import classify_call
from ui.calls.caller import caller_text
from ui.qt.worker import describe_error
from ui.snapshots import CallRow

if TYPE_CHECKING:
    from ui.calls.panel import CallsPanel

translate = QCoreApplication.translate
# The window's actions (ui/actions.py), in the order of their keys.
CLASSIFY_ACTIONS: dict[str, str] = {
    "classify_emergency": "emergency", "classify_complaint": "complaint",
    "classify_information": "information", "classify_prank": "prank",
    "classify_ghost": "ghost", "classify_wrong_number": "wrong_number",
}


def type_name(value: str | None) -> str:
    """A call type in the UI's language; "" for a call not yet classified."""
    names = {
        "emergency": translate("CallsPanel", "darurat"),
        "complaint": translate("CallsPanel", "pengaduan"),
        "information": translate("CallsPanel", "informasi"),
        "prank": translate("CallsPanel", "iseng"),
        "ghost": translate("CallsPanel", "diam / terputus"),
        "wrong_number": translate("CallsPanel", "salah sambung"),
    }
    return names.get(value or "", value or "")


def flag_mark(nuisance: int) -> str:
    """The mark before a ringing caller flagged as a repeat prank caller."""
    return "⚠ " if nuisance else ""


def flag_tooltip(nuisance: int, window_days: int) -> str:
    if not nuisance:
        return ""
    return translate("CallsPanel", "Nomor ini %1 kali menelepon iseng atau diam dalam %2 hari "
                     "terakhir.").replace("%1", str(nuisance)).replace("%2", str(window_days))


def nuisance_text(total: int, recent: int, window_days: int) -> str:
    """The caller's prank/ghost record, beside their history."""
    if not total:
        return ""
    return translate("CallsPanel", "%1× iseng/diam (%2 dalam %3 hari terakhir)").replace(
        "%1", str(total)).replace("%2", str(recent)).replace("%3", str(window_days))


class CallClassifier(QObject):
    """Picks the call a classify key means, and writes its type."""

    def __init__(self, panel: CallsPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self._picked: str | None = None  # "live", "recent" or "callbacks": selected last
        self._views = {"live": panel.live_view, "recent": panel.recent.view,
                       "callbacks": panel.callback_view}
        for name, view in self._views.items():
            view.currentKeyChanged.connect(lambda key, n=name: self._selected(n, key))

    def _selected(self, name: str, key) -> None:
        if key is not None:
            self._picked = name
        elif self._picked == name:
            self._picked = None

    def forget_selection(self) -> None:
        """A new call in the headset: the keys mean it now."""
        self._picked = None
        for name in ("recent", "callbacks"):
            self._views[name].clearSelection()

    def target(self) -> tuple[int, str] | None:
        """(call id, the caller as shown) of the call the keys mean."""
        panel = self._panel
        row = self._views[self._picked].current_row() if self._picked else None
        if row is None:
            row = panel.active if panel.active is not None else panel.recent.latest()
        if row is None:
            return None
        call_id = row.id if isinstance(row, CallRow) else row.call_id
        if call_id is None:
            return None
        return call_id, caller_text(row.caller_number, row.withheld, row.caller_name)

    def classify(self, call_type: str, actor: str) -> None:
        panel = self._panel
        target = self.target()
        if target is None:
            panel.message.show_error(translate(
                "CallsPanel", "Tidak ada panggilan untuk diberi jenis: pilih satu di daftar."))
            return
        call_id, caller = target

        def write(session) -> str:
            return str(classify_call(session, call_id=call_id, call_type=call_type,
                                     actor=actor).classification)

        def done(written: str) -> None:
            panel.types[call_id] = written
            panel.types_changed()
            panel.message.show_info(lambda: translate(
                "CallsPanel", "Panggilan %1 ditandai: %2.").replace("%1", caller).replace(
                "%2", type_name(written)))
        panel.message.clear_message()
        panel.worker.write(write, done,
                           lambda error: panel.message.show_error(lambda: describe_error(error)))
