"""The desk's tables, as SQLAlchemy 2 typed ORM classes.

The schema is owned by Alembic (dispatch/migrations); a change here needs a
new revision. Every time column is UTC (UtcDateTime), shown in WITA by the UI.
"""
from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from dispatch.enums import (
    BulletinStatus,
    CallbackState,
    CallDirection,
    CallStatus,
    CallType,
    ComplaintChannel,
    ComplaintStatus,
    IncidentStatus,
    LinePurpose,
    Role,
    UnitStatus,
)

# Stable constraint names, so Alembic can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite keeps no offset, and a
    naive time in the domain is a bug waiting for the WITA display."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, create_constraint=False, length=24,
                values_callable=lambda members: [m.value for m in members])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(128), default="")
    role: Mapped[Role] = mapped_column(_enum(Role))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # scrypt, in the self-describing form dispatch/passwords.py writes; empty
    # until the account's first password is set (seed accounts have none).
    password_hash: Mapped[str | None] = mapped_column(String(256))
    password_set_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OperatorSession(Base):
    """A sign-in kept by `safedesk login`: only the token's SHA-256 is stored,
    so a copy of the database does not sign anyone in."""
    __tablename__ = "operator_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CallerBlock(Base):
    """A number a supervisor blocked for a while (repeat prank calls). Its
    calls are still logged and shown, apart; never silently dropped."""
    __tablename__ = "caller_blocks"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), index=True)  # E.164
    reason: Mapped[str] = mapped_column(String(256))
    blocked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    blocked_until: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    blocked_by: Mapped[str] = mapped_column(String(64))
    lifted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lifted_by: Mapped[str | None] = mapped_column(String(64))


class PrivateName(Base):
    """A name the supervisor lists as private: scrubbed from everything that
    can reach the air or an export, like a reporter's own name."""
    __tablename__ = "private_names"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    added_by: Mapped[str] = mapped_column(String(64))


class Line(Base):
    """A number citizens call; the called number decides the line's purpose."""
    __tablename__ = "lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # E.164
    display: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    purpose: Mapped[LinePurpose] = mapped_column(_enum(LinePurpose))


class Caller(Base):
    """One calling number (personal data: never logged in clear, never on air)."""
    __tablename__ = "callers"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # E.164
    last_name: Mapped[str | None] = mapped_column(String(128))
    last_lat: Mapped[float | None] = mapped_column(Float)
    last_lon: Mapped[float | None] = mapped_column(Float)
    last_location_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Call(Base):
    __tablename__ = "calls"
    # The statistics group by these (dispatch/stats.py): plain aggregates on
    # indexed columns, over years of calls.
    __table_args__ = (Index("ix_calls_status_started", "status", "started_at"),
                      Index("ix_calls_started_at", "started_at"),
                      Index("ix_calls_classification_started", "classification", "started_at"),
                      Index("ix_calls_line_started", "line_id", "started_at"),
                      Index("ix_calls_caller_started", "caller_number", "started_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    sip_call_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    direction: Mapped[CallDirection] = mapped_column(_enum(CallDirection),
                                                     default=CallDirection.INBOUND)
    line_id: Mapped[int | None] = mapped_column(ForeignKey("lines.id"))
    caller_id: Mapped[int | None] = mapped_column(ForeignKey("callers.id"), index=True)
    caller_number: Mapped[str | None] = mapped_column(String(32), index=True)  # E.164
    caller_raw: Mapped[str] = mapped_column(String(512), default="")
    caller_name: Mapped[str | None] = mapped_column(String(128))
    caller_withheld: Mapped[bool] = mapped_column(Boolean, default=False)
    identity_headers: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[CallStatus] = mapped_column(_enum(CallStatus), default=CallStatus.RINGING)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(16))  # caller / operator / system
    desk: Mapped[str | None] = mapped_column(String(64))  # the desk that claimed it
    # The desk whose engine wrote the ringing row: after a crash, that desk's
    # next start closes the rows it left ringing (dispatch/call_log.py).
    intake_desk: Mapped[str | None] = mapped_column(String(64))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recording_path: Mapped[str | None] = mapped_column(String(512))
    callback_state: Mapped[CallbackState | None] = mapped_column(_enum(CallbackState))
    callback_note: Mapped[str | None] = mapped_column(String(512))
    callback_of_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    classification: Mapped[CallType | None] = mapped_column(_enum(CallType))
    classified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    classified_by: Mapped[str | None] = mapped_column(String(64))

    line: Mapped[Line | None] = relationship()
    caller: Mapped[Caller | None] = relationship()


