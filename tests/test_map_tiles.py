"""Tiles: an MBTiles pack read and served under our scheme, online tiles
reaching a file:// page, and nothing remote but images getting through."""
from __future__ import annotations

import os

# Until the lead's conftest does it: offscreen Qt, and QtWebEngine imported
# (and our URL scheme registered) before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
import PySide6.QtWebEngineWidgets  # noqa: E402,F401

from ui.map.view import register_url_schemes  # noqa: E402

register_url_schemes()

import json  # noqa: E402
import sqlite3  # noqa: E402
import struct  # noqa: E402
import threading  # noqa: E402
import zlib  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from dispatch.errors import InvalidInput  # noqa: E402
from dispatch.settings import Settings  # noqa: E402
from maps.base_page import build_base_page  # noqa: E402
from maps.model import PlaceLabel  # noqa: E402
from maps.tiles import MBTilesPack, TileSource, configured_tiles, parse_tile_path  # noqa: E402
from ui.map.view import MapView  # noqa: E402

LOAD_TIMEOUT_MS = 20_000
PLACES = [PlaceLabel("Denpasar", "kota", 0.0, 0.0)]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid RGB PNG, written by hand so these tests need no image library."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


# XYZ (z, x, y) -> tile; the pack stores rows counted from the south.
NORTH_WEST = png(256, 256, (200, 30, 30))  # z1 x0 y0
SOUTH_WEST = png(128, 128, (30, 30, 200))  # z1 x0 y1, smaller so the page can tell


