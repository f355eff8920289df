"""The Halo Denpasar path with real parts, through the desk window:

SIPp calls the desk's softphone on the complaints line 0361-244444 → F2
answers and the complaint form opens by itself with the caller's number →
Ctrl+Enter opens a ticket → the complaints board forwards it to the agency,
then resolves it → the bulletin editor puts it in a bulletin → Ctrl+F10 keys
the studio relay (the device simulator behind a socat pty pair shows the
channels on) and F12 releases it → the reading is in the ticket's history →
the PDF for the newspaper holds the ticket and not the reporter's number.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dispatch.bulletins import complaint_history
from dispatch.complaints import get_complaint
from dispatch.enums import CallStatus, ComplaintStatus
from dispatch.models import Call
from ui.testing import close_desk, open_desk

pytestmark = [pytest.mark.gui, pytest.mark.sip, pytest.mark.serial]
pytest_plugins = ["conftest_radio"]
WAIT_MS = 15_000
CHANNELS = {1, 2}
SESETAN = (-8.7046, 115.2224)
CALLER_DIGITS = "08123456701"  # tests/sip/uac_answered.xml, call number 1


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


def keyed(simulator) -> bool:
    state = simulator.relays
    return all(state.get(channel) for channel in CHANNELS)


def all_off(simulator) -> bool:
    return not any(simulator.relays.values())


def private_number_forms(e164: str) -> list[str]:
    """The ways a reporter's number could be printed: +62…, 0…, grouped."""
    national = "0" + e164.removeprefix("+62")
    return [e164, e164.removeprefix("+"), national,
            f"{national[:4]}-{national[4:8]}-{national[8:]}"]


