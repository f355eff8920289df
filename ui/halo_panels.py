"""The Halo Denpasar half of the desk: complaint tickets, the agencies
they go to, bulletins, and the studio's on-air sequence.

    call on 0361-244444 ──answer/Ctrl+N──▶ complaint form ──created──▶ complaints board
    complaints board ──status changes──▶ bulletin candidates ──▶ bulletin editor
    bulletin editor ──read──▶ studio reading view ──Ctrl+F10 / F12──▶ OnAirLink (relay)

The window owns the docks; this object owns the panels and their wiring,
so the emergency side (main_window.py) stays readable on its own.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from dispatch.geocode import NominatimGeocoder
from dispatch.settings import Settings
from ui.bulletins.panel import BulletinPanel
from ui.complaints.agency_editor import AgencyEditor
from ui.complaints.board import ComplaintsBoard
from ui.complaints.form import ComplaintForm
from ui.complaints.snapshots import read_complaint_categories
from ui.qt.worker import BackgroundRunner, DbWorker
from ui.studio.on_air_link import OnAirLink
from ui.studio.reading_view import ReadingView

# Change events (dispatch.events entities) that each panel shows.
COMPLAINT_ENTITIES = {"complaint", "agency", "complaint_category", "bulletin", "seed"}
CATEGORY_ENTITIES = {"agency", "complaint_category", "seed"}
BULLETIN_ENTITIES = {"bulletin", "complaint", "seed"}


class HaloPanels(QObject):
    def __init__(self, worker: DbWorker, network: BackgroundRunner,
                 geocoder: NominatimGeocoder | None, settings: Settings, actor: str,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._worker = worker
        self.form = ComplaintForm(worker, network, geocoder, actor, parent)
        self.board = ComplaintsBoard(worker, actor, parent)
        self.agencies = AgencyEditor(worker, actor, parent)
        self.bulletins = BulletinPanel(worker, actor, parent)
        self.on_air = OnAirLink(settings, worker, actor, parent=self)
        self.reading = ReadingView(self.on_air, worker, parent)
        self._categories = None
        # Panels out of sight (a hidden dock, a back tab) refresh when shown:
        # a call surge must not rebuild the supervisor's agency table 50 times.
        self._stale: set[QWidget] = set()
        # (The studio view always follows: On air must never act on a stale bulletin.)
        for panel in (self.board, self.agencies, self.bulletins):
            panel.installEventFilter(self)
        self.form.complaintCreated.connect(self._complaint_created)
        self.bulletins.readRequested.connect(self.reading.show_bulletin)
        self.bulletins.bulletinChosen.connect(self._bulletin_chosen)

    def panels(self) -> dict[str, QWidget]:
        """Dock name → panel (the names ui/layouts.py arranges)."""
        return {"complaints": self.board, "complaint_form": self.form,
                "bulletin": self.bulletins, "reading": self.reading, "agencies": self.agencies}

    def focus_widgets(self) -> dict[str, QWidget]:
        return {"complaint_form": self.form.category_combo}

    def start_loading(self) -> None:
        self._load_categories()
        for panel in (self.board, self.bulletins, self.agencies):
            self._refresh(panel)  # the ones in the role's layout read as the window shows

    def _load_categories(self) -> None:
        self._worker.read(read_complaint_categories, self._show_categories)

    def _show_categories(self, categories) -> None:
        if categories == self._categories:
            return  # unchanged: keep the combos (and what is chosen in them) as they are
        self._categories = categories
        self.form.set_categories(categories)
        self.board.set_categories(categories)

    def on_changes(self, entities: frozenset) -> None:
        if entities & CATEGORY_ENTITIES:
            self._load_categories()
            self._refresh(self.agencies)
        if entities & COMPLAINT_ENTITIES:
            self._refresh(self.board)
        if entities & BULLETIN_ENTITIES:
            self._refresh(self.bulletins)
            self.reading.refresh()

    def _refresh(self, panel: QWidget) -> None:
        if panel.isVisible():
            panel.refresh()
        else:
            self._stale.add(panel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and watched in self._stale:
            self._stale.discard(watched)
            watched.refresh()
        return False

    def _complaint_created(self, ticket: str) -> None:
        self.board.select_ticket(ticket)
        self.board.refresh()

    def _bulletin_chosen(self, bulletin_id) -> None:
        # The studio view follows the editor until a reading is on air:
        # then it keeps showing what is being read.
        if bulletin_id is not None and not self.on_air.on_air:
            self.reading.show_bulletin(bulletin_id)

    def tick(self) -> None:
        self.board.tick()

    def is_settled(self) -> bool:
        return not (self.board.is_busy() or self.bulletins.is_busy() or self.agencies.is_busy()
                    or self.on_air.is_busy())

    def shutdown(self) -> None:
        """Off air first: the relay must never stay keyed after the desk is gone."""
        self.on_air.shutdown()
