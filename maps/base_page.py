"""The map's base page: written once by folium, then updated through live.js.

Everything the page loads sits next to it in ``out_dir`` (Leaflet from the
``django-js-lib-leaflet`` package, our live layer) or is served by
QtWebEngine itself (``qwebchannel.js`` from qrc), so the page works with the
internet down. Only the tile URL template may point at the network, and the
build refuses to write a page that references anything else remotely.
"""
from __future__ import annotations

import html
import importlib.resources
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import folium
from folium.template import Template

from dispatch import paths
from maps.model import IncidentMarker, PlaceLabel, StationMarker, UnitMarker, as_payload
from maps.tiles import TileSource

PAGE_NAME = "map.html"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
LEAFLET_DIR = "lib/leaflet"
LIVE_DIR = "lib/safedesk"
LIVE_FILES = ("declutter.js", "live.js", "live.css")
# Beyond the tile source's own levels Leaflet stretches tiles, which beats a
# blank map when a dispatcher zooms into one street.
MAP_MAX_ZOOM = 19

_WEB_DIR = Path(__file__).resolve().parent / "web"
_REMOTE_URL = re.compile(r"""https?://[^\s"'<>()\\`]+""", re.IGNORECASE)
# Scheme-less URLs ("//cdn...") only count where the browser would fetch them.
_PROTOCOL_RELATIVE = re.compile(
    r"""(?:(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(//[^\s"'<>()]+)""",
    re.IGNORECASE)
_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")


class RemoteResourceError(RuntimeError):
    """The built page would fetch something from the network besides tiles."""


def default_out_dir() -> Path:
    return paths.data_dir() / "map"


def _leaflet_package_dir() -> Path:
    # django-js-lib-leaflet ships Leaflet as Django static files; we only
    # read the files, so Django itself is never imported.
    root = importlib.resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    return Path(str(root))


def _copy_if_changed(source: Path, target: Path) -> None:
    # The bench and the desk rebuild the page often; the assets rarely change.
    if target.exists():
        src, dst = source.stat(), target.stat()
        if src.st_size == dst.st_size and int(src.st_mtime) == int(dst.st_mtime):
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def install_assets(out_dir: Path) -> None:
    """Copy Leaflet (with its marker images) and the live layer into out_dir."""
    leaflet = _leaflet_package_dir()
    for name in ("leaflet.js", "leaflet.css"):
        _copy_if_changed(leaflet / name, out_dir / LEAFLET_DIR / name)
    for image in sorted((leaflet / "images").glob("*.png")):
        _copy_if_changed(image, out_dir / LEAFLET_DIR / "images" / image.name)
    for name in LIVE_FILES:
        _copy_if_changed(_WEB_DIR / name, out_dir / LIVE_DIR / name)


