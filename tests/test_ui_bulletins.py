"""Bulletins from the radio staff's side: building one from complaints,
wording it without the reporter, reading it on air with the real relay
simulator (over a socat pty pair, and as a separate `safedesk radio
simulate` process killed mid-reading), and exporting it for the newspaper."""
from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import func
from sqlalchemy import select as sql_select
from ui_fixtures import db_url  # noqa: F401  (SQLite: the window is the same on PostgreSQL)

from dispatch.bulletins import (
    complaint_history,
    create_bulletin,
    draft_reading_text,
    get_bulletin,
    open_readings,
)
from dispatch.complaints import create_complaint, get_complaint
from dispatch.models import AuditEntry as Audit
from dispatch.models import OnAirReading
from dispatch.settings import Settings
from ui.bulletins.panel import BulletinPanel
from ui.qt import gui_thread
from ui.qt.worker import DbWorker
from ui.studio.on_air_link import OnAirLink
from ui.studio.reading_view import DEFAULT_POINT_SIZE, LAMP_OFF, LAMP_ON, ReadingView

pytest_plugins = ["conftest_radio"]
pytestmark = [pytest.mark.gui, pytest.mark.serial]

WAIT_MS = 5000
REPORTER_NAME = "I Made Sudarsana"
REPORTER_NUMBER = "0812-3456-7890"
NATIONAL_DIGITS = "81234567890"  # the reporter's number however it is spelt
SCRIPT = Path(sys.executable).with_name("safedesk")
SAFEDESK = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dispatch.cli.main"]


# ------------------------------------------------------------ helpers

def open_complaint(database, description: str, address: str,
                   category: str = "lampu_jalan") -> str:
    with database.session() as session:
        return create_complaint(session, category_code=category, description=description,
                                actor="op", address=address, lat=-8.65, lon=115.22,
                                reporter_name=REPORTER_NAME,
                                reporter_phone=REPORTER_NUMBER).ticket


def three_complaints(database) -> list[str]:
    return [open_complaint(database, "Tiga lampu mati, hubungi saya di 0812 3456 7890",
                           "Jalan Gatot Subroto Timur"),
            open_complaint(database, "Sampah menumpuk sejak Senin", "Pasar Badung",
                           "sampah_tidak_diangkut"),
            open_complaint(database, "Lampu berkedip di tikungan", "Jalan Teuku Umar")]


def bulletin_with(database, tickets: list[str], title: str = "Halo Denpasar pagi") -> int:
    with database.session() as session:
        return create_bulletin(session, title=title, tickets=tickets, actor="radio").id


def order_of(database, bulletin_id: int) -> list[str]:
    with database.reading() as session:
        return [item.complaint.ticket for item in get_bulletin(session, bulletin_id).items]


def text_of(database, bulletin_id: int, ticket: str) -> str:
    with database.reading() as session:
        return next(item.reading_text for item in get_bulletin(session, bulletin_id).items
                    if item.complaint.ticket == ticket)


def draft_of(database, ticket: str) -> str:
    with database.reading() as session:
        return draft_reading_text(get_complaint(session, ticket))


def audit_count(database) -> int:
    with database.reading() as session:
        return session.scalar(sql_select(func.count(Audit.id)))


def readings(database) -> list[tuple]:
    with database.reading() as session:
        return [(r.id, r.reader, r.started_at, r.ended_at, r.end_reason, list(r.complaint_ids))
                for r in session.scalars(sql_select(OnAirReading).order_by(OnAirReading.id))]


def ended_readings(database, reason: str) -> bool:
    return any(r[3] is not None and r[4] == reason for r in readings(database))


