"""The Halo Denpasar panels inside the desk window: which form a call
opens, where a map click goes, the radio staff's layout, and a desk with no
studio relay configured."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_fixtures import WAIT_MS, db_url, desk, shown_desk  # noqa: F401 - fixtures

from dispatch import paths
from ui.testing import COMPLAINTS_LINE, answer, ring

pytestmark = pytest.mark.gui


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


def in_front(window, name: str) -> bool:
    """Shown and not behind another tab: what the operator actually sees."""
    dock = window.docks[name]
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def answered(qtbot, window, database, number: str, line: str | None = None):
    kwargs = {"line": line} if line else {}
    event = ring(database, f"halo-{number}@test", number, **kwargs)
    window.calls_panel.on_call_event(event)
    window.calls_panel.on_call_event(answer(database, event))
    qtbot.waitUntil(lambda: window.calls_panel.active is not None, timeout=WAIT_MS)
    return event


def test_answering_a_call_on_the_complaints_line_opens_the_complaint_form(qtbot, desk,
                                                                         seeded):
    answered(qtbot, desk, seeded, "081234567801", COMPLAINTS_LINE)
    form = desk.halo.form
    qtbot.waitUntil(lambda: in_front(desk, "complaint_form"), timeout=WAIT_MS)
    assert form.reporter_phone_edit.text().replace("-", "").replace(" ", "") == "081234567801"
    assert not in_front(desk, "form"), "the incident form stays behind its tab"
    # Ctrl+N on the same call would be a detour to the incident form: it
    # brings the complaint form back instead.
    desk.focus_panel("form")
    press(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(desk, "complaint_form"), timeout=WAIT_MS)


def test_an_emergency_call_still_opens_the_incident_form(qtbot, desk, seeded):
    answered(qtbot, desk, seeded, "081234567802")
    assert in_front(desk, "form") and not in_front(desk, "complaint_form")
    press(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.incident_form.caller_edit.text() != "", timeout=WAIT_MS)
    assert in_front(desk, "form")
    # Ctrl+K: the caller also has a complaint (a street light out on the way).
    press(qtbot, desk, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(desk, "complaint_form"), timeout=WAIT_MS)
    assert desk.halo.form.reporter_phone_edit.text() != ""


def test_ctrl_k_without_a_call_is_a_walk_in_complaint(qtbot, desk):
    press(qtbot, desk, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(desk, "complaint_form"), timeout=WAIT_MS)
    assert desk.halo.form.reporter_phone_edit.text() == ""
    assert desk.halo.form.channel() == "walk_in"


def test_a_map_click_fills_the_form_in_front(qtbot, desk):
    desk.open_complaint_form()
    qtbot.waitUntil(lambda: in_front(desk, "complaint_form"), timeout=WAIT_MS)
    desk.map_panel.locationPicked.emit(-8.6701, 115.2123)
    assert desk.halo.form.location.coordinates_text()[0].startswith("-8.670")
    assert desk.incident_form.location.coordinates_text() == ("", "")
    desk.open_incident_form()
    desk.map_panel.locationPicked.emit(-8.6502, 115.2301)
    assert desk.incident_form.location.coordinates_text()[0].startswith("-8.650")


def test_the_radio_staff_see_complaints_bulletin_and_the_studio(qtbot, desk):
    desk.switch_role("radio")
    assert {name for name in desk.docks if in_front(desk, name)} == {
        "complaints", "bulletin", "reading"}
    desk.switch_role("supervisor")
    assert desk.docks["agencies"].isVisible() or not desk.docks["agencies"].isHidden()


def test_with_no_relay_configured_on_air_says_so_and_keys_nothing(qtbot, desk):
    link = desk.halo.on_air
    qtbot.waitUntil(lambda: not link.is_busy(), timeout=WAIT_MS)
    assert not link.available
    press(qtbot, desk, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(desk, "reading"), timeout=WAIT_MS)
    assert not link.on_air
    assert "radio.port" in desk.halo.reading.fault_text() or desk.halo.reading.fault_text()
    assert (paths.config_dir() / "desk-layout.ini").parent.exists()


def test_the_halo_panels_speak_english_on_the_switch(qtbot, desk):
    desk.switch_language("en")
    try:
        # Qt delivers LanguageChange as posted events: wait for the window's turn.
        qtbot.waitUntil(lambda: desk.docks["map"].windowTitle() == "Map", timeout=WAIT_MS)
        titles = {name: desk.docks[name].windowTitle() for name in
                  ("complaints", "complaint_form", "bulletin", "reading", "agencies")}
        assert titles == {"complaints": "Complaints", "complaint_form": "Complaint form",
                          "bulletin": "Bulletin", "reading": "Studio reading view",
                          # Doubled: Qt shows a dock title's "&&" as "&" (one alone
                          # would underline the next letter in the tab and the menu).
                          "agencies": "Agencies && categories"}
        assert desk.halo.form.submit_button.text() == "Save complaint"
        assert desk.halo.reading.on_air_button.text() == "On air"
        assert desk.desk_actions["off_air"].text().replace("&", "") == "Off air (release the relay)"
    finally:
        desk.switch_language("id")
    qtbot.waitUntil(lambda: desk.halo.form.submit_button.text() == "Simpan pengaduan",
                    timeout=WAIT_MS)


def test_a_panel_out_of_sight_shows_the_latest_when_brought_forward(qtbot, desk, seeded):
    from dispatch.complaints import create_complaint
    board = desk.halo.board
    assert not in_front(desk, "complaints")  # a back tab for the call-taker
    with seeded.session() as session:
        ticket = create_complaint(session, category_code="jalan_rusak", lat=-8.66, lon=115.21,
                                  description="Jalan berlubang dalam", actor="other-desk").ticket
    qtbot.waitUntil(lambda: desk.is_settled(), timeout=WAIT_MS)
    press(qtbot, desk, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(desk, "complaints")
                    and board.row_for(ticket) is not None, timeout=WAIT_MS)
