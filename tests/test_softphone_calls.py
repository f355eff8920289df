"""The softphone with real SIPp callers over loopback: answering, audio and
recording, hold and resume, several calls at once, call-backs.

The engine runs in this process on its own SIP thread, on a fresh seeded
SQLite database; every SIPp process is killed in a finally.
"""
from __future__ import annotations

import array
import math
import sqlite3
import time
import wave
from pathlib import Path

import pytest
from sqlalchemy import select

from dispatch import calls
from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import IllegalTransition, NotFound
from dispatch.models import AuditEntry, Call
from telephony.audio import HeadsetPipes
from telephony.engine import SoftphoneEngine
from telephony.events import EventKind
from telephony.testing import G711A_PCAP, Sipp, free_port

pytestmark = [
    pytest.mark.sip,
    pytest.mark.timeout(90),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


@pytest.fixture
def start_desk(start_softphone):
    return start_softphone


def target(engine: SoftphoneEngine) -> str:
    return engine.config.listen


def row(database, sip_call_id: str) -> Call:
    with database.reading() as session:
        call = calls.find_by_sip_call_id(session, sip_call_id)
        assert call is not None, f"no row for {sip_call_id}"
        session.expunge(call)
        return call


def wav_levels(path: Path) -> tuple[float, float, float]:
    """(seconds, RMS of the samples, share of samples that are not silent)."""
    with wave.open(str(path), "rb") as recording:
        assert recording.getsampwidth() == 2 and recording.getnchannels() == 1
        frames = recording.readframes(recording.getnframes())
        rate = recording.getframerate()
    samples = array.array("h", frames)
    if not samples:
        return 0.0, 0.0, 0.0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    loud = sum(1 for s in samples if abs(s) > 64) / len(samples)
    return len(samples) / rate, rms, loud


def test_answered_call_is_recorded_with_the_callers_audio(start_desk, seeded, tmp_path):
    assert G711A_PCAP.exists(), "SIPp's g711a.pcap is missing"
    engine, events = start_desk()
    sipp = Sipp("uac_answered_rtp.xml", target(engine), workdir=tmp_path / "sipp",
                duration_ms=3000).start()
    try:
        ringing = events.wait_kind(EventKind.RINGING)[0]
        assert row(seeded, ringing.sip_call_id).status is CallStatus.RINGING
        assert ringing.committed_ns >= ringing.received_ns > 0
        call_id = engine.answer(ringing.sip_call_id).result(5)
        assert call_id == ringing.call_id
        events.wait_kind(EventKind.ANSWERED, sip_call_id=ringing.sip_call_id)
        ended = events.wait_kind(EventKind.ENDED, sip_call_id=ringing.sip_call_id, timeout_s=20)[0]
        saved = events.wait_kind(EventKind.RECORDING_SAVED, sip_call_id=ringing.sip_call_id)[0]
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    assert ended.call_id == call_id
    call = row(seeded, ringing.sip_call_id)
    assert call.status is CallStatus.ENDED and call.ended_by == "caller"
    assert call.desk == "desk-test" and call.answered_at <= call.ended_at
    assert call.callback_state is None
    path = Path(call.recording_path)
    assert saved.detail == str(path)
    assert path.exists() and path.parent == seeded_recordings_dir()
    seconds, rms, loud = wav_levels(path)
    assert seconds >= 2.0, f"recording is only {seconds:.2f} s long"
    # g711a.pcap is speech: a recording of silence would have RMS 0.
    assert rms > 300 and loud > 0.3, f"recording looks silent: rms={rms:.0f} loud={loud:.2f}"


def test_a_recordings_folder_removed_while_the_desk_runs_is_made_again(start_desk, seeded,
                                                                       tmp_path):
    # The desk looks its recordings folder up once; someone tidying the disk
    # by hand must not cost the next caller's recording.
    import shutil
    engine, events = start_desk()
    paths = []
    for attempt in range(2):
        sipp = Sipp("uac_answered_rtp.xml", target(engine), workdir=tmp_path / f"sipp{attempt}",
                    duration_ms=3000).start()
        try:
            key = events.wait_kind(EventKind.RINGING, count=attempt + 1)[attempt].sip_call_id
            engine.answer(key).result(5)
            saved = events.wait_kind(EventKind.RECORDING_SAVED, sip_call_id=key, timeout_s=20)[0]
            result = sipp.wait()
        finally:
            sipp.kill()
        assert result.ok, result.explain()
        paths.append(Path(saved.detail))
        if attempt == 0:
            shutil.rmtree(paths[0].parent)
    assert not paths[0].exists() and paths[1].exists()
    assert Path(row(seeded, key).recording_path) == paths[1]
    seconds, rms, loud = wav_levels(paths[1])
    assert seconds >= 2.0 and rms > 300 and loud > 0.3


def seeded_recordings_dir() -> Path:
    from dispatch.paths import recordings_dir
    return recordings_dir()


def test_hold_resume_and_operator_hang_up(start_desk, seeded, tmp_path):
    engine, events = start_desk()
    sipp = Sipp("uac_held.xml", target(engine), workdir=tmp_path / "sipp").start()
    try:
        key = events.wait_kind(EventKind.RINGING)[0].sip_call_id
        with pytest.raises(IllegalTransition):
            engine.hold(key).result(5)  # not connected yet
        engine.answer(key).result(5)
        events.wait_kind(EventKind.ANSWERED, sip_call_id=key)
        [state] = engine.active_calls().result(5)
        assert state["state"] == "answered" and state["sip_call_id"] == key
        engine.hold(key).result(5)
        events.wait_kind(EventKind.HELD, sip_call_id=key)
        assert engine.active_calls().result(5)[0]["state"] == "held"
        engine.resume(key).result(5)
        events.wait_kind(EventKind.RESUMED, sip_call_id=key)
        engine.hangup(key).result(5)
        events.wait_kind(EventKind.ENDED, sip_call_id=key)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    call = row(seeded, key)
    assert call.status is CallStatus.ENDED and call.ended_by == "operator"
    with seeded.reading() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity_id == str(call.id)).order_by(AuditEntry.id)))
    assert actions == ["call.ringing", "call.answered", "call.hold", "call.resume", "call.ended"]
    with pytest.raises(NotFound):
        engine.hangup(key).result(5)  # gone from the registry


