"""The map widget: the folium base page in a QWebEngineView, updated live.

The page is loaded once from a file (``maps.base_page``); after that units
and incidents change through ``SafeDeskMap.*`` calls (``maps/web/live.js``)
and clicks come back through one QWebChannel object, ``deskBridge``.

Calls made before the page says it is ready are kept, and calls made in one
event-loop turn are coalesced into one ``runJavaScript``: a status burst of
fifty units costs one round trip, not fifty.

Offline tile packs are served under the ``safedesk-tiles:`` scheme by a
QWebEngineUrlSchemeHandler rather than a loopback HTTP server: no port is
opened (nothing else on the machine can read the tiles, no firewall prompt
on Windows), no server thread to start and stop, and Chromium treats the
scheme as local content. The price is that the scheme must be registered
before the QApplication exists: call ``register_url_schemes()`` first.
"""
from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QObject,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from maps.model import IncidentMarker, UnitMarker
from maps.tiles import TILE_SCHEME, MBTilesPack, parse_tile_path

log = logging.getLogger(__name__)

BRIDGE_NAME = "deskBridge"
_schemes_registered = False


def register_url_schemes() -> bool:
    """Declare the desk's URL schemes to QtWebEngine; must run before the
    QApplication is created. Returns False (and logs) when it is too late."""
    global _schemes_registered
    if _schemes_registered:
        return True
    if QCoreApplication.instance() is not None:
        log.warning("register_url_schemes() called after the QApplication was created; "
                    "offline tile packs may not load")
        return False
    scheme = QWebEngineUrlScheme(TILE_SCHEME.encode("ascii"))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # LocalScheme: only local pages (our file:// map) may load these tiles,
    # never a web page that happens to be open in another view.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalScheme)
    QWebEngineUrlScheme.registerScheme(scheme)
    _schemes_registered = True
    return True


class TileSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``safedesk-tiles://<pack token>/z/x/y.ext`` from MBTiles packs.

    Runs on the GUI thread; one indexed SQLite lookup per tile is well under
    a millisecond, so a worker thread would cost more than it saves.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._packs: dict[str, MBTilesPack] = {}

    def add_pack(self, pack: MBTilesPack) -> None:
        self._packs[pack.token] = pack

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        if bytes(job.requestMethod().data()) != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        url = job.requestUrl()
        pack = self._packs.get(url.host())
        coords = parse_tile_path(url.path())
        data = pack.tile(*coords) if pack is not None and coords is not None else None
        if data is None:
            # Chromium's "not found": Leaflet shows an empty square, as for
            # a tile server's 404 outside the pack's area.
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)  # owned by the job, freed when the reply is done
        buffer.setData(QByteArray(data))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        job.reply(pack.mime_type.encode("ascii"), buffer)


# One handler per profile: QtWebEngine allows a single handler per scheme,
# and every MapView on the default profile must share it.
_tile_handlers: dict[int, TileSchemeHandler] = {}


def tile_handler_for(profile: QWebEngineProfile) -> TileSchemeHandler:
    handler = _tile_handlers.get(id(profile))
    if handler is None:
        handler = TileSchemeHandler(profile)
        profile.installUrlSchemeHandler(TILE_SCHEME.encode("ascii"), handler)
        _tile_handlers[id(profile)] = handler
    return handler