def lamp_colour(view: ReadingView) -> str:
    image = view.lamp.grab().toImage()
    return image.pixelColor(image.width() // 2, 4).name()  # above the lettering


def keyed(sim) -> bool:
    return sim.relays[1] and sim.relays[2]


def all_off(sim) -> bool:
    return not any(sim.relays.values())


def radio_settings(url: str, **extra) -> Settings:
    # 1 s: the simulator answers from a thread of this test process, which a
    # garbage collection of the large test heap can hold up for a few 100 ms.
    return Settings.in_memory({"radio.port": url, "radio.protocol": "numato",
                               "radio.poll_interval_s": 0.1, "radio.reply_timeout_s": 1.0,
                               **extra})


# ------------------------------------------------------------ fixtures

@pytest.fixture
def worker(qtbot, seeded):
    gui_thread.install()
    worker = DbWorker(seeded)
    yield worker
    worker.shutdown()


@pytest.fixture
def links(worker):
    """Make OnAirLinks through this; each is shut down (relay forced off) at the end."""
    made: list[OnAirLink] = []

    def make(settings: Settings, actor: str = "Komang") -> OnAirLink:
        link = OnAirLink(settings, worker, actor)
        made.append(link)
        return link

    yield make
    for link in made:
        link.shutdown()


@pytest.fixture
def panel(qtbot, worker):
    widget = BulletinPanel(worker, "Komang")
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.show()
    widget.refresh()
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=WAIT_MS)
    return widget


def studio(qtbot, link: OnAirLink, worker, bulletin_id: int) -> ReadingView:
    view = ReadingView(link, worker)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.show_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: view.on_air_button.isEnabled(), timeout=WAIT_MS)
    return view


class SimulatorProcess:
    """`safedesk radio simulate` as its own process: the URL on its first
    line, then one JSON line per event, collected by a reader thread."""

    def __init__(self, *args: str) -> None:
        self.child = subprocess.Popen([*SAFEDESK, "radio", "simulate", *args],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      stdin=subprocess.DEVNULL)
        self.lines: list[dict] = []
        self._buffer = b""
        self.url = self._first_line(60.0)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _first_line(self, timeout: float) -> str:
        fd = self.child.stdout.fileno()
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([fd], [], [], timeout)
            chunk = os.read(fd, 4096) if ready else b""
            if not chunk:
                raise AssertionError(f"the simulator printed no URL; got {self._buffer!r}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def _read(self) -> None:
        fd = self.child.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            self._buffer += chunk
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                self.lines.append(json.loads(line))

    def relay(self, channel: int) -> bool | None:
        """The channel's state by the last relay line printed, if any."""
        changes = [e["on"] for e in list(self.lines)
                   if e.get("event") == "relay" and e.get("channel") == channel]
        return changes[-1] if changes else None

    def kill(self) -> None:
        if self.child.poll() is None:
            os.kill(self.child.pid, signal.SIGKILL)
        self.child.wait(timeout=10)
        self._reader.join(timeout=5)
        self.child.stdout.close()


@pytest.fixture
def simulator_process():
    started: list[SimulatorProcess] = []

    def start(*args: str) -> SimulatorProcess:
        process = SimulatorProcess(*args)
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()


# ------------------------------------------------------------ the editor

def test_building_a_bulletin_from_complaints(qtbot, panel, seeded):
    first, second, third = three_complaints(seeded)
    with qtbot.waitSignal(panel.bulletinChosen, timeout=WAIT_MS) as chosen:
        panel.new_bulletin("Halo Denpasar pagi")
    bulletin_id = chosen.args[0]
    assert isinstance(bulletin_id, int) and panel.current_bulletin_id() == bulletin_id
    qtbot.waitUntil(lambda: panel.candidates_model.rowCount() == 3, timeout=WAIT_MS)
    assert panel.bulletins_model.row_for(bulletin_id).title == "Halo Denpasar pagi"
    assert f"Buletin #{bulletin_id:d} dibuat." in panel.message.text()

    # As a user does it: choose a complaint, press "add to bulletin".
    panel.candidates_view.select_key(first)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 1, timeout=WAIT_MS)
    panel.add_ticket(second)
    panel.add_ticket(third)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 3 and not panel.is_busy(),
                    timeout=WAIT_MS)
    assert panel.candidates_model.rowCount() == 0  # each is in the bulletin now
    assert order_of(seeded, bulletin_id) == [first, second, third]
    shown = [panel.items_model.row_at(i) for i in range(3)]
    assert [row.ticket for row in shown] == [first, second, third]
    assert shown[0].reading_text == draft_of(seeded, first)
    assert "3456" not in shown[0].reading_text and "Sudarsana" not in shown[0].reading_text

    # Reorder with Ctrl+Up, then the button, then Ctrl+Down.
    panel.select_item(third)
    panel.items_view.setFocus()
    qtbot.keyClick(panel.items_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: order_of(seeded, bulletin_id) == [first, third, second]
                    and not panel.is_busy(), timeout=WAIT_MS)
    assert panel.selected_ticket() == third  # the moved item stays selected
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: order_of(seeded, bulletin_id) == [third, first, second]
                    and not panel.is_busy(), timeout=WAIT_MS)
    assert panel.tickets() == [third, first, second]
    panel.select_item(first)
    panel.items_view.setFocus()  # the button had it
    qtbot.keyClick(panel.items_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: order_of(seeded, bulletin_id) == [third, second, first]
                    and not panel.is_busy(), timeout=WAIT_MS)

    # Remove one: it goes back among the candidates.
    panel.select_item(second)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: order_of(seeded, bulletin_id) == [third, first]
                    and panel.candidates_model.row_for(second) is not None, timeout=WAIT_MS)