def test_three_calls_at_once_queue_oldest_first_and_any_can_be_answered(start_desk, seeded,
                                                                         tmp_path):
    engine, events = start_desk()
    sipp = Sipp("uac_juggled.xml", target(engine), workdir=tmp_path / "sipp", calls=3,
                limit=3, rate=10).start()
    try:
        ringing = events.wait_kind(EventKind.RINGING, count=3)
        keys = [event.sip_call_id for event in ringing]
        assert len(engine.active_calls().result(5)) == 3
        with seeded.reading() as session:
            queue = [c.sip_call_id for c in calls.list_calls(session, status=CallStatus.RINGING)]
        assert queue == keys  # oldest first: the order they rang in
        for key in (keys[2], keys[0], keys[1]):  # the operator picks any of them
            engine.answer(key).result(5)
        # Answering the next caller put the one before on hold: one voice at
        # a time in the headset, and nobody left talking to a desk that has
        # turned away.
        held = events.wait_kind(EventKind.HELD, count=2)
        assert [event.sip_call_id for event in held] == [keys[2], keys[0]]
        state = {plain["sip_call_id"]: plain["state"] for plain in engine.active_calls().result(5)}
        assert [state[key] for key in keys] == ["held", "answered", "held"]
        engine.resume(keys[2]).result(5)  # back to the first caller: the talker waits
        assert [event.sip_call_id for event in events.wait_kind(EventKind.HELD, count=3)][2] \
            == keys[1]
        for key in keys:
            engine.hangup(key).result(5)
        events.wait_kind(EventKind.ENDED, count=3, timeout_s=20)
        events.wait_kind(EventKind.RECORDING_SAVED, count=3)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    for key in keys:
        call = row(seeded, key)
        assert call.status is CallStatus.ENDED and call.ended_by == "operator"
        assert call.recording_path and Path(call.recording_path).exists()


