"""Bulletins: complaints and their handling, read on air on RPKD 91.45 FM.

Radio staff pick tickets (new ones, and ones whose handling changed since
the last bulletin), order them and edit the reading text the desk drafts in
Bahasa Indonesia. A reporter's name and number, and the names the
supervisor lists as private, never reach a bulletin (the rule is
dispatch/bulletin_privacy.py): the draft leaves them out, scrubs them (and
anything that looks like a phone number) from the description and notes it
quotes, and an edit that puts them back is refused. A title is stored
scrubbed, so not even the audit keeps what was hidden from it.

A bulletin can be edited until it first goes on air; what was read stays as
it was read. Every reading is logged (start, end, reader, which tickets) by
`start_reading` / `end_reading`, which the reading view and radio/ call.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from dispatch.audit import record_audit
from dispatch.bulletin_privacy import air_texts, complaint_rule, listed_names, reporters_rule
from dispatch.complaints import get_complaint
from dispatch.enums import BulletinStatus, ComplaintStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.geo import haversine_m
from dispatch.models import Bulletin, BulletinItem, Complaint, GazetteerPlace, OnAirReading
from dispatch.permissions import Permission, authorize
from dispatch.timeutil import iso_utc, utcnow

# close: the desk was closed mid-reading (the relay is forced off as it closes);
# fault: the relay failed, or a desk died mid-air and the next start found it.
END_REASONS = ("off_air", "timeout", "fault", "close")
MAX_TITLE = 256
MAX_READING_TEXT = 2000
MAX_QUOTED_DESCRIPTION = 220
NEAR_PLACE_M = 1500
# ------------------------------------------------------------ drafting

def _sentence(text: str) -> str:
    text = text.strip().rstrip(" .;,")
    return text + "." if text else ""


def _lower_first(text: str) -> str:
    # "Petugas ..." reads on after a colon, "PLN ..." keeps its capitals.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _place(complaint: Complaint) -> str:
    address = " ".join((complaint.address or "").split())
    if address:
        spoken_as_place = address.lower().startswith(("di ", "depan ", "dekat "))
        return address if spoken_as_place else f"di {address}"
    session = object_session(complaint)
    if session is not None and complaint.lat is not None:
        nearest = min(((haversine_m(complaint.lat, complaint.lon, p.lat, p.lon), p.name)
                       for p in session.scalars(select(GazetteerPlace).where(
                           GazetteerPlace.kind != "kecamatan"))), default=None)
        if nearest is not None and nearest[0] <= NEAR_PLACE_M:
            return f"di sekitar {nearest[1]}"
    return "di wilayah Kota Denpasar"


def _handling(complaint: Complaint) -> str:
    agency = complaint.agency.name
    latest = next((e for e in reversed(complaint.events) if e.to_status == complaint.status), None)
    note = _lower_first(_sentence(latest.note if latest and latest.from_status else ""))
    tail = f": {note}" if note else "."
    if complaint.status == ComplaintStatus.RECEIVED:
        return f"Laporan telah diterima dan akan diteruskan ke {agency}."
    if complaint.status == ComplaintStatus.FORWARDED:
        return f"Laporan telah diteruskan ke {agency}{tail}"
    if complaint.status == ComplaintStatus.IN_PROGRESS:
        return f"Laporan telah diteruskan ke {agency}, dan saat ini sedang ditangani{tail}"
    if complaint.status == ComplaintStatus.RESOLVED:
        return f"Laporan telah ditangani oleh {agency} dan dinyatakan selesai{tail}"
    forwarded = any(e.to_status == ComplaintStatus.FORWARDED for e in complaint.events)
    who = f" oleh {agency}" if forwarded else ""
    return f"Laporan tidak dapat ditindaklanjuti{who}{tail}"


def draft_reading_text(complaint: Complaint) -> str:
    """What the presenter reads for one ticket: place, problem, agency, what
    was done. Never the reporter's name or number, nor a listed private name."""
    category = complaint.category.name_id
    problem = category[0].lower() + category[1:] if category[1:2].islower() else category
    rule = complaint_rule(complaint)
    sentences = [f"Warga melaporkan {problem} {_place(complaint)}."]
    # Scrubbed before it is cut short, so no half name or number survives the cut.
    detail = _trim(rule.scrub(complaint.description), MAX_QUOTED_DESCRIPTION)
    if detail:
        sentences.append(f"Keterangan pelapor: {_sentence(detail)}")
    sentences.append(_handling(complaint))
    return rule.scrub(" ".join(sentences))


# ------------------------------------------------------------ bulletins

