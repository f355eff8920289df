"""The window as a client of the engine process: it starts an engine when
none runs, the Calls panel answers through the link, and when the engine
dies the status bar says so and the window starts a new one by itself.
No headset here (tests/test_headset_audio.py has it): Qt Multimedia picks
its sound server once per process, and that module brings its own."""
from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from telephony.link.control import stop_engine
from telephony.link.place import EnginePlace
from telephony.testing import Sipp, free_port
from ui.testing import close_desk, open_desk

pytestmark = [pytest.mark.gui, pytest.mark.sip, pytest.mark.timeout(120)]
on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
WAIT_MS = 20_000


def answer_a_call_with_f2(qtbot, desk, listen: str, workdir) -> None:
    panel = desk.calls_panel
    sipp = Sipp("uac_answered.xml", listen, workdir=workdir, duration_ms=1000).start()
    try:
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
        desk.activateWindow()
        qtbot.waitUntil(desk.isActiveWindow, timeout=WAIT_MS)
        QTest.keyClick(desk.focusWidget() or desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: panel.active is None, timeout=WAIT_MS)  # the caller hung up
        qtbot.waitUntil(lambda: sipp.process.poll() is not None, timeout=WAIT_MS)
        result = sipp.wait(5)
    finally:
        sipp.kill()
    assert result.ok, result.explain()


@on_sqlite
def test_the_window_runs_its_phone_through_an_engine_it_restarts_after_a_crash(qtbot, seeded,
                                                                              tmp_path):
    from ui.calls.engine_status import EngineStatus
    from ui.calls.phone_start import start_phone
    desk = open_desk(seeded)
    qtbot.addWidget(desk)
    desk.show()
    place = EnginePlace.current()
    listen = f"127.0.0.1:{free_port()}"
    phone, why_not = start_phone(seeded, desk.settings, desk.actor, listen=listen,
                                 attach=desk.phone.attach_bridge, headset=False)
    assert phone is not None, why_not
    link_state = EngineStatus(desk, phone.client, phone.bridge)
    try:
        assert phone.launcher.started_here and phone.client.running
        first_pid = place.read_facts()["pid"]
        assert phone.client.describe()["listen"] == listen and phone.engine_elsewhere is None
        assert not link_state.link_label.isVisible()
        answer_a_call_with_f2(qtbot, desk, listen, tmp_path / "sipp-1")

        os.kill(first_pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: link_state.link_label.isVisible(), timeout=WAIT_MS)
        assert link_state.link_label.text() == "Mesin telepon terputus; menyambung ulang…"
        # No engine holds the data directory now: the window starts one.
        qtbot.waitUntil(lambda: phone.client.running, timeout=WAIT_MS)
        assert place.read_facts()["pid"] not in (first_pid, None)
        qtbot.waitUntil(lambda: not link_state.link_label.isVisible(), timeout=WAIT_MS)
        assert desk.statusBar().currentMessage() == "Mesin telepon tersambung kembali."
        answer_a_call_with_f2(qtbot, desk, listen, tmp_path / "sipp-2")
    finally:
        link_state.close()
        desk.phone.detach()
        phone.stop()
        stopped, line = stop_engine(place, timeout=15)
        if phone.launcher.process is not None:
            phone.launcher.process.wait(5)
        close_desk(desk)
    assert stopped, line


@on_sqlite
def test_a_window_opened_during_a_call_learns_it_from_the_running_engine(qtbot, seeded,
                                                                         tmp_path):
    from ui.calls.phone_start import start_phone
    place = EnginePlace.current()
    listen = f"127.0.0.1:{free_port()}"
    first = open_desk(seeded)
    qtbot.addWidget(first)
    first.show()
    phone, why_not = start_phone(seeded, first.settings, first.actor, listen=listen,
                                 attach=first.phone.attach_bridge, headset=False)
    assert phone is not None, why_not
    second_phone = second = sipp = None
    try:
        panel = first.calls_panel
        sipp = Sipp("uac_answered.xml", listen, workdir=tmp_path / "sipp",
                    duration_ms=6000, timeout_s=30).start()
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
        panel.answer()
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=WAIT_MS)
        call_key = panel.active.sip_call_id
        # The first window closes; the engine, and the call, go on.
        first.phone.detach()
        phone.stop()
        close_desk(first)
        second = open_desk(seeded)
        qtbot.addWidget(second)
        second.show()
        second_phone, why_not = start_phone(seeded, second.settings, second.actor,
                                            attach=second.phone.attach_bridge, headset=False)
        assert second_phone is not None, why_not
        assert not second_phone.launcher.started_here
        learned = second.calls_panel
        qtbot.waitUntil(lambda: learned.active is not None, timeout=WAIT_MS)
        assert (learned.active.sip_call_id, learned.active.state) == (call_key, "connected")
        qtbot.waitUntil(lambda: second.calls_panel.active is None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: sipp.process.poll() is not None, timeout=WAIT_MS)
        result = sipp.wait(5)
        assert result.ok, result.explain()
    finally:
        if sipp is not None:
            sipp.kill()
        if second_phone is not None:
            second.phone.detach()
            second_phone.stop()
        if second is not None:
            close_desk(second)
        stopped, line = stop_engine(place, timeout=15)
        if phone.launcher.process is not None:
            phone.launcher.process.wait(5)
    assert stopped, line


@on_sqlite
def test_the_status_bar_says_in_one_line_while_calls_are_journaled(qtbot, seeded, db_url,
                                                                   tmp_path):
    """Another program holds the SQLite file's write lock: the call still
    rings (journaled), the window says so, and says when it is over."""
    import sqlite3

    from ui.calls.engine_status import EngineStatus
    from ui.calls.phone_start import start_phone
    place = EnginePlace.current()
    listen = f"127.0.0.1:{free_port()}"
    desk = open_desk(seeded)
    qtbot.addWidget(desk)
    desk.show()
    phone, why_not = start_phone(seeded, desk.settings, desk.actor, listen=listen,
                                 attach=desk.phone.attach_bridge, headset=False)
    assert phone is not None, why_not
    status = EngineStatus(desk, phone.client, phone.bridge)
    blocker = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    sipp = None
    try:
        assert not status.journal_label.isVisible()
        blocker.execute("BEGIN IMMEDIATE")
        sipp = Sipp("uac_cancel.xml", listen, workdir=tmp_path / "sipp", duration_ms=300,
                    timeout_s=30).start()
        qtbot.waitUntil(status.journal_label.isVisible, timeout=WAIT_MS)
        assert status.journal_label.text() == ("Panggilan dicatat di jurnal: basis data tidak "
                                               "tersedia (basis data dikunci program lain)")
        result = sipp.wait(20)
        assert result.ok, result.explain()  # the caller heard ringing all the same
        blocker.execute("ROLLBACK")
        qtbot.waitUntil(lambda: not status.journal_label.isVisible(), timeout=WAIT_MS)
        assert desk.statusBar().currentMessage().startswith("Basis data tersedia lagi")
    finally:
        if sipp is not None:
            sipp.kill()
        blocker.close()
        status.close()
        desk.phone.detach()
        phone.stop()
        stop_engine(place, timeout=15)
        close_desk(desk)
