"""One complaint ticket as the desk sees it: what, where, who handles it,
who reported it (private: shown here, never on air), its history newest
first, and the control that moves it to one of its legal next statuses.

The pane only shows and collects; ComplaintsBoard checks and writes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dispatch.complaints import is_late
from dispatch.timeutil import format_wita
from ui import labels
from ui.complaints import labels as complaint_labels
from ui.complaints.snapshots import ComplaintDetail
from ui.qt.translations import Retranslates

ON_AIR_TINT = "#e3f2fd"


def _selectable_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ComplaintDetailPane(Retranslates, QWidget):
    changeRequested = Signal(str, str)  # status, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: ComplaintDetail | None = None
        self.title_label = _selectable_label(self, "complaintTitle")
        self.title_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.values = {name: _selectable_label(self, f"complaint_{name}") for name in
                       ("category", "agency", "place", "times", "channel", "description")}
        self.reporter_label = _selectable_label(self, "complaintReporter")
        self.history_list = QListWidget(self)
        self.history_list.setObjectName("complaintHistory")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("nextStatusCombo")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("statusNoteEdit")
        self.note_edit.returnPressed.connect(self._request_change)
        self.note_edit.textEdited.connect(lambda _text: self._mark_note_missing(False))
        self.note_label = QLabel(self)
        self.note_label.setObjectName("statusNoteLabel")
        self.note_label.setBuddy(self.note_edit)
        self.change_button = QPushButton(self)
        self.change_button.setObjectName("changeStatusButton")
        self.change_button.clicked.connect(self._request_change)
        self._lay_out()
        self.retranslate()
        self.show_detail(None)

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.row_labels = {name: QLabel(self) for name in self.values}
        for name, value in self.values.items():
            self.form.addRow(self.row_labels[name], value)
        self.private_box = QGroupBox(self)
        self.private_box.setStyleSheet("QGroupBox { color: #e65100; font-weight: bold; }")
        QVBoxLayout(self.private_box).addWidget(self.reporter_label)
        self.history_title = QLabel(self)
        # The note on a line of its own, labelled as required: a narrow dock
        # must not squeeze it to nothing (nobody would see it is wanted).
        change_row = QHBoxLayout()
        change_row.addWidget(self.status_combo, 1)
        change_row.addWidget(self.change_button)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title_label)
        layout.addLayout(self.form)
        layout.addWidget(self.private_box)
        layout.addLayout(change_row)
        layout.addLayout(note_row)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_list, 1)

    def retranslate(self) -> None:
        names = {"category": self.tr("Kategori"), "agency": self.tr("Instansi"),
                 "place": self.tr("Tempat"), "times": self.tr("Waktu"),
                 "channel": self.tr("Saluran"), "description": self.tr("Uraian")}
        for name, label in self.row_labels.items():
            label.setText(names[name])
        self.private_box.setTitle(self.tr("Pelapor — RAHASIA, jangan dibacakan di udara"))
        self.history_title.setText(self.tr("Riwayat (terbaru di atas)"))
        self.note_label.setText(self.tr("Catatan (wajib):"))
        self.note_edit.setPlaceholderText(self.tr("Catatan wajib: apa yang sudah dilakukan"))
        self.change_button.setText(self.tr("Ubah status"))
        self.status_combo.setPlaceholderText(self.tr("— status berikutnya —"))
        self.show_detail(self._detail)

    # ---- showing

    def detail(self) -> ComplaintDetail | None:
        return self._detail

    def show_detail(self, detail: ComplaintDetail | None) -> None:
        same_ticket = (detail is not None and self._detail is not None
                       and detail.row.ticket == self._detail.row.ticket)
        self._detail = detail
        if detail is None:
            self.title_label.setText(self.tr("Pilih tiket untuk melihat rinciannya."))
            for value in self.values.values():
                value.clear()
            self.reporter_label.clear()
            self.history_list.clear()
        else:
            self._show_values(detail)
        self._fill_statuses(detail, keep=same_ticket)
        if not same_ticket:
            self.note_edit.clear()
            self._mark_note_missing(False)
        for widget in (self.private_box, self.history_list, self.history_title):
            widget.setVisible(detail is not None)

    def _show_values(self, detail: ComplaintDetail) -> None:
        row = detail.row
        status = complaint_labels.status_name(row.status)
        if is_late(row.status, row.due_at):
            status += " · " + complaint_labels.due_text(row.status, row.due_at)
        self.title_label.setText(f"{row.ticket} — {status}")
        self.values["category"].setText(labels.localized(row.category_name_id,
                                                         row.category_name_en))
        agency = f"{row.agency_name} ({row.agency_code})"
        self.values["agency"].setText(agency + (f" · {detail.agency_phone}"
                                                if detail.agency_phone else ""))
        place = row.address
        if row.lat is not None and row.lon is not None:
            place = f"{place} ({row.lat:.5f}, {row.lon:.5f})" if place else \
                f"{row.lat:.5f}, {row.lon:.5f}"
        self.values["place"].setText(place)
        self.values["times"].setText(self.tr("dibuat %1 oleh %2 · target %3").replace(
            "%1", format_wita(row.created_at)).replace("%2", detail.created_by).replace(
            "%3", format_wita(row.due_at)))
        channel = complaint_labels.channel_name(row.channel)
        if detail.call_id is not None:
            channel += " " + self.tr("(panggilan #%1)").replace("%1", str(detail.call_id))
        self.values["channel"].setText(channel)
        self.values["description"].setText(detail.description)
        self.reporter_label.setText(self.tr("Nama: %1 · Nomor: %2").replace(
            "%1", detail.reporter_name or "—").replace(
            "%2", detail.reporter_display or detail.reporter_phone or "—"))
        self.history_list.clear()
        for entry in detail.history:
            item = QListWidgetItem(complaint_labels.history_line(entry), self.history_list)
            if entry.kind == "on_air":
                item.setBackground(QColor(ON_AIR_TINT))

    def _fill_statuses(self, detail: ComplaintDetail | None, *, keep: bool) -> None:
        chosen = self.status_combo.currentData() if keep else None
        self.status_combo.clear()
        for status in detail.next_statuses if detail else ():
            self.status_combo.addItem(complaint_labels.status_name(status), status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(chosen) if chosen else -1)
        can_change = bool(detail and detail.next_statuses)
        for widget in (self.status_combo, self.note_edit, self.change_button):
            widget.setEnabled(can_change)

    # ---- collecting

    def offered_statuses(self) -> list[str]:
        return [self.status_combo.itemData(i) for i in range(self.status_combo.count())]

    def history_texts(self) -> list[str]:
        return [self.history_list.item(i).text() for i in range(self.history_list.count())]

    def choose_status(self, status: str) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))

    def ask_for_note(self) -> None:
        """The change was refused for want of a note: point at the field."""
        self._mark_note_missing(True)
        self.note_edit.setFocus()

    def note_is_marked_missing(self) -> bool:
        return bool(self.note_edit.property("missing"))

    def _mark_note_missing(self, missing: bool) -> None:
        if self.note_is_marked_missing() != missing:
            self.note_edit.setProperty("missing", missing)
            self.note_edit.setStyleSheet("QLineEdit { border: 2px solid #b71c1c; }"
                                         if missing else "")

    def _request_change(self) -> None:
        self.changeRequested.emit(self.status_combo.currentData() or "", self.note_edit.text())
