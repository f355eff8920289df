"""The Fleet: the unit table read once into arrays, and the recommendations
built on it, against real SQLite and PostgreSQL databases."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy import select, update

from dispatch.enums import IncidentStatus, UnitStatus
from dispatch.errors import IllegalTransition, NotFound
from dispatch.eta import haversine_m
from dispatch.fleet import NO_INCIDENT, UNIT_STATUSES, Fleet
from dispatch.models import Assignment, Incident, Station, Unit, UnitKind
from dispatch.recommend import UnitCandidate, estimate_for_unit, recommend_for_incident
from dispatch.settings import ETA_DETOUR, Settings

SETTINGS = Settings.in_memory()
RENON = (-8.6725, 115.2330)
# A fix time with a fraction SQLite's strftime would round up to the next second.
ALMOST_A_SECOND = timedelta(microseconds=999_899)


def _open_incident(session, type_code="laka_lantas", at=RENON,
                   status=IncidentStatus.OPEN) -> Incident:
    incident = Incident(type_code=type_code, priority=2, lat=at[0], lon=at[1], status=status,
                        created_at=datetime.now(timezone.utc), created_by="test")
    session.add(incident)
    session.flush()
    return incident


def _send(session, unit: Unit, incident: Incident, status: UnitStatus) -> None:
    """The rows an assignment leaves: the unit busy, an assignment not cleared."""
    session.add(Assignment(incident_id=incident.id, unit_id=unit.id, assigned_by="test",
                           dispatched_at=datetime.now(timezone.utc)))
    session.execute(update(Unit).where(Unit.id == unit.id).values(status=status))


def _units(session) -> list[Unit]:
    return list(session.scalars(select(Unit).join(Station).order_by(Unit.id)))


def _candidates_and_state(session):
    units = _units(session)
    active = {a.unit_id: a.incident_id for a in session.scalars(
        select(Assignment).where(Assignment.cleared_at.is_(None)).order_by(Assignment.id))}
    candidates = [
        UnitCandidate(unit_id=u.id, callsign=u.callsign, kind=u.kind_code,
                      station_code=u.station.code, station_name=u.station.name,
                      station_lat=u.station.lat, station_lon=u.station.lon,
                      position_lat=u.lat, position_lon=u.lon, position_at=u.position_at)
        for u in units
    ]
    return candidates, [str(u.status) for u in units], [active.get(u.id) for u in units]


def _columns(fleet: Fleet) -> dict[str, list]:
    """The fleet's columns in unit id order, kinds and statuses spelled out."""
    snapshot = fleet.snapshot
    order = np.argsort(snapshot.unit_id, kind="stable")
    columns = {
        name: getattr(snapshot, name)[order].tolist()
        for name in ("unit_id", "callsign", "station_code", "station_name", "station_lat",
                     "station_lon", "position_lat", "position_lon", "position_at",
                     "position_valid", "station_valid", "assigned_incident_id")
    }
    columns["kind"] = [snapshot.kinds[k] for k in snapshot.kind[order].tolist()]
    columns["status"] = [UNIT_STATUSES[s] for s in snapshot.status[order].tolist()]
    return columns


def _same(left: dict, right: dict) -> None:
    for name in left:
        a, b = left[name], right[name]
        assert len(a) == len(b), name
        for x, y in zip(a, b):
            both_nan = isinstance(x, float) and isinstance(y, float) and math.isnan(x) and \
                math.isnan(y)
            assert both_nan or x == y, (name, x, y)


