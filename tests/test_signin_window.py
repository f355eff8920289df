"""The window's sign-in: the dialog (right, wrong, locked), the first
supervisor on a desk nobody can sign in to, and a shift handover while a
real SIPp caller stays connected: the call is not dropped, the next
operator's writes carry their name, their role's actions are enabled."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from dispatch.enums import Role
from dispatch.models import AuditEntry, Incident
from dispatch.operators import LockPolicy, add_operator, anyone_can_sign_in
from dispatch.permissions import Principal
from ui.signin.dialog import SignInDialog
from ui.testing import close_desk, open_desk

pytestmark = [pytest.mark.gui]
WAIT_MS = 15_000


def _add(database, username, role, password):
    with database.session() as session:
        add_operator(session, username=username, role=role, password=password, actor="t")


def _type_and_accept(dialog, username, password, again=None):
    dialog.username.setText(username)
    dialog.password.setText(password)
    if again is not None:
        dialog.again.setText(again)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_the_dialog_says_wrong_in_one_line_and_stays_open_then_signs_in(qtbot, seeded):
    _add(seeded, "putu", Role.CALL_TAKER, "sandi-putu-123")
    dialog = SignInDialog(seeded)
    qtbot.addWidget(dialog)
    _type_and_accept(dialog, "putu", "salah-sekali")
    assert dialog.principal is None and dialog.result() == 0
    assert dialog.message.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.password.text() == ""  # typed again, never left in the field
    _type_and_accept(dialog, "putu", "sandi-putu-123")
    assert dialog.principal == Principal("putu", Role.CALL_TAKER, dialog.principal.operator_id)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_locked_account_is_said_with_its_minutes(qtbot, seeded):
    _add(seeded, "putu", Role.CALL_TAKER, "sandi-putu-123")
    dialog = SignInDialog(seeded, policy=LockPolicy(max_failures=2, lock_minutes=10))
    qtbot.addWidget(dialog)
    for _ in range(2):
        _type_and_accept(dialog, "putu", "salah-sekali")
    _type_and_accept(dialog, "putu", "sandi-putu-123")
    assert dialog.principal is None
    assert dialog.message.text().startswith("Akun putu terkunci")
    assert "10 menit" in dialog.message.text()


def test_a_fresh_desk_asks_for_the_first_supervisor(qtbot, seeded):
    with seeded.session() as session:  # the templates' test supervisor, gone: a fresh desk
        from dispatch.models import Operator
        session.execute(Operator.__table__.update().values(password_hash=None))
    with seeded.reading() as session:
        assert not anyone_can_sign_in(session)
    dialog = SignInDialog(seeded, first=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Supervisor pertama"
    _type_and_accept(dialog, "kepala", "sandi-kepala-1", again="sandi-kepala-2")
    assert dialog.principal is None and dialog.message.text() == "Kedua kata sandi berbeda."
    _type_and_accept(dialog, "kepala", "sandi-kepala-1", again="sandi-kepala-1")
    assert dialog.principal.role is Role.SUPERVISOR
    with seeded.reading() as session:
        assert anyone_can_sign_in(session)
    second = SignInDialog(seeded, first=True)
    qtbot.addWidget(second)
    _type_and_accept(second, "lain", "sandi-lain-12", again="sandi-lain-12")
    assert second.principal is None  # only while nobody can sign in


def test_the_role_decides_which_actions_are_enabled(qtbot, seeded):
    window = open_desk(seeded)
    qtbot.addWidget(window)
    try:
        window.begin_shift(Principal("wayan", Role.RADIO))
        actions = window.desk_actions
        assert actions["on_air"].isEnabled() and actions["new_complaint"].isEnabled()
        assert not actions["answer"].isEnabled() and not actions["assign_first"].isEnabled()
        assert actions["off_air"].isEnabled()  # releasing the relay is never withheld
        assert window.operator_label.text() == "Masuk: wayan (Staf radio)"
        window.begin_shift(Principal("ketut", Role.DISPATCHER))
        assert actions["assign_first"].isEnabled() and not actions["on_air"].isEnabled()
        assert window.layouts.role == "dispatcher"
    finally:
        close_desk(window)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window.focusWidget() or window, key, modifier)


@pytest.mark.sip
@pytest.mark.timeout(180)
def test_a_shift_handover_keeps_a_connected_call_and_writes_in_the_next_name(
        qtbot, seeded, tmp_path):
    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import Sipp, free_port
    from ui.calls.softphone_bridge import SoftphoneBridge

    _add(seeded, "putu", Role.CALL_TAKER, "sandi-putu-123")
    _add(seeded, "ketut", Role.DISPATCHER, "sandi-ketut-123")
    desk = open_desk(seeded)
    qtbot.addWidget(desk)
    desk.begin_shift(Principal("putu", Role.CALL_TAKER))
    desk.show()
    qtbot.waitUntil(lambda: desk.boards_ready, timeout=WAIT_MS)
    engine = SoftphoneEngine(seeded, SipConfig(host="127.0.0.1", port=free_port(),
                                               desk_name="desk-1"), actor="system")
    engine.start()
    bridge = SoftphoneBridge(engine)
    desk.phone.attach_bridge(bridge)
    sipp = None
    try:
        sipp = Sipp("uac_answered.xml", engine.config.listen, workdir=tmp_path / "sipp",
                    duration_ms=20_000).start()
        panel = desk.calls_panel
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 1, timeout=WAIT_MS)
        press(qtbot, desk, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: panel.active is not None and panel.active.state == "connected",
                        timeout=WAIT_MS)
        connected = panel.active.sip_call_id
        assert not desk.desk_actions["assign_first"].isEnabled()  # a call-taker sends no unit

        def next_operator_signs_in():
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, SignInDialog) and dialog.handover_from == "putu"
            _type_and_accept(dialog, "ketut", "sandi-ketut-123")
        QTimer.singleShot(200, next_operator_signs_in)
        desk.hand_over()  # modal, as Ctrl+Alt+H opens it

        assert seeded.principal.username == "ketut" and desk.actor == "ketut"
        assert desk.desk_actions["assign_first"].isEnabled()
        # The caller is still there, on the same call, and SIPp has not been hung up on.
        assert panel.active is not None and panel.active.sip_call_id == connected
        assert panel.active.state == "connected" and sipp.process.poll() is None
        press(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        form = desk.incident_form
        qtbot.waitUntil(form.isVisible, timeout=WAIT_MS)
        form.choose_type("kebakaran")
        form.set_location_from_map(-8.6553, 115.2136)
        with qtbot.waitSignal(form.incidentCreated, timeout=WAIT_MS) as created:
            form.submit()
        with seeded.reading() as session:
            incident = session.get(Incident, created.args[0])
            assert incident.call_id is not None
            trail = [(e.actor, e.action) for e in session.scalars(
                select(AuditEntry).where(AuditEntry.entity.in_(("operator", "incident")))
                .order_by(AuditEntry.id))]
            handed = session.scalars(select(AuditEntry).where(
                AuditEntry.action == "operator.sign_out")).one()
            assert handed.after == {"handed_to": "ketut"}
        # The leaving operator is signed out only once the next one is in.
        assert trail[-3:] == [("ketut", "operator.sign_in"), ("putu", "operator.sign_out"),
                              ("ketut", "incident.create")]
    finally:
        if sipp is not None:
            sipp.kill()
        desk.phone.detach()
        bridge.close()
        engine.stop()
        close_desk(desk)
