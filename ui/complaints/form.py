"""The Halo Denpasar complaint form: what is wrong, where, who reported it.

Opened from a call (channel "call", the number filled in) or blank for a
walk-in, SMS or letter. Input is checked here first so a mistake gets one
clear line and nothing is written; the domain checks again, and its refusal
is shown the same way. The saved ticket number stays on screen, large, for
the operator to read back to the caller.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dispatch.complaints import MAX_ADDRESS, MAX_DESCRIPTION, MAX_NAME, create_complaint
from dispatch.geocode import NominatimGeocoder
from dispatch.phone import format_for_display, normalise_number
from ui import labels
from ui.complaints import labels as complaint_labels
from ui.complaints.snapshots import CategoryChoice
from ui.qt.translations import Retranslates
from ui.qt.worker import BackgroundRunner, DbWorker
from ui.snapshots import read_caller_location
from ui.widgets.desk_form import DeskForm
from ui.widgets.location_picker import LocationPicker, PlaceProblem
from ui.widgets.message_line import MessageLine


class ComplaintForm(Retranslates, DeskForm, QWidget):
    complaintCreated = Signal(str)  # the ticket number

    def __init__(self, worker: DbWorker, network: BackgroundRunner,
                 geocoder: NominatimGeocoder | None, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._call_id: int | None = None
        self._categories: tuple[CategoryChoice, ...] = ()
        self._ticket: str | None = None
        self.message = MessageLine(self)
        self.ticket_label = self._ticket_display()
        self.ticket_label.hide()
        self.origin_label = QLabel(self)
        self.location = LocationPicker(network, geocoder, self)
        self.location.searchFailed.connect(self.message.show_error)
        self._build_fields()
        self._build_form_buttons("submitComplaint")
        self._lay_out()
        self.retranslate()

    # ---- building

    def _ticket_display(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("ticketLabel")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        big = label.font()  # read back to the caller over the phone: it must be easy to see
        big.setPointSize(max(18, big.pointSize() + 6))
        big.setBold(True)
        label.setFont(big)
        label.setStyleSheet("color: #0d47a1;")
        label.setWordWrap(True)
        return label

    def _build_fields(self) -> None:
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channelCombo")
        for channel in complaint_labels.CHANNELS:
            self.channel_combo.addItem("", channel)
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.currentIndexChanged.connect(self._show_category_route)
        self.route_label = QLabel(self)
        self.route_label.setObjectName("categoryRoute")
        self.route_label.setWordWrap(True)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        lines = self.description_edit.fontMetrics().lineSpacing()
        self.description_edit.setMinimumHeight(3 * lines + 12)  # three lines, then it scrolls
        self.reporter_name_edit = QLineEdit(self)
        self.reporter_name_edit.setObjectName("reporterNameEdit")
        self.reporter_phone_edit = QLineEdit(self)
        self.reporter_phone_edit.setObjectName("reporterPhoneEdit")
        self.reporter_phone_edit.editingFinished.connect(self._look_up_caller_location)

    def _lay_out(self) -> None:
        # The reporter's data sits apart, marked private: never read on air.
        self.private_box = QGroupBox(self)
        self.private_box.setObjectName("reporterPrivate")
        self.private_box.setStyleSheet("QGroupBox { color: #e65100; font-weight: bold; }")
        # The reporter's name and number share one line: the form must fit
        # under the calls panel on a 768 px screen.
        form, private = QFormLayout(), QHBoxLayout(self.private_box)
        self.field_labels: list[QLabel] = []
        for layout, field, shown in (
                (form, self.channel_combo, None), (form, self.category_combo, None),
                (form, self.location.place_edit, self.location),
                (form, self.description_edit, None), (private, self.reporter_name_edit, None),
                (private, self.reporter_phone_edit, None)):
            label = QLabel(self)
            label.setBuddy(field)  # Alt+letter of the label jumps to the field
            self.field_labels.append(label)
            if layout is private:
                private.addWidget(label)
                private.addWidget(field, 1)
            else:
                layout.addRow(label, shown or field)
            if field is self.category_combo:
                form.addRow("", self.route_label)
        self._fields = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.ticket_label)
        layout.addWidget(self.message)
        layout.addWidget(self.origin_label)
        layout.addLayout(form)
        layout.addWidget(self.private_box)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        names = [self.tr("&Saluran"), self.tr("&Kategori"), self.tr("&Tempat"),
                 self.tr("&Uraian masalah"), self.tr("&Nama pelapor"), self.tr("N&omor pelapor")]
        for label, name in zip(self.field_labels, names):
            label.setText(name)
        for position, channel in enumerate(complaint_labels.CHANNELS):
            self.channel_combo.setItemText(position, complaint_labels.channel_name(channel))
        self.private_box.setTitle(self.tr("Data pelapor — RAHASIA, tidak pernah dibacakan "
                                          "di udara"))
        self.reporter_name_edit.setPlaceholderText(self.tr("boleh kosong"))
        self.reporter_phone_edit.setPlaceholderText(self.tr("mis. 0812-3456-7890 (boleh kosong)"))
        self.description_edit.setPlaceholderText(
            self.tr("Apa masalahnya, sejak kapan, patokan tempatnya…"))
        self.submit_button.setText(self.tr("Simpan pengaduan"))
        self.submit_button.setToolTip(self.tr("Simpan pengaduan (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Kosongkan"))
        self._fill_category_names()
        self._show_origin()
        self._show_ticket()

    # ---- categories

    def set_categories(self, choices: tuple[CategoryChoice, ...]) -> None:
        chosen = self.chosen_category()
        self._categories = tuple(choices)
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        for choice in self._categories:
            self.category_combo.addItem("", choice.code)
        self.category_combo.setCurrentIndex(
            self.category_combo.findData(chosen.code) if chosen else -1)
        self.category_combo.blockSignals(False)
        self._fill_category_names()

    def _fill_category_names(self) -> None:
        for position, choice in enumerate(self._categories):
            self.category_combo.setItemText(position, labels.localized(choice.name_id,
                                                                       choice.name_en))
        self.category_combo.setPlaceholderText(self.tr("— pilih kategori —"))
        self._show_category_route()

    def chosen_category(self) -> CategoryChoice | None:
        position = self.category_combo.currentIndex()
        return self._categories[position] if 0 <= position < len(self._categories) else None

    def choose_category(self, code: str) -> None:
        self.category_combo.setCurrentIndex(self.category_combo.findData(code))

    def _show_category_route(self, *_args) -> None:
        choice = self.chosen_category()
        self.route_label.setText("" if choice is None else self.tr(
            "Diteruskan ke %1 (%2) · target selesai %3 jam").replace(
            "%1", choice.agency_name).replace("%2", choice.agency_code).replace(
            "%3", str(choice.target_hours)))
        # No empty line before a category is chosen: the form must fit a 768 px screen.
        self._fields.setRowVisible(self.route_label, choice is not None)

    # ---- public slots

    def start_new(self, caller_number: str | None = None, call_id: int | None = None) -> None:
        """A fresh form: from a call with its number, or blank for a walk-in."""
        self._call_id = call_id
        self._ticket = None
        self.message.clear_message()
        from_call = call_id is not None or bool(caller_number)
        self.channel_combo.setCurrentIndex(
            self.channel_combo.findData("call" if from_call else "walk_in"))
        self.reporter_phone_edit.setText(format_for_display(caller_number) or caller_number or "")
        self.reporter_name_edit.clear()
        self.category_combo.setCurrentIndex(-1)
        self.description_edit.clear()
        self.location.clear()
        self._show_origin()
        self._show_ticket()
        self._look_up_caller_location()
        self.category_combo.setFocus()

    def channel(self) -> str:
        """The chosen channel's value (dispatch.enums.ComplaintChannel)."""
        return self.channel_combo.currentData()

    def _show_origin(self) -> None:
        self.origin_label.setText(self.tr("Dari panggilan #%1").replace("%1", str(self._call_id))
                                  if self._call_id is not None else "")
        self.origin_label.setVisible(self._call_id is not None)

    def _show_ticket(self) -> None:
        self.ticket_label.setText("" if self._ticket is None else self.tr(
            "Tiket %1 tersimpan — bacakan ke penelepon").replace("%1", self._ticket))
        self.ticket_label.setVisible(self._ticket is not None)

    def _look_up_caller_location(self) -> None:
        number = self.reporter_phone_edit.text().strip()
        if not normalise_number(number).e164:
            self.location.set_caller_location(None)
            return
        self._worker.read(lambda session: read_caller_location(session, number),
                          self.location.set_caller_location, lambda _error: None)

    # ---- submitting

    def _checked_place(self) -> tuple[float | None, float | None] | None:
        point = self.location.checked_point()
        if point is None:
            if self.location.address():
                return None, None  # an address alone is enough for a complaint
            return self._refuse(lambda: self.tr(
                "Tentukan tempat: pilih tempat, cari alamat, klik peta, isi lintang dan bujur, "
                "atau tulis alamatnya."), self.location.place_edit)
        if isinstance(point, PlaceProblem):
            return self._refuse(point.text, point.field)
        return point

    def _checked_input(self) -> dict | None:
        """The form's values ready for create_complaint, or None after saying
        what is wrong (one message, the first problem)."""
        category = self.chosen_category()
        if category is None:
            return self._refuse(lambda: self.tr("Pilih kategori pengaduan."),
                                self.category_combo)
        place = self._checked_place()
        if place is None:
            return None
        description = self.description_edit.toPlainText().strip()
        if not description:
            return self._refuse(lambda: self.tr("Tulis uraian masalahnya."),
                                self.description_edit)
        name = self.reporter_name_edit.text().strip()
        for what, value, limit, field in (
                (lambda: self.tr("Alamat"), self.location.address(), MAX_ADDRESS,
                 self.location.place_edit),
                (lambda: self.tr("Uraian"), description, MAX_DESCRIPTION, self.description_edit),
                (lambda: self.tr("Nama pelapor"), name, MAX_NAME, self.reporter_name_edit)):
            if len(value) > limit:
                return self._refuse(
                    lambda what=what, limit=limit: self.tr(
                        "%1 terlalu panjang (maksimal %2 karakter).").replace(
                        "%2", str(limit)).replace("%1", what()), field)
        number = self.reporter_phone_edit.text().strip()
        if number and normalise_number(number).e164 is None:
            return self._refuse(lambda: self.tr(
                "Nomor pelapor \"%1\" tidak dikenali (harus nomor yang bisa ditelepon balik)."
            ).replace("%1", number), self.reporter_phone_edit)
        return {"category_code": category.code, "lat": place[0], "lon": place[1],
                "address": self.location.address(), "description": description,
                "reporter_name": name or None, "reporter_phone": number or None,
                "call_id": self._call_id, "channel": self.channel()}

    @staticmethod
    def _save(session, actor: str, values: dict) -> str:
        return create_complaint(session, actor=actor, **values).ticket

    def _created(self, ticket: str) -> None:
        self.start_new()
        self._ticket = ticket
        self._show_ticket()
        self.complaintCreated.emit(ticket)