def test_editing_the_reading_text_and_the_privacy_refusal(qtbot, panel, seeded):
    first, second, _third = three_complaints(seeded)
    bulletin_id = bulletin_with(seeded, [first, second])
    panel.select_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 2, timeout=WAIT_MS)
    panel.select_item(first)
    assert panel.text_edit.toPlainText() == draft_of(seeded, first)
    assert "draf dari desk" in panel.text_state.text()

    own = "Lampu di Jalan Gatot Subroto Timur mati; Dishub sudah dihubungi."
    panel.text_edit.setPlainText(own)
    panel.text_edit.document().setModified(True)
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text_of(seeded, bulletin_id, first) == own and not panel.is_busy(),
                    timeout=WAIT_MS)
    assert panel.items_model.row_for(first).edited
    assert "teks diubah penyiar" in panel.text_state.text()

    # The reporter's number (in any spelling) or name: refused, one line, nothing written.
    before = audit_count(seeded)
    for leaked in (own + " Info: 0812 3456 7890.", own + " Terima kasih Pak Sudarsana."):
        panel.save_text(leaked)
        qtbot.waitUntil(lambda: not panel.is_busy(), timeout=WAIT_MS)
        assert panel.message.isVisible()
        assert panel.message.text().startswith("Teks tidak disimpan:")
        assert "\n" not in panel.message.text()
        assert text_of(seeded, bulletin_id, first) == own
    assert audit_count(seeded) == before

    qtbot.mouseClick(panel.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text_of(seeded, bulletin_id, first) == draft_of(seeded, first)
                    and not panel.is_busy(), timeout=WAIT_MS)
    assert panel.text_edit.toPlainText() == draft_of(seeded, first)
    assert not panel.items_model.row_for(first).edited


def test_moving_to_another_item_keeps_the_typed_text(qtbot, panel, seeded):
    first, second, _third = three_complaints(seeded)
    bulletin_id = bulletin_with(seeded, [first, second])
    panel.select_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 2, timeout=WAIT_MS)
    panel.select_item(first)
    typed = "Lampu PJU di Sesetan sudah menyala lagi sejak kemarin malam."
    panel.text_edit.setPlainText(typed)
    panel.text_edit.document().setModified(True)
    panel.select_item(second)  # without pressing Save
    qtbot.waitUntil(lambda: text_of(seeded, bulletin_id, first) == typed
                    and not panel.is_busy(), timeout=WAIT_MS)
    assert panel.selected_ticket() == second

    # Text the desk refuses (the reporter's number) is not lost either: the
    # item comes back with it, unsaved, and the reason beside it.
    leaked = typed + " Hubungi 0812 3456 7890."
    panel.text_edit.setPlainText(leaked)
    panel.text_edit.document().setModified(True)
    panel.select_item(first)
    qtbot.waitUntil(lambda: not panel.is_busy() and panel.selected_ticket() == second
                    and panel.text_edit.toPlainText() == leaked, timeout=WAIT_MS)
    assert panel.message.text().startswith("Teks tidak disimpan:")
    assert panel.save_button.isEnabled()
    assert text_of(seeded, bulletin_id, second) == draft_of(seeded, second)


