"""Operators: accounts, passwords, sign-in with a lock after failures, and
the session tokens `safedesk login` keeps.

Signing in turns a username and password into a `Principal`; everything a
principal may then do is in dispatch/permissions.py. Sign-ins, failures,
locks and every change to an account are in the audit trail (never the
password, never its hash).
"""
from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dispatch.audit import record_audit
from dispatch.enums import Role
from dispatch.errors import InvalidInput, NotFound, NotSignedIn
from dispatch.models import Operator, OperatorSession
from dispatch.passwords import hash_password, needs_rehash, verify_password
from dispatch.permissions import Permission, Principal, authorize
from dispatch.settings import declare
from dispatch.storage import Database
from dispatch.timeutil import iso_utc, utcnow

MAX_FAILURES = declare("signin.max_failures", int, 5,
                       "Wrong passwords in a row before an account is locked")
LOCK_MINUTES = declare("signin.lock_minutes", int, 15,
                       "How long an account stays locked after too many wrong passwords")
TOKEN_HOURS = declare("signin.token_hours", int, 12,
                      "How long a `safedesk login` session lasts (a shift)")

_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")


@functools.cache
def _dummy_hash() -> str:
    """Checked against for an unknown username, so a wrong name costs as long
    as a wrong password and does not tell an attacker which names exist."""
    return hash_password("not-a-real-password")


@dataclass(frozen=True)
class LockPolicy:
    max_failures: int = 5
    lock_minutes: int = 15

    @classmethod
    def from_settings(cls, settings) -> LockPolicy:
        return cls(max(1, settings.get(MAX_FAILURES)), max(1, settings.get(LOCK_MINUTES)))


def check_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not _USERNAME.match(name):
        raise InvalidInput(f"username {username!r}: 2–32 lower-case letters, digits, . _ -, "
                           "starting with a letter", code="operator.bad_username",
                           username=username)
    return name


def principal_for(operator: Operator) -> Principal:
    return Principal(operator.username, Role(operator.role), operator.id)


# ------------------------------------------------------------ accounts

def anyone_can_sign_in(session: Session) -> bool:
    """False on a fresh database: no operator has a password yet."""
    return session.scalar(select(func.count()).select_from(Operator).where(
        Operator.password_hash.is_not(None), Operator.active.is_(True))) > 0


def create_first_supervisor(session: Session, *, username: str, password: str,
                            full_name: str = "") -> Operator:
    """The first screen of a fresh desk: only while nobody can sign in."""
    if anyone_can_sign_in(session):
        raise InvalidInput("the desk already has operators who can sign in",
                           code="operator.first_exists")
    return _set_account(session, username=username, password=password, role=Role.SUPERVISOR,
                        full_name=full_name or "Supervisor", actor=check_username(username),
                        action="operator.first_supervisor")


def set_admin(session: Session, *, username: str, password: str) -> Operator:
    """`safedesk init --admin`: create that supervisor, or reset its password."""
    authorize(session, Permission.EDIT_OPERATORS)
    return _set_account(session, username=username, password=password, role=Role.SUPERVISOR,
                        full_name="Supervisor", actor="installer", action="operator.admin")


def add_operator(session: Session, *, username: str, role: Role, password: str,
                 full_name: str = "", actor: str) -> Operator:
    authorize(session, Permission.EDIT_OPERATORS)
    name = check_username(username)
    if session.scalar(select(Operator).where(Operator.username == name)) is not None:
        raise InvalidInput(f"operator {name} already exists", code="operator.exists",
                           username=name)
    return _set_account(session, username=name, password=password, role=role,
                        full_name=full_name, actor=actor, action="operator.add")


