"""Dispatch that can be trusted: a unit sent once, moved only on purpose,
second reports of one incident caught, impossible places refused; on
SQLite and PostgreSQL."""
from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from dispatch.assignments import assign_unit, change_unit_status, close_incident
from dispatch.enums import UnitStatus
from dispatch.errors import IllegalTransition, InvalidInput
from dispatch.incidents import LikelyDuplicate, add_report, create_incident, get_incident
from dispatch.models import Assignment, AuditEntry, Incident, Unit
from dispatch.settings import Settings
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres
SETTINGS = Settings.in_memory()
FIRE = dict(type_code="kebakaran", lat=-8.6600, lon=115.2100)


def new_incident(database, **overrides) -> int:
    with database.session() as session:
        incident = create_incident(session, **{**FIRE, "actor": "calltaker", **overrides})
        session.flush()
        return incident.id


def assign(database, incident_id: int, callsign: str = "PMK-SEL-1", **extra):
    with database.session() as session:
        assignment = assign_unit(session, incident_id=incident_id, callsign=callsign,
                                 actor="made", settings=SETTINGS, **extra)
        session.flush()
        return assignment.id


def test_the_same_unit_is_not_sent_twice_to_one_incident(seeded):
    incident = new_incident(seeded)
    assign(seeded, incident)
    with pytest.raises(IllegalTransition, match=f"PMK-SEL-1 is already on incident {incident}"):
        assign(seeded, incident)
    with seeded.reading() as session:
        assert len(session.scalars(select(Assignment)).all()) == 1


def test_a_unit_on_another_incident_moves_only_with_a_reason(seeded):
    first = new_incident(seeded)
    second = new_incident(seeded, lat=-8.7000, not_a_duplicate=True)
    assign(seeded, first)
    with seeded.session() as session:
        change_unit_status(session, callsign="PMK-SEL-1", status="en_route", actor="made")
    with pytest.raises(IllegalTransition,
                       match=f"PMK-SEL-1 was just sent to incident {first} by made;.*reassign"):
        assign(seeded, second)
    assign(seeded, second, reassign_reason="trapped people at the second fire")
    with seeded.reading() as session:
        assignments = session.scalars(select(Assignment).order_by(Assignment.id)).all()
        assert [(a.incident_id, a.cleared_at is None) for a in assignments] == [
            (first, False), (second, True)]
        unit = session.scalars(select(Unit).where(Unit.callsign == "PMK-SEL-1")).one()
        assert unit.status is UnitStatus.DISPATCHED
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "incident.reassign")).one()
        assert audit.after["reassigned_from"] == first
        assert audit.after["reason"] == "trapped people at the second fire"
        timeline = [e.text for e in get_incident(session, first).events]
        assert any("reassigned to incident" in text for text in timeline)


def test_a_second_report_of_the_same_fire_is_caught(seeded):
    first = new_incident(seeded)
    with pytest.raises(LikelyDuplicate) as caught:
        new_incident(seeded, lat=-8.6610, lon=115.2105)  # some 125 m away, just now
    assert caught.value.matches[0].incident_id == first
    assert str(caught.value).startswith(f"incident {first} (kebakaran, 1")
    assert "--not-a-duplicate" in str(caught.value)
    # Another type, farther away, long ago or closed: not the same incident.
    new_incident(seeded, type_code="laka_lantas")
    new_incident(seeded, lat=-8.6640)  # about 445 m
    with seeded.session() as session:
        session.execute(update(Incident).where(Incident.id == first).values(
            created_at=utcnow() - timedelta(minutes=31)))
    new_incident(seeded, lat=-8.6611, lon=115.2101)
    with seeded.reading() as session:
        assert session.scalar(select(Incident).where(Incident.id == first)) is not None
    add_report_and_check(seeded, first)


def add_report_and_check(database, incident_id: int) -> None:
    with database.session() as session:
        add_report(session, incident_id=incident_id, actor="calltaker",
                   note="second caller: smoke seen from the market")
    with database.reading() as session:
        events = get_incident(session, incident_id).events
        assert events[-1].kind == "report"
        assert "smoke seen from the market" in events[-1].text


def test_closing_clears_its_units_atomically(seeded):
    incident = new_incident(seeded)
    assign(seeded, incident)
    with seeded.session() as session:
        close_incident(session, incident_id=incident, actor="made", note="padam")
    with seeded.reading() as session:
        unit = session.scalars(select(Unit).where(Unit.callsign == "PMK-SEL-1")).one()
        assert unit.status is UnitStatus.AVAILABLE
        assert session.scalars(select(Assignment)).one().cleared_at is not None


def safedesk(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", db_url,
                           *args], capture_output=True, text=True,
                          timeout=120)


def test_the_command_line_says_each_refusal_in_one_line(seeded, db_url):
    created = safedesk(db_url, "incidents", "create", "--type", "kebakaran", "--lat", "-8.66",
                       "--lon", "115.21", "--json")
    assert created.returncode == 0, created.stderr
    again = safedesk(db_url, "incidents", "create", "--type", "kebakaran", "--lat", "-8.6601",
                     "--lon", "115.2101")
    assert again.returncode == 2
    assert len(again.stderr.strip().splitlines()) == 1 and "looks like the same one" in again.stderr
    forced = safedesk(db_url, "incidents", "create", "--type", "kebakaran", "--lat", "-8.6601",
                      "--lon", "115.2101", "--not-a-duplicate")
    assert forced.returncode == 0, forced.stderr
    sent = safedesk(db_url, "assign", "1", "PMK-SEL-1")
    assert sent.returncode == 0, sent.stderr
    twice = safedesk(db_url, "assign", "2", "PMK-SEL-1")
    assert twice.returncode == 2
    assert len(twice.stderr.strip().splitlines()) == 1
    assert "reassign it and say why" in twice.stderr
    moved = safedesk(db_url, "assign", "2", "PMK-SEL-1", "--reassign", "nearer to incident 2")
    assert moved.returncode == 0, moved.stderr


def test_a_far_recommendation_comes_with_a_warning(seeded, db_url):
    far = new_incident(seeded, lat=-8.5200, lon=115.3500, outside_area=True)
    ranked = safedesk(db_url, "recommend", str(far), "--json")
    assert ranked.returncode == 0, ranked.stderr
    assert ranked.stderr.startswith("safedesk: warning: the best ETA is")
    near = new_incident(seeded, lat=-8.6700, lon=115.2100, not_a_duplicate=True)
    quiet = safedesk(db_url, "recommend", str(near), "--json")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_an_impossible_place_is_refused_naming_the_slip(seeded):
    with pytest.raises(InvalidInput, match="north of the equator"):
        new_incident(seeded, lat=8.65, lon=115.21)
    with pytest.raises(InvalidInput, match="km outside the service area"):
        new_incident(seeded, lat=-8.40, lon=116.10)
    new_incident(seeded, lat=-8.40, lon=116.10, outside_area=True)  # confirmed: a real call
