"""The desk window: the panels as docks, wired to the database and each other.

    calls ──Ctrl+N──▶ incident form ──created──▶ incidents board (selects it)
    map click ──────▶ incident form location      │ selection
                                                  ▼
    units board ◀── events ── recommend panel ──F9/Enter──▶ assign_unit

Nothing here touches the database on the GUI thread: reads and writes go
through `self.worker` (one serial thread), rankings through `self.router`,
geocoding through `self.network`. Change events arrive through
`self.feed`, one refresh per burst.
"""
from __future__ import annotations

import gc
import getpass
import logging
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from dispatch.assignments import change_unit_status
from dispatch.change_watch import watch_other_desks
from dispatch.enums import UnitStatus
from dispatch.geocode import Gazetteer, NominatimGeocoder
from dispatch.permissions import Permission, Principal
from dispatch.settings import GEOCODER_TIMEOUT_S, GEOCODER_URL, LANGUAGE, OPERATOR, Settings
from dispatch.storage import Database
from dispatch.timeutil import format_wita, utcnow
from dispatch.units import is_legal
from ui import labels
from ui import settings as ui_settings
from ui.actions import DeskActions, escape_mnemonic
from ui.calls.panel import CallsPanel
from ui.calls.phone_link import PhoneLink
from ui.halo_panels import HaloPanels
from ui.incidents.boards import IncidentsBoard, UnitsBoard
from ui.incidents.detail import IncidentDetailPanel
from ui.incidents.form import IncidentForm
from ui.incidents.recommend_panel import RecommendPanel
from ui.layouts import RoleLayouts
from ui.map.panel import MapPanel
from ui.qt import gui_thread
from ui.qt.change_feed import EVERYTHING, ChangeFeed
from ui.qt.translations import Retranslates, current_language, switch_language
from ui.qt.worker import BackgroundRunner, CoalescedRead, DbWorker, describe_error
from ui.signin import shift
from ui.snapshots import BoardSnapshot, read_boards, read_incident_types
from ui.supervisor.panel import SupervisorPanel

log = logging.getLogger(__name__)
BOARD_ENTITIES = {"incident", "unit", "assignment", "seed"}
UNIT_ENTITIES = {"unit", "assignment", "seed"}  # what changes the ranking's fleet
STATUS_KEYS = {"en_route": UnitStatus.EN_ROUTE, "on_scene": UnitStatus.ON_SCENE,
               "clear": UnitStatus.AVAILABLE, "out_of_service": UnitStatus.OUT_OF_SERVICE}


def set_startup_objects_apart() -> None:
    """What the desk made to start lives as long as the window: out of the
    cyclic GC's full passes, which otherwise scan it all (~130 ms for 140,000
    objects on the 2-CPU desk; bench/bench_supervisor_panel.py), holding the
    GIL on whichever thread allocated, and freeze the window meanwhile. A
    process decision, taken by whoever runs one window in a process
    (ui/app.py, the benches), after its first paint; never by the window
    itself, as a process holding many windows (the tests) must not."""
    gc.collect()
    gc.freeze()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name under some services
        return "desk"