class IncidentType(Base):
    __tablename__ = "incident_types"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    default_priority: Mapped[int] = mapped_column(Integer)
    unit_kinds: Mapped[list] = mapped_column(JSON, default=list)


class UnitKind(Base):
    __tablename__ = "unit_kinds"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    speed_kmh: Mapped[float] = mapped_column(Float)


class Station(Base):
    __tablename__ = "stations"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    kecamatan: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(256), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    approximate: Mapped[bool] = mapped_column(Boolean, default=True)

    units: Mapped[list[Unit]] = relationship(back_populates="station")


class Unit(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    callsign: Mapped[str] = mapped_column(String(32), unique=True)
    kind_code: Mapped[str] = mapped_column(ForeignKey("unit_kinds.code"))
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    status: Mapped[UnitStatus] = mapped_column(_enum(UnitStatus), default=UnitStatus.AVAILABLE)
    status_since: Mapped[datetime] = mapped_column(UtcDateTime)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    position_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    station: Mapped[Station] = relationship(back_populates="units")
    kind: Mapped[UnitKind] = relationship()


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_status_priority", "status", "priority"),
                      Index("ix_incidents_created_at", "created_at"),
                      Index("ix_incidents_kecamatan_created", "kecamatan", "created_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("incident_types.code"))
    priority: Mapped[int] = mapped_column(Integer)
    status: Mapped[IncidentStatus] = mapped_column(_enum(IncidentStatus),
                                                   default=IncidentStatus.OPEN)
    # Empty while nobody knows where it is (located later: dispatch/incidents.py).
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(256), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    caller_number: Mapped[str | None] = mapped_column(String(32), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    disposition: Mapped[str | None] = mapped_column(String(32))  # how it was closed or cancelled
    kecamatan: Mapped[str | None] = mapped_column(String(64))  # for the month's figures

    type: Mapped[IncidentType] = relationship()
    events: Mapped[list[IncidentEvent]] = relationship(
        back_populates="incident", order_by="IncidentEvent.id", cascade="all, delete-orphan")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="incident", order_by="Assignment.id")


class IncidentEvent(Base):
    """The incident's timeline, as the dispatcher reads it back."""
    __tablename__ = "incident_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")  # English, for the log and the CLI
    actor: Mapped[str] = mapped_column(String(64))
    # The entry's values (dispatch/incidents.py add_timeline), for a reader that
    # says it in another language; none for a note, nor for entries from before
    # 0005. None is stored as SQL NULL, not a JSON null, so both read the same.
    data: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))

    incident: Mapped[Incident] = relationship(back_populates="events")


