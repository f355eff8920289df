"""Finding complaint tickets while the caller waits: by ticket number, by
caller number, by category, agency, status and date, and by words of the
description or address (a word index, since LIKE '%word%' over 100,000
tickets is too slow), newest first."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, false, func, not_, select
from sqlalchemy.orm import Session, aliased, joinedload

from dispatch.complaints import (
    MAX_LIMIT,
    OPEN_STATES,
    _reporter_number,
    get_agency,
    get_category,
    parse_ticket,
    search_words,
)
from dispatch.enums import ComplaintStatus
from dispatch.errors import InvalidInput
from dispatch.models import Complaint, ComplaintWord
from dispatch.phone import normalise_number
from dispatch.timeutil import WITA, utcnow

# Text search (see _word_plans): a word on at most this many tickets is
# looked up outright; past the larger one, looking it up is never the fast way.
_LOOKUP_ALWAYS, _LOOKUP_MAX = 2_000, 20_000


def _created_between(date_from: date | datetime | None, date_to: date | datetime | None) -> list:
    """A date is a WITA calendar day, and date_to includes all of its day."""
    conditions = []
    for value, is_end in ((date_from, False), (date_to, True)):
        if value is None:
            continue
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise InvalidInput("search times must carry a time zone", code="time.no_zone")
            conditions.append(Complaint.created_at <= value if is_end
                              else Complaint.created_at >= value)
            continue
        start = datetime.combine(value, time.min, tzinfo=WITA)
        conditions.append(Complaint.created_at < start + timedelta(days=1) if is_end
                          else Complaint.created_at >= start)
    return conditions


def _word_range(word: str, table=ComplaintWord) -> list:
    # Everything starting with `word` sorts in [word, word with its last
    # character bumped) in binary order, which the word column is in.
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return [table.word >= word, table.word < upper]


def _word_plans(session: Session, words: set[str], limit: int) -> list[tuple[list, object]]:
    """Ways into a text search, to try in order: (conditions, window). A
    plan with a window only looks at tickets created since it, and stands
    only if it fills the limit; the last plan always stands.

    Looking up every ticket of the rarest word costs its number of tickets;
    reading the newest tickets and checking each one for the words stops
    after `limit` hits, which comes soon for common words and never for a
    rare combination of them; so common words get a bounded look at the
    newest tickets first. Each count stops at the rarest count so far."""
    if not words:
        return [([], None)]
    counts: dict[str, int] = {}
    bound = _LOOKUP_MAX
    for word in sorted(words, key=lambda w: (-len(w), w)):  # long words tend to be rare
        counts[word] = session.scalar(select(func.count()).select_from(
            select(ComplaintWord.complaint_id).where(*_word_range(word))
            .limit(bound + 1).subquery()))
        bound = min(bound, counts[word])
    rarest = min(sorted(counts), key=counts.__getitem__)
    if counts[rarest] == 0:
        return [([false()], None)]
    others = sorted(words - {rarest})
    checked = [exists().where(ComplaintWord.complaint_id == Complaint.id, *_word_range(word))
               for word in [rarest, *others]]
    # The other words are checked in the word index too, so that only
    # tickets holding every word are read from the complaints table.
    other = aliased(ComplaintWord)
    looked_up = [Complaint.id.in_(select(ComplaintWord.complaint_id).where(
        *_word_range(rarest), *[exists().where(other.complaint_id == ComplaintWord.complaint_id,
                                                *_word_range(word, other)) for word in others]))]
    if counts[rarest] <= _LOOKUP_ALWAYS:
        return [(looked_up, None)]
    # Twice the newest tickets that, at this word's rate, hold `limit` hits.
    window = 2 * limit * (session.scalar(select(func.max(Complaint.id))) or 0) // counts[rarest]
    since = session.scalar(select(Complaint.created_at).order_by(Complaint.created_at.desc())
                           .offset(window).limit(1))
    last = looked_up if counts[rarest] <= _LOOKUP_MAX else checked
    return [(checked, since), (last, None)] if since is not None else [(checked, None)]


def _as_statuses(status) -> list[ComplaintStatus]:
    values = [status] if isinstance(status, (str, ComplaintStatus)) else list(status)
    return [ComplaintStatus.parse(s) if isinstance(s, str) else s for s in values]


def search_complaints(session: Session, *, ticket: str | None = None,
                      caller_number: str | None = None, category: str | None = None,
                      agency: str | None = None,
                      status: ComplaintStatus | str | Iterable | None = None,
                      date_from: date | datetime | None = None,
                      date_to: date | datetime | None = None, text: str | None = None,
                      overdue: bool | None = None, limit: int = 200,
                      now: datetime | None = None) -> list[Complaint]:
    """Tickets matching every filter given, newest first.

    `text` is the desk's one search box: a ticket number or a phone number
    typed there searches by that; anything else must match the start of
    words in the description or address, every word typed (words of one
    letter and a few such as "di", "dan", "yang" are not searchable).
    """
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be from 1 to {MAX_LIMIT}", code="search.bad_limit",
                           limit=limit, most=MAX_LIMIT)
    conditions = []
    text = (text or "").strip()
    if text and parse_ticket(text) is not None and ticket is None:
        ticket, text = text, ""
    if text and re.fullmatch(r"[\d\s+\-().]+", text) and normalise_number(text).e164:
        caller_number = caller_number or text
        text = ""
    if ticket is not None:
        parsed = parse_ticket(ticket)
        if parsed is None:
            raise InvalidInput(f"{ticket!r} is not a ticket number (like HD-2026-000123)",
                               code="complaint.bad_ticket", ticket=ticket)
        conditions += [Complaint.year == parsed[0], Complaint.sequence == parsed[1]]
    if caller_number is not None:
        conditions.append(Complaint.reporter_phone == _reporter_number(caller_number))
    if category is not None:
        conditions.append(Complaint.category_code == get_category(session, category).code)
    if agency is not None:
        conditions.append(Complaint.agency_id == get_agency(session, agency).id)
    if status is not None:
        conditions.append(Complaint.status.in_(_as_statuses(status)))
    conditions += _created_between(date_from, date_to)
    if overdue is not None:
        late = and_(Complaint.status.in_(OPEN_STATES), Complaint.due_at < (now or utcnow()))
        conditions.append(late if overdue else not_(late))
    newest_first = (Complaint.created_at.desc(), Complaint.id.desc())
    # Ids first, from the indexes where they can; then only those rows: the
    # sort by creation time then needs no full row per match.
    words = search_words(text)
    if text and not words:
        return []  # only stop words, single letters or stray digits: nothing can match
    for word_conditions, since in _word_plans(session, words, limit):
        window = [] if since is None else [Complaint.created_at >= since]
        ids = list(session.scalars(select(Complaint.id)
                                   .where(*conditions, *word_conditions, *window)
                                   .order_by(*newest_first).limit(limit)))
        if since is None or len(ids) == limit:
            break
    if not ids:
        return []
    return list(session.scalars(select(Complaint).where(Complaint.id.in_(ids))
                                .options(joinedload(Complaint.category),
                                         joinedload(Complaint.agency))
                                .order_by(*newest_first)))


# ------------------------------------------------------------ agencies
