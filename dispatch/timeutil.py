"""Times are stored in UTC and shown in WITA (Asia/Makassar, UTC+8)."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one we store is UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def to_wita(moment: datetime | None) -> datetime | None:
    moment = as_utc(moment)
    return None if moment is None else moment.astimezone(WITA)


def format_wita(moment: datetime | None, with_date: bool = True) -> str:
    local = to_wita(moment)
    if local is None:
        return ""
    pattern = "%Y-%m-%d %H:%M:%S WITA" if with_date else "%H:%M:%S WITA"
    return local.strftime(pattern)


def iso_utc(moment: datetime | None) -> str | None:
    """Stable text form for JSON output: ISO 8601 with an explicit offset."""
    moment = as_utc(moment)
    return None if moment is None else moment.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time from the command line; naive means WITA,
    because that is the clock on the call-centre wall."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WITA)
    return moment.astimezone(timezone.utc)
