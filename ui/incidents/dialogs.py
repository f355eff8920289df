"""The incident detail's two small dialogs: correcting an incident (type,
priority, place) and closing or cancelling it with a disposition.

A dialog only collects and checks what was typed; the detail panel writes
and closes the dialog once the write is done. Until then the dialog stays
as it was, so a refusal (or a question the operator answers No) leaves
everything typed in place and nothing written.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dispatch.assignments import MAX_REASON
from dispatch.geocode import Gazetteer, NominatimGeocoder
from ui import labels
from ui.actions import panel_action
from ui.incidents import labels as incident_labels
from ui.incidents.snapshots import IncidentDetail
from ui.qt.translations import Retranslates
from ui.qt.worker import BackgroundRunner
from ui.snapshots import IncidentTypeChoice
from ui.widgets.location_picker import LocationPicker, PlaceProblem
from ui.widgets.message_line import MessageLine


def _buttons(dialog: QDialog, on_accept) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox(dialog)
    accept = box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    back = box.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    accept.setDefault(True)
    box.accepted.connect(on_accept)  # the dialog closes only once the write is done
    box.rejected.connect(dialog.reject)
    return box, accept, back


class CorrectIncidentDialog(Retranslates, QDialog):
    """Type, priority and place, as they are now; what the operator changes
    goes to correct_incident (only what changed)."""

    submitted = Signal(dict)  # the changed fields, as correct_incident's arguments

    def __init__(self, detail: IncidentDetail, types: tuple[IncidentTypeChoice, ...],
                 network: BackgroundRunner, geocoder: NominatimGeocoder | None,
                 gazetteer: Gazetteer | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctIncidentDialog")
        self.detail = detail
        self._types = tuple(types)
        self.message = MessageLine(self)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("correctTypeCombo")
        for choice in self._types:
            self.type_combo.addItem(labels.localized(choice.name_id, choice.name_en), choice.code)
        self.type_combo.setCurrentIndex(self.type_combo.findData(detail.type_code))
        self.priority_spin = QSpinBox(self)
        self.priority_spin.setObjectName("correctPrioritySpin")
        self.priority_spin.setRange(1, 5)
        self.priority_spin.setPrefix("P")
        self.priority_spin.setValue(detail.priority)
        self.location = LocationPicker(network, geocoder, self)
        if gazetteer is not None:
            self.location.set_gazetteer(gazetteer)
        self.location.searchFailed.connect(self.message.show_error)
        if detail.located:
            self.location.set_point(detail.lat, detail.lon, address=detail.address, source="")
        else:
            self.location.place_edit.setText(detail.address)
        self.field_labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.field_labels, (self.type_combo, self.priority_spin,
                                                    self.location)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.button_box, self.save_button, self.back_button = _buttons(self, self._submit)
        # Enter in the place box searches an address: only Ctrl+Enter saves here.
        for button in (self.save_button, self.back_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        panel_action(self, ["Ctrl+Return", "Ctrl+Enter"], self._submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.button_box)
        self.setMinimumWidth(560)
        self.retranslate()
        (self.type_combo if detail.located else self.location.place_edit).setFocus()

    def retranslate(self) -> None:
        incident = str(self.detail.id)
        self.setWindowTitle(self.tr("Koreksi kejadian #%1").replace("%1", incident)
                            if self.detail.located else
                            self.tr("Tentukan lokasi kejadian #%1").replace("%1", incident))
        for label, name in zip(self.field_labels, (self.tr("&Jenis kejadian"),
                                                   self.tr("&Prioritas"), self.tr("L&okasi"))):
            label.setText(name)
        self.save_button.setText(self.tr("Simpan koreksi"))
        self.save_button.setToolTip(self.tr("Simpan koreksi (Ctrl+Enter)"))
        self.back_button.setText(self.tr("Kembali"))

    def changes(self) -> dict | None:
        """What differs from the incident as it is, or None after saying what
        is wrong (one line, the focus on the field)."""
        detail = self.detail
        changed: dict = {}
        code = self.type_combo.currentData()
        if code and code != detail.type_code:
            changed["type_code"] = code
        if self.priority_spin.value() != detail.priority:
            changed["priority"] = self.priority_spin.value()
        point = self.location.checked_point()
        if isinstance(point, PlaceProblem):
            return self._refuse(point.text, point.field)
        if point is not None and not self._same_place(point):
            changed["lat"], changed["lon"] = point
        if self.location.address() != detail.address and (point is not None
                                                            or not detail.located):
            changed["address"] = self.location.address()
        if not changed:
            return self._refuse(self.tr("Tidak ada yang diubah."), self.type_combo)
        return changed

    def _same_place(self, point: tuple[float, float]) -> bool:
        # The boxes show six decimals (about 0.1 m): a place read back from
        # them is the same place, not a correction to write and audit.
        detail = self.detail
        return detail.located and all(abs(typed - stored) < 1e-6 for typed, stored in
                                      zip(point, (detail.lat, detail.lon)))

    def _refuse(self, text: str, field: QWidget) -> None:
        self.message.show_error(text)
        field.setFocus()
        return None

    def _submit(self) -> None:
        changed = self.changes()
        if changed is not None:
            self.message.clear_message()
            self.submitted.emit(changed)


class CloseIncidentDialog(Retranslates, QDialog):
    """How the incident ended (the dispositions in the desk's language) and
    an optional note, for close_incident."""

    submitted = Signal(str, str)  # disposition, note

    def __init__(self, incident_id: int, cancel: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelIncidentDialog" if cancel else "closeIncidentDialog")
        self.incident_id = incident_id
        self.cancel = cancel
        self.message = MessageLine(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.disposition_combo = QComboBox(self)
        self.disposition_combo.setObjectName("dispositionCombo")
        for value in incident_labels.dispositions(cancel):
            self.disposition_combo.addItem("", value)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("closeNoteEdit")
        self.note_edit.setMaxLength(MAX_REASON)
        self.field_labels = [QLabel(self), QLabel(self)]
        form = QFormLayout()
        for label, field in zip(self.field_labels, (self.disposition_combo, self.note_edit)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.button_box, self.save_button, self.back_button = _buttons(self, self._submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.button_box)
        self.setMinimumWidth(420)
        self.retranslate()
        self.disposition_combo.setFocus()

    def retranslate(self) -> None:
        incident = str(self.incident_id)
        if self.cancel:
            self.setWindowTitle(self.tr("Batalkan kejadian #%1").replace("%1", incident))
            self.explanation.setText(self.tr(
                "Kejadian ini ternyata tidak perlu ditangani. Unit yang masih ditugaskan "
                "dilepas dan kembali tersedia."))
            self.save_button.setText(self.tr("Batalkan kejadian"))
        else:
            self.setWindowTitle(self.tr("Tutup kejadian #%1").replace("%1", incident))
            self.explanation.setText(self.tr(
                "Penanganan selesai. Unit yang masih ditugaskan dilepas dan kembali tersedia."))
            self.save_button.setText(self.tr("Tutup kejadian"))
        self.back_button.setText(self.tr("Kembali"))
        for label, name in zip(self.field_labels, (self.tr("&Hasil"),
                                                   self.tr("&Catatan (boleh kosong)"))):
            label.setText(name)
        for position in range(self.disposition_combo.count()):
            self.disposition_combo.setItemText(position, incident_labels.disposition_name(
                self.disposition_combo.itemData(position)))

    def choose(self, disposition: str) -> None:
        self.disposition_combo.setCurrentIndex(self.disposition_combo.findData(disposition))

    def _submit(self) -> None:
        self.message.clear_message()
        self.submitted.emit(self.disposition_combo.currentData(), self.note_edit.text().strip())
