"""The softphone's events reach the GUI thread as Qt signals (offscreen Qt)."""
from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from dispatch.timeutil import utcnow
from telephony.engine import SoftphoneEngine
from telephony.events import CallEvent, EventKind
from telephony.settings import SipConfig
from telephony.testing import Sipp, free_port, sipp_binary
from ui.calls.softphone_bridge import SoftphoneBridge

pytestmark = [pytest.mark.gui, pytest.mark.timeout(60)]


class FakeEngine:
    """Only the listener half of the engine, to drive the bridge by hand."""

    def __init__(self) -> None:
        self.listeners = []

    def add_listener(self, listener):
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)


def test_events_from_another_thread_arrive_on_the_gui_thread(qtbot):
    engine = FakeEngine()
    bridge = SoftphoneBridge(engine)
    ran_on = []
    bridge.ringing.connect(lambda event: ran_on.append(QThread.currentThread()))
    worker = threading.Thread(target=engine.listeners[0],
                              args=(CallEvent(EventKind.RINGING, utcnow(), sip_call_id="x"),))
    worker.start()
    worker.join(5)
    qtbot.waitUntil(lambda: len(ran_on) == 1, timeout=5000)
    assert ran_on == [QApplication.instance().thread()]
    bridge.close()


def test_a_burst_of_events_arrives_in_order_in_bounded_batches(qtbot):
    engine = FakeEngine()
    bridge = SoftphoneBridge(engine)
    received = []
    bridge.event.connect(lambda event: received.append(event.sip_call_id))
    burst = [CallEvent(EventKind.RINGING, utcnow(), sip_call_id=f"burst-{n}") for n in range(2000)]

    def sip_thread() -> None:
        for event in burst:
            engine.listeners[0](event)

    worker = threading.Thread(target=sip_thread)
    worker.start()
    worker.join(10)
    qtbot.waitUntil(lambda: len(received) == len(burst), timeout=10000)
    assert received == [event.sip_call_id for event in burst]
    assert bridge.hops < len(burst)  # batched, not one hop per event
    bridge.close()
    assert engine.listeners == []


def test_emitting_does_not_eat_references_to_true(qtbot):
    """PySide6 6.12.0's emit() returns True without a reference; unpatched,
    a busy desk's signals would drive True's refcount to zero and abort."""
    engine = FakeEngine()
    bridge = SoftphoneBridge(engine)
    received = []
    bridge.ringing.connect(lambda event: received.append(1))
    events = [CallEvent(EventKind.RINGING, utcnow(), sip_call_id=f"c{n}") for n in range(3000)]
    before = sys.getrefcount(True)
    worker = threading.Thread(target=lambda: [engine.listeners[0](e) for e in events])
    worker.start()
    worker.join(10)
    qtbot.waitUntil(lambda: len(received) == 3000, timeout=10000)
    # The bridge re-emits 6000 signals; only its thread hops (one per batch,
    # through ui.qt.gui_thread) are outside its control.
    assert sys.getrefcount(True) - before > -(bridge.hops + 50)
    assert bridge.hops < 1000
    bridge.close()


@pytest.mark.sip
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_real_call_reaches_the_gui_thread_as_signals(qtbot, seeded, tmp_path):
    from conftest import require_tools
    require_tools(sipp=sipp_binary() is not None)
    engine = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=free_port(),
                                               desk_name="desk-test"), actor="test")
    bridge = SoftphoneBridge(engine)
    threads = []
    bridge.ringing.connect(lambda event: threads.append(QThread.currentThread()))
    failures = []
    bridge.commandFailed.connect(lambda command, reason: failures.append((command, reason)))
    sipp = None
    try:
        with qtbot.waitSignal(bridge.runningChanged, timeout=10000) as started:
            engine.start()
        assert started.args == [True]
        sipp = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "sipp",
                    duration_ms=300).start()
        with qtbot.waitSignal(bridge.ringing, timeout=10000) as ringing:
            pass
        event = ringing.args[0]
        assert event.kind is EventKind.RINGING and event.call_id is not None
        assert event.caller == "+628123456701"
        with qtbot.waitSignal(bridge.finished, timeout=10000) as finished:
            pass
        assert finished.args[0].kind is EventKind.ABANDONED
        assert threads == [QApplication.instance().thread()]
        with qtbot.waitSignal(bridge.commandFailed, timeout=5000):
            bridge.answer("no-such-call")
        assert failures[0][0] == "answer" and "no-such-call" in failures[0][1]
        assert sipp.wait().ok
    finally:
        if sipp is not None:
            sipp.kill()
        engine.stop()
        bridge.close()
