"""Plain-data views of bulletins for the radio staff's panels.

Run on the worker thread inside a short session (see ui/snapshots.py). The
reporter's name and number are never copied out: what the GUI holds is what
may go on air.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dispatch.bulletin_privacy import air_texts
from dispatch.bulletins import (
    candidates_for_bulletin,
    draft_reading_text,
    get_bulletin,
    list_bulletins,
)
from dispatch.enums import BulletinStatus
from dispatch.errors import InvalidInput, NotFound
from dispatch.export import bulletin_as_pdf, bulletin_as_text
from dispatch.models import Bulletin, Complaint

# "Everything" for candidates_for_bulletin, whose own None means "since the
# newest bulletin" (which, once a bulletin is made, would be nothing at all).
_BEGINNING = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class BulletinRow:
    id: int
    title: str
    status: str
    created_at: datetime
    created_by: str
    item_count: int
    last_read_at: datetime | None


@dataclass(frozen=True)
class BulletinItemRow:
    ticket: str
    position: int
    category_name: str
    category_name_en: str
    place: str
    status: str
    reading_text: str
    edited: bool  # the presenter's own wording, not the desk's draft


@dataclass(frozen=True)
class ReadingRow:
    id: int
    reader: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None


@dataclass(frozen=True)
class BulletinDetail:
    id: int
    title: str
    status: str
    created_at: datetime
    items: tuple[BulletinItemRow, ...]
    readings: tuple[ReadingRow, ...]

    @property
    def editable(self) -> bool:
        return self.status != BulletinStatus.READ.value  # what was read stays as read


@dataclass(frozen=True)
class CandidateRow:
    ticket: str
    category_name: str
    category_name_en: str
    place: str
    status: str
    updated_at: datetime


@dataclass(frozen=True)
class BulletinPanelSnapshot:
    bulletins: tuple[BulletinRow, ...]
    detail: BulletinDetail | None  # None: nothing chosen, or the chosen one is gone
    candidates: tuple[CandidateRow, ...]


def _place(complaint: Complaint) -> str:
    if complaint.address:
        return complaint.address
    if complaint.lat is not None and complaint.lon is not None:
        return f"{complaint.lat:.5f}, {complaint.lon:.5f}"
    return ""


def read_bulletin_list(session: Session) -> tuple[BulletinRow, ...]:
    rows = []
    for bulletin in list_bulletins(session):
        last = max((r.started_at for r in bulletin.readings), default=None)
        rows.append(BulletinRow(id=bulletin.id, title=bulletin.title, status=str(bulletin.status),
                                created_at=bulletin.created_at, created_by=bulletin.created_by,
                                item_count=len(bulletin.items), last_read_at=last))
    return tuple(rows)


def read_bulletin(session: Session, bulletin_id: int) -> BulletinDetail | None:
    try:
        bulletin = get_bulletin(session, bulletin_id)
    except NotFound:
        return None
    air = air_texts(bulletin)  # what the studio reads, and sends as RadioText, is scrubbed
    items = []
    for item in bulletin.items:
        complaint = item.complaint
        items.append(BulletinItemRow(
            ticket=complaint.ticket, position=item.position,
            category_name=complaint.category.name_id,
            category_name_en=complaint.category.name_en, place=_place(complaint),
            status=str(complaint.status), reading_text=air.reading_texts[item.id],
            edited=item.reading_text != draft_reading_text(complaint)))
    readings = tuple(ReadingRow(id=r.id, reader=r.reader, started_at=r.started_at,
                                ended_at=r.ended_at, end_reason=r.end_reason)
                     for r in bulletin.readings)
    return BulletinDetail(id=bulletin.id, title=air.title, status=str(bulletin.status),
                          created_at=bulletin.created_at, items=tuple(items), readings=readings)


def read_candidates(session: Session, bulletin_id: int | None) -> tuple[CandidateRow, ...]:
    """Tickets new or changed since the bulletin before this one was made
    (since the newest one when none is chosen), minus those already in it."""
    already: set[int] = set()
    query = select(func.max(Bulletin.created_at))
    bulletin = session.get(Bulletin, bulletin_id) if bulletin_id is not None else None
    if bulletin is not None:
        already = {item.complaint_id for item in bulletin.items}
        query = query.where(Bulletin.id < bulletin.id)
    since = session.scalar(query) or _BEGINNING
    return tuple(CandidateRow(ticket=c.ticket, category_name=c.category.name_id,
                              category_name_en=c.category.name_en, place=_place(c),
                              status=str(c.status), updated_at=c.updated_at)
                 for c in candidates_for_bulletin(session, since) if c.id not in already)


def read_bulletin_panel(session: Session, bulletin_id: int | None) -> BulletinPanelSnapshot:
    detail = read_bulletin(session, bulletin_id) if bulletin_id is not None else None
    return BulletinPanelSnapshot(bulletins=read_bulletin_list(session), detail=detail,
                                 candidates=read_candidates(session,
                                                            detail.id if detail else None))


def export_bulletin(session: Session, bulletin_id: int, path: str, fmt: str) -> str:
    """Write the bulletin for the newspaper as "txt" or "pdf"; returns the path.
    On the worker: the PDF takes reportlab a moment, and the disk may be slow."""
    if fmt == "pdf":
        return str(bulletin_as_pdf(session, bulletin_id, path))
    if fmt != "txt":
        raise InvalidInput(f"unknown export format {fmt!r}; use txt or pdf")
    text = bulletin_as_text(session, bulletin_id)
    try:
        Path(path).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
