"""The incidents and units boards, recommend-and-assign, unit status keys."""
from __future__ import annotations

import pytest
from incident_ui_helpers import answer_question, question_of, stored
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_fixtures import db_url, desk  # noqa: F401,E402  (shared fixtures)

from dispatch.assignments import assign_unit, change_unit_status
from dispatch.incidents import create_incident
from dispatch.recommend import recommend_for_incident
from dispatch.settings import Settings
from dispatch.storage import Database
from dispatch.units import get_unit, list_units
from ui.incidents.snapshots import read_assign_check
from ui.testing import close_desk, open_desk

pytestmark = pytest.mark.gui
WAIT_MS = 5000
NEAR_DENPASAR_UTARA = (-8.632, 115.214)


def make_incident(database: Database, type_code: str = "kebakaran", lat_lon=NEAR_DENPASAR_UTARA,
                  address: str = "Jl. Gatot Subroto") -> int:
    with database.session() as session:
        incident = create_incident(session, type_code=type_code, lat=lat_lon[0], lon=lat_lon[1],
                                   actor="test", address=address)
        session.flush()
        return incident.id


def unit_status(database: Database, callsign: str) -> str:
    with database.reading() as session:
        return str(get_unit(session, callsign).status)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


def test_boards_show_the_seeded_units_and_follow_changes_from_another_session(qtbot, desk, seeded):
    with seeded.reading() as session:
        callsigns = [unit.callsign for unit in list_units(session)]
    shown = [row.callsign for row in desk.units_board.model.rows()]
    assert shown == callsigns
    assert all(desk.units_board.status_of(c) == "available" for c in callsigns)
    assert desk.incidents_board.model.rowCount() == 0

    incident_id = make_incident(seeded)  # written outside the window, like another desk would
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 1, timeout=WAIT_MS)
    row = desk.incidents_board.model.row_at(0)
    assert (row.id, row.priority, row.address) == (incident_id, 1, "Jl. Gatot Subroto")
    with seeded.session() as session:
        assign_unit(session, incident_id=incident_id, callsign=callsigns[0], actor="other",
                    settings=Settings.in_memory())
    qtbot.waitUntil(lambda: desk.units_board.status_of(callsigns[0]) == "dispatched",
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.incidents_board.model.row_at(0).units == (callsigns[0],),
                    timeout=WAIT_MS)


def test_incidents_are_ordered_by_priority_then_age_and_coloured(qtbot, desk, seeded):
    older_low = make_incident(seeded, "evakuasi_hewan", address="ular di dapur")  # P3
    urgent = make_incident(seeded, "kebakaran", address="toko terbakar")  # P1
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 2, timeout=WAIT_MS)
    model = desk.incidents_board.model
    assert [model.row_at(i).id for i in range(2)] == [urgent, older_low]
    red = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    amber = model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert red.name() == "#c62828" and amber.name() == "#f9a825"
    assert model.index(0, 4).data() .count(":") >= 1  # the age, m:ss


def test_a_second_desk_on_the_same_database_file_sees_the_first_desks_work(qtbot, seeded, db_url):
    # Its own Database object: no shared event bus, as with a desk on another PC.
    other = Database(db_url)
    try:
        watcher = open_desk(other, settings={"ui.poll_interval_s": 1})
        qtbot.addWidget(watcher)
        worker_desk = open_desk(seeded)
        qtbot.addWidget(worker_desk)
        incident_id = make_incident(seeded)
        qtbot.waitUntil(lambda: watcher.incidents_board.model.position_of(incident_id) == 0,
                        timeout=WAIT_MS)
        close_desk(watcher)
        close_desk(worker_desk)
    finally:
        other.dispose()


def test_recommendations_for_the_selected_incident_and_f9_assigns_the_first(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 1, timeout=WAIT_MS)
    desk.incidents_board.select_incident(incident_id)
    panel = desk.recommend_panel
    qtbot.waitUntil(lambda: len(panel.recommendations()) > 0, timeout=WAIT_MS)
    with seeded.reading() as session:
        expected = recommend_for_incident(session, incident_id=incident_id,
                                          settings=Settings.in_memory(), limit=10)
    assert [r.callsign for r in panel.recommendations()] == [r.callsign for r in expected]
    assert all(r.kind == "pmk" for r in panel.recommendations())  # a fire needs fire engines
    first = expected[0].callsign

    with qtbot.waitSignal(panel.assigned, timeout=WAIT_MS) as sent:
        press(qtbot, desk, Qt.Key.Key_F9)
    assert sent.args == [incident_id, first]
    assert unit_status(seeded, first) == "dispatched"
    qtbot.waitUntil(lambda: desk.units_board.status_of(first) == "dispatched", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: first not in [r.callsign for r in panel.recommendations()],
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.incidents_board.model.row_at(0).status == "dispatched",
                    timeout=WAIT_MS)