class _RemoteGuard(QWebEngineUrlRequestInterceptor):
    """Lets the page fetch remote images (tiles) and nothing else remote.

    The base page is built without remote scripts or styles; this guard makes
    sure a change in folium or Leaflet can never sneak a CDN dependency in
    (it would fail in the field exactly when the internet is down).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Bounded: with online tiles every tile is a request, all shift long.
        self.remote_requests: deque[tuple[str, str]] = deque(maxlen=1000)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        if url.scheme() not in ("http", "https"):
            return
        kind = info.resourceType()
        self.remote_requests.append((url.toString(), kind.name))
        if kind != QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage:
            log.warning("map page blocked from loading %s (%s)", url.toString(), kind.name)
            info.block(True)


class _MapPage(QWebEnginePage):
    def acceptNavigationRequest(self, url: QUrl, nav_type: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:  # noqa: N802
        # Only our own page file; a followed link would replace the map.
        return url.isLocalFile()

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        log.debug("map page %s:%s: %s", source, line, message)


class _DeskBridge(QObject):
    """The one object the page sees; its slot names are the JS API."""

    clicked = Signal(float, float)
    ready = Signal()

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802 (JS name)
        self.clicked.emit(lat, lon)

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 (JS name)
        self.ready.emit()


def _js(value: Any) -> str:
    # JSON is a JS literal: data never becomes code, whatever its text.
    return json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def _js_data(value: Any) -> str:
    """A JS expression for a large value: JSON.parse over a string literal.
    V8 parses JSON about three times faster than the same object literal
    (measured: 0.7 ms against 2.2 ms for 500 units), and a batch has a
    15 ms budget."""
    return f"JSON.parse({_js(_js(value))})"


def _returning_json(script: str) -> str:
    """`script` rewritten to return its value as JSON text.

    PySide6 (measured with 6.12) hands runJavaScript callbacks an empty
    string for any object, array or null, so values cross as JSON instead.
    Indirect eval keeps runJavaScript's semantics: global scope, and the
    value of the last expression statement.
    """
    return ("(function (v) { var s = JSON.stringify(v); return s === undefined ? 'null' : s; })"
            f"((0, eval)({_js(script)}))")


@dataclass
class _Batch:
    """Data changes of one event-loop turn; the latest value per key wins."""

    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed_units: set[str] = field(default_factory=set)
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed_incidents: dict[str, Any] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.units or self.removed_units or self.incidents
                    or self.removed_incidents or self.calls)

    def script(self) -> str:
        parts = []
        if self.removed_units:
            parts.append(f"{_js(sorted(self.removed_units))}.forEach(function (k) "
                         "{ SafeDeskMap.removeUnit(k); });")
        if self.removed_incidents:
            parts.append(f"{_js(list(self.removed_incidents.values()))}.forEach(function (k) "
                         "{ SafeDeskMap.removeIncident(k); });")
        if self.incidents:
            parts.append(f"SafeDeskMap.upsertIncidents({_js_data(list(self.incidents.values()))});")
        if self.units:
            parts.append(f"SafeDeskMap.upsertUnits({_js_data(list(self.units.values()))});")
        parts.extend(self.calls)
        return "\n".join(parts)


def _guarded(script: str) -> str:
    return f"try {{\n{script}\n}} catch (error) {{ console.error('safedesk map: ' + error); }}"


def _call_with_json(callback: Callable[[Any], None], text: Any) -> None:
    # A script that throws yields no value at all; report that as None.
    callback(json.loads(text) if isinstance(text, str) and text else None)


@dataclass
class _Evaluation:
    script: str
    callback: Callable[[Any], None] | None


class MapView(QWebEngineView):
    """The live map. Signals: ``locationPicked(lat, lon)`` on a map click,
    ``ready`` each time a loaded page's API became usable."""

    locationPicked = Signal(float, float)
    ready = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        page = _MapPage(self)
        self.setPage(page)
        # The page is a local file; without RemoteUrls Chromium refuses it
        # remote tiles (scripts and styles stay local: _RemoteGuard blocks
        # them). Measured with Qt 6.12: setting RemoteUrls alone on a page
        # stops its local scripts from loading unless FileUrls is set too.
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        self._guard = _RemoteGuard(self)
        page.setUrlRequestInterceptor(self._guard)
        self._bridge = _DeskBridge(self)
        self._bridge.clicked.connect(self.locationPicked)
        self._bridge.ready.connect(self._on_page_ready)
        self._channel = QWebChannel(page)
        self._channel.registerObject(BRIDGE_NAME, self._bridge)
        page.setWebChannel(self._channel)
        page.loadStarted.connect(self._on_load_started)
        page.loadFinished.connect(self._on_load_finished)
        self._ready = False
        self._queue: list[_Batch | _Evaluation] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)

    # ---- page life

    def load_page(self, path: Path | str) -> None:
        """Load (or reload) a base page written by maps.base_page. Calls made
        from now until the page is ready are kept and sent then."""
        self._ready = False
        self.load(QUrl.fromLocalFile(str(Path(path).resolve())))

    def use_tile_pack(self, pack: MBTilesPack) -> None:
        """Serve an offline pack to this view (its tile_source() goes into
        the base page). Needs register_url_schemes() before the app."""
        if not _schemes_registered:
            log.warning("tile pack %s served without a registered scheme", pack.path)
        tile_handler_for(self.page().profile()).add_pack(pack)

    def is_ready(self) -> bool:
        return self._ready

    @property
    def remote_requests(self) -> list[tuple[str, str]]:
        """(url, resource type) of the page's latest http(s) requests."""
        return list(self._guard.remote_requests)

    def _on_load_started(self) -> None:
        self._ready = False

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            log.warning("map page failed to load: %s", self.url().toString())

    def _on_page_ready(self) -> None:
        self._ready = True
        self.flush()
        self.ready.emit()

    # ---- the live API

    def _batch(self) -> _Batch:
        # A batch stays open until an evaluation is queued, so a script that
        # reads state sees exactly the changes queued before it.
        if not self._queue or not isinstance(self._queue[-1], _Batch):
            self._queue.append(_Batch())
        self._schedule()
        return self._queue[-1]  # type: ignore[return-value]

    def _schedule(self) -> None:
        if self._ready and not self._flush_timer.isActive():
            self._flush_timer.start()

    def upsert_units(self, units: Iterable[UnitMarker]) -> None:
        batch = self._batch()
        for unit in units:
            batch.units[unit.callsign] = unit.payload()
            batch.removed_units.discard(unit.callsign)

    def remove_unit(self, callsign: str) -> None:
        batch = self._batch()
        batch.units.pop(callsign, None)
        batch.removed_units.add(callsign)

    def upsert_incidents(self, incidents: Iterable[IncidentMarker]) -> None:
        batch = self._batch()
        for incident in incidents:
            key = str(incident.id)
            batch.incidents[key] = incident.payload()
            batch.removed_incidents.pop(key, None)

    def remove_incident(self, incident_id: int | str) -> None:
        batch = self._batch()
        key = str(incident_id)
        batch.incidents.pop(key, None)
        batch.removed_incidents[key] = incident_id

    def fit_all(self) -> None:
        self._batch().calls.append("SafeDeskMap.fitAll();")

    def focus_incident(self, incident_id: int | None) -> None:
        """Ring the incident and pan to it (None: ring none); an incident not
        on the map yet is panned to when it arrives."""
        self._batch().calls.append(f"SafeDeskMap.focusIncident({_js(incident_id)});")

    def focus_unit(self, callsign: str | None) -> None:
        self._batch().calls.append(f"SafeDeskMap.focusUnit({_js(callsign)});")

    def clear_pin(self) -> None:
        """Take away the pin the last map click left."""
        self._batch().calls.append("SafeDeskMap.clearPin();")

    def evaluate(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run trusted JS on the page once it is ready, after every change
        queued before; `callback` gets the value of the last expression,
        as Python data (objects → dicts, arrays → lists, null → None)."""
        self._queue.append(_Evaluation(script, callback))
        self._schedule()

    def flush(self) -> None:
        """Send everything queued now (normally the zero-timer does this)."""
        self._flush_timer.stop()
        if not self._ready:
            return
        queue, self._queue = self._queue, []
        page = self.page()
        # Changes ride along with the next evaluation in the same script:
        # the page would otherwise render a frame between the two, and the
        # answer would wait for it. Each part is guarded, so one failing
        # script cannot drop the changes queued after it.
        pending: list[str] = []
        for item in queue:
            if isinstance(item, _Batch):
                if not item.empty():
                    pending.append(_guarded(item.script()))
            elif item.callback is None:
                pending.append(_guarded(f"(0, eval)({_js(item.script)});"))
            else:
                pending.append(_returning_json(item.script))
                page.runJavaScript("\n".join(pending), 0,
                                   partial(_call_with_json, item.callback))
                pending = []
        if pending:
            page.runJavaScript("\n".join(pending), 0)
