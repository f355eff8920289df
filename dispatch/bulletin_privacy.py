"""The one privacy rule for everything that can reach the air or an export.

A bulletin's title, its reading texts, the RadioText made from the title and
every text of the newspaper exports pass the same rule: phone-like numbers,
the reporter's name and number (for a reading text: its own ticket's
reporter; for a title: every reporter in the bulletin) and every name the
supervisor lists as private (`private_names`) become a mark that says
something was hidden. The marks are kept when a text is scrubbed again, so
scrubbing is idempotent and every output can scrub once more on its way out.

The list of private names is itself personal data: it is never logged, and
its audit entries name the row, not the name.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from dispatch.audit import record_audit
from dispatch.errors import InvalidInput, NotFound
from dispatch.models import Bulletin, Complaint, PrivateName
from dispatch.permissions import Permission, authorize
from dispatch.phone import normalise_number
from dispatch.timeutil import iso_utc, utcnow

HIDDEN_NAME = "(nama dirahasiakan)"
HIDDEN_NUMBER = "(nomor dirahasiakan)"
# Parts of a name shorter than this are not hunted for on their own: the
# Balinese "I" and "Ni" in front of a name would hide every "i" and "ni".
MIN_NAME_PART = 3
MIN_PRIVATE_NAME = 3  # letters or digits; fewer would hide half the language
MAX_PRIVATE_NAME = 128  # the column's width

# Six digits or more, however spaced or punctuated, is treated as a phone
# number: a Denpasar landline without its area code has six. A date written
# 23-11-2026 is scrubbed too; that is the safe side of the mistake.
_PHONE_LIKE = re.compile(r"\+?\d(?:[\s\-./()\u2010-\u2015\u00b7]*\d){5,}")
_REPEATED_MARK = re.compile(r"(\((?:nama|nomor) dirahasiakan\))(?:[\s,]*\1)+")


# ------------------------------------------------------------ the rule

@dataclass(frozen=True)
class PrivacyRule:
    """Whose names and numbers a text must not carry; numbers that merely
    look like phone numbers go whoever they belong to."""
    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    def scrub(self, text: str | None) -> str:
        """The text with every private name and number replaced by a mark."""
        def hide(match: re.Match) -> str:
            if match.group("kept"):
                return match.group(0)
            return HIDDEN_NUMBER if match.group("number") else HIDDEN_NAME
        scrubbed = _pattern(_name_key(self.names)).sub(hide, text or "")
        if self._holds_number(scrubbed):
            # A spelling no rule foresaw: every digit goes, house numbers too.
            scrubbed = re.sub(r"\d", "", scrubbed)
        return _REPEATED_MARK.sub(r"\1", scrubbed)

    def finds_private(self, text: str | None) -> bool:
        pattern = _pattern(_name_key(self.names))
        return (any(not match.group("kept") for match in pattern.finditer(text or ""))
                or self._holds_number(text or ""))

    def _holds_number(self, text: str) -> bool:
        """A known number spelt in a way the six-digit rule misses, such as
        "0812/3456 ext 7890" with letters between the groups."""
        digits = None
        for phone in self.phones:
            e164 = normalise_number(phone).e164 if phone else None
            if not e164:
                continue
            digits = re.sub(r"\D", "", text) if digits is None else digits
            if (e164[3:] if e164.startswith("+62") else e164[1:]) in digits:
                return True
        return False


def scrub_private(text: str | None, *, reporter_name: str | None = None,
                  reporter_phone: str | None = None, private_names: Iterable[str] = ()) -> str:
    """The text without phone numbers, the reporter's name and the listed names."""
    return PrivacyRule(names=(reporter_name or "", *private_names),
                       phones=(reporter_phone or "",)).scrub(text)


def _name_key(names: Iterable[str]) -> tuple[str, ...]:
    # One cache entry per set of names, whatever their order or case (lower(),
    # not casefold(): "ß" must stay "ß" for IGNORECASE to find it).
    return tuple(sorted({" ".join(name.split()).lower() for name in names if name}))


