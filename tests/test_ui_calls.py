"""The Calls panel: the ringing queue, the active call and its caller's
history, the callback list, a 50-call surge, and a real SIPp caller."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from ui_fixtures import db_url, desk  # noqa: F401,E402  (shared fixtures)

from dispatch import calls
from dispatch.enums import CallStatus
from dispatch.timeutil import utcnow
from ui.qt.stall_monitor import StallMonitor
from ui.testing import ring, ring_surge

pytestmark = pytest.mark.gui
WAIT_MS = 5000
STALL_LIMIT_MS = 100


def press(qtbot, window, key) -> None:
    """A key (Qt.Key) or a key sequence ("Ctrl+Shift+B") into the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    if isinstance(key, QKeySequence):
        combination = key[0]
        QTest.keyClick(window.focusWidget() or window, combination.key(),
                       combination.keyboardModifiers())
        return
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
    # In words, not the domain's values ("inbound call", "abandoned").
    shown = [panel.history_model.index(0, column).data() for column in (1, 2, 3)]
    assert shown == ["panggilan masuk", "tak terjawab", "Darurat · 0361-223333"]


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
            from ui.calls.softphone_bridge import SoftphoneBridge
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


# ------------------------------------------------ juggling calls, callbacks, quitting

def live_states(panel) -> list[tuple[str, str, str]]:
    """(marker, caller's last digits, state) per listed live call, as shown."""
    model = panel.live_model
    return [(model.index(n, 0).data(), model.index(n, 2).data()[-4:], model.index(n, 3).data())
            for n in range(model.rowCount())]


def audit_actions(database, call_id: int) -> list[str]:
    from sqlalchemy import select

    from dispatch.models import AuditEntry
    with database.reading() as session:
        return list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "call", AuditEntry.entity_id == str(call_id))
            .order_by(AuditEntry.id)))


@pytest.mark.sip
@pytest.mark.timeout(90)
def test_two_callers_are_juggled_with_f2_f3_f4_and_neither_is_ever_unlisted(
        qtbot, desk, seeded, start_softphone, tmp_path):
    """Two SIPp callers who answer hold and resume re-INVITEs: F2, F2 (the
    first is held by the engine), F4 ends the second, the first is still
    listed as held, F3 resumes it, F4 ends it. The engine has a headset, as
    a desk's has: resuming moves it back to the first caller."""
    from sip_trace import TRACE_ARGS, holds_received, requests_received

    from telephony.audio import HeadsetPipes
    from telephony.testing import Sipp
    engine, _events = start_softphone(headset=HeadsetPipes())
    desk.phone.attach(engine)
    panel = desk.calls_panel
    workdir = tmp_path / "sipp"
    sipp = Sipp("uac_juggled.xml", engine.config.listen, workdir=workdir, calls=2, limit=2,
                rate=20, extra=TRACE_ARGS).start()

    def acknowledged(key: str, reinvites: int) -> bool:
        """The caller got `reinvites` re-INVITEs and the ACK of each answer."""
        return (len(requests_received(workdir, "INVITE", key)) == reinvites
                and len(requests_received(workdir, "ACK", key)) == reinvites)
    try:
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 2, timeout=10_000)
        first, second = (row.sip_call_id for row in panel.ringing_model.rows())
        first_id, second_id = (row.id for row in panel.ringing_model.rows())
        assert panel.ringing_model.index(0, 1).data() == "Darurat"
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: [c.state for c in panel.live_calls()] == ["connected"],
                        timeout=10_000)
        assert panel.live_model.index(0, 1).data() == "Darurat"
        press(qtbot, desk, Qt.Key.Key_F2)  # the oldest ringing call: now the second
        qtbot.waitUntil(lambda: [c.state for c in panel.live_calls()] == ["held", "connected"],
                        timeout=10_000)
        assert [s[0] for s in live_states(panel)] == ["", "▶"]  # the talker is marked
        assert [s[2] for s in live_states(panel)] == ["DITAHAN", "terhubung"]
        assert panel.active.sip_call_id == second and "terhubung" in panel.active_label.text()
        assert "1 terhubung · 1 ditahan" in desk.windowTitle()
        qtbot.waitUntil(lambda: acknowledged(first, 1), timeout=10_000)
        assert holds_received(workdir, first) == [True]  # the first caller heard the hold

        press(qtbot, desk, Qt.Key.Key_F4)  # ends the second; the first stays listed, held
        qtbot.waitUntil(lambda: [c.sip_call_id for c in panel.live_calls()] == [first],
                        timeout=10_000)
        assert live_states(panel)[0][0::2] == ("▶", "DITAHAN")
        assert "DITAHAN" in panel.active_label.text()
        duration = panel.live_model.index(0, 4).data()
        assert duration.startswith("0:0")  # counting since the answer
        press(qtbot, desk, Qt.Key.Key_F3)  # the held caller comes back
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=10_000)
        qtbot.waitUntil(lambda: acknowledged(first, 2), timeout=10_000)
        assert holds_received(workdir, first) == [True, False]
        press(qtbot, desk, Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: not panel.live_calls(), timeout=10_000)
        assert panel.active_label.text() == "Tidak ada panggilan aktif."
        result = sipp.wait()
    finally:
        sipp.kill()
        desk.phone.detach()
    assert result.ok, result.explain()
    with seeded.reading() as session:
        rows = [calls.find_by_sip_call_id(session, key) for key in (first, second)]
        assert [(r.status, r.ended_by) for r in rows] == [(CallStatus.ENDED, "operator")] * 2
    assert audit_actions(seeded, first_id) == ["call.ringing", "call.answered", "call.hold",
                                               "call.resume", "call.ended"]
    assert audit_actions(seeded, second_id) == ["call.ringing", "call.answered", "call.ended"]