def test_enter_on_a_recommendation_assigns_that_unit(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 1, timeout=WAIT_MS)
    desk.incidents_board.select_incident(incident_id)
    panel = desk.recommend_panel
    qtbot.waitUntil(lambda: len(panel.recommendations()) > 1, timeout=WAIT_MS)
    second = panel.recommendations()[1].callsign
    press(qtbot, desk, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # to the panel
    assert panel.view.hasFocus()
    press(qtbot, desk, Qt.Key.Key_Down)
    assert panel.view.current_key() == second
    with qtbot.waitSignal(panel.assigned, timeout=WAIT_MS) as sent:
        press(qtbot, desk, Qt.Key.Key_Return)
    assert sent.args == [incident_id, second]


def test_status_keys_move_the_selected_unit_and_an_illegal_change_is_refused(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    with seeded.session() as session:
        assign_unit(session, incident_id=incident_id, callsign="PMK-UTR-1", actor="d",
                    settings=Settings.in_memory())
    press(qtbot, desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.AltModifier)  # the dispatcher's layout shows the units board
    assert desk.layouts.role == "dispatcher"
    board = desk.units_board
    assert board.isVisible()
    qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "dispatched", timeout=WAIT_MS)
    board.select_unit("PMK-UTR-1")
    press(qtbot, desk, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "en_route", timeout=WAIT_MS)
    press(qtbot, desk, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "on_scene", timeout=WAIT_MS)
    assert board.selected_unit().callsign == "PMK-UTR-1"  # the refreshes kept the selection

    board.select_unit("PMK-UTR-2")  # available: it cannot be "on scene" without an incident
    press(qtbot, desk, Qt.Key.Key_F7)
    assert board.message.isVisible()
    assert desk.statusBar().currentMessage() == board.message.text()
    assert "PMK-UTR-2" in board.message.text() and "di lokasi" in board.message.text()
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert unit_status(seeded, "PMK-UTR-2") == "available"
    assert board.status_of("PMK-UTR-2") == "available"

    board.select_unit("PMK-UTR-1")
    press(qtbot, desk, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "available", timeout=WAIT_MS)
    assert not board.message.isVisible()


def test_a_refusal_from_the_domain_is_shown_too(qtbot, desk, seeded):
    """The board said "en route" but another desk cleared the unit meanwhile."""
    incident_id = make_incident(seeded)
    with seeded.session() as session:
        assign_unit(session, incident_id=incident_id, callsign="PMK-UTR-1", actor="d",
                    settings=Settings.in_memory())
    board = desk.units_board
    qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "dispatched", timeout=WAIT_MS)
    board.select_unit("PMK-UTR-1")
    desk.feed.close()  # stop hearing about the other desk's change
    with seeded.session() as session:
        change_unit_status(session, callsign="PMK-UTR-1", status="available", actor="other")
    press(qtbot, desk, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: not board.message.isHidden(), timeout=WAIT_MS)
    # In the window's language (tests/test_ui_domain_messages.py switches it).
    assert board.message.text() == "PMK-UTR-1 tidak bisa berubah dari tersedia ke di lokasi."
    assert "tidak bisa berubah" in desk.statusBar().currentMessage()  # seen with the board hidden
    assert unit_status(seeded, "PMK-UTR-1") == "available"


def test_status_actions_are_in_the_context_menu_with_their_shortcuts(desk):
    texts = [action.text().replace("&", "") for action in desk.units_board._status_actions]
    assert texts[0] == "Unit dalam perjalanan"
    keys = [action.shortcut().toString() for action in desk.units_board._status_actions]
    assert keys == ["F6", "F7", "F8", "Shift+F8"]
    assert desk.desk_actions["en_route"].toolTip() == "Unit dalam perjalanan (F6)"


def test_f9_asks_before_sending_more_of_the_kinds_the_incident_has(qtbot, desk, seeded):
    incident_id = make_incident(seeded)  # a fire: it needs fire engines (pmk)
    with seeded.session() as session:
        assign_unit(session, incident_id=incident_id, callsign="PMK-UTR-1", actor="other",
                    settings=Settings.in_memory())
    qtbot.waitUntil(lambda: desk.incidents_board.model.rowCount() == 1, timeout=WAIT_MS)
    desk.incidents_board.select_incident(incident_id)
    panel = desk.recommend_panel
    qtbot.waitUntil(lambda: len(panel.recommendations()) > 0, timeout=WAIT_MS)
    press(qtbot, desk, Qt.Key.Key_F9)
    box = question_of(qtbot, panel)
    assert f"Kejadian #{incident_id} sudah punya unit Mobil Pemadam Kebakaran (PMK)" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)  # the default is not to send
    qtbot.waitUntil(lambda: panel.question is None and not panel.is_assigning(), timeout=WAIT_MS)
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert stored(seeded, incident_id).active_units == ("PMK-UTR-1",)
    assert "Tidak ada unit yang dikirim" in panel.message.text()

    second = panel.recommendations()[0].callsign
    with qtbot.waitSignal(panel.assigned, timeout=WAIT_MS):
        press(qtbot, desk, Qt.Key.Key_F9)
        answer_question(qtbot, panel, yes=True)
    assert stored(seeded, incident_id).active_units == ("PMK-UTR-1", second)


def test_kinds_are_covered_only_when_every_kind_the_type_needs_is_there(seeded):
    crash = make_incident(seeded, "laka_lantas")  # ambulance and rescue
    with seeded.session() as session:
        assign_unit(session, incident_id=crash, callsign="AMB-UTR-1", actor="d",
                    settings=Settings.in_memory())
    with seeded.reading() as session:
        assert read_assign_check(session, crash, "RSC-UTR-1").covered_kinds == ()
    with seeded.session() as session:
        assign_unit(session, incident_id=crash, callsign="RSC-UTR-1", actor="d",
                    settings=Settings.in_memory())
    with seeded.reading() as session:
        check = read_assign_check(session, crash, "AMB-TIM-1")
    assert [name for name, _english in check.covered_kinds] == [
        "Ambulans", "Kendaraan Rescue (penyelamatan)"]
