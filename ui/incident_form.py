"""The incident form: what happened, how urgent, where, and what the caller said.

Opened from the active call with the number filled in (`start_new`). Input
is checked here first so a mistake gets one clear line in Indonesian and
nothing is written; the domain checks again (and its refusal is shown the
same way) because another desk may have changed things meanwhile.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dispatch.geocode import NominatimGeocoder
from dispatch.incidents import MAX_NOTES, create_incident
from dispatch.phone import format_for_display, normalise_number
from ui import labels
from ui.boards import MessageLine
from ui.desk_form import DeskForm
from ui.location_picker import LocationPicker, PlaceProblem
from ui.snapshots import IncidentTypeChoice, read_caller_location
from ui.translations import Retranslates
from ui.worker import BackgroundRunner, DbWorker


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
        point = self.location.checked_point()
        if point is None:
            return self._refuse(self.tr("Tentukan lokasi: pilih tempat, cari alamat, klik peta, "
                                        "atau isi lintang dan bujur."), self.location.place_edit)
        if isinstance(point, PlaceProblem):
            return self._refuse(point.text, point.field)
        lat, lon = point
        caller = self.caller_edit.text().strip()
        parsed = normalise_number(caller)
        if caller and parsed.e164 is None and not parsed.withheld:
            return self._refuse(self.tr("Nomor penelepon \"%1\" tidak dikenali.").replace(
                "%1", caller), self.caller_edit)
        notes = self.notes_edit.toPlainText()
        if len(notes) > MAX_NOTES:
            return self._refuse(self.tr("Catatan terlalu panjang (maksimal %1 karakter).").replace(
                "%1", str(MAX_NOTES)), self.notes_edit)
        return {"type_code": self._types[position].code, "lat": lat, "lon": lon,
                "priority": self.priority_spin.value(), "address": self.location.address(),
                "notes": notes, "caller": caller or None, "call_id": self._call_id}

    @staticmethod
    def _save(session, actor: str, values: dict) -> int:
        incident = create_incident(session, actor=actor, **values)
        session.flush()
        return incident.id

    def _created(self, incident_id: int) -> None:
        self.start_new()
        self.message.show_info(self.tr("Kejadian #%1 tersimpan.").replace("%1", str(incident_id)))
        self.incidentCreated.emit(incident_id)
