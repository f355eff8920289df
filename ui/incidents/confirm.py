"""Checks before harm: the questions the incident panels ask before a
write the domain refused, or one a dispatcher may not have meant.

A question never blocks the window (no nested event loop): it opens
window-modal and calls back with the answer. The panel keeps it as an
attribute while it is open, so a test answers the real dialog.

The service area (dispatch/service_area.py): a place outside it the
operator may confirm (a real call from beyond the border), and the save is
tried again with `outside_area=True`. A place the domain names as a slip
(latitude and longitude swapped, north of the equator, west of Greenwich)
is never saved as typed: `outside_area` would let it through unchecked,
and a unit would be sent to the sea. The question offers the corrected
place instead, filled in for the operator to look at and save.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dispatch.errors import DeskError
from ui.qt.worker import describe_error

translate = QCoreApplication.translate
OUTSIDE_AREA = "place.outside_area"
# Each slip, and the place the operator meant: the one the domain found inside the area.
SLIP_FIXES: dict[str, Callable[[float, float], tuple[float, float]]] = {
    "place.swapped": lambda lat, lon: (lon, lat),
    "place.north_of_equator": lambda lat, lon: (-lat, lon),
    "place.west_of_greenwich": lambda lat, lon: (lat, -lon),
}


def ask(parent: QWidget, text: str, *, yes: str, no: str, on_answer: Callable[[bool], None],
        default_yes: bool = False, icon=QMessageBox.Icon.Question) -> QMessageBox:
    """Open a window-modal question; `on_answer(True)` for `yes`. Escape,
    closing it, or `no` answer False."""
    box = QMessageBox(icon, translate("IncidentConfirm", "Safe Community Desk"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("incidentQuestion")
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def answered(_result: int) -> None:
        box.deleteLater()
        on_answer(box.clickedButton() is yes_button)
    box.finished.connect(answered)
    box.open()
    box.activateWindow()  # the keys go to it, not to the panel behind
    return box


def is_place_refusal(error: BaseException) -> bool:
    return isinstance(error, DeskError) and (error.code == OUTSIDE_AREA
                                             or error.code in SLIP_FIXES)


def confirm_place(parent: QWidget, error: DeskError, lat: float, lon: float, *,
                  save_anyway: Callable[[], None], use_place: Callable[[float, float], None],
                  declined: Callable[[], None]) -> QMessageBox:
    """The domain refused the place (is_place_refusal): outside the area,
    ask whether to save anyway; a slip, offer the corrected place."""
    said = describe_error(error)
    if error.code == OUTSIDE_AREA:
        return ask(parent, said + "\n\n" + translate(
            "IncidentConfirm", "Penelepon memang di luar wilayah layanan? Simpan tetap?"),
            yes=translate("IncidentConfirm", "Simpan tetap"),
            no=translate("IncidentConfirm", "Perbaiki lokasi"),
            icon=QMessageBox.Icon.Warning,
            on_answer=lambda yes: save_anyway() if yes else declined())
    fixed_lat, fixed_lon = SLIP_FIXES[error.code](lat, lon)
    return ask(parent, said + "\n\n" + translate(
        "IncidentConfirm", "Ini tampaknya salah ketik, jadi lokasi ini tidak disimpan. "
        "Pakai lokasi yang dimaksud? (Belum disimpan: periksa lalu simpan lagi.)"),
        yes=translate("IncidentConfirm", "Pakai %1, %2").replace(
            "%1", f"{fixed_lat:.6f}").replace("%2", f"{fixed_lon:.6f}"),
        no=translate("IncidentConfirm", "Perbaiki sendiri"),
        icon=QMessageBox.Icon.Warning,
        on_answer=lambda yes: use_place(fixed_lat, fixed_lon) if yes else declined())
