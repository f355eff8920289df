"""What a caller did before, as the call-taker reads it beside the call:
each earlier call with its direction and the service it reached, each
incident with its type's name, each complaint, in words of the UI's
language (the domain's history carries enum values and English summaries).

Runs on the worker thread; returns frozen rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.models import Call, Incident, IncidentType, Line
from ui import labels
from ui.snapshots import read_history


@dataclass(frozen=True)
class HistoryRow:
    kind: str  # call / incident / complaint
    id: int
    at: datetime
    status: str  # the domain's value; shown through labels.history_status
    summary: str  # the domain's own summary (complaints: ticket and category)
    direction: str | None = None  # calls
    line_purpose: str | None = None  # calls
    line_display: str | None = None  # calls
    type_name_id: str | None = None  # incidents
    type_name_en: str | None = None
    priority: int | None = None
    address: str | None = None


def read_caller_history(session: Session, number: str,
                        exclude_call_id: int | None) -> tuple[HistoryRow, ...]:
    entries = read_history(session, number, exclude_call_id)
    call_ids = [entry.id for entry in entries if entry.kind == "call"]
    incident_ids = [entry.id for entry in entries if entry.kind == "incident"]
    calls = {}
    if call_ids:
        query = (select(Call.id, Call.direction, Line.purpose, Line.display)
                 .outerjoin(Line, Line.id == Call.line_id).where(Call.id.in_(call_ids)))
        calls = {row[0]: row[1:] for row in session.execute(query)}
    incidents = {}
    if incident_ids:
        query = (select(Incident.id, IncidentType.name_id, IncidentType.name_en,
                        Incident.priority, Incident.address)
                 .outerjoin(IncidentType, IncidentType.code == Incident.type_code)
                 .where(Incident.id.in_(incident_ids)))
        incidents = {row[0]: row[1:] for row in session.execute(query)}
    rows = []
    for entry in entries:
        extra: dict = {}
        if entry.kind == "call" and entry.id in calls:
            direction, purpose, display = calls[entry.id]
            extra = {"direction": str(direction), "line_display": display,
                     "line_purpose": str(purpose) if purpose is not None else None}
        elif entry.kind == "incident" and entry.id in incidents:
            name_id, name_en, priority, address = incidents[entry.id]
            extra = {"type_name_id": name_id, "type_name_en": name_en, "priority": priority,
                     "address": address}
        rows.append(HistoryRow(entry.kind, entry.id, entry.at, entry.status, entry.summary,
                               **extra))
    return tuple(rows)


def kind_text(row: HistoryRow) -> str:
    if row.kind == "call" and row.direction:
        return labels.call_direction(row.direction)
    return labels.history_kind(row.kind)


def summary_text(row: HistoryRow) -> str:
    if row.kind == "call" and (row.line_purpose or row.line_display):
        service = labels.line_service(row.line_purpose)
        return " · ".join(part for part in (service, row.line_display) if part)
    if row.kind == "incident" and row.type_name_id:
        name = labels.localized(row.type_name_id, row.type_name_en or "")
        parts = [name, f"P{row.priority}" if row.priority is not None else "", row.address or ""]
        return " · ".join(part for part in parts if part)
    return row.summary
