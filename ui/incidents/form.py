"""The incident form: what happened, how urgent, where, and what the caller said.

Opened from the active call with the number filled in (`start_new`). Input
is checked here first so a mistake gets one clear line in Indonesian and
nothing is written; the domain checks again (and its refusal is shown the
same way) because another desk may have changed things meanwhile.

A caller who cannot say where they are still gets an incident: "Lokasi
belum diketahui" saves it without a place, to be located later (the
incident detail's Koreksi). A place outside the service area is asked
about (ui/incidents/confirm.py), not refused outright.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dispatch.geocode import NominatimGeocoder
from dispatch.incidents import MAX_NOTES, create_incident
from dispatch.phone import format_for_display, normalise_number
from ui import labels
from ui.incidents.confirm import confirm_place, is_place_refusal
from ui.qt.translations import Retranslates
from ui.qt.worker import BackgroundRunner, DbWorker, describe_error
from ui.snapshots import IncidentTypeChoice, read_caller_location
from ui.widgets.desk_form import DeskForm
from ui.widgets.location_picker import LocationPicker, PlaceProblem
from ui.widgets.message_line import MessageLine


class IncidentForm(Retranslates, DeskForm, QWidget):
    incidentCreated = Signal(int)

    def __init__(self, worker: DbWorker, network: BackgroundRunner,
                 geocoder: NominatimGeocoder | None, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._call_id: int | None = None
        self._types: tuple[IncidentTypeChoice, ...] = ()
        self._submitted: dict | None = None  # the values of the save under way
        self.question: QMessageBox | None = None  # open while the operator decides
        self.message = MessageLine(self)
        self.origin_label = QLabel(self)
        self.location = LocationPicker(network, geocoder, self)
        self.location.searchFailed.connect(self.message.show_error)
        self._build_fields()
        self._build_form_buttons("submitIncident")
        self._lay_out()
        self.retranslate()

    # ---- building

    def _build_fields(self) -> None:
        self.caller_edit = QLineEdit(self)
        self.caller_edit.setObjectName("callerEdit")
        self.caller_edit.editingFinished.connect(self._look_up_caller_location)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("typeCombo")
        self.type_combo.currentIndexChanged.connect(self._type_chosen)
        self.priority_spin = QSpinBox(self)
        self.priority_spin.setRange(1, 5)
        self.priority_spin.setPrefix("P")
        self.priority_spin.setValue(3)
        self.place_unknown_check = QCheckBox(self)
        self.place_unknown_check.setObjectName("placeUnknownCheck")
        self.place_unknown_check.toggled.connect(lambda unknown: self.location.setEnabled(
            not unknown))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setTabChangesFocus(True)

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.field_labels: list[QLabel] = []
        for field in (self.caller_edit, self.type_combo, self.priority_spin,
                      self.location.place_edit, self.notes_edit):
            label = QLabel(self)
            label.setBuddy(field)  # Alt+letter of the label jumps to the field
            self.field_labels.append(label)
        for label, field in zip(self.field_labels, (self.caller_edit, self.type_combo,
                                                    self.priority_spin, self.location,
                                                    self.notes_edit)):
            self.form.addRow(label, field)
        self.form.insertRow(4, "", self.place_unknown_check)  # under the place
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(self.origin_label)
        layout.addLayout(self.form)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        names = [self.tr("&Nomor penelepon"), self.tr("&Jenis kejadian"), self.tr("&Prioritas"),
                 self.tr("L&okasi"), self.tr("&Catatan")]
        for label, name in zip(self.field_labels, names):
            label.setText(name)
        self.caller_edit.setPlaceholderText(self.tr("mis. 0812-3456-7890 (boleh kosong)"))
        self.priority_spin.setToolTip(self.tr("1 paling mendesak; bawaan dari jenis kejadian"))
        self.notes_edit.setPlaceholderText(self.tr("Apa kata penelepon: korban, bahaya, patokan…"))
        self.place_unknown_check.setText(self.tr("Lokasi belum &diketahui"))
        self.place_unknown_check.setToolTip(self.tr(
            "Penelepon tidak tahu di mana ia berada: simpan sekarang, tentukan lokasinya nanti "
            "(Koreksi di rincian kejadian). Unit hanya bisa dikirim ke daerah yang dipilih."))
        self.submit_button.setText(self.tr("Simpan kejadian"))
        self.submit_button.setToolTip(self.tr("Simpan kejadian (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Kosongkan"))
        self.clear_button.setToolTip(self.tr("Mulai formulir baru (Ctrl+N)"))
        self._fill_type_names()
        self._show_origin()

    # ---- incident types

    def set_incident_types(self, types: tuple[IncidentTypeChoice, ...]) -> None:
        self._types = tuple(types)
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for choice in self._types:
            self.type_combo.addItem("", choice.code)
        self.type_combo.setCurrentIndex(-1)
        self.type_combo.blockSignals(False)
        self._fill_type_names()

    def _fill_type_names(self) -> None:
        for position, choice in enumerate(self._types):
            self.type_combo.setItemText(position, labels.localized(choice.name_id, choice.name_en))
        self.type_combo.setPlaceholderText(self.tr("— pilih jenis —"))

    def _type_chosen(self, position: int) -> None:
        if 0 <= position < len(self._types):
            self.priority_spin.setValue(self._types[position].default_priority)

    def choose_type(self, code: str) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(code))

    # ---- public slots

    def start_new(self, caller_number: str | None = None, call_id: int | None = None) -> None:
        """A fresh form; from a call, with its number (and later its last location)."""
        self._call_id = call_id
        self.message.clear_message()
        self.caller_edit.setText(format_for_display(caller_number) or caller_number or "")
        self.type_combo.setCurrentIndex(-1)
        self.priority_spin.setValue(3)
        self.notes_edit.clear()
        self.place_unknown_check.setChecked(False)
        self.location.clear()
        self._show_origin()
        self._look_up_caller_location()
        self.type_combo.setFocus()

    def _show_origin(self) -> None:
        self.origin_label.setText(self.tr("Dari panggilan #%1").replace("%1", str(self._call_id))
                                  if self._call_id is not None else "")
        self.origin_label.setVisible(self._call_id is not None)

    def _look_up_caller_location(self) -> None:
        number = self.caller_edit.text().strip()
        if not normalise_number(number).e164:
            self.location.set_caller_location(None)
            return
        self._worker.read(lambda session: read_caller_location(session, number),
                          self.location.set_caller_location, lambda _error: None)

    # ---- submitting

    def _checked_input(self) -> dict | None:
        """The form's values ready for create_incident, or None after saying
        what is wrong (one message, the first problem)."""
        position = self.type_combo.currentIndex()
        if not 0 <= position < len(self._types):
            return self._refuse(self.tr("Pilih jenis kejadian."), self.type_combo)
        place_unknown = self.place_unknown_check.isChecked()
        point = None if place_unknown else self.location.checked_point()
        if point is None and not place_unknown:
            return self._refuse(self.tr("Tentukan lokasi: pilih tempat, cari alamat, klik peta, "
                                        "isi lintang dan bujur, atau centang \"Lokasi belum "
                                        "diketahui\"."), self.location.place_edit)
        if isinstance(point, PlaceProblem):
            return self._refuse(point.text, point.field)
        lat, lon = point if point is not None else (None, None)
        caller = self.caller_edit.text().strip()
        parsed = normalise_number(caller)
        if caller and parsed.e164 is None and not parsed.withheld:
            return self._refuse(self.tr("Nomor penelepon \"%1\" tidak dikenali.").replace(
                "%1", caller), self.caller_edit)
        notes = self.notes_edit.toPlainText()
        if len(notes) > MAX_NOTES:
            return self._refuse(self.tr("Catatan terlalu panjang (maksimal %1 karakter).").replace(
                "%1", str(MAX_NOTES)), self.notes_edit)
        self._submitted = {
            "type_code": self._types[position].code, "lat": lat, "lon": lon,
            "priority": self.priority_spin.value(),
            "address": "" if place_unknown else self.location.address(),
            "notes": notes, "caller": caller or None, "call_id": self._call_id}
        return self._submitted

    @staticmethod
    def _save(session, actor: str, values: dict) -> int:
        incident = create_incident(session, actor=actor, **values)
        session.flush()
        return incident.id

    def _failed(self, error: BaseException) -> None:
        values = self._submitted
        if values is None or values["lat"] is None or not is_place_refusal(error):
            super()._failed(error)
            return
        self._saving = False
        self.submit_button.setEnabled(True)
        self.question = confirm_place(
            self, error, values["lat"], values["lon"],
            save_anyway=lambda: self._save_outside_area(values),
            use_place=self._use_corrected_place,
            declined=lambda: self._place_declined(error))

    def _save_outside_area(self, values: dict) -> None:
        """The operator confirmed a place beyond the border: the same save again."""
        self.question = None
        confirmed = {**values, "outside_area": True}
        self._saving = True
        self.submit_button.setEnabled(False)
        actor, save = self._actor, self._save
        self._worker.write(lambda session: save(session, actor, confirmed), self._saved,
                           self._failed)

    def _use_corrected_place(self, lat: float, lon: float) -> None:
        self.question = None
        self.location.set_point(lat, lon, source="corrected")
        self.message.show_info(self.tr("Lokasi diperbaiki; periksa lalu simpan (Ctrl+Enter)."))
        self.location.lat_edit.setFocus()

    def _place_declined(self, error: BaseException) -> None:
        """Nothing written; the form is as it was, the place to be fixed."""
        self.question = None
        self.message.show_error(lambda: describe_error(error))
        self.location.lat_edit.setFocus()

    def _created(self, incident_id: int) -> None:
        unlocated = self._submitted is not None and self._submitted["lat"] is None
        self._submitted = None
        self.start_new()
        if unlocated:
            self.message.show_info(self.tr(
                "Kejadian #%1 tersimpan tanpa lokasi: tentukan lokasinya lewat Koreksi di "
                "rincian kejadian.").replace("%1", str(incident_id)))
        else:
            self.message.show_info(self.tr("Kejadian #%1 tersimpan.").replace(
                "%1", str(incident_id)))
        self.incidentCreated.emit(incident_id)
