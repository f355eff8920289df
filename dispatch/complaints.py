"""Halo Denpasar complaint tickets: opened, forwarded to the agency that
owns the category, handled, closed, and found again while the caller waits.

Status machine; every change carries a note and who made it:

    received ──▶ forwarded ──▶ in_progress ──▶ resolved
        │            │  └──────────────────────────▲
        └────────────┴───────────────┴───────────▶ rejected

forwarded → resolved: agencies often fix small things (a street light) the
same day without reporting "in progress" first. Rejected from any open state:
not a public facility, a duplicate, or the agency finds it is not theirs.
resolved and rejected are final. There is no reopen: the figures on time to
resolve stay honest, and a recurrence ("the light is out again") is a new
ticket whose description quotes the old one.

Ticket numbers are HD-<year>-<sequence>, the sequence restarting each year
(the year on the wall clock, WITA). The number is max+1 under a lock held to
the end of the writing transaction: SQLite's write lock, or a PostgreSQL
advisory lock. The unique (year, sequence) key has the last word: should a
number be taken anyway, the insert retries inside a savepoint.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from dispatch.audit import record_audit
from dispatch.call_types import default_call_type
from dispatch.enums import CallType, ComplaintChannel, ComplaintStatus
from dispatch.errors import DeskError, IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import check_coordinates
from dispatch.models import (
    Agency,
    Call,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintWord,
)
from dispatch.permissions import Permission, authorize
from dispatch.phone import format_for_display, normalise_number
from dispatch.timeutil import as_utc, iso_utc, to_wita, utcnow

S = ComplaintStatus
LEGAL_TRANSITIONS: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    S.RECEIVED: frozenset({S.FORWARDED, S.REJECTED}),
    S.FORWARDED: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.REJECTED}),
    S.RESOLVED: frozenset(),
    S.REJECTED: frozenset(),
}
OPEN_STATES = (S.RECEIVED, S.FORWARDED, S.IN_PROGRESS)
FINAL_STATES = (S.RESOLVED, S.REJECTED)

TICKET_PREFIX = "HD"
_TICKET = re.compile(r"^\s*(?:HD)?[\s\-/]*(\d{4})[\s\-/]+(\d{1,7})\s*$", re.IGNORECASE)
_TICKET_ATTEMPTS = 20
_TICKET_LOCK_KEY = 0x4844_0001  # PostgreSQL advisory lock: "HD", ticket numbers
MAX_DESCRIPTION = 4000
MAX_ADDRESS = 256
MAX_NAME = 128
MAX_NOTE = 2000
MAX_LIMIT = 10_000
_AGENCY_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,31}$")

# Words shorter than this, and a few Indonesian function words, would match
# nearly every ticket: they are neither stored nor searched for.
MIN_WORD, MAX_WORD = 2, 32
# Long digit runs are phone numbers, not words: searching callers goes by the
# reporter's number, and the private number should not sit in a word index.
_PHONE_LIKE_DIGITS = 6
_STOP_WORDS = frozenset({"di", "ke", "dan", "yang", "dari", "ini", "itu", "ada", "dengan",
                         "untuk", "pada", "sudah", "sejak", "tidak", "belum", "jl", "no"})
_WORD = re.compile(r"\w+")


# ------------------------------------------------------------ look-ups

def format_ticket(year: int, sequence: int) -> str:
    return f"{TICKET_PREFIX}-{year}-{sequence:06d}"


def parse_ticket(text: str) -> tuple[int, int] | None:
    """(year, sequence) from what a caller reads out: HD-2026-000123,
    hd 2026 123 or 2026-123; None when it is not a ticket number."""
    match = _TICKET.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def get_complaint(session: Session, ticket: str) -> Complaint:
    parsed = parse_ticket(ticket)
    complaint = None
    if parsed is not None:
        complaint = session.scalars(select(Complaint).where(
            Complaint.year == parsed[0], Complaint.sequence == parsed[1])).one_or_none()
    if complaint is None:
        raise NotFound(f"no complaint ticket {ticket!r} (tickets look like HD-2026-000123)",
                       code="complaint.not_found", ticket=ticket)
    return complaint


def get_category(session: Session, code: str) -> ComplaintCategory:
    category = session.get(ComplaintCategory, (code or "").strip().lower())
    if category is None:
        known = ", ".join(session.scalars(select(ComplaintCategory.code)
                                          .order_by(ComplaintCategory.code)))
        raise NotFound(f"unknown complaint category {code!r} "
                       f"(known: {known or 'none — run safedesk init'})",
                       code="complaint.unknown_category", category=code, known=known)
    return category


def get_agency(session: Session, code: str) -> Agency:
    agency = session.scalars(select(Agency).where(
        Agency.code == (code or "").strip().upper())).one_or_none()
    if agency is None:
        known = ", ".join(session.scalars(select(Agency.code).order_by(Agency.code)))
        raise NotFound(f"unknown agency {code!r} (known: {known or 'none — run safedesk init'})",
                       code="agency.not_found", agency=code, known=known)
    return agency


def list_categories(session: Session) -> list[ComplaintCategory]:
    return list(session.scalars(select(ComplaintCategory).options(
        selectinload(ComplaintCategory.agency)).order_by(ComplaintCategory.code)))


def list_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.code)))


def is_overdue(complaint: Complaint, now: datetime | None = None) -> bool:
    """Still open after the category's target time."""
    return is_late(complaint.status, complaint.due_at, now)


