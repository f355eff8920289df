"""`make screenshots`: the desk drawn offscreen in both languages, with calls
ringing, incidents open and units on the map. A blank or half-drawn picture
(a panel that never painted, a map page that never loaded) fails here."""
import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.gui


def _distinct_colours(image: QImage, box, step: int = 3) -> int:
    x0, y0, width, height = box
    colours = set()
    for y in range(y0 + 2, min(y0 + height, image.height()) - 2, step):
        for x in range(x0 + 2, min(x0 + width, image.width()) - 2, step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.timeout(180)
def test_screenshots_show_every_panel_and_the_map(qapp, tmp_path):
    from ui.screenshots import capture
    shots = capture(tmp_path)
    assert [shot.path.name for shot in shots] == ["desk-id.png", "desk-en.png",
                                                  "desk-dispatcher-id.png",
                                                  "desk-dispatcher-en.png",
                                                  "desk-radio-id.png"]
    radio = shots.pop()
    dispatcher = [shots.pop(), shots.pop()]
    assert {"complaints", "bulletin", "reading"} <= set(radio.panels)
    for name, box in radio.panels.items():
        assert _distinct_colours(QImage(str(radio.path)), box) >= 4, f"{name} looks blank"
    for shot in shots:
        image = QImage(str(shot.path))
        assert not image.isNull() and image.width() >= 1200
        assert {"calls", "form", "incidents", "map"} <= set(shot.panels)
        for name, box in shot.panels.items():
            assert _distinct_colours(image, box) >= 4, f"{name} looks blank in {shot.path.name}"
        # Tiles never load offline; what draws is Leaflet's own: markers,
        # place labels, controls. A page that never loaded is one grey.
        assert _distinct_colours(image, shot.panels["map"], step=2) >= 40
    assert shots[0].path.read_bytes() != shots[1].path.read_bytes()
    # The dispatcher's layout on the smallest centre screen, the incident
    # detail of the first fire open beside the boards.
    for shot in dispatcher:
        image = QImage(str(shot.path))
        assert (image.width(), image.height()) == (1366, 768)
        assert {"incidents", "units", "incident_detail"} <= set(shot.panels)
        for name, box in shot.panels.items():
            assert _distinct_colours(image, box) >= 4, f"{name} looks blank in {shot.path.name}"
