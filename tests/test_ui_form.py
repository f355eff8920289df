"""The incident form: typed input with gazetteer completion, the caller's
number from the active call, map clicks, and refusals that write nothing."""
from __future__ import annotations

import pytest
from incident_ui_helpers import answer_question, button_texts, press, question_of, stored
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select
from ui_fixtures import db_url, shown_desk  # noqa: F401,E402  (shared fixtures)

from dispatch.incidents import create_incident
from dispatch.models import Incident
from ui.testing import answer, ring

pytestmark = pytest.mark.gui
WAIT_MS = 5000


@pytest.fixture
def desk(qtbot, seeded):
    """The shared desk, once the form also has its incident types."""
    with shown_desk(qtbot, seeded, lambda w: w.incident_form.type_combo.count() > 0) as window:
        yield window


def incidents_in(database) -> list[Incident]:
    with database.reading() as session:
        rows = list(session.scalars(select(Incident).order_by(Incident.id)))
        session.expunge_all()  # keep the loaded values readable after the session
        return rows


def count_incidents(database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count(Incident.id)))


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_typed_incident_with_gazetteer_completion_is_created_and_selected(qtbot, desk, seeded):
    form = desk.incident_form
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new incident
    form.choose_type("pohon_tumbang")
    assert form.priority_spin.value() == 2  # the type's default priority
    place = form.location.place_edit
    type_into(qtbot, place, "sanur ka")
    popup = form.location.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    first = popup.model().index(0, 0).data()
    assert first.startswith("Sanur Kaja")
    popup.setCurrentIndex(popup.model().index(0, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert place.text() == first
    lat, lon = form.location.coordinates_text()
    assert lat and lon
    assert "gazetteer" in form.location.source_label.text()
    type_into(qtbot, form.notes_edit, "pohon besar menutup jalan")

    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS) as created:
        QTest.keyClick(form.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [incident] = incidents_in(seeded)
    assert created.args == [incident.id]
    assert (incident.type_code, incident.priority, incident.address) == ("pohon_tumbang", 2, first)
    assert (round(incident.lat, 5), round(incident.lon, 5)) == (round(float(lat), 5),
                                                                round(float(lon), 5))
    assert incident.notes == "pohon besar menutup jalan" and incident.created_by == "operator"
    qtbot.waitUntil(lambda: desk.incidents_board.selected_incident() == incident.id,
                    timeout=WAIT_MS)
    assert form.location.place_edit.text() == ""  # ready for the next call


@pytest.mark.parametrize("lat, lon, complaint", [
    ("-95", "115.2", "Lintang tidak valid"),
    ("abc", "115.2", "Lintang tidak valid"),
    ("-8.65", "190", "Bujur tidak valid"),
    ("nan", "115.2", "Lintang tidak valid"),
    ("", "", "Tentukan lokasi"),
])
def test_bad_coordinates_show_one_message_and_write_nothing(qtbot, desk, seeded, lat, lon,
                                                            complaint):
    form = desk.incident_form
    form.start_new()
    form.choose_type("kebakaran")
    form.location.lat_edit.setText(lat)
    form.location.lon_edit.setText(lon)
    form.submit_button.click()
    assert form.message.isVisible() and complaint in form.message.text()
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert count_incidents(seeded) == 0


def test_a_missing_type_and_a_bad_caller_number_are_refused(qtbot, desk, seeded):
    form = desk.incident_form
    form.start_new()
    form.location.set_point(-8.65, 115.22)
    form.submit_button.click()
    assert "Pilih jenis kejadian" in form.message.text()
    form.choose_type("medis")
    form.caller_edit.setText("bukan nomor")
    form.submit_button.click()
    assert "tidak dikenali" in form.message.text()
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert count_incidents(seeded) == 0


def test_decimal_comma_coordinates_and_a_map_click(qtbot, desk, seeded):
    form = desk.incident_form
    form.start_new()
    form.choose_type("banjir")
    form.location.lat_edit.setText("-8,6700")
    form.location.lon_edit.setText("115,2100")
    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS):
        form.submit_button.click()
    desk.map_panel.locationPicked.emit(-8.70125, 115.23456)  # what a click on the map sends
    assert form.location.coordinates_text() == ("-8.701250", "115.234560")
    assert "peta" in form.location.source_label.text()
    form.choose_type("banjir")
    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS):
        form.submit_button.click()
    first, second = incidents_in(seeded)
    assert (first.lat, first.lon) == (-8.67, 115.21)
    assert (second.lat, second.lon) == (-8.70125, 115.23456)


def test_form_from_the_active_call_has_its_number_and_last_location(qtbot, desk, seeded):
    with seeded.session() as session:  # an earlier incident from this number
        create_incident(session, type_code="pohon_tumbang", lat=-8.6612, lon=115.2301, actor="t",
                        caller="081299990000")
    event = ring(seeded, "form-call@test", "081299990000", name="Wayan")
    desk.calls_panel.on_call_event(event)
    desk.calls_panel.on_call_event(answer(seeded, event))
    qtbot.waitUntil(lambda: desk.calls_panel.active is not None, timeout=WAIT_MS)
    form = desk.incident_form
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.caller_edit.text() == "0812-9999-0000"
    assert form.type_combo.hasFocus()
    button = form.location.caller_location_button
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    qtbot.keyClick(form.type_combo, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert form.location.coordinates_text() == ("-8.661200", "115.230100")
    form.choose_type("medis")
    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS):
        form.submit_button.click()
    latest = incidents_in(seeded)[-1]
    assert (latest.caller_number, latest.call_id) == ("+6281299990000", event.call_id)


