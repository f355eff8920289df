"""Halo Denpasar complaints on the desk: the form that opens a ticket, the
board that finds it again and moves it along, and the supervisor's table
of agencies. Real seeded SQLite database, widgets built on their own."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select, update
from ui_fixtures import db_url  # noqa: F401,E402  (shared fixtures: SQLite only)

from dispatch.bulletins import create_bulletin, end_reading, start_reading
from dispatch.complaints import create_complaint, get_complaint
from dispatch.models import Agency, Complaint, ComplaintCategory, ComplaintEvent
from dispatch.timeutil import to_wita, utcnow
from ui.complaints.agency_editor import AgencyEditor
from ui.complaints.board import ComplaintsBoard
from ui.complaints.form import ComplaintForm
from ui.complaints.labels import OVERDUE_BACKGROUND
from ui.complaints.snapshots import read_complaint_categories
from ui.qt import gui_thread
from ui.qt.translations import switch_language
from ui.qt.worker import BackgroundRunner, DbWorker
from ui.testing import ring

pytestmark = pytest.mark.gui
WAIT_MS = 5000
GATSU = (-8.6350, 115.2290)


def year() -> int:
    return to_wita(utcnow()).year


@pytest.fixture
def worker(qtbot, seeded):
    gui_thread.install()  # the window does this; here the widgets stand alone
    worker, network = DbWorker(seeded), BackgroundRunner("net-test")
    worker.network = network
    yield worker
    worker.shutdown()
    network.shutdown()


@pytest.fixture
def form(qtbot, worker):
    form = ComplaintForm(worker, worker.network, None, "operator-a")
    qtbot.addWidget(form)
    worker.read(read_complaint_categories, form.set_categories)
    qtbot.waitUntil(lambda: form.category_combo.count() > 0, timeout=WAIT_MS)
    form.show()
    return form


@pytest.fixture
def board(qtbot, worker):
    board = ComplaintsBoard(worker, "petugas-b")
    qtbot.addWidget(board)
    worker.read(read_complaint_categories, board.set_categories)
    board.show()
    board.refresh()
    qtbot.waitUntil(lambda: not board.is_busy() and board.category_filter.count() > 1,
                    timeout=WAIT_MS)
    return board


def open_ticket(database, category="lampu_jalan", description="Lampu jalan mati sejak kemarin",
                **extra) -> str:
    extra.setdefault("lat", GATSU[0])
    extra.setdefault("lon", GATSU[1])
    with database.session() as session:
        return create_complaint(session, category_code=category, description=description,
                                actor="lain", **extra).ticket


def counts(database) -> tuple[int, int]:
    with database.reading() as session:
        return (session.scalar(select(func.count(Complaint.id))),
                session.scalar(select(func.count(ComplaintEvent.id))))


def complaint(database, ticket: str) -> dict:
    with database.reading() as session:
        found = get_complaint(session, ticket)
        return {"agency": found.agency.code, "status": str(found.status),
                "channel": str(found.channel), "phone": found.reporter_phone,
                "name": found.reporter_name, "call_id": found.call_id,
                "address": found.address, "lat": found.lat, "lon": found.lon}


def settle(qtbot, *widgets) -> None:
    qtbot.waitUntil(lambda: all(not w.is_busy() for w in widgets), timeout=WAIT_MS)


def searched(qtbot, board, text: str) -> list[str]:
    board.search(text)
    settle(qtbot, board)
    return [row.ticket for row in board.model.rows()]


# ---------------------------------------------------------------- the form

def test_a_complaint_from_a_call_has_the_number_and_reads_back_its_ticket(qtbot, form, seeded):
    event = ring(seeded, "halo-1@test", "081234567890", name="Made")
    form.start_new(event.caller, event.call_id)
    assert form.reporter_phone_edit.text() == "0812-3456-7890"
    assert form.channel() == "call"
    assert f"#{event.call_id}" in form.origin_label.text()
    form.choose_category("lampu_jalan")
    assert "DISHUB" in form.route_label.text() and "72 jam" in form.route_label.text()
    assert "RAHASIA" in form.private_box.title()
    form.location.set_point(*GATSU, address="Jl. Gatot Subroto Timur", source="gazetteer")
    form.reporter_name_edit.setText("I Made Sudarsana")
    form.description_edit.setFocus()
    qtbot.keyClicks(form.description_edit, "Tiga lampu jalan mati depan pasar")

    with qtbot.waitSignal(form.complaintCreated, timeout=WAIT_MS) as created:
        QTest.keyClick(form.description_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    ticket = f"HD-{year()}-000001"
    assert created.args == [ticket]
    assert form.ticket_label.isVisible()
    assert form.ticket_label.text() == f"Tiket {ticket} tersimpan — bacakan ke penelepon"
    assert form.ticket_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert form.ticket_label.font().pointSize() >= 18 and form.ticket_label.font().bold()
    saved = complaint(seeded, ticket)
    assert saved == {"agency": "DISHUB", "status": "received", "channel": "call",
                     "phone": "+6281234567890", "name": "I Made Sudarsana",
                     "call_id": event.call_id, "address": "Jl. Gatot Subroto Timur",
                     "lat": GATSU[0], "lon": GATSU[1]}
    assert form.description_edit.toPlainText() == ""  # ready for the next caller


def test_a_walk_in_needs_no_number_and_an_address_alone_is_a_place(qtbot, form, seeded):
    form.start_new()
    assert form.channel() == "walk_in"
    assert form.reporter_phone_edit.text() == "" and not form.origin_label.isVisible()
    form.channel_combo.setCurrentIndex(form.channel_combo.findData("letter"))
    form.choose_category("sampah_tidak_diangkut")
    form.location.place_edit.setText("Jl. Tukad Badung, depan SD 5")
    form.description_edit.setPlainText("Sampah menumpuk tiga hari")
    with qtbot.waitSignal(form.complaintCreated, timeout=WAIT_MS) as created:
        form.submit_button.click()
    saved = complaint(seeded, created.args[0])
    assert (saved["channel"], saved["phone"], saved["agency"]) == ("letter", None, "DLHK")
    assert (saved["lat"], saved["lon"], saved["address"]) == (None, None,
                                                              "Jl. Tukad Badung, depan SD 5")


@pytest.mark.parametrize("mistake, message", [
    ("no category", "Pilih kategori pengaduan"),
    ("no place", "Tentukan tempat"),
    ("bad number", "Nomor pelapor \"12ab\" tidak dikenali"),
    ("bad latitude", "Lintang tidak valid: \"-95\""),
    ("bad longitude", "Bujur tidak valid: \"1x5\""),
    ("no description", "Tulis uraian masalahnya"),
])
def test_a_bad_input_gives_one_message_and_writes_nothing(qtbot, form, worker, seeded, mistake,
                                                          message):
    form.start_new()
    if mistake != "no category":
        form.choose_category("jalan_rusak")
    if mistake != "no place":
        form.location.set_point(*GATSU)
    if mistake == "bad latitude":
        form.location.lat_edit.setText("-95")
    if mistake == "bad longitude":
        form.location.lon_edit.setText("1x5")
    if mistake == "bad number":
        form.reporter_phone_edit.setText("12ab")
    if mistake != "no description":
        form.description_edit.setPlainText("Lubang besar di tengah jalan")
    form.submit_button.click()
    assert form.message.isVisible() and message in form.message.text()
    assert "\n" not in form.message.text()
    assert not form.ticket_label.isVisible()
    qtbot.waitUntil(worker.is_idle, timeout=WAIT_MS)
    assert counts(seeded) == (0, 0)


def test_the_domains_refusal_is_shown_the_same_way(qtbot, form, worker, seeded):
    form.start_new(call_id=999_999)  # a call that is not in the database
    form.choose_category("jalan_rusak")
    form.location.set_point(*GATSU)
    form.description_edit.setPlainText("Lubang besar")
    form.submit_button.click()
    qtbot.waitUntil(lambda: form.message.text() == "Panggilan 999999 tidak ada.",
                    timeout=WAIT_MS)
    assert not form.ticket_label.isVisible() and form.submit_button.isEnabled()
    assert counts(seeded) == (0, 0)


def test_a_map_click_sets_the_place(qtbot, form, seeded):
    form.start_new()
    form.set_location_from_map(-8.70125, 115.23456)
    assert form.location.coordinates_text() == ("-8.701250", "115.234560")
    form.choose_category("listrik_padam")
    form.description_edit.setPlainText("Listrik padam satu gang")
    with qtbot.waitSignal(form.complaintCreated, timeout=WAIT_MS) as created:
        form.submit()
    saved = complaint(seeded, created.args[0])
    assert (saved["lat"], saved["lon"], saved["agency"]) == (-8.70125, 115.23456, "PLN")


# ---------------------------------------------------------------- the board

def test_search_by_ticket_caller_number_word_and_status(qtbot, board, seeded):
    lamp = open_ticket(seeded, reporter_phone="0812-3456-7890", address="Jl. Hayam Wuruk")
    trash = open_ticket(seeded, "sampah_tidak_diangkut", "Sampah menumpuk di banjar",
                        reporter_phone="081399998888")
    board.refresh()
    settle(qtbot, board)
    assert [row.ticket for row in board.model.rows()] == [trash, lamp]  # newest first

    assert searched(qtbot, board, lamp) == [lamp]
    assert searched(qtbot, board, f"hd {year()} 2") == [trash]
    assert searched(qtbot, board, "0812 3456 7890") == [lamp]
    assert searched(qtbot, board, "+6281399998888") == [trash]
    assert searched(qtbot, board, "sampah") == [trash]
    assert searched(qtbot, board, "lampu hayam") == [lamp]
    assert searched(qtbot, board, "tidak ada kata ini") == []
    with seeded.session() as session:
        from dispatch.complaints import change_status
        change_status(session, ticket=trash, status="forwarded", note="ke DLHK", actor="lain")
    board.status_filter.setCurrentIndex(board.status_filter.findData("forwarded"))
    assert searched(qtbot, board, "") == [trash]
    board.status_filter.setCurrentIndex(0)
    board.agency_filter.setCurrentIndex(board.agency_filter.findData("DISHUB"))
    assert searched(qtbot, board, "") == [lamp]
    board.agency_filter.setCurrentIndex(0)
    board.category_filter.setCurrentIndex(board.category_filter.findData("sampah_tidak_diangkut"))
    assert searched(qtbot, board, "") == [trash]
    board.category_filter.setCurrentIndex(0)
    board.filters.from_check.setChecked(True)
    # From tomorrow: nothing yet.
    board.filters.from_date.setDate(board.filters.from_date.date().addDays(1))
    settle(qtbot, board)
    assert board.model.rowCount() == 0
    board.filters.from_check.setChecked(False)
    settle(qtbot, board)
    assert board.model.rowCount() == 2


def test_overdue_open_tickets_stand_out_and_the_clock_turns_them_red(qtbot, board, seeded):
    late, soon, closed = (open_ticket(seeded, description=d) for d in
                          ("Lampu mati lama", "Lampu mati baru", "Lampu mati sudah beres"))
    now = utcnow()
    with seeded.session() as session:
        for ticket, due in ((late, now - timedelta(hours=5)), (soon, now + timedelta(seconds=2)),
                            (closed, now - timedelta(hours=5))):
            session.execute(update(Complaint).where(Complaint.ticket == ticket)
                            .values(due_at=due))
        session.execute(update(Complaint).where(Complaint.ticket == closed)
                        .values(status="resolved"))
    board.refresh()
    settle(qtbot, board)
    model = board.model

    def looks_late(ticket: str) -> bool:
        position = model.position_of(ticket)
        colour = model.index(position, 0).data(Qt.ItemDataRole.BackgroundRole)
        return colour == QColor(OVERDUE_BACKGROUND) and "terlambat" in model.index(position,
                                                                                   6).data()
    assert looks_late(late)
    assert "5 jam" in model.index(model.position_of(late), 6).data()
    assert not looks_late(soon) and model.index(model.position_of(soon), 6).data().startswith(
        "sisa")
    assert not looks_late(closed) and model.index(model.position_of(closed), 6).data() == ""
    assert board.late_tickets() == {late}

    def ticked_late() -> bool:
        board.tick()  # what the window's one-second timer does
        return looks_late(soon)
    qtbot.waitUntil(ticked_late, timeout=WAIT_MS)
    assert board.late_tickets() == {late, soon}


def test_status_moves_received_forwarded_resolved_with_notes_in_the_history(qtbot, board,
                                                                             seeded):
    ticket = open_ticket(seeded, reporter_name="Ni Luh Putu", reporter_phone="081234567890")
    board.refresh()
    settle(qtbot, board)
    assert not board.change_selected_status("forwarded", "tanpa tiket")  # nothing selected
    assert "Pilih tiket" in board.message.text()
    with qtbot.waitSignal(board.ticketSelected, timeout=WAIT_MS) as selected:
        board.select_ticket(ticket)
    assert selected.args == [ticket]
    pane = board.detail
    qtbot.waitUntil(lambda: pane.detail() is not None, timeout=WAIT_MS)
    assert "Ni Luh Putu" in pane.reporter_label.text()  # the desk may see the reporter
    assert "0812-3456-7890" in pane.reporter_label.text()
    assert "DISHUB" in pane.values["agency"].text()
    assert pane.offered_statuses() == ["forwarded", "rejected"]  # never "resolved" yet

    before = counts(seeded)
    assert not board.change_selected_status("resolved", "sudah menyala")
    assert "tidak bisa pindah" in board.message.text()
    assert not board.change_selected_status("forwarded", "   ")
    assert "Tulis catatan" in board.message.text()
    settle(qtbot, board)
    assert counts(seeded) == before

    pane.choose_status("forwarded")
    pane.note_edit.setText("diteruskan ke Dishub lewat WA")
    pane.change_button.click()
    settle(qtbot, board)
    qtbot.waitUntil(lambda: pane.detail().row.status == "forwarded", timeout=WAIT_MS)
    assert pane.offered_statuses() == ["in_progress", "resolved", "rejected"]
    assert pane.note_edit.text() == ""
    assert board.change_selected_status("resolved", "lampu sudah diganti petugas")
    settle(qtbot, board)
    qtbot.waitUntil(lambda: pane.detail().row.status == "resolved", timeout=WAIT_MS)
    history = pane.history_texts()
    assert len(history) == 3
    assert "petugas-b" in history[0] and "tuntas" in history[0]
    assert "lampu sudah diganti petugas" in history[0]
    assert "petugas-b" in history[1] and "diteruskan ke Dishub lewat WA" in history[1]
    assert "tiket dibuka" in history[2] and "lain" in history[2]
    assert pane.offered_statuses() == [] and not pane.change_button.isEnabled()
    assert board.row_for(ticket).status == "resolved"
    assert not board.change_selected_status("rejected", "salah")
    assert "sudah ditutup" in board.message.text()
    assert complaint(seeded, ticket)["status"] == "resolved"


def test_select_ticket_finds_a_ticket_the_filters_hide(qtbot, board, seeded):
    hidden = open_ticket(seeded)
    board.status_filter.setCurrentIndex(board.status_filter.findData("resolved"))
    assert searched(qtbot, board, "") == []
    with qtbot.waitSignal(board.ticketSelected, timeout=WAIT_MS) as selected:
        board.select_ticket(hidden)
    assert selected.args == [hidden] and board.selected_ticket() == hidden
    assert board.search_edit.text() == hidden and board.status_filter.currentData() is None
    qtbot.waitUntil(lambda: board.detail.detail() is not None, timeout=WAIT_MS)
    assert board.detail.detail().row.ticket == hidden


def test_on_air_readings_appear_in_the_history(qtbot, board, seeded):
    ticket = open_ticket(seeded)
    with seeded.session() as session:
        bulletin = create_bulletin(session, title="Halo Denpasar pagi", tickets=[ticket],
                                   actor="radio1")
        session.flush()
        reading = start_reading(session, bulletin_id=bulletin.id, reader="penyiar-c")
        session.flush()
        reading_id, bulletin_id = reading.id, bulletin.id
    with seeded.session() as session:
        end_reading(session, reading_id=reading_id, reason="off_air")
    board.refresh()
    settle(qtbot, board)
    board.select_ticket(ticket)
    qtbot.waitUntil(lambda: board.detail.detail() is not None, timeout=WAIT_MS)
    newest = board.detail.history_texts()[0]
    assert "dibacakan di udara" in newest and f"#{bulletin_id}" in newest
    assert "penyiar-c" in newest and "Halo Denpasar pagi" in newest


def test_a_domain_refusal_on_a_status_change_is_shown_and_the_board_catches_up(qtbot, board,
                                                                              seeded):
    ticket = open_ticket(seeded)
    board.refresh()
    settle(qtbot, board)
    board.select_ticket(ticket)
    qtbot.waitUntil(lambda: board.detail.detail() is not None, timeout=WAIT_MS)
    with seeded.session() as session:  # another desk rejects it meanwhile
        from dispatch.complaints import change_status
        change_status(session, ticket=ticket, status="rejected", note="duplikat", actor="lain")
    assert board.change_selected_status("forwarded", "diteruskan")
    settle(qtbot, board)
    assert board.message.text() == (f"{ticket} sudah ditolak dan ditutup: buka tiket baru yang "
                                    "merujuknya.")
    qtbot.waitUntil(lambda: board.detail.detail().row.status == "rejected", timeout=WAIT_MS)
    assert complaint(seeded, ticket)["status"] == "rejected"


# ---------------------------------------------------------------- the agencies

def test_the_editor_reroutes_a_category_and_new_complaints_follow(qtbot, worker, form, seeded):
    editor = AgencyEditor(worker, "supervisor")
    qtbot.addWidget(editor)
    editor.show()
    editor.refresh()
    settle(qtbot, editor)
    old = open_ticket(seeded)  # opened before the change: keeps DISHUB
    combo = editor.agency_combo("lampu_jalan")
    assert combo.currentData() == "DISHUB"
    combo.setCurrentIndex(combo.findData("PLN"))  # what choosing in the combo does
    settle(qtbot, editor)
    assert "lampu_jalan" in editor.message.text() and "PLN" in editor.message.text()
    assert editor.agency_of("lampu_jalan") == "PLN"
    assert editor.agency_combo("lampu_jalan").currentData() == "PLN"
    with seeded.reading() as session:
        assert session.get(ComplaintCategory, "lampu_jalan").agency.code == "PLN"

    worker.read(read_complaint_categories, form.set_categories)
    form.start_new()
    form.choose_category("lampu_jalan")
    qtbot.waitUntil(lambda: "PLN" in form.route_label.text(), timeout=WAIT_MS)
    form.location.set_point(*GATSU)
    form.description_edit.setPlainText("Lampu jalan mati lagi")
    with qtbot.waitSignal(form.complaintCreated, timeout=WAIT_MS) as created:
        form.submit()
    assert complaint(seeded, created.args[0])["agency"] == "PLN"
    assert complaint(seeded, old)["agency"] == "DISHUB"


def test_the_supervisor_adds_and_edits_an_agency_and_refusals_write_nothing(qtbot, worker,
                                                                           seeded):
    editor = AgencyEditor(worker, "supervisor")
    qtbot.addWidget(editor)
    editor.refresh()
    settle(qtbot, editor)
    editor.new_agency()
    editor.code_edit.setText("diskominfo")
    editor.name_edit.setText("Dinas Komunikasi dan Informatika")
    editor.phone_edit.setText("0361-223344")
    editor.save_button.click()
    settle(qtbot, editor)
    row = editor.agency_model.row_for("DISKOMINFO")
    assert (row.name, row.phone, row.active) == ("Dinas Komunikasi dan Informatika",
                                                 "0361-223344", True)
    assert editor.code_edit.isReadOnly()  # selected: editing it, not making another
    assert editor.agency_combo("lampu_jalan").findData("DISKOMINFO") >= 0
    assert editor.save_agency("DISKOMINFO", "Diskominfo Kota Denpasar", "0361-999")
    settle(qtbot, editor)
    assert editor.agency_model.row_for("DISKOMINFO").name == "Diskominfo Kota Denpasar"

    with seeded.reading() as session:
        agencies = session.scalar(select(func.count(Agency.id)))
    assert not editor.save_agency("BARU", "  ")
    assert "Isi nama instansi" in editor.message.text()
    assert editor.save_agency("bad code!", "Nama")  # the domain's own refusal
    settle(qtbot, editor)
    assert "harus 2–32 huruf, angka atau _" in editor.message.text()
    assert editor.save_agency("PLN", "PT PLN", active=False)  # still handles listrik_padam
    settle(qtbot, editor)
    assert "listrik_padam" in editor.message.text()
    with seeded.reading() as session:
        assert session.scalar(select(func.count(Agency.id))) == agencies
        assert session.scalar(select(Agency).where(Agency.code == "PLN")).active


# ---------------------------------------------------------------- language

def test_switching_language_relabels_the_seeded_names_live(qtbot, worker, form, board, seeded):
    open_ticket(seeded)
    editor = AgencyEditor(worker, "supervisor")
    qtbot.addWidget(editor)
    board.refresh()
    editor.refresh()
    settle(qtbot, board, editor)
    form.choose_category("lampu_jalan")
    try:
        assert switch_language("en"), "the English .qm is built by `make translations`"
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        qtbot.waitUntil(lambda: form.category_combo.currentText() == "Street light out",
                        timeout=WAIT_MS)
        assert board.model.index(0, 2).data() == "Street light out"
        assert board.category_filter.itemText(
            board.category_filter.findData("lampu_jalan")) == "Street light out"
        table = editor.category_table
        assert "Street light out" in {table.item(r, 0).text() for r in range(table.rowCount())}
        assert "DISHUB" in form.route_label.text()  # rebuilt, not lost, by retranslate
    finally:
        switch_language("id")
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    qtbot.waitUntil(lambda: form.category_combo.currentText().startswith("Lampu penerangan"),
                    timeout=WAIT_MS)
    assert board.model.index(0, 2).data().startswith("Lampu penerangan")
