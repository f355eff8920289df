"""The incident, whole: the dock that follows the selection on the
incidents board.

What happened and how urgent, where (or that the place is not known yet),
who called and the number to call back, what the call-taker wrote, the
calls that reported it, each unit sent with the time of each step, and the
timeline (when in WITA, who, what). From here an operator adds a note,
corrects type, priority or place (locating an incident saved without one),
and closes or cancels the incident with a disposition.

When the selected incident leaves the board (closed here or by another
desk) the dock keeps showing it, now closed, until another is chosen.
Reads and writes go through the window's DbWorker; the domain audits
every change.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dispatch.assignments import close_incident
from dispatch.geocode import Gazetteer, NominatimGeocoder
from dispatch.incidents import MAX_NOTES, add_note, correct_incident
from ui import labels
from ui.actions import SHORTCUTS
from ui.incidents import labels as incident_labels
from ui.incidents.confirm import confirm_place, is_place_refusal
from ui.incidents.dialogs import CloseIncidentDialog, CorrectIncidentDialog
from ui.incidents.snapshots import IncidentDetail, LinkedCall, read_incident_detail
from ui.qt.translations import Retranslates
from ui.qt.worker import BackgroundRunner, CoalescedRead, DbWorker, describe_error
from ui.snapshots import IncidentTypeChoice
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel

VALUE_NAMES = ("place", "address", "caller", "notes", "calls", "created")
PLACE_UNKNOWN_STYLE = "color: #bf360c; font-weight: bold;"


def _value_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(f"incident_{name}")
    label.setWordWrap(True)
    # Selectable: a dispatcher copies the callback number or the address.
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _key(name: str) -> str:
    keys = SHORTCUTS.get(name, ())
    return keys[0] if keys else ""


class IncidentDetailPanel(Retranslates, QWidget):
    def __init__(self, worker: DbWorker, network: BackgroundRunner,
                 geocoder: NominatimGeocoder | None, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker, self._network, self._geocoder = worker, network, geocoder
        self._actor = actor
        self._incident_id: int | None = None
        self._detail: IncidentDetail | None = None
        self._types: tuple[IncidentTypeChoice, ...] = ()
        self._gazetteer: Gazetteer | None = None
        self._writing = False
        self._waiting_action = None  # an action asked for before the detail was read
        # Open while the operator decides; tests answer them.
        self.question: QMessageBox | None = None
        self.correct_dialog: CorrectIncidentDialog | None = None
        self.close_dialog: CloseIncidentDialog | None = None
        self._read = CoalescedRead(worker, self._query, self._show_read)
        self._build()
        self.retranslate()
        self._show(None)

    # ---- building

    def _build(self) -> None:
        self.title_label = _value_label(self, "title")
        self.title_label.setStyleSheet("font-weight: bold;")
        self.place_warning = QLabel(self)
        self.place_warning.setObjectName("placeUnknownWarning")
        self.place_warning.setWordWrap(True)
        self.place_warning.setStyleSheet(PLACE_UNKNOWN_STYLE)
        self.message = MessageLine(self)
        self.values = {name: _value_label(self, name) for name in VALUE_NAMES}
        self.units_model = RowTableModel(self._unit_columns(),
                                         key=lambda row: (row.callsign, row.dispatched_at),
                                         parent=self)
        self.units_view = KeyedTableView(self.units_model, self)
        self.units_view.setObjectName("incidentUnitsTable")
        self.timeline_list = QListWidget(self)
        self.timeline_list.setObjectName("incidentTimeline")
        self.timeline_list.setWordWrap(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("incidentNoteEdit")
        self.note_edit.setMaxLength(MAX_NOTES)
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self)
        self.note_button.clicked.connect(self.add_note)
        self.correct_button = QPushButton(self)
        self.correct_button.clicked.connect(self.open_correct)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(lambda: self.open_close(cancel=False))
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(lambda: self.open_close(cancel=True))
        self._lay_out()

    def _lay_out(self) -> None:
        form_widget = QWidget(self)
        self.form = QFormLayout(form_widget)
        self.form.setContentsMargins(2, 2, 2, 2)
        self.row_labels = {name: QLabel(form_widget) for name in VALUE_NAMES}
        for name in VALUE_NAMES:
            self.form.addRow(self.row_labels[name], self.values[name])
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.units_title, self.timeline_title = QLabel(self), QLabel(self)
        for title, view in ((self.units_title, self.units_view),
                            (self.timeline_title, self.timeline_list)):
            right_layout.addWidget(title)
            right_layout.addWidget(view, 1)
        # Side by side: a dispatcher's dock is wide and not tall.
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([10_000, 10_000])  # half each, whatever the dock's width
        actions = QHBoxLayout()
        actions.addWidget(self.note_edit, 1)
        actions.addWidget(self.note_button)
        actions.addSpacing(12)
        for button in (self.correct_button, self.close_button, self.cancel_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.place_warning)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

    def _unit_columns(self) -> list[Column]:
        clock, when = incident_labels.clock, incident_labels.when

        def step(header, moment_of) -> Column:
            return Column(header, lambda row: clock(moment_of(row)),
                          tooltip=lambda row: when(moment_of(row)))
        return [
            Column(lambda: self.tr("Unit"), lambda row: row.callsign,
                   tooltip=lambda row: labels.localized(row.kind_name_id, row.kind_name_en)),
            Column(lambda: self.tr("Status"),
                   lambda row: incident_labels.assignment_status(row.status)),
            step(lambda: self.tr("Ditugaskan"), lambda row: row.dispatched_at),
            step(lambda: self.tr("Berangkat"), lambda row: row.en_route_at),
            step(lambda: self.tr("Tiba"), lambda row: row.on_scene_at),
            step(lambda: self.tr("Lepas"), lambda row: row.cleared_at),
        ]

    def retranslate(self) -> None:
        names = {"place": self.tr("Lokasi"),
                 "address": self.tr("Alamat"), "caller": self.tr("Penelepon / telp. balik"),
                 "notes": self.tr("Catatan penerima"), "calls": self.tr("Panggilan"),
                 "created": self.tr("Dibuat")}
        for name, label in self.row_labels.items():
            label.setText(names[name])
        self.units_title.setText(self.tr("Unit yang dikirim (jam WITA)"))
        self.timeline_title.setText(self.tr("Kronologi (terbaru di atas)"))
        self.note_edit.setPlaceholderText(self.tr("Catatan baru: kabar dari penelepon atau unit…"))
        self.note_button.setText(self.tr("Tambah catatan"))
        self.note_button.setToolTip(self.tr("Tambah catatan (Enter; dari mana saja: %1)").replace(
            "%1", _key("incident_note")))
        self.correct_button.setText(self.tr("Koreksi…"))
        self.correct_button.setToolTip(self.tr(
            "Koreksi jenis, prioritas atau lokasi (%1)").replace("%1", _key("incident_correct")))
        self.close_button.setText(self.tr("Tutup…"))
        self.close_button.setToolTip(self.tr("Tutup kejadian: penanganan selesai (%1)").replace(
            "%1", _key("incident_close")))
        self.cancel_button.setText(self.tr("Batalkan…"))
        self.cancel_button.setToolTip(self.tr(
            "Batalkan kejadian: laporan palsu, duplikat, iseng (%1)").replace(
            "%1", _key("incident_cancel")))
        self.place_warning.setText(self.tr(
            "⚠ Lokasi belum diketahui: tentukan lewat Koreksi (%1). Sampai itu, unit hanya "
            "bisa dikirim ke daerah yang dipilih di Rekomendasi.").replace(
            "%1", _key("incident_correct")))
        self.units_model.retranslate()
        self._show(self._detail)

    # ---- following the board

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def detail(self) -> IncidentDetail | None:
        return self._detail

    def set_incident_types(self, types: tuple[IncidentTypeChoice, ...]) -> None:
        self._types = tuple(types)

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def show_incident(self, incident_id: int | None) -> None:
        if incident_id is None or incident_id == self._incident_id:
            return  # the last one stays in view (closed, perhaps) until another is chosen
        self._incident_id = incident_id
        self._waiting_action = None
        self.message.clear_message()
        self.note_edit.clear()
        self._read.request()

    def refresh(self) -> None:
        self._read.request()

    def is_settled(self) -> bool:
        return not self._read.busy and not self._writing

    def _query(self):
        incident_id = self._incident_id
        if incident_id is None:
            return None
        return lambda session: read_incident_detail(session, incident_id)

    def _show_read(self, detail: IncidentDetail) -> None:
        if detail.id != self._incident_id:
            return  # another incident was chosen meanwhile: its read follows
        self._show(detail)
        waiting, self._waiting_action = self._waiting_action, None
        if waiting is not None:
            waiting()

    # ---- showing

    def _show(self, detail: IncidentDetail | None) -> None:
        self._detail = detail
        if detail is None:
            self.title_label.setText(self.tr("Pilih kejadian di papan kejadian."))
            for value in self.values.values():
                value.clear()
            self.units_model.set_rows([])
            self.timeline_list.clear()
        else:
            self._show_values(detail)
            self.units_model.set_rows(detail.units)
            self.timeline_list.clear()
            type_names = {choice.code: labels.localized(choice.name_id, choice.name_en)
                          for choice in self._types}
            self.timeline_list.addItems([incident_labels.timeline_line(entry, type_names)
                                         for entry in reversed(detail.timeline)])
        self.place_warning.setVisible(detail is not None and not detail.located
                                      and detail.is_open)
        open_one = detail is not None and detail.is_open
        for button in (self.correct_button, self.close_button, self.cancel_button):
            button.setEnabled(open_one)
        for widget in (self.note_edit, self.note_button):
            widget.setEnabled(detail is not None)

    def _show_values(self, detail: IncidentDetail) -> None:
        status = labels.incident_status(detail.status)
        if detail.disposition and not detail.is_open:
            status += " · " + incident_labels.disposition_name(detail.disposition)
        type_name = labels.localized(detail.type_name_id, detail.type_name_en)
        self.title_label.setText(f"#{detail.id} · {type_name} · P{detail.priority} · {status}")
        place = self.values["place"]
        if detail.located:
            place.setText(f"{detail.lat:.6f}, {detail.lon:.6f}")
            place.setStyleSheet("")
        else:
            place.setText(incident_labels.place_unknown())
            place.setStyleSheet(PLACE_UNKNOWN_STYLE)
        self.values["address"].setText(detail.address or "—")
        self.values["caller"].setText(self._caller_text(detail))
        self.values["notes"].setText(detail.notes or "—")
        self.values["calls"].setText("\n".join(self._call_line(call) for call in detail.calls)
                                     or self.tr("tidak dari panggilan (dibuat manual)"))
        self.values["created"].setText(self.tr("%1 oleh %2").replace(
            "%1", incident_labels.when(detail.created_at)).replace("%2", detail.created_by))

    def _caller_text(self, detail: IncidentDetail) -> str:
        number = detail.caller_display
        if number is None:
            opening = next((call for call in detail.calls if call.opened_it), None)
            number = labels.withheld() if opening is not None and opening.withheld else "—"
        return f"{detail.caller_name} · {number}" if detail.caller_name else number

    def _call_line(self, call: LinkedCall) -> str:
        role = (self.tr("membuka kejadian") if call.opened_it
                else self.tr("laporan tambahan"))
        caller = labels.withheld() if call.withheld else (call.caller_display or "—")
        return f"#{call.call_id} · {incident_labels.when(call.started_at)} · {caller} · {role}"

    def timeline_texts(self) -> list[str]:
        return [self.timeline_list.item(i).text() for i in range(self.timeline_list.count())]

    # ---- acting on the incident

    def _refuse(self, text: str) -> None:
        self.message.show_error(text)

    def _when_read(self, act, *, must_be_open: bool = True) -> None:
        """Run `act(detail)` on the incident in view, once its detail is read."""
        if self._incident_id is None:
            self._refuse(self.tr("Pilih kejadian di papan kejadian dulu."))
            return
        detail = self._detail
        if detail is None or detail.id != self._incident_id:
            self._waiting_action = lambda: self._when_read(act, must_be_open=must_be_open)
            return
        if must_be_open and not detail.is_open:
            self._refuse(self.tr("Kejadian #%1 sudah %2: tidak bisa diubah lagi.").replace(
                "%1", str(detail.id)).replace("%2", labels.incident_status(detail.status)))
            return
        act(detail)

    def focus_note(self) -> None:
        if self._incident_id is None:
            self._refuse(self.tr("Pilih kejadian di papan kejadian dulu."))
            return
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.selectAll()

    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if self._incident_id is None:
            self._refuse(self.tr("Pilih kejadian di papan kejadian dulu."))
            return
        if not text:
            self._refuse(self.tr("Tulis catatannya dulu."))
            self.focus_note()
            return
        if self._writing:
            return
        incident_id, actor = self._incident_id, self._actor
        self._start_writing()
        self._worker.write(
            lambda session: add_note(session, incident_id=incident_id, text=text, actor=actor),
            lambda _incident: self._noted(incident_id, text), self._write_failed)

    def _noted(self, incident_id: int, text: str) -> None:
        self._stop_writing()
        if self.note_edit.text().strip() == text:
            self.note_edit.clear()
        self.message.show_info(self.tr("Catatan ditambahkan ke kejadian #%1.").replace(
            "%1", str(incident_id)))
        self.refresh()

    def open_correct(self) -> None:
        self._when_read(self._open_correct)

    def _open_correct(self, detail: IncidentDetail) -> None:
        dialog = CorrectIncidentDialog(detail, self._types, self._network, self._geocoder,
                                       self._gazetteer, self)
        dialog.submitted.connect(lambda changes: self._correct(dialog, changes))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.correct_dialog = dialog
        dialog.open()
        dialog.activateWindow()  # the keys go to it, not to the panel behind

    def _correct(self, dialog: CorrectIncidentDialog, changes: dict, *,
                 outside_area: bool = False) -> None:
        if self._writing:
            return
        incident_id, actor = dialog.detail.id, self._actor
        self._start_writing(dialog.save_button)

        def write(session) -> None:
            correct_incident(session, incident_id=incident_id, actor=actor,
                             outside_area=outside_area, **changes)
        self._worker.write(write, lambda _none: self._corrected(dialog, changes),
                           lambda error: self._correct_failed(dialog, changes, error))

    def _corrected(self, dialog: CorrectIncidentDialog, changes: dict) -> None:
        self._stop_writing(dialog.save_button)
        dialog.accept()
        incident = str(dialog.detail.id)
        if "lat" in changes and not dialog.detail.located:
            self.message.show_info(self.tr("Lokasi kejadian #%1 sudah ditentukan.").replace(
                "%1", incident))
        else:
            self.message.show_info(self.tr("Kejadian #%1 dikoreksi.").replace("%1", incident))
        self.refresh()

    def _correct_failed(self, dialog: CorrectIncidentDialog, changes: dict,
                        error: BaseException) -> None:
        self._stop_writing(dialog.save_button)
        if "lat" not in changes or not is_place_refusal(error):
            dialog.message.show_error(lambda: describe_error(error))
            return

        def save_anyway() -> None:
            self.question = None
            self._correct(dialog, changes, outside_area=True)

        def use_place(lat: float, lon: float) -> None:
            self.question = None
            dialog.location.set_point(lat, lon, source="corrected")
            dialog.message.show_info(self.tr("Lokasi diperbaiki; periksa lalu simpan."))

        def declined() -> None:
            self.question = None
            dialog.message.show_error(lambda: describe_error(error))
            dialog.location.lat_edit.setFocus()
        self.question = confirm_place(dialog, error, changes["lat"], changes["lon"],
                                      save_anyway=save_anyway, use_place=use_place,
                                      declined=declined)

    def open_close(self, cancel: bool = False) -> None:
        self._when_read(lambda detail: self._open_close(detail, cancel))

    def _open_close(self, detail: IncidentDetail, cancel: bool) -> None:
        dialog = CloseIncidentDialog(detail.id, cancel, self)
        dialog.submitted.connect(lambda disposition, note: self._close(dialog, disposition,
                                                                       note))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.close_dialog = dialog
        dialog.open()
        dialog.activateWindow()  # the keys go to it, not to the panel behind

    def _close(self, dialog: CloseIncidentDialog, disposition: str, note: str) -> None:
        if self._writing:
            return
        incident_id, actor, cancel = dialog.incident_id, self._actor, dialog.cancel
        self._start_writing(dialog.save_button)

        def write(session) -> None:
            close_incident(session, incident_id=incident_id, actor=actor, cancel=cancel,
                           note=note, disposition=disposition)

        def failed(error: BaseException) -> None:
            self._stop_writing(dialog.save_button)
            dialog.message.show_error(lambda: describe_error(error))
        self._worker.write(write, lambda _none: self._closed(dialog, disposition), failed)

    def _closed(self, dialog: CloseIncidentDialog, disposition: str) -> None:
        self._stop_writing(dialog.save_button)
        dialog.accept()
        text = (self.tr("Kejadian #%1 dibatalkan: %2.") if dialog.cancel
                else self.tr("Kejadian #%1 ditutup: %2."))
        self.message.show_info(text.replace("%1", str(dialog.incident_id)).replace(
            "%2", incident_labels.disposition_name(disposition)))
        self.refresh()

    def _dialog_closed(self, dialog) -> None:
        if self.correct_dialog is dialog:
            self.correct_dialog = None
        if self.close_dialog is dialog:
            self.close_dialog = None
        dialog.deleteLater()

    def _start_writing(self, button: QPushButton | None = None) -> None:
        self._writing = True
        for widget in (button, self.note_button):
            if widget is not None:
                widget.setEnabled(False)

    def _stop_writing(self, button: QPushButton | None = None) -> None:
        self._writing = False
        if button is not None:
            button.setEnabled(True)
        self.note_button.setEnabled(self._detail is not None)

    def _write_failed(self, error: BaseException) -> None:
        self._stop_writing()
        self._refuse(describe_error(error))
