"""SQL pieces the statistics share, written once for SQLite and PostgreSQL.

Durations are whole milliseconds computed in SQL; percentiles come from a
histogram the database groups (one row per duration bucket), read with the
nearest-rank rule in Python. Both backends therefore give the same figures,
and no call or incident row ever reaches Python.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

from sqlalchemy import Integer, cast, func, literal
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

WITA_HOURS = 8  # Asia/Makassar has no daylight saving: always UTC+8


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def duration_ms(session: Session, later, earlier) -> ColumnElement:
    """`later - earlier` in whole milliseconds (both stored as naive UTC)."""
    if dialect_of(session) == "sqlite":
        # julianday is a double: about 40 µs of precision today, far below 1 ms.
        days = func.julianday(later) - func.julianday(earlier)
        return cast(func.round(days * 86_400_000.0), Integer)
    return cast(func.round(func.extract("epoch", later - earlier) * 1000.0), Integer)


def bucket_of(duration: ColumnElement, width_ms: int) -> ColumnElement:
    """The duration rounded UP to a whole number of `width_ms`: bucket b holds
    ((b-1)·width, b·width], so "within 15 s" is exactly the buckets ≤ 15 s."""
    # Integer division truncates toward zero on both backends; a negative
    # duration (a clock stepped back) lands in bucket 0 (see Histogram).
    return (duration + literal(width_ms - 1)) // literal(width_ms)


def wita_hour(session: Session, column) -> ColumnElement:
    """The hour of the WITA day (0-23) of a stored UTC time."""
    if dialect_of(session) == "sqlite":
        return cast(func.strftime("%H", column, f"+{WITA_HOURS} hours"), Integer)
    return cast(func.extract("hour", column + func.make_interval(0, 0, 0, 0, WITA_HOURS)),
                Integer)


class Histogram:
    """Counts per bucket (bucket b covers durations in ((b-1)·width, b·width])."""

    def __init__(self, rows: Iterable[tuple[int, int]], width_ms: int) -> None:
        self.width_ms = width_ms
        # A clock stepping back can make a negative duration: count it as 0.
        merged: dict[int, int] = {}
        for bucket, count in rows:
            if bucket is None:
                continue
            key = max(int(bucket), 0)
            merged[key] = merged.get(key, 0) + int(count)
        self.buckets = sorted(merged.items())
        self.total = sum(count for _, count in self.buckets)

    def percentile_s(self, share: float) -> float | None:
        """Nearest rank: the smallest bucket holding ⌈share·n⌉ durations, as
        seconds (its upper edge). None when there is nothing to measure."""
        if not self.total:
            return None
        rank = max(1, math.ceil(share * self.total - 1e-9))
        seen = 0
        for bucket, count in self.buckets:
            seen += count
            if seen >= rank:
                return round(bucket * self.width_ms / 1000.0, 3)
        return None  # unreachable: seen ends at total

    def share_within(self, limit_ms: int) -> float | None:
        """The share of durations ≤ limit_ms (limit a multiple of the width)."""
        if not self.total:
            return None
        inside = sum(count for bucket, count in self.buckets
                     if bucket * self.width_ms <= limit_ms)
        return inside / self.total