def _set_account(session: Session, *, username: str, password: str, role: Role,
                 full_name: str, actor: str, action: str) -> Operator:
    name = check_username(username)
    password_hash = hash_password(password)
    operator = session.scalar(select(Operator).where(Operator.username == name))
    before = None
    if operator is None:
        operator = Operator(username=name, full_name=full_name.strip(), role=role)
        session.add(operator)
    else:
        before = {"role": str(operator.role), "active": operator.active}
        operator.role = role
    operator.active = True
    operator.password_hash = password_hash
    operator.password_set_at = utcnow()
    operator.failed_sign_ins = 0
    operator.locked_until = None
    session.flush()
    record_audit(session, actor=actor, action=action, entity="operator", entity_id=name,
                 before=before, after={"role": str(role), "active": True,
                                       "password": "set"})
    return operator


def list_operators(session: Session) -> list[Operator]:
    authorize(session, Permission.EDIT_OPERATORS)
    return list(session.scalars(select(Operator).order_by(Operator.username)))


def _operator(session: Session, username: str) -> Operator:
    operator = session.scalar(select(Operator).where(
        Operator.username == (username or "").strip().lower()))
    if operator is None:
        raise NotFound(f"no operator {username!r}", code="operator.not_found", username=username)
    return operator


def disable_operator(session: Session, *, username: str, actor: str) -> Operator:
    authorize(session, Permission.EDIT_OPERATORS)
    operator = _operator(session, username)
    if operator.role == Role.SUPERVISOR and operator.active and _active_supervisors(session) <= 1:
        raise InvalidInput(f"{operator.username} is the last supervisor who can sign in",
                           code="operator.last_supervisor", username=operator.username)
    operator.active = False
    session.execute(delete(OperatorSession).where(OperatorSession.operator_id == operator.id))
    record_audit(session, actor=actor, action="operator.disable", entity="operator",
                 entity_id=operator.username, before={"active": True}, after={"active": False})
    return operator


def reset_password(session: Session, *, username: str, password: str, actor: str) -> Operator:
    authorize(session, Permission.EDIT_OPERATORS)
    operator = _operator(session, username)
    operator.password_hash = hash_password(password)
    operator.password_set_at = utcnow()
    operator.failed_sign_ins = 0
    operator.locked_until = None
    session.execute(delete(OperatorSession).where(OperatorSession.operator_id == operator.id))
    record_audit(session, actor=actor, action="operator.reset_password", entity="operator",
                 entity_id=operator.username, after={"password": "set", "unlocked": True})
    return operator


def _active_supervisors(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Operator).where(
        Operator.role == Role.SUPERVISOR, Operator.active.is_(True),
        Operator.password_hash.is_not(None)))


def operator_to_dict(operator: Operator, now: datetime | None = None) -> dict:
    now = now or utcnow()
    locked = operator.locked_until is not None and operator.locked_until > now
    return {"username": operator.username, "full_name": operator.full_name,
            "role": str(operator.role), "active": operator.active,
            "can_sign_in": operator.active and operator.password_hash is not None,
            "locked_until": iso_utc(operator.locked_until) if locked else None,
            "password_set_at": iso_utc(operator.password_set_at)}


# ------------------------------------------------------------ signing in