def get_bulletin(session: Session, bulletin_id: int) -> Bulletin:
    bulletin = session.get(Bulletin, bulletin_id)
    if bulletin is None:
        raise NotFound(f"no bulletin {bulletin_id}", code="bulletin.not_found",
                       bulletin=bulletin_id)
    return bulletin


def list_bulletins(session: Session, *, limit: int = 50) -> list[Bulletin]:
    return list(session.scalars(select(Bulletin).order_by(Bulletin.id.desc()).limit(limit)))


def candidates_for_bulletin(session: Session, since: datetime | None = None, *,
                            limit: int = 100) -> list[Complaint]:
    """New tickets and tickets whose handling changed since `since` (by
    default: since the last bulletin was made), most recent change first."""
    if since is None:
        since = session.scalar(select(func.max(Bulletin.created_at)))
    query = select(Complaint).order_by(Complaint.updated_at.desc(), Complaint.id.desc())
    if since is not None:
        query = query.where(Complaint.updated_at > since)
    return list(session.scalars(query.limit(limit)))


def _editable(session: Session, bulletin_id: int) -> Bulletin:
    bulletin = get_bulletin(session, bulletin_id)
    if bulletin.status == BulletinStatus.READ:
        raise IllegalTransition(f"bulletin {bulletin.id} has been read on air and stays as "
                                "read: make a new bulletin", code="bulletin.already_read",
                                bulletin=bulletin.id)
    return bulletin


def _renumber(session: Session, bulletin: Bulletin, items: list[BulletinItem]) -> None:
    for position, item in enumerate(items, 1):
        item.position = position
    session.flush()
    session.expire(bulletin, ["items"])  # reload in the new order


def _item(bulletin: Bulletin, complaint: Complaint) -> BulletinItem:
    for item in bulletin.items:
        if item.complaint_id == complaint.id:
            return item
    raise NotFound(f"{complaint.ticket} is not in bulletin {bulletin.id}",
                   code="bulletin.item_not_found", ticket=complaint.ticket, bulletin=bulletin.id)


def _changed(session: Session, bulletin: Bulletin, actor: str, action: str, **after) -> None:
    record_audit(session, actor=actor, action=f"bulletin.{action}", entity="bulletin",
                 entity_id=bulletin.id, after=after or None)
    announce(session, ChangeEvent("bulletin", str(bulletin.id), action))


def tidy_title(title: str | None) -> str:
    """A title as typed, in single spaces: what the desk would store if
    nothing in it were private (compare with the stored one to tell)."""
    return " ".join((title or "").split())


def create_bulletin(session: Session, *, title: str, tickets: list[str], actor: str) -> Bulletin:
    """The title is stored scrubbed (numbers, the reporters of these tickets,
    the listed names): a title goes on air as RadioText and into exports."""
    authorize(session, Permission.GO_ON_AIR)
    title = tidy_title(title)
    if not title:
        raise InvalidInput("a bulletin needs a title", code="bulletin.no_title")
    complaints = [get_complaint(session, ticket) for ticket in tickets]
    seen = set()
    for complaint in complaints:
        if complaint.id in seen:
            raise InvalidInput(f"{complaint.ticket} is listed twice", code="bulletin.listed_twice",
                               ticket=complaint.ticket)
        seen.add(complaint.id)
    title = reporters_rule(complaints, listed_names(session)).scrub(title)
    if len(title) > MAX_TITLE:  # after scrubbing: a mark is longer than most numbers
        raise InvalidInput(f"title is longer than {MAX_TITLE} characters", code="text.too_long",
                           what="title", limit=MAX_TITLE)
    bulletin = Bulletin(title=title, status=BulletinStatus.DRAFT, created_at=utcnow(),
                        created_by=actor)
    session.add(bulletin)
    for position, complaint in enumerate(complaints, 1):
        bulletin.items.append(BulletinItem(complaint=complaint, position=position,
                                           reading_text=draft_reading_text(complaint)))
    session.flush()
    _changed(session, bulletin, actor, "created", title=title,
             tickets=[c.ticket for c in complaints])
    return bulletin