@pytest.fixture
def busy_desk(seeded):
    """The seed with positions (one a hair short of a whole second), one
    incident with a unit on it, another incident with two units on it, and
    one unit out of service."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    with seeded.session() as session:
        units = _units(session)
        for number, unit in enumerate(units[:8]):
            unit.lat, unit.lon = -8.66 + number * 0.002, 115.21 + number * 0.001
            unit.position_at = now - timedelta(minutes=number) - ALMOST_A_SECOND
        here = _open_incident(session)
        elsewhere = _open_incident(session, at=(-8.70, 115.20))
        by_callsign = {u.callsign: u for u in units}
        _send(session, by_callsign["AMB-UTR-1"], here, UnitStatus.EN_ROUTE)
        _send(session, by_callsign["AMB-TIM-1"], elsewhere, UnitStatus.DISPATCHED)
        _send(session, by_callsign["RSC-SEL-1"], elsewhere, UnitStatus.ON_SCENE)
        session.execute(update(Unit).where(Unit.callsign == "AMB-BRT-1")
                        .values(status=UnitStatus.OUT_OF_SERVICE))
        ids = {"here": here.id, "elsewhere": elsewhere.id}
    return seeded, ids


def test_fleet_from_the_database_equals_one_from_candidates(busy_desk):
    database, ids = busy_desk
    with database.reading() as session:
        loaded = Fleet.load(session)
        candidates, statuses, incidents = _candidates_and_state(session)
        speeds = {k.code: k.speed_kmh for k in session.scalars(select(UnitKind))}
    built = Fleet.from_candidates(candidates, statuses=statuses, assigned_incident_ids=incidents)
    _same(_columns(loaded), _columns(built))
    assert len(loaded) == 18
    assert loaded.speeds_kmh == speeds
    columns = _columns(loaded)
    assert sum(not math.isnan(t) for t in columns["position_at"]) == 8
    assert columns["assigned_incident_id"].count(ids["elsewhere"]) == 2
    assert columns["assigned_incident_id"].count(NO_INCIDENT) == 15


def test_position_times_keep_their_microseconds(busy_desk):
    database, _ = busy_desk
    with database.reading() as session:
        loaded = _columns(Fleet.load(session))
        stored = dict(session.execute(select(Unit.id, Unit.position_at)).all())
    for unit_id, seconds in zip(loaded["unit_id"], loaded["position_at"]):
        at = stored[unit_id]
        assert (math.isnan(seconds) and at is None) or seconds == at.timestamp()


def test_refresh_of_some_units_reads_their_changes(busy_desk):
    database, _ = busy_desk
    with database.reading() as session:
        fleet = Fleet.load(session)
        before = fleet.snapshot
    with database.session() as session:
        moved = session.scalars(select(Unit).where(Unit.callsign == "PMK-UTR-1")).one()
        moved.lat, moved.lon = -8.70, 115.25
        moved.position_at = datetime.now(timezone.utc)
        station = session.scalars(select(Station).where(Station.code == "TIMUR")).one()
        added = Unit(callsign="PMK-TIM-9", kind_code="pmk", station_id=station.id,
                     status=UnitStatus.AVAILABLE, status_since=datetime.now(timezone.utc))
        session.add(added)
        session.flush()
        changed = [moved.id, added.id]
    with database.reading() as session:
        fleet.refresh(session, unit_ids=changed)
        reloaded = Fleet.load(session)
    assert fleet.snapshot is not before  # a new table, the old one untouched
    assert len(before) == 18 and len(fleet) == 19
    _same(_columns(fleet), _columns(reloaded))
    with database.reading() as session:
        fleet.refresh(session)
    _same(_columns(fleet), _columns(reloaded))


def test_refresh_drops_a_unit_that_is_gone(busy_desk):
    database, _ = busy_desk
    with database.reading() as session:
        fleet = Fleet.load(session)
    with database.session() as session:
        gone = session.scalars(select(Unit).where(Unit.callsign == "TKA-BRT-1")).one()
        session.delete(gone)
        gone_id = gone.id
    with database.reading() as session:
        fleet.refresh(session, unit_ids=[gone_id])
    assert len(fleet) == 17 and gone_id not in fleet.snapshot.unit_id.tolist()


def test_available_units_only_by_default(busy_desk):
    database, ids = busy_desk
    with database.reading() as session:
        ranked = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS)
    callsigns = [r.callsign for r in ranked]
    assert callsigns and all(r.status == "available" for r in ranked)
    assert {"AMB-UTR-1", "AMB-TIM-1", "RSC-SEL-1", "AMB-BRT-1"}.isdisjoint(callsigns)
    assert {r.kind for r in ranked} <= {"ambulans", "rescue"}  # a traffic accident
    assert [r.eta_s for r in ranked] == sorted(r.eta_s for r in ranked)
    assert all(r.assigned_incident_id is None for r in ranked)


def test_include_busy_ranks_units_on_other_incidents_after_the_available(busy_desk):
    database, ids = busy_desk
    with database.reading() as session:
        available = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS)
        ranked = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS,
                                        include_busy=True)
    head, tail = ranked[:len(available)], ranked[len(available):]
    assert head == available
    assert [(r.callsign, r.status, r.assigned_incident_id) for r in tail] == sorted(
        [("AMB-TIM-1", "dispatched", ids["elsewhere"]),
         ("RSC-SEL-1", "on_scene", ids["elsewhere"])],
        key=lambda row: next(r.eta_s for r in tail if r.callsign == row[0]))
    # The unit already on this incident and the one out of service never appear.
    assert {"AMB-UTR-1", "AMB-BRT-1"}.isdisjoint(r.callsign for r in ranked)
    with database.reading() as session:
        limited = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS,
                                         include_busy=True, limit=len(available) + 1)
    assert limited == ranked[:len(available) + 1]


def test_a_kept_fleet_gives_the_same_answer(busy_desk):
    database, ids = busy_desk
    with database.reading() as session:
        fleet = Fleet.load(session)
        fresh = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS,
                                       include_busy=True)
        kept = recommend_for_incident(session, incident_id=ids["here"], settings=SETTINGS,
                                      include_busy=True, fleet=fleet)
    assert kept == fresh


def test_only_an_open_incident_gets_recommendations(busy_desk):
    database, _ = busy_desk
    with database.session() as session:
        closed = _open_incident(session, status=IncidentStatus.CLOSED).id
    with database.reading() as session:
        with pytest.raises(IllegalTransition, match="closed"):
            recommend_for_incident(session, incident_id=closed, settings=SETTINGS)
        with pytest.raises(NotFound):
            recommend_for_incident(session, incident_id=999_999, settings=SETTINGS)


def test_estimate_for_a_unit_whatever_its_status(busy_desk):
    database, ids = busy_desk
    with database.reading() as session:
        incident = session.get(Incident, ids["here"])
        unit = session.scalars(select(Unit).where(Unit.callsign == "RSC-SEL-1")).one()
        estimate = estimate_for_unit(session, incident=incident, unit_id=unit.id,
                                     settings=SETTINGS)
        station = (unit.station.lat, unit.station.lon)
        assert estimate_for_unit(session, incident=incident, unit_id=999_999,
                                 settings=SETTINGS) is None
    assert (estimate.callsign, estimate.status) == ("RSC-SEL-1", "on_scene")
    assert estimate.origin == "station"
    detour = SETTINGS.get(ETA_DETOUR)
    assert estimate.distance_m == round(haversine_m(*station, *RENON) * detour)


def test_refresh_by_callsign_as_change_events_name_units(busy_desk):
    database, _ = busy_desk
    with database.reading() as session:
        fleet = Fleet.load(session)
    with database.session() as session:
        moved = session.scalars(select(Unit).where(Unit.callsign == "PRH-SEL-1")).one()
        moved.lat, moved.lon = -8.71, 115.26
        moved.position_at = datetime.now(timezone.utc) - ALMOST_A_SECOND
        session.execute(update(Unit).where(Unit.callsign == "TKA-TIM-1")
                        .values(status=UnitStatus.OUT_OF_SERVICE))
    with database.reading() as session:
        fleet.refresh(session, callsigns=iter(["PRH-SEL-1", "TKA-TIM-1", "NO-SUCH-1"]))
        reloaded = Fleet.load(session)
        with pytest.raises(ValueError, match="not both"):
            fleet.refresh(session, unit_ids=[1], callsigns=["PMK-UTR-1"])
    assert len(fleet) == 18
    _same(_columns(fleet), _columns(reloaded))
