"""The sign-in dialog: the first thing the window asks, and the handover
between two operators of a shift (the window, and every call it holds,
stays open). On a fresh desk where nobody can sign in yet it asks for the
first supervisor instead, so `make run` stays one command.

Checking a password costs some 40 ms (scrypt): done right here, as the
dialog is modal and nothing else waits on this thread's answer but the
person typing.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dispatch.errors import DeskError
from dispatch.operators import LockPolicy, create_first_supervisor, principal_for, sign_in
from dispatch.permissions import INSTALLER, Principal
from dispatch.storage import Database
from ui.qt.domain_messages import describe as describe_error
from ui.qt.translations import Retranslates
from ui.widgets.message_line import MessageLine


class SignInDialog(Retranslates, QDialog):
    """Username and password; or, with `first=True`, the first supervisor's
    name and password twice. `principal` holds who signed in once accepted."""

    def __init__(self, database: Database, *, policy: LockPolicy | None = None,
                 first: bool = False, handover_from: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self._database, self._policy = database, policy or LockPolicy()
        self.first, self.handover_from = first, handover_from
        self.principal: Principal | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.username = QLineEdit(self)
        self.username.setObjectName("sign_in_username")
        self.password = QLineEdit(self)
        self.password.setObjectName("sign_in_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("sign_in_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLine(self)
        self.username_label, self.password_label, self.again_label = (
            QLabel(self), QLabel(self), QLabel(self))
        self.form = QFormLayout()
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        if first:
            self.form.addRow(self.again_label, self.again)
            self.username.setText("supervisor")
        else:
            self.again.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if first else self.username).setFocus()

    def retranslate(self) -> None:
        if self.first:
            self.setWindowTitle(self.tr("Supervisor pertama"))
            self.intro.setText(self.tr(
                "Belum ada operator yang bisa masuk ke meja ini. Buat akun supervisor "
                "pertama; supervisor lalu menambah operator lain."))
        elif self.handover_from:
            self.setWindowTitle(self.tr("Serah terima shift"))
            self.intro.setText(self.tr(
                "%1 menyerahkan meja. Operator berikutnya masuk; panggilan tetap "
                "tersambung.").replace("%1", self.handover_from))
        else:
            self.setWindowTitle(self.tr("Masuk — Safe Community Desk"))
            self.intro.setText(self.tr("Masuk dengan nama pengguna dan kata sandi Anda."))
        self.username_label.setText(self.tr("Nama pengguna"))
        self.password_label.setText(self.tr("Kata sandi"))
        self.again_label.setText(self.tr("Ulangi kata sandi"))

    def try_accept(self) -> None:
        """Signs in (or creates the first supervisor); stays open, the
        password cleared, with one line saying why when it fails."""
        try:
            if self.first:
                self.principal = self._create_first()
            else:
                self.principal = sign_in(self._database, self.username.text(),
                                         self.password.text(), policy=self._policy,
                                         audit_success=True)
        except DeskError as error:
            refusal = error  # `error` is unbound after the except block
            self.password.clear()
            self.again.clear()
            self.message.show_error(lambda: describe_error(refusal))
            self.password.setFocus()
            return
        self.accept()

    def _create_first(self) -> Principal:
        if self.password.text() != self.again.text():
            from dispatch.errors import InvalidInput
            raise InvalidInput("the two passwords differ", code="password.mismatch")
        acting, self._database.principal = self._database.principal, INSTALLER
        try:
            with self._database.session() as session:
                operator = create_first_supervisor(session, username=self.username.text(),
                                                   password=self.password.text())
                principal = principal_for(operator)
        finally:
            self._database.principal = acting
        return principal
