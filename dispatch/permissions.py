"""Who may do what: one table, checked by the domain operations themselves.

A `Principal` is whoever a database handle acts for: an operator signed in
through dispatch/operators.py, or the engine acting as the system. Every
operation that changes something a role decides calls `authorize(session,
Permission.X)` before it touches a row, so the window and the command line
cannot differ: both only choose which principal the database acts for.

A refusal raises `NotPermitted`; the database handle records it in the audit
trail after rolling the refused unit of work back (dispatch/storage.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from dispatch.enums import Role, _Values
from dispatch.errors import NotPermitted, NotSignedIn


class Permission(_Values):
    ANSWER_CALLS = "answer_calls"            # answer, hold, call back, clear callbacks
    CREATE_INCIDENTS = "create_incidents"    # create, correct, note, close, cancel
    ASSIGN_UNITS = "assign_units"
    CHANGE_UNIT_STATUS = "change_unit_status"
    EDIT_COMPLAINTS = "edit_complaints"      # create tickets, move them on
    SET_AGENCIES = "set_agencies"            # agencies and which category goes where
    GO_ON_AIR = "go_on_air"                  # build bulletins, read them on air
    PURGE_RECORDINGS = "purge_recordings"
    EDIT_FLEET = "edit_fleet"                # stations, units, the seed
    EDIT_OPERATORS = "edit_operators"        # accounts, passwords, private names
    READ_AUDIT = "read_audit"
    BLOCK_CALLERS = "block_callers"          # block a number for a while, lift a block
    READ_STATISTICS = "read_statistics"      # the figures, the monthly report


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # Takes 0361-223333 and the complaint line, logs calls, opens incidents
    # and tickets; does not send units (the dispatcher does).
    Role.CALL_TAKER: frozenset({P.ANSWER_CALLS, P.CREATE_INCIDENTS, P.EDIT_COMPLAINTS}),
    # Sends and follows units; answers when the call-takers are all busy.
    Role.DISPATCHER: frozenset({P.ANSWER_CALLS, P.CREATE_INCIDENTS, P.ASSIGN_UNITS,
                                P.CHANGE_UNIT_STATUS}),
    # RPKD's studio: reads complaints and their handling on air; follows
    # complaints up with the agencies, but takes no emergency calls.
    Role.RADIO: frozenset({P.EDIT_COMPLAINTS, P.GO_ON_AIR}),
    Role.SUPERVISOR: frozenset(Permission),
}


@dataclass(frozen=True)
class Principal:
    username: str
    role: Role | None  # None: the system, whose rights are SYSTEM_PERMISSIONS
    operator_id: int | None = None

    @property
    def is_system(self) -> bool:
        return self.role is None

    def may(self, permission: Permission) -> bool:
        if self.role is None:
            return permission in SYSTEM_PERMISSIONS
        return permission in ROLE_PERMISSIONS[self.role]


# The engine (`safedesk serve`) logs calls, answers and calls back when a
# signed-in window asks it to (the window's own principal was checked), and
# lets recordings expire. It edits nothing a person decides.
SYSTEM_PERMISSIONS = frozenset({P.ANSWER_CALLS, P.PURGE_RECORDINGS})
SYSTEM = Principal("system", None)
# Installing the desk (`safedesk init`, migrations, the seed) is done by
# whoever owns the files, before any operator exists.
INSTALLER = Principal("installer", Role.SUPERVISOR)

PRINCIPAL_KEY = "safedesk.principal"


def principal_of(session: Session) -> Principal | None:
    return session.info.get(PRINCIPAL_KEY)


def authorize(session: Session, permission: Permission) -> Principal:
    """The principal the session acts for, if it may; else NotPermitted."""
    principal = session.info.get(PRINCIPAL_KEY)
    if principal is None:
        raise NotSignedIn(f"sign in first: {permission} needs a signed-in operator",
                          code="signin.required", permission=permission)
    if not principal.may(permission):
        role = principal.role.value if principal.role else "system"
        raise NotPermitted(f"{principal.username} ({role}) may not {_verb(permission)}",
                           code="permission.refused", operator=principal.username,
                           role=principal.role, permission=permission)
    return principal


def permissions_of(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[role]


def _verb(permission: Permission) -> str:
    return permission.value.replace("_", " ")
