"""Finding complaint tickets while the caller waits: by ticket number, by
caller number, by category, agency, status and date, and by words of the
description or address (a word index, since LIKE '%word%' over 100,000
tickets is too slow), newest first."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, false, func, not_, select
from sqlalchemy.orm import Session, aliased, joinedload

from dispatch.complaints import (
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
from dispatch.paging import DEFAULT_LIMIT, Page, check_before, check_limit, stream_newest
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


def _word_plans(session: Session, words: set[str], limit: int,
                before: int | None = None) -> list[tuple[list, object]]:
    """Ways into a text search, to try in order: (conditions, window). A
    plan with a window only looks at tickets with an id from it on, and
    stands only if it fills the limit; the last plan always stands.

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
    last = looked_up if counts[rarest] <= _LOOKUP_MAX else checked
    if limit is None:
        return [(last, None)]  # every match: no window can stand
    # Twice the newest tickets that, at this word's rate, hold `limit` hits.
    window = 2 * limit * (session.scalar(select(func.max(Complaint.id))) or 0) // counts[rarest]
    newest = select(Complaint.id).order_by(Complaint.id.desc())
    if before is not None:
        newest = newest.where(Complaint.id < before)
    since = session.scalar(newest.offset(window).limit(1))
    return [(checked, since), (last, None)] if since is not None else [(checked, None)]


def _as_statuses(status) -> list[ComplaintStatus]:
    values = [status] if isinstance(status, (str, ComplaintStatus)) else list(status)
    return [ComplaintStatus.parse(s) if isinstance(s, str) else s for s in values]


def _filter_conditions(session: Session, *, ticket: str | None,
                       caller_number: str | None, category: str | None, agency: str | None,
                       status, date_from, date_to, text: str | None, overdue: bool | None,
                       now: datetime | None) -> tuple[list, set[str]] | None:
    """The conditions of every filter but the words, and the words to
    search; None when nothing can match."""
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
    words = search_words(text)
    if text and not words:
        return None  # only stop words, single letters or stray digits: nothing can match
    return conditions, words


def search_complaints(session: Session, *, ticket: str | None = None,
                      caller_number: str | None = None, category: str | None = None,
                      agency: str | None = None,
                      status: ComplaintStatus | str | Iterable | None = None,
                      date_from: date | datetime | None = None,
                      date_to: date | datetime | None = None, text: str | None = None,
                      overdue: bool | None = None, limit: int = 200,
                      now: datetime | None = None, before: int | None = None) -> list[Complaint]:
    """Tickets matching every filter given, newest first (by id, the order
    they were opened), at most `limit`, with an id below `before` if given.

    `text` is the desk's one search box: a ticket number or a phone number
    typed there searches by that; anything else must match the start of
    words in the description or address, every word typed (words of one
    letter and a few such as "di", "dan", "yang" are not searchable).
    """
    return _search(session, limit=check_limit(limit), before=check_before(before),
                   filters=dict(ticket=ticket, caller_number=caller_number, category=category,
                                agency=agency, status=status, date_from=date_from,
                                date_to=date_to, text=text, overdue=overdue, now=now))


def complaints_page(session: Session, *, limit: int = DEFAULT_LIMIT, before: int | None = None,
                    **filters) -> Page[Complaint]:
    """One page of search_complaints (its filters), and where the next begins."""
    limit = check_limit(limit)
    rows = _search(session, limit=limit + 1, before=check_before(before), filters=filters)
    return Page(rows[:limit], rows[limit - 1].id if len(rows) > limit else None)


def stream_complaints(session: Session, *, before: int | None = None,
                      **filters) -> Iterator[Complaint]:
    """Every ticket search_complaints (its filters) would find, newest
    first, in constant memory (dispatch/paging.py)."""
    found = _filter_conditions(session, **_with_defaults(filters))
    if found is None:
        return iter(())
    conditions, words = found
    (word_conditions, _window), = _word_plans(session, words, None)
    query = (select(Complaint).where(*conditions, *word_conditions)
             .options(joinedload(Complaint.category), joinedload(Complaint.agency)))
    return stream_newest(session, query, Complaint.id, before=before)


_FILTERS = ("ticket", "caller_number", "category", "agency", "status", "date_from", "date_to",
            "text", "overdue", "now")


def _with_defaults(filters: dict) -> dict:
    unknown = set(filters) - set(_FILTERS)
    if unknown:
        raise TypeError(f"unknown complaint filters: {', '.join(sorted(unknown))}")
    return {name: filters.get(name) for name in _FILTERS}


def _search(session: Session, *, limit: int, before: int | None,
            filters: dict) -> list[Complaint]:
    found = _filter_conditions(session, **_with_defaults(filters))
    if found is None:
        return []
    conditions, words = found
    if before is not None:
        conditions.append(Complaint.id < before)
    # Ids first, from the indexes where they can; then only those rows: the
    # sort then needs no full row per match.
    for word_conditions, since in _word_plans(session, words, limit, before):
        window = [] if since is None else [Complaint.id >= since]
        ids = list(session.scalars(select(Complaint.id)
                                   .where(*conditions, *word_conditions, *window)
                                   .order_by(Complaint.id.desc()).limit(limit)))
        if since is None or len(ids) == limit:
            break
    if not ids:
        return []
    return list(session.scalars(select(Complaint).where(Complaint.id.in_(ids))
                                .options(joinedload(Complaint.category),
                                         joinedload(Complaint.agency))
                                .order_by(Complaint.id.desc())))


# ------------------------------------------------------------ agencies