def abandoned(database, sip_call_id: str, number: str | None, at=None) -> int:
    """A call that rang and was given up on: on the callback list. No
    number: the caller withheld it (an anonymous From)."""
    from dispatch.sip_identity import parse_caller
    from ui.testing import EMERGENCY_LINE
    if number is None:
        identity = parse_caller("\r\n".join([
            "INVITE sip:0361223333@127.0.0.1 SIP/2.0",
            'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
            "To: <sip:0361223333@127.0.0.1>", f"Call-ID: {sip_call_id}", "", ""]))
        with database.session() as session:
            call_id = calls.record_ringing(session, sip_call_id=sip_call_id,
                                           line_number=EMERGENCY_LINE, identity=identity,
                                           desk="desk-test", at=at).id
    else:
        call_id = ring(database, sip_call_id, number, at=at).call_id
    with database.session() as session:
        calls.mark_abandoned(session, sip_call_id=sip_call_id, desk="desk-test")
    return call_id


def callback_row(database, call_id: int):
    from dispatch.models import Call
    with database.reading() as session:
        call = session.get(Call, call_id)
        return call.callback_state.value, call.callback_note


def test_callback_entries_are_cleared_with_a_reason_even_a_withheld_callers(qtbot, desk,
                                                                             seeded):
    from dispatch.models import AuditEntry
    now = utcnow()
    unreachable = abandoned(seeded, "unreachable@test", "081200000055",
                            at=now - timedelta(minutes=9))
    hidden = abandoned(seeded, "hidden@test", None, at=now - timedelta(minutes=5))
    panel = desk.calls_panel
    qtbot.waitUntil(lambda: panel.callback_model.rowCount() == 2, timeout=WAIT_MS)
    assert panel.callback_model.index(1, 0).data() == "nomor disembunyikan"

    # The withheld caller can never be called back: its reason is chosen already.
    panel.callback_view.select_key(hidden)
    press(qtbot, desk, QKeySequence("Ctrl+Shift+B"))
    qtbot.waitUntil(lambda: panel.clear_dialog is not None and panel.clear_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = panel.clear_dialog
    assert dialog.reason() == "Nomor disembunyikan — tidak bisa ditelepon balik"
    dialog.clear_button.click()
    qtbot.waitUntil(lambda: panel.callback_model.rowCount() == 1, timeout=WAIT_MS)
    assert callback_row(seeded, hidden) == (
        "cleared", "Nomor disembunyikan — tidak bisa ditelepon balik")
    assert "dihapus dari daftar telepon balik" in panel.message.text()

    # Delete in the list; nothing chosen, nothing said: the dialog cannot clear.
    panel.callback_view.setFocus()
    panel.callback_view.select_key(unreachable)
    press(qtbot, desk, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.clear_dialog is not None and panel.clear_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = panel.clear_dialog
    dialog.choose(-1, "   ")
    assert not dialog.clear_button.isEnabled()
    QTest.keyClick(dialog.other, Qt.Key.Key_Return)
    assert dialog.isVisible() and callback_row(seeded, unreachable)[0] == "pending"
    dialog.choose(1, "dicoba 3 kali, tidak aktif")
    QTest.keyClick(dialog.other, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.callback_model.rowCount() == 0, timeout=WAIT_MS)
    assert callback_row(seeded, unreachable) == (
        "cleared", "Nomor tidak bisa dihubungi — dicoba 3 kali, tidak aktif")
    with seeded.reading() as session:
        actors = session.query(AuditEntry.actor).filter(
            AuditEntry.action == "call.callback_cleared").all()
    assert [actor for (actor,) in actors] == ["operator", "operator"]
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert panel.callback_model.rowCount() == 0  # the database's view agrees


def test_ctrl_b_without_a_callback_route_says_what_a_supervisor_must_set(qtbot, desk, seeded,
                                                                         start_softphone):
    engine, _events = start_softphone()  # no sip.callback_uri, no registrar
    desk.phone.attach(engine)
    panel = desk.calls_panel
    try:
        abandoned(seeded, "missed@test", "081200000066")
        qtbot.waitUntil(lambda: panel.callback_model.rowCount() == 1, timeout=WAIT_MS)
        press(qtbot, desk, QKeySequence("Ctrl+B"))
        qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=WAIT_MS)
        assert panel.message.text() == (
            "Telepon balik belum bisa: meja ini belum punya jalur keluar. Supervisor perlu "
            "mengisi pengaturan sip.callback_uri (atau sip.registrar).")
        english = ("No call-backs yet: this desk has no outgoing route. A supervisor must set "
                   "sip.callback_uri (or sip.registrar).")
        desk.switch_language("en")  # the refusal on screen is said again, in English
        qtbot.waitUntil(lambda: panel.message.text() == english, timeout=WAIT_MS)
        assert panel.message.isVisible()
        panel.message.clear_message()
        press(qtbot, desk, QKeySequence("Ctrl+B"))
        qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=WAIT_MS)
        assert panel.message.text() == english
    finally:
        desk.phone.detach()
        desk.switch_language("id")
    with seeded.reading() as session:
        assert len(calls.list_calls(session)) == 1  # no call-back was written


