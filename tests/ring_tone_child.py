"""Run by tests/test_ui_calls.py in a process of its own (Qt Multimedia
binds to a sound server once per process): a RingAlert with the tone on,
one call ringing for the given seconds; prints what it did as JSON.

    python tests/ring_tone_child.py SECONDS
"""
from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import ui.settings  # noqa: E402,F401  (declares ui.ring_tone)
from dispatch.settings import Settings  # noqa: E402
from ui.calls.ring_alert import RingAlert  # noqa: E402


def main(seconds: float) -> None:
    app = QApplication(["ring-tone-child"])
    alert = RingAlert(Settings.in_memory({"ui.ring_tone": True, "ui.ring_volume": 100}))
    alert.update(1, False)
    seen = {"playing": False}

    def probe() -> None:
        seen["playing"] |= bool(alert.effect is not None and alert.effect.isPlaying())
    timer = QTimer()
    timer.timeout.connect(probe)
    timer.start(50)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    effect = alert.effect
    print(json.dumps({"sounding": alert.sounding, "playing": seen["playing"],
                      "status": effect.status().name if effect is not None else None,
                      "source": effect.source().toLocalFile() if effect is not None else None,
                      "loops": effect.loopCount() if effect is not None else None,
                      "volume": effect.volume() if effect is not None else None}))
    alert.stop()


if __name__ == "__main__":
    main(float(sys.argv[1]))
