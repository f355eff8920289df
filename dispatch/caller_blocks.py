"""Repeat prank callers: counted, flagged for the call-taker, and blocked
for a while by a supervisor.

A number with at least `prank.flag_after` prank or ghost calls in the last
`prank.window_days` days is flagged when it rings again: the call-taker
sees the mark before answering. A supervisor may block a number for 1 to
720 hours with a reason; its calls are still logged and shown, apart and
below the others, never silently dropped (what the engine does with them
is its own setting: telephony/). Lifting a block keeps its row: who lifted
it, and when.

Blocks and flags are facts about a number, which is personal data: the
audit entries name it masked (the block's own row holds it in full, as a
call's row does), and nothing here logs it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.call_types import NUISANCE_TYPES
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.events import ChangeEvent, announce
from dispatch.models import Call, CallerBlock
from dispatch.permissions import Permission, authorize
from dispatch.phone import mask_number, normalise_number
from dispatch.settings import Settings, declare
from dispatch.timeutil import format_wita, iso_utc, utcnow

PRANK_FLAG_AFTER = declare("prank.flag_after", int, 3,
                           "A ringing call is flagged when its number made at least this many "
                           "prank or ghost calls within prank.window_days")
PRANK_WINDOW_DAYS = declare("prank.window_days", int, 7,
                            "How many days back prank and ghost calls count for the flag")
MIN_HOURS, MAX_HOURS = 1, 720  # an hour to a month: a block always ends by itself
MAX_REASON = 256  # caller_blocks.reason


@dataclass(frozen=True)
class PrankPolicy:
    flag_after: int = PRANK_FLAG_AFTER.default
    window_days: int = PRANK_WINDOW_DAYS.default

    @classmethod
    def from_settings(cls, settings: Settings) -> PrankPolicy:
        # Below 1 would flag every caller, or look back nowhere.
        return cls(max(1, settings.get(PRANK_FLAG_AFTER)),
                   max(1, settings.get(PRANK_WINDOW_DAYS)))

    def since(self, now: datetime) -> datetime:
        return now - timedelta(days=self.window_days)

    def flags(self, count: int) -> bool:
        return count >= self.flag_after


# ------------------------------------------------------------ counting

def nuisance_counts(session: Session, numbers: Iterable[str], *,
                    since: datetime | None = None) -> dict[str, int]:
    """Prank and ghost calls per E.164 number (since `since`, else ever),
    in one grouped query on the (caller_number, started_at) index; numbers
    with none are left out."""
    wanted = sorted({number for number in numbers if number})
    if not wanted:
        return {}
    query = (select(Call.caller_number, func.count())
             .where(Call.caller_number.in_(wanted), Call.classification.in_(NUISANCE_TYPES))
             .group_by(Call.caller_number))
    if since is not None:
        query = query.where(Call.started_at >= since)
    return {number: count for number, count in session.execute(query)}


def nuisance_count(session: Session, number: str, *, since: datetime | None = None) -> int:
    e164 = _e164(number)
    return nuisance_counts(session, [e164], since=since).get(e164, 0)


def flagged_numbers(session: Session, numbers: Iterable[str], *, policy: PrankPolicy,
                    now: datetime | None = None) -> dict[str, int]:
    """The numbers among `numbers` the policy flags, with their count in its window."""
    counts = nuisance_counts(session, numbers, since=policy.since(now or utcnow()))
    return {number: count for number, count in counts.items() if policy.flags(count)}


# ------------------------------------------------------------ blocking

def _active(now: datetime):
    return (CallerBlock.lifted_at.is_(None), CallerBlock.blocked_at <= now,
            CallerBlock.blocked_until > now)


def active_blocks(session: Session, now: datetime | None = None) -> list[CallerBlock]:
    """The blocks in force at `now`, the one ending first at the top."""
    query = (select(CallerBlock).where(*_active(now or utcnow()))
             .order_by(CallerBlock.blocked_until, CallerBlock.id))
    return list(session.scalars(query))


def block_of(session: Session, number: str | None, now: datetime | None = None
             ) -> CallerBlock | None:
    """The block in force on this number at `now`, if any (a withheld or
    unparseable number is never blocked: there is nothing to match)."""
    e164 = normalise_number(number).e164 if number else None
    if e164 is None:
        return None
    query = (select(CallerBlock).where(CallerBlock.number == e164, *_active(now or utcnow()))
             .order_by(CallerBlock.blocked_until.desc()).limit(1))
    return session.scalar(query)


def blocked_numbers(session: Session, numbers: Iterable[str], now: datetime | None = None
                    ) -> dict[str, datetime]:
    """Which of these E.164 numbers are blocked at `now`, and until when."""
    wanted = sorted({number for number in numbers if number})
    if not wanted:
        return {}
    query = (select(CallerBlock.number, func.max(CallerBlock.blocked_until))
             .where(CallerBlock.number.in_(wanted), *_active(now or utcnow()))
             .group_by(CallerBlock.number))
    return {number: until for number, until in session.execute(query)}


def list_blocks(session: Session, *, include_ended: bool = False,
                now: datetime | None = None) -> list[CallerBlock]:
    """Blocks in force, or (include_ended) every block ever made, newest first."""
    if not include_ended:
        return active_blocks(session, now)
    return list(session.scalars(select(CallerBlock).order_by(CallerBlock.blocked_at.desc(),
                                                             CallerBlock.id.desc())))


def block_number(session: Session, *, number: str, hours: int, reason: str, actor: str,
                 now: datetime | None = None) -> CallerBlock:
    authorize(session, Permission.BLOCK_CALLERS)
    e164 = _e164(number)
    if isinstance(hours, bool) or not isinstance(hours, int) or not (
            MIN_HOURS <= hours <= MAX_HOURS):
        raise InvalidInput(f"a block lasts {MIN_HOURS} to {MAX_HOURS} hours, not {hours}",
                           code="block.bad_hours", hours=hours, minimum=MIN_HOURS,
                           maximum=MAX_HOURS)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("say why the number is blocked (--reason)",
                           code="block.reason_required")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"the reason is longer than {MAX_REASON} characters",
                           code="text.too_long", what="reason", limit=MAX_REASON)
    now = now or utcnow()
    existing = block_of(session, e164, now)
    if existing is not None:
        raise IllegalTransition(
            f"{mask_number(e164)} is already blocked until {format_wita(existing.blocked_until)}: "
            "lift that block first", code="block.already_active",
            number=mask_number(e164), until=format_wita(existing.blocked_until))
    block = CallerBlock(number=e164, reason=reason, blocked_at=now,
                        blocked_until=now + timedelta(hours=hours), blocked_by=actor)
    session.add(block)
    session.flush()
    record_audit(session, actor=actor, action="caller.block", entity="caller_block",
                 entity_id=block.id,
                 after={"number": mask_number(e164), "hours": hours,
                        "until": iso_utc(block.blocked_until), "reason": reason})
    announce(session, ChangeEvent("caller_block", str(block.id), "blocked"))
    return block


def unblock_number(session: Session, *, number: str, actor: str,
                   now: datetime | None = None) -> CallerBlock:
    """Lift the block in force on this number, before its time."""
    authorize(session, Permission.BLOCK_CALLERS)
    e164 = _e164(number)
    now = now or utcnow()
    block = block_of(session, e164, now)
    if block is None:
        raise NotFound(f"{mask_number(e164)} is not blocked", code="block.not_active",
                       number=mask_number(e164))
    block.lifted_at = now
    block.lifted_by = actor
    session.flush()
    record_audit(session, actor=actor, action="caller.unblock", entity="caller_block",
                 entity_id=block.id, before={"until": iso_utc(block.blocked_until)},
                 after={"number": mask_number(e164), "lifted_at": iso_utc(now)})
    announce(session, ChangeEvent("caller_block", str(block.id), "lifted"))
    return block


def describe_block(block: CallerBlock, now: datetime | None = None) -> dict:
    """Stable JSON shape of a block, for `safedesk callers list`: for the
    supervisor, so the number is in full (never log this)."""
    now = now or utcnow()
    active = block.lifted_at is None and block.blocked_at <= now < block.blocked_until
    return {"id": block.id, "number": block.number, "reason": block.reason,
            "blocked_at": iso_utc(block.blocked_at), "blocked_until": iso_utc(block.blocked_until),
            "blocked_by": block.blocked_by, "lifted_at": iso_utc(block.lifted_at),
            "lifted_by": block.lifted_by, "active": active}


def _e164(number: str) -> str:
    e164 = normalise_number(number).e164
    if e164 is None:
        raise InvalidInput(f"{mask_number(number)} is not a phone number",
                           code="phone.not_a_number", number=mask_number(number))
    return e164