@pytest.mark.timeout(180)
def test_a_complaint_call_goes_on_air_and_into_the_newspaper(qtbot, seeded, socat_pair,
                                                             simulators, tmp_path):
    from pypdf import PdfReader

    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import COMPLAINTS_LINE, Sipp, free_port
    from ui.calls.softphone_bridge import SoftphoneBridge

    # The studio: a Numato board (it reads its relays back) behind a pty pair,
    # left keyed by a crashed desk, as the worst morning would have it.
    simulator = simulators("numato", attach=socat_pair.b, initial={1: True, 2: True})
    desk = open_desk(seeded, actor="siti", settings={
        "radio.port": socat_pair.a, "radio.protocol": "numato",
        "radio.channels_on_air": ["1", "2"], "radio.safety_timeout_s": 600})
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.boards_ready and desk.is_settled(), timeout=WAIT_MS)
    assert simulator.wait_for(all_off, WAIT_MS / 1000), "the desk forces the relay off at start"
    halo = desk.halo

    engine = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=free_port(),
                                               desk_name="desk-1"), actor="siti")
    engine.start()
    bridge = SoftphoneBridge(engine)
    desk.phone.attach_bridge(bridge)
    sipp = None
    try:
        # 1. The call on the complaints line; answering it opens the complaint form.
        sipp = Sipp("uac_answered.xml", engine.config.listen, service=COMPLAINTS_LINE,
                    workdir=tmp_path / "sipp", duration_ms=20_000).start()
        calls_panel = desk.calls_panel
        qtbot.waitUntil(lambda: calls_panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: calls_panel.active is not None
                        and calls_panel.active.state == "connected", timeout=WAIT_MS)
        form = halo.form
        qtbot.waitUntil(lambda: form.isVisible() and desk.docks["complaint_form"].isVisible(),
                        timeout=WAIT_MS)
        with seeded.reading() as session:
            call = session.query(Call).filter_by(sip_call_id=calls_panel.active.sip_call_id).one()
            assert call.status == CallStatus.ANSWERED
            caller, call_id = call.caller_number, call.id
        assert caller == "+62" + CALLER_DIGITS[1:]
        assert re.sub(r"\D", "", form.reporter_phone_edit.text()) == CALLER_DIGITS

        # 2. The ticket, saved from the keyboard.
        form.choose_category("lampu_jalan")
        form.set_location_from_map(*SESETAN)
        form.description_edit.setPlainText("Lampu jalan mati tiga tiang di depan pura")
        form.reporter_name_edit.setText("Budi Santoso")
        with qtbot.waitSignal(form.complaintCreated, timeout=WAIT_MS) as created:
            QTest.keyClick(form.description_edit, Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
        ticket = created.args[0]
        assert re.fullmatch(r"HD-\d{4}-000001", ticket)
        assert ticket in form.ticket_label.text() and form.ticket_label.isVisible()  # read back

        # 3. Forwarded to the agency, then resolved, from the complaints board.
        board = halo.board
        qtbot.waitUntil(lambda: board.selected_ticket() == ticket and not board.is_busy(),
                        timeout=WAIT_MS)
        board.change_selected_status("forwarded", "Diteruskan ke Dishub lewat WhatsApp")
        qtbot.waitUntil(lambda: status_of(seeded, ticket) == ComplaintStatus.FORWARDED,
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not board.is_busy(), timeout=WAIT_MS)
        board.change_selected_status("resolved", "Lampu sudah diganti petugas Dishub")
        qtbot.waitUntil(lambda: status_of(seeded, ticket) == ComplaintStatus.RESOLVED,
                        timeout=WAIT_MS)

        # 4. The radio staff's turn (Ctrl+Alt+3): into a bulletin, which the
        # studio view then shows in large text.
        press(qtbot, desk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier
              | Qt.KeyboardModifier.AltModifier)
        assert desk.layouts.role == "radio" and halo.bulletins.isVisible()
        bulletins = halo.bulletins
        bulletins.new_bulletin("Halo Denpasar pagi")
        qtbot.waitUntil(lambda: bulletins.current_bulletin_id() is not None
                        and not bulletins.is_busy(), timeout=WAIT_MS)
        bulletins.add_ticket(ticket)
        qtbot.waitUntil(lambda: bulletins.tickets() == [ticket] and not bulletins.is_busy(),
                        timeout=WAIT_MS)
        reading = halo.reading
        qtbot.waitUntil(lambda: "Sesetan" in reading.text() or "lampu" in reading.text().lower(),
                        timeout=WAIT_MS)
        assert CALLER_DIGITS not in reading.text() and "Budi" not in reading.text()

        # 5. On air: two keys key the relay, one releases it.
        press(qtbot, desk, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
        assert simulator.wait_for(keyed, WAIT_MS / 1000), "Ctrl+F10 keys the studio relay"
        qtbot.waitUntil(lambda: halo.on_air.on_air and reading.lamp_is_on(), timeout=WAIT_MS)
        press(qtbot, desk, Qt.Key.Key_F12)
        assert simulator.wait_for(all_off, WAIT_MS / 1000), "F12 releases the studio relay"
        qtbot.waitUntil(lambda: not halo.on_air.on_air and not reading.lamp_is_on()
                        and desk.is_settled(), timeout=WAIT_MS)
        with seeded.reading() as session:
            read_on_air = [entry for entry in complaint_history(session, ticket)
                           if entry.kind == "on_air"]
        assert len(read_on_air) == 1
        assert read_on_air[0].actor == "siti" and read_on_air[0].ended_at is not None

        # 6. The newspaper's PDF: the ticket, never the reporter.
        pdf = tmp_path / "buletin.pdf"
        bulletins.export_to(str(pdf), "pdf")
        qtbot.waitUntil(lambda: pdf.exists() and not bulletins.is_busy(), timeout=WAIT_MS)
        text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
        assert ticket in text
        for form_of_number in private_number_forms(caller):
            assert form_of_number not in text
        assert "Budi" not in text
        with seeded.reading() as session:
            assert get_complaint(session, ticket).call_id == call_id
    finally:
        if sipp is not None:
            sipp.kill()
        desk.phone.detach()
        bridge.close()
        engine.stop()
        close_desk(desk)
    assert simulator.wait_for(all_off, WAIT_MS / 1000), "closing the desk leaves the relay off"


def status_of(database, ticket: str) -> ComplaintStatus:
    with database.reading() as session:
        return get_complaint(session, ticket).status
