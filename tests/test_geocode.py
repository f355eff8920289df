"""Place search: gazetteer type-ahead offline, Nominatim when configured."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from dispatch.geocode import Gazetteer, NominatimGeocoder, fold, search_places


@pytest.fixture
def gazetteer(seeded):
    with seeded.reading() as session:
        return Gazetteer.load(session)


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Jl. Teuku  Umar") == "jl teuku umar"
    assert fold("Sémarang") == "semarang"


def test_type_ahead_finds_kelurahan_and_kecamatan(gazetteer):
    assert len(gazetteer) >= 47
    names = [p.name for p in gazetteer.suggest("reno")]
    assert names[0] == "Renon"
    kecamatan = gazetteer.suggest("denpasar sel")
    assert kecamatan[0].kind == "kecamatan" and kecamatan[0].name == "Denpasar Selatan"
    assert gazetteer.suggest("") == []
    assert gazetteer.suggest("zzzz-no-such-place") == []


def test_aliases_are_searched(gazetteer):
    assert any("Ngoerah" in p.name for p in gazetteer.suggest("sanglah"))


def test_nearest_names_the_closest_place_but_never_a_kecamatan_centre(gazetteer):
    # A few metres from Renon's point: Renon, with its kecamatan in the label.
    renon = gazetteer.nearest(-8.6846, 115.2399)
    assert renon.label == "Renon, Denpasar Selatan"
    # On the Denpasar Selatan kecamatan's own centre point a desa still wins.
    centre = gazetteer.nearest(-8.7003, 115.2327)
    assert centre.kind != "kecamatan"
    # Far out at sea nothing is "near", once a radius is asked for.
    assert gazetteer.nearest(-9.5, 116.5, within_m=3000) is None
    assert gazetteer.nearest(-9.5, 116.5) is not None
    assert Gazetteer([]).nearest(-8.68, 115.24) is None


class _FakeNominatim(BaseHTTPRequestHandler):
    """Stands in for a Nominatim server: none with Bali's data can run on this
    offline machine. It answers /search in Nominatim's jsonv2 shape."""
    mode = "ok"
    seen: list = []

    def do_GET(self):  # noqa: N802
        query = parse_qs(urlparse(self.path).query)
        type(self).seen.append(query)
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "error":
            self.send_response(503)
            self.end_headers()
            return
        body = [{"lat": "-8.6581", "lon": "115.2163", "display_name": "Jalan Gajah Mada, Denpasar"},
                {"lat": "999", "lon": "115", "display_name": "broken row"}]
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except BrokenPipeError:
            pass  # the desk gave up waiting, as it should

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeNominatim.mode, _FakeNominatim.seen = "ok", []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_geocoder_answers_come_first_and_bad_rows_are_dropped(gazetteer, nominatim):
    places = search_places("Gajah Mada", gazetteer, NominatimGeocoder(nominatim))
    assert places[0].source == "nominatim" and places[0].lat == -8.6581
    assert all(-90 <= p.lat <= 90 for p in places)
    sent = _FakeNominatim.seen[0]
    assert sent["countrycodes"] == ["id"] and "viewbox" in sent


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_geocoder_failure_falls_back_to_the_gazetteer(gazetteer, nominatim, mode):
    _FakeNominatim.mode = mode
    started = time.monotonic()
    places = search_places("Renon", gazetteer, NominatimGeocoder(nominatim, timeout_s=0.3))
    assert time.monotonic() - started < 1.2
    assert places and places[0].source == "gazetteer" and places[0].name == "Renon"


def test_no_server_at_all(gazetteer):
    places = search_places("Sanur", gazetteer,
                           NominatimGeocoder("http://127.0.0.1:9", timeout_s=0.3))
    assert places and all(p.source == "gazetteer" for p in places)