class DeskWindow(Retranslates, QMainWindow):
    boardsShown = Signal()  # every time the boards show a fresh snapshot (bench: first paint)
    shiftChanged = Signal(str)  # the username now at the desk (the engine link writes with it)

    def __init__(self, database: Database, settings: Settings | None = None, *,
                 actor: str | None = None, map_enabled: bool | None = None,
                 principal: Principal | None = None) -> None:
        super().__init__()
        gui_thread.install()
        self.database = database
        self.settings = settings or Settings.load()
        if principal is not None:
            database.principal = principal
            actor = principal.username
        self.actor = actor or self.settings.get(OPERATOR) or _login_name()
        self.worker = DbWorker(database, parent=self)
        self.router = DbWorker(database, "safedesk-routing", parent=self)
        self.network = BackgroundRunner("safedesk-net", parent=self)
        self.feed = ChangeFeed(database.bus,
                               delay_ms=self.settings.get(ui_settings.REFRESH_DELAY_MS),
                               poll_interval_s=self.settings.get(ui_settings.POLL_INTERVAL_S),
                               parent=self)
        # Other desks' changes (PostgreSQL NOTIFY, or another SQLite connection)
        # arrive on the same bus, so the feed treats them like local ones.
        self.other_desks = watch_other_desks(database)
        self.boards_ready = False
        self.quit_question = None  # the question asked before closing with calls (tests answer it)
        self._quit_confirmed = False
        self._last_form = "form"  # which form a map click fills when both are in view
        self._build_panels(map_enabled)
        self._build_docks()
        self.desk_actions = DeskActions(self)
        self.desk_actions.build_menus(self.menuBar(),
                                      [d.toggleViewAction() for d in self.docks.values()])
        self._build_status_bar()
        self._wire()
        self.layouts = RoleLayouts(self, self.docks)
        self._start_language_and_role()
        if principal is not None:
            self.begin_shift(principal)
        self.resize(1400, 860)
        self._start_loading()

    # ---- building

    def _build_panels(self, map_enabled: bool | None) -> None:
        url = self.settings.get(GEOCODER_URL)
        geocoder = NominatimGeocoder(url, self.settings.get(GEOCODER_TIMEOUT_S)) if url else None
        self.calls_panel = CallsPanel(self.worker, self, actor=self.actor, settings=self.settings)
        self.incident_form = IncidentForm(self.worker, self.network, geocoder, self.actor, self)
        self.incidents_board = IncidentsBoard(self)
        self.units_board = UnitsBoard(self)
        self.recommend_panel = RecommendPanel(self.worker, self.router, self.settings, self.actor,
                                              self)
        self.incident_detail = IncidentDetailPanel(self.worker, self.network, geocoder, self.actor,
                                                   self)
        enabled = self.settings.get(ui_settings.MAP_ENABLED) if map_enabled is None else map_enabled
        self.map_panel = MapPanel(self.database, self.settings, enabled=enabled, parent=self)
        self.halo = HaloPanels(self.worker, self.network, geocoder, self.settings, self.actor, self)
        self.phone = PhoneLink(self.calls_panel, self)
        self.supervisor_panel = SupervisorPanel(self.worker, self)

    def _build_docks(self) -> None:
        # Qt wants a central widget; the docks are the window, so it stays hidden.
        placeholder = QWidget(self)
        placeholder.hide()
        self.setCentralWidget(placeholder)
        self.setDockNestingEnabled(True)
        panels = {"calls": self.calls_panel, "form": self.incident_form,
                  "incidents": self.incidents_board, "units": self.units_board,
                  "recommend": self.recommend_panel, "map": self.map_panel,
                  "incident_detail": self.incident_detail, **self.halo.panels(),
                  "supervisor": self.supervisor_panel}
        self.docks: dict[str, QDockWidget] = {}
        for name, panel in panels.items():
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{name}")  # saveState() keys on it
            dock.setWidget(panel)
            self.docks[name] = dock

    def _build_status_bar(self) -> None:
        self.clock = QLabel(self)
        self.role_label = QLabel(self)
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("operator_label")
        self.statusBar().addPermanentWidget(self.operator_label)
        self.statusBar().addPermanentWidget(self.role_label)
        self.statusBar().addPermanentWidget(self.clock)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start()

    def _wire(self) -> None:
        a = self.desk_actions
        for runner in (self.worker, self.router, self.network):
            runner.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.feed.changed.connect(self._on_changes)
        self._boards_read = CoalescedRead(
            self.worker, lambda: partial(read_boards,
                                         finished=self.incidents_board.finished_wanted),
            self._show_boards)
        self.incidents_board.moreRequested.connect(self._boards_read.request)
        self._calls_read = CoalescedRead(self.worker, self.calls_panel.snapshot_query,
                                         self.calls_panel.show_calls)
        self.calls_panel.set_actions(a.call_actions())
        self.calls_panel.set_callback_actions([a["call_back"], a["clear_callback"]])
        self.calls_panel.countsChanged.connect(self._show_title)
        self.units_board.set_status_actions(a.status_actions())
        a["answer"].triggered.connect(self.calls_panel.answer)
        a["hold"].triggered.connect(self.calls_panel.toggle_hold)
        a["hang_up"].triggered.connect(self.calls_panel.hang_up)
        a["call_back"].triggered.connect(self.calls_panel.call_back)
        a["clear_callback"].triggered.connect(self.calls_panel.clear_callback)
        a["new_incident"].triggered.connect(self.calls_panel.request_incident)
        self.calls_panel.connect_classify_actions(a)
        self.calls_panel.newIncidentRequested.connect(self.open_incident_form)
        a["new_complaint"].triggered.connect(self.calls_panel.request_complaint)
        self.calls_panel.newComplaintRequested.connect(self.open_complaint_form)
        a["on_air"].triggered.connect(self.go_on_air)
        a["off_air"].triggered.connect(self.halo.reading.go_off_air)
        a["assign_first"].triggered.connect(self.recommend_panel.assign_first)
        detail = self.incident_detail
        a["incident_note"].triggered.connect(lambda: self._on_incident(detail.focus_note))
        a["incident_correct"].triggered.connect(lambda: self._on_incident(detail.open_correct))
        a["incident_close"].triggered.connect(lambda: self._on_incident(detail.open_close))
        a["incident_cancel"].triggered.connect(
            lambda: self._on_incident(lambda: detail.open_close(cancel=True)))
        for name, status in STATUS_KEYS.items():
            a[name].triggered.connect(lambda _checked=False, s=status: self.change_unit_status(s))
        a["refresh"].triggered.connect(lambda: self._on_changes(EVERYTHING))
        for name in self.docks.keys() - {"supervisor"}:  # the figures have no key of their own
            a[f"focus_{name}"].triggered.connect(lambda _checked=False, n=name: self.focus_panel(n))
        a.roles.triggered.connect(lambda action: self.switch_role(action.data()))
        a["reset_layout"].triggered.connect(self.layouts_reset)
        a.languages.triggered.connect(lambda action: self.switch_language(action.data()))
        a["quit"].triggered.connect(self.request_quit)
        a["hand_over"].triggered.connect(self.hand_over)
        self.incident_form.incidentCreated.connect(self._incident_created)
        self.incidents_board.incidentSelected.connect(self.recommend_panel.show_incident)
        self.incidents_board.incidentSelected.connect(self.incident_detail.show_incident)
        self.recommend_panel.assigned.connect(lambda *_: self.units_board.message.clear_message())
        self.map_panel.locationPicked.connect(self._map_picked)
        self.incidents_board.incidentSelected.connect(self.map_panel.show_incident)
        self.units_board.unitSelected.connect(self.map_panel.show_unit)

    def _start_language_and_role(self) -> None:
        language = self.layouts.store.value("desk/language") or self.settings.get(LANGUAGE)
        if language != current_language():
            switch_language(language)
        self.desk_actions[f"language_{current_language()}"].setChecked(True)
        self.retranslate()
        role = self.layouts.remembered_role() or self.settings.get(ui_settings.ROLE)
        self.switch_role(role)

    def _start_loading(self) -> None:
        self.worker.read(read_incident_types, self._set_incident_types)
        self.worker.read(Gazetteer.load, self._set_gazetteer)
        self._boards_read.request()
        self._calls_read.request()
        self.halo.start_loading()

    def _set_incident_types(self, types) -> None:
        self.incident_form.set_incident_types(types)
        self.incident_detail.set_incident_types(types)

    def _set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self.incident_form.location.set_gazetteer(gazetteer)
        self.incident_detail.set_gazetteer(gazetteer)
        self.halo.form.location.set_gazetteer(gazetteer)

    # ---- refreshing

    def _on_changes(self, entities: frozenset) -> None:
        if entities & BOARD_ENTITIES:
            self._boards_read.request()
            self.recommend_panel.refresh(units_changed=bool(entities & UNIT_ENTITIES))
            self.incident_detail.refresh()
        if entities & {"call", "caller_block"}:
            self._calls_read.request()
            self.calls_panel.refresh_history()
        self.halo.on_changes(entities)
        self.supervisor_panel.on_changes(entities)

    def _show_boards(self, snapshot: BoardSnapshot) -> None:
        self.incidents_board.show_incidents(snapshot.incidents, snapshot.finished,
                                            snapshot.more_finished)
        self.units_board.show_units(snapshot.units)
        self.map_panel.show_board(snapshot)
        if not self.boards_ready:
            self.boards_ready = True
            QTimer.singleShot(0, self.map_panel.start)  # after this first paint
        self.boardsShown.emit()

    def _tick(self) -> None:
        self.clock.setText(format_wita(utcnow(), with_date=False))
        for panel in (self.incidents_board, self.units_board, self.calls_panel, self.halo):
            panel.tick()

    def is_settled(self) -> bool:
        """Nothing queued, running or about to refresh (tests wait on this)."""
        return (self.worker.is_idle() and self.router.is_idle() and self.network.is_idle()
                and not self.feed.pending() and not self._boards_read.busy
                and not self._calls_read.busy and not self.calls_panel.live_events.pending()
                and self.halo.is_settled() and self.incident_detail.is_settled()
                and self.supervisor_panel.is_settled())

    # ---- actions

    def open_incident_form(self, caller_number=None, call_id=None) -> None:
        self._last_form = "form"
        self.incident_form.start_new(caller_number, call_id)
        self.focus_panel("form")
        self.incident_form.type_combo.setFocus()

    def open_complaint_form(self, caller_number=None, call_id=None) -> None:
        self._last_form = "complaint_form"
        self.halo.form.start_new(caller_number, call_id)
        self.focus_panel("complaint_form")

    def _map_picked(self, lat: float, lon: float) -> None:
        """A map click fills the form in front: the complaint form when it
        is the visible one (its dock raised), else the incident form."""
        complaint_dock = self.docks["complaint_form"]
        in_front = not complaint_dock.visibleRegion().isEmpty()
        if in_front and (self.docks["form"].visibleRegion().isEmpty()
                         or self._last_form == "complaint_form"):
            self.halo.form.set_location_from_map(lat, lon)
        else:
            self.incident_form.set_location_from_map(lat, lon)

    def go_on_air(self) -> None:
        """Ctrl+F10 from anywhere: the studio view comes forward with the
        current bulletin, so the reader sees what is being keyed."""
        self.focus_panel("reading")
        self.halo.reading.go_on_air()

    def _on_incident(self, act) -> None:
        """A note, a correction, closing: the detail dock comes forward for it."""
        dock = self.docks["incident_detail"]
        dock.show()
        dock.raise_()
        act()

    def _incident_created(self, incident_id: int) -> None:
        self.incidents_board.select_incident(incident_id)
        self._boards_read.request()

    def change_unit_status(self, target: UnitStatus) -> None:
        """F6–F8 on the selected unit. An illegal change is refused here with
        one line (the domain would refuse it too) and nothing is written."""
        board = self.units_board
        row = board.selected_unit()
        if row is None:
            self._unit_refused(self.tr("Pilih unit di papan unit dulu."))
            return
        current = UnitStatus(row.status)
        if target == current or not is_legal(current, target):
            self._unit_refused(self.tr("%1 tidak bisa berubah dari \"%2\" ke \"%3\".")
                               .replace("%1", row.callsign)
                               .replace("%2", labels.unit_status(current.value))
                               .replace("%3", labels.unit_status(target.value)))
            return
        callsign, actor = row.callsign, self.actor
        board.message.clear_message()

        def write(session) -> None:
            change_unit_status(session, callsign=callsign, status=target, actor=actor)

        def refused(error: BaseException) -> None:
            self._unit_refused(describe_error(error))
            self._boards_read.request()  # the board was out of date: show the truth
        self.worker.write(write, on_error=refused)

    def _unit_refused(self, text: str) -> None:
        # On the board, and in the status bar for a role whose layout hides the board.
        self.units_board.message.show_error(text)
        self.statusBar().showMessage(text, 10000)

    def focus_panel(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        panel = dock.widget()
        focus = {"incidents": self.incidents_board.view, "units": self.units_board.view,
                 "recommend": self.recommend_panel.view, "calls": self.calls_panel.ringing_view,
                 "form": self.incident_form.type_combo,
                 "incident_detail": self.incident_detail.note_edit,
                 **self.halo.focus_widgets()}.get(name, panel)
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def switch_role(self, role: str) -> None:
        self.layouts.switch_to(role)
        self.desk_actions[f"role_{role}"].setChecked(True)
        self.role_label.setText(labels.role_name(role))

    # ---- who is at the desk

    def begin_shift(self, principal: Principal) -> None:
        """The window acts for `principal` from now on: its writes, its
        role's layout, the actions its role may use."""
        self.database.principal = principal
        self.actor = principal.username
        shift.act_as(self, principal.username)
        if principal.role is not None:
            self.switch_role(principal.role.value)
        shift.enable_for(self.desk_actions, principal)
        self.docks["supervisor"].toggleViewAction().setVisible(
            principal.may(Permission.READ_STATISTICS))
        self._show_operator()
        self.shiftChanged.emit(principal.username)

    def hand_over(self) -> None:
        """Ctrl+Alt+H: the next operator signs in; nothing else changes."""
        principal = shift.hand_over(self, self.database, self.settings)
        if principal is not None:
            self.begin_shift(principal)

    def _show_operator(self) -> None:
        principal = self.database.principal
        if principal is None or principal.role is None:
            return
        self.operator_label.setText(self.tr("Masuk: %1 (%2)").replace(
            "%1", principal.username).replace("%2", labels.role_name(principal.role.value)))

    def layouts_reset(self) -> None:
        self.layouts.reset()

    def switch_language(self, language: str) -> None:
        """Live: Qt sends every widget LanguageChange and each retranslates."""
        if switch_language(language):
            self.layouts.store.setValue("desk/language", language)
        self.desk_actions[f"language_{current_language()}"].setChecked(True)

    # ---- language

    def retranslate(self) -> None:
        self._show_title()
        titles = {"calls": self.tr("Panggilan"), "form": self.tr("Formulir kejadian"),
                  "incidents": self.tr("Papan kejadian"), "units": self.tr("Papan unit"),
                  "recommend": self.tr("Rekomendasi"), "map": self.tr("Peta"),
                  "incident_detail": self.tr("Rincian kejadian"),
                  "complaints": self.tr("Pengaduan"),
                  "complaint_form": self.tr("Formulir pengaduan"),
                  "bulletin": self.tr("Buletin"), "reading": self.tr("Layar baca studio"),
                  "agencies": self.tr("Instansi & kategori"),
                  "supervisor": self.tr("Angka supervisor")}
        for name, title in titles.items():
            # Qt reads a dock's title as a mnemonic text (its title bar, its tab,
            # its View menu toggle): a "&" must be doubled to be shown.
            self.docks[name].setWindowTitle(escape_mnemonic(title))
        self.desk_actions.retranslate()
        if self.layouts.role:
            self.role_label.setText(labels.role_name(self.layouts.role))
        self.statusBar().showMessage(
            self.tr("Basis data: %1").replace("%1", self.database.describe()), 5000)

    def _show_title(self) -> None:
        if hasattr(self, "operator_label"):
            self._show_operator()
        """The calls in the title too: the taskbar tells of them behind other windows."""
        title = self.tr("Safe Community Desk — Denpasar")
        counts = self.calls_panel.counts_text()
        self.setWindowTitle(f"{title} · {counts}" if counts else title)

    def request_quit(self) -> None:
        """Ctrl+Q: at once when no call rings or is connected here; else the
        desk first says what becomes of them ("don't close" is the default)."""
        if not self._ask_before_closing():
            self._close_now()

    def _ask_before_closing(self) -> bool:
        """True when a question about the calls is open (now or still)."""
        if self.quit_question is not None:
            self.quit_question.raise_()
            return True
        question = self.calls_panel.quit_question()
        if question is None:
            return False
        self.quit_question = question
        question.confirmed.connect(self._close_now)
        question.finished.connect(self._quit_question_closed)
        question.open()
        return True

    def _quit_question_closed(self) -> None:
        question, self.quit_question = self.quit_question, None
        if question is not None:
            question.deleteLater()

    def _close_now(self) -> None:
        self._quit_confirmed = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # The title bar's close button asks as Ctrl+Q does; close() from code does not.
        if event.spontaneous() and not self._quit_confirmed and self._ask_before_closing():
            event.ignore()
            return
        self.calls_panel.shutdown()
        self.layouts.save()
        self.phone.detach()
        self.halo.shutdown()
        self.feed.close()
        if self.other_desks is not None:
            self.other_desks.stop()
            self.other_desks = None
        self._tick_timer.stop()
        self.map_panel.shutdown()
        for runner in (self.worker, self.router, self.network):
            runner.shutdown()
        super().closeEvent(event)
