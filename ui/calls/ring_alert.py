"""A ringing call is heard and seen: a ring tone from this computer's
speaker while anything rings, and the ringing rows' background flashing.

The tone is made here (two short 440+480 Hz bursts and a pause, a phone's
ring cadence), written once to a WAV file in a temporary folder and looped
by QSoundEffect: nothing is fetched and nothing is shipped. Qt Multimedia
is touched only with `ui.ring_tone` on, so a desk with the tone off never
opens a sound server, and a desk without a sound device still flashes and
runs on (QSoundEffect only reports an error status). With the tone on it is
made ready a moment after the window opens, not at the first ring: loading
Qt Multimedia costs the event loop tens of milliseconds, which the first
call of a surge must not pay.
"""
from __future__ import annotations

import logging
import wave
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTemporaryDir, QTimer, QUrl, Signal

from dispatch.settings import Settings
from ui import settings as ui_settings

log = logging.getLogger(__name__)
FLASH_MS = 500
FLASH_COLOUR = "#ffb74d"
TONE_RATE = 16000
TALKING_SHARE = 1 / 3  # a call waiting, heard under the caller's voice, not over it
PREPARE_AFTER_MS = 1500  # after the window's first paint and its first reads
WARM_UP_MS = 200


def ring_tone_samples(rate: int = TONE_RATE) -> np.ndarray:
    """One ring period as 16-bit samples: 0.4 s tone, 0.2 s pause, 0.4 s
    tone, 2 s silence. The edges are faded over 10 ms so the loop never
    clicks."""
    count = int(rate * 0.4)
    n = np.arange(count)
    fade = int(rate * 0.01)
    edge = np.minimum(1.0, np.minimum(n / fade, (count - 1 - n) / fade))
    tone = 0.5 * (np.sin(2 * np.pi * 440 * n / rate) + np.sin(2 * np.pi * 480 * n / rate))
    burst = (12000 * edge * tone).astype(np.int16)
    return np.concatenate([burst, np.zeros(int(rate * 0.2), np.int16), burst,
                           np.zeros(int(rate * 2.0), np.int16)])


def write_ring_tone(path: Path, rate: int = TONE_RATE) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(ring_tone_samples(rate).tobytes())
    return path


class RingAlert(QObject):
    flashed = Signal(bool)  # the ringing rows' background is on (True) or off

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.flash_on = False
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_MS)
        self._timer.timeout.connect(self._flash)
        self._ringing = 0
        self._talking = False
        self.effect = None  # QSoundEffect, made at the first ring with the tone on
        self._folder: QTemporaryDir | None = None
        self.sounding = False  # the tone was asked to play and not yet stopped
        self._unavailable_said = False
        self._device_failed = False  # no sound device can play it: not tried again
        self.warmed_up = False  # the tone loaded and the sound device tried (tone on)
        # Children, so that they go with the alert (a desk closed within
        # a second never prepares a tone).
        self._prepare_timer = self._single_shot(self.prepare)
        self._warm_up_timer = self._single_shot(self._end_warm_up)
        self._prepare_timer.start(PREPARE_AFTER_MS)

    def _single_shot(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def prepare(self) -> None:
        """Load the tone and open the sound device now, if the tone is on, so
        that the first ring is cheap and a missing device is known (and said
        in the log) before any call: one silent play, stopped at once."""
        if not self._settings.get(ui_settings.RING_TONE):
            return
        effect = self._effect()
        if effect is None or self.sounding or self._device_failed:
            self.warmed_up = True  # nothing to warm, or a ring got there first
            return
        effect.setVolume(0.0)
        effect.play()
        self._warm_up_timer.start(WARM_UP_MS)

    def _end_warm_up(self) -> None:
        if not self.sounding and self.effect is not None:
            self.effect.stop()
        self.warmed_up = True

    @property
    def flashing(self) -> bool:
        return self._timer.isActive()

    def update(self, ringing: int, talking: bool) -> None:
        """`ringing` calls ring; the operator is `talking` to a caller."""
        self._ringing, self._talking = ringing, talking
        if ringing and not self._timer.isActive():
            self._timer.start()
            self._set_flash(True)
        elif not ringing and self._timer.isActive():
            self._timer.stop()
            self._set_flash(False)
        self._sound()

    def stop(self) -> None:
        self.update(0, False)

    def _flash(self) -> None:
        self._set_flash(not self.flash_on)

    def _set_flash(self, on: bool) -> None:
        self.flash_on = on
        self.flashed.emit(on)

    # ---- the tone

    def _sound(self) -> None:
        wanted = self._ringing > 0 and self._settings.get(ui_settings.RING_TONE)
        if not wanted:
            if self.sounding and self.effect is not None:
                self.effect.stop()
            self.sounding = False
            return
        effect = self._effect()
        if effect is None or self._device_failed:
            return  # the rows still flash
        volume = max(0, min(100, self._settings.get(ui_settings.RING_VOLUME))) / 100
        effect.setVolume(volume * (TALKING_SHARE if self._talking else 1.0))
        if not self.sounding:
            effect.play()
            self.sounding = True

    def _effect(self):
        if self.effect is not None:
            return self.effect
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:  # a Qt without its multimedia module: flash only
            self._say_unavailable(str(exc))
            return None
        self._folder = QTemporaryDir()
        if not self._folder.isValid():
            self._say_unavailable("no temporary folder for the tone")
            return None
        path = write_ring_tone(Path(self._folder.path()) / "ring.wav")
        effect = QSoundEffect(self)
        effect.statusChanged.connect(self._status_changed)
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        self.effect = effect
        return effect

    def _status_changed(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect
        if self.effect is not None and self.effect.status() == QSoundEffect.Status.Error:
            # Each further try would block the window while Qt looks for a
            # device again; a desk gets its sound back with a restart.
            self._device_failed = True
            self.sounding = False
            self._say_unavailable("no sound device can play it")

    def _say_unavailable(self, why: str) -> None:
        if not self._unavailable_said:
            self._unavailable_said = True
            log.warning("ring tone unavailable (%s); ringing calls still flash", why)
