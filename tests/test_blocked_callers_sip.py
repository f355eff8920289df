"""Calls from numbers a supervisor blocked, against a real engine and real
callers (SIPp, and tests/far_end.py where the audio must be heard).

Whatever sip.blocked_policy says, the call is in the calls table, marked
blocked, and never on the callback list. "log" rings it (180) with the
event marked; "message" answers it, plays the recording and hangs up;
"reject" answers 403. A lifted or expired block rings as any call. The
blocks are inserted as a supervisor would make them (the CallerBlock rows).
"""
from __future__ import annotations

import array
import json
import math
import subprocess
import sys
import wave
from datetime import timedelta
from pathlib import Path

import pytest
from engine_process import Serve, initialised_sqlite
from sqlalchemy import select

from dispatch import calls
from dispatch.block_lookup import blocked_numbers
from dispatch.enums import CallbackState, CallStatus
from dispatch.errors import InvalidInput
from dispatch.models import AuditEntry, Call, CallerBlock
from dispatch.settings import Settings
from dispatch.storage import open_database
from dispatch.timeutil import utcnow
from telephony.blocked_calls import MESSAGE_REASON, REJECT_REASON
from telephony.blocked_message import DEFAULT_MESSAGE, message_seconds
from telephony.events import EventKind
from telephony.settings import load_sip_config
from telephony.testing import Sipp

ROOT = Path(__file__).resolve().parent.parent
PRANKSTER = ("081299990001", "+6281299990001")    # blocked in these tests
CITIZEN = ("081299990002", "+6281299990002")      # never blocked
FAR_END = "+6281234567890"                         # tests/far_end.py's own number


# ------------------------------------------------------------------ helpers

def block(database, number: str, *, hours: float = 24, lifted: bool = False) -> int:
    """What `safedesk callers block NUMBER --hours H` leaves in the table
    (hours < 0: a block whose time ran out)."""
    now = utcnow()
    with database.session() as session:
        entry = CallerBlock(number=number, reason="tiga panggilan iseng", blocked_at=now
                            - timedelta(hours=max(0.0, -hours) + 1), blocked_until=now
                            + timedelta(hours=hours), blocked_by="supervisor",
                            lifted_at=now if lifted else None,
                            lifted_by="supervisor" if lifted else None)
        session.add(entry)
        session.flush()
        return entry.id


def lift(database, block_id: int) -> None:
    with database.session() as session:
        entry = session.get(CallerBlock, block_id)
        entry.lifted_at, entry.lifted_by = utcnow(), "supervisor"


def refreshed(engine) -> None:
    """Wait until the engine has read the blocks once more after now."""
    numbers = engine.blocked_numbers
    assert numbers.wait_for_refresh(after=numbers.generation + 1, timeout_s=10)


def call_from(caller: str, scenario: str, engine_or_listen, tmp_path: Path, name: str,
              **options) -> Sipp:
    target = getattr(getattr(engine_or_listen, "config", None), "listen", engine_or_listen)
    return Sipp(scenario, target, workdir=tmp_path / name, extra=("-key", "caller", caller),
                timeout_s=20, **options)


def row(database, sip_call_id: str) -> Call:
    with database.reading() as session:
        call = calls.find_by_sip_call_id(session, sip_call_id)
        assert call is not None, f"no row for {sip_call_id}"
        session.expunge(call)
        return call


def on_callback_list(database) -> set[str]:
    with database.reading() as session:
        return {call.caller_number for call in calls.callback_list(session)}


def blocked_audit(database, call_id: int) -> dict:
    with database.reading() as session:
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "call.blocked", AuditEntry.entity_id == str(call_id))).all()
        assert len(entries) == 1, f"{len(entries)} call.blocked audit entries for {call_id}"
        return entries[0].after


def only_event(events, kind: EventKind, caller: str, timeout_s: float = 10.0):
    return events.wait_for(lambda e: e.kind is kind and e.caller == caller,
                           timeout_s=timeout_s)[0]


