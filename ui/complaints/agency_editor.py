"""The supervisor's table: which agency handles each complaint category,
and the agencies themselves (name, phone, active).

A re-routed category affects new tickets only; open tickets keep their
agency (dispatch.complaints.set_category_agency). Every change is written
on the worker; a refusal is shown in the message line and the table is read
again, so a combo never keeps showing a choice that was not saved.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dispatch.complaints import set_category_agency, upsert_agency
from ui import labels
from ui.complaints.snapshots import AgencyRow, EditorSnapshot, read_editor
from ui.qt.translations import Retranslates
from ui.qt.worker import CoalescedRead, DbWorker, describe_error
from ui.widgets.message_line import MessageLine
from ui.widgets.table_model import Column, KeyedTableView, RowTableModel


class AgencyEditor(Retranslates, QWidget):
    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self._snapshot = EditorSnapshot((), ())
        self._writing = False
        self.message = MessageLine(self)
        self.category_table = QTableWidget(0, 3, self)
        self.category_table.setObjectName("categoryAgencyTable")
        self.category_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.category_table.verticalHeader().hide()
        self.category_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.agency_model = RowTableModel(self._agency_columns(), key=lambda row: row.code,
                                          parent=self)
        self.agency_view = KeyedTableView(self.agency_model, self)
        self.agency_view.setObjectName("agenciesTable")
        self.agency_view.currentKeyChanged.connect(self._agency_selected)
        self._build_agency_fields()
        self._read = CoalescedRead(worker, lambda: read_editor, self._show)
        self._lay_out()
        self.retranslate()

    def _build_agency_fields(self) -> None:
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("agencyCodeEdit")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("agencyNameEdit")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("agencyPhoneEdit")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("agencyActiveCheck")
        self.active_check.setChecked(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveAgency")
        self.save_button.clicked.connect(self._save_from_fields)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_agency)
        self.field_labels = [QLabel(self) for _ in range(3)]

    def _lay_out(self) -> None:
        self.categories_title, self.agencies_title = QLabel(self), QLabel(self)
        fields = QGridLayout()
        for column, (label, edit) in enumerate(zip(self.field_labels, (
                self.code_edit, self.name_edit, self.phone_edit))):
            label.setBuddy(edit)
            fields.addWidget(label, 0, column)
            fields.addWidget(edit, 1, column)
        fields.setColumnStretch(1, 3)
        fields.addWidget(self.active_check, 1, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        # Categories beside agencies, not above them: the supervisor's layout
        # stacks three docks in a column of a 768 px screen.
        for title in (self.categories_title, self.agencies_title):
            title.setWordWrap(True)
        categories, agencies = QWidget(self), QWidget(self)
        left = QVBoxLayout(categories)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.categories_title)
        left.addWidget(self.category_table, 1)
        right = QVBoxLayout(agencies)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.agencies_title)
        right.addWidget(self.agency_view, 1)
        right.addLayout(fields)
        right.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(categories)
        splitter.addWidget(agencies)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _agency_columns(self) -> list[Column]:
        return [Column(lambda: self.tr("Kode"), lambda row: row.code),
                Column(lambda: self.tr("Nama"), lambda row: row.name),
                Column(lambda: self.tr("Telepon"), lambda row: row.phone or ""),
                Column(lambda: self.tr("Aktif"),
                       lambda row: self.tr("ya") if row.active else self.tr("tidak"),
                       foreground=lambda row: None if row.active else "#757575"),
                Column(lambda: self.tr("Kategori yang ditangani"),
                       lambda row: ", ".join(row.categories))]

    def retranslate(self) -> None:
        self.categories_title.setText(self.tr("Kategori pengaduan dan instansi penanggung jawab "
                                              "(berlaku untuk tiket baru)"))
        self.agencies_title.setText(self.tr("Instansi"))
        self.category_table.setHorizontalHeaderLabels(
            [self.tr("Kategori"), self.tr("Instansi penanggung jawab"), self.tr("Target (jam)")])
        for label, text in zip(self.field_labels, (self.tr("&Kode"), self.tr("&Nama instansi"),
                                                   self.tr("&Telepon / kontak"))):
            label.setText(text)
        self.code_edit.setPlaceholderText(self.tr("mis. DISKOMINFO"))
        self.active_check.setText(self.tr("Aktif"))
        self.save_button.setText(self.tr("Simpan instansi"))
        self.new_button.setText(self.tr("Instansi baru"))
        self._fill_category_names()
        self.agency_model.retranslate()

    # ---- reading

    def refresh(self) -> None:
        self._read.request()

    def is_busy(self) -> bool:
        return self._read.busy or self._writing

    def _show(self, snapshot: EditorSnapshot) -> None:
        self._snapshot = snapshot
        self.agency_model.set_rows(snapshot.agencies)
        self.category_table.setRowCount(len(snapshot.categories))
        for position, category in enumerate(snapshot.categories):
            self.category_table.setItem(position, 0, QTableWidgetItem())
            self.category_table.setItem(position, 2, QTableWidgetItem(str(category.target_hours)))
            self.category_table.setCellWidget(position, 1, self._agency_combo(category.code,
                                                                              category.agency_code))
        self._fill_category_names()

    def _agency_combo(self, category_code: str, current: str) -> QComboBox:
        combo = QComboBox(self.category_table)
        combo.setObjectName(f"agencyFor_{category_code}")
        for agency in self._snapshot.agencies:
            if agency.active or agency.code == current:  # an inactive one takes no new work
                combo.addItem(f"{agency.code} — {agency.name}", agency.code)
        combo.setCurrentIndex(combo.findData(current))
        combo.currentIndexChanged.connect(
            lambda _i, c=category_code, box=combo: self.assign_agency(c, box.currentData()))
        return combo

    def _fill_category_names(self) -> None:
        for position, category in enumerate(self._snapshot.categories):
            item = self.category_table.item(position, 0)
            if item is not None:
                item.setText(labels.localized(category.name_id, category.name_en))

    def agency_combo(self, category_code: str) -> QComboBox | None:
        for position, category in enumerate(self._snapshot.categories):
            if category.code == category_code:
                return self.category_table.cellWidget(position, 1)
        return None

    def agency_of(self, category_code: str) -> str | None:
        for category in self._snapshot.categories:
            if category.code == category_code:
                return category.agency_code
        return None

    # ---- writing

    def assign_agency(self, category_code: str, agency_code: str) -> bool:
        if self._writing or not agency_code or self.agency_of(category_code) == agency_code:
            return False
        actor = self._actor

        def write(session) -> None:
            set_category_agency(session, category_code=category_code, agency_code=agency_code,
                                actor=actor)
        self._write(write, lambda: self.tr("Kategori %1 sekarang ditangani %2.").replace(
            "%1", category_code).replace("%2", agency_code))
        return True

    def new_agency(self) -> None:
        self.agency_view.clearSelection()
        for edit in (self.code_edit, self.name_edit, self.phone_edit):
            edit.clear()
        self.code_edit.setReadOnly(False)
        self.active_check.setChecked(True)
        self.code_edit.setFocus()

    def _agency_selected(self, code) -> None:
        row: AgencyRow | None = None if code is None else self.agency_model.row_for(code)
        if row is None:
            return
        self.code_edit.setText(row.code)
        self.code_edit.setReadOnly(True)  # a new code is a new agency: "Instansi baru"
        self.name_edit.setText(row.name)
        self.phone_edit.setText(row.phone or "")
        self.active_check.setChecked(row.active)

    def _save_from_fields(self) -> None:
        self.save_agency(self.code_edit.text(), self.name_edit.text(), self.phone_edit.text(),
                         self.active_check.isChecked())

    def save_agency(self, code: str, name: str, phone: str = "", active: bool = True) -> bool:
        """Add or edit an agency; False after one message when the input is wrong."""
        code, name, phone = code.strip().upper(), name.strip(), phone.strip()
        if self._writing:
            return False
        if not code:
            return self._refuse(lambda: self.tr("Isi kode instansi (huruf besar, mis. "
                                                "DISKOMINFO)."),
                                self.code_edit)
        if not name:
            return self._refuse(lambda: self.tr("Isi nama instansi."), self.name_edit)
        actor = self._actor

        def write(session) -> None:
            upsert_agency(session, code=code, name=name, phone=phone or None, active=active,
                          actor=actor)
        self._write(write, lambda: self.tr("Instansi %1 tersimpan.").replace("%1", code))
        self.agency_view.select_key(code)
        return True

    def _refuse(self, text: Callable[[], str], field: QWidget) -> bool:
        self.message.show_error(text)
        field.setFocus()
        return False

    def _write(self, operation, success: Callable[[], str]) -> None:
        self._writing = True
        self.message.clear_message()  # an earlier refusal no longer holds
        self._worker.write(operation, lambda _done: self._written(success), self._failed)

    def _written(self, success: Callable[[], str]) -> None:
        self._writing = False
        self.message.show_info(success)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._writing = False
        self.message.show_error(lambda: describe_error(error))
        self.refresh()  # put the combos back to what is saved
