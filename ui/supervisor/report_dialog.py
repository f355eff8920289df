"""Which month, and where: the two questions before the monthly report.

The month defaults to the last whole one (the report a supervisor sends at
the start of a month); the file name to "laporan-bulanan-YYYY-MM.pdf".
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dispatch.timeutil import to_wita, utcnow

translate = QCoreApplication.translate


class MonthDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SupervisorPanel", "Laporan bulanan"))
        today = to_wita(utcnow()).date()
        last_month = QDate(today.year, today.month, 1).addMonths(-1)
        self.month_edit = QDateEdit(last_month, self)
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setMaximumDate(QDate(today.year, today.month, 1))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("SupervisorPanel", "Bulan (WITA):"), self))
        layout.addWidget(self.month_edit)
        layout.addWidget(buttons)

    def year_month(self) -> tuple[int, int]:
        chosen = self.month_edit.date()
        return chosen.year(), chosen.month()


def ask_for_month_and_file(parent: QWidget) -> tuple[int, int, Path] | None:
    dialog = MonthDialog(parent)
    if not dialog.exec():
        return None
    year, month = dialog.year_month()
    suggested = str(Path.home() / f"laporan-bulanan-{year}-{month:02d}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent, translate("SupervisorPanel", "Simpan laporan bulanan"), suggested,
        translate("SupervisorPanel", "PDF (*.pdf)"))
    return (year, month, Path(path)) if path else None
