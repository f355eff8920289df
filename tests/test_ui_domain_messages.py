"""The desk's refusals reach the window in the operator's language: the
domain raises an English message with a code (dispatch/errors.py), and the
window says it from its own translated table (ui/qt/domain_messages.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_fixtures import db_url, desk  # noqa: F401,E402  (shared fixtures)

from dispatch.assignments import assign_unit, change_unit_status
from dispatch.enums import ComplaintStatus, UnitStatus
from dispatch.errors import DeskError, IllegalTransition, InvalidInput
from dispatch.incidents import create_incident
from dispatch.settings import Settings
from radio.drivers.base import RelayFault
from radio.onair import Fault
from telephony.link.wire import error_from_plain, error_to_plain
from ui.qt import domain_messages
from ui.qt.translations import current_language, switch_language
from ui.qt.worker import describe_error

WAIT_MS = 5000


@pytest.fixture
def english(qapp):
    """English for the test, Bahasa Indonesia again after it (the language
    is process-wide)."""
    assert switch_language("en"), "run `make translations`"
    yield
    switch_language("id")


def refused_change() -> IllegalTransition:
    return IllegalTransition("PMK-BRT-1 cannot go from available to on scene",
                             code="unit.cannot_change", callsign="PMK-BRT-1",
                             before=UnitStatus.AVAILABLE, after=UnitStatus.ON_SCENE)


def test_a_refusal_reads_in_indonesian_with_its_enums_translated(qapp):
    assert current_language() == "id"
    assert describe_error(refused_change()) == (
        "PMK-BRT-1 tidak bisa berubah dari tersedia ke di lokasi.")


def test_the_same_refusal_reads_in_english_after_the_switch(english):
    assert describe_error(refused_change()) == "PMK-BRT-1 cannot go from available to on scene."


def test_enums_that_crossed_the_engine_link_as_strings_are_translated_too(qapp):
    received = error_from_plain(error_to_plain(refused_change()))
    assert received.params["before"] == "available"
    assert describe_error(received) == "PMK-BRT-1 tidak bisa berubah dari tersedia ke di lokasi."


def test_words_and_nested_refusals_are_translated(qapp):
    too_long = InvalidInput("reporter name is longer than 128 characters", code="text.too_long",
                            what="reporter name", limit=128)
    assert describe_error(too_long) == "Isian nama pelapor lebih panjang dari 128 karakter."
    closed = IllegalTransition("HD-2026-000001 is resolved and closed: open a new ticket that "
                               "quotes it", code="complaint.closed", ticket="HD-2026-000001",
                               status=ComplaintStatus.RESOLVED)
    assert describe_error(closed) == (
        "HD-2026-000001 sudah tuntas dan ditutup: buka tiket baru yang merujuknya.")
    silent = RelayFault("relay on socket://x:1 did not answer 'ON 1' within 0.5 s",
                        link_lost=True, code="relay.silent", device="relay", port="socket://x:1",
                        command="ON 1", timeout=0.5)
    not_connected = RelayFault("relay not connected: " + str(silent),
                               code="relay.not_connected", fault=silent)
    assert describe_error(not_connected) == (
        "Relai tidak tersambung: Perangkat relai di socket://x:1 tidak menjawab perintah ON 1 "
        "dalam 0.5 dtk.")


def test_a_studio_fault_event_reads_in_the_operators_language(qapp):
    fault = Fault.of(RelayFault("relay 2 reads off behind the desk's back",
                                code="relay.changed_behind", channel=2, got="off"),
                     was_on_air=True)
    assert fault.message == "relay 2 reads off behind the desk's back"
    assert domain_messages.describe_code(fault.code, fault.params, fault.message) == (
        "Relai 2 terbaca mati tanpa perintah dari desk.")


@pytest.mark.parametrize("error", [
    DeskError("something new", code="brand.new_code", x=1),  # a code the table lacks
    DeskError("no call 3"),  # an older engine's refusal: no code at all
    IllegalTransition("X cannot go", code="unit.cannot_change", callsign="X"),  # values lost
])
def test_what_the_table_cannot_say_falls_back_to_the_english_message(qapp, error):
    assert describe_error(error) == str(error)


# ------------------------------------------------------------------ in the window

def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


@pytest.mark.gui
def test_the_units_board_shows_a_domain_refusal_in_indonesian_then_in_english(qtbot, desk,
                                                                              seeded):
    """The board said "dispatched" but another desk cleared the unit meanwhile:
    the domain refuses "on scene", and the board says so in the window's
    language, before and after the switch."""
    with seeded.session() as session:
        incident_id = create_incident(session, type_code="kebakaran", lat=-8.632, lon=115.214,
                                      actor="test", address="Jl. Gatot Subroto").id
    board = desk.units_board
    desk.feed.close()  # hear of the other desk's changes only on a reload

    def refused_on_scene() -> None:
        """Show the unit dispatched, clear it behind the board's back, press F7."""
        with seeded.session() as session:
            assign_unit(session, incident_id=incident_id, callsign="PMK-UTR-1", actor="d",
                        settings=Settings.in_memory())
        desk.desk_actions["refresh"].trigger()
        qtbot.waitUntil(lambda: board.status_of("PMK-UTR-1") == "dispatched", timeout=WAIT_MS)
        with seeded.session() as session:
            change_unit_status(session, callsign="PMK-UTR-1", status="available", actor="other")
        board.message.clear_message()
        board.select_unit("PMK-UTR-1")
        press(qtbot, desk, Qt.Key.Key_F7)

    refused_on_scene()
    indonesian = "PMK-UTR-1 tidak bisa berubah dari tersedia ke di lokasi."
    qtbot.waitUntil(lambda: board.message.text() == indonesian, timeout=WAIT_MS)
    assert desk.statusBar().currentMessage() == indonesian

    try:
        desk.switch_language("en")
        assert current_language() == "en", "run `make translations`"
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        refused_on_scene()
        english = "PMK-UTR-1 cannot go from available to on scene."
        qtbot.waitUntil(lambda: board.message.text() == english, timeout=WAIT_MS)
        assert desk.statusBar().currentMessage() == english
    finally:
        desk.switch_language("id")
