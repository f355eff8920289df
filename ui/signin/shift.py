"""Who is at the desk: starting the window signed in, and handing it over.

The database handle acts for the signed-in principal (dispatch/permissions.py
checks every operation against it); this module only keeps the window in
step: the name each panel writes in the audit, the layout of the role, and
which actions are enabled. The domain refuses anyway what the role may not
do; disabling the action just saves the operator the refusal.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QWidget

from dispatch.operators import LockPolicy, anyone_can_sign_in, record_sign_out, sign_in
from dispatch.permissions import Permission, Principal
from dispatch.settings import Settings
from dispatch.storage import Database

P = Permission
# The window's actions and what each needs; an action not named here needs
# nothing (moving around, language, layout) or must never be withheld:
# "off_air" releases the studio relay, whoever is signed in.
ACTION_PERMISSIONS: dict[str, Permission] = {
    "answer": P.ANSWER_CALLS, "hold": P.ANSWER_CALLS, "hang_up": P.ANSWER_CALLS,
    "call_back": P.ANSWER_CALLS, "clear_callback": P.ANSWER_CALLS,
    "callback_clear_selected": P.ANSWER_CALLS,
    "classify_emergency": P.ANSWER_CALLS, "classify_complaint": P.ANSWER_CALLS,
    "classify_information": P.ANSWER_CALLS, "classify_prank": P.ANSWER_CALLS,
    "classify_ghost": P.ANSWER_CALLS, "classify_wrong_number": P.ANSWER_CALLS,
    "new_incident": P.CREATE_INCIDENTS, "incident_note": P.CREATE_INCIDENTS,
    "incident_correct": P.CREATE_INCIDENTS, "incident_close": P.CREATE_INCIDENTS,
    "incident_cancel": P.CREATE_INCIDENTS, "form_submit": P.CREATE_INCIDENTS,
    "assign_first": P.ASSIGN_UNITS, "recommend_assign_selected": P.ASSIGN_UNITS,
    "en_route": P.CHANGE_UNIT_STATUS, "on_scene": P.CHANGE_UNIT_STATUS,
    "clear": P.CHANGE_UNIT_STATUS, "out_of_service": P.CHANGE_UNIT_STATUS,
    "new_complaint": P.EDIT_COMPLAINTS, "complaint_submit": P.EDIT_COMPLAINTS,
    "on_air": P.GO_ON_AIR,
}
OPERATOR_ENV, PASSWORD_ENV = "SAFEDESK_OPERATOR", "SAFEDESK_PASSWORD"


def sign_in_at_start(database: Database, settings: Settings,
                     parent: QWidget | None = None) -> Principal | None:
    """Who opens the window: from SAFEDESK_OPERATOR and SAFEDESK_PASSWORD when
    both are set (kiosks, tests), else the sign-in dialog, or the first
    supervisor's on a desk nobody can sign in to yet. None: cancelled."""
    from ui.signin.dialog import SignInDialog
    policy = LockPolicy.from_settings(settings)
    username, password = os.environ.get(OPERATOR_ENV), os.environ.get(PASSWORD_ENV)
    with database.reading() as session:
        first = not anyone_can_sign_in(session)
    if username and password is not None and not first:
        return sign_in(database, username, password, policy=policy, audit_success=True)
    dialog = SignInDialog(database, policy=policy, first=first, parent=parent)
    return dialog.principal if dialog.exec() else None


def hand_over(window: QMainWindow, database: Database, settings: Settings) -> Principal | None:
    """The next operator signs in; the one leaving is signed out. Calls,
    held ones included, stay where they are: they live in the engine."""
    from ui.signin.dialog import SignInDialog
    leaving = database.principal
    dialog = SignInDialog(database, policy=LockPolicy.from_settings(settings),
                          handover_from=leaving.username if leaving else None, parent=window)
    if not dialog.exec() or dialog.principal is None:
        return None
    if leaving is not None:
        record_sign_out(database, leaving, handed_to=dialog.principal.username)
    return dialog.principal


def act_as(root: QObject, username: str) -> None:
    """Every panel that writes in someone's name keeps that name in `_actor`
    (given at construction): the next writes are in the new operator's name."""
    for child in root.findChildren(QObject):
        if hasattr(child, "_actor"):
            child._actor = username


def enable_for(actions, principal: Principal) -> None:
    for name, permission in ACTION_PERMISSIONS.items():
        if name in actions.by_name:
            actions[name].setEnabled(principal.may(permission))