def sign_in(database: Database, username: str, password: str, *,
            policy: LockPolicy | None = None, now: datetime | None = None,
            audit_success: bool = False) -> Principal:
    """The operator's principal, or NotSignedIn. A failure is counted (and
    audited) in its own committed unit of work before the refusal is raised.
    A success is audited when it starts a shift (the window, `safedesk
    login`), not for each command a script runs: those commands are audited
    themselves, and a read-only one writes nothing at all."""
    now = now or utcnow()
    policy = policy or LockPolicy()
    name = (username or "").strip().lower()
    with database.reading() as session:
        operator = session.scalar(select(Operator).where(Operator.username == name))
        if operator is not None:
            session.expunge(operator)  # read once: the reading's rollback would expire it
    if operator is None or not operator.active or operator.password_hash is None:
        verify_password(password, _dummy_hash())
        _failed(database, name, {"reason": "unknown" if operator is None else "cannot_sign_in"})
        raise _wrong()
    if operator.locked_until is not None and operator.locked_until > now:
        minutes = max(1, int((operator.locked_until - now).total_seconds() // 60) + 1)
        _failed(database, name, {"reason": "locked"})
        raise NotSignedIn(f"{name} is locked after too many wrong passwords: "
                          f"try again in {minutes} min or ask a supervisor",
                          code="signin.locked", username=name, minutes=minutes)
    if not verify_password(password, operator.password_hash):
        with database.session() as session:
            row = session.get(Operator, operator.id, with_for_update=True)
            row.failed_sign_ins = (row.failed_sign_ins or 0) + 1
            after = {"reason": "wrong_password", "failures": row.failed_sign_ins}
            if row.failed_sign_ins >= policy.max_failures:
                row.locked_until = now + timedelta(minutes=policy.lock_minutes)
                row.failed_sign_ins = 0
                after["locked_until"] = iso_utc(row.locked_until)
            record_audit(session, actor=name, action="operator.sign_in_failed",
                         entity="operator", entity_id=name, after=after)
        raise _wrong()
    stale = (operator.failed_sign_ins or operator.locked_until is not None
             or needs_rehash(operator.password_hash))
    if stale or audit_success:
        with database.session() as session:
            row = session.get(Operator, operator.id)
            row.failed_sign_ins = 0
            row.locked_until = None
            if needs_rehash(row.password_hash):
                row.password_hash = hash_password(password)
            if audit_success:
                record_audit(session, actor=name, action="operator.sign_in",
                             entity="operator", entity_id=name)
    return principal_for(operator)


def _failed(database: Database, name: str, after: dict) -> None:
    with database.session() as session:
        record_audit(session, actor=name or "?", action="operator.sign_in_failed",
                     entity="operator", entity_id=name or None, after=after)


def _wrong() -> NotSignedIn:
    # One sentence for an unknown name, a disabled account and a wrong
    # password: which of them it was is for the audit trail, not the screen.
    return NotSignedIn("wrong username or password", code="signin.failed")


def record_sign_out(database: Database, principal: Principal, *, handed_to: str | None) -> None:
    with database.session() as session:
        record_audit(session, actor=principal.username, action="operator.sign_out",
                     entity="operator", entity_id=principal.username,
                     after={"handed_to": handed_to} if handed_to else None)


# ------------------------------------------------------------ login tokens

def issue_token(database: Database, principal: Principal, *, hours: int = 12,
                now: datetime | None = None) -> tuple[str, datetime]:
    """A fresh secret for `safedesk login`; only its SHA-256 is stored."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=max(1, hours))
    with database.session() as session:
        session.execute(delete(OperatorSession).where(OperatorSession.expires_at <= now))
        session.add(OperatorSession(token_sha256=_digest(token), operator_id=principal.operator_id,
                                    created_at=now, expires_at=expires))
        record_audit(session, actor=principal.username, action="operator.login",
                     entity="operator", entity_id=principal.username,
                     after={"expires_at": iso_utc(expires)})
    return token, expires


def principal_from_token(database: Database, token: str, *,
                         now: datetime | None = None) -> Principal:
    now = now or utcnow()
    with database.reading() as session:
        row = session.execute(
            select(OperatorSession.expires_at, Operator)
            .join(Operator, Operator.id == OperatorSession.operator_id)
            .where(OperatorSession.token_sha256 == _digest(token))).first()
        valid = row is not None and row[0] > now and row[1].active
        principal = principal_for(row[1]) if valid else None
    if principal is None:
        raise NotSignedIn("the saved sign-in has expired: run `safedesk login` again",
                          code="signin.expired")
    return principal


def revoke_token(database: Database, token: str) -> None:
    with database.session() as session:
        session.execute(delete(OperatorSession).where(
            OperatorSession.token_sha256 == _digest(token)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()