def test_export_as_text_and_pdf_without_the_reporter(qtbot, panel, seeded, tmp_path):
    tickets = three_complaints(seeded)
    bulletin_id = bulletin_with(seeded, tickets)
    panel.select_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 3, timeout=WAIT_MS)
    assert panel.export_text_button.isEnabled() and panel.export_pdf_button.isEnabled()
    for fmt in ("txt", "pdf"):
        target = tmp_path / f"buletin.{fmt}"
        with qtbot.waitSignal(panel.exported, timeout=WAIT_MS) as written:
            panel.export_to(str(target), fmt)
        assert written.args == [str(target)]
        content = (target.read_text(encoding="utf-8") if fmt == "txt" else
                   "\n".join(page.extract_text() for page in PdfReader(target).pages))
        for ticket in tickets:
            assert ticket in content
        assert "Halo Denpasar pagi" in content
        assert NATIONAL_DIGITS not in re.sub(r"\D", "", content)
        assert "Sudarsana" not in content


# ------------------------------------------------------------ on air

def test_on_air_keys_the_relay_and_off_air_logs_the_reading(qtbot, seeded, worker, links,
                                                            simulators, socat_pair):
    sim = simulators("numato", attach=socat_pair.b)
    tickets = three_complaints(seeded)
    bulletin_id = bulletin_with(seeded, tickets)
    link = links(radio_settings(socat_pair.a))
    view = studio(qtbot, link, worker, bulletin_id)

    # Large, high-contrast text the presenter reads from; Ctrl+Plus/Minus adjust it.
    document = view.text()
    for ticket in tickets:
        assert ticket in document
    assert draft_of(seeded, tickets[1]) in document
    assert view.text_view.font().pointSize() == DEFAULT_POINT_SIZE >= 24
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    view.text_view.setFocus()
    qtbot.keyClick(view.text_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.text_view.font().pointSize() == DEFAULT_POINT_SIZE + 2
    qtbot.keyClick(view.text_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.text_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.text_view.font().pointSize() == DEFAULT_POINT_SIZE - 2
    assert lamp_colour(view) == LAMP_OFF[0]
    assert not view.off_air_button.isEnabled()

    qtbot.mouseClick(view.on_air_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: keyed(sim) and link.on_air, timeout=WAIT_MS)
    assert {"event": "relay", "channel": 1, "on": True} in sim.events
    assert {"event": "relay", "channel": 2, "on": True} in sim.events
    assert lamp_colour(view) == LAMP_ON[0] and view.lamp_is_on()
    assert view.lamp.text() == "DI UDARA"
    assert view.lamp_detail.text().startswith("Terverifikasi")  # numato reads back
    assert view.countdown.text().startswith("Lepas otomatis dalam 1")  # 15 minutes by default
    assert view.off_air_button.isEnabled() and not view.on_air_button.isEnabled()
    qtbot.waitUntil(lambda: len(readings(seeded)) == 1 and not link.is_busy(), timeout=WAIT_MS)
    (_id, reader, started, ended, _reason, _ids), = readings(seeded)
    assert reader == "Komang" and started is not None and ended is None

    qtbot.mouseClick(view.off_air_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all_off(sim) and not link.on_air, timeout=WAIT_MS)
    assert {"event": "relay", "channel": 1, "on": False} in sim.events
    assert lamp_colour(view) == LAMP_OFF[0] and view.countdown.text() == ""
    qtbot.waitUntil(lambda: ended_readings(seeded, "off_air"), timeout=WAIT_MS)
    (reading_id, reader, started, ended, reason, complaint_ids), = readings(seeded)
    assert reader == "Komang" and started <= ended and reason == "off_air"
    with seeded.reading() as session:
        assert complaint_ids == [get_complaint(session, t).id for t in tickets]
        for ticket in tickets:
            aired = [e for e in complaint_history(session, ticket) if e.kind == "on_air"]
            assert [(e.reading_id, e.actor, e.end_reason) for e in aired] == [
                (reading_id, "Komang", "off_air")]
            assert aired[0].ended_at is not None
        assert open_readings(session) == []
    assert view.on_air_button.isEnabled()  # a bulletin may be read again


def test_the_simulator_killed_during_a_reading(qtbot, seeded, worker, links, simulators,
                                               simulator_process):
    process = simulator_process("--protocol", "numato", "--tcp", "127.0.0.1:0")
    port = int(process.url.rsplit(":", 1)[1])
    bulletin_id = bulletin_with(seeded, three_complaints(seeded))
    link = links(radio_settings(process.url))
    view = studio(qtbot, link, worker, bulletin_id)
    assert not view.fault_line.isVisible()

    view.go_on_air()
    # The simulator's own JSON lines show both channels switched on.
    qtbot.waitUntil(lambda: process.relay(1) is True and process.relay(2) is True,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(readings(seeded)) == 1 and link.on_air, timeout=WAIT_MS)
    assert lamp_colour(view) == LAMP_ON[0]

    process.kill()  # SIGKILL by PID: the box is gone mid-reading
    qtbot.waitUntil(view.fault_line.isVisible, timeout=2000)
    assert view.fault_text().startswith("GANGGUAN RELAI:")
    assert process.url in view.fault_line.text()
    assert not link.on_air and lamp_colour(view) == LAMP_OFF[0]
    assert not view.on_air_button.isEnabled()
    qtbot.waitUntil(lambda: ended_readings(seeded, "fault"), timeout=WAIT_MS)
    assert readings(seeded)[0][1] == "Komang"

    # The box comes back still latched on: the desk forces it off, never re-keys.
    back = simulators("numato", tcp=("127.0.0.1", port), initial={1: True, 2: True})
    qtbot.waitUntil(lambda: all_off(back) and link.connected, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not view.fault_line.isVisible(), timeout=WAIT_MS)
    assert "Relai tersambung lagi" in view.message.text()
    assert not [e for e in back.events if e["event"] == "relay" and e["on"]]
    assert not link.on_air and view.on_air_button.isEnabled()
    assert len(readings(seeded)) == 1 and not open_readings_exist(seeded)


def open_readings_exist(database) -> bool:
    with database.reading() as session:
        return bool(open_readings(session))


def test_the_safety_timeout_ends_the_reading(qtbot, seeded, worker, links, simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    bulletin_id = bulletin_with(seeded, three_complaints(seeded)[:1])
    link = links(radio_settings(sim.url, **{"radio.safety_timeout_s": 1}))
    view = studio(qtbot, link, worker, bulletin_id)
    view.go_on_air()
    qtbot.waitUntil(lambda: keyed(sim) and link.on_air, timeout=WAIT_MS)
    assert view.countdown.text() in ("Lepas otomatis dalam 0:01", "Lepas otomatis dalam 0:00")
    qtbot.waitUntil(lambda: all_off(sim) and not link.on_air
                    and ended_readings(seeded, "timeout"), timeout=WAIT_MS)
    assert "Batas waktu pengaman (1 dtk) habis" in view.message.text()
    assert lamp_colour(view) == LAMP_OFF[0] and not view.fault_line.isVisible()


def test_shutdown_mid_reading_forces_off_and_ends_the_log(qtbot, seeded, worker, links,
                                                           simulators):
    sim = simulators("numato", tcp=("127.0.0.1", 0))
    bulletin_id = bulletin_with(seeded, three_complaints(seeded)[:2])
    link = links(radio_settings(sim.url))
    view = studio(qtbot, link, worker, bulletin_id)
    view.go_on_air()
    qtbot.waitUntil(lambda: keyed(sim) and len(readings(seeded)) == 1, timeout=WAIT_MS)
    link.shutdown()
    assert all_off(sim)  # shutdown blocks until the relay is off
    assert ended_readings(seeded, "close")  # and until the log says so
    link.shutdown()  # twice is fine
    assert not link.on_air


def test_without_a_relay_the_view_says_why(qtbot, seeded, worker, links):
    bulletin_id = bulletin_with(seeded, three_complaints(seeded)[:1])
    link = links(Settings.in_memory({"radio.port": ""}))
    view = ReadingView(link, worker)
    qtbot.addWidget(view)
    view.show()
    view.show_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: not link.is_busy() and view.fault_line.isVisible(), timeout=WAIT_MS)
    assert not link.available
    assert "radio.port" in view.fault_line.text()
    assert not view.on_air_button.isEnabled()
    view.go_on_air()
    assert "radio.port" in view.message.text()
    assert readings(seeded) == []