@lru_cache(maxsize=256)
def _pattern(names: tuple[str, ...]) -> re.Pattern:
    # The marks already put in are matched first and kept, so scrubbing a
    # scrubbed text changes nothing, whatever anyone is called.
    alternatives = [rf"(?P<kept>{re.escape(HIDDEN_NAME)}|{re.escape(HIDDEN_NUMBER)})",
                    rf"(?P<number>{_PHONE_LIKE.pattern})"]
    whole, parts = set(), set()
    for name in names:
        words = re.findall(r"\w+", name)
        # The full name first, then each part long enough to be a name.
        if len(words) > 1:
            whole.add(r"\s+".join(map(re.escape, words)))
        parts.update(re.escape(word) for word in words if len(word) >= MIN_NAME_PART)
    # Longest first: an alternation takes the first that matches, not the longest.
    found = sorted(whole, key=len, reverse=True) + sorted(parts, key=len, reverse=True)
    if found:
        alternatives.append(rf"(?<!\w)(?:{'|'.join(found)})(?!\w)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


# ------------------------------------------------------------ whose rule

def listed_names(session: Session | None) -> tuple[str, ...]:
    """The names the supervisor lists as private (none without a session)."""
    if session is None:
        return ()
    with session.no_autoflush:  # a read for a rule must not write half-made rows
        return tuple(session.scalars(select(PrivateName.name).order_by(PrivateName.id)))


def complaint_rule(complaint: Complaint, listed: tuple[str, ...] | None = None) -> PrivacyRule:
    """For a ticket's reading text: its reporter and the listed names."""
    if listed is None:
        listed = listed_names(object_session(complaint))
    return PrivacyRule(names=(complaint.reporter_name or "", *listed),
                       phones=(complaint.reporter_phone or "",))


def reporters_rule(complaints: Iterable[Complaint], listed: tuple[str, ...]) -> PrivacyRule:
    """For a title: every reporter of the bulletin's tickets and the listed names."""
    complaints = list(complaints)
    return PrivacyRule(names=(*(c.reporter_name or "" for c in complaints), *listed),
                       phones=tuple(c.reporter_phone or "" for c in complaints))


@dataclass(frozen=True)
class AirTexts:
    """A bulletin's texts as they may go on air, scrubbed with today's rule
    (a name listed after the text was written goes too)."""
    title: str
    reading_texts: dict[int, str]  # by BulletinItem.id


def air_texts(bulletin: Bulletin) -> AirTexts:
    listed = listed_names(object_session(bulletin))
    complaints = [item.complaint for item in bulletin.items]
    return AirTexts(
        title=reporters_rule(complaints, listed).scrub(bulletin.title),
        reading_texts={item.id: complaint_rule(item.complaint, listed).scrub(item.reading_text)
                       for item in bulletin.items})


# ------------------------------------------------------------ private names

def _tidy_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if len(re.sub(r"\W", "", name)) < MIN_PRIVATE_NAME:
        # The name itself stays out of the message: refusals reach the log.
        raise InvalidInput(f"a private name needs at least {MIN_PRIVATE_NAME} letters",
                           code="privacy.name_too_short", minimum=MIN_PRIVATE_NAME)
    if len(name) > MAX_PRIVATE_NAME:
        raise InvalidInput(f"private name is longer than {MAX_PRIVATE_NAME} characters",
                           code="text.too_long", what="private name", limit=MAX_PRIVATE_NAME)
    return name


def _listed(session: Session, name: str) -> PrivateName | None:
    # Compared in Python: SQLite's lower() knows only ASCII letters.
    wanted = name.casefold()
    return next((row for row in session.scalars(select(PrivateName))
                 if row.name.casefold() == wanted), None)


def list_private_names(session: Session) -> list[PrivateName]:
    authorize(session, Permission.EDIT_OPERATORS)
    return list(session.scalars(select(PrivateName).order_by(PrivateName.name)))


def add_private_name(session: Session, *, name: str, actor: str) -> PrivateName:
    """Lists a name as private: from now on no title, reading text, RadioText
    or export carries it, nor may an edit put it back."""
    authorize(session, Permission.EDIT_OPERATORS)
    name = _tidy_name(name)
    if _listed(session, name) is not None:
        raise InvalidInput("that name is already listed as private",
                           code="privacy.name_already_listed")
    row = PrivateName(name=name, added_at=utcnow(), added_by=actor)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # another desk listed the same spelling a moment ago
        raise InvalidInput("that name is already listed as private",
                           code="privacy.name_already_listed") from None
    # The audit names the row, never the name: the trail is read and kept
    # more widely than the list itself.
    record_audit(session, actor=actor, action="privacy.name_added", entity="private_name",
                 entity_id=row.id)
    return row


def remove_private_name(session: Session, *, name: str, actor: str) -> None:
    authorize(session, Permission.EDIT_OPERATORS)
    row = _listed(session, " ".join((name or "").split()))
    if row is None:
        raise NotFound("that name is not listed as private", code="privacy.name_not_listed")
    session.delete(row)
    record_audit(session, actor=actor, action="privacy.name_removed", entity="private_name",
                 entity_id=row.id)


def private_name_to_dict(row: PrivateName) -> dict:
    return {"id": row.id, "name": row.name, "added_at": iso_utc(row.added_at),
            "added_by": row.added_by}
