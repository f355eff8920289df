"""Helpers for driving the desk window from tests and the bench (never
used by the desk at run time; after telephony/testing.py)."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from dispatch import calls
from dispatch.settings import Settings
from dispatch.sip_identity import parse_caller
from dispatch.storage import Database
from dispatch.timeutil import utcnow
from telephony.events import CallEvent, EventKind
from ui.qt.gui_thread import to_gui
from ui.qt.translations import switch_language

EMERGENCY_LINE = "+62361223333"
COMPLAINTS_LINE = "+62361244444"
# Tests wait for events, not for the safety poll; and ring silently: Qt Multimedia
# binds to a sound server once per process (tests/test_headset_audio.py brings its own).
QUIET_SETTINGS = {"ui.poll_interval_s": 0, "ui.ring_tone": False}


def open_desk(database: Database, *, settings: dict[str, Any] | None = None,
              actor: str = "operator", map_enabled: bool = False):
    """A desk window on `database`, map off unless asked, not yet shown."""
    from ui.main_window import DeskWindow
    switch_language("id")
    values = {**QUIET_SETTINGS, **(settings or {})}
    return DeskWindow(database, Settings.in_memory(values), actor=actor, map_enabled=map_enabled)


def close_desk(window) -> None:
    window.close()
    switch_language("id")  # the translator is process-wide: leave it as found


def invite_identity(number: str, name: str = "Penelepon"):
    message = "\r\n".join([
        "INVITE sip:0361223333@127.0.0.1 SIP/2.0",
        f'From: "{name}" <sip:{number}@10.0.0.9>;tag=1',
        "To: <sip:0361223333@127.0.0.1>", f"Call-ID: ui-{number}", "", ""])
    return parse_caller(message)


def ring(database: Database, sip_call_id: str, number: str, *, name: str = "Penelepon",
         at=None, line: str = EMERGENCY_LINE) -> CallEvent:
    """Write a ringing call as the softphone does, and return the event it would send."""
    identity = invite_identity(number, name)
    with database.session() as session:
        call = calls.record_ringing(session, sip_call_id=sip_call_id, line_number=line,
                                    identity=identity, desk="desk-test", at=at)
        return CallEvent(EventKind.RINGING, call.started_at, sip_call_id=sip_call_id,
                         call_id=call.id, line=line, caller=call.caller_number,
                         caller_name=call.caller_name, withheld=call.caller_withheld)


def ring_surge(database: Database, count: int, deliver: Callable[[CallEvent], None] | None,
               *, prefix: str = "surge") -> threading.Thread:
    """`count` calls ringing at once, written on another thread (the SIP
    thread's place) and each announced to `deliver` on the GUI thread."""
    def surge() -> None:
        for n in range(count):
            event = ring(database, f"{prefix}-{n}@test", f"08123456{n:04d}")
            if deliver is not None:
                to_gui(deliver, event)
    thread = threading.Thread(target=surge, name="surge", daemon=True)
    thread.start()
    return thread


def answer(database: Database, event: CallEvent) -> CallEvent:
    """Claim the call in the database as the softphone does on answering,
    and return the event it then sends."""
    with database.session() as session:
        calls.mark_answered(session, sip_call_id=event.sip_call_id, desk="desk-test")
    return CallEvent(EventKind.ANSWERED, utcnow(), sip_call_id=event.sip_call_id,
                     call_id=event.call_id, line=event.line, caller=event.caller,
                     caller_name=event.caller_name, withheld=event.withheld)