def make_mbtiles(path: Path) -> Path:
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE metadata (name TEXT, value TEXT);
        CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                            tile_data BLOB);
        CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
    """)
    db.executemany("INSERT INTO metadata VALUES (?, ?)",
                   [("name", "Denpasar test"), ("format", "png"), ("minzoom", "0"),
                    ("maxzoom", "1"), ("attribution", "Test tiles")])
    db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                   [(1, 0, 1, NORTH_WEST), (1, 0, 0, SOUTH_WEST)])
    db.commit()
    db.close()
    return path


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> MBTilesPack:
    opened = MBTilesPack(make_mbtiles(tmp_path_factory.mktemp("pack") / "bali.mbtiles"))
    yield opened
    opened.close()


# ---- the pack, without a browser

def test_pack_flips_rows_to_xyz(pack: MBTilesPack) -> None:
    assert pack.tile(1, 0, 0) == NORTH_WEST
    assert pack.tile(1, 0, 1) == SOUTH_WEST
    assert pack.tile(1, 1, 0) is None  # inside the world, not in the pack
    assert pack.tile(1, 2, 0) is None  # outside the world at z1
    assert pack.tile(-1, 0, 0) is None
    assert (pack.min_zoom, pack.max_zoom, pack.mime_type) == (0, 1, "image/png")


def test_pack_tile_source_and_urls(pack: MBTilesPack) -> None:
    source = pack.tile_source()
    assert source.url_template == f"safedesk-tiles://{pack.token}/{{z}}/{{x}}/{{y}}.png"
    assert (source.attribution, source.max_zoom) == ("Test tiles", 1)
    assert str(pack.path) not in source.url_template
    assert parse_tile_path("/12/3345/2001.png") == (12, 3345, 2001)
    assert parse_tile_path("/12/3345/2001") == (12, 3345, 2001)
    assert parse_tile_path("/../etc/passwd") is None
    assert parse_tile_path("/a/1/2.png") is None


def test_pack_from_settings(pack: MBTilesPack, tmp_path: Path) -> None:
    source, opened = configured_tiles(Settings.in_memory({"map.mbtiles_path": str(pack.path)}))
    try:
        assert opened is not None and opened.token == pack.token
        assert source == pack.tile_source()
    finally:
        opened.close()
    not_a_pack = tmp_path / "notes.mbtiles"
    not_a_pack.write_text("not sqlite")
    with pytest.raises(InvalidInput):
        MBTilesPack(not_a_pack)
    # A broken pack must not keep the map from opening.
    source, opened = configured_tiles(Settings.in_memory({"map.mbtiles_path": str(not_a_pack)}))
    assert opened is None and source.url_template.startswith("https://")


# ---- served to a real page

@pytest.fixture(scope="module")
def view(qapp, request):
    bot = QtBot(request)
    widget = MapView()
    widget.resize(800, 600)
    widget.show()
    yield widget
    widget.close()
    gone = []
    widget.destroyed.connect(lambda: gone.append(True))
    widget.deleteLater()
    bot.waitUntil(lambda: bool(gone), timeout=5000)


def load(qtbot, view: MapView, out_dir: Path, tile: TileSource) -> None:
    # Zoom 1 over (0, 0): Leaflet asks for all four z1 tiles.
    path = build_base_page(out_dir, stations=[], places=PLACES, tile=tile, center=(0.0, 0.0),
                           zoom=1)
    with qtbot.waitSignal(view.ready, timeout=LOAD_TIMEOUT_MS):
        view.load_page(path)


def poll(qtbot, view: MapView, script: str, timeout: int = 5000):
    """Ask `script` until it answers something other than null."""
    answers: list = []

    def answered() -> bool:
        view.evaluate(script, answers.append)
        return any(answer is not None for answer in answers)

    qtbot.waitUntil(answered, timeout=timeout)
    return next(answer for answer in answers if answer is not None)


TILE_STATE = """(function () {
  // Leaflet marks a tile loaded in its load handler, a moment after the
  // image is complete: wait for the layer itself to say it is done.
  var layer = null;
  SafeDeskMap.map().eachLayer(function (l) { if (l instanceof L.TileLayer) { layer = l; } });
  var tiles = Array.from(document.querySelectorAll('img.leaflet-tile'));
  if (!layer || layer.isLoading() || tiles.length < 4) { return null; }
  var state = {};
  tiles.forEach(function (t) {
    var key = t.src.split('/').slice(-3).join('/');
    state[key] = t.classList.contains('leaflet-tile-loaded') ? t.naturalWidth : 0;
  });
  return state;
})()"""


LOAD_IMAGE = """(function (url) {
  window.__probe = null;
  var image = new Image();
  image.onload = function () { window.__probe = {ok: true, width: image.naturalWidth}; };
  image.onerror = function () { window.__probe = {ok: false}; };
  image.src = url;
  return true;
})(%s)"""


def test_leaflet_gets_pack_tiles_with_rows_flipped(qtbot, view: MapView, pack: MBTilesPack,
                                                    tmp_path: Path) -> None:
    view.use_tile_pack(pack)
    before = len(view.remote_requests)
    load(qtbot, view, tmp_path, pack.tile_source())
    state = poll(qtbot, view, TILE_STATE)
    assert state["1/0/0.png"] == 256  # north-west, stored at TMS row 1
    assert state["1/0/1.png"] == 128  # south-west, stored at TMS row 0
    assert state["1/1/0.png"] == 0 and state["1/1/1.png"] == 0  # not in the pack
    assert len(view.remote_requests) == before  # all of it local


@pytest.mark.parametrize("suffix, expected", [
    ("/1/0/0.png", {"ok": True, "width": 256}),
    ("/1/0/1.png", {"ok": True, "width": 128}),
    ("/1/1/1.png", {"ok": False}),
    ("/9/0/0.png", {"ok": False}),
    ("/not/a/tile", {"ok": False}),
])
def test_pack_answers_each_url(qtbot, view: MapView, pack: MBTilesPack, suffix: str,
                               expected: dict) -> None:
    assert view.is_ready(), "the page the previous test loaded is not ready"
    url = f"safedesk-tiles://{pack.token}{suffix}"
    view.evaluate(LOAD_IMAGE % json.dumps(url))
    assert poll(qtbot, view, "window.__probe") == expected


def test_unknown_pack_is_not_found(qtbot, view: MapView) -> None:
    assert view.is_ready(), "the page the previous test loaded is not ready"
    view.evaluate(LOAD_IMAGE % json.dumps("safedesk-tiles://0000000000000000/1/0/0.png"))
    assert poll(qtbot, view, "window.__probe") == {"ok": False}


class _TileServer(BaseHTTPRequestHandler):
    """A stand-in tile server (and a would-be CDN) on loopback."""

    requested: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server name)
        type(self).requested.append(self.path)
        if parse_tile_path(self.path):
            body, kind, status = NORTH_WEST, "image/png", 200
        elif self.path == "/cdn/evil.js":
            body, kind, status = b"window.evil = 1;", "application/javascript", 200
        else:
            body, kind, status = b"", "text/plain", 404
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def tile_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TileServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_online_tiles_reach_the_file_page(qtbot, view: MapView, tile_server: str,
                                          tmp_path: Path) -> None:
    before = len(view.remote_requests)
    load(qtbot, view, tmp_path, TileSource(tile_server + "/{z}/{x}/{y}.png", "Loopback"))
    state = poll(qtbot, view, TILE_STATE)
    assert set(state.values()) == {256}, state
    fetched = view.remote_requests[before:]
    assert fetched and {kind for _, kind in fetched} == {"ResourceTypeImage"}


def test_remote_scripts_are_blocked(qtbot, view: MapView, tile_server: str,
                                    tmp_path: Path) -> None:
    # A page that (unlike ours) pulls a script from a "CDN": the guard must
    # stop it before it leaves the machine.
    page = tmp_path / "cdn.html"
    page.write_text(f'<html><head><script src="{tile_server}/cdn/evil.js"></script></head>'
                    "<body>x</body></html>", encoding="utf-8")
    _TileServer.requested.clear()
    with qtbot.waitSignal(view.loadFinished, timeout=LOAD_TIMEOUT_MS):
        view.load_page(page)
    with qtbot.waitCallback(timeout=5000) as callback:
        view.page().runJavaScript("typeof window.evil", 0, callback)
    assert callback.args[0] == "undefined"
    assert "/cdn/evil.js" not in _TileServer.requested
    assert (f"{tile_server}/cdn/evil.js", "ResourceTypeScript") in view.remote_requests