def tone_wav(path: Path, seconds: float, frequency: float = 1000.0, rate: int = 8000) -> Path:
    samples = array.array("h", (int(12000 * math.sin(2 * math.pi * frequency * n / rate))
                                for n in range(int(seconds * rate))))
    with wave.open(str(path), "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(samples.tobytes())
    return path


def loud_seconds(path: Path) -> tuple[float, float]:
    """(length, seconds of it in 20 ms frames louder than speech-level noise)."""
    with wave.open(str(path), "rb") as recording:
        rate = recording.getframerate()
        samples = array.array("h", recording.readframes(recording.getnframes()))
    frame = rate // 50
    loud = 0
    for start in range(0, len(samples) - frame + 1, frame):
        chunk = samples[start:start + frame]
        if math.sqrt(sum(s * s for s in chunk) / frame) > 2000:
            loud += 1
    return len(samples) / rate, loud / 50


# --------------------------------------------------------------- the lookup

@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_blocked_numbers_are_those_in_force_only(database):
    block(database, "+6281200000001")
    block(database, "+6281200000001", hours=48)           # blocked twice: one number
    block(database, "+6281200000002", lifted=True)
    block(database, "+6281200000003", hours=-1)           # its 24 hours are over
    with database.reading() as session:
        assert blocked_numbers(session, utcnow()) == frozenset({"+6281200000001"})
    with database.engine.connect() as connection:
        assert blocked_numbers(connection, utcnow()) == frozenset({"+6281200000001"})
        later = utcnow() + timedelta(hours=30)
        assert blocked_numbers(connection, later) == frozenset({"+6281200000001"})
        assert blocked_numbers(connection, utcnow() + timedelta(hours=49)) == frozenset()


# ------------------------------------------------------------ the settings

def test_the_policy_setting_and_the_shipped_message():
    assert load_sip_config(Settings.in_memory()).blocked_policy == "log"
    config = load_sip_config(Settings.in_memory({"sip.blocked_policy": "message"}))
    assert config.blocked_policy == "message" and config.blocked_message == ""
    seconds = message_seconds("")  # the desk's own recording, shipped in resources/
    assert 3.0 <= seconds <= 20.0
    with wave.open(str(DEFAULT_MESSAGE), "rb") as shipped:
        assert (shipped.getnchannels(), shipped.getsampwidth(), shipped.getframerate()) == (
            1, 2, 8000)
    with pytest.raises(InvalidInput) as refused:
        load_sip_config(Settings.in_memory({"sip.blocked_policy": "hangup"}))
    assert refused.value.code == "setting.not_one_of"


def test_a_message_the_desk_cannot_play_is_refused_at_start(tmp_path):
    stereo = tmp_path / "stereo.wav"
    with wave.open(str(stereo), "wb") as target:
        target.setnchannels(2)
        target.setsampwidth(2)
        target.setframerate(8000)
        target.writeframes(b"\0\0\0\0" * 8000)
    for path, why in ((tmp_path / "missing.wav", "cannot be read"), (stereo, "not mono")):
        with pytest.raises(InvalidInput) as refused:
            load_sip_config(Settings.in_memory({"sip.blocked_policy": "message",
                                                "sip.blocked_message": str(path)}))
        assert refused.value.code == "sip.blocked_message_unusable"
        assert why in str(refused.value)
    # Only the message policy plays it: the others do not care.
    assert load_sip_config(Settings.in_memory({"sip.blocked_policy": "reject",
                                               "sip.blocked_message": str(stereo)}))


# ---------------------------------------------------------------- policies

@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.sip
@pytest.mark.timeout(90)
def test_log_rings_a_blocked_caller_marked_and_keeps_them_off_the_callback_list(
        start_softphone, seeded, tmp_path):
    block(seeded, PRANKSTER[1])
    engine, events = start_softphone()  # sip.blocked_policy defaults to "log"
    for caller, name in ((PRANKSTER, "prankster"), (CITIZEN, "citizen")):
        result = call_from(caller[0], "uac_blocked_ringing.xml", engine, tmp_path, name,
                           duration_ms=300).run()
        assert result.ok, result.explain()  # 180 Ringing, then the caller gave up
        only_event(events, EventKind.ABANDONED, caller[1])
    prank = only_event(events, EventKind.RINGING, PRANKSTER[1])
    citizen = only_event(events, EventKind.RINGING, CITIZEN[1])
    assert prank.blocked and "blocked" in prank.log_line() and PRANKSTER[1] not in prank.log_line()
    assert not citizen.blocked
    assert only_event(events, EventKind.ABANDONED, PRANKSTER[1]).blocked
    prank_row, citizen_row = row(seeded, prank.sip_call_id), row(seeded, citizen.sip_call_id)
    assert prank_row.status is CallStatus.ABANDONED and prank_row.caller_number == PRANKSTER[1]
    assert prank_row.identity_headers["blocked"] is True
    assert prank_row.callback_state is None
    assert citizen_row.status is CallStatus.ABANDONED
    assert "blocked" not in citizen_row.identity_headers
    assert citizen_row.callback_state is CallbackState.PENDING
    assert on_callback_list(seeded) == {CITIZEN[1]}
    assert blocked_audit(seeded, prank_row.id) == {"policy": "log", "status": "ringing"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.sip
@pytest.mark.timeout(90)
def test_message_answers_plays_the_recording_and_hangs_up(start_softphone, seeded, tmp_path):
    message = tone_wav(tmp_path / "pesan.wav", seconds=1.5)
    block(seeded, PRANKSTER[1])
    block(seeded, FAR_END)
    engine, events = start_softphone(blocked_policy="message", blocked_message=str(message))

    result = call_from(PRANKSTER[0], "uac_blocked_message.xml", engine, tmp_path, "sipp",
                       trace_rtt=True).run()
    assert result.ok, result.explain()  # 200 OK, then the desk's BYE
    [ack_to_bye_ms] = result.rtt_ms
    assert 1500 <= ack_to_bye_ms <= 4000, f"the desk hung up {ack_to_bye_ms} ms after the ACK"
    ended = only_event(events, EventKind.REJECTED, PRANKSTER[1])
    assert ended.blocked and "recorded message" in ended.detail

    # A caller who listens hears the whole message, once, then the line drops.
    heard = tmp_path / "heard.wav"
    listener = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "far_end.py"), "--desk", engine.config.listen,
         "--wav", str(heard), "--seconds", "10", "--timeout", "20"],
        capture_output=True, text=True, timeout=40)
    outcome = json.loads(listener.stdout.strip().splitlines()[-1])
    assert outcome["answered"], listener.stderr[-2000:]
    assert outcome["recorded_s"] < 5, "the desk did not hang up after its message"
    length, loud = loud_seconds(heard)
    assert 1.2 <= loud <= 1.8, f"heard {loud:.2f} s of the 1.5 s message in {length:.2f} s"
    only_event(events, EventKind.REJECTED, FAR_END)

    for caller in (PRANKSTER[1], FAR_END):
        key = only_event(events, EventKind.REJECTED, caller).sip_call_id
        call = row(seeded, key)
        assert call.status is CallStatus.REJECTED and call.ended_by == "system"
        assert call.answered_at is None and call.identity_headers["blocked"] is True
        assert call.callback_state is None and call.callback_note == MESSAGE_REASON
        assert blocked_audit(seeded, call.id) == {"policy": "message", "status": "rejected"}
        # Nobody answered it: the operator's window never heard it connect.
        assert not [e for e in events.events
                    if e.sip_call_id == key and e.kind in (EventKind.ANSWERED,
                                                           EventKind.RINGING)]
    assert on_callback_list(seeded) == set()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.sip