def test_ctrl_q_asks_first_while_calls_ring_or_are_connected(qtbot, desk, seeded):
    from ui.testing import answer
    panel = desk.calls_panel
    events = [ring(seeded, f"q{n}@test", f"08120000010{n}") for n in range(3)]
    for event in events:
        panel.on_call_event(event)
    panel.on_call_event(answer(seeded, events[0]))
    qtbot.waitUntil(lambda: panel.active is not None and panel.ringing_model.rowCount() == 2,
                    timeout=WAIT_MS)
    press(qtbot, desk, QKeySequence("Ctrl+Q"))
    question = desk.quit_question
    assert question is not None and question.isVisible()
    assert question.text() == ("Masih ada 2 panggilan berdering dan 1 panggilan tersambung "
                               "atau ditahan.")
    said = question.informativeText()
    assert "mesin telepon tetap berjalan" in said and "90 detik" in said
    assert "tidak ada yang mendengar" in said
    assert question.defaultButton() is question.stay_button  # Enter keeps the desk open
    QTest.keyClick(question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.quit_question is None, timeout=WAIT_MS)
    assert desk.isVisible()

    press(qtbot, desk, QKeySequence("Ctrl+Q"))
    desk.quit_question.close_button.click()
    qtbot.waitUntil(lambda: not desk.isVisible(), timeout=WAIT_MS)