def is_late(status: ComplaintStatus | str, due_at: datetime, now: datetime | None = None) -> bool:
    """The overdue rule on plain values: the desk's board re-judges its rows
    each second without asking the database."""
    return ComplaintStatus(status) in OPEN_STATES and (now or utcnow()) > as_utc(due_at)


def search_words(*texts: str) -> set[str]:
    """The words stored for, or searched in, a complaint's text: case and
    accents folded, so "Jalan", "JALAN" and "jalán" are one word."""
    words: set[str] = set()
    for piece in texts:
        folded = unicodedata.normalize("NFKD", (piece or "").casefold())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        for word in _WORD.findall(folded.replace("_", " ")):
            if (len(word) < MIN_WORD or word in _STOP_WORDS
                    or (word.isdecimal() and len(word) >= _PHONE_LIKE_DIGITS)):
                continue
            words.add(word[:MAX_WORD])
    return words


# ------------------------------------------------------------ creation

def _optional_text(value: str | None, limit: int, what: str) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"{what} is longer than {limit} characters", code="text.too_long",
                           what=what, limit=limit)
    return value or None


def _reporter_number(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    number = normalise_number(raw)
    if number.e164 is None:
        raise InvalidInput(f"{raw!r} is not a phone number the desk could call back",
                           code="phone.cannot_call_back", number=raw)
    return number.e164


def create_complaint(session: Session, *, category_code: str, description: str, actor: str,
                     lat: float | None = None, lon: float | None = None, address: str = "",
                     reporter_name: str | None = None, reporter_phone: str | None = None,
                     call_id: int | None = None,
                     channel: ComplaintChannel | str = ComplaintChannel.CALL) -> Complaint:
    authorize(session, Permission.EDIT_COMPLAINTS)
    category = get_category(session, category_code)
    description = _optional_text(description, MAX_DESCRIPTION, "description")
    if description is None:
        raise InvalidInput("a complaint needs a description of the problem",
                           code="complaint.no_description")
    address = _optional_text(address, MAX_ADDRESS, "address") or ""
    if (lat is None) != (lon is None):
        raise InvalidInput("give both latitude and longitude, or neither",
                           code="place.both_coordinates")
    if lat is not None:
        lat, lon = check_coordinates(lat, lon)
    elif not address:
        raise InvalidInput("a complaint needs a place: coordinates or an address",
                           code="complaint.no_place")
    reporter_name = _optional_text(reporter_name, MAX_NAME, "reporter name")
    phone = _reporter_number(reporter_phone)
    channel = ComplaintChannel.parse(channel) if isinstance(channel, str) else channel
    if call_id is not None and session.get(Call, call_id) is None:
        raise NotFound(f"no call {call_id}", code="call.not_found", call=call_id)
    now = utcnow()
    year = to_wita(now).year
    fields = dict(year=year, category_code=category.code, agency_id=category.agency_id,
                  status=S.RECEIVED, channel=channel, lat=lat, lon=lon, address=address,
                  description=description, reporter_name=reporter_name, reporter_phone=phone,
                  call_id=call_id, created_at=now, created_by=actor,
                  due_at=now + timedelta(hours=category.target_hours), updated_at=now)
    complaint = _insert_with_next_sequence(session, year, fields)
    complaint.events.append(ComplaintEvent(at=now, from_status=None, to_status=S.RECEIVED,
                                           note=f"opened ({channel})", actor=actor))
    words = search_words(description, address)
    if words:
        session.execute(insert(ComplaintWord), [{"word": w, "complaint_id": complaint.id}
                                                for w in sorted(words)])
    record_audit(session, actor=actor, action="complaint.create", entity="complaint",
                 entity_id=complaint.ticket,
                 after={"category": category.code, "agency": category.agency.code,
                        "status": S.RECEIVED, "channel": channel, "lat": lat, "lon": lon,
                        "call_id": call_id})
    announce(session, ChangeEvent("complaint", str(complaint.id), "created",
                                  detail={"ticket": complaint.ticket, "status": str(S.RECEIVED),
                                          "category": category.code}))
    default_call_type(session, call_id=call_id, call_type=CallType.COMPLAINT, actor=actor)
    return complaint


def _lock_ticket_numbers(session: Session) -> None:
    """One desk at a time picks a number, until its transaction ends. On
    SQLite the write lock (BEGIN IMMEDIATE) already is that lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _TICKET_LOCK_KEY})


def _insert_with_next_sequence(session: Session, year: int, fields: dict) -> Complaint:
    _lock_ticket_numbers(session)
    for _ in range(_TICKET_ATTEMPTS):
        sequence = (session.scalar(select(func.max(Complaint.sequence))
                                   .where(Complaint.year == year)) or 0) + 1
        complaint = Complaint(sequence=sequence, ticket=format_ticket(year, sequence), **fields)
        try:
            with session.begin_nested():
                session.add(complaint)
        except IntegrityError:
            continue  # written without the lock (an older desk?): read the new max
        return complaint
    raise DeskError("could not allocate a ticket number (too many desks at once); try again",
                    code="complaint.ticket_busy")


# ------------------------------------------------------------ status

def change_status(session: Session, *, ticket: str, status: ComplaintStatus | str, note: str,
                  actor: str) -> Complaint:
    authorize(session, Permission.EDIT_COMPLAINTS)
    complaint = get_complaint(session, ticket)
    target = ComplaintStatus.parse(status) if isinstance(status, str) else status
    note = (note or "").strip()
    if not note:
        raise InvalidInput("a status change needs a note saying what was done",
                           code="complaint.note_required")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"note is longer than {MAX_NOTE} characters", code="text.too_long",
                           what="note", limit=MAX_NOTE)
    before = complaint.status
    if target == before:
        raise IllegalTransition(f"{complaint.ticket} is already {before}",
                                code="complaint.already", ticket=complaint.ticket, status=before)
    if target not in LEGAL_TRANSITIONS[before]:
        if before in FINAL_STATES:
            raise IllegalTransition(f"{complaint.ticket} is {before} and closed: open a new "
                                    f"ticket that quotes it", code="complaint.closed",
                                    ticket=complaint.ticket, status=before)
        raise IllegalTransition(f"{complaint.ticket} cannot go from {before} to {target}",
                                code="complaint.cannot_change", ticket=complaint.ticket,
                                before=before, after=target)
    now = utcnow()
    complaint.status = target
    complaint.updated_at = now
    complaint.events.append(ComplaintEvent(at=now, from_status=before, to_status=target,
                                           note=note, actor=actor))
    record_audit(session, actor=actor, action="complaint.status", entity="complaint",
                 entity_id=complaint.ticket, before={"status": before},
                 after={"status": target, "note": note})
    announce(session, ChangeEvent("complaint", str(complaint.id), "status",
                                  detail={"ticket": complaint.ticket, "status": str(target)}))
    return complaint


# ------------------------------------------------------------ search

def upsert_agency(session: Session, *, code: str, name: str, actor: str,
                  phone: str | None = None, active: bool = True) -> Agency:
    authorize(session, Permission.SET_AGENCIES)
    code = (code or "").strip().upper()
    if not _AGENCY_CODE.match(code):
        raise InvalidInput(f"agency code {code!r} must be 2-32 letters, digits or _",
                           code="agency.bad_code", agency=code)
    name = _optional_text(name, 256, "agency name")
    if name is None:
        raise InvalidInput("an agency needs a name", code="agency.no_name")
    phone = _optional_text(phone, 64, "agency phone")
    agency = session.scalars(select(Agency).where(Agency.code == code)).one_or_none()
    before = None if agency is None else {"name": agency.name, "phone": agency.phone,
                                          "active": agency.active}
    if not active and agency is not None:
        handled = list(session.scalars(select(ComplaintCategory.code).where(
            ComplaintCategory.agency_id == agency.id).order_by(ComplaintCategory.code)))
        if handled:
            raise IllegalTransition(f"agency {code} still handles {', '.join(handled)}: "
                                    "give those categories to another agency first",
                                    code="agency.still_handles", agency=code,
                                    categories=tuple(handled))
    if agency is None:
        agency = Agency(code=code)
        session.add(agency)
    agency.name, agency.phone, agency.active = name, phone, active
    session.flush()
    record_audit(session, actor=actor, action="agency.update" if before else "agency.create",
                 entity="agency", entity_id=code, before=before,
                 after={"name": name, "phone": phone, "active": active})
    announce(session, ChangeEvent("agency", code, "updated" if before else "created"))
    return agency


def set_category_agency(session: Session, *, category_code: str, agency_code: str,
                        actor: str) -> ComplaintCategory:
    """Who handles a category from now on; tickets already open keep theirs."""
    authorize(session, Permission.SET_AGENCIES)
    category = get_category(session, category_code)
    agency = get_agency(session, agency_code)
    if not agency.active:
        raise InvalidInput(f"agency {agency.code} is inactive", code="agency.inactive",
                           agency=agency.code)
    before = category.agency.code
    if before == agency.code:
        raise InvalidInput(f"{category.code} is already handled by {agency.code}",
                           code="category.already_handled", category=category.code,
                           agency=agency.code)
    category.agency_id = agency.id
    category.agency = agency
    record_audit(session, actor=actor, action="category.agency", entity="complaint_category",
                 entity_id=category.code, before={"agency": before},
                 after={"agency": agency.code})
    announce(session, ChangeEvent("complaint_category", category.code, "updated",
                                  detail={"agency": agency.code}))
    return category


# ------------------------------------------------------------ plain data

def complaint_to_dict(complaint: Complaint, *, with_reporter: bool = False,
                      now: datetime | None = None) -> dict:
    """Stable JSON shape. The reporter's name and number appear only when
    asked for (the desk's own ticket view), under a key that says so."""
    data = {"id": complaint.id, "ticket": complaint.ticket,
            "category": complaint.category_code, "category_name": complaint.category.name_id,
            "agency": complaint.agency.code, "agency_name": complaint.agency.name,
            "status": str(complaint.status), "channel": str(complaint.channel),
            "lat": complaint.lat, "lon": complaint.lon, "address": complaint.address,
            "description": complaint.description, "call_id": complaint.call_id,
            "created_at": iso_utc(complaint.created_at), "created_by": complaint.created_by,
            "due_at": iso_utc(complaint.due_at), "updated_at": iso_utc(complaint.updated_at),
            "overdue": is_overdue(complaint, now)}
    if with_reporter:
        data["reporter_private"] = {
            "name": complaint.reporter_name, "phone": complaint.reporter_phone,
            "phone_display": format_for_display(complaint.reporter_phone),
            "note": "private: never read on air, never in a bulletin or export"}
    return data

