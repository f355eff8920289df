"""The telephony engine's state in the window's status bar, one line each:
the link to the engine lost (the phone is out of reach), and calls being
journaled because the database refuses writes (nothing is lost, but the
boards lag behind the calls until it is back).

The engine says why in English plain words (telephony/durable_log.py);
the operator reads them in the UI's language.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from telephony.events import CallEvent, EventKind
from ui.qt.gui_thread import to_gui

log = logging.getLogger(__name__)


class EngineStatus(QObject):
    def __init__(self, window: QMainWindow, client: Any, bridge: Any) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)  # a QObject hears no LanguageChange of its own
        self._connected = bool(client.connected)
        self._was_lost = False
        self._journaling: str | None = None
        self.link_label = self._permanent_label("engineLinkState")
        self.journal_label = self._permanent_label("engineJournalState")
        engine = client.describe() if client.connected else {}
        if engine.get("journaling"):
            self._journaling = engine.get("journal_reason") or ""
        self._remove = client.add_link_listener(
            lambda connected, line: to_gui(self._link_changed, connected, line))
        bridge.event.connect(self._on_event)
        self.retranslate()

    def _permanent_label(self, name: str) -> QLabel:
        label = QLabel(self._window)
        label.setObjectName(name)
        label.hide()
        self._window.statusBar().addPermanentWidget(label)
        return label

    def close(self) -> None:
        self._remove()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        if not self._connected:
            self.link_label.setText(self.tr("Mesin telepon terputus; menyambung ulang…")
                                    if self._was_lost else
                                    self.tr("Mesin telepon belum tersambung; menunggu…"))
        self.link_label.setVisible(not self._connected)
        if self._journaling is not None:
            self.journal_label.setText(self.tr(
                "Panggilan dicatat di jurnal: basis data tidak tersedia (%1)").replace(
                "%1", self.reason_text(self._journaling)))
        self.journal_label.setVisible(self._journaling is not None)

    def reason_text(self, reason: str) -> str:
        known = {"disk full": self.tr("disk penuh"),
                 "database server stopped": self.tr("server basis data berhenti"),
                 "database server not reachable": self.tr("server basis data tak terjangkau"),
                 "database locked by another program": self.tr("basis data dikunci program lain"),
                 "database connection lost": self.tr("sambungan basis data terputus")}
        return known.get(reason, reason)

    def _link_changed(self, connected: bool, line: str) -> None:
        self._connected = connected
        if connected:
            if self._was_lost:
                self._window.statusBar().showMessage(
                    self.tr("Mesin telepon tersambung kembali."), 8000)
            self._was_lost = False
        else:
            self._was_lost = True
            log.warning("telephony engine link lost: %s", line)
        self.retranslate()

    def _on_event(self, event: CallEvent) -> None:
        if event.kind is EventKind.JOURNALING:
            self._journaling = event.detail
        elif event.kind is EventKind.DATABASE_BACK:
            self._journaling = None
            self._window.statusBar().showMessage(self.tr(
                "Basis data tersedia lagi; semua panggilan dari jurnal sudah dicatat."), 15000)
        else:
            return
        self.retranslate()