def text_for_template(text: str) -> str:
    """User text made safe for folium's tooltip, which is an HTML snippet
    inside a JS template literal: escape HTML, then the characters a
    template literal would interpret (backtick, ``${``, backslash)."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def css_class(word: str) -> str:
    return _CLASS_UNSAFE.sub("-", word.strip().lower()) or "other"


class _LiveLayer(folium.MacroElement):
    """Hands the folium map to live.js, with the units and incidents the page
    should open with (so a rebuilt page needs no second round trip)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            SafeDeskMap.attach({{ this._parent.get_name() }}, {{ this.seed|tojson }});
        {% endmacro %}
    """)

    def __init__(self, seed: dict) -> None:
        super().__init__()
        self._name = "SafeDeskLiveLayer"
        self.seed = seed


def _add_station(fmap: folium.Map, station: StationMarker) -> None:
    folium.Marker(
        [station.lat, station.lon],
        tooltip=folium.Tooltip(text_for_template(f"{station.code} · {station.name}")),
        keyboard=False,
    ).add_to(fmap)


def _add_place(fmap: folium.Map, place: PlaceLabel) -> None:
    label = (f'<span class="sd-place sd-place-{css_class(place.kind)}">'
             f"{html.escape(place.name)}</span>")
    # Not interactive: a click on a label must still pick that location.
    folium.Marker(
        [place.lat, place.lon],
        icon=folium.DivIcon(html=label, icon_size=(0, 0), class_name="sd-place-icon"),
        interactive=False, keyboard=False,
    ).add_to(fmap)


def find_remote_urls(page: str, allowed: Sequence[str] = ()) -> list[str]:
    """Every URL in the page that could reach the network, minus `allowed`."""
    allowed = [prefix for prefix in allowed if prefix]  # "" would allow anything
    found = []
    candidates = [m.group(0) for m in _REMOTE_URL.finditer(page)]
    candidates += [m.group(1) for m in _PROTOCOL_RELATIVE.finditer(page)]
    for url in candidates:
        if not any(url.startswith(prefix) for prefix in allowed):
            found.append(url)
    return found


def _attribution_html(tile: TileSource) -> str:
    return html.escape(tile.attribution) or "tiles"


def _allowed_urls(tile: TileSource | None) -> list[str]:
    """The tile template up to its first placeholder, plus any URL written as
    attribution text: neither is something the page loads by itself."""
    if tile is None:
        return []
    return [tile.url_template.split("{", 1)[0],
            *(m.group(0) for m in _REMOTE_URL.finditer(_attribution_html(tile)))]


def create_map(*, stations: Sequence[StationMarker], places: Sequence[PlaceLabel],
               tile: TileSource | None, center: tuple[float, float], zoom: int) -> folium.Map:
    """The folium map of the base page without its live layer; a caller may
    add static layers to it before finish_page()."""
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None,
                      max_zoom=MAP_MAX_ZOOM, control_scale=True)
    # Per instance, so folium's class-level CDN lists stay untouched for
    # anyone else and nothing of jQuery/Bootstrap/awesome-markers is loaded.
    fmap.default_js = [("leaflet", f"{LEAFLET_DIR}/leaflet.js"),
                       ("qwebchannel", QWEBCHANNEL_JS),
                       ("safedesk_declutter", f"{LIVE_DIR}/declutter.js"),
                       ("safedesk_live", f"{LIVE_DIR}/live.js")]
    fmap.default_css = [("leaflet_css", f"{LEAFLET_DIR}/leaflet.css"),
                        ("safedesk_live_css", f"{LIVE_DIR}/live.css")]
    if tile is not None:
        if not all(part in tile.url_template for part in ("{z}", "{x}", "{y}")):
            raise ValueError(f"tile URL {tile.url_template!r} lacks {{z}}/{{x}}/{{y}}")
        folium.TileLayer(tiles=tile.url_template, attr=_attribution_html(tile), name="tiles",
                         min_zoom=tile.min_zoom, max_zoom=MAP_MAX_ZOOM,
                         max_native_zoom=min(tile.max_zoom, MAP_MAX_ZOOM),
                         control=False).add_to(fmap)
    for station in stations:
        _add_station(fmap, station)
    for place in places:
        _add_place(fmap, place)
    return fmap


def finish_page(fmap: folium.Map, *, tile: TileSource | None,
                units: Sequence[UnitMarker] = (),
                incidents: Sequence[IncidentMarker] = ()) -> str:
    """Add the live layer (seeded with units and incidents), render, and
    refuse the page if it would load anything remote besides tiles."""
    seed = {"units": as_payload(units), "incidents": as_payload(incidents)}
    _LiveLayer(seed).add_to(fmap)
    page = fmap.get_root().render()
    remote = find_remote_urls(page, _allowed_urls(tile))
    if remote:
        raise RemoteResourceError("map page would load from the network: " + ", ".join(remote))
    return page


def render_base_page(*, stations: Sequence[StationMarker], places: Sequence[PlaceLabel],
                     tile: TileSource | None, center: tuple[float, float], zoom: int,
                     units: Sequence[UnitMarker] = (),
                     incidents: Sequence[IncidentMarker] = ()) -> str:
    """The page as HTML text; asset URLs are relative to its directory."""
    fmap = create_map(stations=stations, places=places, tile=tile, center=center, zoom=zoom)
    return finish_page(fmap, tile=tile, units=units, incidents=incidents)


def _write_atomically(path: Path, text: str) -> None:
    # A view reloading while we write must never see half a page.
    handle, tmp = tempfile.mkstemp(prefix=".map-", suffix=".html", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_page(out_dir: Path, page: str) -> Path:
    """Write a rendered page and the assets it needs into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    install_assets(out_dir)
    target = out_dir / PAGE_NAME
    _write_atomically(target, page)
    return target


def build_base_page(out_dir: Path, *, stations: Sequence[StationMarker],
                    places: Sequence[PlaceLabel], tile: TileSource | None,
                    center: tuple[float, float], zoom: int,
                    units: Sequence[UnitMarker] = (),
                    incidents: Sequence[IncidentMarker] = ()) -> Path:
    """Write the base page and its assets into out_dir; return the page path.

    ``tile=None`` gives a page without any tile layer (markers and labels on
    a plain background), which is also what a page with tiles looks like
    when the network is down.
    """
    return write_page(out_dir, render_base_page(stations=stations, places=places, tile=tile,
                                                center=center, zoom=zoom, units=units,
                                                incidents=incidents))