def add_item(session: Session, *, bulletin_id: int, ticket: str, actor: str,
             position: int | None = None) -> BulletinItem:
    """Adds a ticket (at the end, or at a 1-based position) with a fresh draft."""
    authorize(session, Permission.GO_ON_AIR)
    bulletin = _editable(session, bulletin_id)
    complaint = get_complaint(session, ticket)
    items = list(bulletin.items)
    if any(item.complaint_id == complaint.id for item in items):
        raise InvalidInput(f"{complaint.ticket} is already in bulletin {bulletin.id}",
                           code="bulletin.already_has", ticket=complaint.ticket,
                           bulletin=bulletin.id)
    index = len(items) if position is None else _index(position, len(items) + 1)
    item = BulletinItem(complaint=complaint, position=len(items) + 1,
                        reading_text=draft_reading_text(complaint))
    bulletin.items.append(item)
    items.insert(index, item)
    # The new ticket's reporter may be named in the title: it goes from it now.
    title = reporters_rule([other.complaint for other in items],
                           listed_names(session)).scrub(bulletin.title)
    retitled = {"title": title} if title != bulletin.title else {}
    bulletin.title = title
    _renumber(session, bulletin, items)
    _changed(session, bulletin, actor, "item_added", ticket=complaint.ticket,
             position=index + 1, **retitled)
    return item


def _index(position: int, count: int) -> int:
    if not isinstance(position, int) or not 1 <= position <= count:
        raise InvalidInput(f"position must be from 1 to {count}", code="bulletin.bad_position",
                           position=position, count=count)
    return position - 1


def remove_item(session: Session, *, bulletin_id: int, ticket: str, actor: str) -> Bulletin:
    authorize(session, Permission.GO_ON_AIR)
    bulletin = _editable(session, bulletin_id)
    item = _item(bulletin, get_complaint(session, ticket))
    bulletin.items.remove(item)  # delete-orphan: the row goes
    _renumber(session, bulletin, list(bulletin.items))
    _changed(session, bulletin, actor, "item_removed", ticket=item.complaint.ticket)
    return bulletin


def move_item(session: Session, *, bulletin_id: int, ticket: str, position: int,
              actor: str) -> Bulletin:
    authorize(session, Permission.GO_ON_AIR)
    bulletin = _editable(session, bulletin_id)
    item = _item(bulletin, get_complaint(session, ticket))
    items = [other for other in bulletin.items if other is not item]
    items.insert(_index(position, len(items) + 1), item)
    _renumber(session, bulletin, items)
    _changed(session, bulletin, actor, "item_moved", ticket=item.complaint.ticket,
             position=position)
    return bulletin


def set_reading_text(session: Session, *, bulletin_id: int, ticket: str, text: str | None,
                     actor: str) -> BulletinItem:
    """The presenter's own wording; None drafts it again from the ticket."""
    authorize(session, Permission.GO_ON_AIR)
    bulletin = _editable(session, bulletin_id)
    item = _item(bulletin, get_complaint(session, ticket))
    if text is None:
        text = draft_reading_text(item.complaint)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("the reading text is empty", code="bulletin.empty_text")
    if len(text) > MAX_READING_TEXT:
        raise InvalidInput(f"the reading text is longer than {MAX_READING_TEXT} characters",
                           code="text.too_long", what="reading text", limit=MAX_READING_TEXT)
    if complaint_rule(item.complaint).finds_private(text):
        raise InvalidInput("the reading text contains a phone number, the reporter's name or "
                           "a name listed as private; none may go on air",
                           code="bulletin.private_text", ticket=item.complaint.ticket)
    item.reading_text = text
    _changed(session, bulletin, actor, "text_edited", ticket=item.complaint.ticket, text=text)
    return item


# ------------------------------------------------------------ on air

def radiotext_source(session: Session, bulletin_id: int) -> str:
    """The title for the RDS encoder (and the studio screen): scrubbed with
    today's rule, so a name listed after the bulletin was made goes too."""
    return air_texts(get_bulletin(session, bulletin_id)).title


def open_readings(session: Session) -> list[OnAirReading]:
    """Readings never ended (the desk stopped mid-air): radio/ ends them
    as faults on start-up."""
    return list(session.scalars(select(OnAirReading).where(OnAirReading.ended_at.is_(None))
                                .order_by(OnAirReading.id)))


def start_reading(session: Session, *, bulletin_id: int, reader: str) -> OnAirReading:
    authorize(session, Permission.GO_ON_AIR)
    bulletin = get_bulletin(session, bulletin_id)
    reader = (reader or "").strip()
    if not reader:
        raise InvalidInput("who is reading? the on-air log needs a name",
                           code="reading.no_reader")
    if not bulletin.items:
        raise InvalidInput(f"bulletin {bulletin.id} has nothing to read",
                           code="bulletin.nothing_to_read", bulletin=bulletin.id)
    still_on_air = open_readings(session)
    if still_on_air:
        raise IllegalTransition(f"reading {still_on_air[0].id} is still on air: end it first",
                                code="reading.still_on_air", reading=still_on_air[0].id)
    reading = OnAirReading(bulletin=bulletin, started_at=utcnow(), reader=reader,
                           complaint_ids=[item.complaint_id for item in bulletin.items])
    session.add(reading)
    bulletin.status = BulletinStatus.READ
    session.flush()
    record_audit(session, actor=reader, action="bulletin.on_air", entity="bulletin",
                 entity_id=bulletin.id, after={"reading": reading.id,
                                               "complaint_ids": reading.complaint_ids})
    announce(session, ChangeEvent("bulletin", str(bulletin.id), "on_air",
                                  detail={"reading_id": reading.id}))
    return reading


