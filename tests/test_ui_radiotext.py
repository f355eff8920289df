"""On air from the desk also puts the bulletin's title on the RDS encoder as
RadioText (listeners' car radios show it); a missing encoder is reported and
does not take the reading off air."""
from __future__ import annotations

import time

import pytest
import serial
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_fixtures import WAIT_MS, db_url  # noqa: F401 - fixture

from dispatch.bulletins import create_bulletin
from dispatch.complaints import create_complaint
from ui.testing import close_desk, open_desk

ON_AIR_WAIT_MS = 15_000

pytestmark = [pytest.mark.gui, pytest.mark.serial]
pytest_plugins = ["conftest_radio"]
TITLE = "Halo Denpasar pagi — Sesetan & Panjer"


def bulletin_with_one_ticket(database) -> int:
    with database.session() as session:
        complaint = create_complaint(session, category_code="lampu_jalan", lat=-8.7046,
                                     lon=115.2224, description="Lampu jalan mati",
                                     actor="siti")
        session.flush()
        return create_bulletin(session, title=TITLE, tickets=[complaint.ticket],
                               actor="siti").id


def on_air_desk(qtbot, database, simulator, rds_port: str):
    desk = open_desk(database, actor="siti", settings={
        "radio.port": simulator.url, "radio.protocol": "kmtronic",
        "radio.channels_on_air": ["1"], "radio.rds_port": rds_port})
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.boards_ready and desk.is_settled(), timeout=WAIT_MS)
    return desk


def key_on_air(qtbot, desk, bulletin_id: int) -> None:
    desk.halo.reading.show_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: "Lampu" in desk.halo.reading.text(), timeout=WAIT_MS)
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(desk.focusWidget() or desk, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
    # Keying goes through the relay child process (radio/lifeline.py): a
    # process start, which late in a long test run took over 5 s once.
    qtbot.waitUntil(lambda: desk.halo.on_air.on_air and desk.is_settled(),
                    timeout=ON_AIR_WAIT_MS)


def read_until_cr(port: serial.Serial, timeout_s: float) -> bytes:
    received, deadline = b"", time.monotonic() + timeout_s
    while not received.endswith(b"\r") and time.monotonic() < deadline:
        received += port.read(64)
    return received


def test_on_air_sends_the_title_as_radiotext(qtbot, seeded, simulators, socat_pair):
    simulator = simulators("kmtronic", tcp=("127.0.0.1", 0))
    bulletin_id = bulletin_with_one_ticket(seeded)
    encoder_side = serial.serial_for_url(socat_pair.b, timeout=0.2)
    desk = on_air_desk(qtbot, seeded, simulator, socat_pair.a)
    try:
        key_on_air(qtbot, desk, bulletin_id)
        # Printable ASCII only: the dash becomes "-", the ampersand stays.
        assert read_until_cr(encoder_side, WAIT_MS / 1000) == (
            b"RT1=Halo Denpasar pagi - Sesetan & Panjer\r")
        desk.halo.reading.go_off_air()
        qtbot.waitUntil(lambda: not desk.halo.on_air.on_air, timeout=WAIT_MS)
    finally:
        encoder_side.close()
        close_desk(desk)


def test_a_missing_encoder_is_reported_and_the_reading_stays_on_air(qtbot, seeded, simulators,
                                                                     tmp_path):
    simulator = simulators("kmtronic", tcp=("127.0.0.1", 0))
    bulletin_id = bulletin_with_one_ticket(seeded)
    messages = []
    desk = on_air_desk(qtbot, seeded, simulator, str(tmp_path / "no-such-encoder"))
    desk.halo.on_air.message.connect(lambda text, is_error: messages.append((text, is_error)))
    try:
        key_on_air(qtbot, desk, bulletin_id)
        qtbot.waitUntil(lambda: any("RadioText" in text for text, _ in messages), timeout=WAIT_MS)
        assert desk.halo.on_air.on_air and simulator.relays.get(1)
        desk.halo.reading.go_off_air()
        assert simulator.wait_for(lambda sim: not any(sim.relays.values()), WAIT_MS / 1000)
    finally:
        close_desk(desk)
