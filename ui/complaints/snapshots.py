"""Plain-data views of complaint tickets, categories and agencies.

Like ui/snapshots.py: every read function runs on the worker thread in a
short session and returns frozen values. Search and status refusals
(DeskError) come back as a message inside the result rather than as an
exception, so a refresh that is merely refused never counts as a failure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch.bulletins import complaint_history
from dispatch.complaint_search import complaints_page, search_complaints
from dispatch.complaints import (
    LEGAL_TRANSITIONS,
    OPEN_STATES,
    get_complaint,
    list_agencies,
    list_categories,
)
from dispatch.errors import DeskError, NotFound
from dispatch.models import Bulletin, ComplaintCategory
from dispatch.paging import MAX_LIMIT
from dispatch.phone import format_for_display

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class CategoryChoice:
    code: str
    name_id: str
    name_en: str
    agency_code: str
    agency_name: str
    target_hours: int


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    phone: str | None
    active: bool
    categories: tuple[str, ...]  # the category codes it handles now


@dataclass(frozen=True)
class ComplaintQuery:
    text: str = ""
    status: str | None = None
    category: str | None = None
    agency: str | None = None
    date_from: date | None = None  # WITA calendar days, both included
    date_to: date | None = None
    limit: int = SEARCH_LIMIT


@dataclass(frozen=True)
class ComplaintRow:
    ticket: str
    created_at: datetime
    category_code: str
    category_name_id: str
    category_name_en: str
    agency_code: str
    agency_name: str
    status: str
    channel: str
    address: str
    lat: float | None
    lon: float | None
    due_at: datetime


@dataclass(frozen=True)
class SearchResult:
    rows: tuple[ComplaintRow, ...]
    agencies: tuple[AgencyRow, ...]
    error: DeskError | None = None  # the search refused: the board says it in its language
    more: bool = False  # older tickets match past the page ("Muat lebih banyak")


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    kind: str  # opened / status / on_air
    actor: str
    from_status: str | None = None
    to_status: str | None = None
    note: str = ""
    channel: str = ""
    bulletin_id: int | None = None
    bulletin_title: str = ""
    ended_at: datetime | None = None


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    description: str
    reporter_name: str | None  # private: the desk sees it, the radio never
    reporter_phone: str | None
    reporter_display: str | None
    agency_phone: str | None
    created_by: str
    call_id: int | None
    history: tuple[HistoryLine, ...]  # newest first
    next_statuses: tuple[str, ...]  # the legal ones, in the machine's order


@dataclass(frozen=True)
class EditorSnapshot:
    categories: tuple[CategoryChoice, ...]
    agencies: tuple[AgencyRow, ...]


def read_complaint_categories(session: Session) -> tuple[CategoryChoice, ...]:
    return tuple(CategoryChoice(c.code, c.name_id, c.name_en, c.agency.code, c.agency.name,
                                c.target_hours) for c in list_categories(session))


def read_agencies(session: Session) -> tuple[AgencyRow, ...]:
    handled: dict[int, list[str]] = {}
    for category in session.scalars(select(ComplaintCategory).order_by(ComplaintCategory.code)):
        handled.setdefault(category.agency_id, []).append(category.code)
    return tuple(AgencyRow(a.code, a.name, a.phone, a.active, tuple(handled.get(a.id, ())))
                 for a in list_agencies(session))


def read_editor(session: Session) -> EditorSnapshot:
    return EditorSnapshot(read_complaint_categories(session), read_agencies(session))


def _row(complaint) -> ComplaintRow:
    return ComplaintRow(
        ticket=complaint.ticket, created_at=complaint.created_at,
        category_code=complaint.category_code, category_name_id=complaint.category.name_id,
        category_name_en=complaint.category.name_en, agency_code=complaint.agency.code,
        agency_name=complaint.agency.name, status=str(complaint.status),
        channel=str(complaint.channel), address=complaint.address, lat=complaint.lat,
        lon=complaint.lon, due_at=complaint.due_at)


def read_complaints(session: Session, query: ComplaintQuery) -> SearchResult:
    """The newest `query.limit` tickets the search finds, then every open one
    it finds past them (up to MAX_LIMIT): an open ticket never drops off the
    board, however many closed ones are newer."""
    agencies = read_agencies(session)
    filters = dict(text=query.text or None, category=query.category, agency=query.agency,
                   date_from=query.date_from, date_to=query.date_to)
    try:
        page = complaints_page(session, status=query.status, limit=query.limit, **filters)
        found = list(page.rows)
        still_open = [s for s in OPEN_STATES if query.status in (None, str(s))]
        if page.next_before is not None and still_open:
            found += search_complaints(session, status=still_open, before=page.next_before,
                                       limit=MAX_LIMIT, **filters)
    except DeskError as error:
        return SearchResult((), agencies, error)
    return SearchResult(tuple(_row(c) for c in found), agencies,
                        more=page.next_before is not None)


def _history(session: Session, complaint) -> tuple[HistoryLine, ...]:
    # Status entries from the events themselves (from, to and note apart,
    # to be shown translated); on-air readings from the bulletin log.
    lines = [HistoryLine(at=e.at, kind="status" if e.from_status else "opened", actor=e.actor,
                         from_status=str(e.from_status) if e.from_status else None,
                         to_status=str(e.to_status), note=e.note,
                         channel=str(complaint.channel)) for e in complaint.events]
    for entry in complaint_history(session, complaint.ticket):
        if entry.kind == "on_air":
            bulletin = session.get(Bulletin, entry.bulletin_id)
            lines.append(HistoryLine(at=entry.at, kind="on_air", actor=entry.actor,
                                     bulletin_id=entry.bulletin_id,
                                     bulletin_title=bulletin.title if bulletin else "",
                                     ended_at=entry.ended_at))
    order = {"opened": 0, "status": 1, "on_air": 2}
    return tuple(sorted(lines, key=lambda line: (line.at, order[line.kind]), reverse=True))


def read_complaint_detail(session: Session, ticket: str) -> ComplaintDetail | None:
    """The ticket as the desk sees it, or None when it is gone."""
    try:
        complaint = get_complaint(session, ticket)
    except NotFound:
        return None
    return ComplaintDetail(
        row=_row(complaint), description=complaint.description,
        reporter_name=complaint.reporter_name, reporter_phone=complaint.reporter_phone,
        reporter_display=format_for_display(complaint.reporter_phone),
        agency_phone=complaint.agency.phone, created_by=complaint.created_by,
        call_id=complaint.call_id, history=_history(session, complaint),
        next_statuses=tuple(str(s) for s in sorted(LEGAL_TRANSITIONS[complaint.status],
                                                   key=list(type(complaint.status)).index)))