def test_ctrl_q_without_calls_quits_at_once(qtbot, desk):
    press(qtbot, desk, QKeySequence("Ctrl+Q"))
    assert desk.quit_question is None
    qtbot.waitUntil(lambda: not desk.isVisible(), timeout=WAIT_MS)


def test_ringing_rows_flash_until_answered_and_the_tone_stays_off_when_set_off(qtbot, desk,
                                                                                seeded):
    from PySide6.QtCore import Qt as QtRoles
    panel = desk.calls_panel
    alert = panel.ring_alert
    assert not alert.flashing
    event = ring(seeded, "flash@test", "081200000088")
    panel.on_call_event(event)
    qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
    assert alert.flashing

    def background():
        colour = panel.ringing_model.index(0, 0).data(QtRoles.ItemDataRole.BackgroundRole)
        return colour.name() if colour is not None else None
    seen = {background()}
    qtbot.waitUntil(lambda: seen.add(background()) or len(seen) == 2, timeout=WAIT_MS)
    assert seen == {None, "#ffb74d"}
    assert "1 berdering" in desk.windowTitle()
    # ui.ring_tone is off for tests (ui/testing.py): Qt Multimedia is never touched.
    assert not alert.sounding and alert.effect is None
    from ui.testing import answer
    panel.on_call_event(answer(seeded, event))
    qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 0, timeout=WAIT_MS)
    assert not alert.flashing and not alert.flash_on


@pytest.mark.sip
@pytest.mark.timeout(90)
def test_a_caller_who_rings_again_and_is_answered_leaves_the_callback_list(
        qtbot, desk, seeded, start_softphone, tmp_path):
    from telephony.testing import Sipp
    earlier = abandoned(seeded, "earlier@test", "08123456701",  # SIPp's first caller
                        at=utcnow() - timedelta(minutes=20))
    other = abandoned(seeded, "other@test", "081200000077", at=utcnow() - timedelta(minutes=10))
    engine, _events = start_softphone()
    desk.phone.attach(engine)
    panel = desk.calls_panel
    sipp = Sipp("uac_answered.xml", engine.config.listen, workdir=tmp_path / "sipp",
                duration_ms=1500).start()
    try:
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1
                        and panel.callback_model.rowCount() == 2, timeout=10_000)
        assert panel.ringing_model.row_at(0).caller_number == "+628123456701"
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: [row.id for row in panel.callback_model.rows()] == [other],
                        timeout=10_000)
        assert callback_row(seeded, earlier)[0] == "cleared"
        qtbot.waitUntil(lambda: panel.active is None, timeout=10_000)  # the caller hung up
        result = sipp.wait()
    finally:
        sipp.kill()
        desk.phone.detach()
    assert result.ok, result.explain()