def test_a_call_over_the_desks_lines_gets_486_and_still_lands_on_the_callback_list(
        start_desk, seeded, tmp_path):
    """Every line of the desk rings: the next caller is turned away by the
    desk itself (486, so a proxy tries another desk), written down first,
    from the call slot pjsua keeps spare for it (telephony/sip_stack.py)."""
    engine, events = start_desk()
    lines = engine.config.max_calls
    ringing = Sipp("uac_cancel.xml", target(engine), workdir=tmp_path / "lines", calls=lines,
                   limit=lines, rate=50, duration_ms=2000).start()
    try:
        events.wait_kind(EventKind.RINGING, count=lines)
        one_more = Sipp("uac_busy.xml", target(engine), workdir=tmp_path / "more").run()
        assert one_more.ok, one_more.explain()
        rejected = events.wait_kind(EventKind.REJECTED)[0]
        rang = ringing.wait()
    finally:
        ringing.kill()
    assert rang.ok, rang.explain()
    events.wait_kind(EventKind.ABANDONED, count=lines)
    call = row(seeded, rejected.sip_call_id)
    assert call.status is CallStatus.REJECTED and call.ended_by == "system"
    assert call.callback_state is CallbackState.PENDING and "486" in call.callback_note
    assert call.caller_number is not None
    with seeded.reading() as session:
        assert len(calls.callback_list(session)) == lines + 1


def test_a_caller_who_hangs_up_while_the_answer_is_claimed_is_abandoned(start_desk, seeded,
                                                                         tmp_path):
    # The claim of an answer is written on the call log's thread, and the
    # 200 OK leaves only after it. Another writer holds the database for a
    # moment (as another desk's clerk might), the caller cancels meanwhile:
    # the operator hears why the answer failed, and the citizen is on the
    # callback list, not logged as answered.
    engine, events = start_desk()
    sipp = Sipp("uac_cancel.xml", target(engine), workdir=tmp_path / "caller",
                duration_ms=300).start()
    other_writer = sqlite3.connect(seeded.engine.url.database, isolation_level=None)
    try:
        ringing = events.wait_kind(EventKind.RINGING)[0]
        other_writer.execute("BEGIN IMMEDIATE")
        answer = engine.answer(ringing.sip_call_id)
        result = sipp.wait()
        assert result.ok, result.explain()
        assert not answer.done()  # still waiting for the database
        other_writer.execute("COMMIT")
        with pytest.raises(NotFound, match="hung up before the answer connected"):
            answer.result(10)
    finally:
        other_writer.close()
        sipp.kill()
    abandoned = events.wait_kind(EventKind.ABANDONED)[0]
    assert abandoned.sip_call_id == ringing.sip_call_id
    call = row(seeded, ringing.sip_call_id)
    assert call.status is CallStatus.ABANDONED and call.answered_at is None
    assert call.callback_state is CallbackState.PENDING


def _abandoned_call(engine, events, seeded, tmp_path) -> int:
    result = Sipp("uac_cancel.xml", target(engine), workdir=tmp_path / "caller",
                  duration_ms=100).run()
    assert result.ok, result.explain()
    return events.wait_kind(EventKind.ABANDONED)[0].call_id


def test_a_call_back_is_an_outgoing_call_linked_to_the_abandoned_one(start_desk, seeded, tmp_path):
    citizen_port = free_port()
    engine, events = start_desk(callback_uri=f"sip:{{national}}@127.0.0.1:{citizen_port}")
    original = _abandoned_call(engine, events, seeded, tmp_path)
    citizen = Sipp("uas_callback_answered.xml", "", workdir=tmp_path / "citizen", server=True,
                   local_port=citizen_port).start()
    try:
        citizen.wait_until_listening()
        key = engine.call_back(original).result(5)
        dialing = events.wait_kind(EventKind.DIALING, sip_call_id=key)[0]
        assert dialing.direction == CallDirection.OUTBOUND.value
        events.wait_kind(EventKind.ANSWERED, sip_call_id=key)
        engine.hangup(key).result(5)
        events.wait_kind(EventKind.ENDED, sip_call_id=key)
        events.wait_kind(EventKind.RECORDING_SAVED, sip_call_id=key)
        result = citizen.wait()
    finally:
        citizen.kill()
    assert result.ok, result.explain()
    back = row(seeded, key)
    assert back.direction is CallDirection.OUTBOUND and back.callback_of_id == original
    assert back.status is CallStatus.ENDED and back.answered_at is not None
    assert back.ended_by == "operator" and Path(back.recording_path).exists()
    first = row(seeded, dialing_original_key(seeded, original))
    assert first.callback_state is CallbackState.CALLED_BACK


def dialing_original_key(database, call_id: int) -> str:
    with database.reading() as session:
        return session.get(Call, call_id).sip_call_id