def test_address_search_runs_off_the_gui_thread_and_offers_places(qtbot, desk):
    form = desk.incident_form
    form.start_new()
    form.location.place_edit.setText("Renon")
    form.location.search_button.click()
    assert not form.location.search_button.isEnabled()  # busy until the answer is back
    qtbot.waitUntil(lambda: form.location.results.count() > 0, timeout=WAIT_MS)
    assert form.location.search_button.isEnabled()
    assert "Renon" in form.location.results.itemText(0)
    assert form.location.coordinates_text()[0] != ""


def test_a_place_unknown_incident_is_marked_and_sent_only_to_a_chosen_area(qtbot, desk, seeded):
    form = desk.incident_form
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form.choose_type("medis")
    type_into(qtbot, form.notes_edit, "tidak tahu di mana, dekat warung biru")
    qtbot.keyClick(form.notes_edit, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the box is ticked a moment later.
    qtbot.waitUntil(form.place_unknown_check.isChecked, timeout=WAIT_MS)
    assert not form.location.isEnabled()
    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS) as created:
        QTest.keyClick(form.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [incident_id] = created.args
    [incident] = incidents_in(seeded)
    assert (incident.lat, incident.lon, incident.address) == (None, None, "")
    assert "tanpa lokasi" in form.message.text()
    assert not form.place_unknown_check.isChecked() and form.location.isEnabled()  # next call

    board = desk.incidents_board
    qtbot.waitUntil(lambda: board.selected_incident() == incident_id, timeout=WAIT_MS)
    place_column = board.model.columnCount() - 1
    assert "lokasi belum diketahui" in board.model.index(0, place_column).data()
    detail = desk.incident_detail
    qtbot.waitUntil(lambda: detail.detail() is not None and detail.detail().id == incident_id,
                    timeout=WAIT_MS)
    assert not detail.place_warning.isHidden()
    assert "lokasi belum diketahui" in detail.values["place"].text()

    panel = desk.recommend_panel
    qtbot.waitUntil(lambda: not panel.area_row.isHidden(), timeout=WAIT_MS)
    assert "belum diketahui" in panel.heading.text() and panel.recommendations() == []
    desk.desk_actions["assign_first"].trigger()  # F9 with no area: refused, nothing sent
    assert "pilih daerah tujuan" in panel.message.text()
    qtbot.waitUntil(lambda: panel.area_combo.count() > 0, timeout=WAIT_MS)
    assert panel.area_combo.itemText(0).startswith("Denpasar")  # kecamatan first
    panel.choose_area("atlantis")
    assert "tidak ada di daftar" in panel.message.text()
    panel.choose_area("denpasar barat")
    qtbot.waitUntil(lambda: len(panel.recommendations()) > 0, timeout=WAIT_MS)
    assert "Denpasar Barat" in panel.heading.text()
    assert all(r.kind == "ambulans" for r in panel.recommendations())
    first = panel.recommendations()[0].callsign
    desk.desk_actions["assign_first"].trigger()
    with qtbot.waitSignal(panel.assigned, timeout=WAIT_MS) as sent:
        text = answer_question(qtbot, panel, yes=True)
    assert first in text and "Denpasar Barat" in text
    assert sent.args == [incident_id, first]
    after = stored(seeded, incident_id)
    assert after.active_units == (first,) and after.lat is None
    assert any("to Denpasar Barat" in line for line in after.event_texts)


def test_a_place_outside_the_service_area_is_saved_only_when_confirmed(qtbot, desk, seeded):
    form = desk.incident_form
    form.start_new()
    form.choose_type("laka_lantas")
    form.location.lat_edit.setText("-8.80")  # Jimbaran-way, beyond the city's border
    form.location.lon_edit.setText("115.17")
    form.submit_button.click()
    box = question_of(qtbot, form)
    assert button_texts(box) == {"yes": "Simpan tetap", "no": "Perbaiki lokasi"}
    assert box.defaultButton().text() == "Perbaiki lokasi"
    answer_question(qtbot, form, yes=False)
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert count_incidents(seeded) == 0
    assert form.location.coordinates_text() == ("-8.80", "115.17")  # the form as it was
    assert form.type_combo.currentData() == "laka_lantas" and form.message.isVisible()

    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS):
        form.submit_button.click()
        answer_question(qtbot, form, yes=True)
    [incident] = incidents_in(seeded)
    assert (incident.lat, incident.lon) == (-8.8, 115.17)


def test_a_slip_north_of_the_equator_is_never_saved_as_typed(qtbot, desk, seeded):
    form = desk.incident_form
    form.start_new()
    form.choose_type("banjir")
    form.location.lat_edit.setText("8.6500")  # the minus sign lost
    form.location.lon_edit.setText("115.2200")
    form.submit_button.click()
    box = question_of(qtbot, form)
    # No "save anyway" for a slip: outside_area would let the typed place through.
    assert button_texts(box) == {"yes": "Pakai -8.650000, 115.220000", "no": "Perbaiki sendiri"}
    answer_question(qtbot, form, yes=True)
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert count_incidents(seeded) == 0  # offered, not saved
    assert form.location.coordinates_text() == ("-8.650000", "115.220000")
    assert desk.focusWidget() is form.location.lat_edit  # where the slip was
    with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS):
        press(qtbot, desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [incident] = incidents_in(seeded)
    assert (incident.lat, incident.lon) == (-8.65, 115.22)
