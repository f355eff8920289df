"""The incident, whole, in the window: the detail dock follows the incidents
board and shows the caller's number, the calls, the units with their times
and the timeline; notes, corrections (with the service-area question),
closing and cancelling with a disposition, from the keyboard."""
from __future__ import annotations

import pytest
from incident_ui_helpers import (
    CTRL_SHIFT,
    WAIT_MS,
    answer_question,
    button_texts,
    make_incident,
    press,
    question_of,
    stored,
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import update
from ui_fixtures import db_url, shown_desk  # noqa: F401,E402  (shared fixtures)

from dispatch.assignments import assign_unit, change_unit_status, close_incident
from dispatch.incidents import add_note, add_report, correct_incident
from dispatch.models import IncidentEvent
from dispatch.settings import Settings
from dispatch.units import get_unit
from ui.testing import ring

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def desk(qtbot, seeded):
    """A dispatcher's desk (its layout shows the detail), with the incident types read."""
    def ready(window) -> bool:
        return bool(window.incident_detail._types)
    with shown_desk(qtbot, seeded, ready) as window:
        window.switch_role("dispatcher")
        yield window


def shown(qtbot, desk, incident_id: int):
    """Select the incident on the board; the detail once it shows it."""
    board, detail = desk.incidents_board, desk.incident_detail
    qtbot.waitUntil(lambda: board.model.position_of(incident_id) >= 0, timeout=WAIT_MS)
    board.select_incident(incident_id)
    qtbot.waitUntil(lambda: detail.detail() is not None and detail.detail().id == incident_id,
                    timeout=WAIT_MS)
    return detail


def unit_cells(detail, callsign: str) -> list[str]:
    model = detail.units_model
    position = next(i for i, row in enumerate(model.rows()) if row.callsign == callsign)
    return [model.index(position, column).data() for column in range(model.columnCount())]


def test_the_detail_shows_the_caller_calls_units_and_timeline(qtbot, desk, seeded):
    first = ring(seeded, "detail-1@test", "081299990000", name="Wayan")
    second = ring(seeded, "detail-2@test", "081211112222", name="Made")
    incident_id = make_incident(seeded, address="Toko Sinar, Jl. Gatot Subroto 12",
                                notes="asap tebal, dua orang masih di dalam",
                                caller="081299990000", call_id=first.call_id)
    with seeded.session() as session:
        add_report(session, incident_id=incident_id, actor="calltaker", call_id=second.call_id,
                   caller="081211112222", note="api membesar")
        assign_unit(session, incident_id=incident_id, callsign="PMK-UTR-1", actor="made",
                    settings=Settings.in_memory())
        change_unit_status(session, callsign="PMK-UTR-1", status="en_route", actor="made")
        add_note(session, incident_id=incident_id, text="jalan macet, lewat Jl. Cokroaminoto",
                 actor="made")
    assert desk.docks["incident_detail"].isVisible()  # the dispatcher's layout shows it
    detail = shown(qtbot, desk, incident_id)
    assert detail.title_label.text().startswith(f"#{incident_id} · Kebakaran · P1")
    assert detail.values["caller"].text() == "Wayan · 0812-9999-0000"  # the callback number
    assert detail.values["notes"].text() == "asap tebal, dua orang masih di dalam"
    assert detail.values["address"].text() == "Toko Sinar, Jl. Gatot Subroto 12"
    assert detail.values["place"].text() == "-8.632000, 115.214000"
    calls = detail.values["calls"].text().splitlines()
    assert calls[0].startswith(f"#{first.call_id} ·") and "0812-9999-0000" in calls[0]
    assert "membuka kejadian" in calls[0]
    assert calls[1].startswith(f"#{second.call_id} ·") and "laporan tambahan" in calls[1]
    cells = unit_cells(detail, "PMK-UTR-1")
    assert cells[1] == "dalam perjalanan"
    assert cells[2] and cells[3]  # assigned and en route, each with its time
    assert cells[4:] == ["", ""]  # not on scene, not cleared yet
    timeline = detail.timeline_texts()
    assert timeline[0].endswith("made · catatan: jalan macet, lewat Jl. Cokroaminoto")
    assert "WITA" in timeline[0]
    assert any("PMK-UTR-1 dalam perjalanan" in line for line in timeline)
    assert any("status: terbuka → unit dikirim" in line for line in timeline)
    # The type by its name in the desk's language, not its code.
    assert timeline[-1].split(" · ")[1:3] == ["calltaker", "dibuat: Kebakaran P1"]

    with seeded.session() as session:  # another desk: the detail follows
        change_unit_status(session, callsign="PMK-UTR-1", status="on_scene", actor="made")
    qtbot.waitUntil(lambda: unit_cells(detail, "PMK-UTR-1")[1] == "di lokasi", timeout=WAIT_MS)
    assert unit_cells(detail, "PMK-UTR-1")[4]  # the time it arrived


def what_the_timeline_says(detail) -> list[str]:
    """Each line without its time and who: "kind: what", newest first."""
    return [line.split(" · ", 2)[2] for line in detail.timeline_texts()]


def test_the_timeline_is_said_from_its_values_in_each_language(qtbot, desk, seeded):
    """Every kind of entry the domain writes, said in Indonesian and in English
    from its values; one written before they were kept reads as written."""
    call = ring(seeded, "timeline-1@test", "081255556666", name="Ketut")
    medic = make_incident(seeded, "medis", (None, None))
    fire = make_incident(seeded, "kebakaran", (-8.60, 115.22))
    settings = Settings.in_memory()
    with seeded.session() as session:
        assign_unit(session, incident_id=medic, callsign="AMB-BRT-1", actor="made",
                    settings=settings, area="Denpasar Barat")
    with seeded.session() as session:
        correct_incident(session, incident_id=medic, actor="made", lat=-8.656, lon=115.201)
    with seeded.session() as session:
        correct_incident(session, incident_id=medic, actor="made", priority=4,
                         address="Warung Men Sari, Jl. Imam Bonjol")
        add_report(session, incident_id=medic, actor="calltaker", call_id=call.call_id,
                   note="tetangga juga melapor")
        change_unit_status(session, callsign="AMB-BRT-1", status="en_route", actor="made")
    with seeded.session() as session:
        assign_unit(session, incident_id=fire, callsign="AMB-BRT-1", actor="made",
                    settings=settings, reassign_reason="korban luka bakar")
        # As if opened before the desk kept an entry's values: its English alone.
        session.execute(update(IncidentEvent).where(IncidentEvent.incident_id == medic,
                                                    IncidentEvent.kind == "created")
                        .values(data=None))
    priority = stored(seeded, medic).event_texts[0].split()[1]  # the type's own: "P2"
    detail = shown(qtbot, desk, medic)
    with seeded.session() as session:  # another desk closes it: the detail follows
        close_incident(session, incident_id=medic, actor="made", disposition="referred",
                       note="dirujuk ke RSUP Sanglah")
    qtbot.waitUntil(lambda: "selesai" in what_the_timeline_says(detail)[0], timeout=WAIT_MS)
    assert what_the_timeline_says(detail) == [
        "status: unit dikirim → selesai: diteruskan ke instansi lain: dirujuk ke RSUP Sanglah",
        f"unit: AMB-BRT-1 lepas dari kejadian (dipindah ke kejadian #{fire}: "
        "korban luka bakar)",
        "unit: AMB-BRT-1 dalam perjalanan",
        f"laporan tambahan: panggilan #{call.call_id}: tetangga juga melapor",
        f"koreksi: prioritas {priority[1:]} → 4, alamat (belum diketahui) → Warung Men Sari, "
        "Jl. Imam Bonjol",
        "lokasi ditemukan: lintang (belum diketahui) → -8.656, bujur (belum diketahui) → 115.201",
        "status: terbuka → unit dikirim",
        "unit: AMB-BRT-1 ditugaskan ke Denpasar Barat (lokasi belum diketahui)",
        f"dibuat: medis {priority} (place unknown)",  # written before: the domain's words
    ]

    desk.desk_actions["language_en"].trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    qtbot.waitUntil(lambda: what_the_timeline_says(detail)[0].startswith("status: unit disp"),
                    timeout=WAIT_MS)
    assert what_the_timeline_says(detail) == [
        "status: unit dispatched → closed: referred to another agency: dirujuk ke RSUP Sanglah",
        f"unit: AMB-BRT-1 cleared from the incident (moved to incident #{fire}: "
        "korban luka bakar)",
        "unit: AMB-BRT-1 en route",
        f"another report: call #{call.call_id}: tetangga juga melapor",
        f"correction: priority {priority[1:]} → 4, address (not known) → Warung Men Sari, "
        "Jl. Imam Bonjol",
        "located: latitude (not known) → -8.656, longitude (not known) → 115.201",
        "status: open → unit dispatched",
        "unit: AMB-BRT-1 dispatched to Denpasar Barat (location not known yet)",
        f"created: medis {priority} (place unknown)",
    ]


def test_a_note_from_the_keyboard_is_timestamped_and_signed(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    detail = shown(qtbot, desk, incident_id)
    press(qtbot, desk, Qt.Key.Key_N, CTRL_SHIFT)
    assert detail.note_edit.hasFocus()
    press(qtbot, desk, Qt.Key.Key_Return)  # nothing typed: refused, nothing written
    assert "Tulis catatannya dulu" in detail.message.text()
    QTest.keyClicks(detail.note_edit, "penelepon: korban sudah keluar")
    press(qtbot, desk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.timeline_texts()[0].endswith(
        "operator · catatan: penelepon: korban sudah keluar"), timeout=WAIT_MS)
    assert detail.note_edit.text() == ""
    incident = stored(seeded, incident_id)
    assert incident.event_kinds.count("note") == 1
    assert (incident.event_kinds[-1], incident.event_texts[-1], incident.event_actors[-1]) == (
        "note", "penelepon: korban sudah keluar", "operator")


def test_correcting_priority_and_place_updates_the_timeline_and_the_board(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    detail = shown(qtbot, desk, incident_id)
    press(qtbot, desk, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: detail.correct_dialog is not None
                    and detail.correct_dialog.isVisible(), timeout=WAIT_MS)
    dialog = detail.correct_dialog
    assert dialog.priority_spin.value() == 1
    assert dialog.location.coordinates_text() == ("-8.632000", "115.214000")
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    assert dialog.type_combo.hasFocus()
    QTest.keyClick(dialog.type_combo, Qt.Key.Key_Return, CTRL)  # nothing changed: refused
    assert "Tidak ada yang diubah" in dialog.message.text()
    dialog.priority_spin.setValue(3)
    dialog.location.set_point(-8.6600, 115.2100, address="Jl. Teuku Umar 5")
    QTest.keyClick(dialog.priority_spin, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: detail.correct_dialog is None, timeout=WAIT_MS)
    incident = stored(seeded, incident_id)
    assert (incident.priority, incident.lat, incident.lon) == (3, -8.66, 115.21)
    assert incident.event_kinds[-1] == "corrected" and incident.event_actors[-1] == "operator"
    qtbot.waitUntil(lambda: "prioritas 1 → 3" in detail.timeline_texts()[0], timeout=WAIT_MS)
    assert "lintang -8.632 → -8.66" in detail.timeline_texts()[0]
    assert "dikoreksi" in detail.message.text()
    board = desk.incidents_board.model
    qtbot.waitUntil(lambda: board.row_for(incident_id).priority == 3, timeout=WAIT_MS)
    assert board.row_for(incident_id).address == "Jl. Teuku Umar 5"


def test_a_correction_outside_the_service_area_is_asked_about(qtbot, desk, seeded):
    incident_id = make_incident(seeded)
    detail = shown(qtbot, desk, incident_id)
    detail.open_correct()
    qtbot.waitUntil(lambda: detail.correct_dialog is not None, timeout=WAIT_MS)
    dialog = detail.correct_dialog
    dialog.location.set_point(-8.80, 115.22)  # 3.5 km south of the border, in the sea
    dialog.save_button.click()
    box = question_of(qtbot, detail)
    assert button_texts(box) == {"yes": "Simpan tetap", "no": "Perbaiki lokasi"}
    QTest.keyClick(box, Qt.Key.Key_Escape)  # the default: No
    qtbot.waitUntil(lambda: detail.question is None, timeout=WAIT_MS)
    qtbot.waitUntil(desk.is_settled, timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.location.coordinates_text() == ("-8.800000",
                                                                         "115.220000")
    assert dialog.message.isVisible()
    assert stored(seeded, incident_id).lat == -8.632  # nothing written
    dialog.save_button.click()
    answer_question(qtbot, detail, yes=True)
    qtbot.waitUntil(lambda: detail.correct_dialog is None, timeout=WAIT_MS)
    assert (stored(seeded, incident_id).lat, stored(seeded, incident_id).lon) == (-8.8, 115.22)


def test_closing_and_cancelling_ask_how_it_ended(qtbot, desk, seeded):
    fire = make_incident(seeded)
    prank = make_incident(seeded, "medis", (-8.67, 115.22))
    with seeded.session() as session:
        assign_unit(session, incident_id=fire, callsign="PMK-UTR-1", actor="made",
                    settings=Settings.in_memory())
    detail = shown(qtbot, desk, fire)
    press(qtbot, desk, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: detail.close_dialog is not None and detail.close_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = detail.close_dialog
    combo = dialog.disposition_combo
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == ["ditangani", "diteruskan ke instansi lain", "tidak perlu tindakan"]
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)  # the keys go to the dialog
    dialog.choose("referred")
    QTest.keyClicks(dialog.note_edit, "kabel putus: diteruskan ke PLN")
    QTest.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.incidents_board.model.position_of(fire) < 0, timeout=WAIT_MS)
    incident = stored(seeded, fire)
    assert (incident.status, incident.disposition, incident.active_units) == (
        "closed", "referred", ())
    assert incident.event_texts[-1].endswith("referred: kabel putus: diteruskan ke PLN")
    with seeded.reading() as session:
        assert str(get_unit(session, "PMK-UTR-1").status) == "available"
    qtbot.waitUntil(lambda: "selesai · diteruskan ke instansi lain"
                    in detail.title_label.text(), timeout=WAIT_MS)  # still in view, closed
    assert not detail.correct_button.isEnabled() and not detail.close_button.isEnabled()

    detail = shown(qtbot, desk, prank)
    press(qtbot, desk, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: detail.close_dialog is not None and detail.close_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = detail.close_dialog
    offered = [dialog.disposition_combo.itemData(i)
               for i in range(dialog.disposition_combo.count())]
    assert offered == ["false_alarm", "duplicate", "prank", "caller_cancelled"]
    dialog.choose("prank")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: desk.incidents_board.model.position_of(prank) < 0, timeout=WAIT_MS)
    assert (stored(seeded, prank).status, stored(seeded, prank).disposition) == ("cancelled",
                                                                                 "prank")
    assert "dibatalkan: panggilan iseng" in detail.message.text()


def test_the_incident_actions_are_in_the_menu_with_their_keys(qtbot, desk):
    menu = desk.desk_actions.menus["incidents"]
    for name, key in (("incident_note", "Ctrl+Shift+N"), ("incident_correct", "Ctrl+Shift+E"),
                      ("incident_close", "Ctrl+Shift+X"), ("incident_cancel", "Ctrl+Shift+C")):
        action = desk.desk_actions[name]
        assert action in menu.actions()
        assert action.shortcut().toString() == key and action.toolTip().endswith(f"({key})")
    desk.desk_actions["incident_correct"].trigger()  # nothing selected: one line, no dialog
    assert "Pilih kejadian" in desk.incident_detail.message.text()
    assert desk.incident_detail.correct_dialog is None
