"""The editor for one bulletin item's reading text, under the items table.

It only edits and asks: saving and going back to the draft are domain calls
the bulletin panel makes (the domain decides what may go on air). While the
presenter is typing, a refresh of the panel does not overwrite the text.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ui.bulletins.snapshots import BulletinItemRow
from ui.qt.translations import Retranslates


class ReadingTextEditor(Retranslates, QWidget):
    saveRequested = Signal(str)
    draftRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: BulletinItemRow | None = None
        self._editable = False
        self.heading = QLabel(self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("readingTextEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.modificationChanged.connect(lambda _modified: self._enable())
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveTextButton")
        self.save_button.clicked.connect(lambda _c=False: self.saveRequested.emit(self.text()))
        self.draft_button = QPushButton(self)
        self.draft_button.setObjectName("backToDraftButton")
        self.draft_button.clicked.connect(lambda _c=False: self.draftRequested.emit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.state, self.edit):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        heading = self.tr("Teks bacaan")
        self.heading.setText(f"<b>{heading}</b>")
        self.edit.setPlaceholderText(self.tr("Pilih item untuk melihat teks bacaannya."))
        self.save_button.setText(self.tr("Simpan teks"))
        self.draft_button.setText(self.tr("Kembali ke draf"))
        self.draft_button.setToolTip(self.tr("Buang teks sendiri dan pakai draf dari desk"))
        self._show_state()

    def text(self) -> str:
        return self.edit.toPlainText()

    def shown_ticket(self) -> str | None:
        return self._item.ticket if self._item is not None else None

    def restore_edits(self, text: str) -> None:
        """Put back text whose save was refused, still marked unsaved."""
        self.edit.setPlainText(text)
        self.edit.document().setModified(True)
        self._enable()

    def is_modified(self) -> bool:
        return self.edit.document().isModified()

    def mark_saved(self) -> None:
        """The stored text is what counts now: the next refresh shows it."""
        self.edit.document().setModified(False)

    def show_item(self, item: BulletinItemRow | None, editable: bool, *,
                  keep_edits: bool = False) -> None:
        same = item is not None and self._item is not None and item.ticket == self._item.ticket
        self._item, self._editable = item, editable
        if item is None:
            self.edit.clear()
        elif not (keep_edits and same and self.is_modified()):
            if self.edit.toPlainText() != item.reading_text:
                self.edit.setPlainText(item.reading_text)
            self.mark_saved()
        self._show_state()
        self._enable()

    def _show_state(self) -> None:
        item = self._item
        if item is None:
            self.state.setText("")
        elif not self._editable:
            self.state.setText(self.tr("Buletin ini sudah disiarkan dan tetap seperti saat "
                                       "dibacakan; buat buletin baru untuk mengubah."))
        else:
            self.state.setText((self.tr("%1: teks diubah penyiar") if item.edited else
                                self.tr("%1: draf dari desk")).replace("%1", item.ticket))

    def _enable(self) -> None:
        usable = self._editable and self._item is not None
        self.edit.setReadOnly(not usable)
        self.draft_button.setEnabled(usable)
        self.save_button.setEnabled(usable and self.is_modified())
