"""The call rules (dispatch/calls.py) on SQLite and PostgreSQL, without SIP."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from dispatch import calls, paths
from dispatch.enums import CallbackState, CallDirection, CallStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.models import AuditEntry, Call, Caller, Complaint, ComplaintCategory
from dispatch.sip_identity import parse_caller
from dispatch.storage import Database
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres

EMERGENCY = "+62361223333"
COMPLAINTS = "+62361244444"
BUDI = "+6281234567890"


def invite(from_header: str, *extra: str, call_id: str = "c1@test") -> str:
    lines = ["INVITE sip:0361223333@127.0.0.1 SIP/2.0", f"From: {from_header};tag=1",
             "To: <sip:0361223333@127.0.0.1>", f"Call-ID: {call_id}", *extra, "", ""]
    return "\r\n".join(lines)


BUDI_IDENTITY = parse_caller(invite('"Budi Santoso" <sip:081234567890@10.0.0.9>'))
WITHHELD = parse_caller(invite('"Anonymous" <sip:anonymous@anonymous.invalid>'))


def ring(database: Database, sip_call_id: str, *, identity=BUDI_IDENTITY, line=EMERGENCY,
         desk: str = "desk-a", at=None) -> int:
    with database.session() as session:
        return calls.record_ringing(session, sip_call_id=sip_call_id, line_number=line,
                                    identity=identity, desk=desk, at=at).id


def status_of(database: Database, sip_call_id: str) -> Call:
    """The row as committed, detached so it can be read after the session."""
    with database.reading() as session:
        call = calls.find_by_sip_call_id(session, sip_call_id)
        session.expunge(call)
        return call


def audit_actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "call")
                                    .order_by(AuditEntry.id)))


def test_ringing_row_holds_caller_line_and_raw_identity(seeded):
    seen = []
    seeded.bus.subscribe(seen.append)
    call_id = ring(seeded, "c1@test")
    with seeded.reading() as session:
        call = session.get(Call, call_id)
        described = calls.describe_call(call)
        caller = session.scalar(select(Caller).where(Caller.number == BUDI))
        session.expunge_all()
    assert described["status"] == "ringing"
    assert described["caller"] == BUDI
    assert described["caller_name"] == "Budi Santoso"
    assert described["caller_raw"] == "081234567890"
    assert described["line"] == EMERGENCY and described["line_purpose"] == "emergency"
    assert described["direction"] == "inbound"
    assert call.identity_headers["source"] == "From"
    assert "081234567890" in call.identity_headers["headers"]["From"]
    assert caller is not None and call.caller_id == caller.id
    assert audit_actions(seeded) == ["call.ringing"]
    assert [(e.entity, e.action) for e in seen] == [("call", "ringing")]


def test_called_number_picks_the_line_and_unknown_lines_are_still_logged(seeded):
    complaints = ring(seeded, "c-complaints", line="0361-244444")
    unknown = ring(seeded, "c-unknown", line="0361-999999")
    nothing = ring(seeded, "c-nothing", line=None)
    with seeded.reading() as session:
        assert session.get(Call, complaints).line.number == COMPLAINTS
        assert session.get(Call, unknown).line_id is None
        assert session.get(Call, nothing).line_id is None


def test_second_desk_with_the_same_call_id_shares_the_row(seeded):
    first = ring(seeded, "forked@test", desk="desk-a")
    second = ring(seeded, "forked@test", desk="desk-b")
    assert first == second
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 1
    assert audit_actions(seeded) == ["call.ringing"]


def test_two_desks_race_on_one_forked_invite_and_one_claims_it(seeded):
    """Two desks (two engines, two connection pools) get the same INVITE at
    the same moment and both press answer: one row, one winner."""
    desk_b = Database(seeded.url)
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def desk(database: Database, name: str) -> None:
        try:
            barrier.wait(timeout=10)
            ring(database, "race@test", desk=name)
            barrier.wait(timeout=10)
            with database.session() as session:
                calls.mark_answered(session, sip_call_id="race@test", desk=name)
            outcome[name] = "answered"
        except calls.CallTaken:
            outcome[name] = "taken"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome[name] = repr(exc)

    threads = [threading.Thread(target=desk, args=(seeded, "desk-a")),
               threading.Thread(target=desk, args=(desk_b, "desk-b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    desk_b.dispose()
    assert sorted(outcome.values()) == ["answered", "taken"], outcome
    winner = next(name for name, result in outcome.items() if result == "answered")
    with seeded.reading() as session:
        rows = list(session.scalars(select(Call)))
        assert len(rows) == 1
        assert rows[0].status is CallStatus.ANSWERED and rows[0].desk == winner
        assert session.scalar(select(func.count()).select_from(Caller)) == 1


def test_the_desk_that_lost_the_claim_cannot_end_or_abandon_the_call(seeded):
    ring(seeded, "f@test")
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="f@test", desk="desk-a")
    with seeded.session() as session:
        with pytest.raises(calls.CallTaken):
            calls.mark_answered(session, sip_call_id="f@test", desk="desk-b")
    with seeded.session() as session:
        # desk-b's leg is cancelled by the proxy: that is not an abandoned call
        assert calls.mark_abandoned(session, sip_call_id="f@test", desk="desk-b") is None
        assert calls.mark_ended(session, sip_call_id="f@test", desk="desk-b",
                                ended_by="caller") is None
    assert status_of(seeded, "f@test").status is CallStatus.ANSWERED
    with seeded.session() as session:
        ended = calls.mark_ended(session, sip_call_id="f@test", desk="desk-a", ended_by="operator")
        assert ended.status is CallStatus.ENDED and ended.ended_by == "operator"
    described = _describe(seeded, "f@test")
    assert described["duration_s"] is not None and described["duration_s"] >= 0
    assert described["callback_state"] is None
    assert audit_actions(seeded) == ["call.ringing", "call.answered", "call.ended"]


def test_answering_twice_on_one_desk_is_harmless_but_a_finished_call_cannot_be_answered(seeded):
    ring(seeded, "a@test")
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="a@test", desk="desk-a")
        calls.mark_answered(session, sip_call_id="a@test", desk="desk-a")
    ring(seeded, "gone@test")
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="gone@test", desk="desk-a")
    with pytest.raises(IllegalTransition), seeded.session() as session:
        calls.mark_answered(session, sip_call_id="gone@test", desk="desk-a")
    with pytest.raises(NotFound), seeded.session() as session:
        calls.mark_answered(session, sip_call_id="never@test", desk="desk-a")


def test_abandoned_calls_form_the_callback_list_oldest_first(seeded):
    start = utcnow() - timedelta(minutes=10)
    offsets = {"late@test": 5, "early@test": 0, "answered@test": 1}  # minutes; rung in this order
    for sip_call_id, minutes in offsets.items():
        ring(seeded, sip_call_id, at=start + timedelta(minutes=minutes))
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="answered@test", desk="desk-a")
        calls.mark_abandoned(session, sip_call_id="late@test", desk="desk-a")
        calls.mark_abandoned(session, sip_call_id="early@test", desk="desk-a")
        calls.mark_ended(session, sip_call_id="answered@test", desk="desk-a", ended_by="caller")
    with seeded.reading() as session:
        pending = [c.sip_call_id for c in calls.callback_list(session)]
    assert pending == ["early@test", "late@test"]
    early = status_of(seeded, "early@test")
    assert early.status is CallStatus.ABANDONED and early.ended_by == "caller"
    assert early.answered_at is None and early.ended_at is not None


def test_clearing_a_callback_needs_a_reason_and_takes_it_off_the_list(seeded):
    call_id = ring(seeded, "x@test")
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="x@test", desk="desk-a")
    with pytest.raises(InvalidInput), seeded.session() as session:
        calls.clear_callback(session, call_id=call_id, reason="  ", actor="ketut")
    with seeded.session() as session:
        calls.clear_callback(session, call_id=call_id, reason="caller rang again", actor="ketut")
    with seeded.reading() as session:
        assert calls.callback_list(session) == []
        call = session.get(Call, call_id)
        assert call.callback_state is CallbackState.CLEARED
        assert call.callback_note == "caller rang again"
    with pytest.raises(IllegalTransition), seeded.session() as session:
        calls.clear_callback(session, call_id=call_id, reason="again", actor="ketut")
    with pytest.raises(NotFound), seeded.session() as session:
        calls.clear_callback(session, call_id=99999, reason="x", actor="ketut")
    assert audit_actions(seeded)[-1] == "call.callback_cleared"


def test_a_call_back_is_linked_and_reopens_the_entry_if_nobody_answers(seeded):
    original = ring(seeded, "orig@test")
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="orig@test", desk="desk-a")
    with seeded.session() as session:
        back = calls.record_call_back(session, original_id=original, sip_call_id="back1@test",
                                      desk="desk-a", actor="ketut")
        assert back.direction is CallDirection.OUTBOUND and back.callback_of_id == original
        assert back.caller_number == BUDI
    with seeded.reading() as session:
        assert session.get(Call, original).callback_state is CallbackState.CALLED_BACK
        assert calls.callback_list(session) == []
    with seeded.session() as session:  # no answer: the caller still needs a call-back
        calls.mark_ended(session, sip_call_id="back1@test", desk="desk-a", ended_by="caller")
    with seeded.reading() as session:
        assert [c.id for c in calls.callback_list(session)] == [original]
    with seeded.session() as session:
        calls.record_call_back(session, original_id=original, sip_call_id="back2@test",
                               desk="desk-a", actor="ketut")
        calls.mark_answered(session, sip_call_id="back2@test", desk="desk-a")  # picked up
        calls.mark_ended(session, sip_call_id="back2@test", desk="desk-a", ended_by="operator")
    with seeded.reading() as session:
        assert session.get(Call, original).callback_state is CallbackState.CALLED_BACK
        assert calls.callback_list(session) == []
        back2 = calls.find_by_sip_call_id(session, "back2@test")
        assert back2.status is CallStatus.ENDED and back2.answered_at is not None


def test_withheld_callers_are_logged_but_cannot_be_called_back(seeded):
    call_id = ring(seeded, "anon@test", identity=WITHHELD)
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="anon@test", desk="desk-a")
    with seeded.reading() as session:
        call = session.get(Call, call_id)
        assert call.caller_withheld and call.caller_number is None and call.caller_id is None
        assert [c.id for c in calls.callback_list(session)] == [call_id]
    with pytest.raises(InvalidInput), seeded.session() as session:
        calls.record_call_back(session, original_id=call_id, sip_call_id="b@test",
                               desk="desk-a", actor="ketut")


def test_a_call_turned_away_by_the_stack_is_rejected_and_on_the_callback_list(seeded):
    with seeded.session() as session:
        calls.record_rejected(session, sip_call_id="busy@test", line_number=EMERGENCY,
                              identity=BUDI_IDENTITY, desk="desk-a", reason="486 Busy Here")
    call = status_of(seeded, "busy@test")
    assert call.status is CallStatus.REJECTED and call.ended_by == "system"
    assert call.callback_state is CallbackState.PENDING and call.callback_note == "486 Busy Here"


def test_an_operator_declining_a_ringing_call_is_not_a_callback(seeded):
    ring(seeded, "d@test")
    with seeded.session() as session:
        calls.mark_declined(session, sip_call_id="d@test", desk="desk-a")
    call = status_of(seeded, "d@test")
    assert call.status is CallStatus.REJECTED and call.ended_by == "operator"
    assert call.callback_state is None


def test_an_answer_that_never_connected_counts_as_abandoned(seeded):
    ring(seeded, "u@test")
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="u@test", desk="desk-a")
        calls.mark_abandoned(session, sip_call_id="u@test", desk="desk-a")
    call = status_of(seeded, "u@test")
    assert call.status is CallStatus.ABANDONED and call.answered_at is None
    assert call.callback_state is CallbackState.PENDING


def test_declining_while_the_answer_was_being_claimed_is_a_decline(seeded):
    # The operator pressed F2, then declined before the answer connected.
    ring(seeded, "dc@test")
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="dc@test", desk="desk-a")
        calls.mark_declined(session, sip_call_id="dc@test", desk="desk-a")
    call = status_of(seeded, "dc@test")
    assert call.status is CallStatus.REJECTED and call.answered_at is None
    assert call.ended_by == "operator" and call.callback_state is None


def test_another_desks_answer_is_not_declined_here(seeded):
    ring(seeded, "db@test")
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="db@test", desk="desk-b")
        assert calls.mark_declined(session, sip_call_id="db@test", desk="desk-a") is None
    assert status_of(seeded, "db@test").status is CallStatus.ANSWERED


def test_bad_ended_by_and_missing_call_id_are_refused(seeded):
    ring(seeded, "e@test")
    with pytest.raises(InvalidInput), seeded.session() as session:
        calls.mark_ended(session, sip_call_id="e@test", desk="desk-a", ended_by="martians")
    with pytest.raises(InvalidInput), seeded.session() as session:
        calls.record_ringing(session, sip_call_id=" ", line_number=EMERGENCY,
                             identity=BUDI_IDENTITY, desk="desk-a")


def test_list_calls_filters_by_status_and_time(seeded):
    old = utcnow() - timedelta(days=2)
    ring(seeded, "old@test", at=old)
    ring(seeded, "new@test")
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="old@test", desk="desk-a")
    with seeded.reading() as session:
        assert [c.sip_call_id for c in calls.list_calls(session)] == ["old@test", "new@test"]
        ringing = calls.list_calls(session, status=CallStatus.RINGING)
        assert [c.sip_call_id for c in ringing] == ["new@test"]
        recent = calls.list_calls(session, since=utcnow() - timedelta(days=1))
        assert [c.sip_call_id for c in recent] == ["new@test"]


def test_caller_history_merges_calls_incidents_and_complaints_newest_first(seeded):
    from dispatch.incidents import create_incident
    base = utcnow() - timedelta(days=3)
    first = ring(seeded, "h1@test", at=base)
    current = ring(seeded, "h2@test", at=base + timedelta(days=2))
    ring(seeded, "other@test", identity=WITHHELD, at=base + timedelta(days=1))
    with seeded.session() as session:
        incident = create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22,
                                   actor="ketut", caller="0812-3456-7890", call_id=first)
        category = session.scalars(select(ComplaintCategory).limit(1)).one()
        complaint_at = base + timedelta(days=1)
        session.add(Complaint(ticket="HD-2026-000001", year=2026, sequence=1,
                              category_code=category.code, agency_id=category.agency_id,
                              description="lampu mati", reporter_phone=BUDI,
                              created_at=complaint_at, created_by="ketut",
                              due_at=complaint_at + timedelta(hours=72), updated_at=complaint_at))
    with seeded.reading() as session:
        history = calls.caller_history(session, "081234567890", exclude_call_id=current)
        everything = calls.caller_history(session, BUDI)
    kinds = [(entry.kind, entry.id) for entry in history]
    assert kinds[0] == ("incident", incident.id)  # created just now: newest
    assert kinds[1][0] == "complaint"
    assert kinds[2] == ("call", first)
    assert len(kinds) == 3
    assert [e.id for e in everything if e.kind == "call"] == [current, first]
    assert all("at" in entry.to_dict() for entry in history)
    with pytest.raises(InvalidInput), seeded.reading() as session:
        calls.caller_history(session, "not a number")


def test_purge_deletes_only_expired_recordings_in_our_directory(seeded, tmp_path):
    root = paths.recordings_dir()
    now = utcnow()
    outside = tmp_path / "elsewhere.wav"
    outside.write_bytes(b"RIFF")
    cases = {"old@test": (now - timedelta(days=100), root / "old.wav"),
             "new@test": (now - timedelta(days=10), root / "new.wav"),
             "gone@test": (now - timedelta(days=100), root / "gone.wav"),
             "outside@test": (now - timedelta(days=100), outside),
             "live@test": (now - timedelta(days=100), root / "live.wav")}
    for sip_call_id, (at, path) in cases.items():
        if sip_call_id != "gone@test":
            path.write_bytes(b"RIFF")
        ring(seeded, sip_call_id, at=at)
        with seeded.session() as session:
            calls.set_recording(session, sip_call_id=sip_call_id, path=path)
            if sip_call_id != "live@test":
                calls.mark_answered(session, sip_call_id=sip_call_id, desk="desk-a")
                calls.mark_ended(session, sip_call_id=sip_call_id, desk="desk-a", ended_by="caller")
    with seeded.session() as session:
        deleted = calls.purge_recordings(session, now=now, retention=timedelta(days=90),
                                         actor="ketut")
    assert deleted == 1
    assert not (root / "old.wav").exists()
    assert (root / "new.wav").exists() and outside.exists() and (root / "live.wav").exists()
    assert status_of(seeded, "old@test").recording_path is None
    assert status_of(seeded, "gone@test").recording_path is None
    assert status_of(seeded, "new@test").recording_path is not None
    assert status_of(seeded, "outside@test").recording_path == str(outside)
    assert status_of(seeded, "live@test").recording_path is not None
    with pytest.raises(InvalidInput), seeded.session() as session:
        calls.purge_recordings(session, now=now, retention=timedelta(days=-1), actor="ketut")


def _describe(database: Database, sip_call_id: str) -> dict:
    with database.reading() as session:
        return calls.describe_call(calls.find_by_sip_call_id(session, sip_call_id))


def test_answering_a_caller_who_rang_before_clears_their_call_back(seeded):
    """They rang, gave up (on the callback list), rang again and were
    answered: nobody should call them back now."""
    someone_else = parse_caller(invite('"Made" <sip:081299992222@10.0.0.9>'))
    ring(seeded, "first@test")
    ring(seeded, "other@test", identity=someone_else)
    with seeded.session() as session:
        calls.mark_abandoned(session, sip_call_id="first@test", desk="desk-a")
        calls.mark_abandoned(session, sip_call_id="other@test", desk="desk-a")
    again = ring(seeded, "again@test")  # Budi again
    with seeded.session() as session:
        calls.mark_answered(session, sip_call_id="again@test", desk="desk-a")
    with seeded.reading() as session:
        first = calls.find_by_sip_call_id(session, "first@test")
        assert first.callback_state is CallbackState.CLEARED
        assert first.callback_note == f"answered a later call: call {again}"
        pending = [c.sip_call_id for c in calls.callback_list(session)]
    assert pending == ["other@test"]
