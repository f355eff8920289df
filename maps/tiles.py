"""Where map tiles come from: an online template or an offline MBTiles pack.

An MBTiles pack is one SQLite file with a ``tiles`` table keyed by zoom,
column and row, rows counted from the south (TMS). The map asks for XYZ
tiles (rows from the north), so the row is flipped here and nowhere else.

The pack is served to the page under a custom URL scheme that the Qt side
(``ui/map/view.py``) answers from this module; no socket is opened. The
reading and URL logic live here, without Qt, so they are tested without a
browser and could back another server later.
"""
from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from dispatch.errors import InvalidInput
from dispatch.settings import Settings
from maps import settings as map_settings

log = logging.getLogger(__name__)

TILE_SCHEME = "safedesk-tiles"
_TILE_PATH = re.compile(r"^/(\d{1,2})/(\d{1,9})/(\d{1,9})(?:\.[a-z0-9]+)?$")
_MIME_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
               "webp": "image/webp"}


@dataclass(frozen=True, slots=True)
class TileSource:
    url_template: str
    attribution: str
    max_zoom: int = 19
    min_zoom: int = 0


class MBTilesPack:
    """Read-only access to one MBTiles file.

    The connection may be used from any thread (the Qt handler runs on the
    GUI thread, a test or a server may not); a lock keeps SQLite calls
    serial because one connection is not safe for concurrent use.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise InvalidInput(f"tile pack {self.path} does not exist")
        uri = self.path.as_uri() + "?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        try:
            self.metadata = self._read_metadata()
            self._db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InvalidInput(f"tile pack {self.path} is not an MBTiles file: {exc}") from None
        # Stable for one file, so a rebuilt page keeps valid tile URLs, and
        # opaque, so the page never learns the local path.
        self.token = hashlib.sha1(str(self.path).encode("utf-8")).hexdigest()[:16]

    def _read_metadata(self) -> dict[str, str]:
        try:
            rows = self._db.execute("SELECT name, value FROM metadata").fetchall()
        except sqlite3.OperationalError:
            return {}  # the metadata table is optional in practice
        return {str(name): str(value) for name, value in rows}

    @property
    def format(self) -> str:
        return self.metadata.get("format", "png").lower()

    @property
    def mime_type(self) -> str:
        return _MIME_TYPES.get(self.format, "application/octet-stream")

    def _zoom(self, key: str, fallback: int) -> int:
        try:
            return int(float(self.metadata[key]))
        except (KeyError, ValueError):
            return fallback

    @property
    def min_zoom(self) -> int:
        return self._zoom("minzoom", 0)

    @property
    def max_zoom(self) -> int:
        return self._zoom("maxzoom", 19)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ coordinates, or None when the pack lacks it."""
        if z < 0 or not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
            return None
        tms_row = (2 ** z - 1) - y
        with self._lock:
            row = self._db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ?"
                " AND tile_row = ?", (z, x, tms_row)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def tile_source(self) -> TileSource:
        attribution = self.metadata.get("attribution") or self.metadata.get("name") or ""
        return TileSource(f"{TILE_SCHEME}://{self.token}/{{z}}/{{x}}/{{y}}.{self.format}",
                          attribution, max_zoom=self.max_zoom, min_zoom=self.min_zoom)

    def close(self) -> None:
        with self._lock:
            self._db.close()


def parse_tile_path(path: str) -> tuple[int, int, int] | None:
    """``/z/x/y.png`` of a tile URL as integers, or None if it is not one."""
    match = _TILE_PATH.match(path)
    if not match:
        return None
    z, x, y = (int(part) for part in match.groups())
    return z, x, y


def online_tile_source(settings: Settings) -> TileSource:
    return TileSource(settings.get(map_settings.TILE_URL),
                      settings.get(map_settings.TILE_ATTRIBUTION),
                      max_zoom=settings.get(map_settings.TILE_MAX_ZOOM))


def configured_tiles(settings: Settings) -> tuple[TileSource, MBTilesPack | None]:
    """The tile source in force and, when it is an offline pack, the pack.

    A configured pack that cannot be opened falls back to the online source
    with a warning: the map must come up (markers and labels work without
    tiles) rather than refuse to open during a shift.
    """
    pack_path = settings.get(map_settings.MBTILES_PATH).strip()
    if pack_path:
        try:
            pack = MBTilesPack(Path(pack_path).expanduser())
        except InvalidInput as exc:
            log.warning("%s; using %s instead", exc, settings.get(map_settings.TILE_URL))
        else:
            return pack.tile_source(), pack
    return online_tile_source(settings), None
