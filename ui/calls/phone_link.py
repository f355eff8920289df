"""Connecting the softphone to the Calls panel.

    window.phone.attach_bridge(SoftphoneBridge(engine))  # ui/calls/softphone_bridge.py
    window.phone.attach(engine)                         # or straight on the engine

Either way events reach `CallsPanel.on_call_event` on the GUI thread and
commands go to the engine, which queues them for its SIP thread.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ui.calls.panel import CallsPanel, Phone
from ui.qt.gui_thread import to_gui


class PhoneLink(QObject):
    def __init__(self, panel: CallsPanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        self._remove_listener: Callable[[], None] | None = None
        self._signal: Any = None
        self.phone: Phone | None = None

    def attach(self, phone: Phone, events_signal: Any = None) -> None:
        """`phone` takes the commands (answer, hold, resume, hangup, call_back,
        each returning a Future). `events_signal`: a Qt signal carrying
        telephony.events.CallEvent on the GUI thread; without one, listen to
        the engine directly and hop with to_gui."""
        self.detach()
        self.phone = phone
        self._panel.attach_phone(phone)
        if events_signal is not None:
            events_signal.connect(self._panel.on_call_event)
            self._signal = events_signal
        else:
            panel = self._panel
            self._remove_listener = phone.add_listener(  # type: ignore[attr-defined]
                lambda event: to_gui(panel.on_call_event, event))

    def attach_bridge(self, bridge: Any) -> None:
        """The softphone bridge: its `event` signal in, its commands out."""
        self.attach(bridge, bridge.event)

    def detach(self) -> None:
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        if self._signal is not None:
            self._signal.disconnect(self._panel.on_call_event)
            self._signal = None
        self.phone = None
        self._panel.attach_phone(None)
