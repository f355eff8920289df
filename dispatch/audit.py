"""The audit trail: every change of state, who made it, before → after."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.models import AuditEntry
from dispatch.timeutil import iso_utc, utcnow


def record_audit(session: Session, *, actor: str, action: str, entity: str,
                 entity_id: Any = None, before: Mapping[str, Any] | None = None,
                 after: Mapping[str, Any] | None = None) -> AuditEntry:
    entry = AuditEntry(**audit_values(actor=actor, action=action, entity=entity,
                                      entity_id=entity_id, before=before, after=after))
    session.add(entry)
    return entry


def audit_values(*, actor: str, action: str, entity: str, entity_id: Any = None,
                 before: Mapping[str, Any] | None = None,
                 after: Mapping[str, Any] | None = None) -> dict:
    """The columns of one audit entry, for the ORM or a plain INSERT."""
    return {"at": utcnow(), "actor": actor or "system", "action": action, "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before": _plain(before), "after": _plain(after)}


def _plain(values: Mapping[str, Any] | None) -> dict | None:
    """JSON columns take plain values only: enums become their strings."""
    if values is None:
        return None
    return {key: (str(value) if hasattr(value, "value") else value)
            for key, value in values.items()}


def audit_entries(session: Session, *, limit: int = 200,
                  entity: str | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return list(session.scalars(query))


def audit_to_dict(entry: AuditEntry) -> dict:
    return {"id": entry.id, "at": iso_utc(entry.at), "actor": entry.actor,
            "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
            "before": entry.before, "after": entry.after}
