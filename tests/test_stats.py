"""The supervisor's figures (dispatch/stats.py) against a hand count, on
SQLite and PostgreSQL: known calls, incidents and tickets for November 2026
(WITA), every figure checked against the count written beside it.

Answer times straddle 15 s and 20 s (14.9 in, 15.0 in, 15.1 out: "within
15 s" means at most 15.000 s, as NENA's "answered within 15 seconds" reads;
the database keeps milliseconds, so 15.0 is exactly 15 000 ms, not past it).
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from dispatch.enums import CallDirection, CallStatus, CallType, ComplaintStatus, Role
from dispatch.errors import NotFound, NotPermitted
from dispatch.incidents import correct_incident, create_incident
from dispatch.models import (
    Assignment,
    Call,
    CallerBlock,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    Incident,
    Line,
    Unit,
)
from dispatch.permissions import Principal
from dispatch.stats import Filters, Period, compute_stats

SAFEDESK = str(Path(sys.executable).with_name("safedesk"))
WITA = timezone(timedelta(hours=8))
NOVEMBER = Period.month(2026, 11)
NOW = datetime(2026, 12, 20, tzinfo=timezone.utc)
NO_FILTERS = Filters()
BLOCKED_NUMBER = "+6281299990000"
S, E = CallStatus, CallType


def wita(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WITA).astimezone(timezone.utc)


# (key, line, started (WITA), answer after s or None, status, type, caller)
CALLS = [
    ("c1", "E", wita(10, 10, 1), 14.9, S.ENDED, E.EMERGENCY, None),
    ("c2", "E", wita(10, 10, 2), 15.0, S.ENDED, E.INFORMATION, None),
    ("c3", "E", wita(10, 10, 3), 15.1, S.ENDED, E.EMERGENCY, None),
    ("c4", "E", wita(10, 10, 4), 19.9, S.ENDED, None, None),
    ("c5", "E", wita(10, 10, 5), 20.0, S.ENDED, E.WRONG_NUMBER, None),
    ("c6", "E", wita(10, 10, 6), 25.0, S.ENDED, E.EMERGENCY, None),
    ("c7", "E", wita(10, 10, 7), 3.0, S.ENDED, E.PRANK, None),     # left out of answer times
    ("c8", "E", wita(10, 10, 8), 40.0, S.ENDED, E.GHOST, None),    # left out of answer times
    ("c9", "C", wita(10, 18, 30), 5.0, S.ENDED, E.COMPLAINT, None),  # 10:30 UTC, 18 WITA
    ("c10", "E", wita(10, 10, 10), None, S.ABANDONED, None, None),
    ("c11", "E", wita(10, 10, 11), None, S.TIMED_OUT, None, None),
    ("c12", "E", wita(10, 10, 12), None, S.REJECTED, None, None),
    ("c13", "E", wita(30, 23, 59), 10.0, S.ENDED, E.EMERGENCY, None),  # last minute: in
    ("c14", "E", wita(1, 0, 0, month=12), 1.0, S.ENDED, E.EMERGENCY, None),  # next day: out
    ("c15", "E", wita(1, 0, 0), 2.0, S.ENDED, E.INFORMATION, None),  # first minute: in
    ("c16", "E", wita(10, 10, 16), 1.0, S.ENDED, E.PRANK, BLOCKED_NUMBER),  # while blocked
]


def _write_known_month(database) -> dict[str, int]:
    """The fixture; returns call ids by key."""
    ids: dict[str, int] = {}
    with database.session() as session:
        lines = {key: session.scalar(select(Line.id).where(Line.number == number))
                 for key, number in (("E", "+62361223333"), ("C", "+62361244444"))}
        for key, line, started, answer_s, status, kind, caller in CALLS:
            answered = started + timedelta(seconds=answer_s) if answer_s is not None else None
            ids[key] = session.scalar(insert(Call).returning(Call.id).values(
                line_id=lines[line], caller_number=caller or "+6281311110000", status=status,
                direction=CallDirection.INBOUND, started_at=started, answered_at=answered,
                ended_at=(answered or started) + timedelta(seconds=30), classification=kind,
                # How the engine marks a call from a blocked number (telephony/intake.py).
                identity_headers={"blocked": True} if caller == BLOCKED_NUMBER else None))
        # A call-back the desk made: outbound, never counted as a call in.
        session.execute(insert(Call).values(
            line_id=lines["E"], caller_number="+6281311110000", status=S.ENDED,
            direction=CallDirection.OUTBOUND, started_at=wita(12, 9),
            answered_at=wita(12, 9) + timedelta(seconds=4)))
        session.add(CallerBlock(number=BLOCKED_NUMBER, reason="iseng", blocked_at=wita(9, 0),
                                blocked_until=wita(11, 0), blocked_by="supervisor"))
        _write_incidents(session, ids)
        _write_complaints(session, ids)
    return ids


def _answered(session, call_id: int) -> datetime:
    return session.scalar(select(Call.answered_at).where(Call.id == call_id))


def _write_incidents(session, ids) -> None:
    units = dict(session.execute(select(Unit.callsign, Unit.id)).all())
    # (call, kecamatan, created after answer s, [(unit, dispatched after answer s,
    #   on scene after creation s)])
    plan = [
        ("c1", "Denpasar Selatan", 60, [("PMK-SEL-1", 100, 899), ("AMB-SEL-1", 150, 1200)]),
        ("c3", "Denpasar Barat", 60, [("PMK-BRT-1", 200, 900)]),
        ("c6", "Denpasar Selatan", 60, [("PMK-SEL-2", 300, 901)]),
        ("c7", None, 60, [("PMK-TIM-1", 10, 60)]),  # from a prank call: left out
    ]
    for call_key, kecamatan, created_after, sent in plan:
        answered = _answered(session, ids[call_key])
        created = answered + timedelta(seconds=created_after)
        incident_id = session.scalar(insert(Incident).returning(Incident.id).values(
            type_code="kebakaran", priority=1, call_id=ids[call_key], created_at=created,
            created_by="x", kecamatan=kecamatan))
        for callsign, dispatched_after, on_scene_after in sent:
            session.execute(insert(Assignment).values(
                incident_id=incident_id, unit_id=units[callsign], assigned_by="x",
                dispatched_at=answered + timedelta(seconds=dispatched_after),
                on_scene_at=created + timedelta(seconds=on_scene_after)))
    # Reported in person (no call); and one created the minute after the month.
    for created, kecamatan in ((wita(15, 8), "Denpasar Utara"), (wita(1, 0, month=12), None)):
        incident_id = session.scalar(insert(Incident).returning(Incident.id).values(
            type_code="medis", priority=2, created_at=created, created_by="x",
            kecamatan=kecamatan))
        session.execute(insert(Assignment).values(
            incident_id=incident_id, unit_id=units["AMB-UTR-1"], assigned_by="x",
            dispatched_at=created + timedelta(seconds=30),
            on_scene_at=created + timedelta(seconds=600)))


def _write_complaints(session, ids) -> None:
    agencies = dict(session.execute(
        select(ComplaintCategory.code, ComplaintCategory.agency_id)).all())
    day = timedelta(days=1)
    second = timedelta(seconds=1)
    R, F, OK = ComplaintStatus.RECEIVED, ComplaintStatus.FORWARDED, ComplaintStatus.RESOLVED
    # (category, created, [(after, to status)], due after, call)
    plan = [
        ("lampu_jalan", wita(5, 10), [(3 * day, F), (5 * day, OK)], 2 * day, "c9"),  # both in
        ("sampah_tidak_diangkut", wita(6, 10),
         [(3 * day + second, F), (5 * day + second, OK)], 2 * day, None),          # both late
        ("lampu_jalan", wita(7, 10), [(1 * day, F)], 2 * day, None),  # answered, never settled
        ("jalan_rusak", wita(29, 10), [], 2 * day, None),             # nothing done yet
        ("lampu_jalan", wita(20, 10, month=10), [], 2 * day, None),   # October: overdue only
    ]
    for number, (category, created, history, due_after, call_key) in enumerate(plan, 1):
        status = history[-1][1] if history else R
        complaint_id = session.scalar(insert(Complaint).returning(Complaint.id).values(
            ticket=f"HD-2026-{number:06d}", year=2026, sequence=number, category_code=category,
            agency_id=agencies[category], status=status, description="uji",
            call_id=ids[call_key] if call_key else None, created_at=created, created_by="x",
            due_at=created + due_after, updated_at=created))
        before = None
        for after, to_status in [(timedelta(0), R), *history]:
            session.execute(insert(ComplaintEvent).values(
                complaint_id=complaint_id, at=created + after, from_status=before,
                to_status=to_status, actor="x"))
            before = to_status


@pytest.fixture
def known(seeded):
    _write_known_month(seeded)
    return seeded


def _stats(database, filters: Filters = NO_FILTERS, *, now: datetime = NOW,
           period: Period = NOVEMBER) -> dict:
    with database.reading() as session:
        return compute_stats(session, period, filters, now=now)


def test_calls_against_a_hand_count(known):
    calls = _stats(known)["calls"]
    # c1-c13, c15, c16 started in November (WITA); c14 at 00:00 on 1 December is
    # out; the outbound call-back is not a call in.
    assert calls["total"] == 15
    assert calls["answered"] == 11  # c1-c9, c13, c15 (c16 came while its number was blocked)
    assert calls["unanswered"] == {"total": 4, "abandoned": 1, "timed_out": 1, "rejected": 1,
                                   "blocked": 1}
    assert calls["by_line"] == {"0361-223333": 14, "0361-244444": 1}
    assert calls["by_classification"] == {
        "emergency": 4, "complaint": 1, "information": 2, "prank": 2, "ghost": 1,
        "wrong_number": 1, "unclassified": 4}
    # Answered, neither prank, ghost nor blocked: 2.0 5.0 10.0 14.9 15.0 | 15.1 19.9 20.0 | 25.0
    assert calls["answer_time_s"] == {"n": 9, "p50": 15.0, "p90": 25.0}
    assert calls["answered_within_15s"] == pytest.approx(5 / 9)  # with prank/ghost: 6/11
    assert calls["answered_within_20s"] == pytest.approx(8 / 9)
    hours = [0] * 24
    hours[0], hours[10], hours[18], hours[23] = 1, 12, 1, 1  # WITA hours (c9 is 10:30 UTC)
    assert calls["by_hour"] == hours


def test_incidents_against_a_hand_count(known):
    incidents = _stats(known)["incidents"]
    assert incidents["total"] == 5  # four from calls, one walk-in; 1 December's is out
    assert incidents["by_type"] == {"kebakaran": 4, "medis": 1}
    assert incidents["by_priority"] == {"1": 4, "2": 1}
    assert incidents["by_kecamatan"] == {"Denpasar Selatan": 2, "Denpasar Barat": 1,
                                         "Denpasar Utara": 1, "unknown": 1}
    # Answered -> first unit: 100, 200, 300 s (the prank call's incident, 10 s, left out).
    assert incidents["answer_to_first_assignment_s"] == {"n": 3, "p50": 200.0, "p90": 300.0}
    # Created -> first on scene: 600, 899, 900 (15:00, in), 901 (out); prank's 60 s left out.
    assert incidents["created_to_first_on_scene_s"] == {"n": 4, "p50": 899.0, "p90": 901.0}
    assert incidents["on_scene_within_15min"] == pytest.approx(3 / 4)
    assert incidents["by_unit_kind"] == {
        "ambulans": {"n": 2, "p50": 600.0, "p90": 1200.0, "within_15min": 0.5},
        "pmk": {"n": 3, "p50": 900.0, "p90": 901.0, "within_15min": pytest.approx(2 / 3)}}
    assert incidents["by_station"] == {
        "BARAT": {"n": 1, "p50": 900.0, "p90": 900.0, "within_15min": 1.0},
        "SELATAN": {"n": 2, "p50": 899.0, "p90": 901.0, "within_15min": 0.5},
        "UTARA": {"n": 1, "p50": 600.0, "p90": 600.0, "within_15min": 1.0}}


def test_complaints_against_a_hand_count(known):
    complaints = _stats(known)["complaints"]
    assert complaints["received"] == 4  # October's ticket is not the month's
    assert complaints["by_category"] == {"lampu_jalan": 2, "sampah_tidak_diangkut": 1,
                                         "jalan_rusak": 1}
    assert complaints["by_agency"] == {"DISHUB": 2, "DLHK": 1, "DPUPR": 1}
    assert complaints["by_status"] == {"received": 1, "forwarded": 1, "in_progress": 0,
                                       "resolved": 2, "rejected": 0}
    # First response: 3 days exactly (in), 3 days + 1 s (late), 1 day (in), none (late).
    assert complaints["first_response_within_3d"] == pytest.approx(2 / 4)
    # Settled: 5 days exactly (in), 5 days + 1 s (late), never (late) twice.
    assert complaints["settled_within_5d"] == pytest.approx(1 / 4)
    # Open past their due time: the forwarded one, 29 November's, and October's.
    assert complaints["overdue_now"] == 3


def test_a_ticket_still_within_its_days_waits_out_of_the_shares(known):
    complaints = _stats(known, now=wita(30, 0))["complaints"]
    # 29 November's ticket, a day old, is neither in time nor late yet.
    assert complaints["first_response_within_3d"] == pytest.approx(2 / 3)
    assert complaints["settled_within_5d"] == pytest.approx(1 / 3)


def test_standards_and_notes(known):
    figures = _stats(known)
    assert [(s["code"], s["target"], s["met"]) for s in figures["standards"]] == [
        ("nena_answer_15s", 0.90, False), ("nena_answer_20s", 0.95, False),
        ("fire_on_scene_15min", 0.90, False), ("lapor_first_response_3d", 0.90, False),
        ("lapor_settled_5d", 0.90, False)]
    assert figures["standards"][2]["value"] == pytest.approx(2 / 3)  # pmk within 15 min
    assert figures["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert any("Prank and ghost" in note for note in figures["notes"])
    json.dumps(figures)  # JSON-able as it is


def test_filters_narrow_each_section(known):
    by_line = _stats(known, Filters(line="0361-244444"))
    assert by_line["calls"]["total"] == 1 and by_line["calls"]["answered"] == 1
    assert by_line["complaints"]["received"] == 1  # the ticket made from call c9
    assert by_line["incidents"]["total"] == 0
    emergency = _stats(known, Filters(call_type=CallType.EMERGENCY))
    assert emergency["calls"]["total"] == 4  # c1, c3, c6, c13
    assert emergency["calls"]["answered_within_15s"] == 0.5  # 14.9 and 10.0 of 4
    assert emergency["incidents"]["total"] == 3  # from c1, c3, c6
    selatan = _stats(known, Filters(kecamatan="Denpasar Selatan"))
    assert selatan["incidents"]["total"] == 2
    assert selatan["calls"]["total"] == 2  # c1 and c6 became incidents there
    assert selatan["filters"]["not_applied"] == {"complaints": ["kecamatan"]}
    dlhk = _stats(known, Filters(agency="dlhk"))
    assert dlhk["complaints"]["received"] == 1
    assert dlhk["complaints"]["overdue_now"] == 0
    with pytest.raises(NotFound) as unknown:
        _stats(known, Filters(agency="NOPE"))
    assert unknown.value.code == "stats.unknown_agency"


def test_periods_are_wita_days():
    assert NOVEMBER.start == datetime(2026, 10, 31, 16, tzinfo=timezone.utc)
    assert NOVEMBER.end == datetime(2026, 11, 30, 16, tzinfo=timezone.utc)
    assert Period.month(2026, 12).end == datetime(2026, 12, 31, 16, tzinfo=timezone.utc)
    # 23:30 UTC on a Sunday is 07:30 WITA on Monday.
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc)
    assert Period.today(sunday_night).first_date.isoformat() == "2026-11-23"
    week = Period.this_week(sunday_night)
    assert (week.first_date.isoformat(), week.last_date.isoformat()) == ("2026-11-23",
                                                                          "2026-11-29")


def test_only_a_supervisor_reads_the_figures(known):
    known.principal = Principal("komang", Role.CALL_TAKER)
    with pytest.raises(NotPermitted):
        _stats(known)


def test_an_incident_takes_the_kecamatan_of_its_place(seeded):
    with seeded.session() as session:
        # Beside Sesetan (Denpasar Selatan), then moved to Peguyangan (Denpasar Utara).
        incident = create_incident(session, type_code="medis", lat=-8.7010, lon=115.2210,
                                   actor="x")
        assert incident.kecamatan == "Denpasar Selatan"
        correct_incident(session, incident_id=incident.id, actor="x", lat=-8.6150, lon=115.2050)
        assert incident.kecamatan == "Denpasar Utara"
        unknown = create_incident(session, type_code="medis", lat=None, lon=None, actor="x")
        assert unknown.kecamatan is None


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SAFEDESK, "--db", db_url, "stats", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_command_line(known):
    url = known.engine.url.render_as_string(hide_password=False)
    result = _cli(url, "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["calls"]["total"] == 15
    assert figures["calls"]["unanswered"]["total"] == 4
    assert figures["calls"]["by_classification"]["prank"] == 2
    rows = _cli(url, "--from", "2026-11-01", "--to", "2026-11-30", "--csv").stdout.splitlines()
    assert rows[0] == "section,key,value"
    assert "calls,total,15" in rows and "calls,unanswered.blocked,1" in rows
    assert "calls,by_hour.18,1" in rows
    text = _cli(url, "--from", "2026-11-01", "--to", "2026-11-30", "--line", "0361-223333")
    assert text.returncode == 0 and "Calls: 14 in" in text.stdout
    bad = _cli(url, "--from", "2026-11-31")
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "2026-11-31" in bad.stderr