def end_reading(session: Session, *, reading_id: int, reason: str) -> OnAirReading:
    reading = session.get(OnAirReading, reading_id)
    if reading is None:
        raise NotFound(f"no on-air reading {reading_id}", code="reading.not_found",
                       reading=reading_id)
    if reason not in END_REASONS:
        raise InvalidInput(f"{reason!r} is not one of: {', '.join(END_REASONS)}",
                           code="value.not_one_of", value=reason, allowed=tuple(END_REASONS))
    if reading.ended_at is not None:
        raise IllegalTransition(f"reading {reading.id} already ended ({reading.end_reason})",
                                code="reading.already_ended", reading=reading.id,
                                reason=reading.end_reason)
    reading.ended_at, reading.end_reason = utcnow(), reason
    record_audit(session, actor=reading.reader, action="bulletin.off_air", entity="bulletin",
                 entity_id=reading.bulletin_id, after={"reading": reading.id, "reason": reason})
    announce(session, ChangeEvent("bulletin", str(reading.bulletin_id), "off_air",
                                  detail={"reading_id": reading.id, "reason": reason}))
    return reading


# ------------------------------------------------------------ history

@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # opened / status / on_air
    actor: str
    text: str
    status: str | None = None
    reading_id: int | None = None
    bulletin_id: int | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None

    def to_dict(self) -> dict:
        return {"at": iso_utc(self.at), "kind": self.kind, "actor": self.actor,
                "text": self.text, "status": self.status, "reading_id": self.reading_id,
                "bulletin_id": self.bulletin_id, "ended_at": iso_utc(self.ended_at),
                "end_reason": self.end_reason}


def complaint_history(session: Session, ticket: str) -> list[HistoryEntry]:
    """Status changes and on-air readings of one ticket, newest first."""
    complaint = get_complaint(session, ticket)
    entries = [HistoryEntry(at=e.at, kind="status" if e.from_status else "opened",
                            actor=e.actor, status=str(e.to_status),
                            text=(f"{e.from_status} → {e.to_status}: {e.note}" if e.from_status
                                  else e.note)) for e in complaint.events]
    bulletin_ids = select(BulletinItem.bulletin_id).where(BulletinItem.complaint_id == complaint.id)
    for reading in session.scalars(select(OnAirReading).where(
            OnAirReading.bulletin_id.in_(bulletin_ids))):
        if complaint.id in (reading.complaint_ids or []):
            entries.append(HistoryEntry(
                at=reading.started_at, kind="on_air", actor=reading.reader,
                text=f"read on air in bulletin {reading.bulletin_id} ({reading.bulletin.title})",
                reading_id=reading.id, bulletin_id=reading.bulletin_id,
                ended_at=reading.ended_at, end_reason=reading.end_reason))
    order = {"opened": 0, "status": 1, "on_air": 2}
    return sorted(entries, key=lambda e: (e.at, order[e.kind], e.reading_id or 0), reverse=True)


def bulletin_to_dict(bulletin: Bulletin) -> dict:
    """Stable JSON shape; no reporter data or listed name: the texts are
    given as they may go on air."""
    air = air_texts(bulletin)
    return {"id": bulletin.id, "title": air.title, "status": str(bulletin.status),
            "created_at": iso_utc(bulletin.created_at), "created_by": bulletin.created_by,
            "items": [{"position": item.position, "ticket": item.complaint.ticket,
                       "complaint_id": item.complaint_id,
                       "category": item.complaint.category_code,
                       "category_name": item.complaint.category.name_id,
                       "agency": item.complaint.agency.code,
                       "agency_name": item.complaint.agency.name,
                       "status": str(item.complaint.status),
                       "reading_text": air.reading_texts[item.id]}
                      for item in bulletin.items],
            "readings": [{"id": r.id, "reader": r.reader, "started_at": iso_utc(r.started_at),
                          "ended_at": iso_utc(r.ended_at), "end_reason": r.end_reason,
                          "complaint_ids": list(r.complaint_ids or [])}
                         for r in bulletin.readings]}
