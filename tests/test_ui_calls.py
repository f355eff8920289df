"""The Calls panel: the ringing queue, the active call and its caller's
history, the callback list, a 50-call surge, and a real SIPp caller."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_fixtures import db_url, desk  # noqa: F401,E402  (shared fixtures)

from dispatch import calls
from dispatch.enums import CallStatus
from dispatch.timeutil import utcnow
from ui.stall_monitor import StallMonitor
from ui.testing import ring, ring_surge

pytestmark = pytest.mark.gui
WAIT_MS = 5000
STALL_LIMIT_MS = 100


def press(qtbot, window, key) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key)


def test_ringing_calls_are_listed_oldest_first_with_the_callers_history(qtbot, desk, seeded):
    now = utcnow()
    ring(seeded, "late@test", "081200000003", at=now - timedelta(seconds=5))
    ring(seeded, "first@test", "081200000001", at=now - timedelta(seconds=50))
    earlier = ring(seeded, "old@test", "081200000001", at=now - timedelta(days=2))
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id=earlier.sip_call_id, desk="desk-test")
    panel = desk.calls_panel
    qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 2, timeout=WAIT_MS)
    rows = panel.ringing_model.rows()
    assert [r.sip_call_id for r in rows] == ["first@test", "late@test"]
    assert panel.ringing_model.index(0, 0).data() == "0812-0000-0001 (Penelepon)"
    assert panel.ringing_model.index(0, 2).data().startswith("0:5")  # rang for ~50 s
    # The abandoned call is waiting for a call-back.
    assert [r.sip_call_id for r in panel.callback_model.rows()] == ["old@test"]
    # Selecting the oldest ringing call shows what this number did before.
    panel.ringing_view.select_key(rows[0].id)
    qtbot.waitUntil(lambda: panel.history_model.rowCount() == 1, timeout=WAIT_MS)
    entry = panel.history_model.row_at(0)
    assert (entry.kind, entry.id, entry.status) == ("call", earlier.call_id, "abandoned")


def test_commands_without_a_softphone_say_so(qtbot, desk, seeded):
    ring(seeded, "alone@test", "081200000009")
    panel = desk.calls_panel
    qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
    press(qtbot, desk, Qt.Key.Key_F2)
    assert "Softphone tidak berjalan" in panel.message.text()
    press(qtbot, desk, Qt.Key.Key_F4)
    assert "Tidak ada panggilan aktif" in panel.message.text()
    with seeded.reading() as session:
        assert calls.find_by_sip_call_id(session, "alone@test").status is CallStatus.RINGING


def test_a_surge_of_fifty_ringing_calls_never_stalls_the_window(qtbot, desk, seeded):
    monitor = StallMonitor(interval_ms=10, parent=desk).start()
    surge = ring_surge(seeded, 50, desk.calls_panel.on_call_event)
    qtbot.waitUntil(lambda: desk.calls_panel.ringing_model.rowCount() == 50, timeout=20_000)
    qtbot.waitUntil(lambda: not surge.is_alive() and desk.is_settled(), timeout=20_000)
    monitor.stop()
    assert monitor.beats > 10
    assert monitor.max_stall_ms < STALL_LIMIT_MS, f"the loop stalled {monitor.max_stall_ms:.0f} ms"
    started = [row.started_at for row in desk.calls_panel.ringing_model.rows()]
    assert started == sorted(started)  # after the reconcile, oldest first


# ---------------------------------------------------------------- real SIP

@pytest.mark.sip
@pytest.mark.timeout(90)
@pytest.mark.parametrize("link", ["bridge", "engine"])
def test_a_real_call_rings_is_answered_with_f2_and_ends(qtbot, desk, seeded, tmp_path, link):
    """SIPp calls the desk's own softphone. Hold and hang-up from the desk are
    left to the softphone's tests: its HELD/RESUMED events go out when the
    re-INVITE is sent, so a scripted caller can see the next key's request
    before the re-INVITE's ACK (reported to the telephony side)."""
    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import Sipp, free_port
    config = SipConfig(host="127.0.0.1", port=free_port(), desk_name="desk-test")
    engine = SoftphoneEngine(seeded, config, actor="operator")
    engine.start()
    sipp = bridge = None
    try:
        if link == "bridge":
            from ui.softphone_bridge import SoftphoneBridge
            bridge = SoftphoneBridge(engine)
            desk.phone.attach_bridge(bridge)
        else:
            desk.phone.attach(engine)
        panel = desk.calls_panel
        sipp = Sipp("uac_answered.xml", engine.config.listen, workdir=tmp_path / "sipp",
                    duration_ms=1500).start()
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=10_000)
        assert panel.ringing_model.index(0, 0).data().startswith("0812-3456-")
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=10_000)
        call_key = panel.active.sip_call_id
        assert panel.ringing_model.rowCount() == 0
        assert "terhubung" in panel.active_label.text()
        qtbot.waitUntil(lambda: panel.active is None, timeout=10_000)  # the caller hung up
        result = sipp.wait()
        assert result.ok, result.explain()
        with seeded.reading() as session:
            call = calls.find_by_sip_call_id(session, call_key)
            assert (call.status, call.ended_by, call.desk) == (CallStatus.ENDED, "caller",
                                                               "desk-test")
    finally:
        if sipp is not None:
            sipp.kill()
        desk.phone.detach()
        if bridge is not None:
            bridge.close()
        engine.stop()


def test_hold_state_and_the_end_of_the_active_call_follow_the_softphones_events(qtbot, desk,
                                                                                seeded):
    from telephony.events import CallEvent, EventKind
    from ui.testing import answer
    panel = desk.calls_panel
    event = ring(seeded, "held@test", "081200000077")
    panel.on_call_event(event)
    panel.on_call_event(answer(seeded, event))
    qtbot.waitUntil(lambda: panel.active is not None, timeout=WAIT_MS)
    for kind, state in ((EventKind.HELD, "held"), (EventKind.RESUMED, "connected")):
        panel.on_call_event(CallEvent(kind, utcnow(), sip_call_id="held@test",
                                      call_id=event.call_id))
        qtbot.waitUntil(lambda state=state: panel.active.state == state, timeout=WAIT_MS)
    panel.on_call_event(CallEvent(EventKind.HELD, utcnow(), sip_call_id="held@test"))
    qtbot.waitUntil(lambda: "DITAHAN" in panel.active_label.text(), timeout=WAIT_MS)
    panel.on_call_event(CallEvent(EventKind.ENDED, utcnow(), sip_call_id="held@test",
                                  call_id=event.call_id))
    qtbot.waitUntil(lambda: panel.active is None, timeout=WAIT_MS)
    assert panel.active_label.text() == "Tidak ada panggilan aktif."
