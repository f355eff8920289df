"""Taking a call off the callback list, with the reason a supervisor will
read: one of the usual reasons, free text, or both.

Keyboard first: the reasons are a list (arrows), Tab goes to the free
text, Enter clears, Esc cancels. A caller whose number is withheld can
never be called back: their reason is chosen already.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispatch.call_intake import MAX_NOTE
from dispatch.timeutil import format_wita
from ui.snapshots import CallRow


class ClearCallbackDialog(QDialog):
    def __init__(self, row: CallRow, caller: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("clearCallbackDialog")
        self.setWindowTitle(self.tr("Hapus dari daftar telepon balik"))
        self.setMinimumWidth(480)
        intro = QLabel(self.tr("Penelepon %1, %2. Mengapa tidak perlu ditelepon balik?")
                       .replace("%1", caller).replace("%2", format_wita(row.started_at)), self)
        intro.setWordWrap(True)
        self.reasons = QListWidget(self)
        self.reasons.setObjectName("callbackReasons")
        for reason in self.usual_reasons():
            QListWidgetItem(reason, self.reasons)
        self.other = QLineEdit(self)
        self.other.setObjectName("callbackReasonText")
        # Room for the longest usual reason and its dash: the whole note fits the domain's limit.
        self.other.setMaxLength(MAX_NOTE - max(map(len, self.usual_reasons())) - 3)
        self.other.setPlaceholderText(self.tr("Keterangan lain (boleh dikosongkan bila alasan "
                                              "di atas dipilih)"))
        self.buttons = QDialogButtonBox(self)
        self.clear_button = self.buttons.addButton(self.tr("Hapus dari daftar"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reasons)
        layout.addWidget(QLabel(self.tr("Keterangan:"), self))
        layout.addWidget(self.other)
        layout.addWidget(self.buttons)
        self.reasons.currentRowChanged.connect(lambda _row: self._enable())
        self.other.textChanged.connect(lambda _text: self._enable())
        if row.withheld and not row.caller_number:
            self.reasons.setCurrentRow(len(self.usual_reasons()) - 1)
        self.reasons.setFocus()
        self._enable()

    def usual_reasons(self) -> list[str]:
        return [self.tr("Sudah ditelepon balik"),
                self.tr("Nomor tidak bisa dihubungi"),
                self.tr("Panggilan iseng"),
                self.tr("Sudah ditangani lewat panggilan lain"),
                self.tr("Nomor disembunyikan — tidak bisa ditelepon balik")]

    def choose(self, position: int, text: str = "") -> None:
        """Pick a usual reason (-1: none) and write the free text, as the operator would."""
        self.reasons.setCurrentRow(position)
        self.other.setText(text)

    def reason(self) -> str:
        item = self.reasons.currentItem()
        chosen = item.text() if item is not None and item.isSelected() else ""
        return " — ".join(part for part in (chosen, self.other.text().strip()) if part)

    def _enable(self) -> None:
        self.clear_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():  # Enter in the text field with nothing said clears nothing
            super().accept()
