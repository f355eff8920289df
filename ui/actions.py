"""Every frequent action of the desk, with its shortcut, in one place.

The keys are chosen for a call-taker with a headset and one hand on the
keyboard: F2–F4 for the call, F6–F8 for the selected unit's status, F9 to
send the first recommended unit, Ctrl+N for a new incident. Menus, panel
buttons and tooltips all show these same QActions, and docs/shortcuts.md
is the table of SHORTCUTS below.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from dispatch.enums import Role

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "answer": ("F2",),
    "hold": ("F3",),
    "hang_up": ("F4",),
    "call_back": ("Ctrl+B",),
    "clear_callback": ("Ctrl+Shift+B",),
    "new_incident": ("Ctrl+N",),
    # The type of the call in the headset (or the one selected, or the one
    # that just ended): one key each, in the order centres count them.
    "classify_emergency": ("Alt+1",),
    "classify_complaint": ("Alt+2",),
    "classify_information": ("Alt+3",),
    "classify_prank": ("Alt+4",),
    "classify_ghost": ("Alt+5",),
    "classify_wrong_number": ("Alt+6",),
    "new_complaint": ("Ctrl+K",),
    # Keying the studio takes two keys, releasing it one: a slip must never
    # put the call centre on air, and getting off air must never wait.
    "on_air": ("Ctrl+F10",),
    "off_air": ("F12",),
    "assign_first": ("F9", "Ctrl+Shift+A"),
    # On the incident in the detail dock (the one selected on the incidents board).
    "incident_note": ("Ctrl+Shift+N",),
    "incident_correct": ("Ctrl+Shift+E",),
    "incident_close": ("Ctrl+Shift+X",),
    "incident_cancel": ("Ctrl+Shift+C",),
    "en_route": ("F6",),
    "on_scene": ("F7",),
    "clear": ("F8",),
    "out_of_service": ("Shift+F8",),
    "refresh": ("F5",),
    "focus_calls": ("Ctrl+1",),
    "focus_form": ("Ctrl+2",),
    "focus_incidents": ("Ctrl+3",),
    "focus_units": ("Ctrl+4",),
    "focus_recommend": ("Ctrl+5",),
    "focus_map": ("Ctrl+6",),
    "focus_complaints": ("Ctrl+7",),
    "focus_complaint_form": ("Ctrl+8",),
    "focus_bulletin": ("Ctrl+9",),
    "focus_reading": ("Ctrl+0",),
    "focus_agencies": (),
    "focus_incident_detail": ("Ctrl+I",),
    "role_call_taker": ("Ctrl+Alt+1",),
    "role_dispatcher": ("Ctrl+Alt+2",),
    "role_radio": ("Ctrl+Alt+3",),
    "role_supervisor": ("Ctrl+Alt+4",),
    "reset_layout": (),
    "language_id": (),
    "language_en": (),
    "hand_over": ("Ctrl+Alt+H",),
    "quit": ("Ctrl+Q",),
}
# Shortcuts that belong to one panel and live there (listed for the docs).
PANEL_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "callback_clear_selected": ("Delete",),
    "form_submit": ("Ctrl+Return",),
    "form_focus_location": ("Ctrl+L",),
    "form_caller_location": ("Ctrl+Shift+L",),
    "form_address_search": ("Ctrl+G",),
    "recommend_assign_selected": ("Return",),
    "complaint_submit": ("Ctrl+Return",),
    "bulletin_move_up": ("Ctrl+Up",),
    "bulletin_move_down": ("Ctrl+Down",),
    "reading_larger": ("Ctrl++",),
    "reading_smaller": ("Ctrl+-",),
}


def panel_action(widget: QWidget, keys: Sequence[str | QKeySequence.StandardKey],
                 slot: Callable[[], object]) -> QAction:
    """A shortcut that works anywhere inside `widget` (a form, a table) and
    nowhere else, so a panel's Ctrl+Enter or Ctrl+Up never steals the key
    from another panel."""
    action = QAction(widget)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    widget.addAction(action)
    return action


def without_mnemonic(text: str) -> str:
    """An action's text as a tooltip shows it: "&Jawab" → "Jawab", "A && B" → "A & B"."""
    return re.sub(r"&(.)", r"\1", text)


def escape_mnemonic(text: str) -> str:
    """A title meant literally (a dock's) as an action text: every "&" shown as itself."""
    return text.replace("&", "&&")


class DeskActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.by_name: dict[str, QAction] = {}
        for name, keys in SHORTCUTS.items():
            action = QAction(window)
            action.setObjectName(f"action_{name}")
            action.setShortcuts([QKeySequence(key) for key in keys])
            window.addAction(action)  # shortcuts work even when the menu bar is hidden
            self.by_name[name] = action
        self.roles = QActionGroup(self)
        for role in Role:
            action = self.by_name[f"role_{role.value}"]
            action.setCheckable(True)
            action.setData(role.value)
            self.roles.addAction(action)
        self.languages = QActionGroup(self)
        for language in ("id", "en"):
            action = self.by_name[f"language_{language}"]
            action.setCheckable(True)
            action.setData(language)
            self.languages.addAction(action)
        self.menus: dict[str, QMenu] = {}

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def call_actions(self) -> list[QAction]:
        return [self[n] for n in ("answer", "hold", "hang_up", "call_back", "new_incident")]

    def status_actions(self) -> list[QAction]:
        return [self[n] for n in ("en_route", "on_scene", "clear", "out_of_service")]

    def build_menus(self, bar: QMenuBar, dock_toggles: list[QAction]) -> None:
        def menu(key: str, names: list[str | None]) -> QMenu:
            made = bar.addMenu("")
            for name in names:
                made.addSeparator() if name is None else made.addAction(self[name])
            self.menus[key] = made
            return made
        menu("desk", ["refresh", None, "hand_over", None, "quit"])
        menu("calls", ["answer", "hold", "hang_up", None, "call_back", "clear_callback", None,
                       "classify_emergency", "classify_complaint", "classify_information",
                       "classify_prank", "classify_ghost", "classify_wrong_number"])
        menu("incidents", ["new_incident", None, "assign_first", None, "incident_note",
                           "incident_correct", "incident_close", "incident_cancel"])
        menu("units", ["en_route", "on_scene", "clear", None, "out_of_service"])
        menu("halo", ["new_complaint", None, "on_air", "off_air"])
        view = menu("view", ["focus_calls", "focus_form", "focus_incidents", "focus_units",
                             "focus_recommend", "focus_incident_detail", "focus_map",
                             "focus_complaints", "focus_complaint_form", "focus_bulletin",
                             "focus_reading", "focus_agencies", None])
        view.addActions(dock_toggles)
        menu("role", [f"role_{role.value}" for role in Role] + [None, "reset_layout"])
        menu("language", ["language_id", "language_en"])

    def retranslate(self) -> None:
        texts = {
            "answer": self.tr("&Jawab panggilan"),
            "hold": self.tr("&Tahan / lanjutkan"),
            "hang_up": self.tr("T&utup panggilan"),
            "call_back": self.tr("Telepon &balik"),
            "clear_callback": self.tr("&Hapus dari daftar telepon balik…"),
            "new_incident": self.tr("Kejadian &baru"),
            "classify_emergency": self.tr("Jenis panggilan: darurat"),
            "classify_complaint": self.tr("Jenis panggilan: pengaduan"),
            "classify_information": self.tr("Jenis panggilan: informasi"),
            "classify_prank": self.tr("Jenis panggilan: iseng"),
            "classify_ghost": self.tr("Jenis panggilan: diam / terputus"),
            "classify_wrong_number": self.tr("Jenis panggilan: salah sambung"),
            "new_complaint": self.tr("&Pengaduan baru"),
            "on_air": self.tr("&Mengudara (kunci relai studio)"),
            "off_air": self.tr("&Selesai mengudara (lepas relai)"),
            "assign_first": self.tr("&Tugaskan rekomendasi pertama"),
            "incident_note": self.tr("Tambah &catatan pada kejadian"),
            "incident_correct": self.tr("&Koreksi kejadian (jenis, prioritas, lokasi)…"),
            "incident_close": self.tr("T&utup kejadian…"),
            "incident_cancel": self.tr("B&atalkan kejadian…"),
            "en_route": self.tr("Unit dalam &perjalanan"),
            "on_scene": self.tr("Unit di &lokasi"),
            "clear": self.tr("Unit &selesai (tersedia)"),
            "out_of_service": self.tr("Unit &tidak siaga"),
            "refresh": self.tr("&Muat ulang"),
            "focus_calls": self.tr("Ke panel Panggilan"),
            "focus_form": self.tr("Ke Formulir kejadian"),
            "focus_incidents": self.tr("Ke Papan kejadian"),
            "focus_units": self.tr("Ke Papan unit"),
            "focus_recommend": self.tr("Ke Rekomendasi"),
            "focus_incident_detail": self.tr("Ke Rincian kejadian"),
            "focus_map": self.tr("Ke Peta"),
            "focus_complaints": self.tr("Ke Daftar pengaduan"),
            "focus_complaint_form": self.tr("Ke Formulir pengaduan"),
            "focus_bulletin": self.tr("Ke Buletin"),
            "focus_reading": self.tr("Ke Layar baca studio"),
            # "&&" is a plain "&": a single one would underline the next character.
            "focus_agencies": self.tr("Ke Instansi && kategori"),
            "role_call_taker": self.tr("Penerima panggilan"),
            "role_dispatcher": self.tr("Dispatcher"),
            "role_radio": self.tr("Staf radio"),
            "role_supervisor": self.tr("Supervisor"),
            "reset_layout": self.tr("Kembalikan tata letak bawaan peran ini"),
            "hand_over": self.tr("Serah terima s&hift…"),
            "quit": self.tr("&Keluar"),
        }
        # Language names are written in their own language, never translated.
        texts["language_id"] = "Bahasa Indonesia"
        texts["language_en"] = "English"
        for name, text in texts.items():
            action = self[name]
            action.setText(text)
            plain = without_mnemonic(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{plain} ({keys})" if keys else plain)
            action.setStatusTip(action.toolTip())
        titles = {"desk": self.tr("&Meja"), "calls": self.tr("&Panggilan"),
                  "incidents": self.tr("&Kejadian"), "units": self.tr("&Unit"),
                  "halo": self.tr("&Halo Denpasar"),
                  "view": self.tr("&Tampilan"), "role": self.tr("P&eran"),
                  "language": self.tr("&Bahasa")}
        for key, title in titles.items():
            if key in self.menus:
                self.menus[key].setTitle(title)
