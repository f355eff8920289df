"""Closing the desk while calls ring or are connected: first say what
happens to them, and let "don't close" be the answer Enter gives.

What happens is what the desk does: the telephony engine runs in a
process of its own (`safedesk serve`, started detached) and outlives the
window. Ringing calls ring on until another window of this computer
answers them or the engine ends them after `sip.ring_timeout_s` and puts
them on the callback list. Connected callers stay on the line, but the
headset is this window's: nobody hears them until they hang up or a desk
window is opened here again (it finds their calls in the engine).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class QuitQuestion(QMessageBox):
    confirmed = Signal()  # the operator chose to close all the same

    def __init__(self, ringing: int, live: int, ring_timeout_s: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quitQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Tutup meja?"))
        counts = []
        if ringing:
            counts.append(self.tr("%n panggilan berdering", "", ringing))
        if live:
            counts.append(self.tr("%n panggilan tersambung atau ditahan", "", live))
        self.setText(self.tr("Masih ada %1.").replace("%1", self.tr(" dan ").join(counts)))
        said = [self.tr("Jika meja ditutup, mesin telepon tetap berjalan.")]
        if ringing:
            said.append(self.tr(
                "Panggilan yang berdering terus berdering; bila tidak dijawab dalam %n detik, "
                "mesin mengakhirinya dan memasukkannya ke daftar telepon balik.", "",
                ring_timeout_s))
        if live:
            said.append(self.tr(
                "Penelepon yang tersambung tetap di saluran, tetapi tidak ada yang mendengar "
                "mereka (headset milik jendela ini) sampai mereka menutup telepon atau meja "
                "dibuka lagi di komputer ini."))
        self.setInformativeText(" ".join(said))
        self.close_button = self.addButton(self.tr("Tutup meja"),
                                           QMessageBox.ButtonRole.DestructiveRole)
        self.stay_button = self.addButton(self.tr("Jangan tutup"),
                                          QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.stay_button)
        self.setEscapeButton(self.stay_button)
        self.finished.connect(self._answered)

    def _answered(self, _result: int) -> None:
        if self.clickedButton() is self.close_button:
            self.confirmed.emit()
