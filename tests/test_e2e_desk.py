"""The whole path with real parts: SIPp calls the desk's softphone → the call
rings in the Calls panel → F2 answers → Ctrl+N opens an incident from it →
the recommendation is shown → F9 assigns the first unit → the unit's marker
on the real QtWebEngine map page has the new status → the incident is on the
board of a second window on the same database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dispatch import calls
from dispatch.enums import CallStatus, IncidentStatus, UnitStatus
from dispatch.incidents import get_incident
from dispatch.storage import open_database
from ui.testing import close_desk, open_desk

pytestmark = [pytest.mark.gui, pytest.mark.sip]
WAIT_MS = 15_000
PASAR_BADUNG = (-8.6553, 115.2136)


@pytest.fixture
def db_url(tmp_path):
    """One SQLite file that two windows share, as two desks on one machine."""
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


def map_status(qtbot, view, callsign: str) -> str | None:
    answers = []
    view.evaluate(f"SafeDeskMap.unitState({callsign!r})", answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    state = answers[0]
    return state.get("status") if isinstance(state, dict) else None


@pytest.mark.timeout(180)
def test_a_call_becomes_a_unit_on_the_road(qtbot, seeded, db_url, tmp_path):
    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import Sipp, free_port
    from ui.calls.softphone_bridge import SoftphoneBridge

    desk = open_desk(seeded, map_enabled=True)
    qtbot.addWidget(desk)
    desk.show()
    second_db = open_database(db_url)
    other = open_desk(second_db, actor="dispatcher")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(lambda: desk.boards_ready and other.boards_ready, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.map_panel.view is not None and desk.map_panel.view.is_ready(),
                    timeout=30_000)

    engine = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=free_port(),
                                               desk_name="desk-1"), actor="operator")
    engine.start()
    bridge = SoftphoneBridge(engine)
    desk.phone.attach_bridge(bridge)
    sipp = None
    try:
        # The caller stays on the line while the call-taker works.
        sipp = Sipp("uac_answered.xml", engine.config.listen, workdir=tmp_path / "sipp",
                    duration_ms=20_000).start()
        panel = desk.calls_panel
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=WAIT_MS)
        sip_call_id = panel.active.sip_call_id
        with seeded.reading() as session:
            call = calls.find_by_sip_call_id(session, sip_call_id)
            assert call.status == CallStatus.ANSWERED
            caller, call_id = call.caller_number, call.id

        press(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        form = desk.incident_form
        qtbot.waitUntil(lambda: form.isVisible(), timeout=WAIT_MS)
        form.choose_type("kebakaran")
        form.set_location_from_map(*PASAR_BADUNG)  # as a click on the map would
        with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS) as created:
            form.submit()
        incident_id = created.args[0]

        recommend = desk.recommend_panel
        qtbot.waitUntil(lambda: recommend.incident_id == incident_id
                        and bool(recommend.recommendations()), timeout=WAIT_MS)
        first = recommend.recommendations()[0].callsign
        with qtbot.waitSignal(recommend.assigned, timeout=WAIT_MS):
            press(qtbot, desk, Qt.Key.Key_F9)

        with seeded.reading() as session:
            incident = get_incident(session, incident_id)
            assert incident.caller_number == caller and incident.call_id == call_id
            assert incident.status == IncidentStatus.DISPATCHED
            assert [a.unit.callsign for a in incident.assignments] == [first]
            assert incident.assignments[0].unit.status == UnitStatus.DISPATCHED
        qtbot.waitUntil(lambda: desk.units_board.status_of(first) == "dispatched",
                        timeout=WAIT_MS)
        view = desk.map_panel.view
        qtbot.waitUntil(lambda: map_status(qtbot, view, first) == "dispatched", timeout=WAIT_MS)
        other_board = other.incidents_board
        qtbot.waitUntil(lambda: incident_id in [row.id for row in other_board.model.rows()],
                        timeout=WAIT_MS)
    finally:
        if sipp is not None:
            sipp.kill()
        desk.phone.detach()
        bridge.close()
        engine.stop()
        close_desk(other)
        close_desk(desk)
        second_db.dispose()
