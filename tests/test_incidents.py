"""Incidents, recommendation and assignment rules, on both databases."""
import math
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from dispatch.assignments import assign_unit, change_unit_status, close_incident
from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.incidents import create_incident, get_incident, list_incidents
from dispatch.models import AuditEntry, Caller, Incident, Unit
from dispatch.recommend import recommend_for_incident
from dispatch.settings import Settings
from dispatch.timeutil import utcnow
from dispatch.units import report_position

SETTINGS = Settings.in_memory()
RENON = (-8.6725, 115.2330)


def _open(database, type_code="kebakaran", **extra):
    with database.session() as session:
        incident = create_incident(session, type_code=type_code, lat=RENON[0], lon=RENON[1],
                                   actor="op", **extra)
        session.flush()
        return incident.id


def test_create_uses_the_type_default_priority_and_writes_timeline_and_audit(seeded):
    incident_id = _open(seeded, caller="0812-3456-7890", address="Jl. Raya Puputan")
    with seeded.reading() as session:
        incident = get_incident(session, incident_id)
        assert incident.status == IncidentStatus.OPEN
        assert incident.priority == incident.type.default_priority
        assert incident.caller_number == "+6281234567890"
        assert [e.kind for e in incident.events] == ["created"]
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "incident")).one()
        assert audit.actor == "op" and audit.after["status"] == "open"
        caller = session.scalars(select(Caller)).one()
        assert (caller.last_lat, caller.last_lon) == RENON


@pytest.mark.parametrize("lat,lon", [(91, 115), (-8.6, 181), (math.nan, 115), (-8.6, math.inf)])
def test_impossible_coordinates_write_nothing(seeded, lat, lon):
    with pytest.raises(InvalidInput):
        with seeded.session() as session:
            create_incident(session, type_code="banjir", lat=lat, lon=lon, actor="op")
    with seeded.reading() as session:
        assert session.scalar(select(func.count(Incident.id))) == 0


def test_unknown_type_and_bad_priority(seeded):
    with pytest.raises(NotFound, match="unknown incident type 'gempa'"):
        _open(seeded, type_code="gempa")
    with pytest.raises(InvalidInput, match="priority"):
        _open(seeded, priority=9)
    with pytest.raises(InvalidInput, match="not a phone number"):
        _open(seeded, caller="hello")


def test_recommendation_ranks_needed_kinds_by_eta(seeded):
    incident_id = _open(seeded, type_code="kebakaran")
    with seeded.reading() as session:
        ranked = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
        needed = set(get_incident(session, incident_id).type.unit_kinds)
    assert ranked, "every station has a PMK"
    assert {r.kind for r in ranked} <= needed
    etas = [r.eta_s for r in ranked]
    assert etas == sorted(etas)


def test_a_fresh_position_beats_the_station(seeded):
    incident_id = _open(seeded, type_code="kebakaran")
    with seeded.reading() as session:
        before = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    far = before[-1].callsign
    with seeded.session() as session:
        report_position(session, callsign=far, lat=RENON[0] + 0.001, lon=RENON[1])
    with seeded.reading() as session:
        after = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    assert after[0].callsign == far and after[0].origin == "position"
    with seeded.session() as session:
        report_position(session, callsign=far, lat=RENON[0] + 0.001, lon=RENON[1],
                        at=utcnow() - timedelta(hours=2))
    with seeded.reading() as session:
        stale = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    assert [r.callsign for r in stale] == [r.callsign for r in before]


def test_assign_takes_the_unit_off_the_list_and_marks_the_incident(seeded):
    incident_id = _open(seeded)
    with seeded.reading() as session:
        best = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)[0]
    with seeded.session() as session:
        assignment = assign_unit(session, incident_id=incident_id, callsign=best.callsign,
                                 actor="disp", settings=SETTINGS)
        assert assignment.eta_s == int(best.eta_s)
    with seeded.reading() as session:
        assert get_incident(session, incident_id).status == IncidentStatus.DISPATCHED
        again = recommend_for_incident(session, incident_id=incident_id, settings=SETTINGS)
    assert best.callsign not in {r.callsign for r in again}
    with pytest.raises(IllegalTransition, match=f"is already on incident {incident_id}"):
        with seeded.session() as session:
            assign_unit(session, incident_id=incident_id, callsign=best.callsign, actor="disp",
                        settings=SETTINGS)


def test_closing_clears_the_units(seeded):
    incident_id = _open(seeded)
    with seeded.session() as session:
        unit = session.scalars(select(Unit).where(Unit.kind_code == "pmk")).first()
        assign_unit(session, incident_id=incident_id, callsign=unit.callsign, actor="d",
                    settings=SETTINGS)
        callsign = unit.callsign
    with seeded.session() as session:
        change_unit_status(session, callsign=callsign, status="en_route", actor="d")
    with seeded.session() as session:
        close_incident(session, incident_id=incident_id, actor="d")
    with seeded.reading() as session:
        incident = get_incident(session, incident_id)
        assert incident.status == IncidentStatus.CLOSED and incident.closed_at is not None
        assert incident.assignments[0].cleared_at is not None
        assert session.scalars(select(Unit).where(Unit.callsign == callsign)).one().status \
            == UnitStatus.AVAILABLE
        assert list_incidents(session, open_only=True) == []
    with pytest.raises(IllegalTransition, match="already closed"):
        with seeded.session() as session:
            close_incident(session, incident_id=incident_id, actor="d")
    with pytest.raises(IllegalTransition):
        with seeded.session() as session:
            assign_unit(session, incident_id=incident_id, callsign=callsign, actor="d",
                        settings=SETTINGS)


def test_board_order_is_priority_then_age(seeded):
    low = _open(seeded, type_code="pohon_tumbang", priority=4)
    high = _open(seeded, type_code="kebakaran", priority=1)
    older_high = high
    # The same place and type: a second fire there, said so (not a duplicate).
    newer_high = _open(seeded, type_code="kebakaran", priority=1, not_a_duplicate=True)
    with seeded.reading() as session:
        order = [i.id for i in list_incidents(session, open_only=True)]
    assert order == [older_high, newer_high, low]