@pytest.mark.timeout(90)
def test_reject_answers_403_and_logs_the_call(start_softphone, seeded, tmp_path):
    block(seeded, PRANKSTER[1])
    engine, events = start_softphone(blocked_policy="reject")
    result = call_from(PRANKSTER[0], "uac_blocked_forbidden.xml", engine, tmp_path,
                       "prankster").run()
    assert result.ok, result.explain()
    rejected = only_event(events, EventKind.REJECTED, PRANKSTER[1])
    assert rejected.blocked
    call = row(seeded, rejected.sip_call_id)
    assert call.status is CallStatus.REJECTED and call.ended_by == "system"
    assert call.identity_headers["blocked"] is True
    assert call.callback_state is None and call.callback_note == REJECT_REASON
    assert blocked_audit(seeded, call.id) == {"policy": "reject", "status": "rejected"}
    assert not events.of_kind(EventKind.RINGING)
    # Anyone else rings as ever, and is called back if they give up.
    result = call_from(CITIZEN[0], "uac_blocked_ringing.xml", engine, tmp_path, "citizen",
                       duration_ms=200).run()
    assert result.ok, result.explain()
    only_event(events, EventKind.ABANDONED, CITIZEN[1])
    assert on_callback_list(seeded) == {CITIZEN[1]}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.sip
