"""The complaints board's search row: one box (ticket number, caller's
number or words: the domain's search_complaints tells them apart), plus
status, category, agency and a WITA date range. It only builds the query;
the board runs it."""
from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dispatch.timeutil import to_wita, utcnow
from ui import labels
from ui.complaints import labels as cl
from ui.complaints.snapshots import AgencyRow, CategoryChoice, ComplaintQuery
from ui.qt.translations import Retranslates

SEARCH_MIN_WIDTH = 200  # room for a ticket number (HD-2026-000123) or a caller's number
FILTER_MIN_CHARS = 8  # a filter shows this much of its choice however narrow the dock


class ComplaintFilters(Retranslates, QWidget):
    searchRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories: tuple[CategoryChoice, ...] = ()
        self._agencies: tuple[AgencyRow, ...] = ()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("complaintSearchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.search_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search_edit.returnPressed.connect(self.searchRequested)
        self.status_filter = self._filter_combo("statusFilter")
        for status in cl.STATUSES:
            self.status_filter.addItem("", status)
        self.category_filter = self._filter_combo("categoryFilter")
        self.agency_filter = self._filter_combo("agencyFilter")
        today = to_wita(utcnow()).date()
        self.from_check, self.to_check = QCheckBox(self), QCheckBox(self)
        self.from_date, self.to_date = QDateEdit(self), QDateEdit(self)
        for check, edit, name in ((self.from_check, self.from_date, "dateFrom"),
                                  (self.to_check, self.to_date, "dateTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(today.year, today.month, today.day))
            edit.dateChanged.connect(
                lambda _d, c=check: c.isChecked() and self.searchRequested.emit())
            check.toggled.connect(self.searchRequested)
        self.search_button = QPushButton(self)
        self.search_button.clicked.connect(self.searchRequested)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        # The box on a line of its own, wide; the filters share the line below,
        # so the board fits beside another dock on a 1366 px screen.
        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.search_button)
        filters = QHBoxLayout()
        for combo in (self.status_filter, self.category_filter, self.agency_filter):
            filters.addWidget(combo, 1)
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            filters.addWidget(widget)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        rows.addLayout(search)
        rows.addLayout(filters)

    def _filter_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(FILTER_MIN_CHARS)
        combo.addItem("", None)  # "all"
        combo.activated.connect(self.searchRequested)
        return combo

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(
            self.tr("Nomor tiket, nomor penelepon, atau kata dari uraian/alamat (Enter)"))
        self.status_filter.setItemText(0, self.tr("Semua status"))
        for position, status in enumerate(cl.STATUSES, start=1):
            self.status_filter.setItemText(position, cl.status_name(status))
        self.category_filter.setItemText(0, self.tr("Semua kategori"))
        for position, choice in enumerate(self._categories, start=1):
            self.category_filter.setItemText(position, labels.localized(choice.name_id,
                                                                        choice.name_en))
        self.agency_filter.setItemText(0, self.tr("Semua instansi"))
        self.from_check.setText(self.tr("Dari"))
        self.to_check.setText(self.tr("s.d."))
        self.search_button.setText(self.tr("Cari"))

    def set_categories(self, choices: tuple[CategoryChoice, ...]) -> None:
        self._categories = tuple(choices)
        self._refill(self.category_filter, [(c.code, "") for c in self._categories])
        self.retranslate()

    def set_agencies(self, agencies: tuple[AgencyRow, ...]) -> None:
        if agencies != self._agencies:
            self._agencies = tuple(agencies)
            self._refill(self.agency_filter, [(a.code, f"{a.code} — {a.name}") for a in agencies])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for code, text in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def show_only(self, text: str) -> None:
        """Every filter off and `text` in the box, without a search per change."""
        self.blockSignals(True)
        for combo in (self.status_filter, self.category_filter, self.agency_filter):
            combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.search_edit.setText(text)
        self.blockSignals(False)

    def query(self) -> ComplaintQuery:
        def day(check: QCheckBox, edit: QDateEdit):
            return edit.date().toPython() if check.isChecked() else None
        return ComplaintQuery(text=self.search_edit.text().strip(),
                              status=self.status_filter.currentData(),
                              category=self.category_filter.currentData(),
                              agency=self.agency_filter.currentData(),
                              date_from=day(self.from_check, self.from_date),
                              date_to=day(self.to_check, self.to_date))
