"""Rows as plain dicts with stable field names, for JSON output and scripts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dispatch.models import Assignment, Incident, Unit
from dispatch.phone import format_for_display
from dispatch.timeutil import iso_utc

if TYPE_CHECKING:  # the ranking imports numpy; a command that does not rank need not
    from dispatch.recommend import Recommendation


def assignment_to_dict(assignment: Assignment) -> dict:
    return {"id": assignment.id, "incident_id": assignment.incident_id,
            "unit": assignment.unit.callsign, "assigned_by": assignment.assigned_by,
            "eta_s": assignment.eta_s, "distance_m": assignment.distance_m,
            "dispatched_at": iso_utc(assignment.dispatched_at),
            "en_route_at": iso_utc(assignment.en_route_at),
            "on_scene_at": iso_utc(assignment.on_scene_at),
            "cleared_at": iso_utc(assignment.cleared_at)}


def incident_to_dict(incident: Incident, *, full: bool = False) -> dict:
    data = {"id": incident.id, "type": incident.type_code, "type_name": incident.type.name_id,
            "priority": incident.priority, "status": str(incident.status),
            "lat": incident.lat, "lon": incident.lon, "address": incident.address,
            "notes": incident.notes, "caller": incident.caller_number,
            "call_id": incident.call_id, "created_at": iso_utc(incident.created_at),
            "created_by": incident.created_by, "closed_at": iso_utc(incident.closed_at),
            "disposition": incident.disposition,
            "units": [a.unit.callsign for a in incident.assignments if a.cleared_at is None]}
    if full:
        data["assignments"] = [assignment_to_dict(a) for a in incident.assignments]
        data["timeline"] = [{"at": iso_utc(e.at), "kind": e.kind, "text": e.text,
                             "actor": e.actor, "data": e.data} for e in incident.events]
        data["caller_display"] = format_for_display(incident.caller_number)
    return data


def unit_to_dict(unit: Unit) -> dict:
    return {"id": unit.id, "callsign": unit.callsign, "kind": unit.kind_code,
            "station": unit.station.code, "station_name": unit.station.name,
            "status": str(unit.status), "status_since": iso_utc(unit.status_since),
            "lat": unit.lat, "lon": unit.lon, "position_at": iso_utc(unit.position_at)}


def recommendation_to_dict(rec: Recommendation) -> dict:
    return {"callsign": rec.callsign, "kind": rec.kind, "station": rec.station,
            "station_name": rec.station_name, "eta_s": int(rec.eta_s),
            "distance_m": int(rec.distance_m), "origin": rec.origin, "source": rec.source,
            "status": rec.status, "assigned_incident_id": rec.assigned_incident_id}
