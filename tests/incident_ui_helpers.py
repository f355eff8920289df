"""What the incident window tests share: making incidents as another desk
would, reading them back, pressing keys on the window, and answering the
real questions the incident panels ask (ui/incidents/confirm.py)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from dispatch.incidents import create_incident, get_incident
from dispatch.models import Assignment, Incident
from dispatch.storage import Database

WAIT_MS = 5000
NEAR_DENPASAR_UTARA = (-8.632, 115.214)


@dataclass(frozen=True)
class Stored:
    """An incident as the database has it now."""
    status: str
    priority: int
    lat: float | None
    lon: float | None
    disposition: str | None
    event_kinds: tuple[str, ...]
    event_texts: tuple[str, ...]
    event_actors: tuple[str, ...]
    active_units: tuple[str, ...]


def make_incident(database: Database, type_code: str = "kebakaran",
                  lat_lon=NEAR_DENPASAR_UTARA, **values) -> int:
    with database.session() as session:
        incident = create_incident(session, type_code=type_code, lat=lat_lon[0],
                                   lon=lat_lon[1], actor="calltaker", not_a_duplicate=True,
                                   **values)
        session.flush()
        return incident.id


def stored(database: Database, incident_id: int) -> Stored:
    with database.reading() as session:
        incident = get_incident(session, incident_id)
        events = sorted(incident.events, key=lambda e: (e.at, e.id))
        return Stored(str(incident.status), incident.priority, incident.lat, incident.lon,
                      incident.disposition, tuple(e.kind for e in events),
                      tuple(e.text for e in events), tuple(e.actor for e in events),
                      tuple(a.unit.callsign for a in incident.assignments
                            if a.cleared_at is None))


def count_incidents(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count(Incident.id)))


def count_assignments(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count(Assignment.id)))


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def question_of(qtbot, holder) -> QMessageBox:
    """The question `holder` (a panel, the form) has open, once it shows."""
    qtbot.waitUntil(lambda: holder.question is not None and holder.question.isVisible(),
                    timeout=WAIT_MS)
    return holder.question


def button_texts(box: QMessageBox) -> dict[str, str]:
    """{"yes": text, "no": text} of a question's two buttons."""
    roles = {QMessageBox.ButtonRole.AcceptRole: "yes", QMessageBox.ButtonRole.RejectRole: "no"}
    return {roles[box.buttonRole(button)]: button.text() for button in box.buttons()}


def answer_question(qtbot, holder, *, yes: bool) -> str:
    """Click Yes or No in the real question; returns the question's text."""
    box = question_of(qtbot, holder)
    text = box.text()
    wanted = QMessageBox.ButtonRole.AcceptRole if yes else QMessageBox.ButtonRole.RejectRole
    [button] = [b for b in box.buttons() if box.buttonRole(b) == wanted]
    button.click()
    qtbot.waitUntil(lambda: holder.question is None, timeout=WAIT_MS)
    return text