class Assignment(Base):
    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_dispatched_at", "dispatched_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(64))
    eta_s: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[int | None] = mapped_column(Integer)
    dispatched_at: Mapped[datetime] = mapped_column(UtcDateTime)
    en_route_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    on_scene_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    incident: Mapped[Incident] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    phone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ComplaintCategory(Base):
    __tablename__ = "complaint_categories"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    target_hours: Mapped[int] = mapped_column(Integer)

    agency: Mapped[Agency] = relationship()


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("year", "sequence", name="uq_complaints_year_sequence"),
                      Index("ix_complaints_status_created", "status", "created_at"),
                      # Search filters (dispatch/complaints.py), newest first within each.
                      Index("ix_complaints_created_at", "created_at"),
                      Index("ix_complaints_category_status_created",
                            "category_code", "status", "created_at"),
                      Index("ix_complaints_agency_status_created",
                            "agency_id", "status", "created_at"),
                      Index("ix_complaints_status_due_created", "status", "due_at", "created_at"),
                      Index("ix_complaints_updated_at", "updated_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket: Mapped[str] = mapped_column(String(32), unique=True)  # HD-2026-000123
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    category_code: Mapped[str] = mapped_column(ForeignKey("complaint_categories.code"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    status: Mapped[ComplaintStatus] = mapped_column(_enum(ComplaintStatus),
                                                    default=ComplaintStatus.RECEIVED)
    channel: Mapped[ComplaintChannel] = mapped_column(_enum(ComplaintChannel),
                                                      default=ComplaintChannel.CALL)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(256), default="")
    description: Mapped[str] = mapped_column(Text)
    reporter_name: Mapped[str | None] = mapped_column(String(128))  # private
    reporter_phone: Mapped[str | None] = mapped_column(String(32), index=True)  # private
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    category: Mapped[ComplaintCategory] = relationship()
    agency: Mapped[Agency] = relationship()
    events: Mapped[list[ComplaintEvent]] = relationship(
        back_populates="complaint", order_by="ComplaintEvent.id", cascade="all, delete-orphan")


class ComplaintWord(Base):
    """One word of a complaint's description or address: text search looks
    words up by prefix in this index, because LIKE '%word%' reads every ticket."""
    __tablename__ = "complaint_words"
    # The key finds tickets by word; this index checks one ticket for a word.
    __table_args__ = (Index("ix_complaint_words_complaint_word", "complaint_id", "word"),)
    # Binary order on PostgreSQL too, so a prefix is one index range whatever the locale.
    word: Mapped[str] = mapped_column(
        String(32).with_variant(String(32, collation="C"), "postgresql"), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)


class ComplaintEvent(Base):
    __tablename__ = "complaint_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    from_status: Mapped[ComplaintStatus | None] = mapped_column(_enum(ComplaintStatus))
    to_status: Mapped[ComplaintStatus] = mapped_column(_enum(ComplaintStatus))
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(64))

    complaint: Mapped[Complaint] = relationship(back_populates="events")


class Bulletin(Base):
    __tablename__ = "bulletins"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(256))
    status: Mapped[BulletinStatus] = mapped_column(_enum(BulletinStatus),
                                                   default=BulletinStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))

    items: Mapped[list[BulletinItem]] = relationship(
        back_populates="bulletin", order_by="BulletinItem.position", cascade="all, delete-orphan")
    readings: Mapped[list[OnAirReading]] = relationship(
        back_populates="bulletin", order_by="OnAirReading.id")


class BulletinItem(Base):
    __tablename__ = "bulletin_items"
    __table_args__ = (UniqueConstraint("bulletin_id", "complaint_id",
                                       name="uq_bulletin_items_bulletin_complaint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletins.id"), index=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    reading_text: Mapped[str] = mapped_column(Text)

    bulletin: Mapped[Bulletin] = relationship(back_populates="items")
    complaint: Mapped[Complaint] = relationship()


class OnAirReading(Base):
    __tablename__ = "on_air_readings"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletins.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reader: Mapped[str] = mapped_column(String(64))
    complaint_ids: Mapped[list] = mapped_column(JSON, default=list)
    end_reason: Mapped[str | None] = mapped_column(String(32))  # off_air / timeout / fault / close

    bulletin: Mapped[Bulletin] = relationship(back_populates="readings")


class GazetteerPlace(Base):
    __tablename__ = "gazetteer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    kecamatan: Mapped[str] = mapped_column(String(64), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    approximate: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("name", "kind", name="uq_gazetteer_name_kind"),)


class AuditEntry(Base):
    """Who did what, when, before → after. Rows are only ever added."""
    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    # The chain (dispatch/audit.py): this entry's hash covers its content and
    # the previous entry's hash, so an edited or removed row breaks a link.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))


class JournalApplied(Base):
    """Which journaled call events have reached the database: a journal
    replayed twice (a crash mid-replay) applies each event once."""
    __tablename__ = "journal_applied"
    sip_call_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    event: Mapped[str] = mapped_column(String(64), primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SeedInfo(Base):
    """Which seed file was loaded, so `init` knows the database is ready."""
    __tablename__ = "seed_info"
    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))


class ServiceAreaRecord(Base):
    """The area the centre serves, as the seed declares it: a polygon of
    [lat, lon] points (WGS 84, implicitly closed). dispatch/service_area.py
    turns it into a ServiceArea that answers "is this place ours?"."""
    __tablename__ = "service_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    polygon: Mapped[list] = mapped_column(JSON)
    approximate: Mapped[bool] = mapped_column(Boolean, default=True)