@pytest.mark.timeout(60)
def test_the_ring_tone_is_heard_with_a_sound_device_and_harmless_without_one(tmp_path):
    """In processes of their own (Qt Multimedia binds to one sound server per
    process): a throw-away PulseAudio is the speaker, recorded while a call
    rings; then no sound server at all, where the desk must just run on."""
    import array
    import json
    import math
    import os
    import subprocess
    import sys
    from pathlib import Path

    from conftest import require_tools
    from pulse_server import EARPIECE_SINK, ThrowawayPulse, pulse_tools_available
    require_tools(pulseaudio=pulse_tools_available())
    child = [sys.executable, str(Path(__file__).with_name("ring_tone_child.py"))]
    pulse = ThrowawayPulse().start()
    try:
        recorder = subprocess.Popen(["parec", f"--device={EARPIECE_SINK}.monitor",
                                     "--format=s16le", "--rate=16000", "--channels=1", "--raw"],
                                    env=pulse.environ(), stdout=subprocess.PIPE)
        try:
            ringing = subprocess.run([*child, "2"], env=pulse.environ(), capture_output=True,
                                     text=True, timeout=30)
        finally:
            recorder.terminate()
            heard = array.array("h", recorder.communicate(timeout=10)[0])
    finally:
        pulse.stop()
    assert ringing.returncode == 0, ringing.stderr[-2000:]
    said = json.loads(ringing.stdout)
    assert said["sounding"] and said["playing"] and said["status"] == "Ready"
    assert said["loops"] == -2 and said["volume"] == 1.0  # looped while it rings, ui.ring_volume
    rms = math.sqrt(sum(sample * sample for sample in heard) / max(1, len(heard)))
    assert rms > 1000, f"the speaker heard nothing (RMS {rms:.0f} over {len(heard)} samples)"

    nowhere = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}",
               "QT_AUDIO_BACKEND": "pulseaudio"}
    silent = subprocess.run([*child, "1"], env=nowhere, capture_output=True, text=True,
                            timeout=30)
    assert silent.returncode == 0, silent.stderr[-2000:]
    said = json.loads(silent.stdout)
    # Nothing sounds, and the alert knows it: it does not try again at the
    # next ring (each try would hold the window while Qt looks for a device).
    assert not said["sounding"] and not said["playing"] and said["status"] == "Error"
    assert "ring tone unavailable" in silent.stderr


def test_ctrl_n_and_the_history_follow_the_call_selected_in_the_live_list(qtbot, desk, seeded):
    """Two callers in the desk (events as the softphone sends them): the
    talker is the default, a held caller chosen in the list takes over."""
    from telephony.events import CallEvent, EventKind
    from ui.testing import answer
    panel = desk.calls_panel
    held = ring(seeded, "held-one@test", "081200000011", at=utcnow() - timedelta(minutes=3))
    talking = ring(seeded, "talker@test", "081200000022")
    earlier = ring(seeded, "before@test", "081200000011", at=utcnow() - timedelta(days=1))
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id=earlier.sip_call_id, desk="desk-test")
    for event in (held, talking, answer(seeded, held)):
        panel.on_call_event(event)
    panel.on_call_event(CallEvent(EventKind.HELD, utcnow(), sip_call_id=held.sip_call_id,
                                  call_id=held.call_id, caller=held.caller))
    panel.on_call_event(answer(seeded, talking))
    qtbot.waitUntil(lambda: [c.state for c in panel.live_calls()] == ["held", "connected"],
                    timeout=WAIT_MS)
    with qtbot.waitSignal(panel.newIncidentRequested, timeout=WAIT_MS) as asked:
        press(qtbot, desk, QKeySequence("Ctrl+N"))
    assert asked.args == [talking.caller, talking.call_id]
    assert panel.history_model.rowCount() == 0  # the talker never called before

    panel.live_view.select_key(held.sip_call_id)
    qtbot.waitUntil(lambda: panel.history_model.rowCount() == 1, timeout=WAIT_MS)
    assert panel.history_model.row_at(0).id == earlier.call_id
    with qtbot.waitSignal(panel.newIncidentRequested, timeout=WAIT_MS) as asked:
        panel.request_incident()
    assert asked.args == [held.caller, held.call_id]
    assert desk.incident_form.caller_edit.text() == "0812-0000-0011"
