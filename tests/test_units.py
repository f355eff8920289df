"""The unit status machine and its audit trail, on both databases."""
import pytest
from sqlalchemy import select

from dispatch.assignments import assign_unit, change_unit_status
from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition, NotFound
from dispatch.incidents import create_incident
from dispatch.models import AuditEntry, Unit
from dispatch.settings import Settings
from dispatch.units import LEGAL_TRANSITIONS, is_legal, parse_unit_status

SETTINGS = Settings.in_memory()


def _first_unit(session, kind="pmk"):
    return session.scalars(
        select(Unit).where(Unit.kind_code == kind).order_by(Unit.callsign)).first()


def test_every_pair_of_states_is_either_legal_or_refused():
    for before in UnitStatus:
        for after in UnitStatus:
            assert is_legal(before, after) == (after in LEGAL_TRANSITIONS[before])
    assert not is_legal(UnitStatus.AVAILABLE, UnitStatus.ON_SCENE)
    assert not is_legal(UnitStatus.ON_SCENE, UnitStatus.EN_ROUTE)


def test_status_names_people_type():
    assert parse_unit_status("clear") is UnitStatus.AVAILABLE
    assert parse_unit_status("en-route") is UnitStatus.EN_ROUTE
    assert parse_unit_status("On Scene") is UnitStatus.ON_SCENE


def test_full_walk_with_timestamps(seeded):
    with seeded.session() as session:
        callsign = _first_unit(session).callsign
        incident = create_incident(session, type_code="kebakaran", lat=-8.65, lon=115.22,
                                   actor="op")
        session.flush()
        incident_id = incident.id
        assign_unit(session, incident_id=incident_id, callsign=callsign, actor="disp",
                    settings=SETTINGS)
    for status in ("en_route", "on_scene", "clear"):
        with seeded.session() as session:
            change_unit_status(session, callsign=callsign, status=status, actor="disp")
    with seeded.reading() as session:
        unit = session.scalars(select(Unit).where(Unit.callsign == callsign)).one()
        assert unit.status == UnitStatus.AVAILABLE
        from dispatch.incidents import get_incident
        incident = get_incident(session, incident_id)
        assignment = incident.assignments[0]
        assert assignment.dispatched_at <= assignment.en_route_at <= assignment.on_scene_at \
            <= assignment.cleared_at
        assert incident.status == IncidentStatus.ON_SCENE
        actions = [e.after["status"] for e in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "unit").order_by(AuditEntry.id))]
        assert actions == ["dispatched", "en_route", "on_scene", "available"]


def test_illegal_change_is_refused_and_changes_nothing(seeded):
    with seeded.session() as session:
        callsign = _first_unit(session).callsign
    with pytest.raises(IllegalTransition, match="cannot go from available to on scene"):
        with seeded.session() as session:
            change_unit_status(session, callsign=callsign, status="on_scene", actor="x")
    with pytest.raises(IllegalTransition, match="assign"):
        with seeded.session() as session:
            change_unit_status(session, callsign=callsign, status="dispatched", actor="x")
    with seeded.reading() as session:
        assert _first_unit(session).status == UnitStatus.AVAILABLE
        assert session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "unit")).first() is None


def test_out_of_service_and_back(seeded):
    with seeded.session() as session:
        callsign = _first_unit(session, "ambulans").callsign
        change_unit_status(session, callsign=callsign, status="out_of_service", actor="sup")
    with pytest.raises(IllegalTransition):
        with seeded.session() as session:
            change_unit_status(session, callsign=callsign, status="en_route", actor="sup")
    with seeded.session() as session:
        change_unit_status(session, callsign=callsign, status="available", actor="sup")


def test_unknown_unit(seeded):
    with pytest.raises(NotFound, match="unknown unit"):
        with seeded.session() as session:
            change_unit_status(session, callsign="NOPE-9", status="en_route", actor="x")