@pytest.mark.timeout(90)
def test_lifted_and_expired_blocks_ring_and_a_change_takes_effect_while_running(
        start_softphone, seeded, tmp_path):
    block(seeded, PRANKSTER[1], lifted=True)
    block(seeded, CITIZEN[1], hours=-1)
    engine, events = start_softphone(blocked_policy="reject")
    for caller, name in ((PRANKSTER, "lifted"), (CITIZEN, "expired")):
        result = call_from(caller[0], "uac_blocked_ringing.xml", engine, tmp_path, name,
                           duration_ms=200).run()
        assert result.ok, result.explain()  # 180: no 403
        assert not only_event(events, EventKind.RINGING, caller[1]).blocked
    # Blocked again while the desk runs: refused from the next refresh on...
    engine.blocked_numbers.refresh_every_s = 0.2  # the desk re-reads every 2 s
    again = block(seeded, PRANKSTER[1])
    refreshed(engine)
    result = call_from(PRANKSTER[0], "uac_blocked_forbidden.xml", engine, tmp_path,
                       "blocked").run()
    assert result.ok, result.explain()
    # ...and lifted: rings again.
    lift(seeded, again)
    refreshed(engine)
    result = call_from(PRANKSTER[0], "uac_blocked_ringing.xml", engine, tmp_path, "unblocked",
                       duration_ms=200).run()
    assert result.ok, result.explain()
    with seeded.reading() as session:
        rows = session.scalars(select(Call).where(Call.caller_number == PRANKSTER[1])
                               .order_by(Call.id)).all()
        assert [call.status for call in rows] == [CallStatus.ABANDONED, CallStatus.REJECTED,
                                                  CallStatus.ABANDONED]
        assert [bool(call.identity_headers.get("blocked")) for call in rows] == [
            False, True, False]


@pytest.mark.sip
@pytest.mark.timeout(90)
def test_serve_takes_the_policy_from_its_settings(tmp_path):
    url = initialised_sqlite(tmp_path)
    database = open_database(url, migrate=False)
    try:
        block(database, PRANKSTER[1])
    finally:
        database.dispose()
    serve = Serve(url, env={"SAFEDESK_SIP_BLOCKED_POLICY": "reject"})
    try:
        serve.wait_for("listening on udp")
        result = call_from(PRANKSTER[0], "uac_blocked_forbidden.xml", serve.listen, tmp_path,
                           "sipp").run()
        assert result.ok, result.explain()
        line = serve.wait_for(" rejected ")
        assert "blocked" in line and PRANKSTER[1] not in line and PRANKSTER[0] not in line
        assert serve.stop() == 0
    finally:
        serve.kill()
    refused = Serve(url, env={"SAFEDESK_SIP_BLOCKED_POLICY": "message",
                              "SAFEDESK_SIP_BLOCKED_MESSAGE": str(tmp_path / "none.wav")})
    try:
        assert refused.wait_exit(20) != 0
    finally:
        refused.kill()
    assert "none.wav" in "\n".join(refused.lines)