def test_an_unanswered_call_back_puts_the_call_back_on_the_list(start_desk, seeded, tmp_path):
    citizen_port = free_port()
    engine, events = start_desk(callback_uri=f"sip:{{e164}}@127.0.0.1:{citizen_port}")
    original = _abandoned_call(engine, events, seeded, tmp_path)
    citizen = Sipp("uas_callback_busy.xml", "", workdir=tmp_path / "citizen", server=True,
                   local_port=citizen_port).start()
    try:
        citizen.wait_until_listening()
        key = engine.call_back(original).result(5)
        events.wait_kind(EventKind.ENDED, sip_call_id=key)
        result = citizen.wait()
    finally:
        citizen.kill()
    assert result.ok, result.explain()
    back = row(seeded, key)
    assert back.status is CallStatus.ENDED and back.answered_at is None
    with seeded.reading() as session:
        pending = calls.callback_list(session)
        assert [c.id for c in pending] == [original]
        assert "not answered" in pending[0].callback_note


def test_headset_pipes_carry_the_callers_audio(start_desk, seeded, tmp_path):
    """The seam for the Qt headset bridge: what the caller says arrives in
    `earpiece` as 16-bit PCM; what is written to `microphone` is taken."""
    pipes = HeadsetPipes(buffer_ms=4000)
    engine, events = start_desk(headset=pipes)
    tone = array.array("h", (int(8000 * math.sin(2 * math.pi * 440 * n / 16000))
                             for n in range(16000 * 3))).tobytes()
    sipp = Sipp("uac_answered_rtp.xml", target(engine), workdir=tmp_path / "sipp",
                duration_ms=2500).start()
    try:
        key = events.wait_kind(EventKind.RINGING)[0].sip_call_id
        pipes.microphone.write(tone)
        engine.answer(key).result(5)
        events.wait_kind(EventKind.ENDED, sip_call_id=key, timeout_s=20)
        events.wait_kind(EventKind.RECORDING_SAVED, sip_call_id=key)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    heard = array.array("h", pipes.earpiece.read(pipes.earpiece.available()))
    assert len(heard) > 16000, "less than a second of audio reached the earpiece"
    rms = math.sqrt(sum(s * s for s in heard) / len(heard))
    assert rms > 300, f"the earpiece got silence (rms={rms:.0f})"
    assert pipes.microphone.available() < len(tone), "nothing was taken from the microphone"
    # The operator's side is mixed into the recording as well.
    _, recorded_rms, _ = wav_levels(Path(row(seeded, key).recording_path))
    assert recorded_rms > 300


def test_the_headset_hears_the_caller_again_after_hold_and_resume(start_desk, seeded, tmp_path):
    """A resume's re-INVITE leaves before the call's media is back in the
    bridge (its media before the hold is gone): the headset is wired to the
    caller when the answer brings it, and the resume is logged and told."""
    from sip_trace import TRACE_ARGS, requests_received
    pipes = HeadsetPipes(buffer_ms=4000)
    engine, events = start_desk(headset=pipes)
    workdir = tmp_path / "sipp"
    sipp = Sipp("uac_held_rtp.xml", target(engine), workdir=workdir, extra=TRACE_ARGS).start()
    try:
        key = events.wait_kind(EventKind.RINGING)[0].sip_call_id
        engine.answer(key).result(5)
        events.wait_kind(EventKind.ANSWERED, sip_call_id=key)
        engine.hold(key).result(5)
        events.wait_kind(EventKind.HELD, sip_call_id=key)
        deadline = time.monotonic() + 10
        while not requests_received(workdir, "ACK", key) and time.monotonic() < deadline:
            time.sleep(0.02)
        # The caller is held. The bridge drops the media the call had before
        # on its clock thread, a frame or two later: an operator is slower.
        time.sleep(0.3)
        engine.resume(key).result(5)
        events.wait_kind(EventKind.RESUMED, sip_call_id=key)
        pipes.earpiece.read(pipes.earpiece.available())  # what came before the resume
        second = pipes.format.frame_bytes * (1000 // pipes.format.frame_ms)
        deadline = time.monotonic() + 10
        while pipes.earpiece.available() < 2 * second and time.monotonic() < deadline:
            time.sleep(0.05)
        heard = array.array("h", pipes.earpiece.read(pipes.earpiece.available()))
        engine.hangup(key).result(5)
        events.wait_kind(EventKind.ENDED, sip_call_id=key)
        result = sipp.wait()
    finally:
        sipp.kill()
    assert result.ok, result.explain()
    rms = math.sqrt(sum(s * s for s in heard) / max(1, len(heard)))
    assert len(heard) and rms > 300, f"silence in the headset after the resume (rms={rms:.0f})"
    assert row(seeded, key).status is CallStatus.ENDED
